import type { ItemFamily, ItemTypeCode, LegalBasis, RegionLevel, SubjectNature } from '#domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { OrgEntity } from '../org.entity';
import type { ItemApprovalEntity, ItemCoercionEntity, ItemPenaltyEntity, ItemRewardEntity } from './item-details.entity';

export type ItemStatus = 'active' | 'cancelled' | 'retired';

/**
 * A power item (行政职权事项): the columns every type's table of 附件1 shares. The type-specific
 * columns live in one table per family (approval, penalty, coercion, reward). Rows are never
 * deleted: a cancelled or retired item keeps its code, so its sequence is never handed out again.
 */
@Entity({ name: 'items' })
@Unique('UQ_item_code', ['code'])
@Unique('UQ_item_subject_type_sequence', ['subjectCode', 'typeCode', 'sequence'])
@Check('CK_item_status', `"status" IN ('active', 'cancelled', 'retired')`)
@Check('CK_item_region_level', `"region_level" IN ('city', 'county', 'township')`)
@Check('CK_item_family', `"family" IN ('approval', 'penalty', 'coercion', 'reward')`)
@Check('CK_item_subject_nature', `"subject_nature" IN ('statutory', 'authorized', 'entrusted')`)
@Check('CK_item_entrusting_body', `("subject_nature" = 'entrusted') = ("entrusting_body" IS NOT NULL)`)
@Check('CK_item_sequence', `"sequence" BETWEEN 1 AND 9999`)
@Index('IX_item_status_code', ['status', 'code'])
// Created by the Catalog migration: GIN and INCLUDE are beyond TypeORM's index declarations.
@Index('IX_item_search_terms', { synchronize: false })
@Index('IX_item_status_type_code', { synchronize: false })
@Index('IX_item_status_subject_code', { synchronize: false })
@Index('IX_item_status_level_code', { synchronize: false })
@Index('IX_item_status_level_type_code', { synchronize: false })
export class ItemEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_item' })
  id!: string;

  /** 附件2 code, e.g. 33030300AJ-CF-0003. */
  @Column({ name: 'code', type: 'varchar', length: 20 })
  code!: string;

  @Index('IX_item_subject_code')
  @Column({ name: 'subject_code', type: 'varchar', length: 10 })
  subjectCode!: string;

  /** city | county | township: derived from the subject code (附件2), kept for the listing's level filter. */
  @Column({ name: 'region_level', type: 'varchar', length: 8 })
  regionLevel!: RegionLevel;

  @Column({ name: 'type_code', type: 'varchar', length: 2 })
  typeCode!: ItemTypeCode;

  @Column({ name: 'sequence', type: 'int' })
  sequence!: number;

  @Column({ name: 'family', type: 'varchar', length: 16 })
  family!: ItemFamily;

  /** The department (部门) that handles the item. */
  @Index('IX_item_org')
  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrgEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_item_org' })
  org?: OrgEntity;

  @Column({ name: 'name', type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: ItemStatus;

  /** Bumped by every approved change; item_versions keeps each one. */
  @Column({ name: 'version', type: 'int' })
  version!: number;

  @Column({ name: 'legal_basis', type: 'jsonb' })
  legalBasis!: LegalBasis[];

  /** 法定机关 / 授权组织 / 受委托组织 */
  @Column({ name: 'subject_nature', type: 'varchar', length: 16 })
  subjectNature!: SubjectNature;

  /** 委托组织 (name and nature), when the subject is entrusted. */
  @Column({ name: 'entrusting_body', type: 'varchar', length: 200, nullable: true })
  entrustingBody!: string | null;

  /** 办理部门: the office (科室) that handles it. */
  @Column({ name: 'handling_unit', type: 'varchar', length: 200 })
  handlingUnit!: string;

  @Column({ name: 'place', type: 'varchar', length: 300 })
  place!: string;

  @Column({ name: 'phone', type: 'varchar', length: 50 })
  phone!: string;

  @Column({ name: 'supervision_phone', type: 'varchar', length: 50 })
  supervisionPhone!: string;

  /** GB/T 39554.1 基本编码, for exchange with provincial platforms. */
  @Column({ name: 'basic_code', type: 'varchar', length: 64, nullable: true })
  basicCode!: string | null;

  /** GB/T 39554.1 实施编码. */
  @Column({ name: 'implementation_code', type: 'varchar', length: 64, nullable: true })
  implementationCode!: string | null;

  /** GB/T 39554.1 业务办理项编码. */
  @Column({ name: 'handling_item_code', type: 'varchar', length: 64, nullable: true })
  handlingItemCode!: string | null;

  /** Codes of the items that replaced this one (下放, 拆分). */
  @Column({ name: 'successor_codes', type: 'jsonb', default: () => "'[]'" })
  successorCodes!: string[];

  /** CJK unigrams and bigrams of the name and legal basis (libs/domain cjk-terms); GIN-indexed in the migration. */
  @Column({ name: 'search_terms', type: 'tsvector', select: false })
  searchTerms!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @OneToOne('ItemApprovalEntity', 'item')
  approval?: ItemApprovalEntity | null;

  @OneToOne('ItemPenaltyEntity', 'item')
  penalty?: ItemPenaltyEntity | null;

  @OneToOne('ItemCoercionEntity', 'item')
  coercion?: ItemCoercionEntity | null;

  @OneToOne('ItemRewardEntity', 'item')
  reward?: ItemRewardEntity | null;
}
