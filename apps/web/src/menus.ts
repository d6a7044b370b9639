import type { Role } from './api';

export interface MenuEntry {
  to: string;
  label: string;
  /** Shown to these roles only; none: to everyone. */
  roles?: Role[];
}

/** Each role sees its own menus beside the public ones. */
export const MENU: MenuEntry[] = [
  { to: '/', label: '网上办事大厅' },
  { to: '/hall/results', label: '结果查询' },
  { to: '/disclosure', label: '政务公开' },
  { to: '/disclosure/apply', label: '依申请公开' },
  { to: '/me/cases', label: '我的办件', roles: ['applicant'] },
  { to: '/work', label: '待办工作台', roles: ['clerk', 'handler'] },
  { to: '/work/intake', label: '受理登记', roles: ['clerk'] },
  { to: '/work/consultations', label: '咨询答复', roles: ['handler', 'dept_admin'] },
  { to: '/dept/catalog', label: '事项目录', roles: ['dept_admin'] },
  { to: '/dept/changes', label: '变更申请', roles: ['dept_admin'] },
  { to: '/review', label: '变更审核', roles: ['review_admin'] },
  { to: '/disclosure/office', label: '依申请公开办理', roles: ['disclosure_officer'] },
  { to: '/disclosure/manage', label: '政策文件管理', roles: ['disclosure_officer', 'dept_admin'] },
  { to: '/sup/alarms', label: '红黄牌告警', roles: ['supervisor'] },
  { to: '/sup/stats', label: '效能统计', roles: ['supervisor', 'dept_admin'] },
  { to: '/sup/grades', label: '考评与覆盖', roles: ['supervisor'] },
  { to: '/sup/exemptions', label: '监察豁免', roles: ['supervisor', 'dept_admin'] },
  { to: '/sup/rules', label: '监察规则', roles: ['supervisor'] },
  { to: '/admin/users', label: '用户管理', roles: ['admin'] },
  { to: '/admin/calendar', label: '工作日历', roles: ['admin'] },
];

export function menuFor(role: Role | null): MenuEntry[] {
  return MENU.filter((m) => !m.roles || (role !== null && m.roles.includes(role)));
}
