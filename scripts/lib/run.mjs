import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, SetupError } from './services.mjs';

export const bin = (name) => path.join(ROOT, 'node_modules/.bin', name);

/** Runs a step to completion with inherited output; throws when it fails. */
export function step(title, cmd, args, env = process.env) {
  process.stderr.write(`[setup] ${title}\n`);
  const result = spawnSync(cmd, args, { cwd: ROOT, env, stdio: 'inherit' });
  if (result.status !== 0) throw new SetupError(`${title} failed (exit ${result.status ?? result.signal})`);
}

/**
 * The production build into dist/, which also type-checks the code: every project of nest-cli.json (the
 * API, the worker, the libraries) with the tsc builder, as `npm run build` does; then the web console.
 */
export function build(env) {
  step('building (nest build --all)', bin('nest'), ['build', '--all'], env);
  buildWeb(env);
}

const WEB_SRC = path.join(ROOT, 'apps/web');
/** The console imports the label tables of libs/domain, which import its types. */
const WEB_DOMAIN_SRC = path.join(ROOT, 'libs/domain/src');
const WEB_STAMP = path.join(ROOT, 'dist/web/.built');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(file) : fs.statSync(file).mtimeMs);
  }
  return newest;
}

/**
 * The web console (apps/web): type-checked with vue-tsc and built by Vite into dist/web, which the
 * API serves. Skipped when nothing in apps/web, libs/domain (nor the lockfile) changed since the last build.
 */
export function buildWeb(env) {
  const sources = Math.max(newestMtime(WEB_SRC), newestMtime(WEB_DOMAIN_SRC), fs.statSync(path.join(ROOT, 'package-lock.json')).mtimeMs);
  if (fs.existsSync(WEB_STAMP) && fs.statSync(WEB_STAMP).mtimeMs >= sources) return;
  step('type-checking the web console (vue-tsc)', bin('vue-tsc'), ['-p', 'apps/web/tsconfig.json', '--noEmit'], env);
  step('building the web console (vite build)', bin('vite'), ['build', 'apps/web', '--logLevel', 'warn'], env);
  fs.writeFileSync(WEB_STAMP, `${new Date().toISOString()}\n`);
}

export function migrate(env) {
  step('migrating the database', process.execPath, ['dist/libs/persistence/src/cli.js', 'run'], env);
}

/** Starts a long-running child whose output goes to ours; resolves its exit code. */
export function launch(cmd, args, env) {
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: 'inherit' });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  return { child, exited };
}

/**
 * A script's launcher (`npm run bench`, `test:faults`, …): `setup` readies what the script needs and
 * answers its environment; then `node <script>` (from the repository root) runs with our output and
 * its exit code becomes ours. A set-up step that fails exits 1 with its message.
 */
export async function runAfterSetup(script, setup) {
  try {
    const env = await setup();
    const result = spawnSync(process.execPath, [path.join(ROOT, script)], { cwd: ROOT, env, stdio: 'inherit' });
    process.exit(result.status ?? 1);
  } catch (error) {
    if (!(error instanceof SetupError)) throw error;
    console.error(`[setup] ${error.message}`);
    process.exit(1);
  }
}
