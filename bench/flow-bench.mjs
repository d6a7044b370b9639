// Benchmark of flows: how long compileFlow takes on large generated flowcharts, and what running the
// four example flows (flows/examples/) to each of their end states costs in Temporal history (events,
// workflow tasks, activities, timers, updates, bytes) on the real server.
//
// Runs the BUILT code (dist/), so build first: `npm run bench:flow` does set-up, build and this.
// Directly: `npx tsc -p tsconfig.build.json && DATABASE_URL=postgres://… TEMPORAL_ADDRESS=host:port node bench/flow-bench.mjs`.
// The cases run on an in-process worker (createWorker, the real activities) on a task queue of their
// own, `flowbench-<timestamp>`, against a scratch database `zwt_flowbench_<timestamp>` on
// DATABASE_URL's server (the real migrations), which it drops at the end, also on failure or Ctrl-C.
//
// Knobs (environment): BENCH_RUNS (200), BENCH_WARMUP (20), BENCH_NODES (200: the main generated flow),
// BENCH_SEED (20130106: the generated flows are the same on every run, so runs compare),
// BENCH_KEEP_DB=1 (keep the database).
// Progress goes to stderr; the results tables to stdout; the results as JSON to bench/results/.
// Exit code: 0 when it ran, 2 when it crashed (a generated flow that does not compile as intended, or
// a case that does not reach the end state it was driven to, is a crash: the numbers would mean nothing).
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';

import { intEnv, msSince, percentile, prng, progress, ROOT, round, runMain, saveResults, scratchDatabase } from './lib.mjs';

const require = createRequire(import.meta.url);
require('reflect-metadata'); // entity decorators emit design-type metadata
const { Client, Connection } = require('@temporalio/client');
const { DefaultLogger, Runtime } = require('@temporalio/worker');
const { historyToJSON } = require('@temporalio/common/lib/proto-utils');
const persistence = require('../dist/libs/persistence/src/index.js');
const domain = require('../dist/libs/domain/src/index.js');
const temporal = require('../dist/libs/temporal/src/index.js');
const { createWorker } = require('../dist/apps/worker/src/worker.js');

const { createDataSource } = persistence;
const { CALENDAR_YEARS, WorkingCalendar, compileFlow } = domain;
const { CASE_WORKFLOW_TYPE, caseCommandUpdate, caseViewQuery, caseWorkflowId, taskQueues } = temporal;

const RUNS = intEnv('BENCH_RUNS', 200);
const WARMUP = intEnv('BENCH_WARMUP', 20);
const NODES = intEnv('BENCH_NODES', 200);
const SEED = intEnv('BENCH_SEED', 20130106);
const SCALE_SIZES = [50, 100, NODES, 400, 1000];
const PROBLEMS = 10;
const POOL_SIZE = 5;
/** Acts sent before a case driven to 撤回 is withdrawn: the intake is accepted and the next step done. */
const WITHDRAW_AFTER = 2;
/** A driven case that has not finished after this many updates is a bug in the driver. */
const MAX_UPDATES = 60;
const EXAMPLES = ['county-permit', 'county-review-city-approval', 'enterprise-establishment', 'township-intake'];

// ------------------------------------------------------------------ deterministic randomness

// ------------------------------------------------------------------ the small world (test/factories/flows.ts)

const EXAMPLE_CONTEXT = {
  promisedDays: 15,
  legalDays: 20,
  departments: { community: [], township: ['BM'], county: ['ZX', 'GS', 'ZJ', 'HB', 'AJ', 'SG'], city: ['GS', 'SG', 'AJ'] },
  posts: [],
};

const PATHS = { city: '/c/', county: '/c/k/', township: '/c/k/t/', otherTownship: '/c/k/t2/' };

function makeCaseInput(plan, overrides = {}) {
  return {
    caseId: 'case-1',
    caseNumber: '20260302-33030301BM-0001',
    itemCode: '33030300GS-XK-0001',
    itemName: '企业设立登记',
    applicant: { id: 'applicant-1', name: '张三' },
    intake: { orgId: 'bm', orgPath: `${PATHS.township}bm/`, name: '永中街道便民服务中心' },
    regions: { township: PATHS.township, county: PATHS.county, city: PATHS.city },
    plan,
    calendar: [...CALENDAR_YEARS],
    receivedAt: Date.parse('2026-03-02T09:00:00+08:00'),
    ...overrides,
  };
}

function actor(orgId, orgPath, level, department, posts, role) {
  return { userId: `user-${orgId}`, name: `${department} 用户`, role, orgId, orgPath, level, department, posts };
}

const ACTORS = {
  zxClerk: actor('zx', `${PATHS.county}zx/`, 'county', 'ZX', ['受理岗', '送达岗'], 'clerk'),
  bmClerk: actor('bm', `${PATHS.township}bm/`, 'township', 'BM', ['受理岗', '送达岗'], 'clerk'),
  gs: actor('gs', `${PATHS.county}gs/`, 'county', 'GS', ['审核岗', '审批岗'], 'handler'),
  zj: actor('zj', `${PATHS.county}zj/`, 'county', 'ZJ', ['审核岗'], 'handler'),
  hb: actor('hb', `${PATHS.county}hb/`, 'county', 'HB', ['审核岗'], 'handler'),
  aj: actor('aj', `${PATHS.county}aj/`, 'county', 'AJ', ['审核岗', '审批岗'], 'handler'),
  cityAj: actor('city-aj', `${PATHS.city}aj/`, 'city', 'AJ', ['审核岗', '审批岗'], 'handler'),
  applicant: { userId: 'applicant-1', name: '张三', role: 'applicant', orgId: 'k', orgPath: PATHS.county, level: null, department: null, posts: [] },
};

// ------------------------------------------------------------------ generated flows

/** The context the generated flows compile in: the small world's departments, the four posts, periods that fit. */
function generatedContext(nodes) {
  // Task limits are 1-4 working hours and well under half the nodes are on the longest path.
  const promisedDays = Math.max(15, Math.ceil(nodes / 2));
  return { promisedDays, legalDays: promisedDays + 10, departments: EXAMPLE_CONTEXT.departments, posts: ['受理岗', '审核岗', '审批岗', '送达岗'] };
}

const REVIEWERS = [
  ['county', 'GS'],
  ['county', 'ZJ'],
  ['county', 'HB'],
  ['county', 'AJ'],
  ['county', 'SG'],
  ['city', 'GS'],
  ['city', 'AJ'],
  ['city', 'SG'],
];
const REVIEW_NAMES = ['材料审查', '现场核查', '技术审查', '初审', '复审', '会签', '专家评审', '合法性审查'];

/**
 * A valid flow of exactly `total` nodes (total >= 20): start, an intake that may reject (不予受理), then
 * segments until the budget is spent — chains of review tasks, forks of 2-4 branches of 1-3 reviews
 * each with their joins (all, or lead plus a quorum; about a third hold a nested fork in one branch),
 * decision stages (a decision task, then a decision node whose denied branch is delivered to an end of
 * its own, or now and then goes back to an earlier review on the main line: 退回重审) — and a final
 * decision with its approved and denied deliveries and ends.
 */
function generateFlow(total, seed) {
  if (total < 20) throw new Error(`a generated flow needs at least 20 nodes, not ${total}`);
  const random = prng(seed);
  const int = (min, max) => min + Math.floor(random() * (max - min + 1));
  const pick = (list) => list[Math.floor(random() * list.length)];
  const chance = (p) => random() < p;

  const nodes = [];
  const counters = {};
  const id = (prefix) => `${prefix}${(counters[prefix] = (counters[prefix] ?? 0) + 1)}`;
  const hours = () => ({ unit: 'workingHours', amount: int(1, 4) });
  const review = (next) => {
    const [level, department] = pick(REVIEWERS);
    const node = {
      id: id('review'),
      type: 'task',
      name: `${department}${pick(REVIEW_NAMES)}`,
      kind: 'review',
      actor: { kind: 'org', level, department, post: '审核岗' },
      actions: chance(0.3) ? ['opinion', 'document', 'requestCorrection'] : ['opinion'],
      limit: hours(),
      next,
    };
    nodes.push(node);
    return node;
  };
  const delivery = (name, next) => {
    const node = {
      id: id('deliver'),
      type: 'task',
      name,
      kind: 'delivery',
      actor: { kind: 'org', level: 'county', department: 'ZX', post: '送达岗' },
      actions: ['deliver'],
      limit: hours(),
      next,
    };
    nodes.push(node);
    return node;
  };
  const decideTask = (next) => {
    const node = {
      id: id('decide'),
      type: 'task',
      name: '审批决定',
      kind: 'decision',
      actor: { kind: 'org', level: pick(['county', 'city']), department: 'AJ', post: '审批岗' },
      actions: ['decide', 'opinion', 'document', 'seal'],
      limit: hours(),
      issuesDocument: true,
      appliesSeal: true,
      next,
    };
    nodes.push(node);
    return node;
  };
  const end = (outcome, name) => {
    const node = { id: id('end'), type: 'end', outcome, name };
    nodes.push(node);
    return node;
  };

  // `open`: setters of the `next` fields waiting for the node that comes after them.
  let open = [];
  const follow = (node) => {
    for (const set of open) set(node.id);
    open = [];
  };
  /** Review tasks of the main line (outside forks): where a denied decision may send the case back. */
  const mainLine = [];
  const chain = (length, main) => {
    for (let i = 0; i < length; i++) {
      const node = review(undefined);
      follow(node);
      if (main) mainLine.push(node.id);
      open = [(to) => (node.next = to)];
    }
  };

  const start = { id: 'start', type: 'start', next: undefined };
  nodes.push(start);
  open = [(to) => (start.next = to)];
  const notAccepted = { id: 'notAccepted', type: 'end', outcome: 'notAccepted', name: '不予受理' };
  const intake = {
    id: 'intake',
    type: 'task',
    name: '窗口受理',
    kind: 'intake',
    actor: { kind: 'org', level: 'county', department: 'ZX', post: '受理岗' },
    actions: ['accept', 'reject', 'requestCorrection', 'opinion'],
    limit: hours(),
    issuesDocument: true,
    next: undefined,
    onReject: notAccepted.id,
  };
  nodes.push(intake);
  follow(intake);
  open = [(to) => (intake.next = to)];

  /** A fork of `branches` branches (lengths given), `nestedIn` the branch index holding a nested 2-3 way fork, or -1. */
  const fork = (lengths, nestedIn, nestedWidth) => {
    const forkNode = { id: id('fork'), type: 'fork', branches: [], join: undefined };
    nodes.push(forkNode);
    follow(forkNode);
    const joinNode = { id: id('join'), type: 'join', policy: undefined, next: undefined };
    forkNode.join = joinNode.id;
    lengths.forEach((length, b) => {
      const branch = { role: b === 0 ? 'lead' : 'co', next: undefined };
      forkNode.branches.push(branch);
      open = [(to) => (branch.next = to)];
      if (b === nestedIn) {
        // One review, the nested fork and its join, then the rest of the branch.
        const before = review(undefined);
        follow(before);
        const inner = { id: id('fork'), type: 'fork', branches: [], join: undefined };
        nodes.push(inner);
        before.next = inner.id;
        const innerJoin = { id: id('join'), type: 'join', policy: { kind: 'all' }, next: undefined };
        inner.join = innerJoin.id;
        for (let k = 0; k < nestedWidth; k++) {
          const task = review(innerJoin.id);
          inner.branches.push({ role: k === 0 ? 'lead' : 'co', next: task.id });
        }
        nodes.push(innerJoin);
        open = [(to) => (innerJoin.next = to)];
        chain(length - 1, false);
      } else {
        chain(length, false);
      }
      for (const set of open) set(joinNode.id);
    });
    const co = lengths.length - 1;
    joinNode.policy = co >= 2 && chance(0.5) ? { kind: 'leadPlusQuorum', quorum: int(1, co - 1) } : { kind: 'all' };
    nodes.push(joinNode);
    open = [(to) => (joinNode.next = to)];
  };

  const decisionStage = (backEdge) => {
    const task = decideTask(undefined);
    follow(task);
    const decision = {
      id: id('route'),
      type: 'decision',
      on: task.id,
      branches: [
        { when: 'approved', next: undefined },
        { when: 'denied', next: undefined },
      ],
    };
    nodes.push(decision);
    task.next = decision.id;
    if (backEdge) {
      decision.branches[1].next = pick(mainLine);
    } else {
      const refusal = end('denied', '办结（不予）');
      const deliver = delivery('送达不予决定书', refusal.id);
      decision.branches[1].next = deliver.id;
    }
    open = [(to) => (decision.branches[0].next = to)];
  };

  // start, intake, notAccepted; the final decide, route, two deliveries and two ends.
  let remaining = total - 9;
  const first = Math.min(remaining, int(4, 10));
  chain(first, true);
  remaining -= first;
  while (remaining > 0) {
    const roll = random();
    if (roll < 0.4 && remaining >= 4) {
      const lengths = Array.from({ length: int(2, 4) }, () => int(1, 3));
      const nestedWidth = int(2, 3);
      const nestedIn = chance(0.35) ? int(0, lengths.length - 1) : -1;
      const size = 2 + lengths.reduce((a, b) => a + b, 0) + (nestedIn >= 0 ? 2 + nestedWidth : 0);
      if (size <= remaining) {
        fork(lengths, nestedIn, nestedWidth);
        remaining -= size;
        continue;
      }
    } else if (roll < 0.6 && remaining >= 4) {
      const backEdge = chance(0.25);
      decisionStage(backEdge);
      remaining -= backEdge ? 2 : 4;
      continue;
    }
    const length = Math.min(remaining, int(3, 10));
    chain(length, true);
    remaining -= length;
  }

  const finalDecide = decideTask(undefined);
  follow(finalDecide);
  const route = { id: 'route', type: 'decision', on: finalDecide.id, branches: [] };
  nodes.push(route);
  finalDecide.next = route.id;
  const approved = end('approved', '办结（准予）');
  const denied = end('denied', '办结（不予）');
  const deliverLicence = delivery('送达许可证', approved.id);
  const deliverRefusal = delivery('送达不予决定书', denied.id);
  route.branches = [
    { when: 'approved', next: deliverLicence.id },
    { when: 'denied', next: deliverRefusal.id },
  ];
  nodes.push(notAccepted);

  if (nodes.length !== total) throw new Error(`generated ${nodes.length} nodes, meant ${total}; fix the generator`);
  return { dsl: 1, name: `生成流程（${total} 个节点）`, nodes };
}

function shapeOf(definition) {
  const count = (predicate) => definition.nodes.filter(predicate).length;
  return {
    nodes: definition.nodes.length,
    tasks: count((n) => n.type === 'task'),
    reviews: count((n) => n.type === 'task' && n.kind === 'review'),
    forks: count((n) => n.type === 'fork'),
    nestedForks: countNested(definition),
    joins: count((n) => n.type === 'join'),
    decisions: count((n) => n.type === 'decision'),
    ends: count((n) => n.type === 'end'),
    backEdges: countBackEdges(definition),
  };
}

/** Forks inside another fork's branch: a fork reached from some fork's branch before its join. */
function countNested(definition) {
  const byId = new Map(definition.nodes.map((n) => [n.id, n]));
  const inside = new Set();
  for (const fork of definition.nodes.filter((n) => n.type === 'fork')) {
    const stack = fork.branches.map((b) => b.next);
    const seen = new Set();
    while (stack.length > 0) {
      const at = stack.pop();
      if (at === fork.join || seen.has(at)) continue;
      seen.add(at);
      const node = byId.get(at);
      if (node.type === 'fork') inside.add(node.id);
      if (node.type === 'fork') stack.push(node.join);
      else if (node.next) stack.push(node.next);
    }
  }
  return inside.size;
}

/** Denied branches that go back to an earlier review (退回重审). */
function countBackEdges(definition) {
  return definition.nodes.filter((n) => n.type === 'decision' && n.branches.some((b) => b.next.startsWith('review'))).length;
}

/**
 * The main generated flow with `PROBLEMS` distinct problems a department could make: one node fewer,
 * plus an orphan review nobody leads to (unreachable), and nine nodes broken in nine different ways.
 */
function flowWithProblems(total, seed) {
  const definition = structuredClone(generateFlow(total - 1, seed));
  const nodes = definition.nodes;
  const reviews = nodes.filter((n) => n.type === 'task' && n.kind === 'review');
  const decides = nodes.filter((n) => n.type === 'task' && n.kind === 'decision');
  const joins = nodes.filter((n) => n.type === 'join');
  const spread = (list, k, of) => list[Math.floor(((k + 0.5) * list.length) / of)];
  const r = (k) => spread(reviews, k, 8);
  r(0).actions = ['opinion', 'decide']; // action-not-allowed
  r(1).limit = { unit: 'workingDays', amount: 0 }; // limit-invalid
  r(2).actor = { ...r(2).actor, level: 'county', department: 'XX' }; // department-unknown
  r(3).actor = { ...r(3).actor, post: '科员岗' }; // post-unknown
  r(4).actor = { ...r(4).actor, level: 'province' }; // level-unknown
  r(5).onreject = 'notAccepted'; // field-invalid (a typo of onReject)
  r(6).actions = []; // actions-empty
  spread(decides, 0, 1).actions = ['opinion', 'seal']; // decide-missing
  const join = joins.find((j) => j.policy.kind === 'all') ?? joins[0];
  join.policy = { kind: 'leadPlusQuorum', quorum: 9 }; // quorum-invalid
  nodes.splice(nodes.length - 1, 0, { ...structuredClone(r(7)), id: 'orphanReview' }); // unreachable
  return definition;
}

// ------------------------------------------------------------------ measuring

function summarise(ms) {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((a, b) => a + b, 0) / sorted.length,
  };
}

function timeCompile(definition, context) {
  let last;
  for (let i = 0; i < WARMUP; i++) last = compileFlow(definition, context);
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    last = compileFlow(definition, context);
    samples.push(msSince(start));
  }
  return { stats: summarise(samples), result: last, samples };
}

function measureCompile() {
  const results = { main: null, problems: null, scaling: [] };
  for (const size of SCALE_SIZES) {
    const definition = generateFlow(size, SEED + size);
    const context = generatedContext(size);
    const check = compileFlow(definition, context);
    if (!check.ok)
      throw new Error(
        `the generated ${size}-node flow does not compile; fix the generator:\n${check.problems.map((p) => `  ${p.rule} ${p.nodeId}: ${p.message}`).join('\n')}`,
      );
    const { stats, samples } = timeCompile(definition, context);
    const shape = shapeOf(definition);
    const row = {
      nodes: size,
      shape,
      criticalPathHours: check.plan.criticalPathHours,
      planBytes: Buffer.byteLength(JSON.stringify(check.plan)),
      ...roundStats(stats),
      usPerNode: round((stats.p50 * 1000) / size),
    };
    progress(`compileFlow ${size} nodes (${shape.tasks} tasks, ${shape.forks} forks): p50 ${stats.p50.toFixed(3)} ms`);
    results.scaling.push(row);
    if (size === NODES) results.main = { ...row, samples: samples.map(round3) };
  }

  const broken = flowWithProblems(NODES, SEED + NODES);
  const context = generatedContext(NODES);
  const { stats, result, samples } = timeCompile(broken, context);
  if (result.ok || result.problems.length !== PROBLEMS) {
    const got = result.ok ? 'compiles' : result.problems.map((p) => `${p.rule} ${p.nodeId}`).join(', ');
    throw new Error(`the ${NODES}-node flow with problems should give exactly ${PROBLEMS} problems, got: ${got}; fix flowWithProblems`);
  }
  progress(`compileFlow ${NODES} nodes with ${PROBLEMS} problems: p50 ${stats.p50.toFixed(3)} ms`);
  results.problems = {
    nodes: broken.nodes.length,
    ...roundStats(stats),
    usPerNode: round((stats.p50 * 1000) / broken.nodes.length),
    problems: result.problems,
    samples: samples.map(round3),
  };
  return results;
}

/**
 * The working-day calendar behind every deadline: adding 20 and 500 working days, and 3,000 working hours
 * (what a case's deadlines and the supervision statistics do), per call.
 */
function measureCalendar() {
  const calendar = new WorkingCalendar(CALENDAR_YEARS);
  const start2024 = Date.parse('2024-01-02T10:00:00+08:00');
  const cases = {
    addWorkingDays20: (i) => calendar.addWorkingDays(i % 2 ? '2024-03-01' : '2025-09-30', 20),
    addWorkingDays500: () => calendar.addWorkingDays('2024-01-02', 500),
    addWorkingHours3000: (i) => calendar.addWorkingHours(start2024 + (i % 1000) * 60_000, 3000),
  };
  const results = {};
  for (const [name, fn] of Object.entries(cases)) {
    for (let i = 0; i < WARMUP * 50; i++) fn(i);
    const samples = [];
    for (let i = 0; i < RUNS * 50; i++) {
      const start = process.hrtime.bigint();
      fn(i);
      samples.push(msSince(start) * 1000);
    }
    const stats = summarise(samples);
    results[name] = { calls: stats.runs, p50us: round3(stats.p50), p99us: round3(stats.p99), meanUs: round3(stats.mean) };
    progress(`calendar ${name}: p50 ${stats.p50.toFixed(2)} µs`);
  }
  return results;
}

function calendarTable(calendar) {
  const rows = Object.entries(calendar).map(
    ([name, r]) => `  ${name.padEnd(22)} ${String(r.p50us).padStart(9)} ${String(r.p99us).padStart(9)} ${String(r.meanUs).padStart(9)}`,
  );
  return ['working-day calendar, per call (µs)', `  ${'call'.padEnd(22)} ${'p50'.padStart(9)} ${'p99'.padStart(9)} ${'mean'.padStart(9)}`, ...rows].join('\n');
}

// ------------------------------------------------------------------ driving cases

function examplePlan(name) {
  const definition = JSON.parse(fs.readFileSync(path.join(ROOT, 'flows/examples', `${name}.json`), 'utf8'));
  const result = compileFlow(definition, EXAMPLE_CONTEXT);
  if (!result.ok) throw new Error(`example ${name} does not compile: ${JSON.stringify(result.problems)}`);
  return result.plan;
}

/** The end states a plan has: the outcomes of its end nodes, and 撤回 (any case can be withdrawn). */
function outcomesOf(plan) {
  const ends = new Set(
    Object.values(plan.nodes)
      .filter((n) => n.type === 'end')
      .map((n) => n.outcome),
  );
  return ['approved', 'denied', 'notAccepted', 'withdrawn'].filter((o) => o === 'withdrawn' || ends.has(o));
}

/** Someone of the small world who may act at a step (its actor spec as the plan has it). */
function actorFor(spec, input) {
  const all = Object.values(ACTORS);
  const found =
    spec.kind === 'intakeCentre'
      ? all.find((a) => a.orgId === input.intake.orgId && a.posts.includes(spec.post))
      : all.find((a) => a.level === spec.level && (!spec.department || a.department === spec.department) && a.posts.includes(spec.post));
  if (!found) throw new Error(`no actor of the small world may act as ${JSON.stringify(spec)}`);
  return found;
}

/** The command that finishes a current step on the way to `target`. */
function commandFor(step, target, input) {
  const actor = actorFor(step.actor, input);
  const base = { type: 'act', token: step.token, actor };
  switch (step.kind) {
    case 'intake':
      return target === 'notAccepted' ? { ...base, action: 'reject', opinion: '不属于受理范围' } : { ...base, action: 'accept' };
    case 'review':
      return { ...base, action: 'opinion', opinion: '同意' };
    case 'decision':
      return target === 'denied'
        ? { ...base, action: 'decide', decision: 'denied', opinion: '不符合条件，不予许可' }
        : { ...base, action: 'decide', decision: 'approved', opinion: '准予许可' };
    case 'delivery':
      return { ...base, action: 'deliver' };
    default:
      throw new Error(`unknown step kind ${step.kind}`);
  }
}

const EVENT = (name) => `EVENT_TYPE_${name}`;

/**
 * Starts a case of `flow` and sends Updates until it ends as `target`, then reads its history. The wall
 * time runs from the start request to the result (one query for the first step's token, then each
 * Update's answer names the next current steps).
 */
async function driveCase(client, taskQueue, flow, plan, target, running) {
  const caseId = crypto.randomUUID();
  const input = makeCaseInput(plan, { caseId, receivedAt: Date.now() });
  const t0 = process.hrtime.bigint();
  const handle = await client.workflow.start(CASE_WORKFLOW_TYPE, { taskQueue, workflowId: caseWorkflowId(caseId), args: [{ case: input }] });
  running.add(handle);
  let view = await handle.query(caseViewQuery);
  const updateMs = [];
  let acts = 0;
  while (view.status !== 'finished') {
    if (updateMs.length >= MAX_UPDATES) throw new Error(`${flow} → ${target}: not finished after ${MAX_UPDATES} updates`);
    let command;
    if (target === 'withdrawn' && acts === WITHDRAW_AFTER) {
      command = { type: 'withdraw', reason: '企业决定不再申请', actor: ACTORS.applicant };
    } else {
      if (view.current.length === 0) throw new Error(`${flow} → ${target}: no current step in a ${view.status} case`);
      command = commandFor(view.current[0], target, input);
      acts++;
    }
    const t = process.hrtime.bigint();
    view = await handle.executeUpdate(caseCommandUpdate, { args: [command] });
    updateMs.push(msSince(t));
  }
  const result = await handle.result();
  const wallMs = msSince(t0);
  running.delete(handle);
  if (result.outcome !== target) throw new Error(`${flow}: driven to ${target}, ended ${result.outcome}`);

  const history = await handle.fetchHistory();
  const events = JSON.parse(historyToJSON(history)).events;
  const described = await handle.describe();
  const size = described.raw.workflowExecutionInfo?.historySizeBytes ?? 0;
  const serverBytes = typeof size === 'object' ? size.toNumber() : Number(size);
  const byType = {};
  for (const event of events) {
    const entry = (byType[event.eventType] ??= { count: 0, bytes: 0 });
    entry.count++;
    entry.bytes += Buffer.byteLength(JSON.stringify(event));
  }
  const count = (name) => byType[EVENT(name)]?.count ?? 0;
  const timers = events
    .filter((e) => e.eventType === EVENT('TIMER_STARTED'))
    .map((e) => {
      const seconds = Number.parseFloat(e.timerStartedEventAttributes.startToFireTimeout);
      return { hours: seconds / 3600, firesAt: Date.parse(e.eventTime) + seconds * 1000 };
    });
  // Each timer after the first replaced a cancelled one: for the same alarm instant (within a second:
  // workflow time and event time differ by milliseconds), a later one, or an earlier one.
  const restarts = { same: 0, later: 0, earlier: 0 };
  for (let i = 1; i < timers.length; i++) {
    const delta = timers[i].firesAt - timers[i - 1].firesAt;
    restarts[Math.abs(delta) < 1000 ? 'same' : delta > 0 ? 'later' : 'earlier']++;
  }
  const updates = count('WORKFLOW_EXECUTION_UPDATE_ACCEPTED');
  return {
    flow,
    outcome: target,
    workflowId: handle.workflowId,
    events: events.length,
    workflowTasks: count('WORKFLOW_TASK_COMPLETED'),
    activities: count('ACTIVITY_TASK_SCHEDULED'),
    timersStarted: count('TIMER_STARTED'),
    timersCancelled: count('TIMER_CANCELED'),
    timersFired: count('TIMER_FIRED'),
    upserts: count('UPSERT_WORKFLOW_SEARCH_ATTRIBUTES'),
    updates,
    updatesSent: updateMs.length,
    bytes: Buffer.byteLength(JSON.stringify({ events })),
    serverBytes,
    wallMs: round(wallMs),
    update: {
      mean: round(updateMs.reduce((a, b) => a + b, 0) / Math.max(1, updateMs.length)),
      max: round(Math.max(0, ...updateMs)),
      samples: updateMs.map(round),
    },
    timerHours: timers.map((t) => round(t.hours)),
    timerRestarts: restarts,
    byType,
  };
}

async function measureCases(env, dataSource, stamp) {
  const taskQueueBase = `flowbench-${stamp}`;
  const workerEnv = {
    TEMPORAL_ADDRESS: env.TEMPORAL_ADDRESS,
    TEMPORAL_NAMESPACE: env.TEMPORAL_NAMESPACE,
    TEMPORAL_TASK_QUEUE: taskQueueBase,
    // Cases started here have no filing, so the document activity issues nothing; these only satisfy the worker.
    ZWT_CJK_FONT: env.ZWT_CJK_FONT ?? '',
    SEAL_MASTER_KEY: env.SEAL_MASTER_KEY ?? 'flow-bench-seal-master-key-not-used-0000',
    FILES_DIR: path.join(os.tmpdir(), `zwt-flowbench-files-${process.pid}`),
  };
  const taskQueue = taskQueues(taskQueueBase).cases;
  Runtime.install({ logger: new DefaultLogger('WARN') });

  progress(`starting a worker on task queue ${taskQueue} (bundling dist/workflows)`);
  const t0 = process.hrtime.bigint();
  const { worker, connection: workerConnection } = await createWorker({ env: workerEnv, dataSource });
  const workerStartMs = msSince(t0);
  progress(`worker ready in ${(workerStartMs / 1000).toFixed(1)} s`);
  const runningWorker = worker.run();
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
  const running = new Set();
  try {
    // The first workflow task of a fresh worker pays for its sandbox: one case first, not reported with the rest.
    const warm = await driveCase(client, taskQueue, 'county-permit', examplePlan('county-permit'), 'approved', running);
    progress(`warm-up case county-permit → approved: ${warm.wallMs} ms`);
    const cases = [];
    for (const flow of EXAMPLES) {
      const plan = examplePlan(flow);
      for (const outcome of outcomesOf(plan)) {
        const result = await driveCase(client, taskQueue, flow, plan, outcome, running);
        progress(`${flow} → ${outcome}: ${result.updates} updates, ${result.events} events, ${result.bytes} bytes, ${result.wallMs} ms`);
        cases.push({ ...result, planBytes: Buffer.byteLength(JSON.stringify(plan)) });
      }
    }
    return { taskQueue, workerStartMs: round(workerStartMs), warmup: { wallMs: warm.wallMs, workflowId: warm.workflowId }, cases };
  } finally {
    // A case left running by a failure would wait on a task queue nobody polls any more.
    for (const handle of running) await handle.terminate('flow benchmark ended').catch(() => {});
    await connection.close().catch(() => {});
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await runningWorker.catch((error) => progress(`worker: ${error.message}`));
    await workerConnection.close().catch(() => {});
  }
}

// ------------------------------------------------------------------ scratch database

// ------------------------------------------------------------------ report

function round3(n) {
  return Math.round(n * 1000) / 1000;
}
function roundStats(s) {
  return { runs: s.runs, p50: round3(s.p50), p95: round3(s.p95), p99: round3(s.p99), max: round3(s.max), mean: round3(s.mean) };
}

const row = (cells, widths) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
const rule = (widths) =>
  row(
    widths.map((w) => '-'.repeat(w)),
    widths,
  );

function compileTables(compile) {
  const lines = [];
  const { main, problems } = compile;
  const s = main.shape;
  lines.push(`compileFlow, ${RUNS} runs after ${WARMUP} warm-up runs each (generated flows, seed ${SEED})`);
  lines.push(
    `the ${main.nodes}-node flow: ${s.tasks} tasks (${s.reviews} reviews), ${s.forks} forks (${s.nestedForks} nested) with ${s.joins} joins, ` +
      `${s.decisions} decision nodes (${s.backEdges} sending the case back), ${s.ends} ends; critical path ${main.criticalPathHours} working hours; plan ${main.planBytes} bytes`,
  );
  const widths = [34, 6, 5, 8, 8, 8, 8, 8];
  lines.push(row(['flow', 'nodes', 'runs', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'µs/node'], widths));
  lines.push(rule(widths));
  lines.push(
    row(
      [
        `valid (compiles, plan)`,
        main.nodes,
        main.runs,
        main.p50.toFixed(3),
        main.p95.toFixed(3),
        main.p99.toFixed(3),
        main.max.toFixed(3),
        main.usPerNode.toFixed(2),
      ],
      widths,
    ),
  );
  lines.push(
    row(
      [
        `${PROBLEMS} problems (to the problem list)`,
        problems.nodes,
        problems.runs,
        problems.p50.toFixed(3),
        problems.p95.toFixed(3),
        problems.p99.toFixed(3),
        problems.max.toFixed(3),
        problems.usPerNode.toFixed(2),
      ],
      widths,
    ),
  );
  lines.push(`problems found: ${problems.problems.map((p) => `${p.rule}@${p.nodeId ?? '-'}`).join(', ')}`);
  lines.push('');
  lines.push('scaling (valid generated flows of each size):');
  const w2 = [6, 6, 6, 7, 6, 10, 8, 8, 9, 10];
  lines.push(row(['nodes', 'tasks', 'forks', 'nested', 'ends', 'plan bytes', 'p50 ms', 'p99 ms', 'µs/node', `×${NODES}-node`], w2));
  lines.push(rule(w2));
  for (const r of compile.scaling) {
    lines.push(
      row(
        [
          r.nodes,
          r.shape.tasks,
          r.shape.forks,
          r.shape.nestedForks,
          r.shape.ends,
          r.planBytes,
          r.p50.toFixed(3),
          r.p99.toFixed(3),
          r.usPerNode.toFixed(2),
          (r.p50 / main.p50).toFixed(2),
        ],
        w2,
      ),
    );
  }
  return lines.join('\n');
}

function caseTables(run) {
  const lines = [];
  lines.push(
    `example flows driven to each end state on the real Temporal server (task queue ${run.taskQueue}; worker start incl. bundling ${(run.workerStartMs / 1000).toFixed(1)} s; warm-up case ${run.warmup.wallMs} ms, not listed)`,
  );
  const widths = [28, 11, 7, 6, 9, 10, 8, 8, 7, 8, 8, 9, 8, 9];
  lines.push(
    row(
      ['flow', 'outcome', 'updates', 'events', 'wf tasks', 'activities', 'timers', 'cancels', 'upserts', 'bytes', 'srv bytes', 'wall ms', 'upd avg', 'upd max'],
      widths,
    ),
  );
  lines.push(rule(widths));
  for (const c of run.cases) {
    lines.push(
      row(
        [
          c.flow,
          c.outcome,
          c.updates,
          c.events,
          c.workflowTasks,
          c.activities,
          c.timersStarted,
          c.timersCancelled,
          c.upserts,
          c.bytes,
          c.serverBytes,
          c.wallMs.toFixed(0),
          c.update.mean.toFixed(1),
          c.update.max.toFixed(1),
        ],
        widths,
      ),
    );
  }
  lines.push("(timers: TIMER_STARTED; cancels: TIMER_CANCELED; bytes: the history as compact JSON; srv bytes: the server's historySizeBytes;");
  lines.push(' upd avg/max: ms per executeUpdate round trip; wall: start request to result)');
  lines.push('');

  // What the history is made of, over every case above.
  const total = {};
  for (const c of run.cases) {
    for (const [type, { count, bytes }] of Object.entries(c.byType)) {
      const entry = (total[type] ??= { count: 0, bytes: 0 });
      entry.count += count;
      entry.bytes += bytes;
    }
  }
  const all = Object.values(total).reduce((a, e) => a + e.bytes, 0);
  lines.push(`history bytes by event type, all ${run.cases.length} cases:`);
  const w2 = [46, 7, 9, 9, 6];
  lines.push(row(['event type', 'events', 'bytes', 'avg', 'share'], w2));
  lines.push(rule(w2));
  for (const [type, e] of Object.entries(total).sort((a, b) => b[1].bytes - a[1].bytes)) {
    lines.push(row([type.replace(/^EVENT_TYPE_/, ''), e.count, e.bytes, Math.round(e.bytes / e.count), `${((100 * e.bytes) / all).toFixed(1)}%`], w2));
  }
  lines.push('');
  lines.push(...observations(run.cases));
  return lines.join('\n');
}

/** What the counts say about the workflow's loop, in numbers. */
function observations(cases) {
  const sum = (f) => cases.reduce((a, c) => a + f(c), 0);
  const updates = sum((c) => c.updates);
  const wft = sum((c) => c.workflowTasks);
  const started = sum((c) => c.timersStarted);
  const cancelled = sum((c) => c.timersCancelled);
  const fired = sum((c) => c.timersFired);
  const upserts = sum((c) => c.upserts);
  const activities = sum((c) => c.activities);
  const perUpdateTimer = cases.filter((c) => c.timersStarted === c.updates && c.timersCancelled === c.updates).length;
  const lines = ['observations:'];
  lines.push(
    `  workflow tasks: ${wft} for ${updates} updates over ${cases.length} cases = ${cases.length} first tasks + ${wft - cases.length} ` +
      `(${((wft - cases.length) / updates).toFixed(2)} per update)`,
  );
  lines.push(
    `  timers: ${started} started, ${cancelled} cancelled, ${fired} fired for ${updates} updates; in ${perUpdateTimer} of ${cases.length} cases ` +
      `every update cancelled the running timer and started a new one (${(started / updates).toFixed(2)} started and ${(cancelled / updates).toFixed(2)} cancelled per update)`,
  );
  const restarts = { same: sum((c) => c.timerRestarts.same), later: sum((c) => c.timerRestarts.later), earlier: sum((c) => c.timerRestarts.earlier) };
  lines.push(
    `  the ${restarts.same + restarts.later + restarts.earlier} timers that replaced a cancelled one were due at the same instant as it in ${restarts.same}, ` +
      `later in ${restarts.later}, earlier in ${restarts.earlier}`,
  );
  const events = sum((c) => c.events);
  const timerBytes = sum((c) => (c.byType[EVENT('TIMER_STARTED')]?.bytes ?? 0) + (c.byType[EVENT('TIMER_CANCELED')]?.bytes ?? 0));
  lines.push(
    `  timer events: ${started + cancelled} of ${events} events (${((100 * (started + cancelled)) / events).toFixed(0)}%), ` +
      `${((100 * timerBytes) / sum((c) => c.bytes)).toFixed(1)}% of the bytes`,
  );
  const hours = cases.flatMap((c) => c.timerHours);
  if (hours.length > 0) {
    lines.push(
      `  timer durations: ${Math.min(...hours).toFixed(1)}-${Math.max(...hours).toFixed(1)} h (the next alarm: a step or promised deadline days away)`,
    );
  }
  lines.push(
    `  search attribute upserts: ${upserts} (${((upserts - cases.length) / updates).toFixed(2)} per update after the first); activities: ${activities}`,
  );
  const share = (type) => sum((c) => c.byType[EVENT(type)]?.bytes ?? 0) / sum((c) => c.bytes);
  lines.push(
    `  bytes: ${(100 * share('WORKFLOW_EXECUTION_STARTED')).toFixed(0)}% in the started events (the plan travels in the input), ` +
      `${(100 * share('WORKFLOW_EXECUTION_UPDATE_COMPLETED')).toFixed(0)}% in update results (each returns the whole CaseView), ` +
      `${(100 * share('WORKFLOW_EXECUTION_COMPLETED')).toFixed(0)}% in the results`,
  );
  return lines;
}

// ------------------------------------------------------------------ main

async function main() {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error('DATABASE_URL is not set (npm run bench:flow sets it)');
  if (!process.env.TEMPORAL_ADDRESS) throw new Error('TEMPORAL_ADDRESS is not set (npm run bench:flow sets it)');
  const env = { TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE || 'default' };
  const stamp = Date.now();
  const scratch = scratchDatabase(baseUrl, `zwt_flowbench_${stamp}`);

  try {
    progress(`measuring compileFlow (${SCALE_SIZES.join(', ')} nodes; ${NODES} nodes with ${PROBLEMS} problems)`);
    const compile = measureCompile();
    const calendar = measureCalendar();

    await scratch.create();
    const dataSource = scratch.track(createDataSource({ DATABASE_URL: scratch.url, DATABASE_POOL_SIZE: POOL_SIZE }));
    await dataSource.initialize();
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    progress(`migrated (${applied.length} migrations)`);

    const run = await measureCases(env, dataSource, stamp);
    const [{ alarms }] = await dataSource.query('SELECT count(*)::int AS alarms FROM case_alarms');
    run.alarmsRecorded = alarms;

    console.log(compileTables(compile));
    console.log('');
    console.log(calendarTable(calendar));
    console.log('');
    console.log(caseTables(run));
    console.log(`  alarms recorded by the activities in the scratch database: ${alarms}`);

    saveResults('flow', {
      settings: {
        runs: RUNS,
        warmup: WARMUP,
        nodes: NODES,
        scaleSizes: SCALE_SIZES,
        problems: PROBLEMS,
        seed: SEED,
        withdrawAfter: WITHDRAW_AFTER,
        poolSize: POOL_SIZE,
      },
      temporal: { address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE },
      compile,
      calendar,
      cases: run,
    });
    return 0;
  } finally {
    await scratch.cleanup();
  }
}

runMain(main);
