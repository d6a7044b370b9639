// The baseline's worker, a process of its own as the platform's worker is: the bench-only workflow
// of ./workflows.js and one no-op activity. Settings from the environment: TEMPORAL_ADDRESS,
// TEMPORAL_NAMESPACE, BASELINE_TASK_QUEUE, and the same WORKER_* tuning the platform's worker reads.
// Prints "ready" on stdout once it polls.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { DefaultLogger, NativeConnection, Runtime, Worker } = require('@temporalio/worker');

Runtime.install({ logger: new DefaultLogger('WARN') });
const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS });
const worker = await Worker.create({
  connection,
  namespace: process.env.TEMPORAL_NAMESPACE || 'default',
  taskQueue: process.env.BASELINE_TASK_QUEUE,
  workflowsPath: path.join(path.dirname(fileURLToPath(import.meta.url)), 'workflows.js'),
  activities: {
    async touch() {},
  },
});
const running = worker.run();
process.stdout.write('ready\n');
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => worker.shutdown());
await running;
await connection.close();
