import { AuditRepository, CaseAlarmsRepository } from '#persistence';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/test-app';

describe('electronic supervision', () => {
  let t: TestApp;
  let caseId: string;
  const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenFor(username)}` });

  beforeAll(async () => {
    t = await startTestApp();
    const filed = await t.fileCase('zx_clerk', { name: '监察测试企业', username: 'zhangsan' });
    caseId = filed.id;
    await t.actOnTask('zx_clerk', caseId, { action: 'requestCorrection', correctionItems: ['安全评价报告'] });
    await t.http
      .post(`/api/cases/${caseId}/actions`)
      .set(await auth('zhangsan'))
      .send({ type: 'resubmit' })
      .expect(200);
    await t.actOnTask('zx_clerk', caseId, { action: 'accept' });
    await t.actOnTask('aj_handler', caseId, { action: 'opinion', opinion: '储存设施符合要求' });
    await t.actOnTask('aj_handler', caseId, { action: 'decide', decision: 'approved', opinion: '准予许可' });
    await t.actOnTask('zx_clerk', caseId, { action: 'deliver' });
  });
  afterAll(() => t.close());

  it('rebuilds the case from its workflow history, action by action', async () => {
    const res = await t.http
      .get(`/api/supervision/cases/${caseId}/timeline`)
      .set(await auth('jc_supervisor'))
      .expect(200);
    const actions = res.body.entries.filter((e: { kind: string }) => e.kind === 'action');
    expect(
      actions.map((e: { action: string; step?: { nodeId: string }; actor: { name: string } }) => [e.action, e.step?.nodeId ?? null, e.actor.name]),
    ).toEqual([
      ['requestCorrection', 'intake', '区行政审批服务中心窗口 周洁'],
      ['resubmit', null, '张三（申请人）'],
      ['accept', 'intake', '区行政审批服务中心窗口 周洁'],
      ['opinion', 'review', '区安监局承办人 钱峰'],
      ['decide', 'decide', '区安监局承办人 钱峰'],
      ['deliver', 'deliverLicence', '区行政审批服务中心窗口 周洁'],
    ]);
    expect(actions[0]).toMatchObject({ correctionItems: ['安全评价报告'], actor: { level: 'county', department: 'ZX', posts: ['受理岗', '送达岗'] } });
    expect(actions[3]).toMatchObject({ opinion: '储存设施符合要求', onTime: true, step: { name: '业务科室审查', limitHours: 64 } });
    expect(actions[4]).toMatchObject({ decision: 'approved', opinion: '准予许可' });
    expect(res.body.entries[0].kind).toBe('received');
    expect(res.body.state).toMatchObject({ status: 'finished', outcome: 'approved' });
    const live = await t.http
      .get(`/api/cases/${caseId}`)
      .set(await auth('jc_supervisor'))
      .expect(200);
    expect(res.body.state.steps.map((s: { token: string }) => s.token)).toEqual(live.body.steps.map((s: { token: string }) => s.token));
  });

  it('shows the case as of any entry', async () => {
    const full = await t.http
      .get(`/api/supervision/cases/${caseId}/timeline`)
      .set(await auth('jc_supervisor'))
      .expect(200);
    const correction = full.body.entries.find((e: { action?: string }) => e.action === 'requestCorrection');
    const paused = await t.http
      .get(`/api/supervision/cases/${caseId}/timeline`)
      .query({ atSeq: correction.seq })
      .set(await auth('jc_supervisor'))
      .expect(200);
    expect(paused.body.state).toMatchObject({ status: 'correction', correction: { items: ['安全评价报告'] } });
    const accepted = full.body.entries.find((e: { action?: string }) => e.action === 'accept');
    const atReview = await t.http
      .get(`/api/supervision/cases/${caseId}/timeline`)
      .query({ atSeq: accepted.seq })
      .set(await auth('jc_supervisor'))
      .expect(200);
    expect(atReview.body.state.current.map((s: { nodeId: string }) => s.nodeId)).toEqual(['review']);
    expect(atReview.body.entries).toHaveLength(accepted.seq);
  });

  it('lets only supervisors replay', async () => {
    expect(
      (
        await t.http
          .get(`/api/supervision/cases/${caseId}/timeline`)
          .set(await auth('zx_clerk'))
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ROLE');
    expect(
      (
        await t.http
          .get(`/api/supervision/cases/${randomUUID()}/timeline`)
          .set(await auth('jc_supervisor'))
          .expect(404)
      ).body.code,
    ).toBe('CASE_NOT_FOUND');
  });

  it('lists alarms and takes each through investigation and rectification to closed, keeping the record', async () => {
    await t.app.get(CaseAlarmsRepository).recordRaised({
      caseId,
      caseNumber: 'SV-TEST',
      itemCode: '33030300AJ-XK-0001',
      alarms: [
        { key: 'step-overdue:review#9', kind: 'step-overdue', level: 'yellow', token: 'review#9', dueAt: Date.now(), message: '「业务科室审查」环节超时' },
      ],
    });
    const list = await t.http
      .get('/api/supervision/alarms')
      .query({ level: 'yellow', caseNumber: 'SV-TEST' })
      .set(await auth('jc_supervisor'))
      .expect(200);
    expect(list.body.alarms).toHaveLength(1);
    const id = list.body.alarms[0].id;
    const skip = await t.http
      .post(`/api/supervision/alarms/${id}/transitions`)
      .set(await auth('jc_supervisor'))
      .send({ to: 'closed', note: '直接结案' })
      .expect(409);
    expect(skip.body.code).toBe('ALARM_TRANSITION_INVALID');
    await t.http
      .post(`/api/supervision/alarms/${id}/transitions`)
      .set(await auth('jc_supervisor'))
      .send({ to: 'investigating', note: '调取记录核实' })
      .expect(201);
    await t.http
      .post(`/api/supervision/alarms/${id}/transitions`)
      .set(await auth('jc_supervisor'))
      .send({ to: 'rectifying', note: '督促科室整改' })
      .expect(201);
    const closed = await t.http
      .post(`/api/supervision/alarms/${id}/transitions`)
      .set(await auth('jc_supervisor'))
      .send({ to: 'closed', note: '已整改完毕' })
      .expect(201);
    expect(closed.body).toMatchObject({ status: 'closed', records: [{ to: 'investigating' }, { to: 'rectifying' }, { to: 'closed', note: '已整改完毕' }] });
    expect(
      (
        await t.http
          .post(`/api/supervision/alarms/${id}/transitions`)
          .set(await auth('aj_admin'))
          .send({ to: 'closed', note: 'x' })
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ROLE');
  });

  it('logs every supervisor read in a keyed chain the application cannot change', async () => {
    await t.http
      .get(`/api/supervision/cases/${caseId}/timeline`)
      .set(await auth('jc_supervisor'))
      .expect(200);
    await t.http
      .get(`/api/cases/${caseId}`)
      .set(await auth('jc_supervisor'))
      .expect(200);
    const audit = t.app.get(AuditRepository);
    const reads = await audit.ofCase(caseId);
    expect(reads.map((r) => r.action)).toEqual(expect.arrayContaining(['timeline', 'case']));
    expect(reads.every((r) => Number(r.chainVersion) === 2 && r.keyId !== null)).toBe(true);
    const verified = await audit.verify();
    expect(verified.brokenAt).toBeNull();
    expect(verified.problems).toEqual([]);
    // Forging and truncating the chain as the tables' owner: apps/api/test/audit-log.e2e-spec.ts.
    await expect(
      t.app.get(DataSource).query(`UPDATE "supervision_audit" SET "detail" = '{"forged":true}' WHERE "seq" = $1`, [reads[0]!.seq]),
    ).rejects.toMatchObject({ code: '42501' });
  });
});
