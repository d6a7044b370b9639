// ESLint for the whole tree (`npm run lint`, run by `npm test`): typescript-eslint's recommended rules
// for TypeScript, eslint-plugin-vue's for the console, and eslint-config-prettier last, so that layout is
// Prettier's alone. What may import what is dependency-cruiser's (.dependency-cruiser.cjs); the few import
// rules here are the ones it cannot see (a workflow reading the environment or the wall clock).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import vue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Nondeterminism a workflow or the pure domain must not reach for (STYLE.md, Workflows; DESIGN.md, Determinism). */
const NONDETERMINISM = [
  { object: 'Date', property: 'now', message: 'no wall clock here: a workflow reads workflowNow(), the domain takes the time as a parameter' },
  { object: 'Math', property: 'random', message: 'no randomness here: a workflow uses uuid4() from @temporalio/workflow' },
  { object: 'process', property: 'env', message: 'no environment here: configuration reaches workflows through their input' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.tools/**', 'coverage/**', 'docs/**', 'bench/results/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // tsc's noUnusedLocals/noUnusedParameters already say it, with the `_` convention.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
    },
  },
  {
    // Nest's dependency injection reads constructor parameter types at run time: a class used only as a
    // type there must stay a value import, which this rule cannot tell.
    files: ['apps/api/src/**/*.ts', 'apps/worker/src/**/*.ts', 'libs/**/*.ts', 'activities/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] }, globals: { ...globals.browser } },
  },
  {
    files: ['apps/web/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['workflows/**/*.ts', 'libs/domain/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/test/**'],
    rules: {
      'no-restricted-properties': ['error', ...NONDETERMINISM],
      'no-restricted-globals': [
        'error',
        'setTimeout',
        'setInterval',
        'setImmediate',
        'fetch',
        'Buffer',
        'process',
        'require',
        '__dirname',
        '__filename',
        'global',
      ],
    },
  },
  {
    // Scripts, command-line tools and tests talk to the person running them; the services log through pino.
    files: [
      'scripts/**',
      'bench/**',
      'test/**',
      '**/*.spec.ts',
      '**/*.e2e-spec.ts',
      '**/*.cjs',
      'libs/persistence/src/cli.ts',
      'apps/worker/src/reconcile-main.ts',
    ],
    rules: { 'no-console': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
  prettier,
);
