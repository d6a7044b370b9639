import { DomainError, ErrorCode } from '#domain';
import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';

/**
 * @nestjs/throttler's guard, refusing in our error shape: 429 RATE_LIMITED with a plain Retry-After
 * (the library would name it Retry-After-<limit> for named limits, which no client reads).
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    context.switchToHttp().getResponse<{ setHeader(name: string, value: number): void }>().setHeader('Retry-After', detail.timeToBlockExpire);
    throw new DomainError(ErrorCode.RATE_LIMITED, '操作过于频繁，请稍后再试', [
      { rule: 'rateLimit', limit: detail.limit, windowSeconds: Math.round(detail.ttl / 1000), retryAfterSeconds: detail.timeToBlockExpire },
    ]);
  }
}
