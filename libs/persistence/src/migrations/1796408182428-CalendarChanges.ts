import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The record of every change to the working calendar: who, and the year before and after (append-only). */
export class CalendarChanges1796408182428 implements MigrationInterface {
  name = 'CalendarChanges1796408182428';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "calendar_changes" ("seq" BIGSERIAL NOT NULL, "year" integer NOT NULL, "changed_by" uuid NOT NULL, "before" jsonb, "after" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_calendar_change" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "IX_calendar_change_year" ON "calendar_changes" ("year") `);
    await queryRunner.query(
      `ALTER TABLE "calendar_changes" ADD CONSTRAINT "FK_calendar_change_changed_by" FOREIGN KEY ("changed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "calendar_changes" DROP CONSTRAINT "FK_calendar_change_changed_by"`);
    await queryRunner.query(`DROP INDEX "public"."IX_calendar_change_year"`);
    await queryRunner.query(`DROP TABLE "calendar_changes"`);
  }
}
