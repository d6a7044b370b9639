import { createActivities } from '#activities';
import type { WorkerEnv } from '#config';
import { ensureSearchAttributes, taskQueues } from '#temporal';
import { NativeConnection, Worker, type WorkflowBundleOption } from '@temporalio/worker';
import type { DataSource } from 'typeorm';
import { replayRunsWith } from './replay-runs';
import { bundleWorkflows, bundlerOptions, WORKFLOWS_PATH } from './workflow-source';

export interface CreateWorkerOptions {
  env: Pick<WorkerEnv, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE' | 'TEMPORAL_TASK_QUEUE' | 'ZWT_CJK_FONT' | 'SEAL_MASTER_KEY' | 'FILES_DIR'>;
  dataSource: DataSource;
  /** A bundle made beforehand (tests share one); otherwise the worker bundles workflows/ itself. */
  workflowBundle?: WorkflowBundleOption;
}

/** The case worker: every workflow of workflows/ and every activity of activities/. */
export async function createWorker({ env, dataSource, workflowBundle }: CreateWorkerOptions) {
  const connection = await NativeConnection.connect({ address: env.TEMPORAL_ADDRESS });
  // Timeline verification replays histories with the very code this worker runs.
  let replayBundle: Promise<WorkflowBundleOption> | undefined;
  const replayRuns = replayRunsWith(async () => (replayBundle ??= workflowBundle ? Promise.resolve(workflowBundle) : bundleWorkflows()));
  await ensureSearchAttributes(connection, env.TEMPORAL_NAMESPACE);
  const worker = await Worker.create({
    connection,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: taskQueues(env.TEMPORAL_TASK_QUEUE).cases,
    activities: createActivities(dataSource, { fontPath: env.ZWT_CJK_FONT, masterKey: env.SEAL_MASTER_KEY, filesDir: env.FILES_DIR, replayRuns }),
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: WORKFLOWS_PATH, bundlerOptions }),
  });
  return { worker, connection };
}
