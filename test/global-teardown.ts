import fs from 'node:fs';
import path from 'node:path';
import { dropScratchDatabase } from './test-database';

export default async function globalTeardown(): Promise<void> {
  if (process.env.DATABASE_URL && process.env.ZWT_BASE_DATABASE_URL) {
    await dropScratchDatabase(process.env.DATABASE_URL);
  }
  if (process.env.WORKFLOW_BUNDLE_PATH) fs.rmSync(process.env.WORKFLOW_BUNDLE_PATH, { force: true });
  if (process.env.FILES_DIR?.includes(`${path.sep}test${path.sep}files-`)) fs.rmSync(process.env.FILES_DIR, { recursive: true, force: true });
}
