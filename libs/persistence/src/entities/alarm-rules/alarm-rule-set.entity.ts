import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from '../user.entity';

/**
 * The supervision office's alarm rules (红黄牌规则), one row per version, never changed: a case
 * keeps the version it was filed under (it travels in the case workflow's input), and the
 * latest version applies to cases filed after it.
 */
@Entity({ name: 'alarm_rule_sets' })
@Check('CK_alarm_rule_set_reminder_days', `"reminder_days" BETWEEN 0 AND 10`)
@Check('CK_alarm_rule_set_near_promised_days', `"near_promised_days" BETWEEN 0 AND 10`)
export class AlarmRuleSetEntity {
  @PrimaryColumn({ name: 'version', type: 'integer', primaryKeyConstraintName: 'PK_alarm_rule_set' })
  version!: number;

  @Column({ name: 'reminder_days', type: 'integer' })
  reminderDays!: number;

  @Column({ name: 'near_promised_days', type: 'integer' })
  nearPromisedDays!: number;

  /** Why the office changed the rules (变更说明). */
  @Column({ name: 'note', type: 'text' })
  note!: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_alarm_rule_set_created_by' })
  creator?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
