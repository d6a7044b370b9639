import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Efficiency statistics, grades and coverage (电子监察): paused hours (补正) in the case projection,
 * indexes for period aggregates, grading rule versions, published grades, exemptions and their decisions.
 */
export class SupervisionStats1795808463224 implements MigrationInterface {
  name = 'SupervisionStats1795808463224';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "cases" ADD "paused_hours" double precision NOT NULL DEFAULT \'0\'');
    await queryRunner.query('ALTER TABLE "case_tasks" ADD "paused_hours_at_start" double precision NOT NULL DEFAULT \'0\'');
    await queryRunner.query('ALTER TABLE "case_tasks" ADD "paused_hours" double precision');
    await queryRunner.query('CREATE INDEX "IX_case_received_at" ON "cases" ("received_at") ');
    await queryRunner.query('CREATE INDEX "IX_case_finished_at" ON "cases" ("finished_at") ');
    await queryRunner.query('CREATE INDEX "IX_case_task_completed_at" ON "case_tasks" ("completed_at") ');
    await queryRunner.query(
      'CREATE TABLE "grading_rule_versions" ("version" SERIAL NOT NULL, "rules" jsonb NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_grading_rule_version" PRIMARY KEY ("version"))',
    );
    await queryRunner.query(
      'CREATE TABLE "grade_publications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "quarter" character varying(6) NOT NULL, "rules" jsonb NOT NULL, "rules_version" integer, "grades" jsonb NOT NULL, "published_by" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_grade_publication_quarter" UNIQUE ("quarter"), CONSTRAINT "PK_grade_publication" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "supervision_exemptions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "org_id" uuid NOT NULL, "reason" text NOT NULL, "status" character varying(16) NOT NULL, "filed_by" uuid NOT NULL, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "effective_from" TIMESTAMP WITH TIME ZONE, "effective_until" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CK_supervision_exemption_status" CHECK ("status" IN (\'pending\', \'approved\', \'rejected\', \'revoked\')), CONSTRAINT "PK_supervision_exemption" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_supervision_exemption_org" ON "supervision_exemptions" ("org_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "UQ_supervision_exemption_item_open" ON "supervision_exemptions" ("item_id") WHERE "status" IN (\'pending\', \'approved\')',
    );
    await queryRunner.query(
      'CREATE TABLE "exemption_decisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "exemption_id" uuid NOT NULL, "from_status" character varying(16) NOT NULL, "to_status" character varying(16) NOT NULL, "note" text NOT NULL, "decided_by" uuid NOT NULL, "decided_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_exemption_decision_to" CHECK ("to_status" IN (\'approved\', \'rejected\', \'revoked\')), CONSTRAINT "PK_exemption_decision" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_exemption_decision_exemption" ON "exemption_decisions" ("exemption_id") ');
    await queryRunner.query(
      'ALTER TABLE "grading_rule_versions" ADD CONSTRAINT "FK_grading_rule_version_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "grade_publications" ADD CONSTRAINT "FK_grade_publication_published_by" FOREIGN KEY ("published_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "supervision_exemptions" ADD CONSTRAINT "FK_supervision_exemption_item" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "supervision_exemptions" ADD CONSTRAINT "FK_supervision_exemption_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "supervision_exemptions" ADD CONSTRAINT "FK_supervision_exemption_filed_by" FOREIGN KEY ("filed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "exemption_decisions" ADD CONSTRAINT "FK_exemption_decision_exemption" FOREIGN KEY ("exemption_id") REFERENCES "supervision_exemptions"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "exemption_decisions" ADD CONSTRAINT "FK_exemption_decision_decided_by" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "exemption_decisions" DROP CONSTRAINT "FK_exemption_decision_decided_by"');
    await queryRunner.query('ALTER TABLE "exemption_decisions" DROP CONSTRAINT "FK_exemption_decision_exemption"');
    await queryRunner.query('ALTER TABLE "supervision_exemptions" DROP CONSTRAINT "FK_supervision_exemption_filed_by"');
    await queryRunner.query('ALTER TABLE "supervision_exemptions" DROP CONSTRAINT "FK_supervision_exemption_org"');
    await queryRunner.query('ALTER TABLE "supervision_exemptions" DROP CONSTRAINT "FK_supervision_exemption_item"');
    await queryRunner.query('ALTER TABLE "grade_publications" DROP CONSTRAINT "FK_grade_publication_published_by"');
    await queryRunner.query('ALTER TABLE "grading_rule_versions" DROP CONSTRAINT "FK_grading_rule_version_created_by"');
    await queryRunner.query('DROP INDEX "public"."IX_exemption_decision_exemption"');
    await queryRunner.query('DROP TABLE "exemption_decisions"');
    await queryRunner.query('DROP INDEX "public"."UQ_supervision_exemption_item_open"');
    await queryRunner.query('DROP INDEX "public"."IX_supervision_exemption_org"');
    await queryRunner.query('DROP TABLE "supervision_exemptions"');
    await queryRunner.query('DROP TABLE "grade_publications"');
    await queryRunner.query('DROP TABLE "grading_rule_versions"');
    await queryRunner.query('DROP INDEX "public"."IX_case_task_completed_at"');
    await queryRunner.query('DROP INDEX "public"."IX_case_finished_at"');
    await queryRunner.query('DROP INDEX "public"."IX_case_received_at"');
    await queryRunner.query('ALTER TABLE "case_tasks" DROP COLUMN "paused_hours"');
    await queryRunner.query('ALTER TABLE "case_tasks" DROP COLUMN "paused_hours_at_start"');
    await queryRunner.query('ALTER TABLE "cases" DROP COLUMN "paused_hours"');
  }
}
