import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rate-limit counters shared by every API process (sign-in, registration, public uploads and lookups). */
export class RateLimitCounters1796407424482 implements MigrationInterface {
  name = 'RateLimitCounters1796407424482';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rate_limit_counters" ("key" character(64) NOT NULL, "throttler" character varying(64) NOT NULL, "hits" integer NOT NULL, "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "blocked_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_rate_limit_counter" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(`CREATE INDEX "IX_rate_limit_counter_window" ON "rate_limit_counters" ("window_ends_at") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IX_rate_limit_counter_window"`);
    await queryRunner.query(`DROP TABLE "rate_limit_counters"`);
  }
}
