// `npm run migration:run|migration:revert|migration:generate -- Name|seed|audit:*`: set-up and build, then
// the persistence CLI (dist/libs/persistence/src/cli.js) against DATABASE_URL. The audit commands get the
// AUDIT_HMAC_KEY `npm start` uses (the environment's, or the one kept in .data/).
import { ensureServices, settings, SetupError } from './lib/services.mjs';
import { build, step } from './lib/run.mjs';
import { devSecret } from './lib/secrets.mjs';

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'verify-audit-export') {
    // Checks a published file only: no database, no secret, no services.
    build(process.env);
    step(`persistence ${command}`, process.execPath, ['dist/libs/persistence/src/cli.js', command, ...rest], process.env);
  } else {
    const { env } = await ensureServices();
    build(env);
    const audit = /-audit$/.test(command ?? '') ? { AUDIT_HMAC_KEY: devSecret(settings().dataDir, 'AUDIT_HMAC_KEY') } : {};
    step(`persistence ${command}`, process.execPath, ['dist/libs/persistence/src/cli.js', command, ...rest], { ...env, ...audit });
  }
} catch (error) {
  if (!(error instanceof SetupError)) throw error;
  console.error(`[setup] ${error.message}`);
  process.exit(1);
}
