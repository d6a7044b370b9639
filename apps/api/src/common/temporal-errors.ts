import { DomainError, ErrorCode, type ErrorDetail, isErrorCode } from '#domain';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, TemporalFailure } from '@temporalio/common';

/**
 * A refused or failed workflow Update as a domain error: the first ApplicationFailure down the
 * cause chain (the validator's refusal, or a business failure of an activity the handler ran)
 * carries one of our error codes as its type. Anything else is left as it is (a 500).
 */
export function updateFailureToDomainError(error: unknown): unknown {
  if (!(error instanceof WorkflowUpdateFailedError)) return error;
  let cause: unknown = error.cause;
  while (cause instanceof TemporalFailure) {
    if (cause instanceof ApplicationFailure) {
      const details = (cause.details ?? []).filter((d): d is ErrorDetail => typeof d === 'object' && d !== null);
      return new DomainError(isErrorCode(cause.type) ? cause.type : ErrorCode.WORKFLOW_ACTION_REFUSED, cause.message, details);
    }
    cause = cause.cause;
  }
  return error;
}
