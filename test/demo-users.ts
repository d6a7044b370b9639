import type { Role } from '#domain';

/** A seeded demo user of each role (libs/persistence/src/seed/demo-seed.ts), for tests that go through every role. */
export const DEMO_USER_OF_ROLE: Record<Role, string> = {
  applicant: 'zhangsan',
  clerk: 'yz_clerk',
  handler: 'gs_handler',
  dept_admin: 'gs_admin',
  review_admin: 'sg_reviewer',
  supervisor: 'jc_supervisor',
  disclosure_officer: 'zf_disclosure',
  admin: 'admin',
};
