import 'reflect-metadata';
import { EnvError, loadEnv, WorkerEnv } from '#config';
import { createDataSource } from '#persistence';
import pino from 'pino';
import { createWorker } from './worker';

async function main(): Promise<void> {
  const env = loadEnv(WorkerEnv);
  const log = pino({ name: 'worker', level: env.LOG_LEVEL });
  const dataSource = createDataSource(env);
  await dataSource.initialize();
  const { worker, connection } = await createWorker({ env, dataSource });

  // SIGTERM/SIGINT: Worker.run() already stops polling on these signals and lets running
  // activities finish; afterwards the pool and the connection are closed.
  log.info({ taskQueue: worker.options.taskQueue, namespace: env.TEMPORAL_NAMESPACE }, 'worker started');
  await worker.run();
  await connection.close();
  await dataSource.destroy();
  log.info('worker stopped');
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) {
    process.stderr.write(`worker: ${error.message}\n`);
  } else {
    process.stderr.write(`worker: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
