import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One rate-limit counter (sign-in, registration, public uploads and lookups): a fixed window of hits
 * and, once the limit is passed, the instant the caller may try again. Kept in PostgreSQL so that every
 * API process counts together; rows whose window and block have both ended are swept.
 */
@Entity({ name: 'rate_limit_counters' })
export class RateLimitCounterEntity {
  /** SHA-256 (hex) of namespace, limit name, route and tracker (address, username …): no address stored in clear. */
  @PrimaryColumn({ name: 'key', type: 'char', length: 64, primaryKeyConstraintName: 'PK_rate_limit_counter' })
  key!: string;

  @Column({ name: 'throttler', type: 'varchar', length: 64 })
  throttler!: string;

  @Column({ name: 'hits', type: 'integer' })
  hits!: number;

  @Index('IX_rate_limit_counter_window')
  @Column({ name: 'window_ends_at', type: 'timestamptz' })
  windowEndsAt!: Date;

  @Column({ name: 'blocked_until', type: 'timestamptz', nullable: true })
  blockedUntil!: Date | null;
}
