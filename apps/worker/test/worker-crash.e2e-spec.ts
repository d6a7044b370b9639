import { CasesRepository } from '#persistence';
import { Client } from '@temporalio/client';
import type { CaseView } from '#domain';
import { eventually, startTestApp, type TestApp } from '../../../test/test-app';
import { spawnApp, type Spawned } from '../../../test/processes';

// The worker runs as a real process (the build in dist/) on the task queue and database of this test
// alone (an isolated API with no worker of its own), so no in-process worker of another test file can
// take over its work.
describe('a worker killed with SIGKILL while a case waits', () => {
  let t: TestApp;
  let workerEnv: Record<string, string | undefined>;
  let worker: Spawned | undefined;

  beforeAll(async () => {
    t = await startTestApp({ isolated: 'worker_crash', worker: false });
    workerEnv = { ...process.env, DATABASE_URL: t.env.DATABASE_URL, TEMPORAL_TASK_QUEUE: t.env.TEMPORAL_TASK_QUEUE, LOG_LEVEL: 'info' };
  }, 120_000);
  afterAll(async () => {
    if (worker) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    await t?.close();
  });

  async function running(spawned: Spawned): Promise<Spawned> {
    await eventually(async () => (spawned.output().includes('worker started') ? true : undefined), 60_000);
    return spawned;
  }

  async function waitingFor(username: string, caseId: string): Promise<void> {
    const authorization = `Bearer ${await t.tokenFor(username)}`;
    await eventually(async () => {
      const tasks = (await t.http.get('/api/tasks').set({ authorization }).expect(200)).body as { caseId: string }[];
      return tasks.some((x) => x.caseId === caseId) ? true : undefined;
    });
  }

  it('lets the case workflow go on to its end once a new worker starts', async () => {
    worker = await running(spawnApp('worker', workerEnv));
    const filed = await t.fileCase('zx_clerk', { name: '宕机测试企业' });
    await waitingFor('zx_clerk', filed.id);
    await t.actOnTask('zx_clerk', filed.id, { action: 'accept' });
    await waitingFor('aj_handler', filed.id);

    worker.child.kill('SIGKILL');
    expect(await worker.exited).toBeNull();

    worker = await running(spawnApp('worker', workerEnv));
    await t.actOnTask('aj_handler', filed.id, { action: 'opinion', opinion: '重启后审查' });
    await t.actOnTask('aj_handler', filed.id, { action: 'decide', decision: 'approved', opinion: '准予许可' });
    const done = await t.actOnTask('zx_clerk', filed.id, { action: 'deliver' });
    expect(done).toMatchObject({ status: 'finished', outcome: 'approved' });

    const row = await t.app.get(CasesRepository).findById(filed.id);
    const result = await t.app.get(Client).workflow.getHandle<() => Promise<CaseView>>(row!.workflowId).result();
    expect(result).toMatchObject({ status: 'finished', outcome: 'approved' });
    const projected = await eventually(async () => {
      const found = await t.app.get(CasesRepository).findById(filed.id);
      return found?.status === 'finished' ? found : undefined;
    });
    expect(projected.outcome).toBe('approved');

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(0);
    worker = undefined;
  }, 180_000);
});
