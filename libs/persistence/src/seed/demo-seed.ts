import type { Role } from '#domain';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../passwords';
import { OrgsRepository } from '../repositories/orgs.repository';
import { MaterialsRepository } from '../repositories/materials.repository';
import { UsersRepository } from '../repositories/users.repository';
import { seedDemoFlows } from './demo-flows';
import { seedDemoItems } from './demo-items';
import { seedCalendar } from './calendar-seed';
import { seedDemoDisclosure } from './demo-disclosure';
import { WENZHOU_ORGS } from './wenzhou-orgs';

/** Printed by `npm start`; the same for every demo user. */
export const DEMO_PASSWORD = 'Demo@2026';

/**
 * One user per role, more where the demo flows need them (the three departments of 企业设立, the
 * city's approval), by org code, with their posts (岗位).
 */
/** 张三's resident ID number (Longwan district, born 1990-03-07; the check character holds). */
export const DEMO_APPLICANT_ID_NUMBER = '330303199003071238';

export const DEMO_USERS: { username: string; displayName: string; role: Role; orgCode: string; posts: string[] }[] = [
  { username: 'zhangsan', displayName: '张三（申请人）', role: 'applicant', orgCode: '330303', posts: [] },
  { username: 'yz_clerk', displayName: '永中街道便民服务中心窗口 李敏', role: 'clerk', orgCode: '33030301BM', posts: ['受理岗', '送达岗'] },
  { username: 'zx_clerk', displayName: '区行政审批服务中心窗口 周洁', role: 'clerk', orgCode: '33030300ZX', posts: ['受理岗', '送达岗'] },
  { username: 'gs_handler', displayName: '区工商分局承办人 王强', role: 'handler', orgCode: '33030300GS', posts: ['审核岗', '审批岗'] },
  { username: 'zj_handler', displayName: '区质监分局承办人 郑伟', role: 'handler', orgCode: '33030300ZJ', posts: ['审核岗'] },
  { username: 'hb_handler', displayName: '区环保分局承办人 何丽', role: 'handler', orgCode: '33030300HB', posts: ['审核岗'] },
  { username: 'aj_handler', displayName: '区安监局承办人 钱峰', role: 'handler', orgCode: '33030300AJ', posts: ['审核岗', '审批岗'] },
  { username: 'city_aj_handler', displayName: '市安监局承办人 冯涛', role: 'handler', orgCode: '33030000AJ', posts: ['审核岗', '审批岗'] },
  { username: 'gs_admin', displayName: '区工商分局法制科 陈静', role: 'dept_admin', orgCode: '33030300GS', posts: [] },
  { username: 'aj_admin', displayName: '区安监局法制科 吴昊', role: 'dept_admin', orgCode: '33030300AJ', posts: [] },
  { username: 'sg_reviewer', displayName: '区审管办 刘洋', role: 'review_admin', orgCode: '33030300SG', posts: [] },
  { username: 'jc_supervisor', displayName: '区监察局 赵磊', role: 'supervisor', orgCode: '33030300JC', posts: [] },
  { username: 'zf_disclosure', displayName: '区政府办公开科 孙丽', role: 'disclosure_officer', orgCode: '33030300ZF', posts: [] },
  { username: 'admin', displayName: '系统管理员', role: 'admin', orgCode: '330300', posts: [] },
];

/** Idempotent: run it any number of times. */
export async function seedDemo(dataSource: DataSource): Promise<void> {
  const orgs = new OrgsRepository(dataSource);
  const users = new UsersRepository(dataSource);
  const materials = new MaterialsRepository(dataSource);
  for (const org of WENZHOU_ORGS) await orgs.ensure(org);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    const org = await orgs.findByCode(user.orgCode);
    if (!org) throw new Error(`demo org ${user.orgCode} missing`);
    // The demo applicant's identity counts as checked at a counter (实名核验), so the demo shows their whole library.
    const identity = user.role === 'applicant' ? await materials.ensureApplicant('person', DEMO_APPLICANT_ID_NUMBER, '张三') : null;
    await users.upsert({
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      orgId: org.id,
      posts: user.posts,
      passwordHash,
      ...(identity ? { applicantId: identity.id, identityVerifiedAt: new Date('2026-01-05T01:00:00Z') } : {}),
    });
  }
  await seedCalendar(dataSource);
  await seedDemoItems(dataSource);
  await seedDemoFlows(dataSource);
  await seedDemoDisclosure(dataSource);
}
