// Message definitions of the case interpreter workflow, shared by the workflow and the API.
// Imported inside the workflow bundle: only @temporalio/workflow and types here.
import type { CaseCommand, CaseInput, CaseState, CaseView } from '#domain';
import { defineQuery, defineUpdate } from '@temporalio/workflow';

/** Input of caseWorkflow: the case's fixed data (with its plan), and the state carried over continue-as-new. */
export interface CaseWorkflowInput {
  case: CaseInput;
  /** Set only by continue-as-new. */
  resume?: CaseState;
  /** Continue as new past this many history events (default CASE_HISTORY_LIMIT); tests lower it. */
  historyLimit?: number;
}

export const CASE_WORKFLOW_TYPE = 'caseWorkflow';

/**
 * Every human action on a case (act on a step, resubmit corrections, withdraw). Its validator
 * refuses what the plan does not allow — wrong step, org, department or post, action, order, or a
 * finished case — leaving no trace in the history; the API records refused attempts itself.
 */
export const caseCommandUpdate = defineUpdate<CaseView, [CaseCommand]>('caseCommand');
export const caseViewQuery = defineQuery<CaseView>('caseView');

/**
 * Sent with the start (update-with-start) when a case is filed: answers once the case's first
 * projection is written, so the filer's next look at a work queue already shows its first step.
 */
export const caseOpenedUpdate = defineUpdate<CaseView, []>('caseOpened');

export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}
