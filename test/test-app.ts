// Boots the real AppModule (real PostgreSQL, real Temporal) with a worker in the same process,
// on the run's own database and task queue set up by global-setup.ts.
import 'reflect-metadata';
import { ApiEnv, loadEnv, WorkerEnv } from '#config';
import { createDataSource } from '#persistence';
import { Test } from '@nestjs/testing';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Response } from 'superagent';
import type { DataSource } from 'typeorm';
import { AppModule } from '../apps/api/src/app.module';
import { configureApp } from '../apps/api/src/app.setup';
import { createWorker } from '../apps/worker/src/worker';
import { createSeededDatabase, dropScratchDatabase } from './test-database';

let runtimeInstalled = false;

export interface TestApp {
  app: NestExpressApplication;
  http: ReturnType<typeof request>;
  env: ApiEnv;
  /** A bearer token of a seeded demo user. */
  tokenFor(username: string): Promise<string>;
  /** Acts on the user's open step of the case, found in their work queue (GET /api/tasks); expects 200. */
  actOnTask(username: string, caseId: string, body: object): Promise<Record<string, unknown>>;
  /**
   * Files a case at the counter as `clerk` (POST /api/cases; a fresh requestId, no materials, the demo
   * county permit 33030300AJ-XK-0001 unless `fields` say otherwise); expects 201 and returns the answer.
   */
  fileCase(clerk: string, applicant: Record<string, unknown>, fields?: Record<string, unknown>): Promise<FiledCase>;
  close(): Promise<void>;
}

/** What POST /api/cases answers for a new case (the fields tests read). */
export interface FiledCase {
  id: string;
  caseNumber: string;
  current: { token: string }[];
  [field: string]: unknown;
}

export function testEnv(overrides: Record<string, string> = {}): ApiEnv {
  return loadEnv(ApiEnv, { ...process.env, PORT: '0', ...overrides });
}

/**
 * The API (real AppModule) with a worker in the same process, on this run's database and task queue —
 * or, with `isolated: '<name>'`, on a freshly seeded database and a task queue of its own, dropped at
 * close: for tests that write rows no workflow made, tamper with the projection or change shared
 * settings, which the tests beside them (the reconciliation above all) must not see.
 */
export async function startTestApp(options: { overrides?: Record<string, string>; worker?: boolean; isolated?: string } = {}): Promise<TestApp> {
  let scratchUrl: string | undefined;
  let overrides = options.overrides ?? {};
  if (options.isolated) {
    scratchUrl = await createSeededDatabase(process.env.ZWT_BASE_DATABASE_URL!, `zwt_${options.isolated}`);
    overrides = { DATABASE_URL: scratchUrl, TEMPORAL_TASK_QUEUE: `${process.env.TEMPORAL_TASK_QUEUE}-${options.isolated}`, ...overrides };
  }
  // Each app counts its own rate limits (as each has its own task queue), unless a test shares a namespace
  // between apps to prove that API processes count together.
  // Checkpoints of the audit log only when a test asks for them (tests beside it count rows).
  const env = testEnv({ RATE_LIMIT_NAMESPACE: `test-${randomUUID()}`, AUDIT_CHECKPOINT_INTERVAL_SECONDS: '0', ...overrides });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule.register(env)] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
  configureApp(app, env);
  await app.init();
  const http = request(app.getHttpServer());

  const worker = options.worker === false ? undefined : await startTestWorker(overrides);
  const tokens = new Map<string, string>();
  const tokenFor = async (username: string) => {
    const cached = tokens.get(username);
    if (cached) return cached;
    const response = await http.post('/api/auth/token').send({ username, password: 'Demo@2026' }).expect(200);
    tokens.set(username, response.body.accessToken);
    return response.body.accessToken as string;
  };
  return {
    app,
    http,
    env,
    tokenFor,
    async fileCase(clerk, applicant, fields = {}) {
      const body = { itemCode: '33030300AJ-XK-0001', requestId: randomUUID(), applicant, materials: [], ...fields };
      return (
        await http
          .post('/api/cases')
          .set({ authorization: `Bearer ${await tokenFor(clerk)}` })
          .send(body)
          .expect(201)
      ).body as FiledCase;
    },
    async actOnTask(username, caseId, body) {
      const authorization = `Bearer ${await tokenFor(username)}`;
      const tasks = (await http.get('/api/tasks').set({ authorization }).expect(200)).body as { caseId: string; token: string }[];
      const task = tasks.find((x) => x.caseId === caseId);
      if (!task) throw new Error(`${username} has no task of case ${caseId}`);
      return (
        await http
          .post(`/api/cases/${caseId}/actions`)
          .set({ authorization })
          .send({ type: 'act', token: task.token, ...body })
          .expect(200)
      ).body;
    },
    async close() {
      await worker?.stop();
      await app.close();
      if (scratchUrl) await dropScratchDatabase(scratchUrl);
    },
  };
}

export interface RunningWorker {
  worker: Worker;
  stop(): Promise<void>;
}

/** Temporal's worker logs at WARN in tests (once per test process). */
export function installQuietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

/** A worker on this run's task queue, using the bundle global-setup made. */
export async function startTestWorker(overrides: Record<string, string> = {}): Promise<RunningWorker> {
  installQuietRuntime();
  const env = loadEnv(WorkerEnv, { ...process.env, ...overrides });
  const dataSource: DataSource = await createDataSource(env).initialize();
  const { worker, connection } = await createWorker({
    env,
    dataSource,
    workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! },
  });
  const running = worker.run();
  return {
    worker,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
      await dataSource.destroy();
    },
  };
}

/** A supertest parser that keeps a binary body (a PDF, a workbook) as a Buffer. */
export function binaryBody(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

/** Polls until `probe` returns a value (not undefined) or the time is up. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Replays the workflow's history with today's code (a determinism check on every run); with
 * RECORD_HISTORIES=1 (`npm run histories:record`) also saves it as a fixture of the replay harness.
 */
export async function checkHistory(client: Client, workflowId: string, fixtureName: string): Promise<void> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  await Worker.runReplayHistory({ workflowBundle: { codePath: process.env.WORKFLOW_BUNDLE_PATH! } }, history);
  if (process.env.RECORD_HISTORIES === '1') {
    const file = path.resolve(__dirname, '../workflows/test/histories', `${fixtureName}.json`);
    fs.writeFileSync(file, `${JSON.stringify(JSON.parse(historyToJSON(history)), null, 2)}\n`);
  }
}
