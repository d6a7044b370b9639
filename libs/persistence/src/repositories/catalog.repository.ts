import {
  DomainError,
  ErrorCode,
  type ItemDraft,
  type ItemTypeCode,
  type RegionLevel,
  type SubjectLookup,
  familyOf,
  formatItemCode,
  indexTermsOf,
  queryTermsOf,
  regionLevelOf,
  searchableTextOf,
} from '#domain';
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import {
  AnnouncementEntity,
  CatalogChangeEntity,
  type CatalogChangeKind,
  type CatalogChangeStatus,
  ItemVersionEntity,
} from '../entities/catalog/catalog-records.entity';
import { ItemApprovalEntity, ItemCoercionEntity, ItemPenaltyEntity, ItemRewardEntity } from '../entities/catalog/item-details.entity';
import { ItemEntity, type ItemStatus } from '../entities/catalog/item.entity';
import { OrgEntity } from '../entities/org.entity';

export interface ItemListFilters {
  typeCode?: ItemTypeCode;
  subjectCode?: string;
  orgId?: string;
  deptCode?: string;
  level?: RegionLevel;
  q?: string;
  status?: ItemStatus;
  sort?: 'code' | 'name' | 'relevance';
  page: number;
  pageSize: number;
}

export interface ChangeListFilters {
  status?: CatalogChangeStatus;
  orgId?: string;
  /** Materialised path prefix: changes filed by departments inside it. */
  withinOrgPath?: string;
  page: number;
  pageSize: number;
}

/** The catalog's regions and departments, for item-code validation without a query per code. */
export interface CatalogSubjects extends SubjectLookup {
  departmentBySubject(subjectCode: string): OrgEntity | undefined;
}

/** A text search counts its matches up to this many. */
export const TEXT_COUNT_CAP = 5000;

const DETAIL_RELATIONS = { org: true, approval: true, penalty: true, coercion: true, reward: true } as const;

/** Items, their versions, code sequences, catalog changes and announcements. */
export class CatalogRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async subjects(manager: EntityManager = this.dataSource.manager): Promise<CatalogSubjects> {
    const orgs = await manager.getRepository(OrgEntity).find();
    const regions = new Map<string, RegionLevel>();
    const departments = new Map<string, OrgEntity>();
    for (const org of orgs) {
      if (org.level === 'department') departments.set(org.code, org);
      else if (org.regionCode && org.level !== 'community') regions.set(org.regionCode, org.level);
    }
    return {
      regionLevel: (regionCode) => regions.get(regionCode),
      departmentExists: (subjectCode) => departments.has(subjectCode),
      departmentBySubject: (subjectCode) => departments.get(subjectCode),
    };
  }

  findItemByCode(code: string, manager: EntityManager = this.dataSource.manager): Promise<ItemEntity | null> {
    return manager.getRepository(ItemEntity).findOne({ where: { code }, relations: DETAIL_RELATIONS });
  }

  /** A department's active items with their family tables, by code (exports). */
  findActiveItemsOfSubject(subjectCode: string): Promise<ItemEntity[]> {
    return this.dataSource.getRepository(ItemEntity).find({ where: { subjectCode, status: 'active' }, relations: DETAIL_RELATIONS, order: { code: 'ASC' } });
  }

  /** Locks the item's row for the rest of the transaction. */
  async lockItem(manager: EntityManager, id: string): Promise<ItemEntity> {
    await manager.getRepository(ItemEntity).createQueryBuilder('item').setLock('pessimistic_write').where('item.id = :id', { id }).getOneOrFail();
    return manager.getRepository(ItemEntity).findOneOrFail({ where: { id }, relations: DETAIL_RELATIONS });
  }

  /**
   * One page of items and their count. Rows come from one statement (offset/limit: the join to orgs
   * is many-to-one, so no row multiplies); the count joins orgs only when a filter needs it, and for
   * a text search stops at TEXT_COUNT_CAP (a common word matches much of the catalog, and counting
   * all of it costs more than the page) — `totalExact` says which, `sort` which order was used.
   */
  async listItems(filters: ItemListFilters): Promise<{ total: number; totalExact: boolean; sort: 'code' | 'name' | 'relevance'; items: ItemEntity[] }> {
    const terms = filters.q ? queryTermsOf(filters.q) : [];
    if (filters.q && terms.length === 0) return { total: 0, totalExact: true, sort: filters.sort ?? 'code', items: [] };
    const tsquery = terms.join(' & ');
    const where = (qb: SelectQueryBuilder<ItemEntity>, withOrg: boolean) => {
      qb.where('item.status = :status', { status: filters.status ?? 'active' });
      if (filters.typeCode) qb.andWhere('item.type_code = :typeCode', { typeCode: filters.typeCode });
      if (filters.subjectCode) qb.andWhere('item.subject_code = :subjectCode', { subjectCode: filters.subjectCode });
      if (filters.orgId) qb.andWhere('item.org_id = :orgId', { orgId: filters.orgId });
      if (filters.level) qb.andWhere('item.region_level = :level', { level: filters.level });
      if (filters.deptCode) {
        if (!withOrg) qb.innerJoin('item.org', 'org');
        qb.andWhere('org.dept_code = :deptCode', { deptCode: filters.deptCode });
      }
      if (terms.length > 0) qb.andWhere(`item.search_terms @@ to_tsquery('simple', :tsquery)`, { tsquery });
      return qb;
    };
    const repo = this.dataSource.getRepository(ItemEntity);

    const counted = where(repo.createQueryBuilder('item').select('1'), false);
    const cap = terms.length > 0 ? TEXT_COUNT_CAP : undefined;
    if (cap) counted.limit(cap + 1);
    const [countSql, countParameters] = counted.getQueryAndParameters();
    const countRows: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM (${countSql}) AS matched`, countParameters);
    const n = countRows[0]!.n;
    const broad = cap !== undefined && n > cap;

    // A word found in much of the catalog (管理, 条例) is listed by code: ranking thousands of
    // matches costs far more than it tells, and code order walks an index and stops at the page.
    let sort = filters.sort ?? (terms.length > 0 ? 'relevance' : 'code');
    if (sort === 'relevance' && (terms.length === 0 || broad)) sort = 'code';
    const rows = where(repo.createQueryBuilder('item').innerJoinAndSelect('item.org', 'org'), true);
    if (sort === 'relevance') {
      rows.orderBy(`ts_rank(item.search_terms, to_tsquery('simple', :tsquery))`, 'DESC').addOrderBy('item.code', 'ASC');
    } else if (sort === 'name') {
      rows.orderBy('item.name', 'ASC').addOrderBy('item.code', 'ASC');
    } else {
      rows.orderBy('item.code', 'ASC');
    }
    rows.offset((filters.page - 1) * filters.pageSize).limit(filters.pageSize);
    const items = await rows.getMany();
    return { total: broad ? cap : n, totalExact: !broad, sort, items };
  }

  /**
   * The next sequence for a subject and type: one statement, so two allocators never get the same
   * number; the row is locked until the caller's transaction ends.
   */
  async allocateSequence(manager: EntityManager, subjectCode: string, typeCode: ItemTypeCode): Promise<number> {
    const rows: { last_sequence: number }[] = await manager.query(
      `INSERT INTO "item_code_sequences" ("subject_code", "type_code", "last_sequence") VALUES ($1, $2, 1)
       ON CONFLICT ("subject_code", "type_code") DO UPDATE SET "last_sequence" = "item_code_sequences"."last_sequence" + 1
       WHERE "item_code_sequences"."last_sequence" < 9999
       RETURNING "last_sequence"`,
      [subjectCode, typeCode],
    );
    if (rows.length === 0) {
      throw new DomainError(ErrorCode.ITEM_SEQUENCE_EXHAUSTED, `${subjectCode} 的 ${typeCode} 类事项序号已用尽`);
    }
    return rows[0]!.last_sequence;
  }

  /** An explicit sequence (an imported catalog's own codes): later allocations continue above it. */
  async reserveSequence(manager: EntityManager, subjectCode: string, typeCode: ItemTypeCode, sequence: number): Promise<void> {
    await manager.query(
      `INSERT INTO "item_code_sequences" ("subject_code", "type_code", "last_sequence") VALUES ($1, $2, $3)
       ON CONFLICT ("subject_code", "type_code") DO UPDATE SET "last_sequence" = GREATEST("item_code_sequences"."last_sequence", EXCLUDED."last_sequence")`,
      [subjectCode, typeCode, sequence],
    );
  }

  async sequenceTaken(manager: EntityManager, subjectCode: string, typeCode: ItemTypeCode, sequence: number): Promise<boolean> {
    return manager.getRepository(ItemEntity).exists({ where: { subjectCode, typeCode, sequence } });
  }

  /** Inserts an active item (version 1) with its family's table and its first version record. */
  async insertItem(
    manager: EntityManager,
    values: { draft: ItemDraft; department: OrgEntity; sequence: number; changeId: string | null },
  ): Promise<ItemEntity> {
    const { draft, department, sequence, changeId } = values;
    const subjectCode = department.code;
    const code = formatItemCode({ subjectCode, typeCode: draft.typeCode, sequence });
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(ItemEntity)
      .values({
        ...commonColumns(draft),
        code,
        subjectCode,
        regionLevel: regionLevelOf(subjectCode.slice(0, 8)),
        typeCode: draft.typeCode,
        sequence,
        family: familyOf(draft.typeCode),
        orgId: department.id,
        status: 'active',
        version: 1,
        successorCodes: [],
        searchTerms: () => `to_tsvector('simple', :terms)`,
      })
      .setParameter('terms', indexTermsOf(searchableTextOf(draft)).join(' '))
      .returning(['id'])
      .execute();
    const id = (result.identifiers[0] as { id: string }).id;
    await this.writeDetails(manager, id, draft);
    const item = await manager.getRepository(ItemEntity).findOneOrFail({ where: { id }, relations: DETAIL_RELATIONS });
    await this.writeVersion(manager, item, changeId);
    return item;
  }

  /** Replaces the item's content (变更); same code, next version. */
  async replaceContent(manager: EntityManager, item: ItemEntity, draft: ItemDraft, changeId: string): Promise<ItemEntity> {
    await manager
      .createQueryBuilder()
      .update(ItemEntity)
      .set({ ...commonColumns(draft), version: item.version + 1, searchTerms: () => `to_tsvector('simple', :terms)` })
      .setParameter('terms', indexTermsOf(searchableTextOf(draft)).join(' '))
      .where('id = :id', { id: item.id })
      .execute();
    await this.writeDetails(manager, item.id, draft);
    const updated = await manager.getRepository(ItemEntity).findOneOrFail({ where: { id: item.id }, relations: DETAIL_RELATIONS });
    await this.writeVersion(manager, updated, changeId);
    return updated;
  }

  /** 取消 (cancelled) or retired by 下放/拆分, with the codes that replace it; next version. */
  async endItem(manager: EntityManager, item: ItemEntity, status: Exclude<ItemStatus, 'active'>, successorCodes: string[], changeId: string): Promise<void> {
    await manager.getRepository(ItemEntity).update({ id: item.id }, { status, successorCodes, version: item.version + 1 });
    const ended = await manager.getRepository(ItemEntity).findOneOrFail({ where: { id: item.id }, relations: DETAIL_RELATIONS });
    await this.writeVersion(manager, ended, changeId);
  }

  findVersions(itemId: string): Promise<ItemVersionEntity[]> {
    return this.dataSource.getRepository(ItemVersionEntity).find({ where: { itemId }, order: { version: 'ASC' } });
  }

  private async writeDetails(manager: EntityManager, itemId: string, draft: ItemDraft): Promise<void> {
    // One family table holds the item; a type never changes family (变更 keeps the code and type).
    if (draft.approval) {
      const { conditions, materials, legalPeriodDays, promisedPeriodDays, fee, forms } = draft.approval;
      await manager.getRepository(ItemApprovalEntity).save({ itemId, conditions, materials, legalPeriodDays, promisedPeriodDays, fee, forms });
    }
    if (draft.penalty) {
      const { penaltyKinds, discretion, resultsPublic } = draft.penalty;
      await manager.getRepository(ItemPenaltyEntity).save({ itemId, penaltyKinds, discretion, resultsPublic });
    }
    if (draft.coercion) {
      const { coercionKind, measures } = draft.coercion;
      await manager.getRepository(ItemCoercionEntity).save({ itemId, coercionKind, measures });
    }
    if (draft.reward) {
      const { effectiveDate, expiryDate, promisedPeriodDays, resultsPublic } = draft.reward;
      await manager.getRepository(ItemRewardEntity).save({ itemId, effectiveDate, expiryDate: expiryDate ?? null, promisedPeriodDays, resultsPublic });
    }
  }

  private async writeVersion(manager: EntityManager, item: ItemEntity, changeId: string | null): Promise<void> {
    await manager.getRepository(ItemVersionEntity).insert({
      itemId: item.id,
      version: item.version,
      changeId,
      snapshot: { code: item.code, status: item.status, successorCodes: item.successorCodes, ...draftOf(item) },
    });
  }

  // ------------------------------------------------------------------ changes

  async insertChange(values: {
    id: string;
    kind: CatalogChangeKind;
    orgId: string;
    filedBy: string;
    targetItemId: string | null;
    payload: object;
    reason: string;
    workflowId: string;
  }): Promise<CatalogChangeEntity> {
    const repo = this.dataSource.getRepository(CatalogChangeEntity);
    try {
      await repo.insert({ ...values, status: 'pending' });
    } catch (error) {
      if ((error as { constraint?: string }).constraint === 'UQ_catalog_change_pending_item') {
        throw new DomainError(ErrorCode.CHANGE_ALREADY_PENDING, '该事项已有待审核的变更申请');
      }
      throw error;
    }
    return (await this.findChange(values.id))!;
  }

  async deleteChange(id: string): Promise<void> {
    await this.dataSource.getRepository(CatalogChangeEntity).delete({ id, status: 'pending' });
  }

  findChange(id: string, manager: EntityManager = this.dataSource.manager): Promise<CatalogChangeEntity | null> {
    return manager.getRepository(CatalogChangeEntity).findOne({ where: { id }, relations: { org: true, targetItem: true } });
  }

  async lockChange(manager: EntityManager, id: string): Promise<CatalogChangeEntity> {
    await manager.getRepository(CatalogChangeEntity).createQueryBuilder('c').setLock('pessimistic_write').where('c.id = :id', { id }).getOneOrFail();
    return manager.getRepository(CatalogChangeEntity).findOneOrFail({ where: { id }, relations: { org: true, targetItem: true } });
  }

  async listChanges(filters: ChangeListFilters): Promise<{ total: number; changes: CatalogChangeEntity[] }> {
    const qb = this.dataSource
      .getRepository(CatalogChangeEntity)
      .createQueryBuilder('change')
      .innerJoinAndSelect('change.org', 'org')
      .leftJoinAndSelect('change.targetItem', 'targetItem')
      .orderBy('change.filedAt', 'DESC')
      .addOrderBy('change.id', 'ASC');
    if (filters.status) qb.andWhere('change.status = :status', { status: filters.status });
    if (filters.orgId) qb.andWhere('change.org_id = :orgId', { orgId: filters.orgId });
    if (filters.withinOrgPath) qb.andWhere('org.path LIKE :path', { path: `${filters.withinOrgPath}%` });
    qb.skip((filters.page - 1) * filters.pageSize).take(filters.pageSize);
    const [changes, total] = await qb.getManyAndCount();
    return { total, changes };
  }

  async decideChange(
    manager: EntityManager,
    id: string,
    values: {
      status: Exclude<CatalogChangeStatus, 'pending'>;
      reviewedBy: string;
      reviewNote: string | null;
      result: CatalogChangeEntity['result'];
      decidedAt: Date;
    },
  ): Promise<void> {
    await manager.getRepository(CatalogChangeEntity).update({ id }, values);
  }

  async insertAnnouncement(
    manager: EntityManager,
    values: Pick<AnnouncementEntity, 'changeId' | 'kind' | 'title' | 'body' | 'itemCodes' | 'orgId' | 'publishedAt'>,
  ): Promise<void> {
    await manager.getRepository(AnnouncementEntity).insert(values);
  }

  async listAnnouncements(page: number, pageSize: number): Promise<{ total: number; announcements: AnnouncementEntity[] }> {
    const [announcements, total] = await this.dataSource.getRepository(AnnouncementEntity).findAndCount({
      relations: { org: true },
      order: { publishedAt: 'DESC', id: 'ASC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { total, announcements };
  }
}

function commonColumns(draft: ItemDraft) {
  return {
    name: draft.name,
    legalBasis: draft.legalBasis,
    subjectNature: draft.subjectNature,
    entrustingBody: draft.entrustingBody ?? null,
    handlingUnit: draft.handlingUnit,
    place: draft.place,
    phone: draft.phone,
    supervisionPhone: draft.supervisionPhone,
    basicCode: draft.basicCode ?? null,
    implementationCode: draft.implementationCode ?? null,
    handlingItemCode: draft.handlingItemCode ?? null,
  };
}

/** The item's content as a draft (the shape departments file and versions keep). */
export function draftOf(item: ItemEntity): ItemDraft {
  const draft: ItemDraft = {
    typeCode: item.typeCode,
    name: item.name,
    legalBasis: item.legalBasis,
    subjectNature: item.subjectNature,
    entrustingBody: item.entrustingBody,
    handlingUnit: item.handlingUnit,
    place: item.place,
    phone: item.phone,
    supervisionPhone: item.supervisionPhone,
    basicCode: item.basicCode,
    implementationCode: item.implementationCode,
    handlingItemCode: item.handlingItemCode,
  };
  if (item.approval) {
    const { conditions, materials, legalPeriodDays, promisedPeriodDays, fee, forms } = item.approval;
    draft.approval = { conditions, materials, legalPeriodDays, promisedPeriodDays, fee, forms };
  }
  if (item.penalty) {
    const { penaltyKinds, discretion, resultsPublic } = item.penalty;
    draft.penalty = { penaltyKinds, discretion, resultsPublic };
  }
  if (item.coercion) {
    const { coercionKind, measures } = item.coercion;
    draft.coercion = { coercionKind, measures };
  }
  if (item.reward) {
    const { effectiveDate, expiryDate, promisedPeriodDays, resultsPublic } = item.reward;
    draft.reward = { effectiveDate, expiryDate, promisedPeriodDays, resultsPublic };
  }
  return draft;
}
