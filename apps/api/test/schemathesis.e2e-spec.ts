// An independent, schema-driven fuzzer (issue 13, part 8): Schemathesis (pinned, installed into .tools/
// by `npm test`) reads the API's own OpenAPI document at /api/docs-json and runs all its checks, with
// valid and invalid data and its stateful phase, against the real API (real PostgreSQL, real Temporal),
// anonymously and as the demo user of each role. It runs on a seeded database and a task queue of its
// own, dropped at the end: a fuzzed admin may change anything there, and the demo data the other tests
// rely on is not touched.
//
// Bounded here (a fixed seed, a few examples per operation); `npm run test:contract` runs the same with
// a larger budget (SCHEMATHESIS_PROFILE=long). SCHEMATHESIS_MAX_EXAMPLES, SCHEMATHESIS_SEED and
// SCHEMATHESIS_ROLES (e.g. `anonymous,admin`) narrow or widen a run; SCHEMATHESIS_CONFIG names another
// schemathesis.toml (one with no check switched off shows what the OpenAPI document still lacks).
import type { Role } from '#domain';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DEMO_USER_OF_ROLE } from '../../../test/demo-users';
import { startTestApp, type TestApp } from '../../../test/test-app';

const LONG = process.env.SCHEMATHESIS_PROFILE === 'long';
const MAX_EXAMPLES = Number(process.env.SCHEMATHESIS_MAX_EXAMPLES ?? (LONG ? 50 : 3));
const SEED = Number(process.env.SCHEMATHESIS_SEED ?? 20131106);
const CONFIG = process.env.SCHEMATHESIS_CONFIG ?? path.resolve(__dirname, 'schemathesis.toml');

/** Who the fuzzer is: anonymous first, the admin last (what an admin changes, the others would meet). */
const IDENTITIES: ('anonymous' | Role)[] = [
  'anonymous',
  'applicant',
  'clerk',
  'handler',
  'dept_admin',
  'review_admin',
  'supervisor',
  'disclosure_officer',
  'admin',
];
const identities = process.env.SCHEMATHESIS_ROLES ? IDENTITIES.filter((i) => process.env.SCHEMATHESIS_ROLES!.split(',').includes(i)) : IDENTITIES;

interface Run {
  identity: string;
  exit: number | null;
  output: string;
}

/** One `st run` against the API; its whole output is kept, to show the failures it found. */
function schemathesis(baseUrl: string, schemaFile: string, identity: string, token: string | undefined, reportDir: string): Promise<Run> {
  const args = [
    '--config-file',
    CONFIG,
    'run',
    schemaFile,
    '--url',
    baseUrl,
    '--mode',
    'all',
    '--phases',
    'examples,coverage,fuzzing,stateful',
    '--seed',
    String(SEED),
    '--max-examples',
    String(MAX_EXAMPLES),
    '--workers',
    '1',
    '--no-color',
    '--generation-database',
    'none',
    '--report',
    'junit',
    '--report-junit-path',
    path.join(reportDir, `${identity}.xml`),
    ...(token ? ['--header', `Authorization: Bearer ${token}`] : []),
  ];
  return new Promise((resolve, reject) => {
    // In the run's own directory: Schemathesis and Hypothesis keep caches (.schemathesis/, .hypothesis/) where they run.
    const child = spawn(process.env.SCHEMATHESIS!, args, { cwd: reportDir, env: { ...process.env, PYTHONUNBUFFERED: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (exit) => resolve({ identity, exit, output }));
  });
}

describe('Schemathesis against the OpenAPI document, as every role and anonymously', () => {
  let t: TestApp;
  let baseUrl: string;
  let reportDir: string;
  let schemaFile: string;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    if (!process.env.SCHEMATHESIS || !fs.existsSync(process.env.SCHEMATHESIS))
      throw new Error('SCHEMATHESIS is unset: run the tests with `npm test`, which installs it into .tools/');
    reportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zwt-schemathesis-'));
    t = await startTestApp({ isolated: 'contract', overrides: { FILES_DIR: path.join(reportDir, 'files') } });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    // The document as the API serves it, unchanged: what it lacks is what the run finds.
    const document = (await t.http.get('/api/docs-json').expect(200)).body as object;
    // Signed in before any run: the fuzzer's own sign-in attempts soon meet the sign-in rate limit.
    for (const identity of identities) if (identity !== 'anonymous') tokens.set(identity, await t.tokenFor(DEMO_USER_OF_ROLE[identity]));
    schemaFile = path.join(reportDir, 'openapi.json');
    fs.writeFileSync(schemaFile, JSON.stringify(document));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    // The reports stay (their paths are in the output); the files the fuzzer uploaded go.
    if (reportDir) fs.rmSync(path.join(reportDir, 'files'), { recursive: true, force: true });
  });

  it(
    'finds no server error, no schema violation and no accepted bad input',
    async () => {
      const runs: Run[] = [];
      for (const identity of identities) {
        const token = tokens.get(identity);
        const run = await schemathesis(baseUrl, schemaFile, identity, token, reportDir);
        runs.push(run);
        const summary = run.output.trim().split('\n').slice(-12).join('\n');
        process.stdout.write(`\n===== Schemathesis as ${identity}: exit ${run.exit}\n${run.exit === 0 ? summary : run.output}\n`);
      }
      // The counts of each run, from Schemathesis' summary ("Test cases: 4175 generated, 5 found 5 unique failures").
      const counts = runs.map((r) => {
        const line = /Test cases:\s*\n?\s*(\d+) generated(?:, (\d+) found (\d+) unique failures)?/.exec(r.output);
        const tested = /Tested: (\d+)/.exec(r.output);
        return {
          identity: r.identity,
          exit: r.exit,
          operations: Number(tested?.[1] ?? 0),
          generated: Number(line?.[1] ?? 0),
          failures: Number(line?.[3] ?? 0),
        };
      });
      const total = counts.reduce((sum, c) => sum + c.generated, 0);
      process.stdout.write(
        `\n===== Schemathesis, max ${MAX_EXAMPLES} examples per operation, seed ${SEED}: ${total} test cases in all\n${counts.map((c) => `  ${c.identity.padEnd(20)} exit ${c.exit}  ${c.operations} operations  ${c.generated} test cases  ${c.failures} unique failures`).join('\n')}\n`,
      );
      expect(runs.map((r) => ({ identity: r.identity, exit: r.exit }))).toEqual(runs.map((r) => ({ identity: r.identity, exit: 0 })));
    },
    (LONG ? 240 : 30) * 60_000,
  );
});
