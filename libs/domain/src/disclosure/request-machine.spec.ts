import {
  DISCLOSURE_PERIODS_2008,
  DISCLOSURE_PERIODS_2019,
  type DisclosureActor,
  type DisclosureCommand,
  DisclosureRefusal,
  DisclosureRequestMachine,
  disclosurePeriodsFor,
} from '#domain';
import { at, DISCLOSURE_OFFICER as OFFICER, makeDisclosureInput as makeInput } from '#factories/disclosure';

const OTHER_COUNTY_OFFICER: DisclosureActor = { ...OFFICER, userId: 'u-lc', regionPath: '/33/3303/330302/' };
const APPLICANT: DisclosureActor = { userId: 'u-zhangsan', name: '张三', role: 'applicant', orgId: 'o-330303', regionPath: '/33/3303/330303/' };
const OTHER_APPLICANT: DisclosureActor = { ...APPLICANT, userId: 'u-lisi', name: '李四' };
const HANDLER: DisclosureActor = { userId: 'u-hb', name: '环保承办', role: 'handler', orgId: 'o-hb', regionPath: '/33/3303/330303/' };

function act(machine: DisclosureRequestMachine, command: DisclosureCommand, now: number) {
  machine.validate(command, now);
  machine.apply(command, now);
}

function refusal(machine: DisclosureRequestMachine, command: DisclosureCommand, now: number): { code: string; details: unknown[] } | 'accepted' {
  try {
    machine.validate(command, now);
  } catch (error) {
    if (error instanceof DisclosureRefusal) return { code: error.code, details: error.details };
    throw error;
  }
  return 'accepted';
}

describe('the disclosure request state machine', () => {
  it('counts 20 working days from the day after receipt, across a weekend and the 国庆 holidays', () => {
    // Received Wed 23 Sep 2026: 25 Sep (中秋) and 1–7 Oct are off, Sat 10 Oct is a working day.
    const m = DisclosureRequestMachine.start(makeInput({ receivedOn: '2026-09-23', submittedAt: at('2026-09-23') }));
    expect(m.dueOn()).toBe('2026-10-28');
    expect(m.dueAt()).toBe(Date.parse('2026-10-28T18:00:00+08:00'));
  });

  it('takes the periods as configuration: 15 + 15 under the 2008 rules, 20 + 20 under 2019', () => {
    const older = DisclosureRequestMachine.start(makeInput({ receivedOn: '2026-09-23', periods: DISCLOSURE_PERIODS_2008 }));
    expect(older.dueOn()).toBe('2026-10-21');
    act(older, { type: 'extend', actor: OFFICER, reason: '需调取档案', approvedBy: '办公室主任 王某' }, at('2026-10-12'));
    expect(older.view()).toMatchObject({ dueOn: '2026-11-11', extension: { days: 15 } });
    // The 2008 rules set no 7-day limit on the correction notice; 2019 does.
    const late = at('2026-10-19');
    expect(
      refusal(
        DisclosureRequestMachine.start(makeInput({ receivedOn: '2026-09-23', periods: DISCLOSURE_PERIODS_2008 })),
        { type: 'requestCorrection', actor: OFFICER, items: ['x'] },
        late,
      ),
    ).toBe('accepted');
    expect(
      refusal(DisclosureRequestMachine.start(makeInput({ receivedOn: '2026-09-23' })), { type: 'requestCorrection', actor: OFFICER, items: ['x'] }, late),
    ).toMatchObject({ code: 'DISCLOSURE_CORRECTION_TOO_LATE' });

    const current = DisclosureRequestMachine.start(makeInput({ receivedOn: '2026-09-23' }));
    act(current, { type: 'extend', actor: OFFICER, reason: '需调取档案', approvedBy: '办公室主任 王某' }, at('2026-10-12'));
    expect(current.view()).toMatchObject({ dueOn: '2026-11-25', extension: { days: 20, approvedBy: '办公室主任 王某' } });
    expect(current.state.documents.map((d) => d.title)).toEqual(['政府信息公开申请延期答复告知书']);
  });

  it('refuses a second extension, one after the due date, and one longer than the rules allow', () => {
    const m = DisclosureRequestMachine.start(makeInput());
    expect(refusal(m, { type: 'extend', actor: OFFICER, reason: 'r', approvedBy: 'h', days: 21 }, at('2026-03-10'))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect(refusal(m, { type: 'extend', actor: OFFICER, reason: 'r', approvedBy: '' }, at('2026-03-10'))).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'approvedBy', rule: 'required' }],
    });
    act(m, { type: 'extend', actor: OFFICER, reason: '涉及多个部门', approvedBy: '主任', days: 10 }, at('2026-03-10'));
    expect(m.dueOn()).toBe('2026-04-14'); // 30 working days; 6 Apr (清明) is off
    expect(refusal(m, { type: 'extend', actor: OFFICER, reason: '再延', approvedBy: '主任' }, at('2026-03-11'))).toMatchObject({
      code: 'DISCLOSURE_EXTENSION_USED',
    });
    const overdue = DisclosureRequestMachine.start(makeInput());
    expect(refusal(overdue, { type: 'extend', actor: OFFICER, reason: 'r', approvedBy: 'h' }, at('2026-03-31'))).toMatchObject({
      code: 'DISCLOSURE_EXTENSION_TOO_LATE',
    });
  });

  it('asks for corrections once, within 7 working days, and restarts the period from the corrected application', () => {
    const m = DisclosureRequestMachine.start(makeInput());
    expect(m.dueOn()).toBe('2026-03-30');
    expect(refusal(m, { type: 'requestCorrection', actor: OFFICER, items: [' '] }, at('2026-03-05'))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(refusal(m, { type: 'requestCorrection', actor: OFFICER, items: ['x'] }, at('2026-03-12'))).toMatchObject({ code: 'DISCLOSURE_CORRECTION_TOO_LATE' });
    act(m, { type: 'requestCorrection', actor: OFFICER, items: ['请写明信息的文号或年份', '请写明所涉项目名称'], correctionDays: 10 }, at('2026-03-11'));
    expect(m.view()).toMatchObject({ status: 'correction', correction: { dueOn: '2026-03-25', items: ['请写明信息的文号或年份', '请写明所涉项目名称'] } });
    expect(refusal(m, { type: 'reply', actor: OFFICER, reply: { type: 'not_exist' } }, at('2026-03-12'))).toMatchObject({
      code: 'DISCLOSURE_REQUEST_WRONG_STATE',
    });
    expect(refusal(m, { type: 'submitCorrection', actor: OTHER_APPLICANT, supplement: 's' }, at('2026-03-12'))).toMatchObject({
      code: 'DISCLOSURE_ACTOR_NOT_ALLOWED',
    });
    act(m, { type: 'submitCorrection', actor: APPLICANT, supplement: '龙财〔2025〕12号文件所附明细' }, at('2026-03-16'));
    expect(m.view()).toMatchObject({ status: 'processing', receivedOn: '2026-03-16', firstReceivedOn: '2026-03-02', dueOn: '2026-04-14' });
    expect(refusal(m, { type: 'requestCorrection', actor: OFFICER, items: ['再补'] }, at('2026-03-17'))).toMatchObject({
      code: 'DISCLOSURE_CORRECTION_ALREADY_REQUESTED',
    });
  });

  it('lapses an application not corrected in time (视为放弃申请)', () => {
    const m = DisclosureRequestMachine.start(makeInput());
    act(m, { type: 'requestCorrection', actor: OFFICER, items: ['请明确所需信息'], correctionDays: 5 }, at('2026-03-03'));
    expect(m.nextWakeAt()).toBe(Date.parse('2026-03-10T18:00:00+08:00'));
    expect(m.tick(at('2026-03-10', '17:59')).changed).toBe(false);
    expect(m.tick(Date.parse('2026-03-10T18:00:00+08:00')).changed).toBe(true);
    expect(m.view()).toMatchObject({ status: 'lapsed', finishedAt: Date.parse('2026-03-10T18:00:00+08:00') });
    expect(refusal(m, { type: 'submitCorrection', actor: APPLICANT, supplement: '迟到的补正' }, at('2026-03-11'))).toMatchObject({
      code: 'DISCLOSURE_REQUEST_FINISHED',
    });
  });

  it("excludes the third party's time from the period, at most 15 working days", () => {
    const m = DisclosureRequestMachine.start(makeInput());
    act(m, { type: 'consultThirdParty', actor: OFFICER, thirdParty: '温州某某建设有限公司', matter: '合同价款是否涉及商业秘密' }, at('2026-03-09'));
    expect(m.view()).toMatchObject({ status: 'consulting', consultations: [{ dueOn: '2026-03-30' }] });
    expect(refusal(m, { type: 'reply', actor: OFFICER, reply: { type: 'granted', content: 'x' } }, at('2026-03-10'))).toMatchObject({
      code: 'DISCLOSURE_REQUEST_WRONG_STATE',
    });
    act(m, { type: 'recordThirdPartyOpinion', actor: OFFICER, opinion: 'disagree', note: '涉及报价策略' }, at('2026-03-13'));
    expect(m.view()).toMatchObject({ status: 'processing', excludedDays: 4, dueOn: '2026-04-03' });

    // No opinion at all: the clock runs again when the third party's 15 working days are over.
    const silent = DisclosureRequestMachine.start(makeInput());
    act(silent, { type: 'consultThirdParty', actor: OFFICER, thirdParty: '某公司' }, at('2026-03-09'));
    expect(silent.nextWakeAt()).toBe(Date.parse('2026-03-30T18:00:00+08:00'));
    silent.tick(Date.parse('2026-03-30T18:00:00+08:00'));
    expect(silent.view()).toMatchObject({ status: 'processing', excludedDays: 15, consultations: [{ opinion: 'none' }], dueOn: '2026-04-21' });
  });

  it('raises a yellow card 3 working days before the due date and a red one when it passes, not while the clock stands', () => {
    const m = DisclosureRequestMachine.start(makeInput());
    // Due Mon 30 Mar: the warning starts on Wed 25 Mar.
    expect(m.nextWakeAt()).toBe(Date.parse('2026-03-25T08:30:00+08:00'));
    expect(m.tick(Date.parse('2026-03-25T08:30:00+08:00')).alarms.map((a) => [a.kind, a.level])).toEqual([['disclosure-due-near', 'yellow']]);
    expect(m.nextWakeAt()).toBe(Date.parse('2026-03-30T18:00:00+08:00'));
    expect(m.tick(Date.parse('2026-03-30T18:00:00+08:00')).alarms.map((a) => [a.kind, a.level])).toEqual([['disclosure-overdue', 'red']]);
    expect(m.view().alarmLevel).toBe('red');
    expect(m.nextWakeAt()).toBeNull();

    const paused = DisclosureRequestMachine.start(makeInput());
    act(paused, { type: 'consultThirdParty', actor: OFFICER, thirdParty: '某公司' }, at('2026-03-03'));
    expect(paused.tick(at('2026-03-24')).alarms).toEqual([]);
  });

  it('raises a calendar alarm instead of guessing when the due date falls in a year without a calendar', () => {
    const m = DisclosureRequestMachine.start(makeInput({ receivedOn: '2026-12-20', submittedAt: at('2026-12-20') }));
    expect(m.dueOn()).toBeNull();
    expect(m.tick(at('2026-12-20')).alarms.map((a) => a.kind)).toEqual(['calendar-missing']);
  });

  it('takes an online application as received on the day the agency confirms it (Art. 31)', () => {
    const m = DisclosureRequestMachine.start(makeInput({ channel: 'online', receivedOn: null, submittedAt: at('2026-03-06', '21:00') }));
    expect(m.view()).toMatchObject({ status: 'awaiting_confirmation', dueOn: null });
    expect(refusal(m, { type: 'reply', actor: OFFICER, reply: { type: 'not_exist' } }, at('2026-03-09'))).toMatchObject({
      code: 'DISCLOSURE_REQUEST_WRONG_STATE',
    });
    act(m, { type: 'confirmReceipt', actor: OFFICER }, at('2026-03-09'));
    expect(m.view()).toMatchObject({ status: 'processing', receivedOn: '2026-03-09', firstReceivedOn: '2026-03-09', dueOn: '2026-04-07' });
  });

  it('raises a yellow card for an online application unconfirmed after 2 working days and a red one after 5, none once confirmed', () => {
    // Submitted Friday evening 6 Mar: the 2nd working day after is Tue 10 Mar, the 5th Fri 13 Mar.
    const m = DisclosureRequestMachine.start(makeInput({ channel: 'online', receivedOn: null, submittedAt: at('2026-03-06', '21:00') }));
    expect(m.nextWakeAt()).toBe(Date.parse('2026-03-10T18:00:00+08:00'));
    expect(m.tick(at('2026-03-10', '17:59')).alarms).toEqual([]);
    expect(m.tick(Date.parse('2026-03-10T18:00:00+08:00')).alarms.map((a) => [a.key, a.kind, a.level])).toEqual([
      ['unconfirmed:yellow', 'disclosure-unconfirmed', 'yellow'],
    ]);
    expect(m.nextWakeAt()).toBe(Date.parse('2026-03-13T18:00:00+08:00'));
    expect(m.tick(Date.parse('2026-03-13T18:00:00+08:00')).alarms.map((a) => [a.kind, a.level])).toEqual([['disclosure-unconfirmed', 'red']]);
    expect(m.view().alarmLevel).toBe('red');
    // Confirmed at last: the period runs from that day and only its own alarms follow.
    act(m, { type: 'confirmReceipt', actor: OFFICER }, at('2026-03-16'));
    expect(m.view()).toMatchObject({ status: 'processing', receivedOn: '2026-03-16', dueOn: '2026-04-14' });
    expect(m.nextWakeAt()).toBe(Date.parse('2026-04-09T08:30:00+08:00'));
    expect(m.tick(at('2026-03-17')).alarms).toEqual([]);

    const prompt = DisclosureRequestMachine.start(makeInput({ channel: 'online', receivedOn: null, submittedAt: at('2026-03-06', '21:00') }));
    act(prompt, { type: 'confirmReceipt', actor: OFFICER }, at('2026-03-09'));
    expect(prompt.tick(Date.parse('2026-03-13T18:00:00+08:00')).alarms).toEqual([]);
  });

  it('takes the unconfirmed alarm days from the configuration, and none while replaying an older history', () => {
    const periods = disclosurePeriodsFor('2008', { yellowDays: 1, redDays: 3 });
    expect(periods).toMatchObject({ rules: '2008', replyDays: 15, extensionDays: 15, unconfirmedYellowDays: 1, unconfirmedRedDays: 3 });
    expect(() => disclosurePeriodsFor('2019', { yellowDays: 3, redDays: 3 })).toThrow(RangeError);
    const m = DisclosureRequestMachine.start(makeInput({ channel: 'online', receivedOn: null, submittedAt: at('2026-03-06', '21:00'), periods }));
    expect(m.nextWakeAt()).toBe(Date.parse('2026-03-09T18:00:00+08:00'));
    m.alarmsWhileUnconfirmed = false;
    expect(m.nextWakeAt()).toBeNull();
    expect(m.tick(at('2026-03-20')).alarms).toEqual([]);
    // An input from before the setting existed gets the defaults.
    const { unconfirmedYellowDays: _y, unconfirmedRedDays: _r, rules: _rules, ...older } = DISCLOSURE_PERIODS_2019;
    const old = DisclosureRequestMachine.start(makeInput({ channel: 'online', receivedOn: null, submittedAt: at('2026-03-06', '21:00'), periods: older }));
    expect(old.nextWakeAt()).toBe(Date.parse('2026-03-10T18:00:00+08:00'));
  });

  it("lets only the disclosure officers of the agency's region act, and the applicant only correct and withdraw", () => {
    const m = DisclosureRequestMachine.start(makeInput());
    const reply: DisclosureCommand = { type: 'reply', actor: APPLICANT, reply: { type: 'granted', content: '见附件' } };
    expect(refusal(m, reply, at('2026-03-03'))).toMatchObject({ code: 'DISCLOSURE_ACTOR_NOT_ALLOWED' });
    expect(refusal(m, { ...reply, actor: HANDLER }, at('2026-03-03'))).toMatchObject({ code: 'DISCLOSURE_ACTOR_NOT_ALLOWED' });
    expect(refusal(m, { ...reply, actor: OTHER_COUNTY_OFFICER }, at('2026-03-03'))).toMatchObject({ code: 'DISCLOSURE_ACTOR_NOT_ALLOWED' });
    expect(refusal(m, { type: 'withdraw', actor: OTHER_APPLICANT, reason: '不需要了' }, at('2026-03-03'))).toMatchObject({
      code: 'DISCLOSURE_ACTOR_NOT_ALLOWED',
    });
    act(m, { type: 'withdraw', actor: APPLICANT, reason: '已通过其他途径获取' }, at('2026-03-03'));
    expect(m.view()).toMatchObject({ status: 'withdrawn', withdrawal: { reason: '已通过其他途径获取' } });
  });

  it.each([
    ['published', { type: 'published' }, ['reply.location'], { type: 'published', location: '龙湾区人民政府门户网站“政府信息公开”栏目' }],
    ['granted', { type: 'granted' }, ['reply.content'], { type: 'granted', content: '所申请信息见附件' }],
    ['partial', { type: 'partial', content: '见附件' }, ['reply.refusalReason'], { type: 'partial', content: '见附件', refusalReason: 'third_party_rights' }],
    ['refused', { type: 'refused' }, ['reply.refusalReason'], { type: 'refused', refusalReason: 'process_information' }],
    ['not_exist', { type: 'not_exist', notHeldReason: 'lost' }, ['reply.notHeldReason'], { type: 'not_exist' }],
    ['not_responsible', { type: 'not_responsible' }, ['reply.responsibleBody'], { type: 'not_responsible', responsibleBody: '温州市自然资源和规划局龙湾分局' }],
    ['repeated', { type: 'repeated' }, ['reply.earlierNumber'], { type: 'repeated', earlierNumber: '龙政公开〔2026〕第0001号' }],
    ['other_law', { type: 'other_law' }, ['reply.register'], { type: 'other_law', register: '《不动产登记暂行条例》：向龙湾区不动产登记中心申请查询' }],
  ] as const)('validates a %s reply and finishes the application with it', (_name, incomplete, fields, complete) => {
    const m = DisclosureRequestMachine.start(makeInput());
    const bad = refusal(m, { type: 'reply', actor: OFFICER, reply: incomplete as never }, at('2026-03-10'));
    expect(bad).toMatchObject({ code: 'DISCLOSURE_REPLY_INCOMPLETE' });
    expect((bad as { details: { field: string }[] }).details.map((d) => d.field)).toEqual(fields);
    act(m, { type: 'reply', actor: OFFICER, reply: complete as never }, at('2026-03-10'));
    expect(m.view()).toMatchObject({ status: 'replied', onTime: true, reply: { ...complete, by: 'u-officer' } });
    expect(m.state.documents.map((d) => d.title)).toEqual(['政府信息公开申请答复书']);
    expect(refusal(m, { type: 'reply', actor: OFFICER, reply: complete as never }, at('2026-03-11'))).toMatchObject({ code: 'DISCLOSURE_REQUEST_FINISHED' });
  });
});
