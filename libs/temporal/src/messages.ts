// Message definitions shared by the workflows and the API. Imported inside the workflow bundle:
// only @temporalio/workflow and types here.
import { defineQuery, defineUpdate } from '@temporalio/workflow';

/**
 * Input of {@link pingWorkflow}: the foundation's end-to-end slice (API → workflow → activity →
 * PostgreSQL → API). Later issues replace it with the case workflows.
 */
export interface PingInput {
  /** The ping's id; also its workflow id suffix and projection key. */
  pingId: string;
  /** Free text, kept in the projection. */
  message: string;
  /** User id of who started it. */
  requestedBy: string;
  /** Organisation id of who started it. */
  orgId: string;
}

export interface CompletePingInput {
  /** User id of who completes it. */
  completedBy: string;
  /** A note written with the completion (审核意见 in a real case). */
  note: string;
}

export type PingStatus = 'waiting' | 'finished';

export interface PingState {
  pingId: string;
  status: PingStatus;
  completedBy?: string;
  note?: string;
}

export const PING_WORKFLOW_TYPE = 'pingWorkflow';
export const completePingUpdate = defineUpdate<PingState, [CompletePingInput]>('completePing');
export const pingStateQuery = defineQuery<PingState>('pingState');

export function pingWorkflowId(pingId: string): string {
  return `ping-${pingId}`;
}
