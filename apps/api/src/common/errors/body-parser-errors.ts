import { DomainError, ErrorCode } from '#domain';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { Observable } from 'rxjs';

/** Where a body-parser failure waits for the guards (see bodyParserErrors). */
const BODY_ERROR = Symbol('bodyError');
type WithBodyError = Request & { [BODY_ERROR]?: DomainError };

/**
 * body-parser's failures, turned into domain errors before Nest sees them: Nest would make a
 * malformed body a bare 400 and lose what kind of failure it was. A body that cannot be read is kept
 * on the request and raised by BodyErrorInterceptor, after the guards: a caller without the right token
 * is told 401 or 403 whatever its body, as a well-formed request would be (body-parser runs before any
 * guard).
 */
export function bodyParserErrors(error: unknown, req: Request, _res: Response, next: NextFunction): void {
  const refusal = refusalOf(error);
  if (!refusal) return next(error);
  // Too large is refused at once, whoever asks: the rest of the body is not read, and no guard need run.
  if (refusal.code === ErrorCode.PAYLOAD_TOO_LARGE) return next(refusal);
  (req as WithBodyError)[BODY_ERROR] = refusal;
  req.body = undefined;
  next();
}

function refusalOf(error: unknown): DomainError | undefined {
  switch ((error as { type?: unknown } | null)?.type) {
    case 'entity.parse.failed':
      return new DomainError(ErrorCode.MALFORMED_JSON, '请求体不是合法的 JSON');
    case 'entity.too.large':
      return new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, '请求体过大');
    case 'encoding.unsupported':
    case 'charset.unsupported':
    case 'request.aborted':
    case 'request.size.invalid':
      return new DomainError(ErrorCode.VALIDATION_FAILED, '请求体无法读取');
    default:
      return undefined;
  }
}

/** Raises the body-parser failure kept on the request, once the guards have let the caller through. */
@Injectable()
export class BodyErrorInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const refusal = context.switchToHttp().getRequest<WithBodyError>()[BODY_ERROR];
    if (refusal) throw refusal;
    return next.handle();
  }
}
