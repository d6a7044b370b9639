// Message definitions of the case verification workflow (GET /api/supervision/cases/:id/timeline/verify).
// Imported inside the workflow bundle: types and constants only.

/** Input of caseVerificationWorkflow: the case to verify. */
export interface CaseVerificationInput {
  caseId: string;
  /** The case workflow's id (case-<caseId>). */
  workflowId: string;
}

/** One difference between the PostgreSQL projection and the case rebuilt from its history. */
export interface ProjectionMismatch {
  /** e.g. status, alarmLevel, openSteps */
  field: string;
  projection: unknown;
  history: unknown;
}

/** What a verification found. */
export interface CaseVerificationReport {
  caseId: string;
  workflowId: string;
  /** Every run replayed with the worker's workflow code, first first. */
  runs: { runId: string; events: number; deterministic: boolean; error: string | null }[];
  /** Every run replays without a nondeterminism error. */
  deterministic: boolean;
  /** The projection (case row and its steps) equals the state rebuilt from the history. */
  projectionMatches: boolean;
  differences: ProjectionMismatch[];
  /** Epoch ms. */
  checkedAt: number;
}

export const CASE_VERIFICATION_WORKFLOW_TYPE = 'caseVerificationWorkflow';
