// `npm run reconcile`: compares the projections in PostgreSQL (cases, applications for government
// information) with Temporal and prints every difference; exit code 1 when there is one.
import 'reflect-metadata';
import { exitOnStartupError, loadEnv, WorkerEnv } from '#config';
import { CaseAlarmsRepository, CasesRepository, createDataSource, DisclosureRequestsRepository } from '#persistence';
import { lazyClient, taskQueues } from '#temporal';
import { reconcileCases, reconcileDisclosureRequests } from './reconcile';

async function main(): Promise<void> {
  const env = loadEnv(WorkerEnv);
  const dataSource = await createDataSource(env).initialize();
  const client = lazyClient(env);
  try {
    const queue = taskQueues(env.TEMPORAL_TASK_QUEUE).cases;
    const differences = await reconcileCases(client, new CasesRepository(dataSource), queue);
    const count = (await new CasesRepository(dataSource).all()).length;
    for (const d of differences) console.log(JSON.stringify(d));
    console.log(`${count} cases compared with Temporal: ${differences.length} difference(s)`);
    const requests = new DisclosureRequestsRepository(dataSource);
    const disclosure = await reconcileDisclosureRequests(client, { requests, alarms: new CaseAlarmsRepository(dataSource) }, queue);
    for (const d of disclosure) console.log(JSON.stringify(d));
    console.log(`${(await requests.all()).length} disclosure applications compared with Temporal: ${disclosure.length} difference(s)`);
    process.exitCode = differences.length + disclosure.length > 0 ? 1 : 0;
  } finally {
    await client.connection.close();
    await dataSource.destroy();
  }
}

main().catch(exitOnStartupError('reconcile'));
