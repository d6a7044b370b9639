// `npm run reconcile`: set-up and build, then compare the case projection with Temporal.
import { ensureServices, SetupError } from './lib/services.mjs';
import { build, step } from './lib/run.mjs';

try {
  const { env } = await ensureServices();
  build(env);
  step('reconciling cases', process.execPath, ['dist/apps/worker/src/reconcile-main.js'], env);
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[setup] ${error.message}`);
  process.exit(1);
}
