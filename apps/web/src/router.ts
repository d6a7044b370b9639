import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { type Role, session } from './api';

declare module 'vue-router' {
  interface RouteMeta {
    /** Who may open the page; none: everyone, signed in or not. */
    roles?: Role[];
    title?: string;
  }
}

const STAFF_CASE_READERS: Role[] = ['applicant', 'clerk', 'handler', 'dept_admin', 'supervisor', 'admin'];
const DOCUMENT_WRITERS: Role[] = ['disclosure_officer', 'dept_admin'];

/** Who may open each page is declared here once; the menus (menus.ts) show a page to those who may. */
export const routes: RouteRecordRaw[] = [
  { path: '/', component: () => import('./pages/HallHome.vue'), meta: { title: '网上办事大厅' } },
  { path: '/hall/items/:code', component: () => import('./pages/ItemGuide.vue'), props: true, meta: { title: '办事指南' } },
  { path: '/hall/results', component: () => import('./pages/ResultQuery.vue'), meta: { title: '办件结果查询' } },
  { path: '/disclosure', component: () => import('./pages/DisclosureHome.vue'), meta: { title: '政务公开' } },
  { path: '/disclosure/documents/:id', component: () => import('./pages/DisclosureDocument.vue'), props: true, meta: { title: '政策文件' } },
  { path: '/disclosure/areas/:area', component: () => import('./pages/DisclosureArea.vue'), props: true, meta: { title: '重点领域' } },
  { path: '/disclosure/apply', component: () => import('./pages/DisclosureApply.vue'), meta: { title: '依申请公开' } },
  { path: '/login', component: () => import('./pages/LoginPage.vue'), meta: { title: '登录' } },
  { path: '/register', component: () => import('./pages/RegisterPage.vue'), meta: { title: '申请人注册' } },
  { path: '/me/cases', component: () => import('./pages/MyCases.vue'), meta: { roles: ['applicant'], title: '我的办件' } },
  { path: '/work', component: () => import('./pages/WorkQueue.vue'), meta: { roles: ['clerk', 'handler'], title: '待办工作台' } },
  { path: '/work/intake', component: () => import('./pages/IntakePage.vue'), meta: { roles: ['clerk'], title: '受理登记' } },
  { path: '/cases/:id', component: () => import('./pages/CasePage.vue'), props: true, meta: { roles: STAFF_CASE_READERS, title: '办件详情' } },
  { path: '/dept/catalog', component: () => import('./pages/DeptCatalog.vue'), meta: { roles: ['dept_admin'], title: '事项目录' } },
  { path: '/dept/items/new', component: () => import('./pages/ItemEditor.vue'), meta: { roles: ['dept_admin'], title: '新增事项' } },
  { path: '/dept/items/:code/edit', component: () => import('./pages/ItemEditor.vue'), props: true, meta: { roles: ['dept_admin'], title: '变更事项' } },
  { path: '/dept/items/:code/flow', component: () => import('./pages/FlowEditor.vue'), props: true, meta: { roles: ['dept_admin'], title: '流程图编辑' } },
  { path: '/dept/changes', component: () => import('./pages/ChangeList.vue'), meta: { roles: ['dept_admin'], title: '变更申请' } },
  { path: '/review', component: () => import('./pages/ReviewPage.vue'), meta: { roles: ['review_admin'], title: '变更审核' } },
  { path: '/sup/alarms', component: () => import('./pages/AlarmBoard.vue'), meta: { roles: ['supervisor'], title: '红黄牌告警' } },
  { path: '/sup/stats', component: () => import('./pages/StatsPage.vue'), meta: { roles: ['supervisor', 'dept_admin'], title: '效能统计' } },
  { path: '/sup/grades', component: () => import('./pages/GradesPage.vue'), meta: { roles: ['supervisor'], title: '考评与覆盖' } },
  { path: '/sup/cases/:id/replay', component: () => import('./pages/CaseReplay.vue'), props: true, meta: { roles: ['supervisor'], title: '办件回放' } },
  { path: '/work/consultations', component: () => import('./pages/ConsultationsPage.vue'), meta: { roles: ['handler', 'dept_admin'], title: '咨询答复' } },
  { path: '/disclosure/office', component: () => import('./pages/DisclosureOffice.vue'), meta: { roles: ['disclosure_officer'], title: '依申请公开办理' } },
  { path: '/disclosure/manage', component: () => import('./pages/DisclosureManage.vue'), meta: { roles: DOCUMENT_WRITERS, title: '政策文件管理' } },
  { path: '/disclosure/manage/new', component: () => import('./pages/DocumentEditor.vue'), meta: { roles: DOCUMENT_WRITERS, title: '起草政策文件' } },
  { path: '/disclosure/manage/:id', component: () => import('./pages/DocumentEditor.vue'), props: true, meta: { roles: DOCUMENT_WRITERS, title: '政策文件' } },
  { path: '/sup/rules', component: () => import('./pages/SupervisionRules.vue'), meta: { roles: ['supervisor'], title: '监察规则' } },
  { path: '/sup/exemptions', component: () => import('./pages/ExemptionsPage.vue'), meta: { roles: ['supervisor', 'dept_admin'], title: '监察豁免' } },
  { path: '/admin/users', component: () => import('./pages/UsersPage.vue'), meta: { roles: ['admin'], title: '用户管理' } },
  { path: '/admin/calendar', component: () => import('./pages/CalendarPage.vue'), meta: { roles: ['admin'], title: '工作日历' } },
  { path: '/forbidden', component: () => import('./pages/ForbiddenPage.vue'), meta: { title: '无权访问' } },
  { path: '/:rest(.*)*', component: () => import('./pages/NotFoundPage.vue'), meta: { title: '页面不存在' } },
];

export const router = createRouter({ history: createWebHistory(), routes });

router.beforeEach((to) => {
  const roles = to.meta.roles;
  if (!roles) return true;
  if (!session.user) return { path: '/login', query: { next: to.fullPath } };
  if (!roles.includes(session.user.role)) return { path: '/forbidden', query: { from: to.fullPath } };
  return true;
});

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - 龙湾区 政务通` : '龙湾区 政务通';
});

/** Where a user lands after signing in. */
export function homeOf(role: Role): string {
  switch (role) {
    case 'applicant':
      return '/me/cases';
    case 'clerk':
    case 'handler':
      return '/work';
    case 'dept_admin':
      return '/dept/catalog';
    case 'review_admin':
      return '/review';
    case 'supervisor':
      return '/sup/alarms';
    case 'disclosure_officer':
      return '/disclosure/office';
    case 'admin':
      return '/admin/users';
    default:
      return '/';
  }
}
