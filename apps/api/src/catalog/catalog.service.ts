import { DomainError, ErrorCode, evaluateDiscretion, parseItemCode, type CaseCircumstances } from '#domain';
import { CatalogRepository, draftOf, type ItemEntity, OrgsRepository } from '#persistence';
import { Injectable } from '@nestjs/common';
import type { PageQueryDto } from '../common/page-query.dto';
import type { DiscretionRequestDto, ItemListQueryDto, OrgListQueryDto } from './dto/catalog.dto';
import { announcementView, itemSummary, itemView } from './item-view';
import { type SheetItem, writeCatalogWorkbook } from './item-sheet';

/** Public reads of the catalog: listing, the item table, versions, announcements, the calculator. */
@Injectable()
export class CatalogService {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly orgs: OrgsRepository,
  ) {}

  async list(query: ItemListQueryDto) {
    const { total, totalExact, sort, items } = await this.catalog.listItems({
      typeCode: query.type,
      subjectCode: query.subject,
      deptCode: query.department,
      level: query.level,
      q: query.q,
      status: query.status,
      sort: query.sort,
      page: query.page,
      pageSize: query.pageSize,
    });
    return { total, totalExact, sort, page: query.page, pageSize: query.pageSize, items: items.map(itemSummary) };
  }

  async get(code: string) {
    return itemView(await this.load(code));
  }

  async versions(code: string) {
    const item = await this.load(code);
    const versions = await this.catalog.findVersions(item.id);
    return versions.map((v) => ({ version: v.version, changeId: v.changeId, createdAt: v.createdAt.toISOString(), snapshot: v.snapshot }));
  }

  /** 自由裁量 calculator: which benchmark rule applies to these circumstances, and what it allows. */
  async discretion(code: string, circumstances: DiscretionRequestDto) {
    const item = await this.load(code);
    if (!item.penalty) throw new DomainError(ErrorCode.ITEM_NOT_PENALTY, '该事项不是行政处罚事项，没有自由裁量基准');
    const result = evaluateDiscretion(item.penalty.discretion, circumstances as CaseCircumstances);
    if (!result.matched) {
      // A missing or impossible amount is the caller's input, not a gap in the benchmark.
      const input = result.problems.filter((p) => p.rule.startsWith('amount-'));
      if (input.length > 0) {
        throw new DomainError(
          ErrorCode.VALIDATION_FAILED,
          '请求参数有误',
          input.map((p) => ({ field: 'amount', rule: p.rule, message: p.message })),
        );
      }
      throw new DomainError(ErrorCode.DISCRETION_NO_RULE, '裁量基准中没有适用于该情形的规则', result.problems);
    }
    return { itemCode: item.code, rule: result.rule, kinds: result.kinds, fine: result.fine ?? null };
  }

  async announcements(query: PageQueryDto) {
    const { total, announcements } = await this.catalog.listAnnouncements(query.page, query.pageSize);
    return { total, page: query.page, pageSize: query.pageSize, announcements: announcements.map(announcementView) };
  }

  async orgList(query: OrgListQueryDto) {
    const orgs = await this.orgs.list({ level: query.level, parentCode: query.parent });
    return orgs.map((o) => ({
      code: o.code,
      name: o.name,
      level: o.level,
      divisionCode: o.divisionCode,
      regionCode: o.regionCode,
      deptCode: o.deptCode,
      formerCodes: o.formerCodes,
    }));
  }

  /** A department's active catalog, as importable rows (`{ code, item }`). */
  async exportRows(subjectCode: string): Promise<SheetItem[]> {
    const items = await this.catalog.findActiveItemsOfSubject(subjectCode);
    return items.map((item) => ({ code: item.code, item: draftOf(item) }));
  }

  async exportWorkbook(subjectCode: string): Promise<Buffer> {
    const department = await this.orgs.findByCode(subjectCode);
    if (!department) throw new DomainError(ErrorCode.ORG_NOT_FOUND, `未找到办理主体 ${subjectCode}`);
    return writeCatalogWorkbook(await this.exportRows(subjectCode), `${department.name}行政职权目录`);
  }

  /** Only active, cancelled and retired items exist: drafts and pending changes are never items. */
  async load(code: string): Promise<ItemEntity> {
    const parsed = parseItemCode(code);
    if (!parsed.ok) {
      throw new DomainError(
        ErrorCode.ITEM_CODE_INVALID,
        '事项编码格式不正确',
        parsed.problems.map((p) => ({ field: p.part, rule: p.rule, message: p.message })),
      );
    }
    const item = await this.catalog.findItemByCode(code);
    if (!item) throw new DomainError(ErrorCode.ITEM_NOT_FOUND, `未找到事项 ${code}`);
    return item;
  }
}
