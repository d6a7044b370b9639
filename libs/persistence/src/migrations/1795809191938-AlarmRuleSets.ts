import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The supervision office's alarm rules, versioned (红黄牌规则). */
export class AlarmRuleSets1795809191938 implements MigrationInterface {
  name = 'AlarmRuleSets1795809191938';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "alarm_rule_sets" ("version" integer NOT NULL, "reminder_days" integer NOT NULL, "near_promised_days" integer NOT NULL, "note" text NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CK_alarm_rule_set_near_promised_days" CHECK ("near_promised_days" BETWEEN 0 AND 10), CONSTRAINT "CK_alarm_rule_set_reminder_days" CHECK ("reminder_days" BETWEEN 0 AND 10), CONSTRAINT "PK_alarm_rule_set" PRIMARY KEY ("version"))',
    );
    await queryRunner.query(
      'ALTER TABLE "alarm_rule_sets" ADD CONSTRAINT "FK_alarm_rule_set_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "alarm_rule_sets" DROP CONSTRAINT "FK_alarm_rule_set_created_by"');
    await queryRunner.query('DROP TABLE "alarm_rule_sets"');
  }
}
