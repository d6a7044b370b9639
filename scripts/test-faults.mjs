// `npm run test:faults`: set-up and build, then test/faults/fault-suite.mjs, which starts a Temporal
// dev server and a PostgreSQL cluster of its own (under .data/faults/, on free ports) and kills and
// restarts the worker, the API, Temporal and PostgreSQL under load. The shared services are not touched.
import { ensureChineseFont, ensureNodeModules, temporalTools } from './lib/services.mjs';
import { build, runAfterSetup } from './lib/run.mjs';

await runAfterSetup('test/faults/fault-suite.mjs', async () => {
  ensureNodeModules();
  temporalTools();
  ensureChineseFont();
  if (process.env.ZWT_SKIP_BUILD !== '1') build(process.env);
  return process.env;
});
