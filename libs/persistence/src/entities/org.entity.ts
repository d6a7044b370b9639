import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const ORG_LEVELS = ['city', 'county', 'township', 'community', 'department'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/**
 * An organisation: an administrative level (市、县/区、乡镇/街道、社区/村) or a department (部门)
 * under a county or township. `path` is the materialised path of ids from the root (see
 * libs/domain org-scope) so jurisdiction checks need no recursive query.
 */
@Entity({ name: 'orgs' })
@Unique('UQ_org_code', ['code'])
@Check('CK_org_level', `"level" IN ('city', 'county', 'township', 'community', 'department')`)
@Check('CK_org_department_codes', `("level" = 'department') = ("dept_code" IS NOT NULL) AND ("level" <> 'department' OR "region_code" IS NOT NULL)`)
export class OrgEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_org' })
  id!: string;

  /** Division code (330303) or, for a department, its 10-character subject code (33030300AJ, 附件2). */
  @Column({ name: 'code', type: 'varchar', length: 16 })
  code!: string;

  /** National administrative division code (GB/T 2260, 统计用区划代码) of a region; null for a department. */
  @Column({ name: 'division_code', type: 'varchar', length: 12, nullable: true })
  divisionCode!: string | null;

  /**
   * The 8-digit region part of item codes (附件2): province + city + county + township, e.g.
   * 33030300 for 龙湾区. A department has its parent region's; a community has none.
   */
  @Index('IX_org_region_code')
  @Column({ name: 'region_code', type: 'varchar', length: 8, nullable: true })
  regionCode!: string | null;

  /** Department only: two upper-case pinyin initials (GS 工商, AJ 安监 …). */
  @Column({ name: 'dept_code', type: 'varchar', length: 2, nullable: true })
  deptCode!: string | null;

  /** Division codes the org had before (洞头 was 330322 until it became a district); items keep theirs. */
  @Column({ name: 'former_codes', type: 'jsonb', default: () => "'[]'" })
  formerCodes!: { code: string; until: string }[];

  @Column({ name: 'name', type: 'varchar', length: 100 })
  name!: string;

  @Column({ name: 'level', type: 'varchar', length: 16 })
  level!: OrgLevel;

  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => OrgEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_org_parent' })
  parent?: OrgEntity | null;

  @Index('IX_org_path')
  @Column({ name: 'path', type: 'text' })
  path!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
