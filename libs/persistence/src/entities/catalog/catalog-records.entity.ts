import type { CatalogChangeKind, CatalogChangeStatus } from '#domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { OrgEntity } from '../org.entity';
import { UserEntity } from '../user.entity';
import { ItemEntity } from './item.entity';

/**
 * The last sequence handed out per subject and type (附件2 三: sequences are never reused). Rows
 * only grow; allocation is one `INSERT … ON CONFLICT DO UPDATE … RETURNING`, which serialises
 * concurrent allocators on the row.
 */
@Entity({ name: 'item_code_sequences' })
@Check('CK_item_code_sequence_range', `"last_sequence" BETWEEN 0 AND 9999`)
export class ItemCodeSequenceEntity {
  @PrimaryColumn({ name: 'subject_code', type: 'varchar', length: 10, primaryKeyConstraintName: 'PK_item_code_sequence' })
  subjectCode!: string;

  @PrimaryColumn({ name: 'type_code', type: 'varchar', length: 2, primaryKeyConstraintName: 'PK_item_code_sequence' })
  typeCode!: string;

  @Column({ name: 'last_sequence', type: 'int' })
  lastSequence!: number;
}

export type { CatalogChangeKind, CatalogChangeStatus };

/**
 * A catalog change (新增、变更、下放、拆分、取消, or a bulk import of new items) filed by a
 * department and reviewed by the approval office (审管办). Its review runs as a Temporal workflow;
 * this row is that workflow's projection and the record of what was asked and decided.
 */
@Entity({ name: 'catalog_changes' })
@Check('CK_catalog_change_kind', `"kind" IN ('create', 'update', 'delegate', 'split', 'cancel', 'import')`)
@Check('CK_catalog_change_status', `"status" IN ('pending', 'approved', 'returned')`)
@Index('UQ_catalog_change_pending_item', ['targetItemId'], { unique: true, where: `"status" = 'pending'` })
export class CatalogChangeEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_catalog_change' })
  id!: string;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: CatalogChangeKind;

  @Index('IX_catalog_change_status')
  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: CatalogChangeStatus;

  /** The department that filed it. */
  @Index('IX_catalog_change_org')
  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrgEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_catalog_change_org' })
  org?: OrgEntity;

  @Column({ name: 'filed_by', type: 'uuid' })
  filedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'filed_by', foreignKeyConstraintName: 'FK_catalog_change_filed_by' })
  filer?: UserEntity;

  /** The item changed, delegated, split or cancelled; null for create and import. */
  @Column({ name: 'target_item_id', type: 'uuid', nullable: true })
  targetItemId!: string | null;

  @ManyToOne(() => ItemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'target_item_id', foreignKeyConstraintName: 'FK_catalog_change_target_item' })
  targetItem?: ItemEntity | null;

  /** What the department asks for, as validated at filing (see apps/api catalog DTOs). */
  @Column({ name: 'payload', type: 'jsonb' })
  payload!: object;

  /** 变更理由 */
  @Column({ name: 'reason', type: 'text' })
  reason!: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200 })
  workflowId!: string;

  @Column({ name: 'reviewed_by', type: 'uuid', nullable: true })
  reviewedBy!: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewed_by', foreignKeyConstraintName: 'FK_catalog_change_reviewed_by' })
  reviewer?: UserEntity | null;

  /** 审核意见; required when returned. */
  @Column({ name: 'review_note', type: 'text', nullable: true })
  reviewNote!: string | null;

  /** Codes created, changed or retired, once approved. */
  @Column({ name: 'result', type: 'jsonb', nullable: true })
  result!: { created: string[]; changed: string[]; retired: string[]; cancelled: string[] } | null;

  @CreateDateColumn({ name: 'filed_at', type: 'timestamptz' })
  filedAt!: Date;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}

/** Every version an item has had: the full public table as of that version. */
@Entity({ name: 'item_versions' })
@Unique('UQ_item_version', ['itemId', 'version'])
export class ItemVersionEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_item_version' })
  id!: string;

  @Column({ name: 'item_id', type: 'uuid' })
  itemId!: string;

  @ManyToOne(() => ItemEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_item_version_item' })
  item?: ItemEntity;

  @Column({ name: 'version', type: 'int' })
  version!: number;

  @Column({ name: 'snapshot', type: 'jsonb' })
  snapshot!: object;

  /** The approved change that made it; null for seeded data. */
  @Column({ name: 'change_id', type: 'uuid', nullable: true })
  changeId!: string | null;

  @ManyToOne(() => CatalogChangeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'change_id', foreignKeyConstraintName: 'FK_item_version_change' })
  change?: CatalogChangeEntity | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** 同步公告: published when a catalog change is approved. */
@Entity({ name: 'announcements' })
@Unique('UQ_announcement_change', ['changeId'])
export class AnnouncementEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_announcement' })
  id!: string;

  @Column({ name: 'change_id', type: 'uuid' })
  changeId!: string;

  @ManyToOne(() => CatalogChangeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'change_id', foreignKeyConstraintName: 'FK_announcement_change' })
  change?: CatalogChangeEntity;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind!: CatalogChangeKind;

  @Column({ name: 'title', type: 'varchar', length: 300 })
  title!: string;

  @Column({ name: 'body', type: 'text' })
  body!: string;

  @Column({ name: 'item_codes', type: 'jsonb' })
  itemCodes!: string[];

  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrgEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_announcement_org' })
  org?: OrgEntity;

  @Index('IX_announcement_published_at')
  @Column({ name: 'published_at', type: 'timestamptz' })
  publishedAt!: Date;
}
