// The disclosure request workflow's periods on the Java test server with time skipping: weeks pass in
// moments. Lapse of an uncorrected application, the third party's time running out, yellow and red
// alarms stored where supervision lists them — under the 2019 and the 2008 rules.
import {
  chinaDateOf,
  DISCLOSURE_PERIODS_2008,
  DISCLOSURE_PERIODS_2019,
  type DisclosureActor,
  type DisclosurePeriods,
  type DisclosureRequestInput,
  type DisclosureRequestView,
  WorkingCalendar,
} from '#domain';
import { CaseAlarmsRepository } from '#persistence';
import {
  DISCLOSURE_REQUEST_WORKFLOW_TYPE,
  type DisclosureRequestWorkflowInput,
  disclosureCommandUpdate,
  disclosureRequestWorkflowId,
  disclosureViewQuery,
} from '#temporal';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { type ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { checkHistory, eventually } from '../test-app';
import { plainYears, useTimeSkipping } from '../time-skipping';

const OFFICER: DisclosureActor = { userId: 'officer', name: '公开科', role: 'disclosure_officer', orgId: 'zf', regionPath: '/region/' };
const DAY = 86_400_000;

describe('disclosure request periods, with time skipping', () => {
  const ts = useTimeSkipping('disclosure');

  async function start(periods: DisclosurePeriods, online = false) {
    const requestId = randomUUID();
    const now = await ts.env.currentTimeMs();
    const calendar = plainYears(new Date(now).getUTCFullYear());
    const request: DisclosureRequestInput = {
      requestId,
      number: `测政公开〔2026〕第${requestId.slice(0, 4)}号`,
      agency: { orgId: 'zf', orgPath: '/region/zf/', name: '测试区人民政府办公室' },
      applicant: { kind: 'person', name: '张三', idNumber: '330303199003071238', organizationType: null, userId: 'applicant', contact: {} },
      description: '某项目的批复文件',
      purpose: null,
      delivery: 'paper',
      channel: online ? 'online' : 'in_person',
      submittedAt: now,
      receivedOn: online ? null : chinaDateOf(now),
      registeredBy: { userId: 'officer', name: '公开科' },
      calendar,
      periods,
    };
    const handle = await ts.env.client.workflow.start<(input: DisclosureRequestWorkflowInput) => Promise<DisclosureRequestView>>(
      DISCLOSURE_REQUEST_WORKFLOW_TYPE,
      {
        taskQueue: ts.taskQueue,
        workflowId: disclosureRequestWorkflowId(requestId),
        args: [{ request }],
      },
    );
    return { handle, requestId, calendar: new WorkingCalendar(calendar), receivedOn: request.receivedOn!, submittedOn: chinaDateOf(now) };
  }

  async function until(handle: { query: (q: typeof disclosureViewQuery) => Promise<DisclosureRequestView> }, test: (v: DisclosureRequestView) => boolean) {
    return eventually(async () => {
      const view = await handle.query(disclosureViewQuery);
      return test(view) ? view : undefined;
    });
  }

  it.each([
    ['2019', 20, DISCLOSURE_PERIODS_2019],
    ['2008', 15, DISCLOSURE_PERIODS_2008],
  ] as const)(
    'under the %s rules: due after %i working days, yellow 3 working days before, red when it passes',
    async (_name, days, periods) => {
      const { handle, requestId, calendar, receivedOn } = await start(periods);
      const first = await handle.query(disclosureViewQuery);
      expect(first.dueOn).toBe(calendar.addWorkingDays(receivedOn, days));
      await ts.env.sleep(first.dueAt! - (await ts.env.currentTimeMs()) - 2 * DAY);
      const yellow = await until(handle, (v) => v.alarmLevel !== 'none');
      expect(yellow.alarms.map((a) => [a.kind, a.level])).toEqual([['disclosure-due-near', 'yellow']]);
      await ts.env.sleep(first.dueAt! - (await ts.env.currentTimeMs()) + 60_000);
      const red = await until(handle, (v) => v.alarmLevel === 'red');
      expect(red.alarms.map((a) => a.kind)).toEqual(['disclosure-due-near', 'disclosure-overdue']);
      const stored = await new CaseAlarmsRepository(ts.dataSource).findByCase(requestId);
      expect(stored.map((a) => [a.itemCode, a.kind, a.level])).toEqual([
        ['依申请公开', 'disclosure-due-near', 'yellow'],
        ['依申请公开', 'disclosure-overdue', 'red'],
      ]);
      // Too late to extend now; a reply is still taken, marked late.
      const refused: unknown = await handle
        .executeUpdate(disclosureCommandUpdate, { args: [{ type: 'extend', actor: OFFICER, reason: '迟了', approvedBy: '主任' }] })
        .catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
      expect(((refused as WorkflowUpdateFailedError).cause as ApplicationFailure).type).toBe('DISCLOSURE_EXTENSION_TOO_LATE');
      const replied = await handle.executeUpdate(disclosureCommandUpdate, { args: [{ type: 'reply', actor: OFFICER, reply: { type: 'not_exist' } }] });
      expect(replied).toMatchObject({ status: 'replied', onTime: false });
      expect((await handle.result()).status).toBe('replied');
    },
    120_000,
  );

  it('lapses an application whose correction does not come in time (视为放弃申请)', async () => {
    const { handle, calendar } = await start(DISCLOSURE_PERIODS_2019);
    const noticeDay = chinaDateOf(await ts.env.currentTimeMs());
    const notice = await handle.executeUpdate(disclosureCommandUpdate, {
      args: [{ type: 'requestCorrection', actor: OFFICER, items: ['请写明文号'], correctionDays: 5 }],
    });
    expect(notice.correction!.dueOn).toBe(calendar.addWorkingDays(noticeDay, 5));
    await ts.env.sleep(Date.parse(`${notice.correction!.dueOn}T18:00:00+08:00`) - (await ts.env.currentTimeMs()) + 60_000);
    const result = await handle.result();
    expect(result).toMatchObject({ status: 'lapsed', alarmLevel: 'none' });
    expect(result.events.map((e) => e.type)).toEqual(['requestCorrection', 'correctionLapsed']);
  }, 120_000);

  it("runs the clock again when the third party's 15 working days are over without an opinion", async () => {
    const { handle, calendar, receivedOn } = await start(DISCLOSURE_PERIODS_2019);
    const consulting = await handle.executeUpdate(disclosureCommandUpdate, { args: [{ type: 'consultThirdParty', actor: OFFICER, thirdParty: '某公司' }] });
    expect(consulting.status).toBe('consulting');
    const end = Date.parse(`${consulting.consultations[0]!.dueOn}T18:00:00+08:00`);
    await ts.env.sleep(end - (await ts.env.currentTimeMs()) + 60_000);
    const resumed = await until(handle, (v) => v.status === 'processing');
    expect(resumed).toMatchObject({ excludedDays: 15, consultations: [{ opinion: 'none' }], dueOn: calendar.addWorkingDays(receivedOn, 35), alarms: [] });
    await handle.terminate('test finished');
  }, 120_000);

  it('raises a yellow card on an online application unconfirmed after 2 working days and a red one after 5 (Art. 31)', async () => {
    const { handle, requestId, calendar, submittedOn } = await start(DISCLOSURE_PERIODS_2019, true);
    expect((await handle.query(disclosureViewQuery)).status).toBe('awaiting_confirmation');
    const endOf = (date: string) => Date.parse(`${date}T18:00:00+08:00`);
    const yellowAt = endOf(calendar.addWorkingDays(submittedOn, 2));
    await ts.env.sleep(yellowAt - (await ts.env.currentTimeMs()) - 60_000);
    expect((await handle.query(disclosureViewQuery)).alarms).toEqual([]);
    await ts.env.sleep(yellowAt - (await ts.env.currentTimeMs()) + 60_000);
    const yellow = await until(handle, (v) => v.alarmLevel !== 'none');
    expect(yellow.alarms.map((a) => [a.kind, a.level, a.dueAt])).toEqual([['disclosure-unconfirmed', 'yellow', yellowAt]]);
    const redAt = endOf(calendar.addWorkingDays(submittedOn, 5));
    await ts.env.sleep(redAt - (await ts.env.currentTimeMs()) + 60_000);
    const red = await until(handle, (v) => v.alarmLevel === 'red');
    expect(red.alarms.map((a) => [a.kind, a.level, a.dueAt])).toEqual([
      ['disclosure-unconfirmed', 'yellow', yellowAt],
      ['disclosure-unconfirmed', 'red', redAt],
    ]);
    const stored = await new CaseAlarmsRepository(ts.dataSource).findByCase(requestId);
    expect(stored.map((a) => [a.itemCode, a.kind, a.level])).toEqual([
      ['依申请公开', 'disclosure-unconfirmed', 'yellow'],
      ['依申请公开', 'disclosure-unconfirmed', 'red'],
    ]);
    // Confirmed at last: received that day, and the period runs from it.
    const confirmed = await handle.executeUpdate(disclosureCommandUpdate, { args: [{ type: 'confirmReceipt', actor: OFFICER }] });
    const today = chinaDateOf(await ts.env.currentTimeMs());
    expect(confirmed).toMatchObject({ status: 'processing', receivedOn: today, dueOn: calendar.addWorkingDays(today, 20) });
    await handle.executeUpdate(disclosureCommandUpdate, { args: [{ type: 'reply', actor: OFFICER, reply: { type: 'not_exist' } }] });
    expect((await handle.result()).status).toBe('replied');
    await checkHistory(ts.env.client, handle.workflowId, 'disclosureRequestWorkflow-unconfirmed-alarms');
  }, 120_000);

  it('raises nothing on an online application confirmed in time', async () => {
    const { handle, calendar, submittedOn } = await start(DISCLOSURE_PERIODS_2008, true);
    const confirmed = await handle.executeUpdate(disclosureCommandUpdate, { args: [{ type: 'confirmReceipt', actor: OFFICER }] });
    expect(confirmed.dueOn).toBe(calendar.addWorkingDays(submittedOn, 15));
    await ts.env.sleep(Date.parse(`${calendar.addWorkingDays(submittedOn, 6)}T18:00:00+08:00`) - (await ts.env.currentTimeMs()));
    expect((await handle.query(disclosureViewQuery)).alarms).toEqual([]);
    await handle.terminate('test finished');
  }, 120_000);
});
