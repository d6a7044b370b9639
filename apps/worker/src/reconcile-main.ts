// `npm run reconcile`: compares the case projection in PostgreSQL with Temporal and prints every
// difference; exit code 1 when there is one.
import 'reflect-metadata';
import { exitOnStartupError, loadEnv, WorkerEnv } from '#config';
import { CasesRepository, createDataSource } from '#persistence';
import { lazyClient, taskQueues } from '#temporal';
import { reconcileCases } from './reconcile';

async function main(): Promise<void> {
  const env = loadEnv(WorkerEnv);
  const dataSource = await createDataSource(env).initialize();
  const client = lazyClient(env);
  try {
    const differences = await reconcileCases(client, new CasesRepository(dataSource), taskQueues(env.TEMPORAL_TASK_QUEUE).cases);
    const count = (await new CasesRepository(dataSource).all()).length;
    for (const d of differences) console.log(JSON.stringify(d));
    console.log(`${count} cases compared with Temporal: ${differences.length} difference(s)`);
    process.exitCode = differences.length > 0 ? 1 : 0;
  } finally {
    await client.connection.close();
    await dataSource.destroy();
  }
}

main().catch(exitOnStartupError('reconcile'));
