/**
 * Workflow time, for every workflow of workflows/. Inside the workflow sandbox `Date` is Temporal's
 * deterministic clock: the SDK sets it at the start of each workflow task and replays it unchanged ("the
 * safe version of time is `new Date()` and `Date.now()`", @temporalio/workflow UnsafeWorkflowInfo). This is
 * the one place workflow code reads it.
 */
export function workflowNow(): number {
  // eslint-disable-next-line no-restricted-properties -- the sandbox's deterministic Date, read here only
  return Date.now();
}
