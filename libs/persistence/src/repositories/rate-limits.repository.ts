import type { DataSource } from 'typeorm';

/** A counter after one hit, as the throttler needs it (times in milliseconds from now). */
export interface RateLimitHit {
  hits: number;
  windowEndsInMs: number;
  /** 0 when the caller is not blocked. */
  blockedForMs: number;
}

// One statement, so concurrent hits from any number of API processes serialise on the row lock of the
// upsert: no lost increments, no read-then-write race. Every CASE reads the row as it was before this hit.
// While blocked a hit is not counted (as @nestjs/throttler's own storage does); once the block or the
// window has ended the hit opens a fresh window.
const INCREMENT = `
INSERT INTO "rate_limit_counters" AS c ("key", "throttler", "hits", "window_ends_at", "blocked_until")
VALUES ($1, $2, 1, now() + make_interval(secs => $3::double precision / 1000),
        CASE WHEN 1 > $4::integer THEN now() + make_interval(secs => $5::double precision / 1000) END)
ON CONFLICT ("key") DO UPDATE SET
  "hits" = CASE
    WHEN c."blocked_until" > now() THEN c."hits"
    WHEN c."blocked_until" IS NOT NULL OR c."window_ends_at" <= now() THEN 1
    ELSE c."hits" + 1 END,
  "window_ends_at" = CASE
    WHEN c."blocked_until" > now() THEN c."window_ends_at"
    WHEN c."blocked_until" IS NOT NULL OR c."window_ends_at" <= now() THEN EXCLUDED."window_ends_at"
    ELSE c."window_ends_at" END,
  "blocked_until" = CASE
    WHEN c."blocked_until" > now() THEN c."blocked_until"
    WHEN c."blocked_until" IS NOT NULL OR c."window_ends_at" <= now() THEN EXCLUDED."blocked_until"
    WHEN c."hits" + 1 > $4::integer THEN now() + make_interval(secs => $5::double precision / 1000)
    ELSE NULL END
RETURNING "hits",
  EXTRACT(EPOCH FROM ("window_ends_at" - now())) * 1000 AS "window_ms",
  COALESCE(GREATEST(EXTRACT(EPOCH FROM ("blocked_until" - now())) * 1000, 0), 0) AS "blocked_ms"`;

/** The shared rate-limit counters (table rate_limit_counters). */
export class RateLimitsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Counts one hit on `key`; blocks it for `blockMs` once hits pass `limit` within the `ttlMs` window. */
  async increment(key: string, throttler: string, ttlMs: number, limit: number, blockMs: number): Promise<RateLimitHit> {
    const [row] = (await this.dataSource.query(INCREMENT, [key, throttler, ttlMs, limit, blockMs])) as {
      hits: number;
      window_ms: string;
      blocked_ms: string;
    }[];
    return { hits: Number(row!.hits), windowEndsInMs: Number(row!.window_ms), blockedForMs: Number(row!.blocked_ms) };
  }

  /** Removes counters whose window and block have both ended; answers how many. */
  async deleteExpired(): Promise<number> {
    const result = (await this.dataSource.query(
      `DELETE FROM "rate_limit_counters" WHERE "window_ends_at" < now() AND ("blocked_until" IS NULL OR "blocked_until" < now())`,
    )) as [unknown, number];
    return result[1];
  }
}
