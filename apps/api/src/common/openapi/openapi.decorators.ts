import { type ErrorCode, ITEM_CODE_PATTERN } from '#domain';
import { SetMetadata } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

export const API_ERRORS_KEY = 'zwt:api-errors';
export const API_FILE_OPTIONAL_KEY = 'zwt:api-file-optional';

/**
 * The error codes a route's service may answer with, for the OpenAPI document (each under the status
 * ERROR_STATUS gives it). The codes every route of a kind can answer — VALIDATION_FAILED for a route
 * with input, AUTH_* and FORBIDDEN_ROLE for a non-public one, RATE_LIMITED behind a throttler,
 * PAYLOAD_TOO_LARGE for a body, SERVICE_UNAVAILABLE — are added by the document builder itself.
 */
export const ApiErrors = (...codes: ErrorCode[]) => SetMetadata(API_ERRORS_KEY, codes);

/** An upload route that answers without a file too (the multipart `file` is then not required). */
export const ApiFileOptional = () => SetMetadata(API_FILE_OPTIONAL_KEY, true);

/**
 * The `{code}` of an item's routes: the service, not a DTO, checks it (400 ITEM_CODE_INVALID), so the
 * document says its syntax here. On a controller, it describes `{code}` wherever a path has one.
 */
export const ApiItemCodeParam = () =>
  ApiParam({
    name: 'code',
    description: '事项编码（附件2）：办理主体编码-事项类型代码-事项序号',
    schema: { type: 'string', pattern: ITEM_CODE_PATTERN.source, example: '33030300AJ-XK-0001' },
  });

/** The flow DSL's schema (docs/flow-dsl.schema.json) in the document, for a body that is a flow definition. */
export const FLOW_DEFINITION_REF = '#/components/schemas/FlowDefinition';
