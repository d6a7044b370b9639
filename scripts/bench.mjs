// `npm run bench`: set-up and build, then bench/case-bench.mjs: 企业设立 cases driven through the built
// API and worker (processes of their own, a scratch database on DATABASE_URL's server which it creates
// and drops) against the raw Temporal baseline (bench/baseline). Services it finds running are left running.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureServices, ROOT, SetupError } from './lib/services.mjs';
import { build } from './lib/run.mjs';

try {
  const { env } = await ensureServices();
  if (process.env.ZWT_SKIP_BUILD !== '1') build(env);
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bench/case-bench.mjs')], { cwd: ROOT, env, stdio: 'inherit' });
  process.exit(result.status ?? 1);
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[setup] ${error.message}`);
  process.exit(1);
}
