// `npm run bench:supervision`: set-up and build, then bench/supervision-bench.mjs against the built code:
// the timeline of a case of about 200 history events against the raw history read, and the statistics
// over 100,000 finished cases, in a scratch database on DATABASE_URL's server (which it creates and drops).
// Services it finds running are left running, as `npm run migration:run` does.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureServices, ROOT, SetupError } from './lib/services.mjs';
import { build } from './lib/run.mjs';

try {
  const { env } = await ensureServices();
  build(env);
  const result = spawnSync(process.execPath, [path.join(ROOT, 'bench/supervision-bench.mjs')], { cwd: ROOT, env, stdio: 'inherit' });
  process.exit(result.status ?? 1);
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[setup] ${error.message}`);
  process.exit(1);
}
