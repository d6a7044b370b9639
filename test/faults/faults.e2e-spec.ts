// The fault suite (test/faults/fault-suite.mjs, `npm run test:faults`) in a smaller round: its own
// Temporal dev server and PostgreSQL cluster on free ports, the built API and worker, and each of
// worker, API, Temporal and PostgreSQL killed or restarted while cases are in flight.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { distEntry, ROOT } from '../processes';

interface FaultsResult {
  ok: boolean;
  rounds: { round: string; cases: number; actions: number; problems: string[]; reconciled: number | null }[];
  retries: string[];
}

function runSuite(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join(ROOT, 'test/faults/fault-suite.mjs')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('faults under load', () => {
  it(
    'loses no acknowledged action, duplicates nothing and reconciles after the worker, the API, Temporal and PostgreSQL each die',
    async () => {
      distEntry('api');
      distEntry('worker');
      const { code, output } = await runSuite({ FAULTS_CASES: '6', FAULTS_CONCURRENCY: '3' });
      const line = output.split('\n').find((l) => l.startsWith('FAULTS_RESULT '));
      if (!line) throw new Error(`the fault suite printed no result (exit ${code}):\n${output.slice(-4000)}`);
      const result = JSON.parse(line.slice('FAULTS_RESULT '.length)) as FaultsResult;
      expect(result.rounds.map((r) => [r.round, r.cases, r.problems])).toEqual([
        ['worker', 6, []],
        ['api', 6, []],
        ['temporal', 6, []],
        ['postgres', 6, []],
      ]);
      expect(result.rounds.every((r) => r.actions === 6 * 6)).toBe(true);
      expect(result.retries).toEqual([]);
      expect([result.ok, code]).toEqual([true, 0]);
    },
    15 * 60_000,
  );
});
