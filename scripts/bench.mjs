// `npm run bench`: set-up and build, then bench/case-bench.mjs: 企业设立 cases driven through the built
// API and worker (processes of their own, a scratch database on DATABASE_URL's server which it creates
// and drops) against the raw Temporal baseline (bench/baseline). Services it finds running are left running.
import { ensureServices } from './lib/services.mjs';
import { build, runAfterSetup } from './lib/run.mjs';

await runAfterSetup('bench/case-bench.mjs', async () => {
  const { env } = await ensureServices();
  if (process.env.ZWT_SKIP_BUILD !== '1') build(env);
  return env;
});
