import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Government information disclosure (政务公开): policy documents with their jieba search vector under a
 * GIN index, attachments, public comments and feedback, interpretations.
 */
export class Disclosure1795808551934 implements MigrationInterface {
  name = 'Disclosure1795808551934';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "policy_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "doc_number" character varying(60), "doc_year" integer, "title" character varying(300) NOT NULL, "org_id" uuid NOT NULL, "category" character varying(32) NOT NULL, "key_area" character varying(32), "written_date" date, "effective_date" date, "published_at" TIMESTAMP WITH TIME ZONE, "body" text NOT NULL, "status" character varying(16) NOT NULL, "repealed_at" TIMESTAMP WITH TIME ZONE, "repeal_reason" text, "comment_opens_at" TIMESTAMP WITH TIME ZONE, "comment_closes_at" TIMESTAMP WITH TIME ZONE, "comment_summary" text, "comment_summary_at" TIMESTAMP WITH TIME ZONE, "search_vector" tsvector NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_policy_document_number" UNIQUE ("doc_number"), CONSTRAINT "CK_policy_document_comment_period" CHECK ("comment_closes_at" IS NULL OR "comment_closes_at" > "comment_opens_at"), CONSTRAINT "CK_policy_document_repealed" CHECK (("status" = \'repealed\') = ("repealed_at" IS NOT NULL)), CONSTRAINT "CK_policy_document_published" CHECK (("status" = \'draft\') = ("published_at" IS NULL)), CONSTRAINT "CK_policy_document_status" CHECK ("status" IN (\'draft\', \'published\', \'repealed\')), CONSTRAINT "PK_policy_document" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_policy_document_org" ON "policy_documents" ("org_id")');
    await queryRunner.query('CREATE INDEX "IX_policy_document_area_published" ON "policy_documents" ("key_area", "published_at")');
    await queryRunner.query('CREATE INDEX "IX_policy_document_status_published" ON "policy_documents" ("status", "published_at")');
    await queryRunner.query('CREATE INDEX "IX_policy_document_search" ON "policy_documents" USING GIN ("search_vector")');
    await queryRunner.query(
      'CREATE TABLE "policy_attachments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "sha256" character(64) NOT NULL, "file_name" character varying(200) NOT NULL, "content_type" character varying(120) NOT NULL, "size" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_policy_attachment" UNIQUE ("document_id", "sha256"), CONSTRAINT "PK_policy_attachment" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_policy_attachment_document" ON "policy_attachments" ("document_id")');
    await queryRunner.query(
      'CREATE TABLE "policy_comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "kind" character varying(16) NOT NULL, "author_name" character varying(100) NOT NULL, "contact" character varying(100), "content" text NOT NULL, "status" character varying(16) NOT NULL, "moderated_by" uuid, "moderated_at" TIMESTAMP WITH TIME ZONE, "moderation_note" text, "adoption" character varying(16), "adoption_reason" text, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_policy_comment_adoption" CHECK ("adoption" IS NULL OR ("adoption" IN (\'adopted\', \'not_adopted\') AND "kind" = \'comment\' AND "status" = \'approved\')), CONSTRAINT "CK_policy_comment_status" CHECK ("status" IN (\'pending\', \'approved\', \'rejected\')), CONSTRAINT "CK_policy_comment_kind" CHECK ("kind" IN (\'comment\', \'feedback\')), CONSTRAINT "PK_policy_comment" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_policy_comment_pending" ON "policy_comments" ("status", "submitted_at")');
    await queryRunner.query('CREATE INDEX "IX_policy_comment_document" ON "policy_comments" ("document_id", "kind", "status")');
    await queryRunner.query(
      'CREATE TABLE "policy_interpretations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "document_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "body" text NOT NULL, "with_document" boolean NOT NULL, "status" character varying(16) NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_policy_interpretation_published" CHECK (("status" = \'published\') = ("published_at" IS NOT NULL)), CONSTRAINT "CK_policy_interpretation_status" CHECK ("status" IN (\'draft\', \'published\')), CONSTRAINT "PK_policy_interpretation" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_policy_interpretation_document" ON "policy_interpretations" ("document_id")');
    await queryRunner.query(
      'ALTER TABLE "policy_documents" ADD CONSTRAINT "FK_policy_document_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "policy_documents" ADD CONSTRAINT "FK_policy_document_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "policy_attachments" ADD CONSTRAINT "FK_policy_attachment_document" FOREIGN KEY ("document_id") REFERENCES "policy_documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "policy_attachments" ADD CONSTRAINT "FK_policy_attachment_file" FOREIGN KEY ("sha256") REFERENCES "stored_files"("sha256") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "policy_comments" ADD CONSTRAINT "FK_policy_comment_document" FOREIGN KEY ("document_id") REFERENCES "policy_documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "policy_comments" ADD CONSTRAINT "FK_policy_comment_moderated_by" FOREIGN KEY ("moderated_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "policy_interpretations" ADD CONSTRAINT "FK_policy_interpretation_document" FOREIGN KEY ("document_id") REFERENCES "policy_documents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "policy_interpretations" ADD CONSTRAINT "FK_policy_interpretation_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "policy_interpretations" DROP CONSTRAINT "FK_policy_interpretation_created_by"');
    await queryRunner.query('ALTER TABLE "policy_interpretations" DROP CONSTRAINT "FK_policy_interpretation_document"');
    await queryRunner.query('ALTER TABLE "policy_comments" DROP CONSTRAINT "FK_policy_comment_moderated_by"');
    await queryRunner.query('ALTER TABLE "policy_comments" DROP CONSTRAINT "FK_policy_comment_document"');
    await queryRunner.query('ALTER TABLE "policy_attachments" DROP CONSTRAINT "FK_policy_attachment_file"');
    await queryRunner.query('ALTER TABLE "policy_attachments" DROP CONSTRAINT "FK_policy_attachment_document"');
    await queryRunner.query('ALTER TABLE "policy_documents" DROP CONSTRAINT "FK_policy_document_created_by"');
    await queryRunner.query('ALTER TABLE "policy_documents" DROP CONSTRAINT "FK_policy_document_org"');
    await queryRunner.query('DROP INDEX "public"."IX_policy_interpretation_document"');
    await queryRunner.query('DROP TABLE "policy_interpretations"');
    await queryRunner.query('DROP INDEX "public"."IX_policy_comment_document"');
    await queryRunner.query('DROP INDEX "public"."IX_policy_comment_pending"');
    await queryRunner.query('DROP TABLE "policy_comments"');
    await queryRunner.query('DROP INDEX "public"."IX_policy_attachment_document"');
    await queryRunner.query('DROP TABLE "policy_attachments"');
    await queryRunner.query('DROP INDEX "public"."IX_policy_document_search"');
    await queryRunner.query('DROP INDEX "public"."IX_policy_document_status_published"');
    await queryRunner.query('DROP INDEX "public"."IX_policy_document_area_published"');
    await queryRunner.query('DROP INDEX "public"."IX_policy_document_org"');
    await queryRunner.query('DROP TABLE "policy_documents"');
  }
}
