// `npm run reconcile`: set-up and build, then compare the projections (cases, disclosure applications) with Temporal.
import { ensureServices, SetupError } from './lib/services.mjs';
import { build, step } from './lib/run.mjs';

try {
  const { env } = await ensureServices();
  build(env);
  step('reconciling cases and disclosure applications', process.execPath, ['dist/apps/worker/src/reconcile-main.js'], env);
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[setup] ${error.message}`);
  process.exit(1);
}
