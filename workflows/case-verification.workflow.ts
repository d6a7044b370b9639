import type { CaseVerificationInput, CaseVerificationReport } from '#temporal/verification-messages';
import type { VerificationActivities } from '#activities';
import { proxyActivities } from '@temporalio/workflow';

const { verifyCaseHistory } = proxyActivities<VerificationActivities>({
  // A replay of a long case (thousands of events, several runs) takes seconds; no retry loop for a read.
  startToCloseTimeout: '2 minutes',
  retry: { maximumAttempts: 2 },
});

/**
 * The supervision office's check of one case: its history replayed with the worker's own workflow
 * code (deterministic?) and the PostgreSQL projection compared with the state rebuilt from the
 * history. A workflow, so that the replay runs where the workflow code is (the worker), never in the API.
 */
export async function caseVerificationWorkflow(input: CaseVerificationInput): Promise<CaseVerificationReport> {
  return verifyCaseHistory(input);
}
