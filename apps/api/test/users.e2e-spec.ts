// The admin's staff accounts (用户管理): a new clerk put to work at a centre, the refusals, deactivation
// (sign-in and the tokens already issued stop working), password reset. Usernames are unique per run:
// the API tests share one database.
import { randomUUID } from 'node:crypto';
import { ACTIVE_ACCOUNT_TTL_MS } from '../src/common/auth/active-accounts';
import { startTestApp, type TestApp } from '../../../test/test-app';

describe('staff accounts kept by the admin', () => {
  let t: TestApp;
  const suffix = Date.now().toString(36).slice(-6);
  const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenFor(username)}` });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const signIn = (username: string, password: string) => t.http.post('/api/auth/token').send({ username, password });
  const newClerk = (overrides: object = {}) => ({
    username: `clerk_${suffix}`,
    displayName: '永中街道便民服务中心窗口 陈晨',
    role: 'clerk',
    orgCode: '33030301BM',
    posts: ['受理岗', '送达岗'],
    password: 'Chen2026go',
    ...overrides,
  });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  let clerkId = '';

  it('creates a clerk at a street centre who signs in and takes a case in from the centre\'s work queue', async () => {
    const created = await t.http.post('/api/users').set(await auth('admin')).send(newClerk()).expect(201);
    expect(created.body).toMatchObject({ username: `clerk_${suffix}`, role: 'clerk', posts: ['受理岗', '送达岗'], active: true, org: { code: '33030301BM', name: '永中街道便民服务中心' } });
    expect(JSON.stringify(created.body)).not.toMatch(/password|argon2/i);
    clerkId = created.body.id;

    const token = (await signIn(`clerk_${suffix}`, 'Chen2026go').expect(200)).body.accessToken as string;
    const filed = await t.http
      .post('/api/cases')
      .set(bearer(token))
      .send({ itemCode: '33030300GS-DL-0001', requestId: randomUUID(), applicant: { name: '温州新窗口测试公司' }, materials: ['代办委托书'] })
      .expect(201);
    expect(filed.body.caseNumber).toContain('-33030301BM-');
    // The centre's queue is shared by its clerks: the demo clerk sees the new clerk's case, and back.
    const queue = (await t.http.get('/api/tasks').set(bearer(token)).expect(200)).body as { caseId: string; token: string }[];
    const task = queue.find((x) => x.caseId === filed.body.id)!;
    expect(task).toBeDefined();
    const theirs = (await t.http.get('/api/tasks').set(await auth('yz_clerk')).expect(200)).body as { caseId: string }[];
    expect(theirs.map((x) => x.caseId)).toContain(filed.body.id);
    const accepted = await t.http.post(`/api/cases/${filed.body.id}/actions`).set(bearer(token)).send({ type: 'act', token: task.token, action: 'accept' }).expect(200);
    expect(accepted.body.status).toBe('running');
  });

  it('lists accounts by role, organisation and text, a page at a time, without password hashes', async () => {
    const res = await t.http.get('/api/users').query({ role: 'clerk', orgCode: '33030301BM' }).set(await auth('admin')).expect(200);
    expect(res.body.items.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['yz_clerk', `clerk_${suffix}`]));
    expect(res.body.items.every((u: { role: string; org: { code: string } }) => u.role === 'clerk' && u.org.code === '33030301BM')).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2/);
    const byText = await t.http.get('/api/users').query({ q: '陈晨' }).set(await auth('admin')).expect(200);
    expect(byText.body.items.map((u: { id: string }) => u.id)).toContain(clerkId);
    const page = await t.http.get('/api/users').query({ pageSize: 2, page: 2 }).set(await auth('admin')).expect(200);
    expect(page.body).toMatchObject({ page: 2, pageSize: 2, total: expect.any(Number) });
    expect(page.body.items).toHaveLength(2);
    expect((await t.http.get(`/api/users/${clerkId}`).set(await auth('admin')).expect(200)).body.username).toBe(`clerk_${suffix}`);
    expect((await t.http.get(`/api/users/${randomUUID()}`).set(await auth('admin')).expect(404)).body.code).toBe('USER_NOT_FOUND');
    expect((await t.http.get('/api/users/not-a-uuid').set(await auth('admin')).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('refuses every other role with 403 FORBIDDEN_ROLE', async () => {
    for (const username of ['zhangsan', 'yz_clerk', 'gs_admin', 'jc_supervisor', 'sg_reviewer']) {
      const list = await t.http.get('/api/users').set(await auth(username)).expect(403);
      expect(list.body.code).toBe('FORBIDDEN_ROLE');
      const create = await t.http.post('/api/users').set(await auth(username)).send(newClerk({ username: `x_${username}_${suffix}` })).expect(403);
      expect(create.body.code).toBe('FORBIDDEN_ROLE');
    }
    expect((await t.http.patch(`/api/users/${clerkId}`).set(await auth('gs_admin')).send({ active: false }).expect(403)).body.code).toBe('FORBIDDEN_ROLE');
    expect((await t.http.post(`/api/users/${clerkId}/password`).set(await auth('jc_supervisor')).send({ password: 'Hijack2026' }).expect(403)).body.code).toBe('FORBIDDEN_ROLE');
    expect((await t.http.get('/api/users').expect(401)).body.code).toBe('AUTH_REQUIRED');
  });

  it('refuses a role that does not fit the organisation, wrong posts, a taken name, a weak password, an applicant, and creates nothing', async () => {
    const admin = await auth('admin');
    const cases: [object, number, string, string?][] = [
      [{ orgCode: '33030300GS' }, 422, 'USER_ROLE_ORG_MISMATCH', 'orgCode'],
      [{ role: 'handler', orgCode: '33030301BM', posts: ['审核岗'] }, 422, 'USER_ROLE_ORG_MISMATCH', 'orgCode'],
      [{ role: 'supervisor', orgCode: '33030300GS', posts: [] }, 422, 'USER_ROLE_ORG_MISMATCH', 'orgCode'],
      [{ role: 'admin', orgCode: '33030300ZF', posts: [] }, 422, 'USER_ROLE_ORG_MISMATCH', 'orgCode'],
      [{ posts: ['审批岗'] }, 422, 'USER_POSTS_INVALID', 'posts'],
      [{ posts: [] }, 422, 'USER_POSTS_INVALID', 'posts'],
      [{ role: 'dept_admin', orgCode: '33030300GS', posts: ['审核岗'] }, 422, 'USER_POSTS_INVALID', 'posts'],
      [{ posts: ['局长岗'] }, 400, 'VALIDATION_FAILED', 'posts'],
      [{ orgCode: '99999999XX' }, 404, 'ORG_NOT_FOUND', 'orgCode'],
      [{ username: 'yz_clerk' }, 409, 'AUTH_USERNAME_TAKEN', 'username'],
      [{ password: 'abcdefgh' }, 400, 'VALIDATION_FAILED', 'password'],
      [{ password: 'Ab1' }, 400, 'VALIDATION_FAILED', 'password'],
      [{ role: 'applicant', orgCode: '330303', posts: [] }, 400, 'VALIDATION_FAILED', 'role'],
      [{ passwordHash: 'x' }, 400, 'VALIDATION_FAILED', 'passwordHash'],
    ];
    for (const [overrides, status, code, field] of cases) {
      const username = 'username' in overrides ? (overrides as { username: string }).username : `bad_${suffix}_${status}`;
      const res = await t.http.post('/api/users').set(admin).send(newClerk({ username, ...overrides }));
      expect([overrides, res.status, res.body.code, res.body.details?.map((d: { field?: string }) => d.field)]).toEqual([overrides, status, code, expect.arrayContaining([field])]);
    }
    const left = await t.http.get('/api/users').query({ q: `bad_${suffix}` }).set(admin).expect(200);
    expect(left.body.total).toBe(0);
    // The demo yz_clerk is untouched by the refused duplicate.
    await signIn('yz_clerk', 'Demo@2026').expect(200);
  });

  it('accepts each role at the kind of organisation it works in', async () => {
    const admin = await auth('admin');
    const fits = [
      { role: 'clerk', orgCode: '33030300ZX', posts: ['受理岗'] },
      { role: 'handler', orgCode: '33030300AJ', posts: ['审核岗', '审批岗'] },
      { role: 'dept_admin', orgCode: '33030300CZ', posts: [] },
      { role: 'review_admin', orgCode: '33030300SG', posts: [] },
      { role: 'supervisor', orgCode: '33030000JC', posts: [] },
      { role: 'disclosure_officer', orgCode: '33030300ZF', posts: [] },
      { role: 'admin', orgCode: '330303', posts: [] },
    ];
    for (const [i, fit] of fits.entries()) {
      const res = await t.http.post('/api/users').set(admin).send(newClerk({ username: `fit${i}_${suffix}`, ...fit }));
      expect([fit, res.status, res.body.code]).toEqual([fit, 201, undefined]);
    }
  });

  it('changes the name and posts, refusing posts the role cannot hold', async () => {
    const admin = await auth('admin');
    const changed = await t.http.patch(`/api/users/${clerkId}`).set(admin).send({ displayName: '永中街道便民服务中心窗口 陈晨晨', posts: ['受理岗'] }).expect(200);
    expect(changed.body).toMatchObject({ displayName: '永中街道便民服务中心窗口 陈晨晨', posts: ['受理岗'], active: true });
    const wrong = await t.http.patch(`/api/users/${clerkId}`).set(admin).send({ posts: ['审核岗'] }).expect(422);
    expect(wrong.body.code).toBe('USER_POSTS_INVALID');
    expect((await t.http.patch(`/api/users/${clerkId}`).set(admin).send({ role: 'admin' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await t.http.patch(`/api/users/${randomUUID()}`).set(admin).send({ active: false }).expect(404)).body.code).toBe('USER_NOT_FOUND');
    expect((await t.http.get(`/api/users/${clerkId}`).set(admin).expect(200)).body.posts).toEqual(['受理岗']);
  });

  it('deactivates an account: sign-in and the token already issued stop working, its history stays; reactivated it signs in afresh', async () => {
    const admin = await auth('admin');
    const token = (await signIn(`clerk_${suffix}`, 'Chen2026go').expect(200)).body.accessToken as string;
    await t.http.get('/api/tasks').set(bearer(token)).expect(200);
    // Tokens carry their issue time in whole seconds: a deactivation cuts those of earlier seconds.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const off = await t.http.patch(`/api/users/${clerkId}`).set(admin).send({ active: false, note: '调离窗口岗位' }).expect(200);
    expect(off.body.active).toBe(false);
    const refused = await t.http.get('/api/tasks').set(bearer(token)).expect(401);
    expect(refused.body.code).toBe('AUTH_TOKEN_INVALID');
    expect((await signIn(`clerk_${suffix}`, 'Chen2026go').expect(401)).body.code).toBe('AUTH_INVALID_CREDENTIALS');
    // Kept, and listed as inactive.
    expect((await t.http.get(`/api/users/${clerkId}`).set(admin).expect(200)).body.active).toBe(false);

    await t.http.patch(`/api/users/${clerkId}`).set(admin).send({ active: true }).expect(200);
    // The token from before the deactivation stays void; a new sign-in works.
    expect((await t.http.get('/api/tasks').set(bearer(token)).expect(401)).body.code).toBe('AUTH_TOKEN_INVALID');
    const fresh = (await signIn(`clerk_${suffix}`, 'Chen2026go').expect(200)).body.accessToken as string;
    await t.http.get('/api/tasks').set(bearer(fresh)).expect(200);
  });

  it('stops a deactivated account\'s token in another API process within the cache time', async () => {
    const other = await startTestApp({ worker: false });
    try {
      const token = (await signIn(`clerk_${suffix}`, 'Chen2026go').expect(200)).body.accessToken as string;
      await other.http.get('/api/auth/me').set(bearer(token)).expect(200);
      await t.http.patch(`/api/users/${clerkId}`).set(await auth('admin')).send({ active: false }).expect(200);
      await new Promise((resolve) => setTimeout(resolve, ACTIVE_ACCOUNT_TTL_MS + 200));
      expect((await other.http.get('/api/auth/me').set(bearer(token)).expect(401)).body.code).toBe('AUTH_TOKEN_INVALID');
    } finally {
      await t.http.patch(`/api/users/${clerkId}`).set(await auth('admin')).send({ active: true }).expect(200);
      await other.close();
    }
  });

  it('refuses to let the admin deactivate their own account', async () => {
    const me = (await t.http.get('/api/auth/me').set(await auth('admin')).expect(200)).body as { id: string };
    const res = await t.http.patch(`/api/users/${me.id}`).set(await auth('admin')).send({ active: false }).expect(409);
    expect(res.body.code).toBe('USER_SELF_DEACTIVATION');
    await t.http.get('/api/users').set(await auth('admin')).expect(200);
  });

  it('refuses to let the admin reset their own password, which still works', async () => {
    const me = (await t.http.get('/api/auth/me').set(await auth('admin')).expect(200)).body as { id: string };
    const res = await t.http.post(`/api/users/${me.id}/password`).set(await auth('admin')).send({ password: 'Taken2026over' }).expect(409);
    expect(res.body.code).toBe('USER_SELF_PASSWORD_RESET');
    await signIn('admin', 'Demo@2026').expect(200);
    await signIn('admin', 'Taken2026over').expect(401);
  });

  it('resets a password: the user signs in with the new one, no longer with the old', async () => {
    const admin = await auth('admin');
    expect((await t.http.post(`/api/users/${clerkId}/password`).set(admin).send({ password: 'short' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const before = (await signIn(`clerk_${suffix}`, 'Chen2026go').expect(200)).body.accessToken as string;
    // Tokens carry their issue time in whole seconds: the reset cuts those of earlier seconds.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const reset = await t.http.post(`/api/users/${clerkId}/password`).set(admin).send({ password: 'Reset2026ok' }).expect(200);
    expect(JSON.stringify(reset.body)).not.toMatch(/password|argon2/i);
    expect((await signIn(`clerk_${suffix}`, 'Chen2026go').expect(401)).body.code).toBe('AUTH_INVALID_CREDENTIALS');
    const after = (await signIn(`clerk_${suffix}`, 'Reset2026ok').expect(200)).body.accessToken as string;
    expect((await t.http.get('/api/auth/me').set(bearer(before)).expect(401)).body.code).toBe('AUTH_TOKEN_INVALID');
    await t.http.get('/api/auth/me').set(bearer(after)).expect(200);
    expect((await t.http.post(`/api/users/${randomUUID()}/password`).set(admin).send({ password: 'Reset2026ok' }).expect(404)).body.code).toBe('USER_NOT_FOUND');
  });

  it('keeps who changed what, newest first, without passwords', async () => {
    const res = await t.http.get(`/api/users/${clerkId}`).set(await auth('admin')).expect(200);
    const changes = res.body.changes as { kind: string; by: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; note: string | null }[];
    expect(changes.every((c) => c.by === 'admin')).toBe(true);
    expect(changes.at(-1)).toMatchObject({ kind: 'created', after: { username: `clerk_${suffix}`, role: 'clerk', orgCode: '33030301BM', posts: ['受理岗', '送达岗'] } });
    expect(changes).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'changed', before: { displayName: '永中街道便民服务中心窗口 陈晨', posts: ['受理岗', '送达岗'] }, after: { displayName: '永中街道便民服务中心窗口 陈晨晨', posts: ['受理岗'] } }),
      expect.objectContaining({ kind: 'changed', before: { active: true }, after: { active: false }, note: '调离窗口岗位' }),
      expect.objectContaining({ kind: 'password_reset', before: null, after: null }),
    ]));
    expect(changes[0]!.kind).toBe('password_reset');
    expect(JSON.stringify(res.body)).not.toMatch(/password"|passwordHash|argon2|Reset2026ok|Chen2026go/);
  });
});
