// `npm run lint` (and a step of `npm test`): ESLint, Prettier's check, the import boundaries of STYLE.md
// (dependency-cruiser, .dependency-cruiser.cjs), and libs/domain compiled without Node's types
// (tsconfig.pure.json). Every check runs, and the first failure's exit code is the script's.
import { spawnSync } from 'node:child_process';
import { bin } from './lib/run.mjs';
import { ROOT } from './lib/services.mjs';

const checks = [
  ['ESLint', bin('eslint'), ['.', '--max-warnings', '0']],
  ['Prettier', bin('prettier'), ['--check', '--log-level', 'warn', '.']],
  [
    'import boundaries (dependency-cruiser)',
    bin('depcruise'),
    ['apps', 'libs', 'workflows', 'activities', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'],
  ],
  ['libs/domain without Node types (tsc -p tsconfig.pure.json)', bin('tsc'), ['-p', 'tsconfig.pure.json']],
];

let failed = 0;
for (const [title, cmd, args] of checks) {
  process.stdout.write(`[lint] ${title}\n`);
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write(`[lint] ${title} failed (exit ${result.status ?? result.signal})\n`);
    failed ||= result.status ?? 1;
  }
}
process.exit(failed);
