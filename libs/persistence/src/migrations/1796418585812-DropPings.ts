import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation's ping slice is gone (issue 14): its projection table goes with it. `down` makes the
 * table again as the Foundation migration made it (its rows are not kept).
 */
export class DropPings1796418585812 implements MigrationInterface {
  name = 'DropPings1796418585812';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "pings" DROP CONSTRAINT "FK_ping_org"`);
    await queryRunner.query(`DROP TABLE "pings"`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "pings" ("id" uuid NOT NULL, "workflow_id" character varying(200) NOT NULL, "message" text NOT NULL, "org_id" uuid NOT NULL, "status" character varying(16) NOT NULL, "requested_by" uuid NOT NULL, "completed_by" uuid, "note" text, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "CK_ping_status" CHECK ("status" IN ('waiting', 'finished')), CONSTRAINT "PK_ping" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "pings" ADD CONSTRAINT "FK_ping_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }
}
