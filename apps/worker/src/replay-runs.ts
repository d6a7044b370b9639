import type { ReplayRuns, RunReplay } from '#activities';
import { Worker, type WorkflowBundleOption } from '@temporalio/worker';

/**
 * Replays a workflow's runs with the worker's own workflow bundle (the code that runs the cases),
 * one replay worker for all the runs. A DeterminismViolationError means the code would make other
 * commands than the history holds; any other replay failure is reported as it is.
 */
export function replayRunsWith(bundle: () => Promise<WorkflowBundleOption>): ReplayRuns {
  return async (workflowId, runs) => {
    const workflowBundle = await bundle();
    const results: RunReplay[] = [];
    const histories = runs.map((run) => ({ workflowId, history: { events: run.events } }));
    let index = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) {
      const run = runs[index++]!;
      const error = result.error;
      results.push({
        runId: run.runId,
        nondeterministic: error?.name === 'DeterminismViolationError',
        error: error ? `${error.name}: ${error.message}` : null,
      });
    }
    return results;
  };
}
