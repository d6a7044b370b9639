import { type Client, WithStartWorkflowOperation, WorkflowNotFoundError } from '@temporalio/client';
import type { TypedSearchAttributes, UpdateDefinition } from '@temporalio/common';
import { retryTransient, unavailable } from './errors/transient-errors';

/** Longer than a start retries (retryTransient's budget): after it, a record with no workflow never got one. */
export const START_SETTLED_MS = 30_000;

/**
 * Starts the workflow of a record just stored (a filed case, a registered application) and waits
 * for its opening Update's answer in one round trip (update-with-start), retried while Temporal is
 * briefly away. USE_EXISTING and the fixed update id make a repeat start nothing new and answer as
 * the first did. If it fails and the workflow never started, the record could never be handled:
 * `takeBack` removes it. One whose workflow did start is kept, and the client's retry with the same
 * requestId finds it.
 */
export async function startWithOpeningUpdate<Input, View>(
  client: Client,
  options: {
    workflowType: string;
    workflowId: string;
    taskQueue: string;
    input: Input;
    typedSearchAttributes?: TypedSearchAttributes;
    update: UpdateDefinition<View, []>;
    updateId: string;
    takeBack: () => Promise<unknown>;
  },
): Promise<View> {
  const { workflowType, workflowId, taskQueue, input, typedSearchAttributes, update, updateId, takeBack } = options;
  // An operation is used once: each attempt gets its own.
  const startWorkflowOperation = () =>
    new WithStartWorkflowOperation<(input: Input) => Promise<View>>(workflowType, {
      taskQueue,
      workflowId,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      ...(typedSearchAttributes ? { typedSearchAttributes } : {}),
    });
  try {
    return await retryTransient(() => client.workflow.executeUpdateWithStart(update, { startWorkflowOperation: startWorkflowOperation(), updateId }));
  } catch (error) {
    if (!(await workflowExists(client, workflowId))) await takeBack();
    throw error;
  }
}

/**
 * The answer to a record sent again (the same requestId): its workflow's view. One whose workflow
 * never started (the API stopped, or Temporal was away, between storing it and starting it) is taken
 * back and undefined returned, so that this request stores it anew; while the first request may
 * still be starting it (START_SETTLED_MS), 503 to retry.
 */
export async function viewOfRepeatedStart<View>(
  view: () => Promise<View>,
  earlier: { neverProjected: boolean; createdAt: Date },
  takeBack: () => Promise<unknown>,
): Promise<View | undefined> {
  try {
    return await view();
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError) || !earlier.neverProjected) throw error;
    if (Date.now() - earlier.createdAt.getTime() < START_SETTLED_MS) throw unavailable(error);
    await takeBack();
    return undefined;
  }
}

async function workflowExists(client: Client, workflowId: string): Promise<boolean> {
  try {
    await client.workflow.getHandle(workflowId).describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    // Temporal unreachable: keep the record; a retry with the same requestId settles it.
    return true;
  }
}
