import { CaseAlarmsRepository, CasesRepository, DisclosureRequestsRepository } from '#persistence';
import { taskQueues } from '#temporal';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { reconcileCases, reconcileDisclosureRequests } from '../../worker/src/reconcile';
import { startTestApp, type TestApp } from '../../../test/test-app';

describe('cases through the HTTP API', () => {
  let t: TestApp;
  const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenFor(username)}` });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function file(clerk: string, itemCode: string, body: object = {}) {
    const res = await t.http
      .post('/api/cases')
      .set(await auth(clerk))
      .send({ itemCode, requestId: randomUUID(), applicant: { name: '温州某某贸易有限公司', username: 'zhangsan' }, materials: [], ...body });
    expect([res.status, res.body.code]).toEqual([201, undefined]);
    return res.body;
  }

  async function task(username: string, caseId: string) {
    const res = await t.http
      .get('/api/tasks')
      .set(await auth(username))
      .expect(200);
    return res.body.find((x: { caseId: string }) => x.caseId === caseId) as { token: string; step: string } | undefined;
  }

  async function act(username: string, caseId: string, body: object, status = 200) {
    const res = await t.http
      .post(`/api/cases/${caseId}/actions`)
      .set(await auth(username))
      .send(body);
    expect([res.status, res.body.code]).toEqual([status, status === 200 ? undefined : expect.any(String)]);
    return res.body;
  }

  async function actOnTask(username: string, caseId: string, body: object) {
    const found = await task(username, caseId);
    if (!found) throw new Error(`${username} has no task of case ${caseId}`);
    return act(username, caseId, { type: 'act', token: found.token, ...body });
  }

  it('runs 企业设立: county intake, three departments in parallel from their work queues, sealed decision, delivery', async () => {
    const filed = await file('zx_clerk', '33030300GS-XK-0001', { materials: ['公司登记（备案）申请书', '公司章程'] });
    expect(filed).toMatchObject({ status: 'running', itemCode: '33030300GS-XK-0001', created: true });
    expect(filed.caseNumber).toMatch(/^\d{8}-33030300ZX-\d{4}$/);
    expect(filed.missingMaterials).toEqual(['股东主体资格证明或自然人身份证件', '企业名称预先核准通知书', '住所使用证明']);
    expect(await task('gs_handler', filed.id)).toBeUndefined();

    await actOnTask('zx_clerk', filed.id, { action: 'accept' });
    for (const handler of ['zj_handler', 'hb_handler', 'gs_handler']) {
      await actOnTask(handler, filed.id, { action: 'opinion', opinion: '同意' });
    }
    const decided = await actOnTask('gs_handler', filed.id, { action: 'decide', decision: 'approved', opinion: '准予设立登记' });
    expect(decided.current.map((s: { nodeId: string }) => s.nodeId)).toEqual(['deliverLicence']);
    const done = await actOnTask('zx_clerk', filed.id, { action: 'deliver' });
    expect(done).toMatchObject({ status: 'finished', outcome: 'approved' });

    const mine = await t.http
      .get(`/api/cases/${filed.id}`)
      .set(await auth('zhangsan'))
      .expect(200);
    expect(mine.body.documents.find((d: { decision?: string }) => d.decision === 'approved')).toMatchObject({ sealed: true, opinion: '准予设立登记' });
    const list = await t.http
      .get('/api/cases/mine')
      .set(await auth('zhangsan'))
      .expect(200);
    expect(list.body.map((c: { id: string }) => c.id)).toContain(filed.id);
    const counts = await t.http
      .get('/api/cases/counts')
      .set(await auth('zx_clerk'))
      .expect(200);
    expect(counts.body.counts.approved).toBeGreaterThanOrEqual(1);
  });

  it('takes a case in at a township centre, has the county handle it and the same centre deliver (基层受理、县级办理、基层反馈)', async () => {
    const filed = await file('yz_clerk', '33030300GS-DL-0001', { materials: ['代办委托书'] });
    expect(filed.caseNumber).toContain('-33030301BM-');
    expect(await task('zx_clerk', filed.id)).toBeUndefined();
    const refused = await act('zx_clerk', filed.id, { type: 'act', token: (await task('yz_clerk', filed.id))!.token, action: 'accept' }, 403);
    expect(refused.code).toBe('CASE_ACTOR_NOT_ALLOWED');
    await actOnTask('yz_clerk', filed.id, { action: 'accept' });
    await actOnTask('gs_handler', filed.id, { action: 'opinion', opinion: '同意代办' });
    await actOnTask('gs_handler', filed.id, { action: 'decide', decision: 'denied', opinion: '材料不实' });
    const done = await actOnTask('yz_clerk', filed.id, { action: 'deliver' });
    expect(done).toMatchObject({ outcome: 'denied' });
  });

  it('runs the county review then the city approval, each level from its own queue', async () => {
    const filed = await file('zx_clerk', '33030300AJ-XK-0002');
    await actOnTask('zx_clerk', filed.id, { action: 'accept' });
    expect(await task('city_aj_handler', filed.id)).toBeUndefined();
    await actOnTask('aj_handler', filed.id, { action: 'opinion', opinion: '初审同意' });
    expect(await task('aj_handler', filed.id)).toBeUndefined();
    await actOnTask('city_aj_handler', filed.id, { action: 'opinion', opinion: '市级审查同意' });
    await actOnTask('city_aj_handler', filed.id, { action: 'decide', decision: 'approved' });
    const done = await actOnTask('zx_clerk', filed.id, { action: 'deliver' });
    expect(done.outcome).toBe('approved');
  });

  it('files one case for the same request id sent twice', async () => {
    const requestId = randomUUID();
    const body = { itemCode: '33030300AJ-XK-0001', requestId, applicant: { name: '某企业' }, materials: [] };
    const first = await t.http
      .post('/api/cases')
      .set(await auth('zx_clerk'))
      .send(body)
      .expect(201);
    const second = await t.http
      .post('/api/cases')
      .set(await auth('zx_clerk'))
      .send(body)
      .expect(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.created).toBe(false);
  });

  it('lets an applicant apply online at a centre, follow the case and withdraw it', async () => {
    const res = await t.http
      .post('/api/cases')
      .set(await auth('zhangsan'))
      .send({ itemCode: '33030300GS-DL-0001', requestId: randomUUID(), intakeOrgCode: '33030301BM', materials: ['代办委托书'] })
      .expect(201);
    expect(await task('yz_clerk', res.body.id)).toBeDefined();
    const withdrawn = await act('zhangsan', res.body.id, { type: 'withdraw', reason: '暂不办理' });
    expect(withdrawn.outcome).toBe('withdrawn');
    expect(await task('yz_clerk', res.body.id)).toBeUndefined();
  });

  it('pauses for correction and resumes on resubmission', async () => {
    const filed = await file('zx_clerk', '33030300AJ-XK-0001');
    const corrected = await actOnTask('zx_clerk', filed.id, { action: 'requestCorrection', correctionItems: ['安全评价报告'] });
    expect(corrected).toMatchObject({ status: 'correction', correction: { items: ['安全评价报告'] } });
    const blocked = await actOnTask('zx_clerk', filed.id, { action: 'accept' }).catch(() => undefined);
    expect(blocked).toBeUndefined();
    await act('zhangsan', filed.id, { type: 'resubmit' });
    const accepted = await actOnTask('zx_clerk', filed.id, { action: 'accept' });
    expect(accepted.current.map((s: { nodeId: string }) => s.nodeId)).toEqual(['review']);
  });

  describe('who may see and act on a case', () => {
    let caseId: string;
    beforeAll(async () => {
      caseId = (await file('zx_clerk', '33030300GS-XK-0001', { applicant: { name: '无账户申请人' } })).id;
      await actOnTask('zx_clerk', caseId, { action: 'accept' });
    });

    it("refuses an applicant another applicant's case", async () => {
      expect(
        (
          await t.http
            .get(`/api/cases/${caseId}`)
            .set(await auth('zhangsan'))
            .expect(403)
        ).body.code,
      ).toBe('FORBIDDEN_ORG_SCOPE');
      expect((await act('zhangsan', caseId, { type: 'withdraw', reason: '冒名' }, 403)).code).toBe('FORBIDDEN_ORG_SCOPE');
    });

    it('refuses a handler of a department with no step in the case, and lets the involved ones read it', async () => {
      expect(
        (
          await t.http
            .get(`/api/cases/${caseId}`)
            .set(await auth('aj_handler'))
            .expect(403)
        ).body.code,
      ).toBe('FORBIDDEN_ORG_SCOPE');
      await t.http
        .get(`/api/cases/${caseId}`)
        .set(await auth('gs_handler'))
        .expect(200);
      await t.http
        .get(`/api/cases/${caseId}`)
        .set(await auth('jc_supervisor'))
        .expect(200);
      expect(
        (
          await t.http
            .get(`/api/cases/${caseId}`)
            .set(await auth('sg_reviewer'))
            .expect(403)
        ).body.code,
      ).toBe('FORBIDDEN_ROLE');
    });

    it('refuses a handler acting on a step of another department and records the attempt', async () => {
      const gsToken = (await task('gs_handler', caseId))!.token;
      const refused = await act('zj_handler', caseId, { type: 'act', token: gsToken, action: 'opinion', opinion: '越权' }, 403);
      expect(refused.code).toBe('CASE_ACTOR_NOT_ALLOWED');
      const late = await act('gs_handler', caseId, { type: 'act', token: 'intake#1', action: 'accept' }, 409);
      expect(late.code).toBe('CASE_STEP_NOT_ACTIVE');
      const refusals = await t.app.get(CasesRepository).refusalsOf(caseId);
      expect(refusals.map((r) => r.code)).toEqual(['CASE_ACTOR_NOT_ALLOWED', 'CASE_STEP_NOT_ACTIVE']);
      // The wrong actor is a violation (red card); the stale step is a mistake.
      const alarms = await t.http
        .get('/api/supervision/alarms')
        .query({ level: 'red' })
        .set(await auth('jc_supervisor'))
        .expect(200);
      const ours = alarms.body.alarms.filter((a: { caseId: string }) => a.caseId === caseId);
      expect(ours.map((a: { kind: string }) => a.kind)).toEqual(['violation-wrong-actor']);
    });

    it('refuses a clerk filing for another centre and an item without a flow', async () => {
      const other = await t.http
        .post('/api/cases')
        .set(await auth('zx_clerk'))
        .send({ itemCode: '33030300AJ-XK-0001', requestId: randomUUID(), intakeOrgCode: '33030301BM', applicant: { name: 'x' }, materials: [] })
        .expect(400);
      expect(other.body.details).toEqual([{ field: 'intakeOrgCode', rule: 'clerk-own-centre' }]);
      const noFlow = await t.http
        .post('/api/cases')
        .set(await auth('zx_clerk'))
        .send({ itemCode: '33030300AJ-QZ-0001', requestId: randomUUID(), applicant: { name: 'x' }, materials: [] })
        .expect(404);
      expect(noFlow.body.code).toBe('FLOW_NOT_FOUND');
    });
  });

  describe('the projection against Temporal', () => {
    it('agrees with every workflow, and the reconciliation reports a tampered row', async () => {
      const client = t.app.get(Client);
      const repo = t.app.get(CasesRepository);
      const queue = taskQueues(t.env.TEMPORAL_TASK_QUEUE).cases;
      const filed = await file('zx_clerk', '33030300AJ-XK-0001');
      await actOnTask('zx_clerk', filed.id, { action: 'accept' });
      // Other test files act on their cases meanwhile: a difference that persists is a real one.
      const clean = await reconcileCases(client, repo, queue, { settleMs: 1500 });
      expect(clean).toEqual([]);
      await t.app.get(DataSource).query(`UPDATE "cases" SET "status" = 'finished' WHERE "id" = $1`, [filed.id]);
      await t.app.get(DataSource).query(`UPDATE "case_tasks" SET "status" = 'done' WHERE "case_id" = $1`, [filed.id]);
      const found = await reconcileCases(client, repo, queue, { settleMs: 500 });
      expect(
        found
          .filter((d) => d.caseId === filed.id)
          .map((d) => d.field)
          .sort(),
      ).toEqual(['endedSteps', 'openSteps', 'status']);
    });

    it('checks the applications for government information too, and reports a tampered disclosure row', async () => {
      const client = t.app.get(Client);
      const repos = { requests: t.app.get(DisclosureRequestsRepository), alarms: t.app.get(CaseAlarmsRepository) };
      const queue = taskQueues(t.env.TEMPORAL_TASK_QUEUE).cases;
      const registered = await t.http
        .post('/api/disclosure-requests')
        .set(await auth('zf_disclosure'))
        .send({
          requestId: randomUUID(),
          agencyOrgCode: '33030300ZF',
          applicant: { kind: 'person', name: '张三', idNumber: '330303199003071238' },
          description: '对账测试',
          delivery: 'paper',
          channel: 'in_person',
        });
      expect([registered.status, registered.body.code]).toEqual([201, undefined]);
      const id = registered.body.id as string;
      const extended = await t.http
        .post(`/api/disclosure-requests/${id}/actions`)
        .set(await auth('zf_disclosure'))
        .send({ type: 'extend', reason: '需调取档案', approvedBy: '主任' });
      expect(extended.status).toBe(200);
      const clean = await reconcileDisclosureRequests(client, repos, queue, { settleMs: 1500 });
      expect(clean).toEqual([]);
      // Tampered: a reply nobody gave, an earlier due date, a sealed document gone.
      const db = t.app.get(DataSource);
      await db.query(`UPDATE "disclosure_requests" SET "status" = 'replied', "reply_type" = 'granted', "due_on" = "due_on" - 10 WHERE "id" = $1`, [id]);
      await db.query(`DELETE FROM "disclosure_request_documents" WHERE "request_id" = $1`, [id]);
      const found = await reconcileDisclosureRequests(client, repos, queue, { settleMs: 500 });
      expect(found.filter((d) => d.requestId === id).map((d) => [d.field, d.number])).toEqual([
        ['status', registered.body.number],
        ['replyType', registered.body.number],
        ['dueOn', registered.body.number],
        ['documents', registered.body.number],
      ]);
      expect(found.find((d) => d.requestId === id && d.field === 'status')).toMatchObject({ projection: 'replied', temporal: 'processing' });
    });
  });
});
