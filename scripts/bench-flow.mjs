// `npm run bench:flow`: set-up and build, then bench/flow-bench.mjs against the built code: compileFlow
// on generated flows, and the example flows driven to each end state on the Temporal server with an
// in-process worker, in a scratch database on DATABASE_URL's server (which it creates and drops).
// Services it finds running are left running, as `npm run migration:run` does.
import { ensureServices } from './lib/services.mjs';
import { build, runAfterSetup } from './lib/run.mjs';

await runAfterSetup('bench/flow-bench.mjs', async () => {
  const { env } = await ensureServices();
  build(env);
  return env;
});
