// One jest run for unit, integration and e2e tests. Workspaces' code is resolved through the
// package.json "imports" map with the "source" condition, so tests run the TypeScript sources.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons', 'source'] },
  roots: ['<rootDir>/test', '<rootDir>/apps', '<rootDir>/libs', '<rootDir>/workflows', '<rootDir>/activities'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'], '/node_modules/feed/.+\\.js$': ['@swc/jest'] },
  // feed is published as ES modules only; jest's CommonJS runtime needs it transformed.
  transformIgnorePatterns: ['/node_modules/(?!feed/)'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
  verbose: true,
};
