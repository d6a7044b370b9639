import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The append-only handling record of alarms (调查核实 → 督促整改 → closed). */
export class AlarmRecords1795806910813 implements MigrationInterface {
  name = 'AlarmRecords1795806910813';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "alarm_records" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "alarm_id" uuid NOT NULL, "from_status" character varying(16) NOT NULL, "to_status" character varying(16) NOT NULL, "note" text NOT NULL, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_alarm_record_to" CHECK ("to_status" IN (\'investigating\', \'rectifying\', \'closed\')), CONSTRAINT "PK_alarm_record" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_alarm_record_alarm" ON "alarm_records" ("alarm_id") ');
    await queryRunner.query(
      'ALTER TABLE "alarm_records" ADD CONSTRAINT "FK_alarm_record_alarm" FOREIGN KEY ("alarm_id") REFERENCES "case_alarms"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "alarm_records" ADD CONSTRAINT "FK_alarm_record_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "alarm_records" DROP CONSTRAINT "FK_alarm_record_recorded_by"');
    await queryRunner.query('ALTER TABLE "alarm_records" DROP CONSTRAINT "FK_alarm_record_alarm"');
    await queryRunner.query('DROP INDEX "public"."IX_alarm_record_alarm"');
    await queryRunner.query('DROP TABLE "alarm_records"');
  }
}
