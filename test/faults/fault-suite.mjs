// Fault tests: 企业设立 cases driven through the built API and worker while a part dies, on services
// of this suite's own (a Temporal dev server and a PostgreSQL cluster under .data/faults/, on free
// ports), so restarting them disturbs nothing else on the machine. Rounds: the worker SIGKILLed and
// started again; the API SIGKILLed and started again; the Temporal dev server stopped and started on
// its SQLite file; PostgreSQL stopped (fast) and started. Clients send every request with a request
// id and retry it, as a real client would, on a refused connection, a 5xx or a 503, until it is
// acknowledged. After each round: every case finished approved; every acknowledged action is in the
// case's history exactly once (none lost, none applied twice); no projection row duplicated; the
// reconciliation command reports zero differences. Plus: one action sent twice at once and again
// later with the same request id applies once and answers alike; a filing likewise.
//
// `npm run test:faults` does set-up and build first, and `npm test` runs a smaller round
// (test/faults/faults.e2e-spec.ts). Directly (after `npm run build`): `node test/faults/fault-suite.mjs`.
// Knobs: FAULTS_CASES (cases per round, 12), FAULTS_CONCURRENCY (6), FAULTS_ROUNDS (worker,api,temporal,postgres),
// FAULTS_KEEP=1 (leave the services, their data under .data/faults/<run>/ and the logs). Prints one line `FAULTS_RESULT {json}` at the end;
// exit 0 when every check held, 1 when one failed, 2 on a crash.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { freePort, startProcess } from '../../scripts/lib/processes.mjs';
import { ensurePostgres, ensureTemporal, stopPostgres, stopTemporal, temporalTools, ensureChineseFont } from '../../scripts/lib/services.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
require('reflect-metadata');
const pg = require('pg');
const persistence = require(path.join(ROOT, 'dist/libs/persistence/src/index.js'));

const CASES = Number(process.env.FAULTS_CASES ?? 12);
const CONCURRENCY = Number(process.env.FAULTS_CONCURRENCY ?? 6);
const ROUNDS = (process.env.FAULTS_ROUNDS ?? 'worker,api,temporal,postgres').split(',').filter(Boolean);
const ITEM_CODE = '33030300GS-XK-0001';
const PASSWORD = 'Demo@2026';
/** How long a client keeps retrying one request before the round fails. */
const CLIENT_PATIENCE_MS = 180_000;

const log = (message) => process.stderr.write(`[faults ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// ------------------------------------------------------------------ processes

const kill = (proc, signal) => proc.stop(signal, 15_000);

async function waitUntil(what, probe, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${what}: not ready within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

// ------------------------------------------------------------------ a client that retries

/**
 * Sends a request until it is answered by the API (not a refused connection, a 5xx or a 503). A 4xx
 * other than those is an answer, returned to the caller.
 */
async function request(base, method, url, token, body) {
  const deadline = Date.now() + CLIENT_PATIENCE_MS;
  let attempts = 0;
  for (;;) {
    attempts++;
    let status;
    let json;
    try {
      const response = await fetch(`${base()}${url}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      });
      status = response.status;
      const text = await response.text();
      json = text ? JSON.parse(text) : undefined;
    } catch (error) {
      status = `network: ${error.cause?.code ?? error.name}`;
    }
    if (typeof status === 'number' && status < 500) return { status, body: json, attempts };
    if (Date.now() > deadline) throw new Error(`${method} ${url}: no answer within ${CLIENT_PATIENCE_MS / 1000} s (last: ${status} ${json?.code ?? ''})`);
    await sleep(Math.min(2000, 200 * attempts));
  }
}

/** One 企业设立 case; every acknowledged request is recorded in `acks`. */
async function driveCase(ctx, index, acks) {
  const { base, tokens } = ctx;
  const ok = (res, what) => {
    if (res.status !== 200 && res.status !== 201) throw new Error(`${what}: ${res.status} ${res.body?.code} ${res.body?.message}`);
    return res.body;
  };
  const fileRequestId = crypto.randomUUID();
  const filed = ok(
    await request(base, 'POST', '/api/cases', tokens.zx_clerk, {
      itemCode: ITEM_CODE,
      requestId: fileRequestId,
      applicant: { name: `温州故障测试企业${index}有限公司`, username: 'zhangsan' },
      materials: ['公司登记（备案）申请书', '公司章程'],
    }),
    `file case ${index}`,
  );
  acks.filings.push({ caseId: filed.id, requestId: fileRequestId });
  ctx.filings.add(filed.id);
  const act = async (user, view, nodeId, body) => {
    const step = view.current.find((s) => s.nodeId === nodeId);
    if (!step) throw new Error(`case ${view.id}: ${nodeId} is not current (${view.current.map((s) => s.nodeId)})`);
    const requestId = crypto.randomUUID();
    const answer = ok(
      await request(base, 'POST', `/api/cases/${view.id}/actions`, tokens[user], { type: 'act', token: step.token, requestId, ...body }),
      `${nodeId} of ${view.id}`,
    );
    acks.actions.push({ caseId: view.id, token: step.token, action: body.action, requestId });
    return answer;
  };
  const accepted = await act('zx_clerk', filed, 'intake', { action: 'accept' });
  const reviewed = await Promise.all([
    act('gs_handler', accepted, 'gsReview', { action: 'opinion', opinion: '同意设立' }),
    act('zj_handler', accepted, 'zjReview', { action: 'opinion', opinion: '同意' }),
    act('hb_handler', accepted, 'hbReview', { action: 'opinion', opinion: '同意' }),
  ]);
  const joined = reviewed.find((v) => v.current.some((s) => s.nodeId === 'decide'));
  const decided = await act('gs_handler', joined, 'decide', { action: 'decide', decision: 'approved', opinion: '准予设立登记' });
  await act('zx_clerk', decided, 'deliverLicence', { action: 'deliver' });
  return filed.id;
}

async function load(ctx, total, acks) {
  let next = 0;
  const ids = [];
  const client = async () => {
    while (next < total) {
      const index = next++;
      ids.push(await driveCase(ctx, index, acks));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, total) }, client));
  return ids;
}

// ------------------------------------------------------------------ checks

async function checkRound(ctx, caseIds, acks) {
  const problems = [];
  const views = new Map();
  for (const id of caseIds) {
    const res = await request(ctx.base, 'GET', `/api/cases/${id}`, ctx.tokens.admin);
    if (res.status !== 200) {
      problems.push(`case ${id}: GET answered ${res.status} ${res.body?.code}`);
      continue;
    }
    views.set(id, res.body);
    if (res.body.status !== 'finished' || res.body.outcome !== 'approved')
      problems.push(`case ${id}: ${res.body.status}/${res.body.outcome}, not finished approved`);
  }
  // Every acknowledged action is in the history once: the step it named ended with that action, once.
  for (const ack of acks.actions.filter((a) => views.has(a.caseId))) {
    const step = views.get(ack.caseId).steps.find((s) => s.token === ack.token);
    const times = step?.actions.filter((a) => a.action === ack.action).length ?? 0;
    if (times !== 1) problems.push(`case ${ack.caseId}: acknowledged ${ack.action} on ${ack.token} is in the history ${times} times`);
  }
  const rows = await ctx.db.query(`
    SELECT
      (SELECT count(*)::int FROM cases) AS cases,
      (SELECT count(*)::int FROM (SELECT 1 FROM cases GROUP BY filed_by, request_id HAVING count(*) > 1) d) AS duplicate_filings,
      (SELECT count(*)::int FROM (SELECT 1 FROM case_tasks GROUP BY case_id, token HAVING count(*) > 1) d) AS duplicate_tasks,
      (SELECT count(*)::int FROM (SELECT 1 FROM case_documents GROUP BY case_id, step_token, title HAVING count(*) > 1) d) AS duplicate_documents,
      (SELECT count(*)::int FROM case_tasks WHERE status = 'open') AS open_tasks`);
  const counts = rows.rows[0];
  if (counts.duplicate_filings || counts.duplicate_tasks || counts.duplicate_documents) problems.push(`duplicated projection rows: ${JSON.stringify(counts)}`);
  if (counts.open_tasks) problems.push(`${counts.open_tasks} work-queue rows still open after every case finished`);
  if (counts.cases !== ctx.filings.size) problems.push(`${counts.cases} cases stored for ${ctx.filings.size} acknowledged filings`);
  const reconcile = spawnSync(process.execPath, [path.join(ROOT, 'dist/apps/worker/src/reconcile-main.js')], {
    cwd: ROOT,
    env: ctx.workerEnv,
    encoding: 'utf8',
    timeout: 180_000,
  });
  const summary = /(\d+) cases compared with Temporal: (\d+) difference/.exec(reconcile.stdout ?? '');
  if (reconcile.status !== 0 || !summary || summary[2] !== '0')
    problems.push(`reconciliation: exit ${reconcile.status}: ${(reconcile.stdout + reconcile.stderr).trim().split('\n').slice(-5).join(' | ')}`);
  return { problems, counts, reconciled: summary ? Number(summary[1]) : null };
}

// ------------------------------------------------------------------ idempotency

async function checkRetries(ctx) {
  const problems = [];
  const { base, tokens } = ctx;
  const requestId = crypto.randomUUID();
  const body = { itemCode: ITEM_CODE, requestId, applicant: { name: '重复提交测试企业' }, materials: [] };
  const [a, b] = await Promise.all([request(base, 'POST', '/api/cases', tokens.zx_clerk, body), request(base, 'POST', '/api/cases', tokens.zx_clerk, body)]);
  const again = await request(base, 'POST', '/api/cases', tokens.zx_clerk, body);
  const statuses = [a.status, b.status].sort();
  if (JSON.stringify(statuses) !== JSON.stringify([200, 201]) && JSON.stringify(statuses) !== JSON.stringify([201, 503]))
    problems.push(`a filing sent twice at once answered ${statuses}`);
  if (again.status !== 200 || again.body.id !== (a.status === 201 ? a.body : b.body).id)
    problems.push(`the filing sent again answered ${again.status} ${again.body?.id}`);
  const filed = again.body;
  ctx.filings.add(filed.id);
  const { rows } = await ctx.db.query('SELECT count(*)::int AS n FROM cases WHERE request_id = $1', [requestId]);
  if (rows[0].n !== 1) problems.push(`a filing sent three times stored ${rows[0].n} cases`);

  const token = filed.current.find((s) => s.nodeId === 'intake').token;
  const act = { type: 'act', token, action: 'accept', requestId: crypto.randomUUID() };
  const url = `/api/cases/${filed.id}/actions`;
  const [x, y] = await Promise.all([request(base, 'POST', url, tokens.zx_clerk, act), request(base, 'POST', url, tokens.zx_clerk, act)]);
  const z = await request(base, 'POST', url, tokens.zx_clerk, act);
  for (const r of [x, y, z]) if (r.status !== 200) problems.push(`an action sent again with its request id answered ${r.status} ${r.body?.code}`);
  if (new Set([x, y, z].map((r) => r.body?.revision)).size !== 1)
    problems.push(`the repeats answered different revisions: ${[x, y, z].map((r) => r.body?.revision)}`);
  const view = (await request(base, 'GET', `/api/cases/${filed.id}`, tokens.admin)).body;
  const accepts = view.steps.find((s) => s.token === token)?.actions.filter((a) => a.action === 'accept').length;
  if (accepts !== 1) problems.push(`an action sent three times with one request id is in the history ${accepts} times`);
  // Without the request id a repeat is a new request, refused because the step is done.
  const fresh = await request(base, 'POST', url, tokens.zx_clerk, { ...act, requestId: undefined });
  if (fresh.status !== 409 || fresh.body.code !== 'CASE_STEP_NOT_ACTIVE')
    problems.push(`a new request on the done step answered ${fresh.status} ${fresh.body?.code}`);
  // Leave no open case behind for the reconciliation: withdraw it.
  await request(base, 'POST', url, tokens.zx_clerk, { type: 'withdraw', reason: '测试结束', requestId: crypto.randomUUID() });
  return problems;
}

// ------------------------------------------------------------------ main

async function main() {
  const stamp = Date.now().toString(36);
  // A directory of this run's own: two runs at once (two checkouts' test suites) must not stop each other's services.
  const dataDir = path.join(ROOT, '.data/faults', `${stamp}-${process.pid}`);
  fs.mkdirSync(dataDir, { recursive: true });
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwt-faults-'));
  const servicesEnv = {
    ...process.env,
    ZWT_DATA_DIR: dataDir,
    PG_PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    PG_DATABASE: 'zwt_faults',
  };
  // Ours only: never the services DATABASE_URL / TEMPORAL_ADDRESS name (the shared ones).
  delete servicesEnv.DATABASE_URL;
  delete servicesEnv.TEMPORAL_ADDRESS;
  temporalTools(servicesEnv);
  const font = ensureChineseFont(servicesEnv);
  log(
    `own services: PostgreSQL on :${servicesEnv.PG_PORT}, Temporal on :${servicesEnv.TEMPORAL_PORT} (data in ${path.relative(ROOT, dataDir)}, logs in ${logDir})`,
  );
  const stopServices = () => {
    stopTemporal(servicesEnv);
    stopPostgres(servicesEnv);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      stopServices();
      process.exit(130);
    });
  }
  const [temporal, postgres] = await Promise.all([ensureTemporal(servicesEnv), ensurePostgres(servicesEnv)]);
  const databaseUrl = postgres.url.replace(/\/zwt_faults$/, `/zwt_faults_${stamp}`);
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "zwt_faults_${stamp}"`);
  await admin.end();
  const dataSource = persistence.createDataSource({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 2 });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await persistence.seedDemo(dataSource);
  await dataSource.destroy();

  const taskQueue = `faults-${stamp}`;
  const filesDir = path.join(logDir, 'files');
  const common = {
    PATH: process.env.PATH,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    FILES_DIR: filesDir,
    LOG_LEVEL: 'warn',
  };
  const healthPort = await freePort();
  const apiPort = await freePort();
  const workerEnv = { ...common, ZWT_CJK_FONT: font, SEAL_MASTER_KEY: crypto.randomBytes(24).toString('hex'), WORKER_HEALTH_PORT: String(healthPort) };
  const apiEnv = {
    ...common,
    PORT: String(apiPort),
    HOST: '127.0.0.1',
    JWT_SECRET: crypto.randomBytes(24).toString('hex'),
    AUDIT_HMAC_KEY: crypto.randomBytes(24).toString('hex'),
  };
  const workerEntry = path.join(ROOT, 'dist/apps/worker/src/main.js');
  const apiEntry = path.join(ROOT, 'dist/apps/api/src/main.js');
  const base = `http://127.0.0.1:${apiPort}`;
  const procs = {};
  const startWorker = async () => {
    procs.worker = startProcess('worker', [workerEntry], workerEnv, logDir);
    await waitUntil('the worker', async () => (await fetch(`http://127.0.0.1:${healthPort}/health`)).ok);
  };
  const startApi = async () => {
    procs.api = startProcess('api', [apiEntry], apiEnv, logDir);
    // Any answer: /api/health says 503 while Temporal or PostgreSQL is away, and the API still serves.
    await waitUntil('the API', async () => (await fetch(`${base}/api/health`)).status > 0);
  };
  const db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  db.on('error', () => {}); // a PostgreSQL restart drops idle connections; the pool makes new ones
  const results = { rounds: [], retries: [], ok: false };
  try {
    await Promise.all([startWorker(), startApi()]);
    await waitUntil('the API', async () => (await fetch(`${base}/api/health`)).ok);
    const tokens = {};
    for (const username of ['zx_clerk', 'gs_handler', 'zj_handler', 'hb_handler', 'admin']) {
      tokens[username] = (await request(() => base, 'POST', '/api/auth/token', undefined, { username, password: PASSWORD })).body.accessToken;
    }
    /** Every case acknowledged as filed, over all rounds. */
    const ctx = { base: () => base, tokens, db, workerEnv, filings: new Set() };
    const faults = {
      async worker() {
        await kill(procs.worker, 'SIGKILL');
        await sleep(1000);
        await startWorker();
      },
      async api() {
        await kill(procs.api, 'SIGKILL');
        await sleep(500);
        await startApi();
      },
      async temporal() {
        stopTemporal(servicesEnv);
        await sleep(1000);
        await ensureTemporal(servicesEnv);
      },
      async postgres() {
        stopPostgres(servicesEnv);
        await sleep(1000);
        await ensurePostgres(servicesEnv);
      },
    };
    for (const round of ROUNDS) {
      if (!faults[round]) throw new Error(`unknown round ${round} (FAULTS_ROUNDS: worker, api, temporal, postgres)`);
      const acks = { filings: [], actions: [] };
      const t0 = Date.now();
      log(`round ${round}: ${CASES} cases, ${CONCURRENCY} at a time`);
      const running = load(ctx, CASES, acks);
      running.catch(() => {});
      // Strike while cases are in flight: after the first actions are acknowledged.
      await waitUntil('load under way', async () => acks.actions.length >= CONCURRENCY, 120_000);
      const struck = Date.now();
      log(`round ${round}: ${acks.actions.length} actions acknowledged; failing the ${round}`);
      await faults[round]();
      log(`round ${round}: the ${round} is back after ${((Date.now() - struck) / 1000).toFixed(1)} s`);
      const caseIds = await running;
      const checked = await checkRound(ctx, caseIds, acks);
      const seconds = (Date.now() - t0) / 1000;
      results.rounds.push({ round, cases: caseIds.length, actions: acks.actions.length, seconds, ...checked });
      log(
        `round ${round}: ${caseIds.length} cases finished in ${seconds.toFixed(1)} s; ${checked.problems.length} problem(s)${checked.problems.length ? `:\n  ${checked.problems.join('\n  ')}` : ''}`,
      );
    }
    results.retries = await checkRetries(ctx);
    log(`retries with one request id: ${results.retries.length ? results.retries.join('; ') : 'applied once'}`);
    results.ok = results.rounds.every((r) => r.problems.length === 0) && results.retries.length === 0;
  } finally {
    await db.end().catch(() => {});
    for (const proc of Object.values(procs)) await kill(proc, 'SIGTERM');
    if (process.env.FAULTS_KEEP !== '1') {
      stopServices();
      fs.rmSync(logDir, { recursive: true, force: true });
      if (fs.existsSync(path.join(dataDir, 'pg'))) fs.rmSync(fs.realpathSync(path.join(dataDir, 'pg')), { recursive: true, force: true });
      fs.rmSync(dataDir, { recursive: true, force: true });
    } else {
      log(`kept: services (ZWT_DATA_DIR=${dataDir}) and logs in ${logDir}`);
    }
  }
  console.log(`FAULTS_RESULT ${JSON.stringify(results)}`);
  return results.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
