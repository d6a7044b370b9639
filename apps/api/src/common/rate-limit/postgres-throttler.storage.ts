import type { RateLimitsRepository } from '#persistence';
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

const SWEEP_INTERVAL_MS = 60_000;

/**
 * Throttler counters in PostgreSQL (table rate_limit_counters) instead of the library's per-process
 * memory, so a guesser gains nothing by spreading requests over several API processes behind the
 * balancer. PostgreSQL rather than Redis: every process already holds a pool to it, it is started and
 * backed up like the rest of the data, and one upsert gives an atomic increment — no second service to
 * run, secure and monitor for a few thousand hits a minute.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(PostgresThrottlerStorage.name);
  private sweep?: NodeJS.Timeout;

  constructor(private readonly counters: RateLimitsRepository) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    this.sweep ??= this.startSweep();
    const hit = await this.counters.increment(key, throttlerName, ttl, limit, blockDuration > 0 ? blockDuration : ttl);
    const blocked = hit.blockedForMs > 0;
    return {
      totalHits: hit.hits,
      timeToExpire: Math.max(0, Math.ceil(hit.windowEndsInMs / 1000)),
      isBlocked: blocked,
      timeToBlockExpire: blocked ? Math.max(1, Math.ceil(hit.blockedForMs / 1000)) : 0,
    };
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweep);
    this.sweep = undefined;
  }

  /** Every process sweeps; a DELETE of ended rows is harmless when two run at once. */
  private startSweep(): NodeJS.Timeout {
    const timer = setInterval(() => {
      this.counters.deleteExpired().catch((error: unknown) => this.logger.warn(`rate-limit sweep failed: ${String(error)}`));
    }, SWEEP_INTERVAL_MS);
    timer.unref();
    return timer;
  }
}
