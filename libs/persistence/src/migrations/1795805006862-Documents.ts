import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Departments' seal keys (private keys encrypted) and the documents cases issued. */
export class Documents1795805006862 implements MigrationInterface {
  name = 'Documents1795805006862';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "seal_keys" ("org_id" uuid NOT NULL, "public_key_pem" text NOT NULL, "private_key_encrypted" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_seal_key" PRIMARY KEY ("org_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "case_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "step_token" character varying(100) NOT NULL, "title" character varying(200) NOT NULL, "org_id" uuid NOT NULL, "sha256" character(64) NOT NULL, "sm3" character(64) NOT NULL, "signature" text, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "stored_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_case_document" UNIQUE ("case_id", "step_token", "title"), CONSTRAINT "PK_case_document" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_case_document_case" ON "case_documents" ("case_id") ');
    await queryRunner.query(
      'ALTER TABLE "seal_keys" ADD CONSTRAINT "FK_seal_key_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "case_documents" ADD CONSTRAINT "FK_case_document_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "case_documents" ADD CONSTRAINT "FK_case_document_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "case_documents" ADD CONSTRAINT "FK_case_document_file" FOREIGN KEY ("sha256") REFERENCES "stored_files"("sha256") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "case_documents" DROP CONSTRAINT "FK_case_document_file"');
    await queryRunner.query('ALTER TABLE "case_documents" DROP CONSTRAINT "FK_case_document_org"');
    await queryRunner.query('ALTER TABLE "case_documents" DROP CONSTRAINT "FK_case_document_case"');
    await queryRunner.query('ALTER TABLE "seal_keys" DROP CONSTRAINT "FK_seal_key_org"');
    await queryRunner.query('DROP INDEX "public"."IX_case_document_case"');
    await queryRunner.query('DROP TABLE "case_documents"');
    await queryRunner.query('DROP TABLE "seal_keys"');
  }
}
