import type { AlarmStatus, CalendarYear, FlowDefinition, FlowPlan } from '#domain';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { ItemEntity } from '../catalog/item.entity';
import { UserEntity } from '../user.entity';

/**
 * Every published version of an item's flowchart, with the plan the compiler made of it. Cases
 * carry their plan in their workflow input, so a new version never changes a running case.
 */
@Entity({ name: 'flow_versions' })
@Unique('UQ_flow_version', ['itemId', 'version'])
export class FlowVersionEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_flow_version' })
  id!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => ItemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_flow_version_item' })
  item?: ItemEntity;

  @Column({ name: 'version', type: 'int' })
  version!: number;

  /** sha256: of the canonical definition and periods (libs/domain compiler). */
  @Column({ name: 'hash', type: 'varchar', length: 80 })
  hash!: string;

  @Column({ name: 'definition', type: 'jsonb' })
  definition!: FlowDefinition;

  @Column({ name: 'plan', type: 'jsonb' })
  plan!: FlowPlan;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_flow_version_created_by' })
  creator?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** One year of the working-day calendar (工作日历), editable by the admin. */
@Entity({ name: 'calendar_years' })
@Check('CK_calendar_year_range', `"year" BETWEEN 2000 AND 2100`)
export class CalendarYearEntity {
  @PrimaryColumn({ name: 'year', type: 'int', primaryKeyConstraintName: 'PK_calendar_year' })
  year!: number;

  /** Holidays on weekdays and adjusted working weekends (调休). */
  @Column({ name: 'data', type: 'jsonb' })
  data!: CalendarYear;

  /** Where it came from: the chinese-days package, or an admin's entry. */
  @Column({ name: 'source', type: 'varchar', length: 100 })
  source!: string;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * An alarm (红黄牌) a case workflow raised from its durable timers. Raised once per case and key
 * (a retried activity writes nothing twice); never deleted.
 */
@Entity({ name: 'case_alarms' })
@Unique('UQ_case_alarm', ['caseId', 'alarmKey'])
@Check('CK_case_alarm_level', `"level" IN ('reminder', 'yellow', 'red')`)
@Check('CK_case_alarm_status', `"status" IN ('open', 'investigating', 'rectifying', 'closed')`)
export class CaseAlarmEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_case_alarm' })
  id!: string;

  @Index('IX_case_alarm_case')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'case_number', type: 'varchar', length: 64 })
  caseNumber!: string;

  @Index('IX_case_alarm_item_code')
  @Column({ name: 'item_code', type: 'varchar', length: 20 })
  itemCode!: string;

  @Column({ name: 'alarm_key', type: 'varchar', length: 200 })
  alarmKey!: string;

  @Column({ name: 'kind', type: 'varchar', length: 32 })
  kind!: string;

  @Column({ name: 'level', type: 'varchar', length: 16 })
  level!: 'reminder' | 'yellow' | 'red';

  @Column({ name: 'step_token', type: 'varchar', length: 100, nullable: true })
  stepToken!: string | null;

  @Column({ name: 'message', type: 'text' })
  message!: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @CreateDateColumn({ name: 'raised_at', type: 'timestamptz' })
  raisedAt!: Date;

  @Index('IX_case_alarm_status')
  @Column({ name: 'status', type: 'varchar', length: 16, default: 'open' })
  status!: AlarmStatus;
}

/**
 * One step of an alarm's handling (调查核实 → 督促整改 → closed): append-only, so the record of how
 * an alarm was dealt with is never rewritten; alarms themselves are never deleted.
 */
@Entity({ name: 'alarm_records' })
@Check('CK_alarm_record_to', `"to_status" IN ('investigating', 'rectifying', 'closed')`)
export class AlarmRecordEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_alarm_record' })
  id!: string;

  @Index('IX_alarm_record_alarm')
  @Column({ name: 'alarm_id', type: 'uuid' })
  alarmId!: string;

  @ManyToOne(() => CaseAlarmEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'alarm_id', foreignKeyConstraintName: 'FK_alarm_record_alarm' })
  alarm?: CaseAlarmEntity;

  @Column({ name: 'from_status', type: 'varchar', length: 16 })
  fromStatus!: string;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus!: 'investigating' | 'rectifying' | 'closed';

  @Column({ name: 'note', type: 'text' })
  note!: string;

  @Column({ name: 'recorded_by', type: 'uuid' })
  recordedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'FK_alarm_record_recorded_by' })
  recorder?: UserEntity;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
