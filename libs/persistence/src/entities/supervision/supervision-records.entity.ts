import type { ExemptionStatus, GradingRules } from '#domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { ItemEntity } from '../catalog/item.entity';
import { OrgEntity } from '../org.entity';
import { UserEntity } from '../user.entity';

/**
 * The grading rules (考评指标: weights, card deductions, grade thresholds) as the supervision office set
 * them, every version kept: the newest is in force, and a published grade carries a copy of its own.
 */
@Entity({ name: 'grading_rule_versions' })
export class GradingRuleVersionEntity {
  @PrimaryGeneratedColumn('increment', { name: 'version', type: 'int', primaryKeyConstraintName: 'PK_grading_rule_version' })
  version!: number;

  @Column({ name: 'rules', type: 'jsonb' })
  rules!: GradingRules;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_grading_rule_version_created_by' })
  creator?: UserEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A quarter's department grades as published (公开): a snapshot, never recomputed or changed. */
@Entity({ name: 'grade_publications' })
@Unique('UQ_grade_publication_quarter', ['quarter'])
export class GradePublicationEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_grade_publication' })
  id!: string;

  /** e.g. 2026Q3 */
  @Column({ name: 'quarter', type: 'varchar', length: 6 })
  quarter!: string;

  @Column({ name: 'rules', type: 'jsonb' })
  rules!: GradingRules;

  @Column({ name: 'rules_version', type: 'int', nullable: true })
  rulesVersion!: number | null;

  /** One entry per department, as GET /api/supervision/grades answered when it was published. */
  @Column({ name: 'grades', type: 'jsonb' })
  grades!: object[];

  @Column({ name: 'published_by', type: 'uuid' })
  publishedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'published_by', foreignKeyConstraintName: 'FK_grade_publication_published_by' })
  publisher?: UserEntity;

  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;
}

/**
 * An exemption from supervision (监察豁免) of one item, filed by its department with a reason and
 * decided by the supervision office. While approved (from `effective_from` until `effective_until`,
 * when revoked) the item's cases are left out of statistics and grades and listed in the coverage report.
 * At most one pending or approved exemption per item.
 */
@Entity({ name: 'supervision_exemptions' })
@Check('CK_supervision_exemption_status', `"status" IN ('pending', 'approved', 'rejected', 'revoked')`)
@Index('UQ_supervision_exemption_item_open', ['itemId'], { unique: true, where: `"status" IN ('pending', 'approved')` })
export class SupervisionExemptionEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_supervision_exemption' })
  id!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => ItemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_supervision_exemption_item' })
  item?: ItemEntity;

  /** The item's department, which filed it. */
  @Index('IX_supervision_exemption_org')
  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrgEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_supervision_exemption_org' })
  org?: OrgEntity;

  @Column({ name: 'reason', type: 'text' })
  reason!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: ExemptionStatus;

  @Column({ name: 'filed_by', type: 'uuid' })
  filedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'filed_by', foreignKeyConstraintName: 'FK_supervision_exemption_filed_by' })
  filer?: UserEntity;

  @CreateDateColumn({ name: 'filed_at', type: 'timestamptz' })
  filedAt!: Date;

  @Column({ name: 'effective_from', type: 'timestamptz', nullable: true })
  effectiveFrom!: Date | null;

  @Column({ name: 'effective_until', type: 'timestamptz', nullable: true })
  effectiveUntil!: Date | null;
}

/** Each decision on an exemption (approved, rejected, revoked) with its note: append-only. */
@Entity({ name: 'exemption_decisions' })
@Check('CK_exemption_decision_to', `"to_status" IN ('approved', 'rejected', 'revoked')`)
export class ExemptionDecisionEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_exemption_decision' })
  id!: string;

  @Index('IX_exemption_decision_exemption')
  @Column({ name: 'exemption_id', type: 'uuid' })
  exemptionId!: string;

  @ManyToOne(() => SupervisionExemptionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'exemption_id', foreignKeyConstraintName: 'FK_exemption_decision_exemption' })
  exemption?: SupervisionExemptionEntity;

  @Column({ name: 'from_status', type: 'varchar', length: 16 })
  fromStatus!: string;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus!: 'approved' | 'rejected' | 'revoked';

  @Column({ name: 'note', type: 'text' })
  note!: string;

  @Column({ name: 'decided_by', type: 'uuid' })
  decidedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by', foreignKeyConstraintName: 'FK_exemption_decision_decided_by' })
  decider?: UserEntity;

  @CreateDateColumn({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;
}
