import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Flow versions with their compiled plans, the working-day calendar, case alarms, users' posts (岗位). */
export class Flows1795802304120 implements MigrationInterface {
  name = 'Flows1795802304120';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "flow_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "version" integer NOT NULL, "hash" character varying(80) NOT NULL, "definition" jsonb NOT NULL, "plan" jsonb NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_flow_version" UNIQUE ("item_id", "version"), CONSTRAINT "PK_flow_version" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "calendar_years" ("year" integer NOT NULL, "data" jsonb NOT NULL, "source" character varying(100) NOT NULL, "updated_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_calendar_year_range" CHECK ("year" BETWEEN 2000 AND 2100), CONSTRAINT "PK_calendar_year" PRIMARY KEY ("year"))',
    );
    await queryRunner.query(
      'CREATE TABLE "case_alarms" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "case_number" character varying(64) NOT NULL, "item_code" character varying(20) NOT NULL, "alarm_key" character varying(200) NOT NULL, "kind" character varying(32) NOT NULL, "level" character varying(16) NOT NULL, "step_token" character varying(100), "message" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "status" character varying(16) NOT NULL DEFAULT \'open\', CONSTRAINT "UQ_case_alarm" UNIQUE ("case_id", "alarm_key"), CONSTRAINT "CK_case_alarm_status" CHECK ("status" IN (\'open\', \'investigating\', \'rectifying\', \'closed\')), CONSTRAINT "CK_case_alarm_level" CHECK ("level" IN (\'reminder\', \'yellow\', \'red\')), CONSTRAINT "PK_case_alarm" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_case_alarm_case" ON "case_alarms" ("case_id") ');
    await queryRunner.query('CREATE INDEX "IX_case_alarm_item_code" ON "case_alarms" ("item_code") ');
    await queryRunner.query('CREATE INDEX "IX_case_alarm_status" ON "case_alarms" ("status") ');
    await queryRunner.query('ALTER TABLE "users" ADD "posts" jsonb NOT NULL DEFAULT \'[]\'');
    await queryRunner.query(
      'ALTER TABLE "flow_versions" ADD CONSTRAINT "FK_flow_version_item" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "flow_versions" ADD CONSTRAINT "FK_flow_version_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "flow_versions" DROP CONSTRAINT "FK_flow_version_created_by"');
    await queryRunner.query('ALTER TABLE "flow_versions" DROP CONSTRAINT "FK_flow_version_item"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "posts"');
    await queryRunner.query('DROP INDEX "public"."IX_case_alarm_status"');
    await queryRunner.query('DROP INDEX "public"."IX_case_alarm_item_code"');
    await queryRunner.query('DROP INDEX "public"."IX_case_alarm_case"');
    await queryRunner.query('DROP TABLE "case_alarms"');
    await queryRunner.query('DROP TABLE "calendar_years"');
    await queryRunner.query('DROP TABLE "flow_versions"');
  }
}
