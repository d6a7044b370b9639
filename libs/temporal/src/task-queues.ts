/**
 * Task queues. The worker and the API name them from here only; a deployment (or a test run that
 * must not meet another run's worker) prefixes them with TEMPORAL_TASK_QUEUE.
 */
export interface TaskQueues {
  /** Case workflows and their projection activities. */
  readonly cases: string;
}

export function taskQueues(base: string): TaskQueues {
  return { cases: `${base}` };
}
