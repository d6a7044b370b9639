// `npm run test:contract`: the Schemathesis contract test (apps/api/test/schemathesis.e2e-spec.ts) with a
// larger budget than the one `npm test` gives it: more examples per operation, every role and anonymously,
// on a throwaway database. SCHEMATHESIS_MAX_EXAMPLES, SCHEMATHESIS_SEED and SCHEMATHESIS_ROLES override.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from './lib/services.mjs';

const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/test.mjs'), 'apps/api/test/schemathesis.e2e-spec.ts', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, SCHEMATHESIS_PROFILE: 'long' },
});
process.exit(result.status ?? 1);
