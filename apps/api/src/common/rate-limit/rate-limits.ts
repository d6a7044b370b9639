import { applyDecorators, type ExecutionContext, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { normalizeIp, type ThrottlerOptions } from '@nestjs/throttler';
import { createHash } from 'node:crypto';
import { RateLimitGuard } from './rate-limit.guard';

/** What the trackers read of an Express request (the throttler hands it over untyped). */
type Request = { ip?: unknown; body?: Record<string, unknown> | null; params?: Record<string, string> };

/** The caller's address as Express gives it (X-Forwarded-For only behind TRUST_PROXY), IPv6 by its /64. */
function address(req: Request): string {
  return normalizeIp(String(req.ip ?? ''));
}

function bodyString(req: Request, field: string): string {
  const value = req.body?.[field];
  return typeof value === 'string' ? value.slice(0, 64) : '';
}

interface RateLimitRule {
  /** Hits allowed within the window … */
  limit: number;
  /** … of this many milliseconds; the caller is then refused for as long again (429 RATE_LIMITED, Retry-After). */
  ttl: number;
  /** What is counted: the address, a username, a document … */
  tracker: (req: Request) => string;
}

const MINUTE = 60_000;

/**
 * Every rate limit of the public routes, by name. A route opts in with `@RateLimit(name, …)`; every named
 * limit it lists must hold. Counters live in PostgreSQL (PostgresThrottlerStorage), so all API processes
 * on one database count together.
 */
export const RATE_LIMITS = {
  /** Password guessing against one account, from however many addresses (the account's owner waits too). */
  signInUsername: { limit: 10, ttl: 5 * MINUTE, tracker: (req) => `username:${bodyString(req, 'username')}` },
  /**
   * Guessing from one address across accounts; high enough for a service centre whose counter staff all
   * sign in from behind one address at opening time.
   */
  signInAddress: { limit: 60, ttl: 5 * MINUTE, tracker: address },
  /** New applicant accounts from one address, whatever the usernames (each costs two argon2 hashes). */
  register: { limit: 10, ttl: 60 * MINUTE, tracker: address },
  /** Public comments and feedback on one document from one address. */
  comment: { limit: 10, ttl: 10 * MINUTE, tracker: (req) => `${address(req)}:${String((req.params as Record<string, string> | undefined)?.id ?? '')}` },
  /** Public uploads of a copy to check its seal (POST /api/documents/:id/verify), up to 20 MiB each. */
  documentVerify: { limit: 20, ttl: 10 * MINUTE, tracker: address },
  /** Public lookups that name a person or a case (result query, disclosure status query). */
  publicLookup: { limit: 30, ttl: 10 * MINUTE, tracker: address },
} satisfies Record<string, RateLimitRule>;

export type RateLimitName = keyof typeof RATE_LIMITS;

const RATE_LIMITS_KEY = 'zwt:rate-limits';

function limitsOf(context: ExecutionContext): readonly RateLimitName[] {
  return (
    (Reflect.getMetadata(RATE_LIMITS_KEY, context.getHandler()) as RateLimitName[] | undefined) ??
    (Reflect.getMetadata(RATE_LIMITS_KEY, context.getClass()) as RateLimitName[] | undefined) ??
    []
  );
}

/**
 * The route is limited by each named limit (all must hold), refused with 429 RATE_LIMITED. The limit is
 * checked before the body is read by an interceptor (multer), as guards run first.
 */
export function RateLimit(...names: [RateLimitName, ...RateLimitName[]]) {
  return applyDecorators(SetMetadata(RATE_LIMITS_KEY, names), UseGuards(RateLimitGuard), ApiTooManyRequestsResponse({ description: 'RATE_LIMITED' }));
}

/**
 * The throttlers of ThrottlerModule: one per named limit, each skipped on routes that did not name it.
 * `namespace` keeps apart counters of processes that must not count together (each test app has its own);
 * the API processes of one deployment share the default.
 */
export function rateLimitThrottlers(namespace: string): {
  throttlers: ThrottlerOptions[];
  setHeaders: boolean;
  generateKey: (context: ExecutionContext, tracker: string, name: string) => string;
} {
  return {
    // X-RateLimit-* headers would carry each limit's name; RateLimitGuard sets Retry-After on a refusal.
    setHeaders: false,
    throttlers: Object.entries(RATE_LIMITS).map(([name, rule]) => ({
      name,
      limit: rule.limit,
      ttl: rule.ttl,
      blockDuration: rule.ttl,
      getTracker: (req: Request) => rule.tracker(req),
      skipIf: (context: ExecutionContext) => !limitsOf(context).includes(name as RateLimitName),
    })),
    generateKey: (context, tracker, name) =>
      createHash('sha256')
        .update(`${namespace}\u0000${name}\u0000${context.getClass().name}.${context.getHandler().name}\u0000${tracker}`, 'utf8')
        .digest('hex'),
  };
}
