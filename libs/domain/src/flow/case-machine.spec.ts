import { CaseMachine, CaseRefusal, type CaseCommand } from '#domain';
import { ACTORS, examplePlan, makeCaseInput } from '#factories/flows';

const T0 = Date.parse('2026-03-02T09:00:00+08:00'); // a Monday
const HOUR = 3600_000;

function act(machine: CaseMachine, command: CaseCommand, at: number) {
  machine.validate(command);
  machine.apply(command, at);
}

function step(machine: CaseMachine, nodeId: string) {
  const found = machine.state.active.find((s) => s.nodeId === nodeId);
  if (!found) throw new Error(`no active step ${nodeId}; active: ${machine.state.active.map((s) => s.nodeId)}`);
  return found.token;
}

function refusal(machine: CaseMachine, command: CaseCommand): string {
  try {
    machine.validate(command);
  } catch (error) {
    if (error instanceof CaseRefusal) return error.code;
    throw error;
  }
  return 'accepted';
}

describe('the case state machine', () => {
  it('runs the county permit to approval with the sealed decision document carrying the item and the opinion', () => {
    const m = CaseMachine.start(makeCaseInput(examplePlan('county-permit')));
    act(m, { type: 'act', token: step(m, 'intake'), action: 'accept', actor: ACTORS.zxClerk }, T0 + HOUR);
    act(m, { type: 'act', token: step(m, 'review'), action: 'opinion', opinion: '材料齐全，符合条件', actor: ACTORS.aj }, T0 + 2 * HOUR);
    act(m, { type: 'act', token: step(m, 'decide'), action: 'decide', decision: 'approved', opinion: '准予许可', actor: ACTORS.aj }, T0 + 3 * HOUR);
    act(m, { type: 'act', token: step(m, 'deliverLicence'), action: 'deliver', actor: ACTORS.zxClerk }, T0 + 4 * HOUR);
    expect(m.state).toMatchObject({ status: 'finished', outcome: 'approved' });
    const decision = m.state.documents.find((d) => d.title === '准予行政许可决定书')!;
    expect(decision).toMatchObject({ itemCode: '33030300GS-XK-0001', itemName: '企业设立登记', decision: 'approved', opinion: '准予许可', sealed: true });
    expect(m.state.documents.map((d) => d.title)).toContain('受理通知书');
  });

  it('ends as 不予受理 when intake rejects, and needs a reason', () => {
    const m = CaseMachine.start(makeCaseInput(examplePlan('county-permit')));
    expect(refusal(m, { type: 'act', token: step(m, 'intake'), action: 'reject', actor: ACTORS.zxClerk })).toBe('CASE_REASON_REQUIRED');
    act(m, { type: 'act', token: step(m, 'intake'), action: 'reject', opinion: '不属于本机关职权范围', actor: ACTORS.zxClerk }, T0);
    expect(m.state).toMatchObject({ status: 'finished', outcome: 'notAccepted' });
  });

  it('refuses the wrong step, action, department, post, level and a finished case', () => {
    const m = CaseMachine.start(makeCaseInput(examplePlan('county-review-city-approval')));
    const intake = step(m, 'intake');
    expect(refusal(m, { type: 'act', token: 'countyReview#9', action: 'opinion', opinion: 'x', actor: ACTORS.aj })).toBe('CASE_STEP_NOT_ACTIVE');
    expect(refusal(m, { type: 'act', token: intake, action: 'decide', decision: 'approved', actor: ACTORS.zxClerk })).toBe('CASE_ACTION_NOT_ALLOWED');
    expect(refusal(m, { type: 'act', token: intake, action: 'accept', actor: ACTORS.gs })).toBe('CASE_ACTOR_NOT_ALLOWED');
    act(m, { type: 'act', token: intake, action: 'accept', actor: ACTORS.zxClerk }, T0);
    act(m, { type: 'act', token: step(m, 'countyReview'), action: 'opinion', opinion: '初审同意', actor: ACTORS.aj }, T0);
    // The county's AJ may not do the city's review; the city's AJ may.
    expect(refusal(m, { type: 'act', token: step(m, 'cityReview'), action: 'opinion', opinion: 'x', actor: ACTORS.aj })).toBe('CASE_ACTOR_NOT_ALLOWED');
    act(m, { type: 'act', token: step(m, 'cityReview'), action: 'opinion', opinion: '市级审查同意', actor: ACTORS.cityAj }, T0);
    act(m, { type: 'act', token: step(m, 'cityDecide'), action: 'decide', decision: 'denied', opinion: '不符合条件', actor: ACTORS.cityAj }, T0);
    act(m, { type: 'act', token: step(m, 'deliverRefusal'), action: 'deliver', actor: ACTORS.zxClerk }, T0);
    expect(m.state.outcome).toBe('denied');
    expect(refusal(m, { type: 'withdraw', reason: '不办了', actor: ACTORS.applicant })).toBe('CASE_FINISHED');
  });

  it('binds intake and feedback to the centre where the case was filed (基层受理、基层反馈)', () => {
    const m = CaseMachine.start(makeCaseInput(examplePlan('township-intake')));
    expect(refusal(m, { type: 'act', token: step(m, 'intake'), action: 'accept', actor: ACTORS.otherBmClerk })).toBe('CASE_ACTOR_NOT_ALLOWED');
    expect(refusal(m, { type: 'act', token: step(m, 'intake'), action: 'accept', actor: ACTORS.zxClerk })).toBe('CASE_ACTOR_NOT_ALLOWED');
    act(m, { type: 'act', token: step(m, 'intake'), action: 'accept', actor: ACTORS.bmClerk }, T0);
    act(m, { type: 'act', token: step(m, 'countyReview'), action: 'opinion', opinion: '同意', actor: ACTORS.gs }, T0);
    act(m, { type: 'act', token: step(m, 'decide'), action: 'decide', decision: 'approved', actor: ACTORS.gs }, T0);
    expect(refusal(m, { type: 'act', token: step(m, 'feedbackApproved'), action: 'deliver', actor: ACTORS.otherBmClerk })).toBe('CASE_ACTOR_NOT_ALLOWED');
    act(m, { type: 'act', token: step(m, 'feedbackApproved'), action: 'deliver', actor: ACTORS.bmClerk }, T0);
    expect(m.state.outcome).toBe('approved');
  });

  describe('parallel approval (并联审批)', () => {
    function atFork() {
      const m = CaseMachine.start(makeCaseInput(examplePlan('enterprise-establishment')));
      act(m, { type: 'act', token: step(m, 'intake'), action: 'accept', actor: ACTORS.zxClerk }, T0);
      return m;
    }

    it('runs the three departments at once and joins when all are done, lead first', () => {
      const m = atFork();
      expect(m.state.active.map((s) => s.nodeId).sort()).toEqual(['gsReview', 'hbReview', 'zjReview']);
      act(m, { type: 'act', token: step(m, 'gsReview'), action: 'opinion', opinion: '主办同意', actor: ACTORS.gs }, T0);
      act(m, { type: 'act', token: step(m, 'zjReview'), action: 'opinion', opinion: '协办同意', actor: ACTORS.zj }, T0);
      expect(m.state.active.map((s) => s.nodeId)).toEqual(['hbReview']);
      act(m, { type: 'act', token: step(m, 'hbReview'), action: 'opinion', opinion: '协办同意', actor: ACTORS.hb }, T0);
      expect(m.state.active.map((s) => s.nodeId)).toEqual(['decide']);
    });

    it('joins when the lead finishes last', () => {
      const m = atFork();
      act(m, { type: 'act', token: step(m, 'hbReview'), action: 'opinion', opinion: '同意', actor: ACTORS.hb }, T0);
      act(m, { type: 'act', token: step(m, 'zjReview'), action: 'opinion', opinion: '同意', actor: ACTORS.zj }, T0);
      expect(m.state.active.map((s) => s.nodeId)).toEqual(['gsReview']);
      act(m, { type: 'act', token: step(m, 'gsReview'), action: 'opinion', opinion: '同意', actor: ACTORS.gs }, T0);
      expect(m.state.active.map((s) => s.nodeId)).toEqual(['decide']);
    });

    it('goes on with the lead plus a quorum and cancels the branch still running', () => {
      const plan = examplePlan('enterprise-establishment', (d) => {
        d.nodes.find((n: { id: string }) => n.id === 'merge').policy = { kind: 'leadPlusQuorum', quorum: 1 };
      });
      const m = CaseMachine.start(makeCaseInput(plan));
      act(m, { type: 'act', token: step(m, 'intake'), action: 'accept', actor: ACTORS.zxClerk }, T0);
      act(m, { type: 'act', token: step(m, 'zjReview'), action: 'opinion', opinion: '同意', actor: ACTORS.zj }, T0);
      expect(m.state.active).toHaveLength(2);
      act(m, { type: 'act', token: step(m, 'gsReview'), action: 'opinion', opinion: '同意', actor: ACTORS.gs }, T0);
      expect(m.state.active.map((s) => s.nodeId)).toEqual(['decide']);
      expect(m.state.done.find((s) => s.nodeId === 'hbReview')?.completion).toBe('cancelled');
    });
  });

  it('stops the clock during correction (补正) and moves every deadline on by the working time it stood still', () => {
    const m = CaseMachine.start(makeCaseInput(examplePlan('county-permit')));
    act(m, { type: 'act', token: step(m, 'intake'), action: 'accept', actor: ACTORS.zxClerk }, T0);
    const review = m.state.active[0]!;
    const before = { step: review.deadlineAt!, promised: m.state.promisedDeadlineAt!, legal: m.state.legalDeadlineAt! };
    expect(refusal(m, { type: 'act', token: review.token, action: 'requestCorrection', correctionItems: [' '], actor: ACTORS.aj })).toBe('VALIDATION_FAILED');
    act(m, { type: 'act', token: review.token, action: 'requestCorrection', correctionItems: ['营业执照复印件', '安全评价报告'], actor: ACTORS.aj }, T0 + HOUR);
    expect(m.state.status).toBe('correction');
    expect(m.nextAlarmAt()).toBeNull();
    expect(refusal(m, { type: 'act', token: review.token, action: 'opinion', opinion: '继续', actor: ACTORS.aj })).toBe('CASE_IN_CORRECTION');
    expect(refusal(m, { type: 'resubmit', actor: ACTORS.gs })).toBe('CASE_ACTOR_NOT_ALLOWED');
    // Corrected two working days later (Monday 10:00 → Wednesday 10:00): 16 working hours.
    act(m, { type: 'resubmit', actor: ACTORS.applicant }, T0 + HOUR + 48 * HOUR);
    expect(m.state.status).toBe('running');
    expect(m.state.pausedHours).toBe(16);
    expect(m.state.active[0]!.deadlineAt! - before.step).toBeGreaterThanOrEqual(2 * 24 * HOUR);
    expect(m.state.promisedDeadlineAt).toBeGreaterThan(before.promised);
    expect(m.state.legalDeadlineAt).toBeGreaterThan(before.legal);
  });

  it('raises each alarm once when it falls due: step overdue (yellow), near and past the promised date, past the legal date (red)', () => {
    const m = CaseMachine.start(makeCaseInput(examplePlan('county-permit')));
    const intakeDeadline = m.state.active[0]!.deadlineAt!;
    expect(m.nextAlarmAt()).toBe(intakeDeadline);
    expect(m.raiseDueAlarms(intakeDeadline - 1)).toEqual([]);
    expect(m.raiseDueAlarms(intakeDeadline).map((a) => a.kind)).toEqual(['step-overdue']);
    expect(m.raiseDueAlarms(intakeDeadline + 1)).toEqual([]);
    expect(m.alarmLevel()).toBe('yellow');
    const late = m.raiseDueAlarms(m.state.legalDeadlineAt!);
    expect(late.map((a) => a.kind).sort()).toEqual(['legal-passed', 'promised-near', 'promised-passed']);
    expect(m.alarmLevel()).toBe('red');
    expect(m.nextAlarmAt()).toBeNull();
  });

  it('counts the promised period in working days from the day after receipt, over the Qingming holiday', () => {
    // Received Thursday 2026-04-02; 4-4..4-6 清明 (Saturday..Monday off): 15 working days → 2026-04-24.
    const m = CaseMachine.start(makeCaseInput(examplePlan('county-permit'), { receivedAt: Date.parse('2026-04-02T10:00:00+08:00') }));
    expect(new Date(m.state.promisedDeadlineAt!).toISOString()).toBe('2026-04-24T10:00:00.000Z');
  });

  it('gives no deadline but an alarm when the calendar lacks the year, never a guess', () => {
    const m = CaseMachine.start(makeCaseInput(examplePlan('county-permit'), { receivedAt: Date.parse('2026-12-28T10:00:00+08:00') }));
    expect(m.state.promisedDeadlineAt).toBeNull();
    expect(m.raiseDueAlarms(Date.parse('2026-12-28T10:00:00+08:00')).map((a) => a.kind)).toContain('calendar-missing');
  });

  it('lets the applicant or the intake centre withdraw, and nobody else', () => {
    const m = CaseMachine.start(makeCaseInput(examplePlan('county-permit')));
    expect(refusal(m, { type: 'withdraw', reason: '撤回', actor: ACTORS.gs })).toBe('CASE_ACTOR_NOT_ALLOWED');
    act(m, { type: 'withdraw', reason: '不再需要', actor: ACTORS.applicant }, T0);
    expect(m.state).toMatchObject({ status: 'finished', outcome: 'withdrawn', active: [] });
  });
});
