import { DomainError, ErrorCode } from '#domain';
import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';

/**
 * Public lookups that name a person (办件结果查询, 依申请公开 status) a caller address may make within the
 * window: a citizen checks a few times, a script trying query codes or ID numbers against case numbers
 * is stopped long before it could hit one.
 */
export const LOOKUP_LIMITS = { limit: 20, ttl: 10 * 60_000 };

/** Keyed by the caller's address only (the guessed values change with every try); 429 RATE_LIMITED in our error shape. */
@Injectable()
export class LookupThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, any>): Promise<string> {
    return `lookup:${String(req.ip)}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new DomainError(ErrorCode.RATE_LIMITED, '查询过于频繁，请稍后再试', [
      { rule: 'rateLimit', limit: detail.limit, windowSeconds: Math.round(detail.ttl / 1000), retryAfterSeconds: detail.timeToBlockExpire },
    ]);
  }
}
