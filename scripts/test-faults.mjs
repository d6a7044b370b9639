// `npm run test:faults`: set-up and build, then test/faults/fault-suite.mjs, which starts a Temporal
// dev server and a PostgreSQL cluster of its own (under .data/faults/, on free ports) and kills and
// restarts the worker, the API, Temporal and PostgreSQL under load. The shared services are not touched.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureChineseFont, ensureNodeModules, ROOT, SetupError, temporalTools } from './lib/services.mjs';
import { build } from './lib/run.mjs';

try {
  ensureNodeModules();
  temporalTools();
  ensureChineseFont();
  if (process.env.ZWT_SKIP_BUILD !== '1') build(process.env);
  const result = spawnSync(process.execPath, [path.join(ROOT, 'test/faults/fault-suite.mjs')], { cwd: ROOT, env: process.env, stdio: 'inherit' });
  process.exit(result.status ?? 1);
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[setup] ${error.message}`);
  process.exit(1);
}
