import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CaseEntity } from '../case/case-records.entity';
import { ItemEntity } from '../catalog/item.entity';
import { OrgEntity } from '../org.entity';
import { UserEntity } from '../user.entity';

/** 咨询: a question about an item; its department answers; answered ones are public Q&A. */
@Entity({ name: 'consultations' })
export class ConsultationEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_consultation' })
  id!: string;

  @Index('IX_consultation_item')
  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => ItemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_consultation_item' })
  item?: ItemEntity;

  /** The item's department, which answers. */
  @Index('IX_consultation_org')
  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrgEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_consultation_org' })
  org?: OrgEntity;

  @Column({ name: 'asked_by', type: 'uuid' })
  askedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asked_by', foreignKeyConstraintName: 'FK_consultation_asked_by' })
  asker?: UserEntity;

  @Column({ name: 'question', type: 'text' })
  question!: string;

  @CreateDateColumn({ name: 'asked_at', type: 'timestamptz' })
  askedAt!: Date;

  @Column({ name: 'answer', type: 'text', nullable: true })
  answer!: string | null;

  @Column({ name: 'answered_by', type: 'uuid', nullable: true })
  answeredBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'answered_by', foreignKeyConstraintName: 'FK_consultation_answered_by' })
  answerer?: UserEntity | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;
}

/** 好差评: one rating per finished case by its applicant, on the five levels of GB/T 39734. */
@Entity({ name: 'case_ratings' })
@Unique('UQ_case_rating_case', ['caseId'])
@Check('CK_case_rating_level', `"level" BETWEEN 1 AND 5`)
export class CaseRatingEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_case_rating' })
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @OneToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_case_rating_case' })
  case?: CaseEntity;

  @Column({ name: 'rated_by', type: 'uuid' })
  ratedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rated_by', foreignKeyConstraintName: 'FK_case_rating_rated_by' })
  rater?: UserEntity;

  /** 1 非常满意, 2 满意, 3 基本满意, 4 不满意, 5 非常不满意 */
  @Column({ name: 'level', type: 'int' })
  level!: number;

  @Column({ name: 'comment', type: 'text', nullable: true })
  comment!: string | null;

  @CreateDateColumn({ name: 'rated_at', type: 'timestamptz' })
  ratedAt!: Date;
}

/** 整改: opened by a poor rating, due in 15 working days, closed with a record. */
@Entity({ name: 'rectifications' })
@Unique('UQ_rectification_rating', ['ratingId'])
@Check('CK_rectification_status', `"status" IN ('open', 'closed')`)
export class RectificationEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_rectification' })
  id!: string;

  @Column({ name: 'rating_id', type: 'uuid' })
  ratingId!: string;

  @OneToOne(() => CaseRatingEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rating_id', foreignKeyConstraintName: 'FK_rectification_rating' })
  rating?: CaseRatingEntity;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  /** The item's department, which must rectify. */
  @Index('IX_rectification_org')
  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrgEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_rectification_org' })
  org?: OrgEntity;

  /** 15 working days from the rating (working-day calendar); null if the calendar lacks the year. */
  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: 'open' | 'closed';

  @Column({ name: 'record', type: 'text', nullable: true })
  record!: string | null;

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt!: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt!: Date | null;
}
