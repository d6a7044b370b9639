import { CATALOG_CHANGE_KIND_NAMES, DomainError, ErrorCode, type ItemDraft, parseItemCode } from '#domain';
import type { CatalogChangeEntity, CatalogRepository, ItemEntity, OrgEntity } from '#persistence';
import type { CatalogChangePayload, CatalogChangeResult } from '#temporal/catalog-messages';
import type { EntityManager } from 'typeorm';

/**
 * Makes an approved change take effect: the items, their versions, the code sequences, the
 * announcement (同步公告) and the change's own record, in one transaction. Idempotent: applying
 * an already approved change returns what it did the first time.
 */
export class ApplyCatalogChange {
  constructor(private readonly catalog: CatalogRepository) {}

  execute(input: { changeId: string; reviewerId: string; note: string; now: Date }): Promise<CatalogChangeResult> {
    return this.catalog.transaction(async (manager) => {
      const change = await this.catalog.lockChange(manager, input.changeId);
      if (change.status === 'approved' && change.result) return change.result;
      if (change.status !== 'pending') throw new DomainError(ErrorCode.CHANGE_NOT_PENDING, '该变更申请已审核');
      const result: CatalogChangeResult = { created: [], changed: [], retired: [], cancelled: [] };
      const payload = change.payload as unknown as CatalogChangePayload;
      const department = change.org!;
      const names: string[] = [];
      const create = async (draft: ItemDraft, owner: OrgEntity, explicitCode?: string) => {
        const item = await this.createItem(manager, draft, owner, change.id, explicitCode);
        result.created.push(item.code);
        names.push(`${item.code} ${item.name}`);
        return item;
      };

      switch (payload.kind) {
        case 'create':
          await create(payload.item, department);
          break;
        case 'import':
          for (const row of payload.rows) await create(row.item, department, row.code);
          break;
        case 'update': {
          const item = await this.activeTarget(manager, change);
          const updated = await this.catalog.replaceContent(manager, item, payload.item, change.id);
          result.changed.push(updated.code);
          names.push(`${updated.code} ${updated.name}`);
          break;
        }
        case 'cancel': {
          const item = await this.activeTarget(manager, change);
          await this.catalog.endItem(manager, item, 'cancelled', [], change.id);
          result.cancelled.push(item.code);
          names.push(`${item.code} ${item.name}`);
          break;
        }
        case 'delegate': {
          const item = await this.activeTarget(manager, change);
          const subjects = await this.catalog.subjects(manager);
          const target = subjects.departmentBySubject(payload.targetSubjectCode);
          if (!target) throw new DomainError(ErrorCode.CHANGE_TARGET_INVALID, `下放对象 ${payload.targetSubjectCode} 不存在`);
          const successor = await create(payload.item, target);
          await this.catalog.endItem(manager, item, 'retired', [successor.code], change.id);
          result.retired.push(item.code);
          names.push(`${item.code} ${item.name}（下放后停止使用）`);
          break;
        }
        case 'split': {
          const item = await this.activeTarget(manager, change);
          const successors: string[] = [];
          for (const draft of payload.items) successors.push((await create(draft, department)).code);
          await this.catalog.endItem(manager, item, 'retired', successors, change.id);
          result.retired.push(item.code);
          names.push(`${item.code} ${item.name}（拆分后停止使用）`);
          break;
        }
      }

      await this.catalog.insertAnnouncement(manager, {
        changeId: change.id,
        kind: change.kind,
        title: `关于${department.name}${CATALOG_CHANGE_KIND_NAMES[change.kind]}行政职权事项的公告`,
        body: [
          `经审核，${department.name}以下行政职权事项${CATALOG_CHANGE_KIND_NAMES[change.kind]}，自公告之日起生效：`,
          ...names.map((n, i) => `${i + 1}. ${n}`),
          `变更理由：${change.reason}`,
        ].join('\n'),
        itemCodes: [...result.created, ...result.changed, ...result.retired, ...result.cancelled],
        orgId: department.id,
        publishedAt: input.now,
      });
      await this.catalog.decideChange(manager, change.id, {
        status: 'approved',
        reviewedBy: input.reviewerId,
        reviewNote: input.note.trim() || null,
        result,
        decidedAt: input.now,
      });
      return result;
    });
  }

  private async activeTarget(manager: EntityManager, change: CatalogChangeEntity): Promise<ItemEntity> {
    const item = await this.catalog.lockItem(manager, change.targetItemId!);
    if (item.status !== 'active') {
      throw new DomainError(ErrorCode.ITEM_NOT_ACTIVE, `事项 ${item.code} 已${item.status === 'cancelled' ? '取消' : '停止使用'}`);
    }
    return item;
  }

  private async createItem(manager: EntityManager, draft: ItemDraft, owner: OrgEntity, changeId: string, explicitCode?: string) {
    let sequence: number;
    if (explicitCode) {
      const parsed = parseItemCode(explicitCode);
      if (!parsed.ok || parsed.value.subjectCode !== owner.code || parsed.value.typeCode !== draft.typeCode) {
        throw new DomainError(ErrorCode.ITEM_CODE_INVALID, `编码 ${explicitCode} 与事项的办理主体或类型不符`);
      }
      sequence = parsed.value.sequence;
      if (await this.catalog.sequenceTaken(manager, owner.code, draft.typeCode, sequence)) {
        throw new DomainError(ErrorCode.ITEM_CODE_TAKEN, `编码 ${explicitCode} 已被使用（序号不得重复使用）`);
      }
      await this.catalog.reserveSequence(manager, owner.code, draft.typeCode, sequence);
    } else {
      sequence = await this.catalog.allocateSequence(manager, owner.code, draft.typeCode);
    }
    return this.catalog.insertItem(manager, { draft, department: owner, sequence, changeId });
  }
}
