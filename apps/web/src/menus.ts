import type { Role } from './api';
import { routes } from './router';

export interface MenuEntry {
  to: string;
  label: string;
  /** Shown to these roles only; none: to everyone. The page's own (its route's meta.roles). */
  roles?: Role[];
}

/** The menu's pages in order, by their path; who sees each is who may open it. */
const PAGES: readonly { to: string; label: string }[] = [
  { to: '/', label: '网上办事大厅' },
  { to: '/hall/results', label: '结果查询' },
  { to: '/disclosure', label: '政务公开' },
  { to: '/disclosure/apply', label: '依申请公开' },
  { to: '/me/cases', label: '我的办件' },
  { to: '/work', label: '待办工作台' },
  { to: '/work/intake', label: '受理登记' },
  { to: '/work/consultations', label: '咨询答复' },
  { to: '/dept/catalog', label: '事项目录' },
  { to: '/dept/changes', label: '变更申请' },
  { to: '/review', label: '变更审核' },
  { to: '/disclosure/office', label: '依申请公开办理' },
  { to: '/disclosure/manage', label: '政策文件管理' },
  { to: '/sup/alarms', label: '红黄牌告警' },
  { to: '/sup/stats', label: '效能统计' },
  { to: '/sup/grades', label: '考评与覆盖' },
  { to: '/sup/exemptions', label: '监察豁免' },
  { to: '/sup/rules', label: '监察规则' },
  { to: '/admin/users', label: '用户管理' },
  { to: '/admin/calendar', label: '工作日历' },
];

/** Each role sees its own menus beside the public ones. */
export const MENU: MenuEntry[] = PAGES.map((page) => {
  const route = routes.find((r) => r.path === page.to);
  if (!route) throw new Error(`menu entry ${page.to} names no page of the router`);
  const roles = route.meta?.roles;
  return roles ? { ...page, roles } : { ...page };
});

export function menuFor(role: Role | null): MenuEntry[] {
  return MENU.filter((m) => !m.roles || (role !== null && m.roles.includes(role)));
}
