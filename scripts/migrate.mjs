// `npm run migration:run|migration:revert|migration:generate -- Name|seed`: set-up and build, then
// the persistence CLI (dist/libs/persistence/src/cli.js) against DATABASE_URL.
import { ensureServices, SetupError } from './lib/services.mjs';
import { build, step } from './lib/run.mjs';

const [command, ...rest] = process.argv.slice(2);
try {
  const { env } = await ensureServices();
  build(env);
  step(`persistence ${command}`, process.execPath, ['dist/libs/persistence/src/cli.js', command, ...rest], env);
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[setup] ${error.message}`);
  process.exit(1);
}
