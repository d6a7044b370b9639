import { DomainError, type ErrorCode, ErrorCode as Codes, type ErrorDetail } from '#domain';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger, Optional } from '@nestjs/common';
import type { Request, Response } from 'express';
import { redactUrl } from '../log-redaction';
import { RouteAccessVerifier } from '../auth/route-access';
import { databaseInputError } from './database-input-errors';
import { DEFAULT_MESSAGE, ERROR_STATUS } from './error-status';
import { isTransientDatabaseError, isTransientTemporalError } from './transient-errors';

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details: ErrorDetail[];
}

/** Status codes Nest or body-parser raise by themselves, and the code each one means here. */
const FRAMEWORK_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: Codes.VALIDATION_FAILED,
  [HttpStatus.UNAUTHORIZED]: Codes.AUTH_REQUIRED,
  [HttpStatus.FORBIDDEN]: Codes.FORBIDDEN_ROLE,
  [HttpStatus.NOT_FOUND]: Codes.ROUTE_NOT_FOUND,
  [HttpStatus.PAYLOAD_TOO_LARGE]: Codes.PAYLOAD_TOO_LARGE,
};

/**
 * Every error leaves as `{ statusCode, code, message, details }`. Domain errors carry their code;
 * framework errors (unknown route, a status Nest raised) get one here; anything else is
 * a 500 INTERNAL_ERROR, logged with the request id, with no stack in the body.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');
  /** Each route path as a pattern, with the methods it answers (built on the first unmatched request). */
  private routeMethods?: { pattern: RegExp; parameters: number; methods: string[] }[];

  constructor(@Optional() private readonly routes?: RouteAccessVerifier) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request & { id?: string }>();
    // A path the API has, asked with a method it has not: Nest's router answers that as an unknown path, or
    // hands it to a parameterised sibling (PUT /api/calendar/deadline reaches PUT /api/calendar/:year),
    // whose validation then refuses it. Either way the resource is the literal path: 405.
    const allowed = this.methodsOf(request.path);
    const wrongMethod = allowed.length > 0 && !allowed.includes(request.method);
    const body = wrongMethod ? this.framework(Codes.METHOD_NOT_ALLOWED) : this.toBody(exception);
    // RFC 9110 §15.5.6: a 405 lists the methods the resource has.
    if (wrongMethod) response.setHeader('Allow', allowed.join(', '));
    if (body.code === Codes.INPUT_NOT_STORABLE) {
      // The validation rules should have refused this request: say which one is missing.
      this.logger.warn({ err: exception, requestId: request.id, method: request.method, url: request.originalUrl }, 'database refused request input');
    } else if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: request.id, method: request.method, url: redactUrl(request.originalUrl) }, 'unhandled error');
    }
    // Explicitly JSON: a route that declares another type (@Header on flow.svg, a PDF, a feed) would
    // otherwise send its error body under that type, and express's json() keeps a type already set.
    response.status(body.statusCode).type('application/json; charset=utf-8').json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return { statusCode: ERROR_STATUS[exception.code], code: exception.code, message: exception.message, details: exception.details };
    }
    if (exception instanceof HttpException) {
      const code = FRAMEWORK_CODES[exception.getStatus()];
      if (code) return this.framework(code);
    }
    // A value PostgreSQL refused as input (the second line behind the validation rules).
    const input = databaseInputError(exception);
    if (input) {
      return {
        ...this.framework(Codes.INPUT_NOT_STORABLE),
        details: [{ ...(input.column ? { field: input.column } : {}), rule: `sqlstate:${input.sqlState}` }],
      };
    }
    // PostgreSQL or Temporal away for a moment (a restart): the client may retry, so say so.
    if (isTransientDatabaseError(exception) || isTransientTemporalError(exception)) {
      return { statusCode: ERROR_STATUS[Codes.SERVICE_UNAVAILABLE], code: Codes.SERVICE_UNAVAILABLE, message: '服务暂时不可用，请稍后重试', details: [] };
    }
    return this.framework(Codes.INTERNAL_ERROR);
  }

  /**
   * The methods of the route `path` is: Nest answers a path it has with another method as a path it
   * has not (404); a client (and Schemathesis' unsupported_method check) is told 405 and the methods.
   * Where several route paths match (`/api/calendar/deadline` and `/api/calendar/:year`), the one with
   * the fewest parameters is the resource, as the OpenAPI document describes it.
   */
  private methodsOf(path: string): string[] {
    if (!this.routes) return [];
    this.routeMethods ??= Object.values(
      this.routes.routes().reduce<Record<string, { pattern: RegExp; parameters: number; methods: string[] }>>((table, route) => {
        const source = route.path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+');
        const entry = (table[route.path] ??= { pattern: new RegExp(`^${source}/?$`), parameters: (route.path.match(/:/g) ?? []).length, methods: [] });
        entry.methods.push(route.method);
        return table;
      }, {}),
    );
    const matching = this.routeMethods.filter((r) => r.pattern.test(path));
    const fewest = Math.min(...matching.map((r) => r.parameters));
    const methods = new Set(matching.filter((r) => r.parameters === fewest).flatMap((r) => r.methods));
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  }

  private framework(code: ErrorCode): ErrorBody {
    return { statusCode: ERROR_STATUS[code], code, message: DEFAULT_MESSAGE[code] ?? code, details: [] };
  }
}
