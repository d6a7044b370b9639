import type { WorkingDayTable } from '#domain';
import type { DataSource } from 'typeorm';

export type StatsGroupBy = 'department' | 'post' | 'step' | 'item';

export interface StatsFilter {
  groupBy: StatsGroupBy;
  /** [fromMs, toMs): the period, epoch ms. */
  fromMs: number;
  toMs: number;
  /** The working calendar as a day table (libs/domain workingDayTable). */
  calendar: WorkingDayTable;
  /** Only cases of this department's items (department and item groups). */
  itemOrgId?: string;
  /** Only steps of this department within the region a path lies in (post and step groups). */
  stepDepartment?: { code: string; orgPath: string };
}

/** One group's figures for the period, as the database aggregates them. */
export interface StatsGroupRow {
  key: string;
  name: string;
  department: { id: string | null; code: string | null; name: string | null };
  /** Item code (item groups, step groups), node id (step groups), post and level (post groups). */
  itemCode: string | null;
  nodeId: string | null;
  post: string | null;
  level: string | null;
  received: number;
  finished: number;
  withdrawn: number;
  cancelled: number;
  early: number;
  onTime: number;
  overdue: number;
  overdueLegal: number;
  /** Finished but not measurable (the calendar lacks a year they span). */
  unmeasured: number;
  averageHours: number | null;
  p90Hours: number | null;
  pending: number;
  pendingAlarms: { none: number; reminder: number; yellow: number; red: number };
  redCards: number;
  yellowCards: number;
  ratings: { 1: number; 2: number; 3: number; 4: number; 5: number };
  /** Mean 提速率 of the items handled (cases received or finished in the period); null for step groups. */
  speedUpRate: number | null;
}

/** Cases received while their item was exempted from supervision (监察豁免) are left out. */
const NOT_EXEMPTED = `NOT EXISTS (
  SELECT 1 FROM supervision_exemptions e
  WHERE e.item_id = c.item_id AND e.status IN ('approved', 'revoked') AND e.effective_from IS NOT NULL
    AND c.received_at >= e.effective_from AND (e.effective_until IS NULL OR c.received_at < e.effective_until))`;

/**
 * The values of one statement's positional parameters: `bind` adds a value and gives its placeholder,
 * so fragments are composed with their values rather than numbered by hand.
 */
class Parameters {
  readonly values: unknown[] = [];

  bind(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * Office hours between two instants by the calendar, less some hours (at least 0; NULL where the
 * calendar lacks a year), in SQL: office_hours_between, migration OfficeHoursFunctions.
 */
function officeHoursSql(params: Parameters, calendar: WorkingDayTable): (start: string, end: string, less: string) => string {
  const [[morningOpen, morningClose], [afternoonOpen, afternoonClose]] = calendar.sessions as [[number, number], [number, number]];
  const day = [
    `${params.bind(calendar.firstDay)}::int`,
    `${params.bind(calendar.workingDaysBefore)}::int[]`,
    `${params.bind(calendar.working)}::bool[]`,
    `${params.bind(calendar.segment)}::int[]`,
    ...[morningOpen, morningClose, afternoonOpen, afternoonClose].map((seconds) => `${params.bind(seconds)}::int`),
  ].join(', ');
  return (start, end, less) => `office_hours_between(${start}, ${end}, ${less}, ${day})`;
}

/** Where the case or step is measured from and to, and what else a unit needs. */
interface Unit {
  from: string;
  start: string;
  end: string;
  /** How a row that ended in the period ended: 'done' (办结), 'withdrawn', 'cancelled', or NULL (neither). */
  ended: string;
  deadline: string;
  legal: string;
  paused: string;
  /** The working hours the projection stored when it ended (NULL: time it from the day table). */
  stored: string;
  /** The alarms of a case or step: the condition, and the join from an alarm to its case or step. */
  alarmOf: string;
  alarmFrom: string;
  /** The row's columns the groups are made of (name → expression), and what each group shows, from those. */
  raw: Record<string, string>;
  key: string;
  name: string;
  columns: string;
  /** Joins from the grouped rows `r` to what names a group. */
  named: string;
  /** Whether the group reports the items it handled (提速率): case groups. */
  items: boolean;
  /** The group of a rating's case (`c`, its item's department `o`): case groups only. */
  ratingKey: string;
  /** The condition for one department's steps in its region, from the placeholders of its code and path (null: case groups have none). */
  restrict: ((department: { code: string; orgPath: string }) => string) | null;
}

/**
 * Efficiency statistics (效能统计) over the case projection, aggregated in SQL: one pass over the
 * period's cases (or steps) hashed into the few combinations of group and outcome, then summed per
 * group; the handling hours are the ones the projection stored when the case or step ended (the day
 * table times only rows without them). Items under an approved exemption (监察豁免) when a case was
 * received are left out.
 */
export class SupervisionStatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async stats(filter: StatsFilter): Promise<StatsGroupRow[]> {
    const unit = unitOf(filter.groupBy);
    const params = new Parameters();
    const from = params.bind(new Date(filter.fromMs));
    const to = params.bind(new Date(filter.toMs));
    // Rows without stored hours (projected before they were stored, or ended while the calendar lacked
    // a year) are timed here by the calendar's day table; a day outside it gives NULL: not measured.
    const officeHours = officeHoursSql(params, filter.calendar);
    const hours = `COALESCE(${unit.stored}, ${officeHours(unit.start, unit.end, unit.paused)})`;
    const exempted = await this.anyExemption();
    // The item (its department) names a group after grouping; rows need it only to restrict by department.
    const itemJoin = filter.itemOrgId !== undefined ? 'JOIN items i ON i.id = c.item_id' : '';
    /** The caller's restrictions as AND clauses, their values bound in `into`. */
    const restricted = (into: Parameters) => {
      const clauses: string[] = [];
      // Without any exemption ever approved the check is left out: it would cost a probe per row.
      if (exempted) clauses.push(NOT_EXEMPTED);
      if (filter.itemOrgId !== undefined) clauses.push(`i.org_id = ${into.bind(filter.itemOrgId)}`);
      if (filter.stepDepartment !== undefined) {
        const { code, orgPath } = filter.stepDepartment;
        clauses.push(unit.restrict === null ? 'false' : unit.restrict({ code: into.bind(code), orgPath: into.bind(orgPath) }));
      }
      return clauses.map((clause) => `AND ${clause}`).join(' ');
    };
    const sql = `
      -- 1. Each row hashed by its group's columns and how it stands (a few dozen combinations), its
      --    hours kept as an array for the percentile.
      WITH r AS MATERIALIZED (
        SELECT ${Object.keys(unit.raw).join(', ')}, item_id, received_in, ended, timeliness, overdue_legal, alarm_rank,
          count(*)::int AS n,
          count(hours)::int AS hours_n,
          sum(hours) AS hours_sum,
          array_agg(hours) FILTER (WHERE hours IS NOT NULL) AS hours
        FROM (
          -- OFFSET 0 keeps the rows a subquery of their own, so each row's hours are computed once
          -- (a flattened subquery would compute them again in each of the four aggregates above).
          SELECT ${Object.entries(unit.raw)
            .map(([name, expression]) => `${expression} AS ${name}`)
            .join(', ')},
            ${unit.items ? 'c.item_id' : 'NULL::uuid'} AS item_id,
            (${unit.start} >= ${from}) AS received_in,
            CASE WHEN ${unit.end} IS NULL OR ${unit.end} >= ${to} THEN 'pending' WHEN ${unit.end} >= ${from} THEN ${unit.ended} END AS ended,
            CASE WHEN ${unit.deadline} IS NULL OR ${unit.end} IS NULL THEN NULL
                 WHEN ${unit.end} > ${unit.deadline} THEN 'overdue'
                 WHEN china_epoch_day(${unit.end}) < china_epoch_day(${unit.deadline}) THEN 'early'
                 ELSE 'onTime' END AS timeliness,
            (${unit.legal} IS NOT NULL AND ${unit.end} > ${unit.legal}) AS overdue_legal,
            -- The highest alarm raised by the period's end, for what was pending then (looked up for those only).
            CASE WHEN ${unit.end} IS NULL OR ${unit.end} >= ${to} THEN
              (SELECT max(CASE a.level WHEN 'red' THEN 3 WHEN 'yellow' THEN 2 WHEN 'reminder' THEN 1 END) FROM case_alarms a WHERE ${unit.alarmOf} AND a.due_at < ${to})
            END AS alarm_rank,
            ${hours} AS hours
          FROM ${unit.from} ${itemJoin}
          WHERE ${unit.start} < ${to} AND (${unit.start} >= ${from} OR ${unit.end} IS NULL OR ${unit.end} >= ${from})
            ${restricted(params)}
          OFFSET 0
        ) AS rows
        GROUP BY ${ordinals(Object.keys(unit.raw).length + 6)}
      ),
      -- 2. The group each combination belongs to, and its name.
      g AS MATERIALIZED (
        SELECT ${unit.key} AS key, ${unit.name} AS name, ${unit.columns},
          r.item_id, r.received_in, r.ended, r.timeliness, r.overdue_legal, r.alarm_rank, r.n, r.hours_n, r.hours_sum, r.hours
        FROM r ${unit.named}
      )
      SELECT key, min(name) AS name, min(dept_id::text) AS dept_id, min(dept_code) AS dept_code, min(dept_name) AS dept_name,
        min(item_code) AS item_code, min(node_id) AS node_id, min(post) AS post, min(level) AS level,
        COALESCE(sum(n) FILTER (WHERE received_in), 0)::int AS received,
        COALESCE(sum(n) FILTER (WHERE ended = 'done'), 0)::int AS finished,
        COALESCE(sum(n) FILTER (WHERE ended = 'withdrawn'), 0)::int AS withdrawn,
        COALESCE(sum(n) FILTER (WHERE ended = 'cancelled'), 0)::int AS cancelled,
        COALESCE(sum(n) FILTER (WHERE ended = 'done' AND timeliness = 'early'), 0)::int AS early,
        COALESCE(sum(n) FILTER (WHERE ended = 'done' AND timeliness = 'onTime'), 0)::int AS on_time,
        COALESCE(sum(n) FILTER (WHERE ended = 'done' AND timeliness = 'overdue'), 0)::int AS overdue,
        COALESCE(sum(n) FILTER (WHERE ended = 'done' AND overdue_legal), 0)::int AS overdue_legal,
        COALESCE(sum(n - hours_n) FILTER (WHERE ended = 'done'), 0)::int AS unmeasured,
        sum(hours_sum) FILTER (WHERE ended = 'done') / NULLIF(sum(hours_n) FILTER (WHERE ended = 'done'), 0) AS average_hours,
        (SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY h) FROM g g2 CROSS JOIN unnest(g2.hours) h WHERE g2.key = g.key AND g2.ended = 'done') AS p90_hours,
        COALESCE(sum(n) FILTER (WHERE ended = 'pending'), 0)::int AS pending,
        COALESCE(sum(n) FILTER (WHERE ended = 'pending' AND alarm_rank IS NULL), 0)::int AS pending_none,
        COALESCE(sum(n) FILTER (WHERE ended = 'pending' AND alarm_rank = 1), 0)::int AS pending_reminder,
        COALESCE(sum(n) FILTER (WHERE ended = 'pending' AND alarm_rank = 2), 0)::int AS pending_yellow,
        COALESCE(sum(n) FILTER (WHERE ended = 'pending' AND alarm_rank = 3), 0)::int AS pending_red,
        array_agg(DISTINCT item_id) FILTER (WHERE item_id IS NOT NULL AND (received_in OR ended = 'done')) AS items
      FROM g GROUP BY key ORDER BY key`;
    const cardParams = new Parameters();
    const cardsFrom = cardParams.bind(new Date(filter.fromMs));
    const cardsTo = cardParams.bind(new Date(filter.toMs));
    // Red and yellow cards raised within the period (考评's 红黄牌 counts), per group.
    const cardsSql = `
      WITH r AS MATERIALIZED (
        SELECT ${Object.entries(unit.raw)
          .map(([name, expression]) => `${expression} AS ${name}`)
          .join(', ')},
          count(*) FILTER (WHERE a.level = 'red') AS red, count(*) FILTER (WHERE a.level = 'yellow') AS yellow
        FROM ${unit.alarmFrom} ${itemJoin}
        WHERE a.due_at >= ${cardsFrom} AND a.due_at < ${cardsTo} AND a.level IN ('red', 'yellow') ${restricted(cardParams)}
        GROUP BY ${ordinals(Object.keys(unit.raw).length)}
      )
      SELECT ${unit.key} AS key, sum(red)::int AS red, sum(yellow)::int AS yellow FROM r ${unit.named} GROUP BY 1`;
    // The cards read other rows (the period's alarms): counted meanwhile on a connection of their own.
    const [rows, cards] = await Promise.all([
      this.dataSource.transaction(async (manager) => {
        // JIT compiling these one-pass aggregates costs more than it saves (≈0.6 s over 100,000 cases).
        // The planner cannot tell that the grouping columns make a few dozen combinations: how a row
        // stands (received_in, ended, timeliness, alarm_rank) is derived from timestamps and the
        // period's bounds, which no statistics (extended ones included) describe, so it expects about
        // one group per row and would sort 300,000 rows to group them — ≈50 % slower for the step and
        // post groups without these settings (bench:supervision). Hashing them fits in 64 MB.
        await manager.query('SET LOCAL jit = off');
        await manager.query(`SET LOCAL work_mem = '64MB'`);
        await manager.query('SET LOCAL enable_sort = off');
        await manager.query('SET LOCAL enable_incremental_sort = off');
        return manager.query(sql, params.values) as Promise<Record<string, unknown>[]>;
      }),
      this.dataSource.transaction(async (manager) => {
        await manager.query('SET LOCAL jit = off');
        return manager.query(cardsSql, cardParams.values) as Promise<{ key: string; red: number; yellow: number }[]>;
      }),
    ]);
    const groups = rows.map((r) => toGroup(r));
    const byKey = new Map(groups.map((g) => [g.key, g]));
    for (const card of cards) {
      const group = byKey.get(card.key);
      if (group) {
        group.redCards = card.red;
        group.yellowCards = card.yellow;
      }
    }

    if (filter.groupBy === 'department' || filter.groupBy === 'item') {
      const itemsByKey = new Map(rows.map((r) => [r.key as string, (r.items as string[] | null) ?? []]));
      await this.addRatings(groups, filter, unit);
      await this.addSpeedUp(groups, itemsByKey);
    }
    return groups;
  }

  /** Whether any item was ever exempted from supervision (approved, possibly revoked since). */
  private async anyExemption(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM supervision_exemptions WHERE status IN ('approved', 'revoked') AND effective_from IS NOT NULL LIMIT 1`,
    );
    return rows.length > 0;
  }

  /** 好差评 given in the period on the groups' cases (the case may have finished before it). */
  private async addRatings(groups: StatsGroupRow[], filter: StatsFilter, unit: Unit): Promise<void> {
    const params = new Parameters();
    const rows: { key: string; level: number; n: number }[] = await this.dataSource.query(
      `SELECT ${unit.ratingKey} AS key, r.level, count(*)::int AS n
       FROM case_ratings r JOIN cases c ON c.id = r.case_id JOIN items i ON i.id = c.item_id JOIN orgs o ON o.id = i.org_id
       WHERE r.rated_at >= ${params.bind(new Date(filter.fromMs))} AND r.rated_at < ${params.bind(new Date(filter.toMs))}
         AND ${NOT_EXEMPTED}
         ${filter.itemOrgId !== undefined ? `AND i.org_id = ${params.bind(filter.itemOrgId)}` : ''}
       GROUP BY 1, 2`,
      params.values,
    );
    const byKey = new Map(groups.map((g) => [g.key, g]));
    for (const row of rows) {
      let group = byKey.get(row.key);
      if (!group) {
        // Rated in the period, nothing else in it: the group still shows its ratings.
        const [named] = await this.namesOf(filter.groupBy, row.key);
        group = emptyGroup(row.key, named);
        groups.push(group);
        byKey.set(row.key, group);
      }
      group.ratings[row.level as 1 | 2 | 3 | 4 | 5] = row.n;
    }
    groups.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  private async addSpeedUp(groups: StatsGroupRow[], itemsByKey: Map<string, string[]>): Promise<void> {
    const all = [...new Set([...itemsByKey.values()].flat())];
    if (all.length === 0) return;
    const rows: { item_id: string; rate: number }[] = await this.dataSource.query(
      `SELECT item_id, 1 - promised_period_days::float8 / legal_period_days AS rate FROM item_approval_details WHERE item_id = ANY($1::uuid[]) AND legal_period_days > 0`,
      [all],
    );
    const rates = new Map(rows.map((r) => [r.item_id, r.rate]));
    for (const group of groups) {
      const values = (itemsByKey.get(group.key) ?? []).map((id) => rates.get(id)).filter((v): v is number => v !== undefined);
      group.speedUpRate = values.length > 0 ? values.reduce((s, v) => s + v, 0) / values.length : null;
    }
  }

  private async namesOf(groupBy: StatsGroupBy, key: string): Promise<Partial<StatsGroupRow>[]> {
    if (groupBy === 'department') {
      const rows: { id: string; code: string; dept_code: string | null; name: string }[] = await this.dataSource.query(
        `SELECT id, code, dept_code, name FROM orgs WHERE id::text = $1`,
        [key],
      );
      return rows.map((r) => ({ name: r.name, department: { id: r.id, code: r.dept_code, name: r.name } }));
    }
    const rows: { code: string; name: string; org_id: string; dept_code: string | null; org_name: string }[] = await this.dataSource.query(
      `SELECT i.code, i.name, o.id AS org_id, o.dept_code, o.name AS org_name FROM items i JOIN orgs o ON o.id = i.org_id WHERE i.code = $1`,
      [key],
    );
    return rows.map((r) => ({ name: r.name, itemCode: r.code, department: { id: r.org_id, code: r.dept_code, name: r.org_name } }));
  }
}

function unitOf(groupBy: StatsGroupBy): Unit {
  const caseUnit = {
    from: 'cases c',
    start: 'c.received_at',
    end: 'c.finished_at',
    ended: `CASE WHEN c.outcome = 'withdrawn' THEN 'withdrawn' ELSE 'done' END`,
    deadline: 'c.promised_deadline_at',
    legal: 'c.legal_deadline_at',
    paused: 'c.paused_hours',
    stored: 'c.handling_hours',
    alarmOf: 'a.case_id = c.id',
    alarmFrom: 'case_alarms a JOIN cases c ON c.id = a.case_id',
    items: true,
    restrict: null,
  };
  const taskUnit = {
    from: 'case_tasks t JOIN cases c ON c.id = t.case_id',
    start: 't.started_at',
    end: 't.completed_at',
    ended: `CASE t.status WHEN 'done' THEN 'done' WHEN 'cancelled' THEN 'cancelled' END`,
    deadline: 't.deadline_at',
    legal: 'NULL::timestamptz',
    paused: 'COALESCE(t.paused_hours, 0)',
    stored: 't.handling_hours',
    alarmOf: 'a.case_id = t.case_id AND a.step_token = t.token',
    alarmFrom: 'case_alarms a JOIN case_tasks t ON t.case_id = a.case_id AND t.token = a.step_token JOIN cases c ON c.id = t.case_id',
    items: false,
    ratingKey: '',
    restrict: ({ code, orgPath }: { code: string; orgPath: string }) =>
      `t.actor_kind = 'org' AND t.department = ${code} AND ${orgPath} LIKE t.scope_path || '%'`,
  };
  const department = `LEFT JOIN items ri ON ri.id = r.item_ref LEFT JOIN orgs o ON o.id = ri.org_id`;
  switch (groupBy) {
    case 'department':
      return {
        ...caseUnit,
        raw: { item_ref: 'c.item_id' },
        key: 'o.id::text',
        ratingKey: 'o.id::text',
        name: 'o.name',
        columns: `o.id AS dept_id, o.dept_code, o.name AS dept_name, NULL AS item_code, NULL AS node_id, NULL AS post, NULL AS level`,
        named: department,
      };
    case 'item':
      return {
        ...caseUnit,
        raw: { item_code: 'c.item_code', item_name: 'c.item_name', item_ref: 'c.item_id' },
        key: 'r.item_code',
        ratingKey: 'c.item_code',
        name: 'r.item_name',
        columns: `o.id AS dept_id, o.dept_code, o.name AS dept_name, r.item_code AS item_code, NULL AS node_id, NULL AS post, NULL AS level`,
        named: department,
      };
    case 'step':
      return {
        ...taskUnit,
        raw: { item_code: 'c.item_code', item_name: 'c.item_name', node_id: 't.node_id', step_name: 't.step_name', item_ref: 'c.item_id' },
        key: `r.item_code || '/' || r.node_id`,
        name: `r.item_name || ' · ' || r.step_name`,
        columns: `o.id AS dept_id, o.dept_code, o.name AS dept_name, r.item_code AS item_code, r.node_id AS node_id, NULL AS post, NULL AS level`,
        named: department,
      };
    case 'post':
      // A post of a department in its region (scope path), or the post at one intake centre.
      return {
        ...taskUnit,
        raw: {
          actor_kind: 't.actor_kind',
          centre_id: `CASE WHEN t.actor_kind = 'intakeCentre' THEN c.intake_org_id END`,
          scope_path: 't.scope_path',
          department: 't.department',
          post: 't.post',
          level: 't.level',
        },
        key: `CASE WHEN r.actor_kind = 'intakeCentre' THEN 'centre:' || r.centre_id::text || ':' || r.post ELSE r.scope_path || ':' || COALESCE(r.department, '') || ':' || r.post END`,
        name: `CASE WHEN r.actor_kind = 'intakeCentre' THEN ic.name || ' · ' || r.post ELSE COALESCE(r.department || ' · ', '') || r.post END`,
        columns: `NULL::uuid AS dept_id, r.department AS dept_code, NULL AS dept_name, NULL AS item_code, NULL AS node_id, r.post AS post, COALESCE(r.level, 'intakeCentre') AS level`,
        named: `LEFT JOIN orgs ic ON ic.id = r.centre_id`,
      };
  }
}

/** GROUP BY 1, 2, … n */
function ordinals(n: number): string {
  return Array.from({ length: n }, (_, index) => index + 1).join(', ');
}

function num(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function emptyGroup(key: string, named: Partial<StatsGroupRow> = {}): StatsGroupRow {
  return {
    key,
    name: named.name ?? key,
    department: named.department ?? { id: null, code: null, name: null },
    itemCode: named.itemCode ?? null,
    nodeId: null,
    post: null,
    level: null,
    received: 0,
    finished: 0,
    withdrawn: 0,
    cancelled: 0,
    early: 0,
    onTime: 0,
    overdue: 0,
    overdueLegal: 0,
    unmeasured: 0,
    averageHours: null,
    p90Hours: null,
    pending: 0,
    pendingAlarms: { none: 0, reminder: 0, yellow: 0, red: 0 },
    redCards: 0,
    yellowCards: 0,
    ratings: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 },
    speedUpRate: null,
  };
}

function toGroup(r: Record<string, unknown>): StatsGroupRow {
  return {
    ...emptyGroup(r.key as string),
    name: r.name as string,
    department: { id: (r.dept_id as string | null) ?? null, code: (r.dept_code as string | null) ?? null, name: (r.dept_name as string | null) ?? null },
    itemCode: (r.item_code as string | null) ?? null,
    nodeId: (r.node_id as string | null) ?? null,
    post: (r.post as string | null) ?? null,
    level: (r.level as string | null) ?? null,
    received: r.received as number,
    finished: r.finished as number,
    withdrawn: r.withdrawn as number,
    cancelled: r.cancelled as number,
    early: r.early as number,
    onTime: r.on_time as number,
    overdue: r.overdue as number,
    overdueLegal: r.overdue_legal as number,
    unmeasured: r.unmeasured as number,
    averageHours: num(r.average_hours),
    p90Hours: num(r.p90_hours),
    pending: r.pending as number,
    pendingAlarms: { none: r.pending_none as number, reminder: r.pending_reminder as number, yellow: r.pending_yellow as number, red: r.pending_red as number },
  };
}
