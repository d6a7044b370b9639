import { PingsRepository } from '#persistence';
import { pingWorkflowId } from '#temporal';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { checkHistory, eventually, startTestApp, type TestApp } from '../../../test/test-app';

describe('the end-to-end slice: API → workflow → activity → PostgreSQL → API', () => {
  let t: TestApp;
  let clerk: string;
  beforeAll(async () => {
    t = await startTestApp();
    clerk = await t.tokenFor('yz_clerk');
  });
  afterAll(() => t.close());

  async function startPing(token = clerk, body: object = { message: '流程测试' }): Promise<string> {
    const res = await t.http.post('/api/pings').set('authorization', `Bearer ${token}`).send(body).expect(202);
    return res.body.id as string;
  }

  async function waitForStatus(id: string, token: string, status: string) {
    return eventually(async () => {
      const res = await t.http.get(`/api/pings/${id}`).set('authorization', `Bearer ${token}`);
      return res.status === 200 && res.body.status === status ? res.body : undefined;
    });
  }

  it('starts a workflow whose activity writes the projection, and finishes it through an Update', async () => {
    const id = await startPing();
    await waitForStatus(id, clerk, 'waiting');
    const done = await t.http
      .post(`/api/pings/${id}/complete`)
      .set('authorization', `Bearer ${clerk}`)
      .send({ note: '同意' })
      .expect(200);
    expect(done.body).toMatchObject({ pingId: id, status: 'finished', note: '同意' });
    const row = await waitForStatus(id, clerk, 'finished');
    expect(row.finishedAt).toEqual(expect.any(String));

    // The history the workflow just wrote replays with the current code.
    await checkHistory(t.app.get(Client), pingWorkflowId(id), 'pingWorkflow-completed');
  });

  it('starts one workflow for the same request id sent twice', async () => {
    const requestId = randomUUID();
    const first = await startPing(clerk, { message: '重复提交', requestId });
    const second = await startPing(clerk, { message: '重复提交', requestId });
    expect(second).toBe(first);
    await waitForStatus(first, clerk, 'waiting');
  });

  it('refuses to complete a finished ping with 409 and keeps the first completion', async () => {
    const id = await startPing();
    await waitForStatus(id, clerk, 'waiting');
    await t.http.post(`/api/pings/${id}/complete`).set('authorization', `Bearer ${clerk}`).send({ note: '第一次' }).expect(200);
    const again = await t.http.post(`/api/pings/${id}/complete`).set('authorization', `Bearer ${clerk}`).send({ note: '第二次' }).expect(409);
    expect(again.body.code).toBe('PING_ALREADY_FINISHED');
    const row = await waitForStatus(id, clerk, 'finished');
    expect(row.note).toBe('第一次');
  });

  it('refuses a blank note in the workflow validator, leaving the ping waiting', async () => {
    const id = await startPing();
    await waitForStatus(id, clerk, 'waiting');
    const res = await t.http.post(`/api/pings/${id}/complete`).set('authorization', `Bearer ${clerk}`).send({ note: '   ' }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const row = await t.app.get(PingsRepository).findById(id);
    expect(row?.status).toBe('waiting');
  });

  it('refuses a user outside the ping\'s organisation (403 FORBIDDEN_ORG_SCOPE), lets a supervisor read', async () => {
    const id = await startPing();
    await waitForStatus(id, clerk, 'waiting');
    const handler = await t.tokenFor('gs_handler');
    const res = await t.http.post(`/api/pings/${id}/complete`).set('authorization', `Bearer ${handler}`).send({ note: '越权' }).expect(403);
    expect(res.body.code).toBe('FORBIDDEN_ORG_SCOPE');
    const read = await t.http.get(`/api/pings/${id}`).set('authorization', `Bearer ${handler}`).expect(403);
    expect(read.body.code).toBe('FORBIDDEN_ORG_SCOPE');
    const supervisor = await t.tokenFor('jc_supervisor');
    await t.http.get(`/api/pings/${id}`).set('authorization', `Bearer ${supervisor}`).expect(200);
    const write = await t.http.post(`/api/pings/${id}/complete`).set('authorization', `Bearer ${supervisor}`).send({ note: '监察' }).expect(403);
    expect(write.body.code).toBe('FORBIDDEN_ROLE');
    // A county admin above the township may act on it.
    const admin = await t.tokenFor('admin');
    await t.http.post(`/api/pings/${id}/complete`).set('authorization', `Bearer ${admin}`).send({ note: '市级办结' }).expect(200);
  });

  it('answers 404 for an unknown ping and 400 for an id that is not a uuid', async () => {
    const missing = await t.http.get(`/api/pings/${randomUUID()}`).set('authorization', `Bearer ${clerk}`).expect(404);
    expect(missing.body.code).toBe('PING_NOT_FOUND');
    const bad = await t.http.get('/api/pings/not-a-uuid').set('authorization', `Bearer ${clerk}`).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });
});
