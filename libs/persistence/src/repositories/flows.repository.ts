import type { FlowDefinition, FlowPlan, OrgLevel } from '#domain';
import type { DataSource } from 'typeorm';
import { FlowVersionEntity } from '../entities/flow/flow-records.entity';
import { OrgEntity } from '../entities/org.entity';

export class FlowsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The newest version, or a given one. */
  find(itemId: string, version?: number): Promise<FlowVersionEntity | null> {
    return this.dataSource.getRepository(FlowVersionEntity).findOne({
      where: version === undefined ? { itemId } : { itemId, version },
      order: { version: 'DESC' },
    });
  }

  /**
   * Stores the next version. Two publishers at once: the unique (item, version) constraint lets one
   * win; the other retries with the next number.
   */
  async publish(values: { itemId: string; definition: FlowDefinition; plan: FlowPlan; createdBy: string }): Promise<FlowVersionEntity> {
    for (let attempt = 0; ; attempt++) {
      const latest = await this.find(values.itemId);
      try {
        return await this.dataSource.getRepository(FlowVersionEntity).save({ ...values, hash: values.plan.hash, version: (latest?.version ?? 0) + 1 });
      } catch (error) {
        if ((error as { constraint?: string }).constraint !== 'UQ_flow_version' || attempt >= 3) throw error;
      }
    }
  }

  /** Department codes present at each level (for the compiler's actor checks). */
  async departmentsByLevel(): Promise<Record<OrgLevel, string[]>> {
    const rows: { level: OrgLevel; dept_code: string }[] = await this.dataSource
      .getRepository(OrgEntity)
      .createQueryBuilder('dept')
      .innerJoin(OrgEntity, 'region', 'region.id = dept.parent_id')
      .select(['region.level AS level', 'dept.dept_code AS dept_code'])
      .where(`dept.level = 'department'`)
      .distinct(true)
      .getRawMany();
    const result: Record<OrgLevel, string[]> = { community: [], township: [], county: [], city: [] };
    for (const row of rows) result[row.level]?.push(row.dept_code);
    return result;
  }

  /** The posts (岗位) set up: those some active user holds. A step naming another post could never be acted on. */
  async establishedPosts(): Promise<string[]> {
    const rows: { post: string }[] = await this.dataSource.query(
      `SELECT DISTINCT jsonb_array_elements_text(posts) AS post FROM users WHERE active ORDER BY post`,
    );
    return rows.map((r) => r.post);
  }
}
