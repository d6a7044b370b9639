import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Cases and their work queue (projections of the case workflows), case numbers, refused attempts. */
export class Cases1795803543151 implements MigrationInterface {
  name = 'Cases1795803543151';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "cases" ("id" uuid NOT NULL, "case_number" character varying(40) NOT NULL, "request_id" character varying(100) NOT NULL, "filed_by" uuid NOT NULL, "item_id" uuid NOT NULL, "item_code" character varying(20) NOT NULL, "item_name" character varying(200) NOT NULL, "flow_version" integer NOT NULL, "plan_hash" character varying(80) NOT NULL, "intake_org_id" uuid NOT NULL, "applicant_user_id" uuid, "applicant_name" character varying(200) NOT NULL, "materials" jsonb NOT NULL, "status" character varying(16) NOT NULL, "outcome" character varying(16), "alarm_level" character varying(16) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "promised_deadline_at" TIMESTAMP WITH TIME ZONE, "legal_deadline_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "workflow_id" character varying(200) NOT NULL, "revision" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_case_request" UNIQUE ("filed_by", "request_id"), CONSTRAINT "UQ_case_number" UNIQUE ("case_number"), CONSTRAINT "CK_case_status" CHECK ("status" IN (\'running\', \'correction\', \'finished\')), CONSTRAINT "PK_case" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_case_item_code" ON "cases" ("item_code") ');
    await queryRunner.query('CREATE INDEX "IX_case_intake_org" ON "cases" ("intake_org_id") ');
    await queryRunner.query('CREATE INDEX "IX_case_applicant_user" ON "cases" ("applicant_user_id") ');
    await queryRunner.query('CREATE INDEX "IX_case_status" ON "cases" ("status") ');
    await queryRunner.query(
      'CREATE TABLE "case_tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "token" character varying(100) NOT NULL, "node_id" character varying(64) NOT NULL, "step_name" character varying(200) NOT NULL, "kind" character varying(16) NOT NULL, "actor_kind" character varying(16) NOT NULL, "level" character varying(16), "department" character varying(2), "post" character varying(50) NOT NULL, "scope_path" text NOT NULL, "status" character varying(16) NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "deadline_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "completion" character varying(32), CONSTRAINT "UQ_case_task" UNIQUE ("case_id", "token"), CONSTRAINT "CK_case_task_status" CHECK ("status" IN (\'open\', \'done\', \'cancelled\')), CONSTRAINT "PK_case_task" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_case_task_open_queue" ON "case_tasks" ("status", "level", "department", "deadline_at") ');
    await queryRunner.query(
      'CREATE TABLE "case_number_sequences" ("day" character varying(8) NOT NULL, "org_code" character varying(16) NOT NULL, "last_sequence" integer NOT NULL, CONSTRAINT "PK_case_number_sequence" PRIMARY KEY ("day", "org_code"))',
    );
    await queryRunner.query(
      'CREATE TABLE "case_refusals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "user_id" uuid NOT NULL, "command" jsonb NOT NULL, "code" character varying(64) NOT NULL, "message" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_case_refusal" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_case_refusal_case" ON "case_refusals" ("case_id") ');
    await queryRunner.query(
      'ALTER TABLE "cases" ADD CONSTRAINT "FK_case_filed_by" FOREIGN KEY ("filed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "cases" ADD CONSTRAINT "FK_case_item" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "cases" ADD CONSTRAINT "FK_case_intake_org" FOREIGN KEY ("intake_org_id") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "cases" ADD CONSTRAINT "FK_case_applicant_user" FOREIGN KEY ("applicant_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "case_tasks" ADD CONSTRAINT "FK_case_task_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "case_tasks" DROP CONSTRAINT "FK_case_task_case"');
    await queryRunner.query('ALTER TABLE "cases" DROP CONSTRAINT "FK_case_applicant_user"');
    await queryRunner.query('ALTER TABLE "cases" DROP CONSTRAINT "FK_case_intake_org"');
    await queryRunner.query('ALTER TABLE "cases" DROP CONSTRAINT "FK_case_item"');
    await queryRunner.query('ALTER TABLE "cases" DROP CONSTRAINT "FK_case_filed_by"');
    await queryRunner.query('DROP INDEX "public"."IX_case_refusal_case"');
    await queryRunner.query('DROP TABLE "case_refusals"');
    await queryRunner.query('DROP TABLE "case_number_sequences"');
    await queryRunner.query('DROP INDEX "public"."IX_case_task_open_queue"');
    await queryRunner.query('DROP TABLE "case_tasks"');
    await queryRunner.query('DROP INDEX "public"."IX_case_status"');
    await queryRunner.query('DROP INDEX "public"."IX_case_applicant_user"');
    await queryRunner.query('DROP INDEX "public"."IX_case_intake_org"');
    await queryRunner.query('DROP INDEX "public"."IX_case_item_code"');
    await queryRunner.query('DROP TABLE "cases"');
  }
}
