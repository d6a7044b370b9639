import { DomainError, ErrorCode } from '#domain';
import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';

/** Sign-in attempts per caller address and username, and registrations per address, within the windows. */
export const SIGN_IN_LIMIT = { limit: 10, ttl: 5 * 60_000 };
export const REGISTER_LIMIT = { limit: 20, ttl: 60 * 60_000 };

/**
 * Slows password guessing on the public auth routes: keyed by the caller's address and the username
 * tried (so one guesser does not lock everyone out of an account, and a busy counter sharing one address
 * still signs in), refused as 429 RATE_LIMITED in our error shape with Retry-After.
 */
@Injectable()
export class SignInThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, any>): Promise<string> {
    const username = typeof req.body?.username === 'string' ? req.body.username.slice(0, 64) : '';
    return `${String(req.ip)}:${username}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new DomainError(ErrorCode.RATE_LIMITED, '尝试过于频繁，请稍后再试', [
      { rule: 'rateLimit', limit: detail.limit, windowSeconds: Math.round(detail.ttl / 1000), retryAfterSeconds: detail.timeToBlockExpire },
    ]);
  }
}
