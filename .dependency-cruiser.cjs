// The boundaries of ../shared/STYLE.md "Boundaries (what may import what)", checked by `npm run lint`
// (and so by `npm test`): a violation names the rule, the importing file and what it imported.
// Imports resolve as the build resolves them: package.json "imports" (#domain, #temporal/* …) with the
// `source` condition, so `#domain` is libs/domain/src, not dist/.

/** Test code may reach across layers (a test starts the API and a worker); these rules are for shipped code. */
const TESTS = '(\\.spec\\.ts|\\.e2e-spec\\.ts)$|/test/';

/** What a workflow may import besides @temporalio/workflow and libs/domain: the message definitions. */
const MESSAGES = '^libs/temporal/src/(case-messages|catalog-messages|disclosure-messages|verification-messages|case-timeline|search-attributes)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain imports nothing of ours, no Nest, no TypeORM, no Temporal and no Node I/O: it runs inside workflows and in the console.',
      severity: 'error',
      from: { path: '^libs/domain/src/', pathNot: TESTS },
      to: {
        pathNot: '^libs/domain/src/',
        path: '^(apps|libs|workflows|activities|scripts|test)/|(^|/)node_modules/(@nestjs|typeorm|pg|@temporalio|express|pino)(/|$)',
      },
    },
    {
      name: 'domain-no-node',
      comment: 'libs/domain uses no Node built-in module (fs, crypto, path …): no I/O, and the same code runs in the browser.',
      severity: 'error',
      from: { path: '^libs/domain/src/', pathNot: TESTS },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'workflows-are-deterministic',
      comment:
        'A workflow imports only @temporalio/workflow, libs/domain, the message definitions of libs/temporal and other workflow files; activities only as `import type` (STYLE.md, Workflows).',
      severity: 'error',
      from: { path: '^workflows/', pathNot: TESTS },
      to: {
        dependencyTypesNot: ['type-only'],
        pathNot: [`^workflows/`, '^libs/domain/src/', MESSAGES, '(^|/)node_modules/@temporalio/(workflow|common)/'],
      },
    },
    {
      name: 'workflows-no-node',
      severity: 'error',
      from: { path: '^workflows/', pathNot: TESTS },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'activities-not-workflows',
      comment: 'Activities run in the worker beside the workflow sandbox, never inside it, and never reach into the apps.',
      severity: 'error',
      from: { path: '^activities/', pathNot: TESTS },
      to: { path: ['^workflows/', '^apps/', '(^|/)node_modules/@temporalio/(workflow|worker|client)/'] },
    },
    {
      name: 'api-not-worker-code',
      comment: 'apps/api talks to Temporal through @temporalio/client and the message definitions; it never imports workflow or activity code.',
      severity: 'error',
      from: { path: '^apps/api/src/' },
      to: { path: ['^workflows/', '^activities/', '^apps/(worker|web)/', '(^|/)node_modules/@temporalio/(workflow|worker|activity)/'] },
    },
    {
      name: 'worker-loads-workflows-by-path',
      comment: 'apps/worker registers workflows through workflowsPath (bundled apart), never by importing them.',
      severity: 'error',
      from: { path: '^apps/worker/src/' },
      to: { path: ['^workflows/', '^apps/(api|web)/'] },
    },
    {
      name: 'libs-below-apps',
      comment: 'The libraries serve the apps, the workflows and the activities, and import none of them.',
      severity: 'error',
      from: { path: '^libs/', pathNot: TESTS },
      to: { path: ['^apps/', '^workflows/', '^activities/'] },
    },
    {
      name: 'console-reads-only-labels',
      comment:
        'The web console takes the Chinese labels (libs/domain/src/labels) and China time (calendar/china-time.ts) from libs/domain, and nothing else of the server code.',
      severity: 'error',
      from: { path: '^apps/web/src/' },
      to: { path: '^(apps/(api|worker)|libs|workflows|activities)/', pathNot: '^libs/domain/src/(labels/|calendar/china-time\\.ts$)' },
    },
    {
      name: 'no-circular',
      comment:
        "A cycle of value imports makes load order matter (swc and Nest both trip on it). A cycle closed by `import type` (a label table over a machine's code union, an entity naming its relation's type) or by a lazy `import()` (a route's page) has no load order.",
      severity: 'error',
      from: { pathNot: TESTS },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'dynamic-import'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing (a typo, a package not installed).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: { path: '(^|/)(dist|node_modules|\\.tools|coverage)/' },
    tsPreCompilationDeps: 'specify',
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    enhancedResolveOptions: {
      conditionNames: ['source', 'import', 'require', 'node', 'default', 'types'],
      exportsFields: ['exports'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.mts', '.vue', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
