import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The admin's changes to staff accounts (append-only), and the instant before which an account's tokens no longer count. */
export class UserChanges1795813638983 implements MigrationInterface {
  name = 'UserChanges1795813638983';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" ADD "tokens_valid_after" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE TABLE "user_changes" ("seq" BIGSERIAL NOT NULL, "user_id" uuid NOT NULL, "changed_by" uuid NOT NULL, "kind" character varying(16) NOT NULL, "before" jsonb, "after" jsonb, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_user_change_kind" CHECK ("kind" IN ('created', 'changed', 'password_reset')), CONSTRAINT "PK_user_change" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(`CREATE INDEX "IX_user_change_user" ON "user_changes" ("user_id") `);
    await queryRunner.query(
      `ALTER TABLE "user_changes" ADD CONSTRAINT "FK_user_change_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "user_changes" ADD CONSTRAINT "FK_user_change_changed_by" FOREIGN KEY ("changed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "user_changes" DROP CONSTRAINT "FK_user_change_changed_by"`);
    await queryRunner.query(`ALTER TABLE "user_changes" DROP CONSTRAINT "FK_user_change_user"`);
    await queryRunner.query(`DROP INDEX "public"."IX_user_change_user"`);
    await queryRunner.query(`DROP TABLE "user_changes"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "tokens_valid_after"`);
  }
}
