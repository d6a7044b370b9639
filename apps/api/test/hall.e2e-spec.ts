import { chinaDateOf } from '#domain';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { RATE_LIMITS } from '../src/common/rate-limit/rate-limits';

describe('the online service hall', () => {
  let t: TestApp;
  const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenFor(username)}` });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function finishedCase(outcome: 'approved' | 'denied', applicantName = `申请人${Date.now()}`) {
    const filed = await t.fileCase('zx_clerk', { name: applicantName, username: 'zhangsan' });
    await t.actOnTask('zx_clerk', filed.id, { action: 'accept' });
    await t.actOnTask('aj_handler', filed.id, { action: 'opinion', opinion: '符合条件' });
    await t.actOnTask('aj_handler', filed.id, { action: 'decide', decision: outcome, opinion: '决定' });
    await t.actOnTask('zx_clerk', filed.id, { action: 'deliver' });
    return { id: filed.id as string, caseNumber: filed.caseNumber as string, queryCode: filed.queryCode as string, applicantName };
  }

  it('generates the service guide from the catalog and the flowchart, without a token', async () => {
    const res = await t.http.get('/api/hall/items/33030300AJ-XK-0001/guide').expect(200);
    expect(res.body).toMatchObject({
      name: '危险化学品经营许可证核发',
      legalPeriodDays: 30,
      promisedPeriodDays: 15,
      fee: { free: true },
      onlineApplication: true,
      flow: { flowchart: '/api/items/33030300AJ-XK-0001/flow.svg' },
    });
    expect(res.body.materials.map((m: { name: string }) => m.name)).toContain('安全评价报告');
    expect(res.body.flow.steps.map((s: { name: string }) => s.name)).toContain('业务科室审查');
    const noFlow = await t.http.get('/api/hall/items/33030300AJ-QZ-0001/guide').expect(200);
    expect(noFlow.body).toMatchObject({ flow: null, onlineApplication: false });
  });

  it("takes a question to the item's department and shows it publicly once answered", async () => {
    const asked = await t.http
      .post('/api/hall/items/33030300AJ-XK-0001/consultations')
      .set(await auth('zhangsan'))
      .send({ question: '仓储面积有何要求？' })
      .expect(201);
    expect((await t.http.get('/api/hall/items/33030300AJ-XK-0001/consultations').expect(200)).body.map((q: { id: string }) => q.id)).not.toContain(
      asked.body.id,
    );
    const pending = await t.http
      .get('/api/consultations/pending')
      .set(await auth('aj_admin'))
      .expect(200);
    expect(pending.body.map((q: { id: string }) => q.id)).toContain(asked.body.id);
    const other = await t.http
      .post(`/api/consultations/${asked.body.id}/answer`)
      .set(await auth('gs_admin'))
      .send({ answer: '越权答复' })
      .expect(403);
    expect(other.body.code).toBe('FORBIDDEN_ORG_SCOPE');
    await t.http
      .post(`/api/consultations/${asked.body.id}/answer`)
      .set(await auth('aj_admin'))
      .send({ answer: '按照国家标准执行' })
      .expect(200);
    const again = await t.http
      .post(`/api/consultations/${asked.body.id}/answer`)
      .set(await auth('aj_handler'))
      .send({ answer: '再答' })
      .expect(409);
    expect(again.body.code).toBe('CONSULTATION_ALREADY_ANSWERED');
    const qa = await t.http.get('/api/hall/items/33030300AJ-XK-0001/consultations').expect(200);
    expect(qa.body.find((q: { id: string }) => q.id === asked.body.id)).toMatchObject({ question: '仓储面积有何要求？', answer: '按照国家标准执行' });
    expect((await t.http.post('/api/hall/items/33030300AJ-XK-0001/consultations').send({ question: 'x' }).expect(401)).body.code).toBe('AUTH_REQUIRED');
  });

  it("answers a result query by case number and the receipt's query code, never by a name or the number alone", async () => {
    const done = await finishedCase('approved');
    expect(done.queryCode).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    const res = await t.http.get('/api/hall/results').query({ caseNumber: done.caseNumber, queryCode: done.queryCode.toLowerCase() }).expect(200);
    expect(res.body).toMatchObject({ caseNumber: done.caseNumber, status: 'finished', outcome: 'approved' });
    expect(res.body.documents.map((d: { title: string }) => d.title)).toContain('准予行政许可决定书');
    const wrong = await t.http
      .get('/api/hall/results')
      .query({ caseNumber: done.caseNumber, queryCode: done.queryCode === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA' })
      .expect(404);
    expect(wrong.body.code).toBe('CASE_NOT_FOUND');
    // The attack of before: the case number and the applicant's (public) name.
    const byName = await t.http.get('/api/hall/results').query({ caseNumber: done.caseNumber, applicantName: done.applicantName }).expect(400);
    expect(byName.body).toMatchObject({ code: 'VALIDATION_FAILED', details: expect.arrayContaining([expect.objectContaining({ field: 'applicantName' })]) });
    const numberOnly = await t.http.get('/api/hall/results').query({ caseNumber: done.caseNumber }).expect(400);
    expect(numberOnly.body.code).toBe('VALIDATION_FAILED');
  });

  it('limits the public lookups per caller address (429 RATE_LIMITED), others still look up', async () => {
    // Behind a trusted proxy, so that each test run counts under an address of its own.
    const proxied = await startTestApp({ worker: false, overrides: { TRUST_PROXY: 'loopback' } });
    try {
      const from = `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
      const other = from === '198.51.100.9' ? '198.51.100.10' : '198.51.100.9';
      const guess = (http: TestApp['http'], path: string, query: object, address: string) => http.get(path).query(query).set('x-forwarded-for', address);
      for (const [path, query] of [
        ['/api/hall/results', { caseNumber: '20260101-33030300ZX-0001', queryCode: 'AAAAAAAA' }],
        ['/api/disclosure-requests/status', { number: '龙政公开〔2026〕第0001号', queryCode: 'AAAAAAAA' }],
      ] as const) {
        for (let i = 0; i < RATE_LIMITS.publicLookup.limit; i += 1) expect((await guess(proxied.http, path, query, from)).status).toBe(404);
        const limited = await guess(proxied.http, path, query, from);
        expect([limited.status, limited.body.code]).toEqual([429, 'RATE_LIMITED']);
        expect(limited.headers['retry-after']).toBeDefined();
        expect((await guess(proxied.http, path, query, other)).status).toBe(404);
      }
    } finally {
      await proxied.close();
    }
  });

  it('takes one rating per finished case from its applicant; a poor one opens a rectification due in 15 working days', async () => {
    const done = await finishedCase('denied');
    const rated = await t.http
      .post(`/api/cases/${done.id}/rating`)
      .set(await auth('zhangsan'))
      .send({ level: '不满意', comment: '等待时间过长' })
      .expect(201);
    // Due 15 working days from today (China time), or no date while the calendar lacks the year.
    const today = chinaDateOf(Date.now());
    const horizon = await t.http.get('/api/calendar/deadline').query({ from: today, days: 15 });
    expect(rated.body.rectification).toEqual({ id: expect.any(String), status: 'open', dueDate: horizon.status === 200 ? horizon.body.deadline : null });
    const again = await t.http
      .post(`/api/cases/${done.id}/rating`)
      .set(await auth('zhangsan'))
      .send({ level: '满意' })
      .expect(409);
    expect(again.body.code).toBe('CASE_ALREADY_RATED');
    const list = await t.http
      .get('/api/rectifications')
      .set(await auth('jc_supervisor'))
      .expect(200);
    expect(list.body.map((r: { caseId: string }) => r.caseId)).toContain(done.id);
    const deptList = await t.http
      .get('/api/rectifications')
      .set(await auth('gs_admin'))
      .expect(200);
    expect(deptList.body.map((r: { caseId: string }) => r.caseId)).not.toContain(done.id);

    const good = await finishedCase('approved');
    const fine = await t.http
      .post(`/api/cases/${good.id}/rating`)
      .set(await auth('zhangsan'))
      .send({ level: '非常满意' })
      .expect(201);
    expect(fine.body.rectification).toBeNull();
  });

  it('refuses a rating before the case is finished, by someone else, or on the wrong scale', async () => {
    const filed = await t.fileCase('zx_clerk', { name: '某人', username: 'zhangsan' });
    expect(
      (
        await t.http
          .post(`/api/cases/${filed.id}/rating`)
          .set(await auth('zhangsan'))
          .send({ level: '满意' })
          .expect(409)
      ).body.code,
    ).toBe('CASE_NOT_FINISHED');
    expect(
      (
        await t.http
          .post(`/api/cases/${filed.id}/rating`)
          .set(await auth('zhangsan'))
          .send({ level: '还行' })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    expect(
      (
        await t.http
          .post(`/api/cases/${filed.id}/rating`)
          .set(await auth('zx_clerk'))
          .send({ level: '满意' })
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ROLE');
  });
});
