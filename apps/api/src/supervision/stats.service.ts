import {
  chinaDateOf,
  DomainError,
  earlyRate,
  ErrorCode,
  isCalendarDate,
  MS_PER_DAY,
  onTimeRate,
  periodBounds,
  quarterOf,
  Role,
  satisfaction,
  WorkingCalendar,
  workingDayTable,
} from '#domain';
import {
  AuditRepository,
  CalendarRepository,
  OrgsRepository,
  type StatsFilter,
  type StatsGroupBy,
  type StatsGroupRow,
  SupervisionStatsRepository,
} from '#persistence';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user';

/** The longest period one request may span (a year and a day, for a leap year). */
const MAX_PERIOD_DAYS = 366;

export interface PeriodStats {
  groupBy: StatsGroupBy;
  from: string;
  to: string;
  hoursPerDay: number;
  /** Whose figures: all, or one department's (a dept_admin's own). */
  scope: 'all' | 'department';
  groups: ReturnType<typeof groupView>[];
}

/**
 * 效能统计 per department, post, step or item and period. Supervisors read every group; a department's
 * dept_admin reads its own figures only: its items' cases (department, item) and the steps its
 * department handled in its region (post, step), so a department can follow its own efficiency.
 */
@Injectable()
export class StatsService {
  constructor(
    private readonly stats: SupervisionStatsRepository,
    private readonly calendars: CalendarRepository,
    private readonly orgs: OrgsRepository,
    private readonly audit: AuditRepository,
  ) {}

  async read(user: AuthUser, query: { groupBy: StatsGroupBy; from?: string; to?: string }): Promise<PeriodStats> {
    const today = chinaDateOf(Date.now());
    const from = query.from ?? quarterOf(Date.now()).from;
    const to = query.to ?? today;
    const invalid = () =>
      new DomainError(ErrorCode.STATS_PERIOD_INVALID, `统计期间须为真实日期，起日不晚于止日，且不超过 ${MAX_PERIOD_DAYS} 天`, [
        { field: 'from', rule: 'period' },
      ]);
    if (!isCalendarDate(from) || !isCalendarDate(to)) throw invalid();
    const { fromMs, toMs } = periodBounds(from, to);
    if (toMs <= fromMs || toMs - fromMs > MAX_PERIOD_DAYS * MS_PER_DAY) throw invalid();
    const filter: StatsFilter = { groupBy: query.groupBy, fromMs, toMs, calendar: await this.dayTable() };
    let scope: PeriodStats['scope'] = 'all';
    if (user.role === Role.SUPERVISOR) {
      await this.audit.append({ userId: user.id, action: 'stats', caseId: null, detail: { ...query } });
    } else {
      const org = await this.orgs.findById(user.orgId);
      if (!org?.deptCode) throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '只有部门可以查看本部门的效能统计');
      scope = 'department';
      if (query.groupBy === 'department' || query.groupBy === 'item') filter.itemOrgId = org.id;
      else filter.stepDepartment = { code: org.deptCode, orgPath: org.path };
    }
    const groups = await this.stats.stats(filter);
    return {
      groupBy: query.groupBy,
      from,
      to,
      hoursPerDay: filter.calendar.hoursPerDay,
      scope,
      groups: groups.map((g) => groupView(g, filter.calendar.hoursPerDay)),
    };
  }

  /** The grouped figures without access checks or audit (grades compute from them). */
  async departmentsOf(from: string, to: string): Promise<StatsGroupRow[]> {
    const { fromMs, toMs } = periodBounds(from, to);
    return this.stats.stats({ groupBy: 'department', fromMs, toMs, calendar: await this.dayTable() });
  }

  private async dayTable() {
    return workingDayTable(new WorkingCalendar(await this.calendars.years()));
  }
}

function round(n: number | null, digits = 4): number | null {
  if (n === null) return null;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function groupView(g: StatsGroupRow, hoursPerDay: number) {
  const rated = satisfaction(g.ratings);
  const isCaseGroup = g.post === null && g.nodeId === null;
  return {
    key: g.key,
    name: g.name,
    department: g.department,
    ...(g.itemCode !== null ? { itemCode: g.itemCode } : {}),
    ...(g.nodeId !== null ? { nodeId: g.nodeId } : {}),
    ...(g.post !== null ? { post: g.post, level: g.level } : {}),
    received: g.received,
    finished: g.finished,
    ...(isCaseGroup ? { withdrawn: g.withdrawn } : { cancelled: g.cancelled }),
    early: g.early,
    onTime: g.onTime,
    overdue: g.overdue,
    ...(isCaseGroup ? { overdueLegal: g.overdueLegal } : {}),
    earlyRate: round(earlyRate(g)),
    onTimeRate: round(onTimeRate(g)),
    handling: {
      averageHours: round(g.averageHours, 2),
      p90Hours: round(g.p90Hours, 2),
      averageDays: g.averageHours === null ? null : round(g.averageHours / hoursPerDay, 2),
      unmeasured: g.unmeasured,
    },
    pending: { total: g.pending, ...g.pendingAlarms },
    cards: { red: g.redCards, yellow: g.yellowCards },
    ...(isCaseGroup
      ? {
          speedUpRate: round(g.speedUpRate),
          satisfaction: { ratings: rated.ratings, levels: g.ratings, satisfactionRate: round(rated.satisfactionRate), score: round(rated.score, 2) },
        }
      : {}),
  };
}
