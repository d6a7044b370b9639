import 'reflect-metadata';
import { exitOnStartupError, loadEnv, WorkerEnv } from '#config';
import { createDataSource } from '#persistence';
import { Runtime } from '@temporalio/worker';
import http from 'node:http';
import pino from 'pino';
import { temporalLogger } from './logger';
import { createWorker } from './worker';
import { bundleWorkflows } from './workflow-source';

async function main(): Promise<void> {
  const env = loadEnv(WorkerEnv);
  const log = pino({ name: 'worker', level: env.LOG_LEVEL });
  Runtime.install({
    logger: temporalLogger(log),
    telemetryOptions: { logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} } },
  });
  const dataSource = createDataSource(env);
  await dataSource.initialize();
  // Bundled here rather than by Worker.create so webpack's statistics stay out of the logs.
  const workflowBundle = await bundleWorkflows(temporalLogger(log.child({}, { level: 'warn' })));
  const { worker, connection } = await createWorker({ env, dataSource, workflowBundle });

  // SIGTERM/SIGINT: Worker.run() stops polling on these signals and lets running activities
  // finish; afterwards the pool and the connection are closed.
  const health = env.WORKER_HEALTH_PORT
    ? http
        .createServer((_req, res) => {
          const state = worker.getState();
          res.writeHead(state === 'RUNNING' ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ state }));
        })
        .listen(env.WORKER_HEALTH_PORT)
    : undefined;
  log.info({ taskQueue: worker.options.taskQueue, namespace: env.TEMPORAL_NAMESPACE }, 'worker started');
  await worker.run();
  health?.close();
  await connection.close();
  await dataSource.destroy();
  log.info('worker stopped');
}

main().catch(exitOnStartupError('worker'));
