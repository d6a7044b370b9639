// What the benchmarks share: settings from the environment, progress lines, seeded randomness,
// timing and percentiles, a scratch database dropped at the end (also on Ctrl-C), and the results
// file under bench/results/.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const pg = require('pg');

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function intEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export const progress = (message) => process.stderr.write(`[bench] ${message}\n`);

/** mulberry32: small, fast and seedable, so generated data and query mixes repeat exactly. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function msSince(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Nearest rank: p99 of 300 samples is the 297th smallest. */
export function percentile(sorted, p) {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function round(n) {
  return Math.round(n * 100) / 100;
}

export function serverUrl(databaseUrl, database) {
  const url = new URL(databaseUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin(databaseUrl, sql) {
  // The maintenance database, never the application's: this only creates and drops scratch databases.
  const client = new pg.Client({ connectionString: serverUrl(databaseUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A scratch database on DATABASE_URL's server: `create()` makes it, `cleanup()` closes the data
 * source given to `track()` and drops it (kept with BENCH_KEEP_DB=1), also on SIGINT/SIGTERM.
 */
export function scratchDatabase(baseUrl, database) {
  let dataSource;
  let created = false;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    if (dataSource?.isInitialized) await dataSource.destroy().catch(() => {});
    if (!created) return;
    if (process.env.BENCH_KEEP_DB === '1') {
      progress(`kept ${database} (BENCH_KEEP_DB=1); drop it with DROP DATABASE "${database}"`);
      return;
    }
    await admin(baseUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    progress(`dropped ${database}`);
  };
  const onSignal = (signal) => {
    progress(`${signal}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    url: serverUrl(baseUrl, database),
    async create() {
      progress(`creating scratch database ${database}`);
      await admin(baseUrl, `CREATE DATABASE "${database}"`);
      created = true;
    },
    track(source) {
      dataSource = source;
      return source;
    },
    cleanup,
  };
}

/** The load average when the measurement began (see waitForQuietMachine), kept with the results. */
let loadAtStart = null;

/**
 * Waits until the 1-minute load average is under `below` (the build that precedes a benchmark, or a run
 * before it, takes a minute to fade), printing it, then records it as the load the measurement began
 * at. Gives up waiting after `maxSeconds` and says so: the results then carry the higher figure.
 */
export async function waitForQuietMachine(below = 1.5, maxSeconds = 300) {
  const started = Date.now();
  while (os.loadavg()[0] >= below && Date.now() - started < maxSeconds * 1000) {
    await new Promise((resolve) => setTimeout(resolve, 5000));
  }
  loadAtStart = os.loadavg();
  progress(
    `load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}${loadAtStart[0] >= below ? ` (not under ${below} after ${maxSeconds} s: not a quiet machine)` : ''}`,
  );
}

/** bench/results/<name>-<timestamp>.json, written beside and renamed (an interrupted run leaves a *.tmp, ignored by git). */
export function saveResults(name, json) {
  const dir = path.join(ROOT, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const full = {
    benchmark: name,
    at: new Date().toISOString(),
    // loadAverage: when the measurement began (before its own work, once the machine was quiet); loadAverageAfter: at its end, the benchmark's own load included.
    machine: { node: process.version, cpus: os.cpus().length, loadAverage: loadAtStart ?? os.loadavg(), loadAverageAfter: os.loadavg() },
    ...json,
  };
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(full, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
  progress(`load average at the end ${full.machine.loadAverageAfter.map((l) => l.toFixed(2)).join(' ')}`);
  progress(`results: ${path.relative(ROOT, file)}`);
}

/** Exit 0/1 from main's code, 2 on a crash. */
export function runMain(main) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(2);
    },
  );
}
