import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations, users and the ping projection of the foundation slice. */
export class Foundation1764230400000 implements MigrationInterface {
  name = 'Foundation1764230400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "orgs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" character varying(16) NOT NULL, "name" character varying(100) NOT NULL, "level" character varying(16) NOT NULL, "parent_id" uuid, "path" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_org_code" UNIQUE ("code"), CONSTRAINT "CK_org_level" CHECK ("level" IN ('city', 'county', 'township', 'community', 'department')), CONSTRAINT "PK_org" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IX_org_path" ON "orgs" ("path")`);
    await queryRunner.query(
      `CREATE TABLE "pings" ("id" uuid NOT NULL, "workflow_id" character varying(200) NOT NULL, "message" text NOT NULL, "org_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "requested_by" uuid NOT NULL, "completed_by" uuid, "note" text, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CK_ping_status" CHECK ("status" IN ('waiting', 'finished')), CONSTRAINT "PK_ping" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "username" character varying(64) NOT NULL, "password_hash" text NOT NULL, "display_name" character varying(100) NOT NULL, "role" character varying(32) NOT NULL, "org_id" uuid NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_user_username" UNIQUE ("username"), CONSTRAINT "CK_user_role" CHECK ("role" IN ('applicant', 'clerk', 'handler', 'dept_admin', 'review_admin', 'supervisor', 'disclosure_officer', 'admin')), CONSTRAINT "PK_user" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "orgs" ADD CONSTRAINT "FK_org_parent" FOREIGN KEY ("parent_id") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_user_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "pings" ADD CONSTRAINT "FK_ping_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pings" DROP CONSTRAINT "FK_ping_org"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_user_org"`);
    await queryRunner.query(`ALTER TABLE "orgs" DROP CONSTRAINT "FK_org_parent"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "pings"`);
    await queryRunner.query(`DROP INDEX "public"."IX_org_path"`);
    await queryRunner.query(`DROP TABLE "orgs"`);
  }
}
