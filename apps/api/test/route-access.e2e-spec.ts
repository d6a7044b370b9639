import { ALL_ROLES } from '#domain';
import { RouteAccessVerifier } from '../src/common/auth/route-access';
import { startTestApp, type TestApp } from '../../../test/test-app';

const DEMO_USER_OF_ROLE: Record<string, string> = {
  applicant: 'zhangsan',
  clerk: 'yz_clerk',
  handler: 'gs_handler',
  dept_admin: 'gs_admin',
  review_admin: 'sg_reviewer',
  supervisor: 'jc_supervisor',
  disclosure_officer: 'zf_disclosure',
  admin: 'admin',
};

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
    const routes = t.app.get(RouteAccessVerifier).routes().filter((r) => r.access !== 'public');
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
});
