import { CaseMachine, CaseRefusal, type CaseCommand, DEFAULT_ALARM_RULES, feeRuleOf, feeViolation, highestYuan, validateAlarmRules } from '#domain';
import { ACTORS, examplePlan, makeCaseInput } from '#factories/flows';

const T0 = Date.parse('2026-03-02T09:00:00+08:00'); // a Monday; no holiday until 清明 (April)
const at = (iso: string) => Date.parse(iso);

function act(machine: CaseMachine, command: CaseCommand, time: number) {
  machine.validate(command);
  machine.apply(command, time);
}

function token(machine: CaseMachine, nodeId: string) {
  return machine.state.active.find((s) => s.nodeId === nodeId)!.token;
}

function refusalCode(machine: CaseMachine, command: CaseCommand): string {
  try {
    machine.validate(command);
    return 'accepted';
  } catch (error) {
    if (error instanceof CaseRefusal) return error.code;
    throw error;
  }
}

describe('alarm rules', () => {
  it('accepts the defaults and names each field out of range', () => {
    expect(validateAlarmRules(DEFAULT_ALARM_RULES)).toEqual([]);
    expect(validateAlarmRules({ reminderDays: -1, nearPromisedDays: 11 })).toEqual([
      { field: 'reminderDays', rule: 'min' },
      { field: 'nearPromisedDays', rule: 'max' },
    ]);
    expect(validateAlarmRules({ reminderDays: 1.5, nearPromisedDays: 0 })).toEqual([{ field: 'reminderDays', rule: 'integer' }]);
    // A reminder must come before the yellow card of the same deadline.
    expect(validateAlarmRules({ reminderDays: 2, nearPromisedDays: 2 })).toEqual([{ field: 'reminderDays', rule: 'after-yellow' }]);
    expect(validateAlarmRules({ reminderDays: 0, nearPromisedDays: 3 })).toEqual([]);
  });

  it('reads the highest amount a fee standard names and judges fees by it (违规收费)', () => {
    expect(highestYuan('每件50元')).toBe(50);
    expect(highestYuan('正本 10 元/本，副本 2.5元/本')).toBe(10);
    expect(highestYuan('按实际成本收取')).toBeNull();
    expect(feeViolation(feeRuleOf({ free: true, items: [] }), 0)).toBeNull();
    expect(feeViolation(feeRuleOf({ free: true, items: [] }), 20)).toContain('不收费');
    const charged = feeRuleOf({
      free: false,
      items: [
        { name: '工本费', standard: '每证10元' },
        { name: '检测费', standard: '每次200元' },
      ],
    });
    expect(feeViolation(charged, 210)).toBeNull();
    expect(feeViolation(charged, 211)).toContain('超过收费标准 210 元');
    expect(feeViolation(feeRuleOf({ free: false, items: [{ name: '成本费', standard: '按成本' }] }), 9999)).toBeNull();
  });
});

describe('alarms a case raises under its rules', () => {
  it('reminds one working day before a step deadline and the promised date, then yellow and red, each once', () => {
    const m = CaseMachine.start(makeCaseInput(examplePlan('county-permit'), { receivedAt: T0, alarmRules: { ...DEFAULT_ALARM_RULES, version: 3 } }));
    // Intake (1 working day, due Tue 18:00) is too short for a reminder a day before it: its first alarm is the yellow card.
    expect(m.nextAlarmAt()).toBe(at('2026-03-03T18:00:00+08:00'));
    act(m, { type: 'act', token: token(m, 'intake'), action: 'accept', actor: ACTORS.zxClerk }, at('2026-03-02T10:00:00+08:00'));
    // Review: 8 working days from Mon 10:00 → due Thu 12 March 18:00; reminder from the morning of Wed 11 March.
    const review = m.state.active[0]!;
    expect(review.deadlineAt).toBe(at('2026-03-12T18:00:00+08:00'));
    expect(m.nextAlarmAt()).toBe(at('2026-03-11T08:30:00+08:00'));
    expect(m.raiseDueAlarms(at('2026-03-11T08:29:59+08:00'))).toEqual([]);
    expect(m.raiseDueAlarms(at('2026-03-11T08:30:00+08:00')).map((a) => [a.kind, a.level])).toEqual([['step-reminder', 'reminder']]);
    expect(m.raiseDueAlarms(at('2026-03-11T09:00:00+08:00'))).toEqual([]);
    expect(m.view().alarmLevel).toBe('reminder');
    // Promised: 15 working days from Mon 2 March → Mon 23 March 18:00; reminder Fri 20 March 08:30, yellow Mon 23 March 08:30.
    expect(m.state.promisedDeadlineAt).toBe(at('2026-03-23T18:00:00+08:00'));
    const late = m.raiseDueAlarms(at('2026-03-24T09:00:00+08:00'));
    expect(late.map((a) => [a.kind, a.level, new Date(a.dueAt).toISOString()])).toEqual([
      ['step-overdue', 'yellow', '2026-03-12T10:00:00.000Z'],
      ['promised-reminder', 'reminder', '2026-03-20T00:30:00.000Z'],
      ['promised-near', 'yellow', '2026-03-23T00:30:00.000Z'],
      ['promised-passed', 'red', '2026-03-23T10:00:00.000Z'],
    ]);
    // Never twice for one breach: the same instant again, or later, raises nothing already raised.
    expect(m.raiseDueAlarms(at('2026-03-24T09:00:00+08:00'))).toEqual([]);
    expect(m.raiseDueAlarms(at('2026-04-30T09:00:00+08:00')).map((a) => a.kind)).toEqual(['legal-passed']);
    expect(m.raiseDueAlarms(at('2026-05-30T09:00:00+08:00'))).toEqual([]);
    expect(m.view().alarmLevel).toBe('red');
  });

  it('keeps a case filed before rule sets existed on the old rules: no reminders', () => {
    const m = CaseMachine.start(makeCaseInput(examplePlan('county-permit'), { receivedAt: T0 }));
    act(m, { type: 'act', token: token(m, 'intake'), action: 'accept', actor: ACTORS.zxClerk }, at('2026-03-02T10:00:00+08:00'));
    const kinds = m.raiseDueAlarms(at('2026-03-24T09:00:00+08:00')).map((a) => a.kind);
    expect(kinds).toEqual(['step-overdue', 'promised-near', 'promised-passed']);
  });

  it('moves the yellow card earlier when the office asks for more warning before the promised date', () => {
    const m = CaseMachine.start(
      makeCaseInput(examplePlan('county-permit'), { receivedAt: T0, alarmRules: { version: 4, reminderDays: 3, nearPromisedDays: 2 } }),
    );
    act(m, { type: 'act', token: token(m, 'intake'), action: 'accept', actor: ACTORS.zxClerk }, at('2026-03-02T10:00:00+08:00'));
    const raised = m.raiseDueAlarms(at('2026-03-19T12:00:00+08:00'));
    expect(raised.filter((a) => a.token === null).map((a) => [a.kind, new Date(a.dueAt).toISOString()])).toEqual([
      ['promised-reminder', '2026-03-18T00:30:00.000Z'], // Wed 18 March: three working days before Mon 23
      ['promised-near', '2026-03-19T00:30:00.000Z'], // Thu 19 March: two working days before
    ]);
  });

  it('raises a red card for a fee on a free item, even with the delivery that ends the case', () => {
    const m = CaseMachine.start(
      makeCaseInput(examplePlan('county-permit'), { receivedAt: T0, alarmRules: DEFAULT_ALARM_RULES, fee: feeRuleOf({ free: true, items: [] }) }),
    );
    act(m, { type: 'act', token: token(m, 'intake'), action: 'accept', actor: ACTORS.zxClerk }, T0 + 3600_000);
    act(m, { type: 'act', token: token(m, 'review'), action: 'opinion', opinion: '同意', actor: ACTORS.aj }, T0 + 2 * 3600_000);
    act(
      m,
      { type: 'act', token: token(m, 'decide'), action: 'decide', decision: 'approved', opinion: '准予', feeYuan: 0, actor: ACTORS.aj },
      T0 + 3 * 3600_000,
    );
    expect(m.raiseDueAlarms(T0 + 3 * 3600_000)).toEqual([]);
    const delivered = T0 + 4 * 3600_000;
    act(m, { type: 'act', token: token(m, 'deliverLicence'), action: 'deliver', feeYuan: 50, actor: ACTORS.zxClerk }, delivered);
    expect(m.state.status).toBe('finished');
    const [violation, ...rest] = m.raiseDueAlarms(delivered);
    expect(rest).toEqual([]);
    expect(violation).toMatchObject({ kind: 'violation-fee', level: 'red', dueAt: delivered });
    expect(m.raiseDueAlarms(delivered + 1)).toEqual([]);
  });

  it('refuses a refusal without stated reasons (a violation) and a fee on an action that is not decide or deliver', () => {
    const m = CaseMachine.start(makeCaseInput(examplePlan('county-permit'), { receivedAt: T0 }));
    expect(refusalCode(m, { type: 'act', token: token(m, 'intake'), action: 'accept', feeYuan: 5, actor: ACTORS.zxClerk })).toBe('VALIDATION_FAILED');
    act(m, { type: 'act', token: token(m, 'intake'), action: 'accept', actor: ACTORS.zxClerk }, T0 + 3600_000);
    act(m, { type: 'act', token: token(m, 'review'), action: 'opinion', opinion: '不同意', actor: ACTORS.aj }, T0 + 2 * 3600_000);
    expect(refusalCode(m, { type: 'act', token: token(m, 'decide'), action: 'decide', decision: 'denied', opinion: '  ', actor: ACTORS.aj })).toBe(
      'CASE_REASON_REQUIRED',
    );
    expect(refusalCode(m, { type: 'act', token: token(m, 'decide'), action: 'decide', decision: 'approved', feeYuan: -1, actor: ACTORS.aj })).toBe(
      'VALIDATION_FAILED',
    );
    expect(refusalCode(m, { type: 'act', token: token(m, 'decide'), action: 'decide', decision: 'denied', opinion: '不符合条件', actor: ACTORS.aj })).toBe(
      'accepted',
    );
  });
});
