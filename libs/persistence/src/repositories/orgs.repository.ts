import { orgPath } from '#domain';
import { type DataSource, In, type Repository } from 'typeorm';
import { OrgEntity, type OrgLevel } from '../entities/org.entity';
import type { SeedOrg } from '../seed/wenzhou-orgs';

export class OrgsRepository {
  private readonly orgs: Repository<OrgEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.orgs = dataSource.getRepository(OrgEntity);
  }

  findById(id: string): Promise<OrgEntity | null> {
    return this.orgs.findOneBy({ id });
  }

  /** The org and every org above it, root first (from its materialised path). */
  async lineage(org: OrgEntity): Promise<OrgEntity[]> {
    const ids = org.path.split('/').filter(Boolean);
    const found = await this.orgs.findBy({ id: In(ids) });
    return ids.map((id) => found.find((o) => o.id === id)!).filter(Boolean);
  }

  findByCode(code: string): Promise<OrgEntity | null> {
    return this.orgs.findOneBy({ code });
  }

  /** Ordered by code; a parent code that does not exist gives an empty list. */
  async list(filters: { level?: OrgLevel; parentCode?: string }): Promise<OrgEntity[]> {
    const qb = this.orgs.createQueryBuilder('org').orderBy('org.code', 'ASC');
    if (filters.level) qb.andWhere('org.level = :level', { level: filters.level });
    if (filters.parentCode) {
      qb.innerJoin(OrgEntity, 'parent', 'parent.id = org.parent_id').andWhere('parent.code = :parentCode', { parentCode: filters.parentCode });
    }
    return qb.getMany();
  }

  /**
   * Creates a seed organisation unless one with its code exists. A region's code is its division
   * code; a department's is its subject code (附件2): the parent region's 8 digits + its 2 letters.
   */
  async ensure(seed: SeedOrg): Promise<OrgEntity> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(OrgEntity);
      const parent = seed.parentDivisionCode ? await repo.findOneByOrFail({ code: seed.parentDivisionCode }) : null;
      const isDepartment = seed.level === 'department';
      if (isDepartment && !parent?.regionCode) throw new Error(`department ${seed.name} needs a parent region with a region code`);
      const code = isDepartment ? `${parent!.regionCode}${seed.deptCode}` : seed.divisionCode!;
      const existing = await repo.findOneBy({ code });
      if (existing) return existing;
      const saved = await repo.save(
        repo.create({
          code,
          name: seed.name,
          level: seed.level,
          divisionCode: isDepartment ? null : (seed.divisionCode ?? null),
          regionCode: isDepartment ? parent!.regionCode : (seed.regionCode ?? null),
          deptCode: isDepartment ? (seed.deptCode ?? null) : null,
          formerCodes: seed.formerDivisionCodes ?? [],
          parentId: parent?.id ?? null,
          path: '/',
        }),
      );
      saved.path = orgPath(parent?.path ?? null, saved.id);
      return repo.save(saved);
    });
  }
}
