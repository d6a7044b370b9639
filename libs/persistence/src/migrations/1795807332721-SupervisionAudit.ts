import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The hash-chained, append-only log of supervisors' reads. */
export class SupervisionAudit1795807332721 implements MigrationInterface {
  name = 'SupervisionAudit1795807332721';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "supervision_audit" ("seq" BIGSERIAL NOT NULL, "user_id" uuid NOT NULL, "action" character varying(32) NOT NULL, "case_id" uuid, "detail" jsonb NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_supervision_audit" PRIMARY KEY ("seq"))',
    );
    await queryRunner.query('CREATE INDEX "IX_supervision_audit_case" ON "supervision_audit" ("case_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IX_supervision_audit_case"');
    await queryRunner.query('DROP TABLE "supervision_audit"');
  }
}
