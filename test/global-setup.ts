// Jest global setup: one fresh database for this run, migrated with the real migrations and
// seeded with the demo data; one workflow bundle shared by every in-process worker; a task
// queue of this run's own, so no other worker (an `npm start` running beside) takes its tasks.
import 'reflect-metadata';
import { bundleWorkflows } from '../apps/worker/src/workflow-source';
import { DefaultLogger } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { createSeededDatabase } from './test-database';

export default async function globalSetup(): Promise<void> {
  const base = process.env.DATABASE_URL;
  if (!base || !process.env.TEMPORAL_ADDRESS) {
    throw new Error('DATABASE_URL and TEMPORAL_ADDRESS are unset: run the tests with `npm test`, which starts both');
  }
  const url = await createSeededDatabase(base, 'zwt_test');

  const bundle = await bundleWorkflows(new DefaultLogger('WARN'));
  const dir = path.resolve(__dirname, '../.data/test');
  fs.mkdirSync(dir, { recursive: true });
  const codePath = path.join(dir, `workflow-bundle-${process.pid}.js`);
  fs.writeFileSync(codePath, bundle.code);

  process.env.ZWT_BASE_DATABASE_URL = base;
  process.env.DATABASE_URL = url;
  process.env.TEMPORAL_TASK_QUEUE = `zwt-test-${Date.now().toString(36)}-${process.pid}`;
  process.env.WORKFLOW_BUNDLE_PATH = codePath;
  process.env.JWT_SECRET ??= 'test-secret-that-is-long-enough-for-hs256';
  process.env.SEAL_MASTER_KEY ??= 'test-seal-master-key-that-is-long-enough';
  process.env.AUDIT_HMAC_KEY ??= 'test-audit-hmac-key-that-is-long-enough';
  process.env.FILES_DIR = path.join(dir, `files-${process.pid}`);
  if (!process.env.ZWT_CJK_FONT) throw new Error('ZWT_CJK_FONT is unset: run the tests with `npm test`, which finds or installs a Chinese font');
  process.env.LOG_LEVEL ??= 'silent';
  // The OpenAPI document is what the contract tests and the fuzzer read.
  process.env.API_DOCS ??= 'true';
}
