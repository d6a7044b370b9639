import type { Role } from '../roles';

// The console's sessions and menus are typed by the domain's roles.
export type { Role };

/** The role names the console shows beside a user's name and in the users page. */
export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  applicant: '申请人',
  clerk: '窗口受理',
  handler: '承办人员',
  dept_admin: '部门法制',
  review_admin: '审管办',
  supervisor: '电子监察',
  disclosure_officer: '政务公开',
  admin: '系统管理',
};
