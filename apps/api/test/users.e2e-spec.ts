// The admin's staff accounts (用户管理): a new clerk put to work at a centre, the refusals, deactivation
// (sign-in and the tokens already issued stop working), password reset. Each test makes the accounts it
// changes (the API tests share one database), so any of them runs alone.
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { makeStaffDraft, type StaffAccountDraft } from '#factories/users';
import { ACTIVE_ACCOUNT_TTL_MS } from '../src/common/auth/active-accounts';
import { Clock } from '../src/common/clock';
import { startTestApp, type TestApp } from '../../../test/test-app';

describe('staff accounts kept by the admin', () => {
  let t: TestApp;
  const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenFor(username)}` });
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const signIn = (username: string, password: string) => t.http.post('/api/auth/token').send({ username, password });
  const tokenOf = async (user: StaffAccountDraft) => (await signIn(user.username, user.password).expect(200)).body.accessToken as string;
  /** A new account the admin created, with its id. */
  const createUser = async (overrides: Partial<StaffAccountDraft> = {}) => {
    const draft = makeStaffDraft(overrides);
    const created = await t.http
      .post('/api/users')
      .set(await auth('admin'))
      .send(draft)
      .expect(201);
    return { ...draft, id: created.body.id as string };
  };
  /**
   * The token as the sign-in would have issued it a second earlier (same claims, signed by the app's key).
   * A deactivation or a password reset cuts the tokens of earlier seconds and spares those of its own
   * (a token's issue time is in whole seconds), so this stands for a token issued before the cut
   * without waiting for the clock to turn a second.
   */
  const issuedASecondEarlier = async (token: string) => {
    const jwt = t.app.get(JwtService);
    const { iat, exp, ...claims } = jwt.decode<{ iat: number; exp: number }>(token);
    return jwt.signAsync({ ...claims, iat: iat - 1, exp: exp - 1 });
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("creates a clerk at a street centre who signs in and takes a case in from the centre's work queue", async () => {
    const draft = makeStaffDraft();
    const created = await t.http
      .post('/api/users')
      .set(await auth('admin'))
      .send(draft)
      .expect(201);
    expect(created.body).toMatchObject({
      username: draft.username,
      role: 'clerk',
      posts: ['受理岗', '送达岗'],
      active: true,
      org: { code: '33030301BM', name: '永中街道便民服务中心' },
    });
    expect(JSON.stringify(created.body)).not.toMatch(/password|argon2/i);

    const token = await tokenOf(draft);
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
    const theirs = (
      await t.http
        .get('/api/tasks')
        .set(await auth('yz_clerk'))
        .expect(200)
    ).body as { caseId: string }[];
    expect(theirs.map((x) => x.caseId)).toContain(filed.body.id);
    const accepted = await t.http
      .post(`/api/cases/${filed.body.id}/actions`)
      .set(bearer(token))
      .send({ type: 'act', token: task.token, action: 'accept' })
      .expect(200);
    expect(accepted.body.status).toBe('running');
  });

  it('lists accounts by role, organisation and text, a page at a time, without password hashes', async () => {
    const clerk = await createUser();
    const res = await t.http
      .get('/api/users')
      .query({ role: 'clerk', orgCode: '33030301BM', pageSize: 100 })
      .set(await auth('admin'))
      .expect(200);
    expect(res.body.items.map((u: { username: string }) => u.username)).toEqual(expect.arrayContaining(['yz_clerk', clerk.username]));
    expect(res.body.items.every((u: { role: string; org: { code: string } }) => u.role === 'clerk' && u.org.code === '33030301BM')).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|argon2/);
    const byText = await t.http
      .get('/api/users')
      .query({ q: '陈晨', pageSize: 100 })
      .set(await auth('admin'))
      .expect(200);
    expect(byText.body.items.map((u: { id: string }) => u.id)).toContain(clerk.id);
    const page = await t.http
      .get('/api/users')
      .query({ pageSize: 2, page: 2 })
      .set(await auth('admin'))
      .expect(200);
    expect(page.body).toMatchObject({ page: 2, pageSize: 2, total: expect.any(Number) });
    expect(page.body.items).toHaveLength(2);
    expect(
      (
        await t.http
          .get(`/api/users/${clerk.id}`)
          .set(await auth('admin'))
          .expect(200)
      ).body.username,
    ).toBe(clerk.username);
    expect(
      (
        await t.http
          .get(`/api/users/${randomUUID()}`)
          .set(await auth('admin'))
          .expect(404)
      ).body.code,
    ).toBe('USER_NOT_FOUND');
    expect(
      (
        await t.http
          .get('/api/users/not-a-uuid')
          .set(await auth('admin'))
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
  });

  it('refuses every other role with 403 FORBIDDEN_ROLE', async () => {
    const clerk = await createUser();
    for (const username of ['zhangsan', 'yz_clerk', 'gs_admin', 'jc_supervisor', 'sg_reviewer']) {
      const list = await t.http
        .get('/api/users')
        .set(await auth(username))
        .expect(403);
      expect(list.body.code).toBe('FORBIDDEN_ROLE');
      const create = await t.http
        .post('/api/users')
        .set(await auth(username))
        .send(makeStaffDraft())
        .expect(403);
      expect(create.body.code).toBe('FORBIDDEN_ROLE');
    }
    expect(
      (
        await t.http
          .patch(`/api/users/${clerk.id}`)
          .set(await auth('gs_admin'))
          .send({ active: false })
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ROLE');
    expect(
      (
        await t.http
          .post(`/api/users/${clerk.id}/password`)
          .set(await auth('jc_supervisor'))
          .send({ password: 'Hijack2026' })
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ROLE');
    expect((await t.http.get('/api/users').expect(401)).body.code).toBe('AUTH_REQUIRED');
    // The refused changes left the account as it was.
    await tokenOf(clerk);
    expect(
      (
        await t.http
          .get(`/api/users/${clerk.id}`)
          .set(await auth('admin'))
          .expect(200)
      ).body.active,
    ).toBe(true);
  });

  it('refuses a role that does not fit the organisation, wrong posts, a taken name, a weak password, an applicant, and creates nothing', async () => {
    const admin = await auth('admin');
    const tag = `bad_${randomUUID().slice(0, 8)}`;
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
      const res = await t.http
        .post('/api/users')
        .set(admin)
        .send({ ...makeStaffDraft({ username: `${tag}_${status}` }), ...overrides });
      expect([overrides, res.status, res.body.code, res.body.details?.map((d: { field?: string }) => d.field)]).toEqual([
        overrides,
        status,
        code,
        expect.arrayContaining([field]),
      ]);
    }
    const left = await t.http.get('/api/users').query({ q: tag }).set(admin).expect(200);
    expect(left.body.total).toBe(0);
    // The demo yz_clerk is untouched by the refused duplicate.
    await signIn('yz_clerk', 'Demo@2026').expect(200);
  });

  it('accepts each role at the kind of organisation it works in', async () => {
    const admin = await auth('admin');
    const fits: Partial<StaffAccountDraft>[] = [
      { role: 'clerk', orgCode: '33030300ZX', posts: ['受理岗'] },
      { role: 'handler', orgCode: '33030300AJ', posts: ['审核岗', '审批岗'] },
      { role: 'dept_admin', orgCode: '33030300CZ', posts: [] },
      { role: 'review_admin', orgCode: '33030300SG', posts: [] },
      { role: 'supervisor', orgCode: '33030000JC', posts: [] },
      { role: 'disclosure_officer', orgCode: '33030300ZF', posts: [] },
      { role: 'admin', orgCode: '330303', posts: [] },
    ];
    for (const fit of fits) {
      const res = await t.http.post('/api/users').set(admin).send(makeStaffDraft(fit));
      expect([fit, res.status, res.body.code]).toEqual([fit, 201, undefined]);
    }
  });

  it('changes the name and posts, refusing posts the role cannot hold', async () => {
    const admin = await auth('admin');
    const clerk = await createUser();
    const changed = await t.http
      .patch(`/api/users/${clerk.id}`)
      .set(admin)
      .send({ displayName: '永中街道便民服务中心窗口 陈晨晨', posts: ['受理岗'] })
      .expect(200);
    expect(changed.body).toMatchObject({ displayName: '永中街道便民服务中心窗口 陈晨晨', posts: ['受理岗'], active: true });
    const wrong = await t.http
      .patch(`/api/users/${clerk.id}`)
      .set(admin)
      .send({ posts: ['审核岗'] })
      .expect(422);
    expect(wrong.body.code).toBe('USER_POSTS_INVALID');
    expect((await t.http.patch(`/api/users/${clerk.id}`).set(admin).send({ role: 'admin' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await t.http.patch(`/api/users/${randomUUID()}`).set(admin).send({ active: false }).expect(404)).body.code).toBe('USER_NOT_FOUND');
    expect((await t.http.get(`/api/users/${clerk.id}`).set(admin).expect(200)).body.posts).toEqual(['受理岗']);
  });

  it('deactivates an account: sign-in and the token already issued stop working, its history stays; reactivated it signs in afresh', async () => {
    const admin = await auth('admin');
    const clerk = await createUser();
    const token = await issuedASecondEarlier(await tokenOf(clerk));
    await t.http.get('/api/tasks').set(bearer(token)).expect(200);

    const off = await t.http.patch(`/api/users/${clerk.id}`).set(admin).send({ active: false, note: '调离窗口岗位' }).expect(200);
    expect(off.body.active).toBe(false);
    const refused = await t.http.get('/api/tasks').set(bearer(token)).expect(401);
    expect(refused.body.code).toBe('AUTH_TOKEN_INVALID');
    expect((await signIn(clerk.username, clerk.password).expect(401)).body.code).toBe('AUTH_INVALID_CREDENTIALS');
    // Kept, and listed as inactive.
    expect((await t.http.get(`/api/users/${clerk.id}`).set(admin).expect(200)).body.active).toBe(false);

    await t.http.patch(`/api/users/${clerk.id}`).set(admin).send({ active: true }).expect(200);
    // The token from before the deactivation stays void; a new sign-in works.
    expect((await t.http.get('/api/tasks').set(bearer(token)).expect(401)).body.code).toBe('AUTH_TOKEN_INVALID');
    const fresh = await tokenOf(clerk);
    await t.http.get('/api/tasks').set(bearer(fresh)).expect(200);
  });

  it("stops a deactivated account's token in another API process when its cache time is out", async () => {
    const other = await startTestApp({ worker: false });
    try {
      const clerk = await createUser();
      const token = await tokenOf(clerk);
      // The other process's clock stands still from here; the test moves it.
      const cachedAt = Date.now();
      const clock = jest.spyOn(other.app.get(Clock), 'now').mockReturnValue(cachedAt);
      await other.http.get('/api/auth/me').set(bearer(token)).expect(200);
      await t.http
        .patch(`/api/users/${clerk.id}`)
        .set(await auth('admin'))
        .send({ active: false })
        .expect(200);
      // Until its answer is ACTIVE_ACCOUNT_TTL_MS old, the other process goes by what it knew …
      clock.mockReturnValue(cachedAt + ACTIVE_ACCOUNT_TTL_MS - 1);
      await other.http.get('/api/auth/me').set(bearer(token)).expect(200);
      // … then it asks again and refuses the token.
      clock.mockReturnValue(cachedAt + ACTIVE_ACCOUNT_TTL_MS);
      expect((await other.http.get('/api/auth/me').set(bearer(token)).expect(401)).body.code).toBe('AUTH_TOKEN_INVALID');
      // This process, which made the change, refuses it at once.
      expect((await t.http.get('/api/auth/me').set(bearer(token)).expect(401)).body.code).toBe('AUTH_TOKEN_INVALID');
    } finally {
      await other.close();
    }
  });

  it('refuses to let the admin deactivate their own account', async () => {
    const me = (
      await t.http
        .get('/api/auth/me')
        .set(await auth('admin'))
        .expect(200)
    ).body as { id: string };
    const res = await t.http
      .patch(`/api/users/${me.id}`)
      .set(await auth('admin'))
      .send({ active: false })
      .expect(409);
    expect(res.body.code).toBe('USER_SELF_DEACTIVATION');
    await t.http
      .get('/api/users')
      .set(await auth('admin'))
      .expect(200);
  });

  it('refuses to let the admin reset their own password, which still works', async () => {
    const me = (
      await t.http
        .get('/api/auth/me')
        .set(await auth('admin'))
        .expect(200)
    ).body as { id: string };
    const res = await t.http
      .post(`/api/users/${me.id}/password`)
      .set(await auth('admin'))
      .send({ password: 'Taken2026over' })
      .expect(409);
    expect(res.body.code).toBe('USER_SELF_PASSWORD_RESET');
    await signIn('admin', 'Demo@2026').expect(200);
    await signIn('admin', 'Taken2026over').expect(401);
  });

  it('resets a password: the user signs in with the new one, no longer with the old', async () => {
    const admin = await auth('admin');
    const clerk = await createUser();
    expect((await t.http.post(`/api/users/${clerk.id}/password`).set(admin).send({ password: 'short' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const before = await issuedASecondEarlier(await tokenOf(clerk));
    await t.http.get('/api/auth/me').set(bearer(before)).expect(200);
    const reset = await t.http.post(`/api/users/${clerk.id}/password`).set(admin).send({ password: 'Reset2026ok' }).expect(200);
    expect(JSON.stringify(reset.body)).not.toMatch(/password|argon2/i);
    expect((await signIn(clerk.username, clerk.password).expect(401)).body.code).toBe('AUTH_INVALID_CREDENTIALS');
    const after = (await signIn(clerk.username, 'Reset2026ok').expect(200)).body.accessToken as string;
    expect((await t.http.get('/api/auth/me').set(bearer(before)).expect(401)).body.code).toBe('AUTH_TOKEN_INVALID');
    await t.http.get('/api/auth/me').set(bearer(after)).expect(200);
    expect((await t.http.post(`/api/users/${randomUUID()}/password`).set(admin).send({ password: 'Reset2026ok' }).expect(404)).body.code).toBe(
      'USER_NOT_FOUND',
    );
  });

  it('keeps who changed what, newest first, without passwords', async () => {
    const admin = await auth('admin');
    const clerk = await createUser();
    await t.http
      .patch(`/api/users/${clerk.id}`)
      .set(admin)
      .send({ displayName: '永中街道便民服务中心窗口 陈晨晨', posts: ['受理岗'] })
      .expect(200);
    await t.http.patch(`/api/users/${clerk.id}`).set(admin).send({ active: false, note: '调离窗口岗位' }).expect(200);
    await t.http.patch(`/api/users/${clerk.id}`).set(admin).send({ active: true }).expect(200);
    await t.http.post(`/api/users/${clerk.id}/password`).set(admin).send({ password: 'Reset2026ok' }).expect(200);

    const res = await t.http.get(`/api/users/${clerk.id}`).set(admin).expect(200);
    const changes = res.body.changes as {
      kind: string;
      by: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
      note: string | null;
    }[];
    expect(changes.every((c) => c.by === 'admin')).toBe(true);
    expect(changes.at(-1)).toMatchObject({
      kind: 'created',
      after: { username: clerk.username, role: 'clerk', orgCode: '33030301BM', posts: ['受理岗', '送达岗'] },
    });
    expect(changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'changed',
          before: { displayName: '永中街道便民服务中心窗口 陈晨', posts: ['受理岗', '送达岗'] },
          after: { displayName: '永中街道便民服务中心窗口 陈晨晨', posts: ['受理岗'] },
        }),
        expect.objectContaining({ kind: 'changed', before: { active: true }, after: { active: false }, note: '调离窗口岗位' }),
        expect.objectContaining({ kind: 'password_reset', before: null, after: null }),
      ]),
    );
    expect(changes[0]!.kind).toBe('password_reset');
    expect(JSON.stringify(res.body)).not.toMatch(/password"|passwordHash|argon2|Reset2026ok|Chen2026go/);
  });
});
