import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Applications for government information (依申请公开): the projection, their documents and their numbers. */
export class DisclosureRequests1795808615527 implements MigrationInterface {
  name = 'DisclosureRequests1795808615527';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "disclosure_requests" ("id" uuid NOT NULL, "number" character varying(60) NOT NULL, "client_request_id" character varying(100) NOT NULL, "filed_by" uuid NOT NULL, "agency_org_id" uuid NOT NULL, "applicant_user_id" uuid, "applicant_kind" character varying(16) NOT NULL, "applicant_name" character varying(200) NOT NULL, "applicant_id_number" character varying(18) NOT NULL, "organization_type" character varying(20), "channel" character varying(16) NOT NULL, "description" text NOT NULL, "status" character varying(24) NOT NULL, "reply_type" character varying(20), "reply_reason" character varying(30), "alarm_level" character varying(8) NOT NULL, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "first_received_on" date, "due_on" date, "extended" boolean NOT NULL DEFAULT false, "finished_at" TIMESTAMP WITH TIME ZONE, "finished_on" date, "workflow_id" character varying(200) NOT NULL, "revision" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_disclosure_request_client" UNIQUE ("filed_by", "client_request_id"), CONSTRAINT "UQ_disclosure_request_number" UNIQUE ("number"), CONSTRAINT "CK_disclosure_request_channel" CHECK ("channel" IN (\'online\', \'in_person\', \'post\', \'fax\')), CONSTRAINT "CK_disclosure_request_applicant_kind" CHECK ("applicant_kind" IN (\'person\', \'company\')), CONSTRAINT "CK_disclosure_request_status" CHECK ("status" IN (\'awaiting_confirmation\', \'processing\', \'correction\', \'consulting\', \'replied\', \'lapsed\', \'withdrawn\')), CONSTRAINT "PK_disclosure_request" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_disclosure_request_agency" ON "disclosure_requests" ("agency_org_id") ');
    await queryRunner.query('CREATE INDEX "IX_disclosure_request_applicant_user" ON "disclosure_requests" ("applicant_user_id") ');
    await queryRunner.query('CREATE INDEX "IX_disclosure_request_status" ON "disclosure_requests" ("status") ');
    await queryRunner.query('CREATE INDEX "IX_disclosure_request_first_received" ON "disclosure_requests" ("first_received_on") ');
    await queryRunner.query(
      'CREATE TABLE "disclosure_request_documents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "request_id" uuid NOT NULL, "document_key" character varying(60) NOT NULL, "title" character varying(200) NOT NULL, "org_id" uuid NOT NULL, "sha256" character(64) NOT NULL, "sm3" character(64) NOT NULL, "signature" text NOT NULL, "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL, "stored_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_disclosure_request_document" UNIQUE ("request_id", "document_key"), CONSTRAINT "PK_disclosure_request_document" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_disclosure_request_document_request" ON "disclosure_request_documents" ("request_id") ');
    await queryRunner.query(
      'CREATE TABLE "disclosure_request_sequences" ("prefix" character varying(20) NOT NULL, "year" integer NOT NULL, "last_sequence" integer NOT NULL, CONSTRAINT "PK_disclosure_request_sequence" PRIMARY KEY ("prefix", "year"))',
    );
    await queryRunner.query(
      'ALTER TABLE "disclosure_requests" ADD CONSTRAINT "FK_disclosure_request_filed_by" FOREIGN KEY ("filed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "disclosure_requests" ADD CONSTRAINT "FK_disclosure_request_agency" FOREIGN KEY ("agency_org_id") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "disclosure_requests" ADD CONSTRAINT "FK_disclosure_request_applicant_user" FOREIGN KEY ("applicant_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "disclosure_request_documents" ADD CONSTRAINT "FK_disclosure_request_document_request" FOREIGN KEY ("request_id") REFERENCES "disclosure_requests"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "disclosure_request_documents" ADD CONSTRAINT "FK_disclosure_request_document_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "disclosure_request_documents" ADD CONSTRAINT "FK_disclosure_request_document_file" FOREIGN KEY ("sha256") REFERENCES "stored_files"("sha256") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "disclosure_request_documents" DROP CONSTRAINT "FK_disclosure_request_document_file"');
    await queryRunner.query('ALTER TABLE "disclosure_request_documents" DROP CONSTRAINT "FK_disclosure_request_document_org"');
    await queryRunner.query('ALTER TABLE "disclosure_request_documents" DROP CONSTRAINT "FK_disclosure_request_document_request"');
    await queryRunner.query('ALTER TABLE "disclosure_requests" DROP CONSTRAINT "FK_disclosure_request_applicant_user"');
    await queryRunner.query('ALTER TABLE "disclosure_requests" DROP CONSTRAINT "FK_disclosure_request_agency"');
    await queryRunner.query('ALTER TABLE "disclosure_requests" DROP CONSTRAINT "FK_disclosure_request_filed_by"');
    await queryRunner.query('DROP TABLE "disclosure_request_sequences"');
    await queryRunner.query('DROP INDEX "public"."IX_disclosure_request_document_request"');
    await queryRunner.query('DROP TABLE "disclosure_request_documents"');
    await queryRunner.query('DROP INDEX "public"."IX_disclosure_request_first_received"');
    await queryRunner.query('DROP INDEX "public"."IX_disclosure_request_status"');
    await queryRunner.query('DROP INDEX "public"."IX_disclosure_request_applicant_user"');
    await queryRunner.query('DROP INDEX "public"."IX_disclosure_request_agency"');
    await queryRunner.query('DROP TABLE "disclosure_requests"');
  }
}
