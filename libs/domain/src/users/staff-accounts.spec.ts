import { type AccountOrg, checkPosts, checkRoleOrg, Role } from '#domain';

const dept = (deptCode: string, name = `龙湾区${deptCode}`): AccountOrg => ({ level: 'department', deptCode, name });
const street: AccountOrg = { level: 'township', deptCode: null, name: '永中街道' };
const county: AccountOrg = { level: 'county', deptCode: null, name: '龙湾区' };
const city: AccountOrg = { level: 'city', deptCode: null, name: '温州市' };
const rules = (role: Role, org: AccountOrg) => checkRoleOrg(role, org).map((p) => p.rule);

describe('which organisation a staff role works at', () => {
  it("puts clerks at a service centre (a street's 便民服务中心 or the county's 行政审批服务中心) only", () => {
    expect(rules(Role.CLERK, dept('BM', '永中街道便民服务中心'))).toEqual([]);
    expect(rules(Role.CLERK, dept('ZX', '龙湾区行政审批服务中心'))).toEqual([]);
    expect(rules(Role.CLERK, dept('GS'))).toEqual(['clerk-at-centre']);
    expect(rules(Role.CLERK, street)).toEqual(['clerk-at-centre']);
  });

  it("puts handlers and departments' legal staff at a department that is not a centre", () => {
    for (const role of [Role.HANDLER, Role.DEPT_ADMIN]) {
      expect(rules(role, dept('GS'))).toEqual([]);
      expect(rules(role, dept('AJ', '温州市安全生产监督管理局'))).toEqual([]);
      expect(rules(role, dept('BM'))).toEqual(['staff-at-department']);
      expect(rules(role, county)).toEqual(['staff-at-department']);
    }
  });

  it("puts the review, supervision and disclosure offices' staff at their own office", () => {
    expect(rules(Role.REVIEW_ADMIN, dept('SG'))).toEqual([]);
    expect(rules(Role.SUPERVISOR, dept('JC'))).toEqual([]);
    expect(rules(Role.DISCLOSURE_OFFICER, dept('ZF'))).toEqual([]);
    expect(rules(Role.REVIEW_ADMIN, dept('JC'))).toEqual(['office-department']);
    expect(rules(Role.SUPERVISOR, dept('GS'))).toEqual(['office-department']);
    expect(rules(Role.DISCLOSURE_OFFICER, county)).toEqual(['office-department']);
  });

  it('puts the admin at a city or county, and refuses to make applicants (they register themselves)', () => {
    expect(rules(Role.ADMIN, city)).toEqual([]);
    expect(rules(Role.ADMIN, county)).toEqual([]);
    expect(rules(Role.ADMIN, street)).toEqual(['admin-at-region']);
    expect(rules(Role.ADMIN, dept('ZF'))).toEqual(['admin-at-region']);
    expect(rules(Role.APPLICANT, county)).toEqual(['applicant-self-registers']);
  });

  it('says why in Chinese, at the orgCode field', () => {
    expect(checkRoleOrg(Role.CLERK, dept('GS', '龙湾区工商行政管理分局'))).toEqual([
      { field: 'orgCode', rule: 'clerk-at-centre', message: expect.stringContaining('龙湾区工商行政管理分局') },
    ]);
  });
});

describe('which posts (岗位) a staff role holds', () => {
  const postRules = (role: Role, posts: string[]) => checkPosts(role, posts).map((p) => p.rule);

  it('lets clerks take in and deliver, handlers also review and decide', () => {
    expect(postRules(Role.CLERK, ['受理岗', '送达岗'])).toEqual([]);
    expect(postRules(Role.CLERK, ['审批岗'])).toEqual(['post-not-allowed']);
    expect(postRules(Role.HANDLER, ['审核岗', '审批岗'])).toEqual([]);
    expect(postRules(Role.HANDLER, ['局长岗'])).toEqual(['post-not-allowed']);
  });

  it('needs at least one post for those who act on steps, and none for the others', () => {
    expect(postRules(Role.CLERK, [])).toEqual(['post-required']);
    expect(postRules(Role.HANDLER, [])).toEqual(['post-required']);
    expect(postRules(Role.SUPERVISOR, [])).toEqual([]);
    expect(postRules(Role.DEPT_ADMIN, ['审核岗'])).toEqual(['post-not-allowed']);
  });

  it('refuses a post given twice', () => {
    expect(postRules(Role.HANDLER, ['审核岗', '审核岗'])).toEqual(['posts-duplicate']);
  });
});
