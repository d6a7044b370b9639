import { RateLimitsRepository } from '#persistence';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { RATE_LIMITS } from '../src/common/rate-limit/rate-limits';
import { startTestApp, type TestApp } from '../../../test/test-app';

/** A checked resident ID number (GB 11643) born 1990-03-07 in 龙湾区, told apart by `n` (0–999). */
function residentId(n: number): string {
  const body = `33030319900307${String(n).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

/**
 * Two API processes (two Nest apps on one database, as two processes behind a balancer would be)
 * share one rate-limit namespace: every limit must hold across them, not per process.
 */
describe('rate limits shared by every API process', () => {
  let a: TestApp;
  let b: TestApp;
  let counters: RateLimitsRepository;
  const shared = { RATE_LIMIT_NAMESPACE: `shared-${randomUUID()}`, TRUST_PROXY: 'loopback' };

  beforeAll(async () => {
    [a, b] = await Promise.all([startTestApp({ worker: false, overrides: shared }), startTestApp({ worker: false, overrides: shared })]);
    counters = new RateLimitsRepository(a.app.get(DataSource));
  });
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  /** Alternates between the two processes, as a balancer would. */
  const apiOf = (i: number) => (i % 2 === 0 ? a : b).http;
  const signIn = (i: number, username: string, from: string, password = 'wrong') =>
    apiOf(i).post('/api/auth/token').set('x-forwarded-for', from).send({ username, password });

  it('refuses the 11th sign-in for one username, split over both processes and ten addresses, even with the right password', async () => {
    for (let i = 0; i < RATE_LIMITS.signInUsername.limit; i += 1) {
      expect((await signIn(i, 'gs_handler', `203.0.113.${i + 1}`)).status).toBe(401);
    }
    for (const [i, from] of [
      [0, '198.51.100.1'],
      [1, '198.51.100.2'],
    ] as const) {
      const refused = await signIn(i, 'gs_handler', from, 'Demo@2026');
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Other accounts, from the same addresses, still sign in.
    expect((await signIn(0, 'zj_handler', '203.0.113.1', 'Demo@2026')).status).toBe(200);
  });

  it('refuses one address trying many usernames once its own limit is passed, on either process', async () => {
    const from = '192.0.2.77';
    for (let i = 0; i < RATE_LIMITS.signInAddress.limit; i += 1) {
      expect((await signIn(i, `nobody${i}`, from)).status).toBe(401);
    }
    expect((await signIn(0, 'aj_admin', from, 'Demo@2026')).body.code).toBe('RATE_LIMITED');
    expect((await signIn(1, 'aj_admin', from, 'Demo@2026')).body.code).toBe('RATE_LIMITED');
    expect((await signIn(1, 'aj_admin', '192.0.2.78', 'Demo@2026')).status).toBe(200);
  });

  it('limits registrations per address whatever the usernames, creating no account once refused', async () => {
    const from = '192.0.2.90';
    const run = Math.floor(Math.random() * 900);
    const body = (i: number) => ({
      username: `rl_reg_${i}_${Date.now().toString(36)}`,
      password: 'Reg@2026xx',
      name: '限流测试',
      kind: 'person',
      idNumber: residentId((run + i) % 1000),
    });
    // Two real accounts, then attempts that fail on their ID number: every attempt counts.
    expect((await apiOf(0).post('/api/auth/register').set('x-forwarded-for', from).send(body(0))).status).toBe(201);
    expect((await apiOf(1).post('/api/auth/register').set('x-forwarded-for', from).send(body(1))).status).toBe(201);
    for (let i = 2; i < RATE_LIMITS.register.limit; i += 1) {
      expect(
        (
          await apiOf(i)
            .post('/api/auth/register')
            .set('x-forwarded-for', from)
            .send({ ...body(i), idNumber: `${body(i).idNumber.slice(0, 17)}${body(i).idNumber.endsWith('0') ? '1' : '0'}` })
        ).body.code,
      ).toBe('APPLICANT_ID_INVALID');
    }
    const extra = body(99);
    const refused = await apiOf(1).post('/api/auth/register').set('x-forwarded-for', from).send(extra);
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    expect(
      (await a.http.post('/api/auth/token').set('x-forwarded-for', '192.0.2.91').send({ username: extra.username, password: extra.password })).body.code,
    ).toBe('AUTH_INVALID_CREDENTIALS');
    expect((await apiOf(0).post('/api/auth/register').set('x-forwarded-for', '192.0.2.92').send(extra)).status).toBe(201);
  });

  it('refuses an upload to an unknown document before reading its body', async () => {
    const server = a.app.getHttpServer() as http.Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      // Announce 20 MiB, send 64 KiB and keep the upload open: the answer must come anyway.
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/documents/${randomUUID()}/verify`,
          headers: { 'content-type': 'multipart/form-data; boundary=zwt', 'content-length': String(20 * 1024 * 1024), 'x-forwarded-for': '192.0.2.120' },
        });
        const timer = setTimeout(() => {
          req.destroy();
          reject(new Error('no answer while the upload was still open: the body is read first'));
        }, 10_000);
        req.on('response', (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => {
            clearTimeout(timer);
            req.destroy();
            resolve({ status: res.statusCode ?? 0, body: text });
          });
        });
        req.on('error', () => undefined); // the refused upload's socket is cut once answered
        req.write(`--zwt\r\ncontent-disposition: form-data; name="file"; filename="copy.pdf"\r\ncontent-type: application/pdf\r\n\r\n`);
        req.write(Buffer.alloc(64 * 1024, 0x25));
      });
      expect(answer.status).toBe(404);
      expect(JSON.parse(answer.body).code).toBe('DOCUMENT_NOT_FOUND');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const badId = await a.http
      .post('/api/documents/not-a-uuid/verify')
      .set('x-forwarded-for', '192.0.2.121')
      .attach('file', Buffer.from('%PDF-1.7'), 'copy.pdf')
      .expect(400);
    expect(badId.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'id', rule: 'isUuid' }] });
  });

  it('throttles public uploads per address across both processes, unknown ids included', async () => {
    const from = '192.0.2.130';
    for (let i = 0; i < RATE_LIMITS.documentVerify.limit; i += 1) {
      const res = await apiOf(i).post(`/api/documents/${randomUUID()}/verify`).set('x-forwarded-for', from).attach('file', Buffer.from('%PDF-1.7'), 'copy.pdf');
      expect(res.body.code).toBe('DOCUMENT_NOT_FOUND');
    }
    const refused = await apiOf(1)
      .post(`/api/documents/${randomUUID()}/verify`)
      .set('x-forwarded-for', from)
      .attach('file', Buffer.from('%PDF-1.7'), 'copy.pdf');
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
  });

  describe('the PostgreSQL counter', () => {
    it('counts concurrent hits from several connections without losing one', async () => {
      const key = randomUUID().replace(/-/g, '').padEnd(64, '0');
      const other = new RateLimitsRepository(b.app.get(DataSource));
      const hits = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? counters : other).increment(key, 'test', 60_000, 25, 60_000)));
      const counted = hits
        .filter((h) => h.blockedForMs === 0)
        .map((h) => h.hits)
        .sort((x, y) => x - y);
      expect(counted).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(hits.filter((h) => h.blockedForMs > 0)).toHaveLength(15);
    });

    it('opens a fresh window after the block ends, and sweeps ended counters', async () => {
      const key = randomUUID().replace(/-/g, '').padEnd(64, '1');
      expect(await counters.increment(key, 'test', 300, 1, 300)).toMatchObject({ hits: 1, blockedForMs: 0 });
      const blocked = await counters.increment(key, 'test', 300, 1, 300);
      expect(blocked.blockedForMs).toBeGreaterThan(0);
      expect((await counters.increment(key, 'test', 300, 1, 300)).hits).toBe(2); // not counted while blocked
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await counters.increment(key, 'test', 300, 1, 300)).toMatchObject({ hits: 1, blockedForMs: 0 });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await counters.deleteExpired()).toBeGreaterThanOrEqual(1);
      const left = await a.app.get(DataSource).query(`SELECT 1 FROM "rate_limit_counters" WHERE "key" = $1`, [key]);
      expect(left).toHaveLength(0);
    });
  });
});
