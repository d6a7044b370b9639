/**
 * The roles of DESIGN.md "Who uses it". Each user has exactly one role and belongs to one
 * organisation; the organisation bounds what the role may touch.
 */
export const Role = {
  /** 群众、企业: applies online, follows own cases */
  APPLICANT: 'applicant',
  /** 窗口人员: takes applications in at a centre, drives intake and delivery steps */
  CLERK: 'clerk',
  /** 承办人员: handles the department's steps of a case */
  HANDLER: 'handler',
  /** 部门法制/审管人员: keeps the department's catalog items and flowcharts */
  DEPT_ADMIN: 'dept_admin',
  /** 审管办: reviews catalog changes */
  REVIEW_ADMIN: 'review_admin',
  /** 监察: reads everything, changes only alarm and exemption records */
  SUPERVISOR: 'supervisor',
  /** 政府信息公开: publishes documents, answers disclosure applications */
  DISCLOSURE_OFFICER: 'disclosure_officer',
  /** 系统管理员: users and organisations */
  ADMIN: 'admin',
} as const;

export type Role = (typeof Role)[keyof typeof Role];

export const ALL_ROLES: readonly Role[] = Object.values(Role);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ALL_ROLES as readonly string[]).includes(value);
}
