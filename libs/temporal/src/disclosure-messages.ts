// Message definitions of the disclosure request workflow (依申请公开), shared by the workflow and the API.
// Imported inside the workflow bundle: only @temporalio/workflow and types here.
import type { DisclosureCommand, DisclosureRequestInput, DisclosureRequestState, DisclosureRequestView } from '#domain';
import { defineQuery, defineUpdate } from '@temporalio/workflow';

/** Input of disclosureRequestWorkflow: the application's fixed data, and the state carried over continue-as-new. */
export interface DisclosureRequestWorkflowInput {
  request: DisclosureRequestInput;
  /** Set only by continue-as-new. */
  resume?: DisclosureRequestState;
}

export const DISCLOSURE_REQUEST_WORKFLOW_TYPE = 'disclosureRequestWorkflow';

/**
 * Every human action on an application (confirm receipt, correction notice and correction, third-party
 * consultation, extension, reply, withdrawal). Its validator refuses what the regulation or the
 * application's state does not allow, leaving no trace in the history.
 */
export const disclosureCommandUpdate = defineUpdate<DisclosureRequestView, [DisclosureCommand]>('disclosureCommand');
export const disclosureViewQuery = defineQuery<DisclosureRequestView>('disclosureView');

/** Sent with the start (update-with-start): answers once the first projection is written. */
export const disclosureOpenedUpdate = defineUpdate<DisclosureRequestView, []>('disclosureOpened');

export function disclosureRequestWorkflowId(requestId: string): string {
  return `disclosure-request-${requestId}`;
}
