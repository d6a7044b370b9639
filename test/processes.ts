import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..');

/** The built entry point of an app; `npm test` builds dist/ before jest runs. */
export function distEntry(app: 'api' | 'worker'): string {
  const file = path.join(ROOT, 'dist/apps', app, 'src/main.js');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run the tests with \`npm test\`, which builds it`);
  return file;
}

export interface Spawned {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

export function spawnApp(app: 'api' | 'worker', env: Record<string, string | undefined>): Spawned {
  const child = spawn(process.execPath, [distEntry(app)], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}
