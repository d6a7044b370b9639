import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The shared materials library: applicants, stored files, applicants' materials; cases link their applicant. */
export class Materials1795804525765 implements MigrationInterface {
  name = 'Materials1795804525765';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "applicants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(8) NOT NULL, "id_number" character varying(18) NOT NULL, "name" character varying(200) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_applicant_identity" UNIQUE ("kind", "id_number"), CONSTRAINT "CK_applicant_kind" CHECK ("kind" IN (\'person\', \'company\')), CONSTRAINT "PK_applicant" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "stored_files" ("sha256" character(64) NOT NULL, "size" integer NOT NULL, "content_type" character varying(120) NOT NULL, "stored_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_stored_file" PRIMARY KEY ("sha256"))',
    );
    await queryRunner.query(
      'CREATE TABLE "applicant_materials" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "applicant_id" uuid NOT NULL, "name" character varying(200) NOT NULL, "sha256" character(64) NOT NULL, "valid_until" date, "uploaded_by" uuid NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_applicant_material" UNIQUE ("applicant_id", "name", "sha256"), CONSTRAINT "PK_applicant_material" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_applicant_material_applicant" ON "applicant_materials" ("applicant_id") ');
    await queryRunner.query('ALTER TABLE "cases" ADD "applicant_id" uuid');
    await queryRunner.query(
      'ALTER TABLE "applicant_materials" ADD CONSTRAINT "FK_applicant_material_applicant" FOREIGN KEY ("applicant_id") REFERENCES "applicants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "applicant_materials" ADD CONSTRAINT "FK_applicant_material_file" FOREIGN KEY ("sha256") REFERENCES "stored_files"("sha256") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "applicant_materials" ADD CONSTRAINT "FK_applicant_material_uploaded_by" FOREIGN KEY ("uploaded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "cases" ADD CONSTRAINT "FK_case_applicant" FOREIGN KEY ("applicant_id") REFERENCES "applicants"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "cases" DROP CONSTRAINT "FK_case_applicant"');
    await queryRunner.query('ALTER TABLE "applicant_materials" DROP CONSTRAINT "FK_applicant_material_uploaded_by"');
    await queryRunner.query('ALTER TABLE "applicant_materials" DROP CONSTRAINT "FK_applicant_material_file"');
    await queryRunner.query('ALTER TABLE "applicant_materials" DROP CONSTRAINT "FK_applicant_material_applicant"');
    await queryRunner.query('ALTER TABLE "cases" DROP COLUMN "applicant_id"');
    await queryRunner.query('DROP INDEX "public"."IX_applicant_material_applicant"');
    await queryRunner.query('DROP TABLE "applicant_materials"');
    await queryRunner.query('DROP TABLE "stored_files"');
    await queryRunner.query('DROP TABLE "applicants"');
  }
}
