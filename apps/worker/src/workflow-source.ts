import { type BundleOptions, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

type WebpackConfiguration = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];

/**
 * Where the workflow code is: workflows/index.ts when running from sources (tests), or
 * dist/workflows/index.js when running the build. Resolved relative to this file, which sits at the
 * same depth in both trees.
 */
export const WORKFLOWS_PATH = require.resolve('../../../workflows');

/**
 * Run from sources, the bundle must resolve the package.json "imports" (#domain, #temporal/…)
 * with the "source" condition, as tsc and jest do; run from dist, the default condition.
 */
export function webpackConfigHook(config: WebpackConfiguration): WebpackConfiguration {
  if (!WORKFLOWS_PATH.endsWith('.ts')) return config;
  return {
    ...config,
    resolve: {
      ...config.resolve,
      conditionNames: ['source', 'webpack', 'development', 'browser', 'import', 'require', 'module'],
    },
  };
}

export const bundlerOptions = { webpackConfigHook };

/** One bundle for several workers (tests, the replay harness) instead of one per worker. */
export function bundleWorkflows(logger?: BundleOptions['logger']): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, webpackConfigHook, ...(logger ? { logger } : {}) });
}
