import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Efficiency statistics (效能统计) without timing every row at query time: each finished case's and
 * step's handling working hours, stored by the projection when it records the end, and an index for
 * the steps' period filter. Rows projected before this keep NULL, which the statistics time from the
 * calendar's day table as before (the calendar is JSON per year, so no SQL backfill here).
 */
export class StatsHandlingHours1795812819606 implements MigrationInterface {
  name = 'StatsHandlingHours1795812819606';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "cases" ADD "handling_hours" double precision');
    await queryRunner.query('ALTER TABLE "case_tasks" ADD "handling_hours" double precision');
    await queryRunner.query('CREATE INDEX "IX_case_task_started_at" ON "case_tasks" ("started_at") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IX_case_task_started_at"');
    await queryRunner.query('ALTER TABLE "case_tasks" DROP COLUMN "handling_hours"');
    await queryRunner.query('ALTER TABLE "cases" DROP COLUMN "handling_hours"');
  }
}
