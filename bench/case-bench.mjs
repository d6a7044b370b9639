// End-to-end benchmark of cases against the raw Temporal ceiling.
//
// The platform: the BUILT API and worker (dist/) as two processes of their own, on a scratch database
// (real migrations and the demo seed) and a task queue of their own; BENCH_CONCURRENCY clients drive
// BENCH_CASES cases of 企业设立 (demo item 33030300GS-XK-0001) entirely through the HTTP API with the
// demo users' real tokens: filed at the county centre (POST /api/cases), accepted, reviewed by the three
// departments at once, decided with the seal, delivered (POST /api/cases/:id/actions, each step's token
// from the answer before it). The baseline: the same number of cases, clients and Updates straight
// through the Temporal client on bench/baseline/workflows.js (the same shape, no-op activities), run by
// a worker process of its own. Reported: cases/s, p50/p95/p99 of a case start and of an action, the
// ratios platform ÷ baseline, the workers' memory (RSS sampled), the processes' CPU per case, and
// history events and bytes per case (the platform's sampled histories are also replayed with the
// built workflow code: cases acted on by several people at once must replay deterministically).
//
// `npm run bench` does set-up and build first. Directly:
// `npx tsc -p tsconfig.build.json && DATABASE_URL=postgres://… TEMPORAL_ADDRESS=host:port ZWT_CJK_FONT=… node bench/case-bench.mjs`.
// Knobs (environment): BENCH_CONCURRENCY (50), BENCH_CASES (200), BENCH_WARMUP (10 cases each side),
// BENCH_HISTORY_SAMPLE (10 cases whose history is read), BENCH_SKIP_BASELINE=1, BENCH_SKIP_PLATFORM=1,
// BENCH_KEEP_DB=1; BENCH_API_ENV / BENCH_WORKER_ENV: extra variables for the processes as JSON,
// e.g. '{"DATABASE_POOL_SIZE":"20"}' (to try a setting without changing its default).
// Exit code: 0 when it ran (the targets are reported, not enforced), 2 when it crashed (a case that
// does not finish approved is a crash: the numbers would mean nothing).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';

import { freePort, startProcess } from '../scripts/lib/processes.mjs';
import { intEnv, msSince, percentile, progress, ROOT, round, runMain, saveResults, scratchDatabase } from './lib.mjs';

const require = createRequire(import.meta.url);
require('reflect-metadata'); // entity decorators emit design-type metadata
const { Client, Connection, WithStartWorkflowOperation } = require('@temporalio/client');
const { historyToJSON } = require('@temporalio/common/lib/proto-utils');
const { DefaultLogger, Runtime, Worker } = require('@temporalio/worker');
const persistence = require('../dist/libs/persistence/src/index.js');

const CONCURRENCY = intEnv('BENCH_CONCURRENCY', 50);
const CASES = intEnv('BENCH_CASES', 200);
const WARMUP = intEnv('BENCH_WARMUP', 10);
const HISTORY_SAMPLE = intEnv('BENCH_HISTORY_SAMPLE', 10);
const ITEM_CODE = '33030300GS-XK-0001';
const PASSWORD = 'Demo@2026';
const TARGET = { throughputRatio: 0.7, p99ActionRatio: 1.5 };
/** RSS and CPU of the processes, sampled this often. */
const SAMPLE_MS = 250;
const CLK_TCK = 100;

function jsonEnv(name) {
  const raw = process.env[name];
  if (!raw) return {};
  const parsed = JSON.parse(raw);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${name} must be a JSON object`);
  return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
}

// ------------------------------------------------------------------ processes

async function waitUntil(what, probe, proc, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (proc && (proc.child.exitCode !== null || proc.child.signalCode !== null)) {
      throw new Error(`${what}: the process exited; last lines of ${proc.logFile}:\n${tail(proc.logFile)}`);
    }
    if (Date.now() > deadline) throw new Error(`${what}: not ready within ${timeoutMs / 1000} s; see ${proc?.logFile}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function tail(file) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
  } catch {
    return '';
  }
}

/** RSS (from /proc/<pid>/status) and CPU time (utime + stime from /proc/<pid>/stat) of a process. */
function readProc(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuMs = ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
    return { rssMb: rssKb / 1024, cpuMs };
  } catch {
    return undefined;
  }
}

/** Samples the processes' RSS while the measured phase runs; CPU is the difference from start to stop. */
function sampler(procs) {
  const pids = Object.fromEntries(Object.entries(procs).filter(([, pid]) => pid));
  const start = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, readProc(pid)]));
  const rss = Object.fromEntries(Object.keys(pids).map((name) => [name, []]));
  const timer = setInterval(() => {
    for (const [name, pid] of Object.entries(pids)) {
      const sample = readProc(pid);
      if (sample) rss[name].push(sample.rssMb);
    }
  }, SAMPLE_MS);
  return {
    stop() {
      clearInterval(timer);
      const result = {};
      for (const [name, pid] of Object.entries(pids)) {
        const end = readProc(pid);
        const samples = rss[name];
        result[name] = {
          cpuMs: end && start[name] ? round(end.cpuMs - start[name].cpuMs) : null,
          rssMb: samples.length
            ? {
                start: round(start[name]?.rssMb ?? samples[0]),
                mean: round(samples.reduce((a, b) => a + b, 0) / samples.length),
                peak: round(Math.max(...samples)),
                end: round(end?.rssMb ?? samples.at(-1)),
                samples: samples.length,
              }
            : null,
        };
      }
      return result;
    },
  };
}

function temporalServerPid() {
  // The dev server the project's scripts started (shared with other work on the machine: its CPU is an upper bound).
  try {
    const pid = Number(fs.readFileSync(path.join(ROOT, process.env.ZWT_DATA_DIR ?? '.data', 'temporal/server.pid'), 'utf8').trim());
    return Number.isInteger(pid) && readProc(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

// ------------------------------------------------------------------ load

function summarise(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  if (sorted.length === 0) return { n: 0 };
  return {
    n: sorted.length,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1)),
    mean: round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
  };
}

/**
 * Runs `total` cases with `concurrency` clients, each taking the next case when it has finished one.
 * `driveCase(index, timings)` pushes start and action latencies; returns wall time and cases/s.
 */
async function closedLoop(total, concurrency, driveCase) {
  const timings = { start: [], action: [] };
  let next = 0;
  let failed = 0;
  const errors = [];
  const t0 = process.hrtime.bigint();
  const client = async () => {
    while (next < total) {
      const index = next++;
      try {
        await driveCase(index, timings);
      } catch (error) {
        failed++;
        if (errors.length < 5)
          errors.push(
            `${error?.stack ?? error}${error?.cause ? `\ncaused by: ${error.cause.constructor?.name} ${error.cause.message} ${error.cause.type ?? ''} ${error.cause.cause?.message ?? ''}` : ''}`,
          );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, client));
  const wallMs = msSince(t0);
  if (failed > 0) throw new Error(`${failed} of ${total} cases failed; first errors:\n${errors.join('\n---\n')}`);
  return { wallMs: round(wallMs), casesPerSecond: round((total * 1000) / wallMs), start: summarise(timings.start), action: summarise(timings.action) };
}

async function timed(samples, fn) {
  const t = process.hrtime.bigint();
  const result = await fn();
  samples.push(msSince(t));
  return result;
}

// ------------------------------------------------------------------ the platform, over HTTP

async function http(base, method, url, token, body) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${json?.code ?? ''} ${json?.message ?? text.slice(0, 200)}`);
  return json;
}

/** One 企业设立 case through the API, as the people at each step would drive it. */
function platformDriver(base, tokens, caseIds) {
  const step = (view, nodeId) => {
    const found = view.current.find((s) => s.nodeId === nodeId);
    if (!found) throw new Error(`case ${view.caseId}: step ${nodeId} is not current (${view.current.map((s) => s.nodeId).join(', ')})`);
    return found.token;
  };
  const act = (timings, user, view, nodeId, body) =>
    timed(timings.action, () => http(base, 'POST', `/api/cases/${view.id}/actions`, tokens[user], { type: 'act', token: step(view, nodeId), ...body }));
  return async (index, timings) => {
    const filed = await timed(timings.start, () =>
      http(base, 'POST', '/api/cases', tokens.zx_clerk, {
        itemCode: ITEM_CODE,
        requestId: crypto.randomUUID(),
        applicant: { name: `温州压测企业${index}有限公司`, username: 'zhangsan' },
        materials: ['公司登记（备案）申请书', '公司章程', '股东主体资格证明或自然人身份证件', '企业名称预先核准通知书', '住所使用证明'],
      }),
    );
    caseIds?.push(filed.id);
    const accepted = await act(timings, 'zx_clerk', filed, 'intake', { action: 'accept' });
    const reviewed = await Promise.all([
      act(timings, 'gs_handler', accepted, 'gsReview', { action: 'opinion', opinion: '同意设立' }),
      act(timings, 'zj_handler', accepted, 'zjReview', { action: 'opinion', opinion: '同意' }),
      act(timings, 'hb_handler', accepted, 'hbReview', { action: 'opinion', opinion: '同意' }),
    ]);
    const joined = reviewed.find((v) => v.current.some((s) => s.nodeId === 'decide'));
    if (!joined) throw new Error(`case ${filed.id}: no answer after the three reviews shows the decision step`);
    const decided = await act(timings, 'gs_handler', joined, 'decide', { action: 'decide', decision: 'approved', opinion: '准予设立登记' });
    const done = await act(timings, 'zx_clerk', decided, 'deliverLicence', { action: 'deliver' });
    if (done.status !== 'finished' || done.outcome !== 'approved') throw new Error(`case ${filed.id}: ended ${done.status}/${done.outcome}`);
  };
}

async function runPlatform(env, scratch, stamp, logDir) {
  const taskQueue = `casebench-${stamp}`;
  const filesDir = path.join(os.tmpdir(), `zwt-casebench-files-${stamp}`);
  const healthPort = await freePort();
  const apiPort = await freePort();
  const common = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    DATABASE_URL: scratch.url,
    TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE,
    TEMPORAL_TASK_QUEUE: taskQueue,
    FILES_DIR: filesDir,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
  };
  const workerEnv = {
    ...common,
    ZWT_CJK_FONT: env.ZWT_CJK_FONT,
    SEAL_MASTER_KEY: crypto.randomBytes(24).toString('hex'),
    WORKER_HEALTH_PORT: String(healthPort),
    ...jsonEnv('BENCH_WORKER_ENV'),
  };
  const apiEnv = {
    ...common,
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    JWT_SECRET: crypto.randomBytes(24).toString('hex'),
    AUDIT_HMAC_KEY: crypto.randomBytes(24).toString('hex'),
    ...jsonEnv('BENCH_API_ENV'),
  };
  progress(`starting the built worker and API (task queue ${taskQueue}, API on :${apiPort}; logs in ${logDir})`);
  const worker = startProcess('worker', [path.join(ROOT, 'dist/apps/worker/src/main.js')], workerEnv, logDir);
  const api = startProcess('api', [path.join(ROOT, 'dist/apps/api/src/main.js')], apiEnv, logDir);
  const base = `http://127.0.0.1:${apiPort}`;
  try {
    await waitUntil('the worker', async () => (await fetch(`http://127.0.0.1:${healthPort}/health`)).ok, worker);
    await waitUntil('the API', async () => (await fetch(`${base}/api/health`)).ok, api);
    const tokens = {};
    for (const username of ['zx_clerk', 'gs_handler', 'zj_handler', 'hb_handler']) {
      tokens[username] = (await http(base, 'POST', '/api/auth/token', undefined, { username, password: PASSWORD })).accessToken;
    }
    progress(`platform: ${WARMUP} warm-up cases`);
    await closedLoop(WARMUP, Math.min(WARMUP, CONCURRENCY), platformDriver(base, tokens));
    const caseIds = [];
    progress(`platform: ${CASES} cases, ${CONCURRENCY} at a time`);
    const sampling = sampler({ worker: worker.child.pid, api: api.child.pid, temporal: temporalServerPid(), bench: process.pid });
    const load = await closedLoop(CASES, CONCURRENCY, platformDriver(base, tokens, caseIds));
    const processes = sampling.stop();
    progress(`platform: ${load.casesPerSecond} cases/s, action p99 ${load.action.p99} ms`);
    return { taskQueue, load, processes, caseIds, workerEnv: redact(workerEnv), apiEnv: redact(apiEnv) };
  } finally {
    await api.stop();
    await worker.stop();
    fs.rmSync(filesDir, { recursive: true, force: true });
  }
}

function redact(env) {
  const { PATH: _path, SEAL_MASTER_KEY: _key, JWT_SECRET: _secret, AUDIT_HMAC_KEY: _audit, DATABASE_URL: _url, ...rest } = env;
  return rest;
}

// ------------------------------------------------------------------ the baseline, straight through the client

function baselineDriver(client, taskQueue, workflowIds) {
  return async (index, timings) => {
    const caseId = crypto.randomUUID();
    const workflowId = `baseline-${caseId}`;
    const startWorkflowOperation = new WithStartWorkflowOperation('baselineCaseWorkflow', {
      taskQueue,
      workflowId,
      args: [{ caseId }],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    await timed(timings.start, () => client.workflow.executeUpdateWithStart('opened', { startWorkflowOperation }));
    workflowIds?.push(workflowId);
    const handle = client.workflow.getHandle(workflowId);
    const step = (name) => timed(timings.action, () => handle.executeUpdate('step', { args: [name] }));
    await step('intake');
    await Promise.all([step('gs'), step('zj'), step('hb')]);
    await step('decide');
    const done = await step('deliver');
    if (!done.done.includes('deliver')) throw new Error(`baseline ${workflowId} did not finish`);
  };
}

async function runBaseline(env, stamp, logDir, client) {
  const taskQueue = `casebench-baseline-${stamp}`;
  progress(`starting the baseline worker (bench/baseline, task queue ${taskQueue})`);
  const worker = startProcess(
    'baseline-worker',
    [path.join(ROOT, 'bench/baseline/worker.mjs')],
    {
      PATH: process.env.PATH,
      TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
      TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE,
      BASELINE_TASK_QUEUE: taskQueue,
      ...jsonEnv('BENCH_WORKER_ENV'),
    },
    logDir,
  );
  try {
    await waitUntil('the baseline worker', async () => fs.readFileSync(worker.logFile, 'utf8').includes('ready'), worker);
    progress(`baseline: ${WARMUP} warm-up cases`);
    await closedLoop(WARMUP, Math.min(WARMUP, CONCURRENCY), baselineDriver(client, taskQueue));
    const workflowIds = [];
    progress(`baseline: ${CASES} cases, ${CONCURRENCY} at a time`);
    const sampling = sampler({ worker: worker.child.pid, temporal: temporalServerPid(), bench: process.pid });
    const load = await closedLoop(CASES, CONCURRENCY, baselineDriver(client, taskQueue, workflowIds));
    const processes = sampling.stop();
    progress(`baseline: ${load.casesPerSecond} cases/s, action p99 ${load.action.p99} ms`);
    return { taskQueue, load, processes, workflowIds };
  } finally {
    await worker.stop();
  }
}

// ------------------------------------------------------------------ history

/**
 * Events and bytes of the histories of a sample of finished cases; with `workflowsPath`, the sample is
 * also replayed with that workflow code (cases whose Updates came at once must replay deterministically).
 */
async function histories(client, workflowIds, workflowsPath) {
  const sample = workflowIds.slice(0, HISTORY_SAMPLE);
  const rows = [];
  const byType = {};
  const fetched = [];
  for (const workflowId of sample) {
    const handle = client.workflow.getHandle(workflowId);
    const history = await handle.fetchHistory();
    fetched.push({ workflowId, history });
    const events = JSON.parse(historyToJSON(history)).events;
    const described = await handle.describe();
    const size = described.raw.workflowExecutionInfo?.historySizeBytes ?? 0;
    for (const event of events) {
      const entry = (byType[event.eventType.replace(/^EVENT_TYPE_/, '')] ??= { count: 0, bytes: 0 });
      entry.count++;
      entry.bytes += Buffer.byteLength(JSON.stringify(event));
    }
    rows.push({
      events: events.length,
      bytes: Buffer.byteLength(JSON.stringify({ events })),
      serverBytes: typeof size === 'object' ? size.toNumber() : Number(size),
    });
  }
  let replayed;
  if (workflowsPath) {
    const failures = [];
    for await (const result of Worker.runReplayHistories({ workflowsPath }, fetched))
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    if (failures.length > 0) throw new Error(`histories that do not replay with the worker's code:\n${failures.join('\n')}`);
    replayed = fetched.length;
  }
  const mean = (f) => round(rows.reduce((a, r) => a + f(r), 0) / Math.max(1, rows.length));
  const n = Math.max(1, rows.length);
  return {
    cases: rows.length,
    ...(replayed !== undefined ? { replayed } : {}),
    events: mean((r) => r.events),
    bytes: mean((r) => r.bytes),
    serverBytes: mean((r) => r.serverBytes),
    byType: Object.fromEntries(
      Object.entries(byType)
        .sort((a, b) => b[1].bytes - a[1].bytes)
        .map(([t, e]) => [t, { perCase: round(e.count / n), bytesPerCase: round(e.bytes / n) }]),
    ),
  };
}

// ------------------------------------------------------------------ report

const row = (cells, widths) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
const rule = (widths) =>
  row(
    widths.map((w) => '-'.repeat(w)),
    widths,
  );
const fmt = (n, digits = 1) => (n === null || n === undefined ? '-' : Number(n).toFixed(digits));

function report(result) {
  const { platform, baseline, ratios } = result;
  const lines = [];
  lines.push(`企业设立 cases (1 start + 6 actions, 3 of them at once), ${CASES} cases, ${CONCURRENCY} concurrent clients, after ${WARMUP} warm-up cases`);
  const widths = [30, 9, 9, 9, 9, 9, 9, 9];
  lines.push(row(['ms', 'cases/s', 'start p50', 'start p95', 'start p99', 'act p50', 'act p95', 'act p99'], widths));
  lines.push(rule(widths));
  const line = (name, r) =>
    row(
      [
        name,
        fmt(r.load.casesPerSecond, 2),
        fmt(r.load.start.p50),
        fmt(r.load.start.p95),
        fmt(r.load.start.p99),
        fmt(r.load.action.p50),
        fmt(r.load.action.p95),
        fmt(r.load.action.p99),
      ],
      widths,
    );
  if (platform) lines.push(line('platform (HTTP API)', platform));
  if (baseline) lines.push(line('baseline (Temporal client)', baseline));
  if (ratios) {
    lines.push(rule(widths));
    lines.push(
      `platform ÷ baseline: throughput ${fmt(ratios.throughput, 2)} (target ≥ ${TARGET.throughputRatio}${ratios.throughput >= TARGET.throughputRatio ? ', met' : ', NOT met'}), ` +
        `p99 action latency ${fmt(ratios.p99Action, 2)} (target ≤ ${TARGET.p99ActionRatio}${ratios.p99Action <= TARGET.p99ActionRatio ? ', met' : ', NOT met'}), ` +
        `p99 start latency ${fmt(ratios.p99Start, 2)}`,
    );
  }
  lines.push('');
  const pw = [30, 12, 12, 12, 12, 14];
  lines.push(row(['process', 'RSS start MB', 'RSS mean MB', 'RSS peak MB', 'RSS end MB', 'CPU ms / case'], pw));
  lines.push(rule(pw));
  for (const [side, r] of [
    ['platform', platform],
    ['baseline', baseline],
  ]) {
    if (!r) continue;
    for (const [name, p] of Object.entries(r.processes)) {
      lines.push(row([`${side} ${name}`, fmt(p.rssMb?.start), fmt(p.rssMb?.mean), fmt(p.rssMb?.peak), fmt(p.rssMb?.end), fmt(p.cpuMs / CASES)], pw));
    }
  }
  lines.push('(temporal: the shared dev server, whose CPU includes whatever else used it meanwhile; bench: this load generator)');
  lines.push('');
  const hw = [30, 10, 12, 12];
  lines.push(row(['history per case', 'events', 'bytes (JSON)', 'server bytes'], hw));
  lines.push(rule(hw));
  for (const [side, h] of [
    ['platform', platform?.history],
    ['baseline', baseline?.history],
  ]) {
    if (h) lines.push(row([`${side} (${h.cases} cases${h.replayed ? ', replayed' : ''})`, fmt(h.events), fmt(h.bytes, 0), fmt(h.serverBytes, 0)], hw));
  }
  if (platform?.history) {
    lines.push('');
    lines.push('platform history by event type, per case:');
    const tw = [46, 8, 10];
    lines.push(row(['event type', 'events', 'bytes'], tw));
    for (const [type, e] of Object.entries(platform.history.byType)) lines.push(row([type, fmt(e.perCase), fmt(e.bytesPerCase, 0)], tw));
  }
  return lines.join('\n');
}

// ------------------------------------------------------------------ main

async function main() {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error('DATABASE_URL is not set (npm run bench sets it)');
  if (!process.env.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS is not set (npm run bench sets it)');
  if (!process.env.ZWT_CJK_FONT) throw new Error('ZWT_CJK_FONT is not set (npm run bench finds or installs a Chinese font)');
  const env = {
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE || 'default',
    ZWT_CJK_FONT: process.env.ZWT_CJK_FONT,
  };
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stamp = Date.now();
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwt-casebench-'));
  const scratch = scratchDatabase(baseUrl, `zwt_casebench_${stamp}`);
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  try {
    let baseline;
    if (process.env.BENCH_SKIP_BASELINE !== '1') {
      baseline = await runBaseline(env, stamp, logDir, client);
      baseline.history = await histories(client, baseline.workflowIds);
      delete baseline.workflowIds;
    }
    let platform;
    if (process.env.BENCH_SKIP_PLATFORM !== '1') {
      await scratch.create();
      const dataSource = scratch.track(persistence.createDataSource({ DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: 2 }));
      await dataSource.initialize();
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      await persistence.seedDemo(dataSource);
      progress(`migrated (${applied.length} migrations) and seeded the demo data`);
      platform = await runPlatform(env, scratch, stamp, logDir);
      progress(`reading ${HISTORY_SAMPLE} cases' histories and replaying them with dist/workflows`);
      platform.history = await histories(
        client,
        platform.caseIds.map((id) => `case-${id}`),
        path.join(ROOT, 'dist/workflows/index.js'),
      );
      const [{ cases, tasks }] = await dataSource.query(`SELECT (SELECT count(*)::int FROM cases) AS cases, (SELECT count(*)::int FROM case_tasks) AS tasks`);
      platform.projection = { cases, tasks };
      delete platform.caseIds;
    }
    const ratios =
      platform && baseline
        ? {
            throughput: round(platform.load.casesPerSecond / baseline.load.casesPerSecond),
            p99Action: round(platform.load.action.p99 / baseline.load.action.p99),
            p99Start: round(platform.load.start.p99 / baseline.load.start.p99),
          }
        : undefined;
    const result = { platform, baseline, ratios };
    console.log(report(result));
    saveResults('cases', {
      settings: { concurrency: CONCURRENCY, cases: CASES, warmup: WARMUP, historySample: HISTORY_SAMPLE, itemCode: ITEM_CODE, target: TARGET },
      temporal: { address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE },
      ...result,
    });
    fs.rmSync(logDir, { recursive: true, force: true });
    return 0;
  } catch (error) {
    progress(`process logs kept in ${logDir}`);
    throw error;
  } finally {
    await connection.close().catch(() => {});
    await scratch.cleanup();
  }
}

runMain(main);
