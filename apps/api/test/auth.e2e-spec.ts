import { RATE_LIMITS } from '../src/common/rate-limit/rate-limits';
import { startTestApp, type TestApp } from '../../../test/test-app';

describe('auth and request handling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('issues a token for a demo user and says who it is', async () => {
    const res = await t.http.post('/api/auth/token').send({ username: 'yz_clerk', password: 'Demo@2026' }).expect(200);
    expect(res.body.tokenType).toBe('Bearer');
    expect(res.body.user).toMatchObject({ username: 'yz_clerk', role: 'clerk', orgName: '永中街道便民服务中心' });
    const me = await t.http.get('/api/auth/me').set('authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ username: 'yz_clerk', role: 'clerk' });
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    for (const body of [
      { username: 'yz_clerk', password: 'wrong' },
      { username: 'nobody', password: 'Demo@2026' },
    ]) {
      const res = await t.http.post('/api/auth/token').send(body).expect(401);
      expect(res.body).toEqual({ statusCode: 401, code: 'AUTH_INVALID_CREDENTIALS', message: expect.any(String), details: [] });
    }
  });

  it('lets an applicant open an account with a checked ID number, once per username', async () => {
    const body = { username: 'lisi_reg', password: 'Lisi@2026x', name: '李四', kind: 'person', idNumber: '330303199003071238' };
    const res = await t.http.post('/api/auth/register').send(body).expect(201);
    expect(res.body.user).toMatchObject({ username: 'lisi_reg', role: 'applicant', displayName: '李四', orgCode: '330303' });
    await t.http.get('/api/auth/me').set('authorization', `Bearer ${res.body.accessToken}`).expect(200);
    await t.http.post('/api/auth/token').send({ username: 'lisi_reg', password: 'Lisi@2026x' }).expect(200);
    // The account's identity in the shared library is fixed from now on (一次申报、多次使用).
    const held = await t.http.get('/api/applicants/me/materials').set('authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(held.body.applicant).toMatchObject({ kind: 'person', verified: false });

    const taken = await t.http
      .post('/api/auth/register')
      .send({ ...body, password: 'Other@2026' })
      .expect(409);
    expect(taken.body.code).toBe('AUTH_USERNAME_TAKEN');
    await t.http.post('/api/auth/token').send({ username: 'lisi_reg', password: 'Other@2026' }).expect(401);
    const demo = await t.http
      .post('/api/auth/register')
      .send({ ...body, username: 'zhangsan' })
      .expect(409);
    expect(demo.body.code).toBe('AUTH_USERNAME_TAKEN');
  });

  it('refuses a bad ID number, a weak password or a role in the body, creating no account', async () => {
    const body = { username: 'wangwu_reg', password: 'Wangwu@2026', name: '王五', kind: 'person', idNumber: '330303199003071239' };
    const badId = await t.http.post('/api/auth/register').send(body).expect(422);
    expect(badId.body.code).toBe('APPLICANT_ID_INVALID');
    const weak = await t.http
      .post('/api/auth/register')
      .send({ ...body, idNumber: '330303199003071238', password: 'abcdefgh' })
      .expect(400);
    expect(weak.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'password' })] });
    const role = await t.http
      .post('/api/auth/register')
      .send({ ...body, idNumber: '330303199003071238', role: 'admin' })
      .expect(400);
    expect(role.body.code).toBe('VALIDATION_FAILED');
    await t.http.post('/api/auth/token').send({ username: 'wangwu_reg', password: 'Wangwu@2026' }).expect(401);
  });

  it('slows password guessing per username with 429 RATE_LIMITED, others still sign in', async () => {
    for (let i = 0; i < 10; i += 1)
      await t.http
        .post('/api/auth/token')
        .send({ username: 'gs_admin', password: `guess${i}` })
        .expect(401);
    const limited = await t.http.post('/api/auth/token').send({ username: 'gs_admin', password: 'Demo@2026' }).expect(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await t.http.post('/api/auth/token').send({ username: 'aj_admin', password: 'Demo@2026' }).expect(200);
  });

  it('keys the per-address limit on the forwarded address only behind a trusted proxy (TRUST_PROXY)', async () => {
    const guess = (http: TestApp['http'], from: string, i: number) =>
      http
        .post('/api/auth/token')
        .set('x-forwarded-for', from)
        .send({ username: `guesser${i}`, password: 'wrong' });
    const proxied = await startTestApp({ worker: false, overrides: { TRUST_PROXY: 'loopback' } });
    try {
      for (let i = 0; i < RATE_LIMITS.signInAddress.limit; i += 1) expect((await guess(proxied.http, '203.0.113.7', i)).status).toBe(401);
      expect((await guess(proxied.http, '203.0.113.7', 0)).body.code).toBe('RATE_LIMITED');
      expect((await guess(proxied.http, '198.51.100.9', 0)).status).toBe(401);
    } finally {
      await proxied.close();
    }
    // Without a trusted proxy a forged header changes nothing: every guess counts against the socket's address.
    const direct = await startTestApp({ worker: false });
    try {
      for (let i = 0; i < RATE_LIMITS.signInAddress.limit; i += 1) await guess(direct.http, `192.0.2.${i}`, i);
      expect((await guess(direct.http, '192.0.2.200', 0)).status).toBe(429);
    } finally {
      await direct.close();
    }
  });

  it('answers 401 AUTH_REQUIRED without a token', async () => {
    const res = await t.http.get('/api/auth/me').expect(401);
    expect(res.body.code).toBe('AUTH_REQUIRED');
  });

  it('answers 401 AUTH_TOKEN_INVALID for a forged, malformed or foreign-signed token', async () => {
    const token = await t.tokenFor('yz_clerk');
    const [header, payload] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'admin' })).toString('base64url')}.${token.split('.')[2]}`;
    for (const value of [`Bearer ${forged}`, 'Bearer not-a-jwt', `Basic ${token}`, 'Bearer']) {
      const res = await t.http.get('/api/auth/me').set('authorization', value).expect(401);
      expect(res.body.code).toBe('AUTH_TOKEN_INVALID');
    }
  });

  it('answers 403 FORBIDDEN_ROLE when the role may not call the endpoint', async () => {
    const res = await t.http
      .post('/api/disclosure/documents')
      .set('authorization', `Bearer ${await t.tokenFor('zhangsan')}`)
      .send({ title: '申请人不能起草', issuerCode: '33030300AJ', category: '部门文件', body: '正文' })
      .expect(403);
    expect(res.body.code).toBe('FORBIDDEN_ROLE');
  });

  it('answers 400 VALIDATION_FAILED naming the field and the rule', async () => {
    const res = await t.http.post('/api/auth/token').send({ username: '', password: 5 }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        { field: 'username', rule: 'isLength' },
        { field: 'password', rule: 'isString' },
      ]),
    );
  });

  it('answers 400 for an unknown field instead of dropping it', async () => {
    const res = await t.http.post('/api/auth/token').send({ username: 'a', password: 'b', isAdmin: true }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual([{ field: 'isAdmin', rule: 'unknown' }]);
  });

  it('answers 400 MALFORMED_JSON for a body that is not JSON', async () => {
    const res = await t.http.post('/api/auth/token').set('content-type', 'application/json').send('{"username":').expect(400);
    expect(res.body).toEqual({ statusCode: 400, code: 'MALFORMED_JSON', message: expect.any(String), details: [] });
  });

  it('answers 413 PAYLOAD_TOO_LARGE for an oversized body', async () => {
    const huge = { username: 'x'.repeat(t.env.BODY_LIMIT_BYTES + 10), password: 'y' };
    const res = await t.http.post('/api/auth/token').send(huge).expect(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it("answers 431 REQUEST_HEADERS_TOO_LARGE in the same shape for a URL over Node's header limit", async () => {
    const res = await t.http.get(`/api/items?q=${'温'.repeat(3000)}`).expect(431);
    expect(res.body).toEqual({ statusCode: 431, code: 'REQUEST_HEADERS_TOO_LARGE', message: expect.any(String), details: [] });
    await t.http.get('/api/health').expect((r) => expect([200, 503]).toContain(r.status));
  });

  it('answers 404 ROUTE_NOT_FOUND for an unknown route, with the same error shape', async () => {
    const res = await t.http.get('/api/no/such/route').expect(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: expect.any(String), details: [] });
  });

  it('echoes a sane X-Request-Id and makes one otherwise', async () => {
    const kept = await t.http.get('/api/health').set('x-request-id', 'abc-123');
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const made = await t.http.get('/api/health').set('x-request-id', 'bad id with spaces');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    expect(res.body.paths).toHaveProperty('/api/auth/token');
    expect(res.body.paths).toHaveProperty('/api/health');
  });
});
