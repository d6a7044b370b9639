import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The online hall: consultations (咨询), case ratings (好差评) and the rectifications poor ones open. */
export class Hall1795804297233 implements MigrationInterface {
  name = 'Hall1795804297233';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "consultations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "item_id" uuid NOT NULL, "org_id" uuid NOT NULL, "asked_by" uuid NOT NULL, "question" text NOT NULL, "asked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "answer" text, "answered_by" uuid, "answered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_consultation" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_consultation_item" ON "consultations" ("item_id") ');
    await queryRunner.query('CREATE INDEX "IX_consultation_org" ON "consultations" ("org_id") ');
    await queryRunner.query(
      'CREATE TABLE "case_ratings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "rated_by" uuid NOT NULL, "level" integer NOT NULL, "comment" text, "rated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_case_rating_case" UNIQUE ("case_id"), CONSTRAINT "REL_9596d14910e8437adc3681cc10" UNIQUE ("case_id"), CONSTRAINT "CK_case_rating_level" CHECK ("level" BETWEEN 1 AND 5), CONSTRAINT "PK_case_rating" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "rectifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "rating_id" uuid NOT NULL, "case_id" uuid NOT NULL, "org_id" uuid NOT NULL, "due_date" date, "status" character varying(16) NOT NULL, "record" text, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_rectification_rating" UNIQUE ("rating_id"), CONSTRAINT "REL_fa8b91caeb4bb195055b511d05" UNIQUE ("rating_id"), CONSTRAINT "CK_rectification_status" CHECK ("status" IN (\'open\', \'closed\')), CONSTRAINT "PK_rectification" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IX_rectification_org" ON "rectifications" ("org_id") ');
    await queryRunner.query(
      'ALTER TABLE "consultations" ADD CONSTRAINT "FK_consultation_item" FOREIGN KEY ("item_id") REFERENCES "items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "consultations" ADD CONSTRAINT "FK_consultation_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "consultations" ADD CONSTRAINT "FK_consultation_asked_by" FOREIGN KEY ("asked_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "consultations" ADD CONSTRAINT "FK_consultation_answered_by" FOREIGN KEY ("answered_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "case_ratings" ADD CONSTRAINT "FK_case_rating_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "case_ratings" ADD CONSTRAINT "FK_case_rating_rated_by" FOREIGN KEY ("rated_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "rectifications" ADD CONSTRAINT "FK_rectification_rating" FOREIGN KEY ("rating_id") REFERENCES "case_ratings"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "rectifications" ADD CONSTRAINT "FK_rectification_org" FOREIGN KEY ("org_id") REFERENCES "orgs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "rectifications" DROP CONSTRAINT "FK_rectification_org"');
    await queryRunner.query('ALTER TABLE "rectifications" DROP CONSTRAINT "FK_rectification_rating"');
    await queryRunner.query('ALTER TABLE "case_ratings" DROP CONSTRAINT "FK_case_rating_rated_by"');
    await queryRunner.query('ALTER TABLE "case_ratings" DROP CONSTRAINT "FK_case_rating_case"');
    await queryRunner.query('ALTER TABLE "consultations" DROP CONSTRAINT "FK_consultation_answered_by"');
    await queryRunner.query('ALTER TABLE "consultations" DROP CONSTRAINT "FK_consultation_asked_by"');
    await queryRunner.query('ALTER TABLE "consultations" DROP CONSTRAINT "FK_consultation_org"');
    await queryRunner.query('ALTER TABLE "consultations" DROP CONSTRAINT "FK_consultation_item"');
    await queryRunner.query('DROP INDEX "public"."IX_rectification_org"');
    await queryRunner.query('DROP TABLE "rectifications"');
    await queryRunner.query('DROP TABLE "case_ratings"');
    await queryRunner.query('DROP INDEX "public"."IX_consultation_org"');
    await queryRunner.query('DROP INDEX "public"."IX_consultation_item"');
    await queryRunner.query('DROP TABLE "consultations"');
  }
}
