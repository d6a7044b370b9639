import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The power catalog: organisation codes (附件2), items with one table per family (附件1), code
 * sequences, catalog changes, item versions and announcements.
 */
export class Catalog1795801348577 implements MigrationInterface {
  name = 'Catalog1795801348577';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(20) NOT NULL, "subject_code" character varying(10) NOT NULL, "region_level" character varying(8) NOT NULL, "type_code" character varying(2) NOT NULL, "sequence" integer NOT NULL, "family" character varying(16) NOT NULL, "org_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "status" character varying(16) NOT NULL, "version" integer NOT NULL, "legal_basis" jsonb NOT NULL, "subject_nature" character varying(16) NOT NULL, "entrusting_body" character varying(200), "handling_unit" character varying(200) NOT NULL, "place" character varying(300) NOT NULL, "phone" character varying(50) NOT NULL, "supervision_phone" character varying(50) NOT NULL, "basic_code" character varying(64), "implementation_code" character varying(64), "handling_item_code" character varying(64), "successor_codes" jsonb NOT NULL DEFAULT \'[]\', "search_terms" tsvector NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_item_subject_type_sequence" UNIQUE ("subject_code", "type_code", "sequence"), CONSTRAINT "UQ_item_code" UNIQUE ("code"), CONSTRAINT "CK_item_sequence" CHECK ("sequence" BETWEEN 1 AND 9999), CONSTRAINT "CK_item_entrusting_body" CHECK (("subject_nature" = \'entrusted\') = ("entrusting_body" IS NOT NULL)), CONSTRAINT "CK_item_subject_nature" CHECK ("subject_nature" IN (\'statutory\', \'authorized\', \'entrusted\')), CONSTRAINT "CK_item_region_level" CHECK ("region_level" IN (\'city\', \'county\', \'township\')), CONSTRAINT "CK_item_family" CHECK ("family" IN (\'approval\', \'penalty\', \'coercion\', \'reward\')), CONSTRAINT "CK_item_status" CHECK ("status" IN (\'active\', \'cancelled\', \'retired\')), CONSTRAINT "PK_item" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_item_search_terms" ON "items" USING GIN ("search_terms")');
    // The listing's filters sorted by code; the trailing id and INCLUDE let the planner page and
    // count from the index alone (bench/catalog-bench.mjs measured these).
    await queryRunner.query(`CREATE INDEX "IX_item_status_type_code" ON "items" ("status", "type_code", "code", "id") INCLUDE ("org_id")`);
    await queryRunner.query(`CREATE INDEX "IX_item_status_subject_code" ON "items" ("status", "subject_code", "code", "id")`);
    await queryRunner.query(`CREATE INDEX "IX_item_status_level_code" ON "items" ("status", "region_level", "code", "id")`);
    await queryRunner.query(`CREATE INDEX "IX_item_status_level_type_code" ON "items" ("status", "region_level", "type_code", "code", "id")`);
    await queryRunner.query('CREATE INDEX "IX_item_subject_code" ON "items" ("subject_code") ');
    await queryRunner.query('CREATE INDEX "IX_item_org" ON "items" ("org_id") ');
    await queryRunner.query('CREATE INDEX "IX_item_status_code" ON "items" ("status", "code") ');
    await queryRunner.query(
      'CREATE TABLE "item_code_sequences" ("subject_code" character varying(10) NOT NULL, "type_code" character varying(2) NOT NULL, "last_sequence" integer NOT NULL, CONSTRAINT "CK_item_code_sequence_range" CHECK ("last_sequence" BETWEEN 0 AND 9999), CONSTRAINT "PK_item_code_sequence" PRIMARY KEY ("subject_code", "type_code"))',
    );
    await queryRunner.query(
      'CREATE TABLE "catalog_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "org_id" uuid NOT NULL, "filed_by" uuid NOT NULL, "target_item_id" uuid, "payload" jsonb NOT NULL, "reason" text NOT NULL, "workflow_id" character varying(200) NOT NULL, "reviewed_by" uuid, "review_note" text, "result" jsonb, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CK_catalog_change_status" CHECK ("status" IN (\'pending\', \'approved\', \'returned\')), CONSTRAINT "CK_catalog_change_kind" CHECK ("kind" IN (\'create\', \'update\', \'delegate\', \'split\', \'cancel\', \'import\')), CONSTRAINT "PK_catalog_change" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_catalog_change_status" ON "catalog_changes" ("status") ');
    await queryRunner.query('CREATE INDEX "IX_catalog_change_org" ON "catalog_changes" ("org_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "UQ_catalog_change_pending_item" ON "catalog_changes" ("target_item_id") WHERE "status" = \'pending\'');
    await queryRunner.query(
      'CREATE TABLE "item_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "version" integer NOT NULL, "snapshot" jsonb NOT NULL, "change_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_item_version" UNIQUE ("item_id", "version"), CONSTRAINT "PK_item_version" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "announcements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "change_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "title" character varying(300) NOT NULL, "body" text NOT NULL, "item_codes" jsonb NOT NULL, "org_id" uuid NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_announcement_change" UNIQUE ("change_id"), CONSTRAINT "PK_announcement" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_announcement_published_at" ON "announcements" ("published_at") ');
    await queryRunner.query(
      'CREATE TABLE "item_approval_details" ("item_id" uuid NOT NULL, "conditions" text NOT NULL, "materials" jsonb NOT NULL, "legal_period_days" integer NOT NULL, "promised_period_days" integer NOT NULL, "fee" jsonb NOT NULL, "forms" jsonb NOT NULL DEFAULT \'[]\', CONSTRAINT "CK_item_approval_periods" CHECK ("legal_period_days" > 0 AND "promised_period_days" > 0 AND "promised_period_days" <= "legal_period_days"), CONSTRAINT "PK_item_approval" PRIMARY KEY ("item_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "item_penalty_details" ("item_id" uuid NOT NULL, "penalty_kinds" jsonb NOT NULL, "discretion" jsonb NOT NULL, "results_public" boolean NOT NULL, CONSTRAINT "PK_item_penalty" PRIMARY KEY ("item_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "item_coercion_details" ("item_id" uuid NOT NULL, "coercion_kind" character varying(16) NOT NULL, "measures" jsonb NOT NULL, CONSTRAINT "CK_item_coercion_kind" CHECK ("coercion_kind" IN (\'measure\', \'execution\')), CONSTRAINT "PK_item_coercion" PRIMARY KEY ("item_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "item_reward_details" ("item_id" uuid NOT NULL, "effective_date" date NOT NULL, "expiry_date" date, "promised_period_days" integer NOT NULL, "results_public" boolean NOT NULL, CONSTRAINT "CK_item_reward_period" CHECK ("promised_period_days" > 0), CONSTRAINT "CK_item_reward_dates" CHECK ("expiry_date" IS NULL OR "expiry_date" >= "effective_date"), CONSTRAINT "PK_item_reward" PRIMARY KEY ("item_id"))',
    );
    await queryRunner.query('ALTER TABLE "orgs" ADD "division_code" character varying(12)');
    await queryRunner.query('ALTER TABLE "orgs" ADD "region_code" character varying(8)');
    await queryRunner.query('ALTER TABLE "orgs" ADD "dept_code" character varying(2)');
    await queryRunner.query('ALTER TABLE "orgs" ADD "former_codes" jsonb NOT NULL DEFAULT \'[]\'');
    await queryRunner.query('CREATE INDEX "IX_org_region_code" ON "orgs" ("region_code") ');
    // Organisations created before this migration: derive the new codes from the old code column.
    await queryRunner.query(`UPDATE "orgs" SET "dept_code" = right("code", 2), "region_code" = left("code", 8) WHERE "level" = 'department'`);
    await queryRunner.query(
      `UPDATE "orgs" SET "division_code" = "code", "region_code" = CASE "level" WHEN 'city' THEN left("code", 4) || '0000' WHEN 'county' THEN "code" || '00' ELSE "code" END WHERE "level" IN ('city', 'county', 'township')`,
    );
    await queryRunner.query(
      'ALTER TABLE "orgs" ADD CONSTRAINT "CK_org_department_codes" CHECK (("level" = \'department\') = ("dept_code" IS NOT NULL) AND ("level" <> \'department\' OR "region_code" IS NOT NULL))',
    );
    await queryRunner.query(
      'ALTER TABLE "items" ADD CONSTRAINT "FK_item_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "catalog_changes" ADD CONSTRAINT "FK_catalog_change_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "catalog_changes" ADD CONSTRAINT "FK_catalog_change_filed_by" FOREIGN KEY ("filed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "catalog_changes" ADD CONSTRAINT "FK_catalog_change_target_item" FOREIGN KEY ("target_item_id") REFERENCES "items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "catalog_changes" ADD CONSTRAINT "FK_catalog_change_reviewed_by" FOREIGN KEY ("reviewed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "item_versions" ADD CONSTRAINT "FK_item_version_item" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "item_versions" ADD CONSTRAINT "FK_item_version_change" FOREIGN KEY ("change_id") REFERENCES "catalog_changes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "announcements" ADD CONSTRAINT "FK_announcement_change" FOREIGN KEY ("change_id") REFERENCES "catalog_changes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "announcements" ADD CONSTRAINT "FK_announcement_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "item_approval_details" ADD CONSTRAINT "FK_item_approval_item" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "item_penalty_details" ADD CONSTRAINT "FK_item_penalty_item" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "item_coercion_details" ADD CONSTRAINT "FK_item_coercion_item" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "item_reward_details" ADD CONSTRAINT "FK_item_reward_item" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IX_item_status_level_type_code"`);
    await queryRunner.query(`DROP INDEX "public"."IX_item_status_level_code"`);
    await queryRunner.query(`DROP INDEX "public"."IX_item_status_subject_code"`);
    await queryRunner.query(`DROP INDEX "public"."IX_item_status_type_code"`);
    await queryRunner.query('DROP INDEX "public"."IX_item_search_terms"');
    await queryRunner.query('ALTER TABLE "item_reward_details" DROP CONSTRAINT "FK_item_reward_item"');
    await queryRunner.query('ALTER TABLE "item_coercion_details" DROP CONSTRAINT "FK_item_coercion_item"');
    await queryRunner.query('ALTER TABLE "item_penalty_details" DROP CONSTRAINT "FK_item_penalty_item"');
    await queryRunner.query('ALTER TABLE "item_approval_details" DROP CONSTRAINT "FK_item_approval_item"');
    await queryRunner.query('ALTER TABLE "announcements" DROP CONSTRAINT "FK_announcement_org"');
    await queryRunner.query('ALTER TABLE "announcements" DROP CONSTRAINT "FK_announcement_change"');
    await queryRunner.query('ALTER TABLE "item_versions" DROP CONSTRAINT "FK_item_version_change"');
    await queryRunner.query('ALTER TABLE "item_versions" DROP CONSTRAINT "FK_item_version_item"');
    await queryRunner.query('ALTER TABLE "catalog_changes" DROP CONSTRAINT "FK_catalog_change_reviewed_by"');
    await queryRunner.query('ALTER TABLE "catalog_changes" DROP CONSTRAINT "FK_catalog_change_target_item"');
    await queryRunner.query('ALTER TABLE "catalog_changes" DROP CONSTRAINT "FK_catalog_change_filed_by"');
    await queryRunner.query('ALTER TABLE "catalog_changes" DROP CONSTRAINT "FK_catalog_change_org"');
    await queryRunner.query('ALTER TABLE "items" DROP CONSTRAINT "FK_item_org"');
    await queryRunner.query('ALTER TABLE "orgs" DROP CONSTRAINT "CK_org_department_codes"');
    await queryRunner.query('DROP INDEX "public"."IX_org_region_code"');
    await queryRunner.query('ALTER TABLE "orgs" DROP COLUMN "former_codes"');
    await queryRunner.query('ALTER TABLE "orgs" DROP COLUMN "dept_code"');
    await queryRunner.query('ALTER TABLE "orgs" DROP COLUMN "region_code"');
    await queryRunner.query('ALTER TABLE "orgs" DROP COLUMN "division_code"');
    await queryRunner.query('DROP TABLE "item_reward_details"');
    await queryRunner.query('DROP TABLE "item_coercion_details"');
    await queryRunner.query('DROP TABLE "item_penalty_details"');
    await queryRunner.query('DROP TABLE "item_approval_details"');
    await queryRunner.query('DROP INDEX "public"."IX_announcement_published_at"');
    await queryRunner.query('DROP TABLE "announcements"');
    await queryRunner.query('DROP TABLE "item_versions"');
    await queryRunner.query('DROP INDEX "public"."UQ_catalog_change_pending_item"');
    await queryRunner.query('DROP INDEX "public"."IX_catalog_change_org"');
    await queryRunner.query('DROP INDEX "public"."IX_catalog_change_status"');
    await queryRunner.query('DROP TABLE "catalog_changes"');
    await queryRunner.query('DROP TABLE "item_code_sequences"');
    await queryRunner.query('DROP INDEX "public"."IX_item_status_code"');
    await queryRunner.query('DROP INDEX "public"."IX_item_org"');
    await queryRunner.query('DROP INDEX "public"."IX_item_subject_code"');
    await queryRunner.query('DROP TABLE "items"');
  }
}
