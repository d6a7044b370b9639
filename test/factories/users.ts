import type { StaffPost, StaffRole } from '#domain';
import { randomUUID } from 'node:crypto';

/** The body of POST /api/users: a staff account the admin creates. */
export interface StaffAccountDraft {
  username: string;
  displayName: string;
  role: StaffRole;
  orgCode: string;
  posts: StaffPost[];
  password: string;
}

/**
 * A clerk at the Yongzhong street centre (永中街道便民服务中心), with a username new each call: the API
 * tests share one database, so each test makes the accounts it changes.
 */
export function makeStaffDraft(overrides: Partial<StaffAccountDraft> = {}): StaffAccountDraft {
  return {
    username: `clerk_${randomUUID().slice(0, 8)}`,
    displayName: '永中街道便民服务中心窗口 陈晨',
    role: 'clerk',
    orgCode: '33030301BM',
    posts: ['受理岗', '送达岗'],
    password: 'Chen2026go',
    ...overrides,
  };
}
