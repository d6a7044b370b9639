import type { DiscretionBenchmark, Fee, Material, PenaltyKind, ServiceForm } from '#domain';
import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { ItemEntity } from './item.entity';

/** 行政审批类事项基本信息表 (附件1), used by XK, SP and every type without a table of its own. */
@Entity({ name: 'item_approval_details' })
@Check('CK_item_approval_periods', `"legal_period_days" > 0 AND "promised_period_days" > 0 AND "promised_period_days" <= "legal_period_days"`)
export class ItemApprovalEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid', primaryKeyConstraintName: 'PK_item_approval' })
  itemId!: string;

  @OneToOne(() => ItemEntity, (item) => item.approval, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_item_approval_item' })
  item?: ItemEntity;

  /** 受理条件 */
  @Column({ name: 'conditions', type: 'text' })
  conditions!: string;

  /** 申报资料 */
  @Column({ name: 'materials', type: 'jsonb' })
  materials!: Material[];

  /** 法定期限, working days */
  @Column({ name: 'legal_period_days', type: 'int' })
  legalPeriodDays!: number;

  /** 承诺期限, working days; never above the legal one */
  @Column({ name: 'promised_period_days', type: 'int' })
  promisedPeriodDays!: number;

  /** 收费及依据标准 */
  @Column({ name: 'fee', type: 'jsonb' })
  fee!: Fee;

  /** 服务表格 */
  @Column({ name: 'forms', type: 'jsonb', default: () => "'[]'" })
  forms!: ServiceForm[];
}

/** 行政处罚类权力基本信息表 */
@Entity({ name: 'item_penalty_details' })
export class ItemPenaltyEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid', primaryKeyConstraintName: 'PK_item_penalty' })
  itemId!: string;

  @OneToOne(() => ItemEntity, (item) => item.penalty, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_item_penalty_item' })
  item?: ItemEntity;

  /** 处罚种类 */
  @Column({ name: 'penalty_kinds', type: 'jsonb' })
  penaltyKinds!: PenaltyKind[];

  /** 自由裁量基准, structured (libs/domain discretion) */
  @Column({ name: 'discretion', type: 'jsonb' })
  discretion!: DiscretionBenchmark;

  /** 处罚结果有无公开 */
  @Column({ name: 'results_public', type: 'boolean' })
  resultsPublic!: boolean;
}

/** 行政强制类权力基本信息表 */
@Entity({ name: 'item_coercion_details' })
@Check('CK_item_coercion_kind', `"coercion_kind" IN ('measure', 'execution')`)
export class ItemCoercionEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid', primaryKeyConstraintName: 'PK_item_coercion' })
  itemId!: string;

  @OneToOne(() => ItemEntity, (item) => item.coercion, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_item_coercion_item' })
  item?: ItemEntity;

  /** 行政强制措施 (measure) or 行政强制执行 (execution) */
  @Column({ name: 'coercion_kind', type: 'varchar', length: 16 })
  coercionKind!: 'measure' | 'execution';

  /** e.g. 查封场所、设施或者财物; 扣押财物 (行政强制法 第九条) */
  @Column({ name: 'measures', type: 'jsonb' })
  measures!: string[];
}

/** 行政奖励类权力基本信息 */
@Entity({ name: 'item_reward_details' })
@Check('CK_item_reward_dates', `"expiry_date" IS NULL OR "expiry_date" >= "effective_date"`)
@Check('CK_item_reward_period', `"promised_period_days" > 0`)
export class ItemRewardEntity {
  @PrimaryColumn({ name: 'item_id', type: 'uuid', primaryKeyConstraintName: 'PK_item_reward' })
  itemId!: string;

  @OneToOne(() => ItemEntity, (item) => item.reward, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'item_id', foreignKeyConstraintName: 'FK_item_reward_item' })
  item?: ItemEntity;

  /** 生效时间 */
  @Column({ name: 'effective_date', type: 'date' })
  effectiveDate!: string;

  /** 失效时间 */
  @Column({ name: 'expiry_date', type: 'date', nullable: true })
  expiryDate!: string | null;

  /** 承诺时限, working days */
  @Column({ name: 'promised_period_days', type: 'int' })
  promisedPeriodDays!: number;

  /** 奖励结果有无公开 */
  @Column({ name: 'results_public', type: 'boolean' })
  resultsPublic!: boolean;
}
