// `npm test`: set-up (dependencies, Temporal, PostgreSQL), build, type-check, lint, then every jest test.
// Arguments after `--` go to jest. Services this run started are stopped at the end, unless
// ZWT_KEEP_SERVICES=1. ZWT_SKIP_BUILD=1 skips the build, the type-check and the lint (for re-running a few test
// files while developing; tests that spawn the built apps then run the last build).
import { ensureServices, SetupError, stopServices } from './lib/services.mjs';
import { bin, build, launch, step } from './lib/run.mjs';

let started = { temporal: false, postgres: false };
let code = 1;
try {
  const services = await ensureServices(process.env, { browser: true, fuzzer: true });
  started = services.started;
  const env = { ...services.env, NODE_ENV: 'test' };
  if (process.env.ZWT_SKIP_BUILD !== '1') {
    build(env);
    step('type-checking tests (tsc --noEmit)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], env);
    step('linting (npm run lint: ESLint, Prettier, import boundaries, pure compile)', process.execPath, ['scripts/lint.mjs'], env);
  }
  const jest = launch(process.execPath, [bin('jest'), '--ci', ...process.argv.slice(2)], env);
  const forward = (signal) => jest.child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  code = await jest.exited;
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[setup] ${error.message}`);
} finally {
  if (process.env.ZWT_KEEP_SERVICES !== '1') stopServices(started);
}
process.exit(code);
