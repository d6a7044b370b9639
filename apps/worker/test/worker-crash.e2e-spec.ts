import { PingsRepository, createDataSource, OrgsRepository } from '#persistence';
import { completePingUpdate, PING_WORKFLOW_TYPE, type PingInput, type PingState, pingWorkflowId } from '#temporal';
import { Client, Connection } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { eventually } from '../../../test/test-app';
import { spawnApp, type Spawned } from '../../../test/processes';

// The worker runs as a real process (the build in dist/) on a task queue of this test alone, so
// no in-process worker of another test file can take over its work.
describe('a worker killed with SIGKILL while a workflow waits', () => {
  const taskQueue = `${process.env.TEMPORAL_TASK_QUEUE}-crash`;
  const workerEnv = { ...process.env, TEMPORAL_TASK_QUEUE: taskQueue, LOG_LEVEL: 'info' };
  let connection: Connection;
  let client: Client;
  let dataSource: DataSource;
  let worker: Spawned | undefined;

  beforeAll(async () => {
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection });
    dataSource = await createDataSource({ DATABASE_URL: process.env.DATABASE_URL!, DATABASE_POOL_SIZE: 2 }).initialize();
  });
  afterAll(async () => {
    worker?.child.kill('SIGKILL');
    await connection.close();
    await dataSource.destroy();
  });

  async function running(spawned: Spawned): Promise<Spawned> {
    await eventually(async () => (spawned.output().includes('worker started') ? true : undefined), 60_000);
    return spawned;
  }

  it('lets the workflow finish once a new worker starts', async () => {
    worker = await running(spawnApp('worker', workerEnv));
    const org = await new OrgsRepository(dataSource).findByCode('33030301BM');
    const pingId = randomUUID();
    const handle = await client.workflow.start<(input: PingInput) => Promise<PingState>>(PING_WORKFLOW_TYPE, {
      taskQueue,
      workflowId: pingWorkflowId(pingId),
      args: [{ pingId, message: '宕机测试', requestedBy: randomUUID(), orgId: org!.id }],
    });
    const pings = new PingsRepository(dataSource);
    await eventually(async () => ((await pings.findById(pingId))?.status === 'waiting' ? true : undefined));

    worker.child.kill('SIGKILL');
    expect(await worker.exited).toBeNull();

    worker = await running(spawnApp('worker', workerEnv));
    const state = await handle.executeUpdate(completePingUpdate, { args: [{ completedBy: randomUUID(), note: '重启后办结' }] });
    expect(state.status).toBe('finished');
    expect(await handle.result()).toMatchObject({ status: 'finished', note: '重启后办结' });
    const row = await eventually(async () => {
      const found = await pings.findById(pingId);
      return found?.status === 'finished' ? found : undefined;
    });
    expect(row.note).toBe('重启后办结');

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    worker = undefined;
  }, 120_000);
});
