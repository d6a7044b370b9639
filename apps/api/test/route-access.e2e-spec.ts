import { ALL_ROLES } from '#domain';
import { RouteAccessVerifier } from '../src/common/auth/route-access';
import { DEMO_USER_OF_ROLE } from '../../../test/demo-users';
import { startTestApp, type TestApp } from '../../../test/test-app';

function concrete(path: string): string {
  return path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
}

describe('route access, from the route metadata', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('has a demo user for every role', () => {
    expect(Object.keys(DEMO_USER_OF_ROLE).sort()).toEqual([...ALL_ROLES].sort());
  });

  it('declares who may call every route', () => {
    const routes = t.app.get(RouteAccessVerifier).routes();
    expect(routes.length).toBeGreaterThan(3);
    for (const route of routes) expect(route.access === 'public' || route.access.length > 0).toBe(true);
  });

  it('refuses every non-public route without a token, and every role it does not list', async () => {
    const routes = t.app
      .get(RouteAccessVerifier)
      .routes()
      .filter((r) => r.access !== 'public');
    for (const route of routes) {
      const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch';
      const anonymous = await t.http[method](concrete(route.path)).send({});
      expect([route.path, anonymous.status, anonymous.body.code]).toEqual([route.path, 401, 'AUTH_REQUIRED']);
      for (const role of ALL_ROLES) {
        if ((route.access as string[]).includes(role)) continue;
        const token = await t.tokenFor(DEMO_USER_OF_ROLE[role]!);
        const res = await t.http[method](concrete(route.path)).set('authorization', `Bearer ${token}`).send({});
        expect([route.path, role, res.status, res.body.code]).toEqual([route.path, role, 403, 'FORBIDDEN_ROLE']);
      }
    }
  });

  it('lets every role it lists, and anyone on a public route, past the access check', async () => {
    // Every route × every role it names: whatever the answer (404 for the placeholder id, 400 for the
    // empty body, 403 FORBIDDEN_ORG_SCOPE …), it is not a refusal of the role, and never a 500.
    const seen: string[] = [];
    for (const route of t.app.get(RouteAccessVerifier).routes()) {
      const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete' | 'patch';
      const callers = route.access === 'public' ? [undefined] : route.access;
      for (const role of callers) {
        const call = t.http[method](concrete(route.path));
        if (role) call.set('authorization', `Bearer ${await t.tokenFor(DEMO_USER_OF_ROLE[role])}`);
        const res = await call.send({});
        seen.push(`${route.method} ${route.path} ${role ?? 'public'}`);
        const outcome =
          res.status >= 500 ? `${res.status} ${res.body.code}` : ['AUTH_REQUIRED', 'FORBIDDEN_ROLE'].includes(res.body.code) ? res.body.code : 'passed';
        expect([route.method, route.path, role ?? 'public', outcome]).toEqual([route.method, route.path, role ?? 'public', 'passed']);
      }
    }
    expect(seen.length).toBeGreaterThan(t.app.get(RouteAccessVerifier).routes().length - 1);
  });
});
