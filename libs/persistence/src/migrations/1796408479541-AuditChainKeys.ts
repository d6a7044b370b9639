import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The supervision audit log becomes tamper-evident in fact. Rows already written keep their plain
 * SHA-256 chain as version 1 (verified by the old rule, anchored by the first signed checkpoint the API
 * writes at start); rows from now on are version 2, HMAC-SM3 under AUDIT_HMAC_KEY. Signed checkpoints
 * and the platform's SM2 key get their tables. A trigger refuses UPDATE, DELETE and TRUNCATE on the log,
 * its checkpoints and the platform keys, whatever role the application connects as.
 */
export class AuditChainKeys1796408479541 implements MigrationInterface {
  name = 'AuditChainKeys1796408479541';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "supervision_audit" ADD "chain_version" smallint NOT NULL DEFAULT 1`);
    await queryRunner.query(`ALTER TABLE "supervision_audit" ALTER COLUMN "chain_version" DROP DEFAULT`);
    await queryRunner.query(`ALTER TABLE "supervision_audit" ADD "key_id" character(16)`);
    await queryRunner.query(
      `ALTER TABLE "supervision_audit" ADD CONSTRAINT "CK_supervision_audit_chain" CHECK (("chain_version" = 1 AND "key_id" IS NULL) OR ("chain_version" = 2 AND "key_id" IS NOT NULL))`,
    );
    await queryRunner.query(
      `CREATE TABLE "supervision_audit_checkpoints" ("seq" BIGSERIAL NOT NULL, "head_seq" bigint NOT NULL, "head_hash" character(64) NOT NULL, "payload" text NOT NULL, "signature" text NOT NULL, "key_fingerprint" character(64) NOT NULL, "signed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_supervision_audit_checkpoint" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "platform_keys" ("purpose" character varying(32) NOT NULL, "public_key_pem" text NOT NULL, "private_key_encrypted" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_platform_key" PRIMARY KEY ("purpose"))`,
    );
    await queryRunner.query(`CREATE FUNCTION "zwt_refuse_append_only_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on % refused: the table is append-only', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$`);
    for (const table of ['supervision_audit', 'supervision_audit_checkpoints', 'platform_keys']) {
      await queryRunner.query(
        `CREATE TRIGGER "TR_${table}_no_change" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "zwt_refuse_append_only_change"()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "TR_${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION "zwt_refuse_append_only_change"()`,
      );
      // Nobody but the owner holds these rights anyway; said here so a GRANT ALL to an application role
      // made later by hand is not mistaken for leave to change the log.
      await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "${table}" FROM PUBLIC`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['platform_keys', 'supervision_audit_checkpoints', 'supervision_audit']) {
      await queryRunner.query(`DROP TRIGGER "TR_${table}_no_truncate" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "TR_${table}_no_change" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION "zwt_refuse_append_only_change"()`);
    await queryRunner.query(`DROP TABLE "platform_keys"`);
    await queryRunner.query(`DROP TABLE "supervision_audit_checkpoints"`);
    await queryRunner.query(`ALTER TABLE "supervision_audit" DROP CONSTRAINT "CK_supervision_audit_chain"`);
    await queryRunner.query(`ALTER TABLE "supervision_audit" DROP COLUMN "key_id"`);
    // Version 2 rows cannot be told apart by the old rule any more: a revert keeps them, unverifiable.
    await queryRunner.query(`ALTER TABLE "supervision_audit" DROP COLUMN "chain_version"`);
  }
}
