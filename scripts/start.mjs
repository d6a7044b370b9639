// `npm start`: set-up (dependencies, Temporal, PostgreSQL), build, migrate, seed the demo data,
// then the worker and the API. Ctrl-C stops everything this run started.
import { ensureServices, log, portOpen, settings, SetupError, stopServices } from './lib/services.mjs';
import { build, launch, migrate, step } from './lib/run.mjs';
import { devSecret } from './lib/secrets.mjs';

async function waitForHealth(url, children, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (children.some((c) => c.child.exitCode !== null)) throw new SetupError('the API or the worker exited during start-up; see the output above');
    try {
      const res = await fetch(url);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new SetupError(`the API did not answer ${url} with 200 within ${timeoutMs / 1000}s`);
}

let started = { temporal: false, postgres: false };
const children = [];
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGTERM');
  await Promise.race([Promise.all(children.map((c) => c.exited)), new Promise((r) => setTimeout(r, 20_000))]);
  for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
  if (process.env.ZWT_KEEP_SERVICES !== '1') stopServices(started);
  process.exit(code);
}

try {
  const s = settings();
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new SetupError(`PORT must be a port number, got "${process.env.PORT}"`);
  if (await portOpen(port)) throw new SetupError(`port ${port} is already in use; set PORT to a free port`);

  const services = await ensureServices();
  started = services.started;
  const env = {
    ...services.env,
    PORT: String(port),
    JWT_SECRET: devSecret(s.dataDir, 'JWT_SECRET'),
    SEAL_MASTER_KEY: devSecret(s.dataDir, 'SEAL_MASTER_KEY'),
    AUDIT_HMAC_KEY: devSecret(s.dataDir, 'AUDIT_HMAC_KEY'),
    // A developer's run publishes the OpenAPI document and links feeds to this machine; production sets both.
    API_DOCS: process.env.API_DOCS ?? 'true',
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`,
  };
  build(env);
  migrate(env);
  step('seeding the demo data', process.execPath, ['dist/libs/persistence/src/cli.js', 'seed'], env);

  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  children.push(launch(process.execPath, ['dist/apps/worker/src/main.js'], env));
  children.push(launch(process.execPath, ['dist/apps/api/src/main.js'], env));
  for (const c of children) {
    c.exited.then((code) => {
      if (!stopping) {
        log(`a process exited unexpectedly (exit ${code}); stopping everything`);
        void shutdown(1);
      }
    });
  }
  const base = `http://127.0.0.1:${port}`;
  await waitForHealth(`${base}/api/health`, children);

  const { DEMO_USERS, DEMO_PASSWORD } = await import('../dist/libs/persistence/src/seed/demo-seed.js');
  const lines = [
    '',
    '政务通 is running',
    `  Web console    ${base}/`,
    `  API            ${base}/api`,
    env.API_DOCS === 'true' ? `  OpenAPI        ${base}/api/docs` : '  OpenAPI        off (API_DOCS=false)',
    `  Health         ${base}/api/health`,
    env.TEMPORAL_ADDRESS.startsWith('127.0.0.1:') && !process.env.TEMPORAL_ADDRESS
      ? `  Temporal UI    http://127.0.0.1:${s.temporal.uiPort}`
      : `  Temporal       ${env.TEMPORAL_ADDRESS}`,
    `  PostgreSQL     ${env.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')}`,
    '',
    `Demo users (password ${DEMO_PASSWORD}):`,
    ...DEMO_USERS.map((u) => `  ${u.username.padEnd(14)} ${u.role.padEnd(19)} ${u.displayName}`),
    '',
    `Try: curl -s -X POST ${base}/api/auth/token -H 'content-type: application/json' -d '{"username":"yz_clerk","password":"${DEMO_PASSWORD}"}'`,
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[setup] ${error.message}`);
  await shutdown(1);
}
