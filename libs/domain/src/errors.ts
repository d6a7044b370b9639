/**
 * Every machine-readable error code the platform answers with. Clients rely on these strings:
 * add codes, never rename one. The HTTP status of each code is fixed in one exhaustive record in
 * apps/api, so a new code cannot go unmapped.
 */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  MALFORMED_JSON: 'MALFORMED_JSON',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  AUTH_REQUIRED: 'AUTH_REQUIRED',
  AUTH_TOKEN_INVALID: 'AUTH_TOKEN_INVALID',
  AUTH_INVALID_CREDENTIALS: 'AUTH_INVALID_CREDENTIALS',
  FORBIDDEN_ROLE: 'FORBIDDEN_ROLE',
  FORBIDDEN_ORG_SCOPE: 'FORBIDDEN_ORG_SCOPE',
  ORG_NOT_FOUND: 'ORG_NOT_FOUND',
  ITEM_NOT_FOUND: 'ITEM_NOT_FOUND',
  ITEM_CODE_INVALID: 'ITEM_CODE_INVALID',
  ITEM_CODE_TAKEN: 'ITEM_CODE_TAKEN',
  ITEM_SEQUENCE_EXHAUSTED: 'ITEM_SEQUENCE_EXHAUSTED',
  ITEM_NOT_ACTIVE: 'ITEM_NOT_ACTIVE',
  ITEM_NOT_PENALTY: 'ITEM_NOT_PENALTY',
  DISCRETION_NO_RULE: 'DISCRETION_NO_RULE',
  CHANGE_NOT_FOUND: 'CHANGE_NOT_FOUND',
  CHANGE_NOT_PENDING: 'CHANGE_NOT_PENDING',
  CHANGE_ALREADY_PENDING: 'CHANGE_ALREADY_PENDING',
  CHANGE_TARGET_INVALID: 'CHANGE_TARGET_INVALID',
  IMPORT_INVALID: 'IMPORT_INVALID',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FLOW_INVALID: 'FLOW_INVALID',
  FLOW_NOT_FOUND: 'FLOW_NOT_FOUND',
  CALENDAR_YEAR_MISSING: 'CALENDAR_YEAR_MISSING',
  CALENDAR_INVALID: 'CALENDAR_INVALID',
  CASE_NOT_FOUND: 'CASE_NOT_FOUND',
  CASE_FINISHED: 'CASE_FINISHED',
  CASE_STEP_NOT_ACTIVE: 'CASE_STEP_NOT_ACTIVE',
  CASE_ACTION_NOT_ALLOWED: 'CASE_ACTION_NOT_ALLOWED',
  CASE_ACTOR_NOT_ALLOWED: 'CASE_ACTOR_NOT_ALLOWED',
  CASE_ACTION_OUT_OF_ORDER: 'CASE_ACTION_OUT_OF_ORDER',
  CASE_IN_CORRECTION: 'CASE_IN_CORRECTION',
  CASE_NOT_IN_CORRECTION: 'CASE_NOT_IN_CORRECTION',
  CASE_REASON_REQUIRED: 'CASE_REASON_REQUIRED',
  CASE_NOT_FINISHED: 'CASE_NOT_FINISHED',
  CASE_ALREADY_RATED: 'CASE_ALREADY_RATED',
  CONSULTATION_NOT_FOUND: 'CONSULTATION_NOT_FOUND',
  CONSULTATION_ALREADY_ANSWERED: 'CONSULTATION_ALREADY_ANSWERED',
  APPLICANT_ID_INVALID: 'APPLICANT_ID_INVALID',
  APPLICANT_NOT_FOUND: 'APPLICANT_NOT_FOUND',
  DOCUMENT_NOT_FOUND: 'DOCUMENT_NOT_FOUND',
  ALARM_NOT_FOUND: 'ALARM_NOT_FOUND',
  ALARM_TRANSITION_INVALID: 'ALARM_TRANSITION_INVALID',
  PING_NOT_FOUND: 'PING_NOT_FOUND',
  PING_ALREADY_FINISHED: 'PING_ALREADY_FINISHED',
  WORKFLOW_ACTION_REFUSED: 'WORKFLOW_ACTION_REFUSED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** One problem in a request or a definition, pointing at where it is. */
export interface ErrorDetail {
  field?: string;
  rule?: string;
  message?: string;
  [key: string]: unknown;
}

/** What services throw for every expected failure; the API maps `code` to an HTTP status. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ErrorCode, value);
}

/** For exhaustive switches: the compiler proves this is never reached. */
export function assertUnreachable(value: never): never {
  throw new Error(`unreachable: ${String(value)}`);
}
