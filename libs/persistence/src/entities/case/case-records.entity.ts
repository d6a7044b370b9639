import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ItemEntity } from '../catalog/item.entity';
import { ApplicantEntity, type MaterialProvenance } from '../materials/material-records.entity';
import { OrgEntity } from '../org.entity';
import { UserEntity } from '../user.entity';

/** A library material a case reuses, as the filing recorded it. */
export interface CaseLibraryMaterial {
  materialId: string;
  name: string;
  provenance: MaterialProvenance;
  /** The clerk who confirmed an applicant's own upload at the counter, when one had to. */
  confirmedBy?: string;
}

/**
 * A case (办件): the row is made when it is filed, then kept equal to its workflow by the
 * projection activity (written only with a higher revision, so a retried or late write changes
 * nothing). Temporal's history is the record; this is the index lists and counts read.
 */
@Entity({ name: 'cases' })
@Unique('UQ_case_number', ['caseNumber'])
@Unique('UQ_case_request', ['filedBy', 'requestId'])
@Check('CK_case_status', `"status" IN ('running', 'correction', 'finished')`)
export class CaseEntity {
  @PrimaryColumn({ name: 'id', type: 'uuid', primaryKeyConstraintName: 'PK_case' })
  id!: string;

  /** e.g. 20261127-33030301BM-0001: date, intake centre, sequence of the day. */
  @Column({ name: 'case_number', type: 'varchar', length: 40 })
  caseNumber!: string;

  /** The filer's idempotency key: the same request twice files one case. */
  @Column({ name: 'request_id', type: 'varchar', length: 100 })
  requestId!: string;

  @Column({ name: 'filed_by', type: 'uuid' })
  filedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'filed_by', foreignKeyConstraintName: 'FK_case_filed_by' })
  filer?: UserEntity;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => ItemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_case_item' })
  item?: ItemEntity;

  @Index('IX_case_item_code')
  @Column({ name: 'item_code', type: 'varchar', length: 20 })
  itemCode!: string;

  @Column({ name: 'item_name', type: 'varchar', length: 200 })
  itemName!: string;

  @Column({ name: 'flow_version', type: 'int' })
  flowVersion!: number;

  @Column({ name: 'plan_hash', type: 'varchar', length: 80 })
  planHash!: string;

  /** The centre that took it in (基层受理). */
  @Index('IX_case_intake_org')
  @Column({ name: 'intake_org_id', type: 'uuid' })
  intakeOrgId!: string;

  @ManyToOne(() => OrgEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'intake_org_id', foreignKeyConstraintName: 'FK_case_intake_org' })
  intakeOrg?: OrgEntity;

  /** The applicant's account when they applied online or have one; null for a counter applicant without. */
  @Index('IX_case_applicant_user')
  @Column({ name: 'applicant_user_id', type: 'uuid', nullable: true })
  applicantUserId!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicant_user_id', foreignKeyConstraintName: 'FK_case_applicant_user' })
  applicantUser?: UserEntity | null;

  /** The applicant of the shared materials library, when identified by ID number or credit code. */
  @Column({ name: 'applicant_id', type: 'uuid', nullable: true })
  applicantId!: string | null;

  @ManyToOne(() => ApplicantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'applicant_id', foreignKeyConstraintName: 'FK_case_applicant' })
  applicant?: ApplicantEntity | null;

  @Column({ name: 'applicant_name', type: 'varchar', length: 200 })
  applicantName!: string;

  /** Materials handed in, as named in the item's list (the counter's checklist). */
  @Column({ name: 'materials', type: 'jsonb' })
  materials!: string[];

  /**
   * The shared library's materials this case reuses (一次申报、多次使用), by library row, with where each
   * came from: the case's readers fetch their files through the case, never by a content hash.
   */
  @Column({ name: 'library_materials', type: 'jsonb', default: () => "'[]'" })
  libraryMaterials!: CaseLibraryMaterial[];

  /**
   * 查询码 printed on the receipt (受理回执): with the case number it answers the public result query,
   * as the applicant's ID number does; null for cases filed before receipts carried one.
   */
  @Column({ name: 'query_code', type: 'varchar', length: 16, nullable: true })
  queryCode!: string | null;

  @Index('IX_case_status')
  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: 'running' | 'correction' | 'finished';

  @Column({ name: 'outcome', type: 'varchar', length: 16, nullable: true })
  outcome!: string | null;

  @Column({ name: 'alarm_level', type: 'varchar', length: 16 })
  alarmLevel!: string;

  @Index('IX_case_received_at')
  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ name: 'promised_deadline_at', type: 'timestamptz', nullable: true })
  promisedDeadlineAt!: Date | null;

  @Column({ name: 'legal_deadline_at', type: 'timestamptz', nullable: true })
  legalDeadlineAt!: Date | null;

  @Index('IX_case_finished_at')
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  /** Working hours the clock stood still for 补正 so far (statistics leave them out of handling time). */
  @Column({ name: 'paused_hours', type: 'double precision', default: 0 })
  pausedHours!: number;

  /**
   * Working hours from receipt to finish less the 补正 pauses, by the calendar in force when the
   * projection recorded the finish; null while running or when the calendar lacked a year it spans
   * (the statistics then time the case from the day table).
   */
  @Column({ name: 'handling_hours', type: 'double precision', nullable: true })
  handlingHours!: number | null;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200 })
  workflowId!: string;

  /** The highest workflow revision written here. */
  @Column({ name: 'revision', type: 'int' })
  revision!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/**
 * The work queue (待办): one row per step of a case the workflow opened, with who may act on it
 * (an org level, department and post within a region, or the case's intake centre).
 */
@Entity({ name: 'case_tasks' })
@Unique('UQ_case_task', ['caseId', 'token'])
@Check('CK_case_task_status', `"status" IN ('open', 'done', 'cancelled')`)
@Index('IX_case_task_open_queue', ['status', 'level', 'department', 'deadlineAt'])
@Index('IX_case_task_completed_at', ['completedAt'])
@Index('IX_case_task_started_at', ['startedAt'])
export class CaseTaskEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_case_task' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_case_task_case' })
  case?: CaseEntity;

  @Column({ name: 'token', type: 'varchar', length: 100 })
  token!: string;

  @Column({ name: 'node_id', type: 'varchar', length: 64 })
  nodeId!: string;

  @Column({ name: 'step_name', type: 'varchar', length: 200 })
  stepName!: string;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: string;

  /** org | intakeCentre */
  @Column({ name: 'actor_kind', type: 'varchar', length: 16 })
  actorKind!: string;

  @Column({ name: 'level', type: 'varchar', length: 16, nullable: true })
  level!: string | null;

  @Column({ name: 'department', type: 'varchar', length: 2, nullable: true })
  department!: string | null;

  @Column({ name: 'post', type: 'varchar', length: 50 })
  post!: string;

  /** Materialised path of the region the step belongs to (org steps), or of the intake centre. */
  @Column({ name: 'scope_path', type: 'text' })
  scopePath!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: 'open' | 'done' | 'cancelled';

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'deadline_at', type: 'timestamptz', nullable: true })
  deadlineAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'completion', type: 'varchar', length: 32, nullable: true })
  completion!: string | null;

  /** The case's paused hours (补正) when the step opened. */
  @Column({ name: 'paused_hours_at_start', type: 'double precision', default: 0 })
  pausedHoursAtStart!: number;

  /** Working hours the clock stood still while the step was open; set when it ends. */
  @Column({ name: 'paused_hours', type: 'double precision', nullable: true })
  pausedHours!: number | null;

  /** Working hours the step took less its pauses, fixed when it ends (see CaseEntity.handlingHours). */
  @Column({ name: 'handling_hours', type: 'double precision', nullable: true })
  handlingHours!: number | null;
}

/** Case numbers: the last sequence per day and intake centre. */
@Entity({ name: 'case_number_sequences' })
export class CaseNumberSequenceEntity {
  @PrimaryColumn({ name: 'day', type: 'varchar', length: 8, primaryKeyConstraintName: 'PK_case_number_sequence' })
  day!: string;

  @PrimaryColumn({ name: 'org_code', type: 'varchar', length: 16, primaryKeyConstraintName: 'PK_case_number_sequence' })
  orgCode!: string;

  @Column({ name: 'last_sequence', type: 'int' })
  lastSequence!: number;
}

/**
 * A refused attempt to act on a case: the Update validator's refusal leaves no trace in the
 * workflow history, so the API records who tried what, for the supervision office (电子监察).
 */
@Entity({ name: 'case_refusals' })
export class CaseRefusalEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_case_refusal' })
  id!: string;

  @Index('IX_case_refusal_case')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ name: 'command', type: 'jsonb' })
  command!: object;

  @Column({ name: 'code', type: 'varchar', length: 64 })
  code!: string;

  @Column({ name: 'message', type: 'text' })
  message!: string;

  @CreateDateColumn({ name: 'at', type: 'timestamptz' })
  at!: Date;
}
