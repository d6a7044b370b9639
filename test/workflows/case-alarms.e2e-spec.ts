// Alarms on multi-day deadlines, with time skipping: days pass in moments.
import { type CaseAlarm, type CaseInput, type CaseView, DEFAULT_ALARM_RULES } from '#domain';
import { CaseAlarmsRepository } from '#persistence';
import { CASE_WORKFLOW_TYPE, type CaseWorkflowInput, caseViewQuery, caseWorkflowId } from '#temporal';
import { defaultPayloadConverter } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { examplePlan, makeCaseInput } from '../factories/flows';
import { eventually } from '../test-app';
import { plainYears, useTimeSkipping } from '../time-skipping';

describe('case alarms from durable timers, with time skipping', () => {
  const ts = useTimeSkipping('alarms');

  /** A county permit case received now by the test server's clock. */
  async function startCase(overrides: Partial<CaseInput> = {}) {
    const caseId = randomUUID();
    const now = await ts.env.currentTimeMs();
    const input = makeCaseInput(examplePlan('county-permit'), {
      caseId,
      receivedAt: now,
      calendar: plainYears(new Date(now).getUTCFullYear()),
      ...overrides,
    });
    const handle = await ts.env.client.workflow.start<(input: CaseWorkflowInput) => Promise<CaseView>>(CASE_WORKFLOW_TYPE, {
      taskQueue: ts.taskQueue,
      workflowId: caseWorkflowId(caseId),
      args: [{ case: input }],
    });
    return { caseId, handle };
  }

  it('raises a yellow card when a step passes its limit and red cards past the promised and legal dates', async () => {
    const { caseId, handle } = await startCase();
    const first = await handle.query(caseViewQuery);
    const intakeDeadline = first.current[0]!.deadlineAt!;
    expect(first.alarms).toEqual([]);

    // Just before the intake step's limit: nothing yet.
    await ts.env.sleep(intakeDeadline - (await ts.env.currentTimeMs()) - 60_000);
    expect((await handle.query(caseViewQuery)).alarms).toEqual([]);

    // Past it: the step's yellow card, raised by the timer, stored by the activity.
    await ts.env.sleep(120_000);
    const yellow = await eventually(async () => {
      const view = await handle.query(caseViewQuery);
      return view.alarms.length > 0 ? view : undefined;
    });
    expect(yellow.alarmLevel).toBe('yellow');
    expect(yellow.alarms.map((a) => a.kind)).toEqual(['step-overdue']);

    // Past the legal period (20 working days: four weeks and more): red.
    await ts.env.sleep(yellow.legalDeadlineAt! - (await ts.env.currentTimeMs()) + 60_000);
    const red = await eventually(async () => {
      const view = await handle.query(caseViewQuery);
      return view.alarmLevel === 'red' && view.alarms.some((a) => a.kind === 'legal-passed') ? view : undefined;
    });
    expect(red.alarms.map((a) => a.kind).sort()).toEqual(['legal-passed', 'promised-near', 'promised-passed', 'step-overdue']);
    const stored = await new CaseAlarmsRepository(ts.dataSource).findByCase(caseId);
    expect(stored.map((a) => [a.kind, a.level]).sort()).toEqual([
      ['legal-passed', 'red'],
      ['promised-near', 'yellow'],
      ['promised-passed', 'red'],
      ['step-overdue', 'yellow'],
    ]);
    await handle.terminate('test finished');
  }, 120_000);

  it("reminds one working day before the promised date under the case's rules, at 08:30, and raises every alarm once", async () => {
    const { caseId, handle } = await startCase({ alarmRules: { ...DEFAULT_ALARM_RULES, version: 7 } });
    const first = await handle.query(caseViewQuery);
    const promised = first.promisedDeadlineAt!;
    // One working day before the promised day (weekends off): the previous working day, 08:30 China time.
    const dayMs = 86_400_000;
    let reminderDay = Math.floor((promised + 8 * 3600_000) / dayMs) - 1;
    while ([0, 6].includes(new Date(reminderDay * dayMs).getUTCDay())) reminderDay -= 1;
    const reminderAt = reminderDay * dayMs + 30 * 60_000; // 08:30 CST = 00:30 UTC

    await ts.env.sleep(reminderAt - (await ts.env.currentTimeMs()) - 60_000);
    const before = await eventually(async () => {
      const view = await handle.query(caseViewQuery);
      return view.alarms.some((a) => a.kind === 'step-overdue') ? view : undefined;
    });
    expect(before.alarms.map((a) => a.kind)).toEqual(['step-overdue']);

    await ts.env.sleep(120_000);
    const reminded = await eventually(async () => {
      const view = await handle.query(caseViewQuery);
      return view.alarms.some((a) => a.kind === 'promised-reminder') ? view : undefined;
    });
    expect(reminded.alarms.find((a) => a.kind === 'promised-reminder')).toMatchObject({ level: 'reminder', dueAt: reminderAt });
    expect(reminded.alarms.map((a) => a.kind)).toEqual(['step-overdue', 'promised-reminder']);

    // Well past the legal date, and a month more: every alarm once, in the history and in the table.
    await ts.env.sleep(first.legalDeadlineAt! - (await ts.env.currentTimeMs()) + 30 * dayMs);
    const all = await eventually(async () => {
      const view = await handle.query(caseViewQuery);
      return view.alarms.some((a) => a.kind === 'legal-passed') ? view : undefined;
    });
    expect(all.alarms.map((a) => a.kind)).toEqual(['step-overdue', 'promised-reminder', 'promised-near', 'promised-passed', 'legal-passed']);
    const recorded = ((await handle.fetchHistory()).events ?? [])
      .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordCaseAlarms')
      .flatMap((e) =>
        (defaultPayloadConverter.fromPayload(e.activityTaskScheduledEventAttributes!.input!.payloads![0]!) as { alarms: CaseAlarm[] }).alarms.map((a) => a.key),
      );
    expect(recorded.sort()).toEqual(
      ['legal-passed:case', 'promised-near:case', 'promised-passed:case', 'promised-reminder:case', `step-overdue:${first.current[0]!.token}`].sort(),
    );
    const stored = await new CaseAlarmsRepository(ts.dataSource).findByCase(caseId);
    expect(stored).toHaveLength(5);
    await handle.terminate('test finished');
  }, 120_000);
});
