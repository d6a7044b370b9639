import { orgPath } from '#domain';
import type { DataSource, Repository } from 'typeorm';
import { OrgEntity, type OrgLevel } from '../entities/org.entity';

export class OrgsRepository {
  private readonly orgs: Repository<OrgEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.orgs = dataSource.getRepository(OrgEntity);
  }

  findById(id: string): Promise<OrgEntity | null> {
    return this.orgs.findOneBy({ id });
  }

  findByCode(code: string): Promise<OrgEntity | null> {
    return this.orgs.findOneBy({ code });
  }

  /** Creates the org under its parent (by code) unless an org with that code exists. */
  async ensure(values: { code: string; name: string; level: OrgLevel; parentCode?: string }): Promise<OrgEntity> {
    return this.dataSource.transaction(async (manager) => {
      const repo = manager.getRepository(OrgEntity);
      const existing = await repo.findOneBy({ code: values.code });
      if (existing) return existing;
      const parent = values.parentCode ? await repo.findOneByOrFail({ code: values.parentCode }) : null;
      const org = repo.create({ code: values.code, name: values.name, level: values.level, parentId: parent?.id ?? null, path: '/' });
      const saved = await repo.save(org);
      saved.path = orgPath(parent?.path ?? null, saved.id);
      return repo.save(saved);
    });
  }
}
