// `npm run bench:catalog`: set-up and build, then bench/catalog-bench.mjs against the built code in a
// scratch database on DATABASE_URL's server (which it creates and drops). Services it finds running
// are left running, as `npm run migration:run` does.
import { ensureServices } from './lib/services.mjs';
import { build, runAfterSetup } from './lib/run.mjs';

await runAfterSetup('bench/catalog-bench.mjs', async () => {
  const { env } = await ensureServices();
  build(env);
  return env;
});
