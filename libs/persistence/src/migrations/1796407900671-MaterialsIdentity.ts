import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The shared library bound to real identity: an applicant account's identity fixed at registration,
 * each material's provenance, the forms the public route may serve, receipts' query codes.
 */
export class MaterialsIdentity1796407900671 implements MigrationInterface {
  name = 'MaterialsIdentity1796407900671';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "form_files" ("sha256" character(64) NOT NULL, "org_id" uuid, "uploaded_by" uuid, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_form_file" PRIMARY KEY ("sha256"))',
    );
    await queryRunner.query('ALTER TABLE "applicant_materials" ADD "provenance" character varying(16)');
    await queryRunner.query('ALTER TABLE "applicant_materials" ADD "case_id" uuid');
    // Rows of before: a decision the platform issued, else a clerk's upload (checked at the counter), else the applicant's own.
    await queryRunner.query(
      `UPDATE "applicant_materials" m SET "provenance" = 'issued', "case_id" = d."case_id" FROM "case_documents" d WHERE d."sha256" = m."sha256" AND m."provenance" IS NULL`,
    );
    await queryRunner.query(
      `UPDATE "applicant_materials" m SET "provenance" = CASE WHEN u."role" = 'clerk' THEN 'counter' ELSE 'applicant' END FROM "users" u WHERE u."id" = m."uploaded_by" AND m."provenance" IS NULL`,
    );
    await queryRunner.query(`UPDATE "applicant_materials" SET "provenance" = 'applicant' WHERE "provenance" IS NULL`);
    await queryRunner.query(`ALTER TABLE "applicant_materials" ALTER COLUMN "provenance" SET NOT NULL`);
    await queryRunner.query('ALTER TABLE "applicant_materials" ADD "checked_by" uuid');
    await queryRunner.query('ALTER TABLE "applicant_materials" ADD "checked_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "users" ADD "applicant_id" uuid');
    await queryRunner.query('ALTER TABLE "users" ADD "identity_verified_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "cases" ADD "library_materials" jsonb NOT NULL DEFAULT \'[]\'');
    await queryRunner.query('ALTER TABLE "cases" ADD "query_code" character varying(16)');
    await queryRunner.query('ALTER TABLE "disclosure_requests" ADD "query_code" character varying(16)');
    await queryRunner.query('CREATE INDEX "IX_applicant_material_case" ON "applicant_materials" ("case_id") ');
    await queryRunner.query('CREATE INDEX "IX_user_applicant" ON "users" ("applicant_id") ');
    await queryRunner.query(
      'ALTER TABLE "applicant_materials" ADD CONSTRAINT "CK_applicant_material_provenance" CHECK ("provenance" IN (\'applicant\', \'counter\', \'issued\'))',
    );
    await queryRunner.query(
      'ALTER TABLE "applicant_materials" ADD CONSTRAINT "FK_applicant_material_checked_by" FOREIGN KEY ("checked_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "form_files" ADD CONSTRAINT "FK_form_file_file" FOREIGN KEY ("sha256") REFERENCES "stored_files"("sha256") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "form_files" ADD CONSTRAINT "FK_form_file_uploaded_by" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "users" ADD CONSTRAINT "FK_user_applicant" FOREIGN KEY ("applicant_id") REFERENCES "applicants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    // Forms of before: the stored files the catalog's service guides link to as /api/forms/<sha256>.
    await queryRunner.query(
      `INSERT INTO "form_files" ("sha256") SELECT f."sha256" FROM "stored_files" f WHERE EXISTS (SELECT 1 FROM "item_approval_details" a, jsonb_array_elements(a."forms") e WHERE e->>'url' = '/api/forms/' || f."sha256") ON CONFLICT DO NOTHING`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "users" DROP CONSTRAINT "FK_user_applicant"');
    await queryRunner.query('ALTER TABLE "form_files" DROP CONSTRAINT "FK_form_file_uploaded_by"');
    await queryRunner.query('ALTER TABLE "form_files" DROP CONSTRAINT "FK_form_file_file"');
    await queryRunner.query('ALTER TABLE "applicant_materials" DROP CONSTRAINT "FK_applicant_material_checked_by"');
    await queryRunner.query('ALTER TABLE "applicant_materials" DROP CONSTRAINT "CK_applicant_material_provenance"');
    await queryRunner.query('DROP INDEX "public"."IX_user_applicant"');
    await queryRunner.query('DROP INDEX "public"."IX_applicant_material_case"');
    await queryRunner.query('ALTER TABLE "disclosure_requests" DROP COLUMN "query_code"');
    await queryRunner.query('ALTER TABLE "cases" DROP COLUMN "query_code"');
    await queryRunner.query('ALTER TABLE "cases" DROP COLUMN "library_materials"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "identity_verified_at"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "applicant_id"');
    await queryRunner.query('ALTER TABLE "applicant_materials" DROP COLUMN "checked_at"');
    await queryRunner.query('ALTER TABLE "applicant_materials" DROP COLUMN "checked_by"');
    await queryRunner.query('ALTER TABLE "applicant_materials" DROP COLUMN "case_id"');
    await queryRunner.query('ALTER TABLE "applicant_materials" DROP COLUMN "provenance"');
    await queryRunner.query('DROP TABLE "form_files"');
  }
}
