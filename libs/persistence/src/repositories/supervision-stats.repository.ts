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

/** China Standard Time, UTC+8 all year, as the working calendar reads instants. */
const CST_SECONDS = 8 * 3600;

/** Where the case or step is measured from and to, and what else a unit needs. */
interface Unit {
  from: string;
  start: string;
  end: string;
  done: string;
  withdrawn: string;
  cancelled: string;
  deadline: string;
  legal: string;
  paused: string;
  /** The alarms of a case or step: the condition, and the join from an alarm to its case or step. */
  alarmOf: string;
  alarmFrom: string;
  key: string;
  name: string;
  columns: string;
  restrict: string;
}

/**
 * Efficiency statistics (效能统计) over the case projection, aggregated in SQL: one pass over the
 * period's cases (or steps) with the working-day table joined twice, percentile_cont for p90.
 * Items under an approved exemption (监察豁免) when a case was received are left out.
 */
export class SupervisionStatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async stats(filter: StatsFilter): Promise<StatsGroupRow[]> {
    const unit = unitOf(filter.groupBy);
    const params: unknown[] = [new Date(filter.fromMs), new Date(filter.toMs), Math.round(Date.parse(`${filter.calendar.days[0] ?? '1970-01-01'}T00:00:00Z`) / 86_400_000), filter.calendar.workingDaysBefore, filter.calendar.working, filter.calendar.segment];
    const [[m1, m2], [a1, a2]] = filter.calendar.sessions as [[number, number], [number, number]];
    // Instants are read in China time with the calendar's fixed +08:00 (plain arithmetic on epoch
    // seconds, much cheaper than a time zone per value); the day table is looked up by position
    // (epoch day − its first day + 1), O(1) per instant; a day outside it gives NULL: not measured.
    const before = (d: string) => `($4::int[])[${d}]`;
    const segment = (d: string) => `($6::int[])[${d}]`;
    // Office seconds of the day up to the instant: the part of each session before it.
    const office = (d: string, seconds: string) =>
      `CASE WHEN ($5::bool[])[${d}] THEN LEAST(GREATEST(${seconds} - ${m1}, 0), ${m2 - m1}) + LEAST(GREATEST(${seconds} - ${a1}, 0), ${a2 - a1}) ELSE 0 END`;
    /** The caller's restrictions as AND clauses, their values added to `into`. */
    const restricted = (into: unknown[]) => {
      const bind = (value: unknown) => {
        into.push(value);
        return `$${into.length}`;
      };
      const clauses: string[] = [];
      if (filter.itemOrgId !== undefined) clauses.push(`i.org_id = ${bind(filter.itemOrgId)}`);
      if (filter.stepDepartment !== undefined) {
        if (unit.restrict === '') clauses.push('false');
        else clauses.push(unit.restrict.replace('$code', bind(filter.stepDepartment.code)).replace('$path', bind(filter.stepDepartment.orgPath)));
      }
      return clauses.map((clause) => `AND ${clause}`).join(' ');
    };
    const hoursPerDay = filter.calendar.hoursPerDay;
    const sql = `
      -- Materialized: each row's working time is computed once, not once per aggregate that reads it.
      WITH base AS MATERIALIZED (
        SELECT ${unit.key} AS key, ${unit.name} AS name, ${unit.columns}, c.item_id,
          (${unit.start} >= $1) AS received_in,
          (${unit.end} >= $1 AND ${unit.end} < $2 AND ${unit.done}) AS finished_in,
          (${unit.end} >= $1 AND ${unit.end} < $2 AND ${unit.withdrawn}) AS withdrawn_in,
          (${unit.end} >= $1 AND ${unit.end} < $2 AND ${unit.cancelled}) AS cancelled_in,
          (${unit.end} IS NULL OR ${unit.end} >= $2) AS pending,
          CASE WHEN ${unit.deadline} IS NULL OR ${unit.end} IS NULL THEN NULL
               WHEN ${unit.end} > ${unit.deadline} THEN 'overdue'
               WHEN floor(v.le / 86400) < floor(v.ld / 86400) THEN 'early'
               ELSE 'onTime' END AS timeliness,
          (${unit.legal} IS NOT NULL AND ${unit.end} > ${unit.legal}) AS overdue_legal,
          CASE WHEN ${segment('d.ds')} = ${segment('d.de')} THEN GREATEST(0,
            (${before('d.de')} - ${before('d.ds')}) * ${hoursPerDay}::float8 + (${office('d.de', 'd.se')} - ${office('d.ds', 'd.ss')}) / 3600.0 - ${unit.paused}) END AS hours,
          -- The highest alarm raised by the period's end, for what was pending then (looked up for those only).
          CASE WHEN ${unit.end} IS NULL OR ${unit.end} >= $2 THEN
            (SELECT max(CASE a.level WHEN 'red' THEN 3 WHEN 'yellow' THEN 2 WHEN 'reminder' THEN 1 END) FROM case_alarms a WHERE ${unit.alarmOf} AND a.due_at < $2)
          END AS alarm_rank
        FROM ${unit.from}
        JOIN items i ON i.id = c.item_id
        JOIN orgs o ON o.id = i.org_id
        JOIN orgs ic ON ic.id = c.intake_org_id
        CROSS JOIN LATERAL (SELECT date_part('epoch', ${unit.start}) + ${CST_SECONDS} AS ls, date_part('epoch', ${unit.end}) + ${CST_SECONDS} AS le,
          date_part('epoch', ${unit.deadline}) + ${CST_SECONDS} AS ld) v
        CROSS JOIN LATERAL (SELECT floor(v.ls / 86400)::int - $3 + 1 AS ds, floor(v.le / 86400)::int - $3 + 1 AS de,
          v.ls - floor(v.ls / 86400) * 86400 AS ss, v.le - floor(v.le / 86400) * 86400 AS se) d
        WHERE ${unit.start} < $2 AND (${unit.start} >= $1 OR ${unit.end} IS NULL OR ${unit.end} >= $1)
          AND ${NOT_EXEMPTED} ${restricted(params)}
      )
      SELECT key, min(name) AS name, min(dept_id::text) AS dept_id, min(dept_code) AS dept_code, min(dept_name) AS dept_name,
        min(item_code) AS item_code, min(node_id) AS node_id, min(post) AS post, min(level) AS level,
        count(*) FILTER (WHERE received_in)::int AS received,
        count(*) FILTER (WHERE finished_in)::int AS finished,
        count(*) FILTER (WHERE withdrawn_in)::int AS withdrawn,
        count(*) FILTER (WHERE cancelled_in)::int AS cancelled,
        count(*) FILTER (WHERE finished_in AND timeliness = 'early')::int AS early,
        count(*) FILTER (WHERE finished_in AND timeliness = 'onTime')::int AS on_time,
        count(*) FILTER (WHERE finished_in AND timeliness = 'overdue')::int AS overdue,
        count(*) FILTER (WHERE finished_in AND overdue_legal)::int AS overdue_legal,
        count(*) FILTER (WHERE finished_in AND hours IS NULL)::int AS unmeasured,
        avg(hours) FILTER (WHERE finished_in) AS average_hours,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY hours) FILTER (WHERE finished_in AND hours IS NOT NULL) AS p90_hours,
        count(*) FILTER (WHERE pending)::int AS pending,
        count(*) FILTER (WHERE pending AND alarm_rank IS NULL)::int AS pending_none,
        count(*) FILTER (WHERE pending AND alarm_rank = 1)::int AS pending_reminder,
        count(*) FILTER (WHERE pending AND alarm_rank = 2)::int AS pending_yellow,
        count(*) FILTER (WHERE pending AND alarm_rank = 3)::int AS pending_red,
        array_agg(DISTINCT item_id) FILTER (WHERE received_in OR finished_in) AS items
      FROM base GROUP BY key ORDER BY key`;
    const cardParams: unknown[] = [new Date(filter.fromMs), new Date(filter.toMs)];
    // Red and yellow cards raised within the period (考评's 红黄牌 counts), per group.
    const cardsSql = `
      SELECT ${unit.key} AS key, count(*) FILTER (WHERE a.level = 'red')::int AS red, count(*) FILTER (WHERE a.level = 'yellow')::int AS yellow
      FROM ${unit.alarmFrom}
        JOIN items i ON i.id = c.item_id
        JOIN orgs o ON o.id = i.org_id
        JOIN orgs ic ON ic.id = c.intake_org_id
      WHERE a.due_at >= $1 AND a.due_at < $2 AND a.level IN ('red', 'yellow') AND ${NOT_EXEMPTED} ${restricted(cardParams)}
      GROUP BY 1`;
    const [rows, cards] = await this.dataSource.transaction(async (manager) => {
      // JIT compiling these one-pass aggregates costs more than it saves (≈0.6 s over 100,000 cases),
      // and the sort for the per-group percentiles should stay in memory.
      await manager.query('SET LOCAL jit = off');
      await manager.query(`SET LOCAL work_mem = '64MB'`);
      const main: Record<string, unknown>[] = await manager.query(sql, params);
      const counted: { key: string; red: number; yellow: number }[] = await manager.query(cardsSql, cardParams);
      return [main, counted] as const;
    });
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

  /** 好差评 given in the period on the groups' cases (the case may have finished before it). */
  private async addRatings(groups: StatsGroupRow[], filter: StatsFilter, unit: Unit): Promise<void> {
    const params: unknown[] = [new Date(filter.fromMs), new Date(filter.toMs)];
    let restrict = '';
    if (filter.itemOrgId !== undefined) {
      params.push(filter.itemOrgId);
      restrict = 'AND i.org_id = $3';
    }
    const rows: { key: string; level: number; n: number }[] = await this.dataSource.query(
      `SELECT ${unit.key} AS key, r.level, count(*)::int AS n
       FROM case_ratings r JOIN cases c ON c.id = r.case_id JOIN items i ON i.id = c.item_id JOIN orgs o ON o.id = i.org_id
       WHERE r.rated_at >= $1 AND r.rated_at < $2
         AND NOT EXISTS (
           SELECT 1 FROM supervision_exemptions e
           WHERE e.item_id = c.item_id AND e.status IN ('approved', 'revoked') AND e.effective_from IS NOT NULL
             AND c.received_at >= e.effective_from AND (e.effective_until IS NULL OR c.received_at < e.effective_until))
         ${restrict}
       GROUP BY 1, 2`,
      params,
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
      const rows: { id: string; code: string; dept_code: string | null; name: string }[] = await this.dataSource.query(`SELECT id, code, dept_code, name FROM orgs WHERE id::text = $1`, [key]);
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
    done: `c.outcome IS DISTINCT FROM 'withdrawn'`,
    withdrawn: `c.outcome = 'withdrawn'`,
    cancelled: 'false',
    deadline: 'c.promised_deadline_at',
    legal: 'c.legal_deadline_at',
    paused: 'c.paused_hours',
    alarmOf: 'a.case_id = c.id',
    alarmFrom: 'case_alarms a JOIN cases c ON c.id = a.case_id',
    restrict: '',
  };
  const taskUnit = {
    from: 'case_tasks t JOIN cases c ON c.id = t.case_id',
    start: 't.started_at',
    end: 't.completed_at',
    done: `t.status = 'done'`,
    withdrawn: 'false',
    cancelled: `t.status = 'cancelled'`,
    deadline: 't.deadline_at',
    legal: 'NULL::timestamptz',
    paused: 'COALESCE(t.paused_hours, 0)',
    alarmOf: 'a.case_id = t.case_id AND a.step_token = t.token',
    alarmFrom: 'case_alarms a JOIN case_tasks t ON t.case_id = a.case_id AND t.token = a.step_token JOIN cases c ON c.id = t.case_id',
    restrict: `t.actor_kind = 'org' AND t.department = $code AND $path LIKE t.scope_path || '%'`,
  };
  switch (groupBy) {
    case 'department':
      return { ...caseUnit, key: 'o.id::text', name: 'o.name', columns: `o.id AS dept_id, o.dept_code, o.name AS dept_name, NULL AS item_code, NULL AS node_id, NULL AS post, NULL AS level` };
    case 'item':
      return { ...caseUnit, key: 'c.item_code', name: 'c.item_name', columns: `o.id AS dept_id, o.dept_code, o.name AS dept_name, c.item_code, NULL AS node_id, NULL AS post, NULL AS level` };
    case 'step':
      return {
        ...taskUnit,
        key: `c.item_code || '/' || t.node_id`,
        name: `c.item_name || ' · ' || t.step_name`,
        columns: `o.id AS dept_id, o.dept_code, o.name AS dept_name, c.item_code, t.node_id, NULL AS post, NULL AS level`,
      };
    case 'post':
      // A post of a department in its region (scope path), or the post at one intake centre.
      return {
        ...taskUnit,
        key: `CASE WHEN t.actor_kind = 'intakeCentre' THEN 'centre:' || c.intake_org_id::text || ':' || t.post ELSE t.scope_path || ':' || COALESCE(t.department, '') || ':' || t.post END`,
        name: `CASE WHEN t.actor_kind = 'intakeCentre' THEN ic.name || ' · ' || t.post ELSE COALESCE(t.department || ' · ', '') || t.post END`,
        columns: `NULL::uuid AS dept_id, t.department AS dept_code, NULL AS dept_name, NULL AS item_code, NULL AS node_id, t.post, COALESCE(t.level, 'intakeCentre') AS level`,
      };
  }
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
