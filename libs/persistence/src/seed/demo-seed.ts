import type { Role } from '#domain';
import type { DataSource } from 'typeorm';
import type { OrgLevel } from '../entities/org.entity';
import { hashPassword } from '../passwords';
import { OrgsRepository } from '../repositories/orgs.repository';
import { UsersRepository } from '../repositories/users.repository';

/** Printed by `npm start`; the same for every demo user. */
export const DEMO_PASSWORD = 'Demo@2026';

// Division and subject codes follow 附件2: province 33, Wenzhou 03, Longwan 03; a county
// department has township part 00 and two pinyin initials (GS 工商, AJ 安监 …).
const DEMO_ORGS: { code: string; name: string; level: OrgLevel; parentCode?: string }[] = [
  { code: '330300', name: '温州市', level: 'city' },
  { code: '330303', name: '龙湾区', level: 'county', parentCode: '330300' },
  { code: '33030301', name: '永中街道', level: 'township', parentCode: '330303' },
  { code: '33030300ZX', name: '龙湾区行政审批服务中心', level: 'department', parentCode: '330303' },
  { code: '33030300GS', name: '龙湾区工商行政管理局', level: 'department', parentCode: '330303' },
  { code: '33030300AJ', name: '龙湾区安全生产监督管理局', level: 'department', parentCode: '330303' },
  { code: '33030300SG', name: '龙湾区审批管理办公室', level: 'department', parentCode: '330303' },
  { code: '33030300JC', name: '龙湾区监察局', level: 'department', parentCode: '330303' },
  { code: '33030300ZF', name: '龙湾区人民政府办公室', level: 'department', parentCode: '330303' },
];

export const DEMO_USERS: { username: string; displayName: string; role: Role; orgCode: string }[] = [
  { username: 'zhangsan', displayName: '张三（申请人）', role: 'applicant', orgCode: '330303' },
  { username: 'yz_clerk', displayName: '永中街道窗口 李敏', role: 'clerk', orgCode: '33030301' },
  { username: 'gs_handler', displayName: '区工商局承办人 王强', role: 'handler', orgCode: '33030300GS' },
  { username: 'gs_admin', displayName: '区工商局法制科 陈静', role: 'dept_admin', orgCode: '33030300GS' },
  { username: 'sg_reviewer', displayName: '区审管办 刘洋', role: 'review_admin', orgCode: '33030300SG' },
  { username: 'jc_supervisor', displayName: '区监察局 赵磊', role: 'supervisor', orgCode: '33030300JC' },
  { username: 'zf_disclosure', displayName: '区政府办公开科 孙丽', role: 'disclosure_officer', orgCode: '33030300ZF' },
  { username: 'admin', displayName: '系统管理员', role: 'admin', orgCode: '330300' },
];

/** Idempotent: run it any number of times. */
export async function seedDemo(dataSource: DataSource): Promise<void> {
  const orgs = new OrgsRepository(dataSource);
  const users = new UsersRepository(dataSource);
  for (const org of DEMO_ORGS) await orgs.ensure(org);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    const org = await orgs.findByCode(user.orgCode);
    if (!org) throw new Error(`demo org ${user.orgCode} missing`);
    await users.upsert({ username: user.username, displayName: user.displayName, role: user.role, orgId: org.id, passwordHash });
  }
}
