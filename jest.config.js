// One jest run for unit, integration and e2e tests. Workspaces' code is resolved through the
// package.json "imports" map with the "source" condition, so tests run the TypeScript sources.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons', 'source'] },
  roots: ['<rootDir>/test', '<rootDir>/apps', '<rootDir>/libs', '<rootDir>/workflows', '<rootDir>/activities'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
  verbose: true,
};
