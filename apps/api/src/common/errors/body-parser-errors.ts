import { DomainError, ErrorCode } from '#domain';
import type { NextFunction, Request, Response } from 'express';

/**
 * body-parser's failures, turned into domain errors before Nest sees them: Nest would make a
 * malformed body a bare 400 and lose what kind of failure it was.
 */
export function bodyParserErrors(error: unknown, _req: Request, _res: Response, next: NextFunction): void {
  switch ((error as { type?: unknown } | null)?.type) {
    case 'entity.parse.failed':
      return next(new DomainError(ErrorCode.MALFORMED_JSON, '请求体不是合法的 JSON'));
    case 'entity.too.large':
      return next(new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, '请求体过大'));
    case 'encoding.unsupported':
    case 'charset.unsupported':
    case 'request.aborted':
    case 'request.size.invalid':
      return next(new DomainError(ErrorCode.VALIDATION_FAILED, '请求体无法读取'));
    default:
      return next(error);
  }
}
