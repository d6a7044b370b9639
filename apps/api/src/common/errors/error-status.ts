import { ErrorCode } from '#domain';
import { HttpStatus } from '@nestjs/common';

/**
 * The HTTP status of every error code. A Record over the whole union: adding a code to
 * libs/domain without mapping it here does not compile.
 */
export const ERROR_STATUS: Record<ErrorCode, HttpStatus> = {
  [ErrorCode.VALIDATION_FAILED]: HttpStatus.BAD_REQUEST,
  [ErrorCode.MALFORMED_JSON]: HttpStatus.BAD_REQUEST,
  [ErrorCode.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCode.ROUTE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.AUTH_REQUIRED]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.AUTH_TOKEN_INVALID]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.AUTH_INVALID_CREDENTIALS]: HttpStatus.UNAUTHORIZED,
  [ErrorCode.FORBIDDEN_ROLE]: HttpStatus.FORBIDDEN,
  [ErrorCode.FORBIDDEN_ORG_SCOPE]: HttpStatus.FORBIDDEN,
  [ErrorCode.ORG_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.ITEM_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.ITEM_CODE_INVALID]: HttpStatus.BAD_REQUEST,
  [ErrorCode.ITEM_CODE_TAKEN]: HttpStatus.CONFLICT,
  [ErrorCode.ITEM_SEQUENCE_EXHAUSTED]: HttpStatus.CONFLICT,
  [ErrorCode.ITEM_NOT_ACTIVE]: HttpStatus.CONFLICT,
  [ErrorCode.ITEM_NOT_PENALTY]: HttpStatus.CONFLICT,
  [ErrorCode.DISCRETION_NO_RULE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CHANGE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.CHANGE_NOT_PENDING]: HttpStatus.CONFLICT,
  [ErrorCode.CHANGE_ALREADY_PENDING]: HttpStatus.CONFLICT,
  [ErrorCode.CHANGE_TARGET_INVALID]: HttpStatus.BAD_REQUEST,
  [ErrorCode.IMPORT_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [ErrorCode.FLOW_INVALID]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.FLOW_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.CALENDAR_YEAR_MISSING]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCode.CALENDAR_INVALID]: HttpStatus.BAD_REQUEST,
  [ErrorCode.CASE_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.CASE_FINISHED]: HttpStatus.CONFLICT,
  [ErrorCode.CASE_STEP_NOT_ACTIVE]: HttpStatus.CONFLICT,
  [ErrorCode.CASE_ACTION_NOT_ALLOWED]: HttpStatus.CONFLICT,
  [ErrorCode.CASE_ACTOR_NOT_ALLOWED]: HttpStatus.FORBIDDEN,
  [ErrorCode.CASE_ACTION_OUT_OF_ORDER]: HttpStatus.CONFLICT,
  [ErrorCode.CASE_IN_CORRECTION]: HttpStatus.CONFLICT,
  [ErrorCode.CASE_NOT_IN_CORRECTION]: HttpStatus.CONFLICT,
  [ErrorCode.CASE_NOT_FINISHED]: HttpStatus.CONFLICT,
  [ErrorCode.CASE_ALREADY_RATED]: HttpStatus.CONFLICT,
  [ErrorCode.CONSULTATION_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.CONSULTATION_ALREADY_ANSWERED]: HttpStatus.CONFLICT,
  [ErrorCode.APPLICANT_ID_INVALID]: HttpStatus.BAD_REQUEST,
  [ErrorCode.APPLICANT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.DOCUMENT_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.ALARM_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.ALARM_TRANSITION_INVALID]: HttpStatus.CONFLICT,
  [ErrorCode.PING_NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCode.PING_ALREADY_FINISHED]: HttpStatus.CONFLICT,
  [ErrorCode.WORKFLOW_ACTION_REFUSED]: HttpStatus.CONFLICT,
  [ErrorCode.SERVICE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCode.INTERNAL_ERROR]: HttpStatus.INTERNAL_SERVER_ERROR,
};

/** Chinese default messages for errors raised by the framework rather than by our services. */
export const DEFAULT_MESSAGE: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.VALIDATION_FAILED]: '请求参数有误',
  [ErrorCode.MALFORMED_JSON]: '请求体不是合法的 JSON',
  [ErrorCode.PAYLOAD_TOO_LARGE]: '请求体过大',
  [ErrorCode.ROUTE_NOT_FOUND]: '请求的地址不存在',
  [ErrorCode.AUTH_REQUIRED]: '请先登录',
  [ErrorCode.FORBIDDEN_ROLE]: '当前角色无权执行此操作',
  [ErrorCode.INTERNAL_ERROR]: '服务器内部错误',
};
