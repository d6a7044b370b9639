import { Role } from '../roles';

/**
 * Where each staff role may work, and which posts (岗位) it may hold. Applicants register themselves
 * (their accounts belong to the platform's region); every other account is made by the admin, and its
 * organisation must be the kind of body the role works in, as the demo users are: clerks sit at a
 * service centre's counters (便民服务中心 of a street, the county's 行政审批服务中心), handlers and the
 * departments' legal staff at a department, the review office (审管办), the supervision office (监察局)
 * and the disclosure office (人民政府办公室) at their own department, the admin at a city or county.
 */

/** 岗位 a flow step can name (DESIGN.md: who acts = level + department + post). */
export const STAFF_POSTS = ['受理岗', '审核岗', '审批岗', '送达岗'] as const;
export type StaffPost = (typeof STAFF_POSTS)[number];

/** Roles the admin may give; applicants open their own accounts (POST /api/auth/register). */
export const STAFF_ROLES = [Role.CLERK, Role.HANDLER, Role.DEPT_ADMIN, Role.REVIEW_ADMIN, Role.SUPERVISOR, Role.DISCLOSURE_OFFICER, Role.ADMIN] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Department codes of the service centres, whose staff are counter clerks (窗口). */
export const SERVICE_CENTRE_DEPT_CODES: readonly string[] = ['BM', 'ZX'];

/** The office each office role works in, by department code. */
export const OFFICE_DEPT_CODE: Readonly<Partial<Record<Role, string>>> = {
  [Role.REVIEW_ADMIN]: 'SG',
  [Role.SUPERVISOR]: 'JC',
  [Role.DISCLOSURE_OFFICER]: 'ZF',
};

/** What the rule needs to know of an organisation. */
export interface AccountOrg {
  level: 'city' | 'county' | 'township' | 'community' | 'department';
  deptCode: string | null;
  name: string;
}

export interface AccountProblem {
  field: 'orgCode' | 'posts';
  rule: string;
  message: string;
}

/** Posts each role may hold: counters take in and deliver; departments also review and decide. */
const POSTS_OF: Partial<Record<Role, readonly StaffPost[]>> = {
  [Role.CLERK]: ['受理岗', '送达岗'],
  [Role.HANDLER]: STAFF_POSTS,
};

export function isServiceCentre(org: AccountOrg): boolean {
  return org.level === 'department' && org.deptCode !== null && SERVICE_CENTRE_DEPT_CODES.includes(org.deptCode);
}

/** Why the role cannot work at the organisation (none: it fits). */
export function checkRoleOrg(role: Role, org: AccountOrg): AccountProblem[] {
  const refuse = (rule: string, message: string): AccountProblem[] => [{ field: 'orgCode', rule, message }];
  switch (role) {
    case Role.CLERK:
      return isServiceCentre(org) ? [] : refuse('clerk-at-centre', `窗口受理人员只能设在便民服务中心或行政审批服务中心，${org.name}不是服务中心`);
    case Role.HANDLER:
    case Role.DEPT_ADMIN:
      if (org.level !== 'department') return refuse('staff-at-department', `承办人员和部门法制人员须设在部门，${org.name}不是部门`);
      return isServiceCentre(org) ? refuse('staff-at-department', `${org.name}是服务中心，其人员应为窗口受理人员`) : [];
    case Role.REVIEW_ADMIN:
    case Role.SUPERVISOR:
    case Role.DISCLOSURE_OFFICER: {
      const code = OFFICE_DEPT_CODE[role]!;
      const office = { SG: '审批管理办公室', JC: '监察局', ZF: '人民政府办公室' }[code];
      return org.level === 'department' && org.deptCode === code
        ? []
        : refuse('office-department', `该角色须设在本级${office}（部门代码 ${code}），${org.name}不是`);
    }
    case Role.ADMIN:
      return org.level === 'city' || org.level === 'county' ? [] : refuse('admin-at-region', `系统管理员须设在市或县（区），${org.name}不是`);
    case Role.APPLICANT:
      return refuse('applicant-self-registers', '申请人账号由本人注册，管理员不能创建');
  }
}

/** Why the role cannot hold these posts (none: it may). A clerk or handler needs one at least. */
export function checkPosts(role: Role, posts: readonly string[]): AccountProblem[] {
  const allowed = POSTS_OF[role] ?? [];
  const problems: AccountProblem[] = [];
  if (new Set(posts).size !== posts.length) problems.push({ field: 'posts', rule: 'posts-duplicate', message: '岗位重复' });
  const wrong = posts.filter((p) => !(allowed as readonly string[]).includes(p));
  if (wrong.length > 0) {
    problems.push({
      field: 'posts',
      rule: 'post-not-allowed',
      message: allowed.length === 0 ? `该角色不设岗位，收到 ${wrong.join('、')}` : `该角色只能担任 ${allowed.join('、')}，收到 ${wrong.join('、')}`,
    });
  }
  if (allowed.length > 0 && posts.length === 0)
    problems.push({ field: 'posts', rule: 'post-required', message: `该角色至少须担任一个岗位（${allowed.join('、')}）` });
  return problems;
}
