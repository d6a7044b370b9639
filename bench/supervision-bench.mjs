// Benchmark of the supervision office's reads (电子监察):
//  1. the timeline of a case with about 200 history events (GET /api/supervision/cases/:id/timeline:
//     every run's history fetched from Temporal, then rebuilt by buildTimeline), p50/p99, next to the
//     time to fetch the raw history alone, and their ratio;
//  2. the efficiency statistics (GET /api/supervision/stats: SupervisionStatsRepository) over 100,000
//     finished cases and their 300,000 steps, generated straight into the projection tables.
//
// Runs the BUILT code (dist/), so build first: `npm run bench:supervision` does set-up, build and this.
// It works in a scratch database `zwt_supbench_<timestamp>` on DATABASE_URL's server (the real
// migrations and demo seed) and drops it at the end, also on failure or Ctrl-C; the case runs on an
// in-process worker on a task queue of its own.
//
// Knobs (environment): BENCH_EVENTS (200), BENCH_RUNS (100, timeline), BENCH_STATS_RUNS (10),
// BENCH_WARMUP (10), BENCH_CASES (100000), BENCH_KEEP_DB=1 (keep the database),
// BENCH_STORE_HOURS=0 (generated rows without stored handling hours: the statistics time them at query time).
// Progress goes to stderr; the results table to stdout; the results as JSON to bench/results/.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';

import { intEnv, msSince, percentile, progress, ROOT, round, runMain, saveResults, scratchDatabase, waitForQuietMachine } from './lib.mjs';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const { Client, Connection } = require('@temporalio/client');
const { DefaultLogger, Runtime } = require('@temporalio/worker');
const persistence = require('../dist/libs/persistence/src/index.js');
const domain = require('../dist/libs/domain/src/index.js');
const temporal = require('../dist/libs/temporal/src/index.js');
const { createWorker } = require('../dist/apps/worker/src/worker.js');

const { createDataSource, seedDemo, CalendarRepository, SupervisionStatsRepository } = persistence;
const { CALENDAR_YEARS, compileFlow, measuredOfficeHours, WorkingCalendar, workingDayTable, periodBounds } = domain;
// The very functions GET /api/supervision/cases/:id/timeline runs (libs/temporal/src/case-timeline.ts).
const { buildTimeline, CASE_WORKFLOW_TYPE, caseCommandUpdate, caseViewQuery, caseWorkflowId, fetchCaseRuns, taskQueues } = temporal;

const EVENTS = intEnv('BENCH_EVENTS', 200);
const RUNS = intEnv('BENCH_RUNS', 100);
const STATS_RUNS = intEnv('BENCH_STATS_RUNS', 10);
const WARMUP = intEnv('BENCH_WARMUP', 10);
const CASES = intEnv('BENCH_CASES', 100_000);
const POOL_SIZE = 5;

// ------------------------------------------------------------------ a case with ~200 history events

const PATHS = { county: '/c/k/' };
const actor = (orgId, department, posts, role) => ({
  userId: `user-${orgId}`,
  name: `${department} 用户`,
  role,
  orgId,
  orgPath: `${PATHS.county}${orgId}/`,
  level: 'county',
  department,
  posts,
});
const CLERK = actor('zx', 'ZX', ['受理岗', '送达岗'], 'clerk');
const HANDLER = actor('aj', 'AJ', ['审核岗', '审批岗'], 'handler');

function countyPermitPlan() {
  const definition = JSON.parse(fs.readFileSync(path.join(ROOT, 'flows/examples/county-permit.json'), 'utf8'));
  const context = {
    promisedDays: 15,
    legalDays: 20,
    departments: { community: [], township: ['BM'], county: ['ZX', 'GS', 'ZJ', 'HB', 'AJ', 'SG'], city: ['GS', 'SG', 'AJ'] },
    posts: [],
  };
  const result = compileFlow(definition, context);
  if (!result.ok) throw new Error(`county-permit does not compile: ${JSON.stringify(result.problems)}`);
  return result.plan;
}

/** The raw read alone: every run's history, first to last, as the supervision service fetches them. */
const readRuns = (client, workflowId) => fetchCaseRuns(client, workflowId);

/** A county permit with rounds of 补正 (request, resubmit) at intake until its history nears EVENTS, then finished. */
async function longCase(client, taskQueue) {
  const plan = countyPermitPlan();
  const caseId = crypto.randomUUID();
  const input = {
    caseId,
    caseNumber: '20260302-33030300ZX-0001',
    itemCode: '33030300AJ-XK-0001',
    itemName: '危险化学品经营许可',
    applicant: { id: 'applicant-1', name: '张三' },
    intake: { orgId: 'zx', orgPath: `${PATHS.county}zx/`, name: '龙湾区行政审批服务中心' },
    regions: { county: PATHS.county, city: '/c/' },
    plan,
    calendar: [...CALENDAR_YEARS],
    receivedAt: Date.now(),
  };
  const handle = await client.workflow.start(CASE_WORKFLOW_TYPE, { taskQueue, workflowId: caseWorkflowId(caseId), args: [{ case: input }] });
  const applicant = { userId: 'applicant-1', name: '张三', role: 'applicant', orgId: 'k', orgPath: PATHS.county, level: null, department: null, posts: [] };
  let view = await handle.query(caseViewQuery);
  const length = async () => (await handle.describe()).raw.workflowExecutionInfo.historyLength.toNumber();
  let rounds = 0;
  // Finishing takes about 60 events more (four steps with their projections and documents).
  while ((await length()) < EVENTS - 60) {
    const token = view.current[0].token;
    await handle.executeUpdate(caseCommandUpdate, {
      args: [{ type: 'act', token, action: 'requestCorrection', correctionItems: [`第${rounds + 1}次补正材料`], actor: CLERK }],
    });
    view = await handle.executeUpdate(caseCommandUpdate, { args: [{ type: 'resubmit', actor: applicant }] });
    rounds++;
  }
  while (view.status !== 'finished') {
    const step = view.current[0];
    const actorOf = step.actor.kind === 'intakeCentre' || step.actor.department === 'ZX' ? CLERK : HANDLER;
    const byKind = {
      intake: { action: 'accept' },
      review: { action: 'opinion', opinion: '同意' },
      decision: { action: 'decide', decision: 'approved', opinion: '准予许可' },
      delivery: { action: 'deliver' },
    };
    view = await handle.executeUpdate(caseCommandUpdate, { args: [{ type: 'act', token: step.token, actor: actorOf, ...byKind[step.kind] }] });
  }
  await handle.result();
  return { workflowId: handle.workflowId, correctionRounds: rounds };
}

function summarise(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

async function measureTimeline(env, dataSource, stamp) {
  const taskQueueBase = `supbench-${stamp}`;
  const workerEnv = {
    TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE,
    TEMPORAL_TASK_QUEUE: taskQueueBase,
    ZWT_CJK_FONT: env.ZWT_CJK_FONT ?? '',
    SEAL_MASTER_KEY: env.SEAL_MASTER_KEY ?? 'supervision-bench-seal-master-key-unused-0',
    FILES_DIR: path.join(os.tmpdir(), `zwt-supbench-files-${process.pid}`),
  };
  Runtime.install({ logger: new DefaultLogger('WARN') });
  progress('starting a worker (bundling dist/workflows)');
  const { worker, connection: workerConnection } = await createWorker({ env: workerEnv, dataSource });
  const runningWorker = worker.run();
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  try {
    progress(`driving a case to about ${EVENTS} history events on ${taskQueues(taskQueueBase).cases}`);
    const { workflowId, correctionRounds } = await longCase(client, taskQueues(taskQueueBase).cases);
    const runs = await readRuns(client, workflowId);
    const events = runs.reduce((n, r) => n + r.events.length, 0);
    const entries = buildTimeline(runs).entries.length;
    progress(`case ${workflowId}: ${events} events in ${runs.length} run(s), ${correctionRounds} correction rounds, ${entries} timeline entries`);
    const raw = [];
    const timeline = [];
    const build = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      let t = process.hrtime.bigint();
      await readRuns(client, workflowId);
      const rawMs = msSince(t);
      t = process.hrtime.bigint();
      const fetched = await readRuns(client, workflowId);
      const b = process.hrtime.bigint();
      buildTimeline(fetched);
      const buildMs = msSince(b);
      const timelineMs = msSince(t);
      if (i >= WARMUP) {
        raw.push(rawMs);
        timeline.push(timelineMs);
        build.push(buildMs);
      }
    }
    return {
      workflowId,
      events,
      runs: runs.length,
      entries,
      correctionRounds,
      raw: summarise(raw),
      timeline: summarise(timeline),
      rebuildOnly: summarise(build),
    };
  } finally {
    await connection.close().catch(() => {});
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await runningWorker.catch((error) => progress(`worker: ${error.message}`));
    await workerConnection.close().catch(() => {});
  }
}

// ------------------------------------------------------------------ 100,000 finished cases

/**
 * Generates the projection rows in SQL (deterministic: every value is a function of the row number):
 * cases received across 2025 on the demo's approval items, finished 1–20 days later, a tenth with a
 * 4-hour 补正 pause, deadlines 10 calendar days after receipt (so some are early, some on time, some
 * overdue), three steps each, a red card on each overdue case and a yellow on each overdue step, a
 * rating on every third case.
 */
async function generateCases(dataSource) {
  const t0 = process.hrtime.bigint();
  await dataSource.query(
    `
    INSERT INTO cases (id, case_number, request_id, filed_by, item_id, item_code, item_name, flow_version, plan_hash, intake_org_id,
      applicant_name, materials, status, outcome, alarm_level, received_at, promised_deadline_at, legal_deadline_at, finished_at, workflow_id, revision, paused_hours)
    SELECT gen_random_uuid(), 'BENCH-' || g, 'bench-' || g, u.id, i.id, i.code, i.name, 1, 'sha256:bench', u.org_id,
      '基准测试企业', '[]', 'finished', CASE WHEN g % 7 = 0 THEN 'denied' ELSE 'approved' END, 'none', r.received,
      date_trunc('day', r.received) + interval '10 days 18 hours', date_trunc('day', r.received) + interval '30 days 18 hours',
      r.received + ((g * 31) % 20 + 1) * interval '1 day' + ((g * 7) % 9) * interval '1 hour', 'bench-' || g, 9,
      CASE WHEN g % 10 = 0 THEN 4 ELSE 0 END
    FROM generate_series(1, $1) AS g
    CROSS JOIN LATERAL (SELECT timestamptz '2025-01-02 01:00:00+00' + ((g * 7919) % 355) * interval '1 day' + ((g * 13) % 8) * interval '1 hour' AS received) r
    JOIN (SELECT row_number() OVER (ORDER BY code) - 1 AS n, id, code, name FROM items WHERE type_code IN ('XK', 'SP', 'FW') AND status = 'active') i
      ON i.n = g % (SELECT count(*) FROM items WHERE type_code IN ('XK', 'SP', 'FW') AND status = 'active')
    CROSS JOIN (SELECT id, org_id FROM users WHERE username = 'zx_clerk') u`,
    [CASES],
  );
  const [{ county }] = await dataSource.query(`SELECT path AS county FROM orgs WHERE code = '330303'`);
  await dataSource.query(
    `INSERT INTO case_tasks (case_id, token, node_id, step_name, kind, actor_kind, level, department, post, scope_path, status, started_at, deadline_at, completed_at, completion, paused_hours_at_start, paused_hours)
     SELECT c.id, s.node || '#' || s.n, s.node, s.name, s.kind, s.actor_kind, s.level, s.department, s.post, $1, 'done',
       c.received_at + (c.finished_at - c.received_at) * s.a, c.received_at + (c.finished_at - c.received_at) * s.a + interval '2 days',
       c.received_at + (c.finished_at - c.received_at) * s.b, s.completion, 0, CASE WHEN s.n = 1 THEN c.paused_hours ELSE 0 END
     FROM cases c CROSS JOIN (VALUES
       (1, 'intake', '受理', 'intake', 'intakeCentre', NULL, NULL, '受理岗', 0.0, 0.1, 'accept'),
       (2, 'review', '业务科室审查', 'review', 'org', 'county', 'AJ', '审核岗', 0.1, 0.7, 'opinion'),
       (3, 'decide', '审批决定', 'decision', 'org', 'county', 'AJ', '审批岗', 0.7, 1.0, 'decide')
     ) AS s(n, node, name, kind, actor_kind, level, department, post, a, b, completion)
     WHERE c.case_number LIKE 'BENCH-%'`,
    [county],
  );
  await dataSource.query(`
    INSERT INTO case_alarms (case_id, case_number, item_code, alarm_key, kind, level, step_token, message, due_at)
    SELECT id, case_number, item_code, 'promised-passed:case', 'promised-passed', 'red', NULL, '超过承诺办结期限', promised_deadline_at
    FROM cases WHERE case_number LIKE 'BENCH-%' AND finished_at > promised_deadline_at`);
  await dataSource.query(`
    INSERT INTO case_alarms (case_id, case_number, item_code, alarm_key, kind, level, step_token, message, due_at)
    SELECT t.case_id, c.case_number, c.item_code, 'step-overdue:' || t.token, 'step-overdue', 'yellow', t.token, '环节超时', t.deadline_at
    FROM case_tasks t JOIN cases c ON c.id = t.case_id WHERE c.case_number LIKE 'BENCH-%' AND t.completed_at > t.deadline_at`);
  await dataSource.query(`
    INSERT INTO case_ratings (case_id, rated_by, level, rated_at)
    SELECT c.id, u.id, 1 + (row_number() OVER (ORDER BY c.case_number) % 5)::int, c.finished_at + interval '1 hour'
    FROM cases c CROSS JOIN (SELECT id FROM users WHERE username = 'zhangsan') u
    WHERE c.case_number LIKE 'BENCH-%' AND right(c.case_number, 1) IN ('0', '3', '6')`);
  const stored = await storeHandlingHours(dataSource);
  await dataSource.query('ANALYZE');
  const [counts] = await dataSource.query(`SELECT
      (SELECT count(*)::int FROM cases WHERE case_number LIKE 'BENCH-%') AS cases,
      (SELECT count(*)::int FROM case_tasks) AS tasks,
      (SELECT count(*)::int FROM case_alarms) AS alarms,
      (SELECT count(*)::int FROM case_ratings) AS ratings`);
  return { ...counts, storeHoursMs: stored.ms, generateMs: round(msSince(t0)) };
}

/**
 * The handling hours the projection stores when a case or step ends (CasesRepository.project): office
 * hours by the calendar in PostgreSQL, less the 补正 pauses. BENCH_STORE_HOURS=0 leaves them NULL, so
 * the statistics time every row from the day table (the fallback for rows projected before).
 */
async function storeHandlingHours(dataSource) {
  const t0 = process.hrtime.bigint();
  if (process.env.BENCH_STORE_HOURS === '0') return { ms: 0 };
  const calendar = new WorkingCalendar(await new CalendarRepository(dataSource).years());
  const hours = (start, end, paused) => {
    const office = measuredOfficeHours(calendar, start.getTime(), end.getTime());
    return office === null ? null : Math.max(0, office - paused);
  };
  for (const [table, start, end] of [
    ['cases', 'received_at', 'finished_at'],
    ['case_tasks', 'started_at', 'completed_at'],
  ]) {
    const rows = await dataSource.query(`SELECT id, ${start} AS s, ${end} AS e, COALESCE(paused_hours, 0) AS p FROM ${table} WHERE ${end} IS NOT NULL`);
    for (let i = 0; i < rows.length; i += 50_000) {
      const batch = rows.slice(i, i + 50_000);
      await dataSource.query(`UPDATE ${table} x SET handling_hours = v.h FROM unnest($1::uuid[], $2::float8[]) AS v(id, h) WHERE x.id = v.id`, [
        batch.map((r) => r.id),
        batch.map((r) => hours(r.s, r.e, r.p)),
      ]);
    }
  }
  await dataSource.query('VACUUM ANALYZE cases');
  await dataSource.query('VACUUM ANALYZE case_tasks');
  return { ms: round(msSince(t0)) };
}

async function measureStats(dataSource) {
  const repository = new SupervisionStatsRepository(dataSource);
  const calendar = workingDayTable(new WorkingCalendar(await new CalendarRepository(dataSource).years()));
  const queries = [
    { name: 'department, year 2025', groupBy: 'department', from: '2025-01-01', to: '2025-12-31' },
    { name: 'item, year 2025', groupBy: 'item', from: '2025-01-01', to: '2025-12-31' },
    { name: 'post, year 2025 (steps)', groupBy: 'post', from: '2025-01-01', to: '2025-12-31' },
    { name: 'step, year 2025 (steps)', groupBy: 'step', from: '2025-01-01', to: '2025-12-31' },
    { name: 'department, 2025Q3', groupBy: 'department', from: '2025-07-01', to: '2025-09-30' },
  ];
  const results = [];
  for (const q of queries) {
    const { fromMs, toMs } = periodBounds(q.from, q.to);
    const filter = { groupBy: q.groupBy, fromMs, toMs, calendar };
    let groups = [];
    const ms = [];
    for (let i = 0; i < STATS_RUNS + 1; i++) {
      const t = process.hrtime.bigint();
      groups = await repository.stats(filter);
      if (i > 0) ms.push(msSince(t)); // the first run warms the cache
    }
    const finished = groups.reduce((n, g) => n + g.finished, 0);
    const received = groups.reduce((n, g) => n + g.received, 0);
    results.push({ ...q, groups: groups.length, finished, received, ...summarise(ms) });
    progress(`stats ${q.name}: ${groups.length} groups, ${finished} finished, p50 ${summarise(ms).p50} ms`);
  }
  return results;
}

// ------------------------------------------------------------------ report

const row = (cells, widths) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');

function report(timeline, generated, stats) {
  const lines = [];
  lines.push(
    `Timeline of one case: ${timeline.events} history events in ${timeline.runs} run(s), ${timeline.entries} entries (${timeline.correctionRounds} rounds of 补正), ${timeline.raw.runs} runs`,
  );
  const w = [34, 9, 9, 9];
  lines.push(row(['', 'p50 ms', 'p99 ms', 'mean ms'], w));
  lines.push(row(['raw history (fetch every run)', timeline.raw.p50, timeline.raw.p99, timeline.raw.mean], w));
  lines.push(row(['timeline (fetch + rebuild)', timeline.timeline.p50, timeline.timeline.p99, timeline.timeline.mean], w));
  lines.push(row(['  of which the rebuild', timeline.rebuildOnly.p50, timeline.rebuildOnly.p99, timeline.rebuildOnly.mean], w));
  lines.push(
    row(
      [
        'ratio timeline / raw',
        round(timeline.timeline.p50 / timeline.raw.p50),
        round(timeline.timeline.p99 / timeline.raw.p99),
        round(timeline.timeline.mean / timeline.raw.mean),
      ],
      w,
    ),
  );
  lines.push('');
  lines.push(
    `Statistics over ${generated.cases} finished cases, ${generated.tasks} steps, ${generated.alarms} alarms, ${generated.ratings} ratings (generated in ${Math.round(generated.generateMs / 1000)} s)`,
  );
  const s = [26, 7, 9, 9, 9, 9];
  lines.push(row(['query', 'groups', 'finished', 'p50 ms', 'p99 ms', 'mean ms'], s));
  for (const r of stats) lines.push(row([r.name, r.groups, r.finished, r.p50, r.p99, r.mean], s));
  return lines.join('\n');
}

// ------------------------------------------------------------------ main

async function main() {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error('DATABASE_URL is not set (npm run bench:supervision sets it)');
  if (!process.env.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS is not set (npm run bench:supervision sets it)');
  await waitForQuietMachine();
  const env = {
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE || 'default',
    ZWT_CJK_FONT: process.env.ZWT_CJK_FONT,
    SEAL_MASTER_KEY: process.env.SEAL_MASTER_KEY,
  };
  const stamp = Date.now();
  const scratch = scratchDatabase(baseUrl, `zwt_supbench_${stamp}`);
  try {
    await scratch.create();
    const dataSource = scratch.track(createDataSource({ DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: POOL_SIZE }));
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await seedDemo(dataSource);
    progress(`migrated (${applied.length} migrations) and seeded`);

    const timeline = await measureTimeline(env, dataSource, stamp);
    progress(`generating ${CASES} finished cases`);
    const generated = await generateCases(dataSource);
    const stats = await measureStats(dataSource);

    console.log(report(timeline, generated, stats));
    saveResults('supervision', {
      settings: { events: EVENTS, runs: RUNS, statsRuns: STATS_RUNS, warmup: WARMUP, cases: CASES, poolSize: POOL_SIZE },
      timeline,
      generated,
      stats,
    });
    return 0;
  } finally {
    await scratch.cleanup();
  }
}

runMain(main);
