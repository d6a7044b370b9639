import { DomainError, ErrorCode } from '#domain';
import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';

/** Comments and feedback a caller may send on one document within the window. */
export const COMMENT_LIMIT = 10;
export const COMMENT_WINDOW_MS = 10 * 60_000;
export const COMMENT_LIMITS = { limit: COMMENT_LIMIT, ttl: COMMENT_WINDOW_MS };

/**
 * Rate limit of the public comment and feedback routes only (no login there): per caller address and
 * document, so one person cannot flood a consultation, and the refusal is our error body with a
 * stable code (429 RATE_LIMITED, Retry-After set by the throttler: the route's `@Throttle({ default: COMMENT_LIMITS })`).
 */
@Injectable()
export class CommentThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, any>): Promise<string> {
    const params = req.params as Record<string, string> | undefined;
    return `${String(req.ip)}:${params?.id ?? ''}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new DomainError(ErrorCode.RATE_LIMITED, '提交过于频繁，请稍后再试', [{ rule: 'rateLimit', limit: detail.limit, windowSeconds: Math.round(detail.ttl / 1000), retryAfterSeconds: detail.timeToBlockExpire }]);
  }
}
