import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT, SetupError } from './services.mjs';

export const bin = (name) => path.join(ROOT, 'node_modules/.bin', name);

/** Runs a step to completion with inherited output; throws when it fails. */
export function step(title, cmd, args, env = process.env) {
  process.stderr.write(`[setup] ${title}\n`);
  const result = spawnSync(cmd, args, { cwd: ROOT, env, stdio: 'inherit' });
  if (result.status !== 0) throw new SetupError(`${title} failed (exit ${result.status ?? result.signal})`);
}

/** The production build into dist/, which also type-checks the code. */
export function build(env) {
  step('building (tsc -p tsconfig.build.json)', bin('tsc'), ['-p', 'tsconfig.build.json'], env);
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
