import { ApiEnv } from '#config';
import {
  DomainError,
  ErrorCode,
  type ErrorDetail,
  type ItemDraft,
  isWithinOrg,
  parentPathOf,
  regionLevelOf,
  Role,
  validateItemCode,
  validateItemDraft,
} from '#domain';
import { CatalogRepository, type CatalogChangeEntity, draftOf, OrgsRepository } from '#persistence';
import {
  CATALOG_CHANGE_WORKFLOW_TYPE,
  type CatalogChangeInput,
  type CatalogChangePayload,
  type CatalogChangeState,
  catalogChangeWorkflowId,
  reviewCatalogChangeUpdate,
  taskQueues,
} from '#temporal';
import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../common/auth/auth-user';
import { assertInOrgScope } from '../common/auth/org-scope';
import { updateFailureToDomainError } from '../common/temporal-errors';
import { type ChangeListQueryDto, type FileChangeDto, ImportCatalogDto, ImportRowDto, type ReviewChangeDto } from './dto/catalog.dto';
import { readCatalogWorkbook } from './item-sheet';
import { flattenValidationErrors } from '../common/validation';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { asDraft } from './dto/item-draft.dto';
import { changeView } from './item-view';

const REGION_RANK = { city: 0, county: 1, township: 2 } as const;

/**
 * Catalog changes: a department's dept_admin files them (only for its own items), the approval
 * office of the region reviews them through the change's workflow; nothing takes effect before.
 */
@Injectable()
export class CatalogChangesService {
  private readonly taskQueue: string;

  constructor(
    private readonly catalog: CatalogRepository,
    private readonly orgs: OrgsRepository,
    private readonly client: Client,
    env: ApiEnv,
  ) {
    this.taskQueue = taskQueues(env.TEMPORAL_TASK_QUEUE).cases;
  }

  async file(user: AuthUser, dto: FileChangeDto) {
    const department = await this.orgs.findById(user.orgId);
    if (department?.level !== 'department') throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '只有部门可以申报目录变更');
    const only = (allowed: (keyof FileChangeDto)[]) => {
      const extra = (['itemCode', 'item', 'items', 'targetSubjectCode'] as const).filter((f) => dto[f] !== undefined && !allowed.includes(f));
      const missing = allowed.filter((f) => f !== 'item' || dto.kind !== 'delegate').filter((f) => dto[f] === undefined);
      const details: ErrorDetail[] = [...extra.map((field) => ({ field, rule: 'not-for-kind' })), ...missing.map((field) => ({ field, rule: 'required' }))];
      if (details.length > 0) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', details);
    };
    let payload: CatalogChangePayload;
    let targetItemId: string | null = null;

    if (dto.kind === 'create') {
      only(['item']);
      assertDraft(asDraft(dto.item!), 'item');
      payload = { kind: 'create', item: asDraft(dto.item!) };
    } else {
      const item = await this.catalog.findItemByCode(dto.itemCode ?? '');
      if (!dto.itemCode) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'itemCode', rule: 'required' }]);
      if (!item) throw new DomainError(ErrorCode.ITEM_NOT_FOUND, `未找到事项 ${dto.itemCode}`);
      if (item.orgId !== user.orgId) throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '不能申报其他部门事项的变更');
      if (item.status !== 'active') throw new DomainError(ErrorCode.ITEM_NOT_ACTIVE, `事项 ${item.code} 已不在使用`);
      targetItemId = item.id;
      switch (dto.kind) {
        case 'update':
          only(['itemCode', 'item']);
          if (asDraft(dto.item!).typeCode !== item.typeCode) {
            throw new DomainError(ErrorCode.VALIDATION_FAILED, '变更不能改变事项类型（改类型请取消后新增）', [{ field: 'item.typeCode', rule: 'type-change' }]);
          }
          assertDraft(asDraft(dto.item!), 'item');
          payload = { kind: 'update', item: asDraft(dto.item!) };
          break;
        case 'cancel':
          only(['itemCode']);
          payload = { kind: 'cancel' };
          break;
        case 'split':
          only(['itemCode', 'items']);
          dto.items!.map(asDraft).forEach((draft, i) => assertDraft(draft, `items.${i}`));
          payload = { kind: 'split', items: dto.items!.map(asDraft) };
          break;
        case 'delegate': {
          only(['itemCode', 'targetSubjectCode', 'item']);
          const draft: ItemDraft = dto.item ? asDraft(dto.item) : draftOf(item);
          if (draft.typeCode !== item.typeCode) {
            throw new DomainError(ErrorCode.VALIDATION_FAILED, '下放不能改变事项类型', [{ field: 'item.typeCode', rule: 'type-change' }]);
          }
          assertDraft(draft, 'item');
          await this.assertDelegationTarget(department.path, item.subjectCode, dto.targetSubjectCode!);
          payload = { kind: 'delegate', targetSubjectCode: dto.targetSubjectCode!, item: draft };
          break;
        }
      }
    }
    return this.start(user, dto.kind, dto.reason, payload, targetItemId);
  }

  /** A bulk 新增 of a department's catalog: every row checked, nothing filed if any row is bad. */
  async fileImport(user: AuthUser, dto: ImportCatalogDto, labels?: RowLabel[]) {
    const department = await this.importingDepartment(user);
    const label = (index: number): RowLabel => labels?.[index] ?? { row: index + 1 };
    const subjects = await this.catalog.subjects();
    const problems: ErrorDetail[] = [];
    const seen = new Set<string>();
    for (const [index, row] of dto.rows.entries()) {
      const at = `rows.${index}`;
      const add = (p: { field: string; rule: string; message: string }) => problems.push({ ...label(index), ...p });
      validateItemDraft(asDraft(row.item), `${at}.item`).forEach(add);
      if (!row.code) continue;
      const field = `${at}.code`;
      for (const p of validateItemCode(row.code, subjects)) add({ field, rule: p.rule, message: p.message });
      const [subject, type] = row.code.split('-');
      if (subject !== department.code) add({ field, rule: 'other-subject', message: `编码的办理主体不是 ${department.code}` });
      if (type !== row.item.typeCode) add({ field, rule: 'type-mismatch', message: '编码中的类型代码与事项类型不符' });
      if (seen.has(row.code)) add({ field, rule: 'duplicate', message: `编码 ${row.code} 在导入文件中重复` });
      seen.add(row.code);
      if (await this.catalog.findItemByCode(row.code)) add({ field, rule: 'taken', message: `编码 ${row.code} 已被使用（序号不得重复使用）` });
    }
    assertNoImportProblems(problems);
    const rows = dto.rows.map((r) => (r.code ? { code: r.code, item: asDraft(r.item) } : { item: asDraft(r.item) }));
    return this.start(user, 'import', dto.reason, { kind: 'import', rows }, null);
  }

  /**
   * The same import from a spreadsheet in the 附件1 layout (see item-sheet.ts): cells that do not
   * parse, rows the DTO refuses and rows the domain refuses are all reported by sheet and row.
   */
  async fileImportWorkbook(user: AuthUser, file: Buffer, reason: string) {
    await this.importingDepartment(user);
    let parsed: Awaited<ReturnType<typeof readCatalogWorkbook>>;
    try {
      parsed = await readCatalogWorkbook(file);
    } catch (error) {
      // Refused before exceljs read it (too large inflated, not a zip): the refusal stands as it is.
      if (error instanceof DomainError) throw error;
      throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, '上传的文件不是有效的 xlsx 工作簿');
    }
    const problems: ErrorDetail[] = parsed.problems.map((p) => ({ sheet: p.sheet, row: p.row, field: p.column, rule: p.rule, message: p.message }));
    const rows: ImportRowDto[] = [];
    const labels: RowLabel[] = [];
    for (const sheetRow of parsed.rows) {
      const row = plainToInstance(ImportRowDto, sheetRow.code ? { code: sheetRow.code, item: sheetRow.item } : { item: sheetRow.item });
      const errors = await validate(row, { whitelist: true, forbidNonWhitelisted: true });
      for (const detail of flattenValidationErrors(errors)) problems.push({ sheet: sheetRow.sheet, row: sheetRow.rowNumber, ...detail });
      rows.push(row);
      labels.push({ sheet: sheetRow.sheet, row: sheetRow.rowNumber });
    }
    if (rows.length === 0 && problems.length === 0) {
      problems.push({ sheet: '', row: 0, rule: 'empty', message: '工作簿中没有事项' });
    }
    assertNoImportProblems(problems);
    return this.fileImport(user, Object.assign(new ImportCatalogDto(), { reason, rows }), labels);
  }

  private async importingDepartment(user: AuthUser) {
    const department = await this.orgs.findById(user.orgId);
    if (department?.level !== 'department') throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '只有部门可以导入事项目录');
    return department;
  }

  async list(user: AuthUser, query: ChangeListQueryDto) {
    const scope = user.role === Role.DEPT_ADMIN ? { orgId: user.orgId } : user.role === Role.REVIEW_ADMIN ? { withinOrgPath: user.regionPath } : {};
    const { total, changes } = await this.catalog.listChanges({ ...scope, status: query.status, page: query.page, pageSize: query.pageSize });
    return { total, page: query.page, pageSize: query.pageSize, changes: changes.map(changeView) };
  }

  async get(user: AuthUser, id: string) {
    return changeView(await this.loadVisible(user, id));
  }

  async review(user: AuthUser, id: string, dto: ReviewChangeDto) {
    const change = await this.loadVisible(user, id);
    if (change.status !== 'pending') throw new DomainError(ErrorCode.CHANGE_NOT_PENDING, '该变更申请已审核');
    try {
      await this.client.workflow
        .getHandle<(input: CatalogChangeInput) => Promise<CatalogChangeState>>(change.workflowId)
        .executeUpdate(reviewCatalogChangeUpdate, { args: [{ decision: dto.decision, note: dto.note, reviewerId: user.id }] });
    } catch (error) {
      throw updateFailureToDomainError(error);
    }
    return changeView((await this.catalog.findChange(id))!);
  }

  /** dept_admin: own department; review_admin: departments of their region; supervisor: all. */
  private async loadVisible(user: AuthUser, id: string): Promise<CatalogChangeEntity> {
    const change = await this.catalog.findChange(id);
    if (!change) throw new DomainError(ErrorCode.CHANGE_NOT_FOUND, '未找到该变更申请');
    if (user.role === Role.DEPT_ADMIN && change.orgId !== user.orgId) {
      throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '不能查看其他部门的变更申请');
    }
    if (user.role === Role.REVIEW_ADMIN) assertInOrgScope({ ...user, orgPath: user.regionPath }, change.org!.path);
    return change;
  }

  /** 下放: to a department of a lower level inside the item's own region. */
  private async assertDelegationTarget(departmentPath: string, subjectCode: string, targetSubjectCode: string) {
    const subjects = await this.catalog.subjects();
    const target = subjects.departmentBySubject(targetSubjectCode);
    if (!target) throw new DomainError(ErrorCode.CHANGE_TARGET_INVALID, `下放对象 ${targetSubjectCode} 不是已登记的部门`);
    const from = regionLevelOf(subjectCode.slice(0, 8));
    const to = regionLevelOf(targetSubjectCode.slice(0, 8));
    if (REGION_RANK[to] <= REGION_RANK[from] || !isWithinOrg(parentPathOf(departmentPath), target.path)) {
      throw new DomainError(ErrorCode.CHANGE_TARGET_INVALID, '只能下放到本辖区内下一级的部门');
    }
  }

  private async start(user: AuthUser, kind: CatalogChangeEntity['kind'], reason: string, payload: CatalogChangePayload, targetItemId: string | null) {
    const id = randomUUID();
    const workflowId = catalogChangeWorkflowId(id);
    const change = await this.catalog.insertChange({ id, kind, orgId: user.orgId, filedBy: user.id, targetItemId, payload, reason, workflowId });
    try {
      await this.client.workflow.start<(input: CatalogChangeInput) => Promise<CatalogChangeState>>(CATALOG_CHANGE_WORKFLOW_TYPE, {
        taskQueue: this.taskQueue,
        workflowId,
        args: [{ changeId: id, kind, orgId: user.orgId, filedBy: user.id }],
      });
    } catch (error) {
      // Without its workflow the change could never be reviewed: take the filing back.
      await this.catalog.deleteChange(id);
      throw error;
    }
    return changeView(change);
  }
}

interface RowLabel {
  sheet?: string;
  row: number;
}

function assertNoImportProblems(problems: ErrorDetail[]): void {
  if (problems.length === 0) return;
  const rows = new Set(problems.map((p) => `${p.sheet ?? ''}:${p.row}`)).size;
  throw new DomainError(ErrorCode.IMPORT_INVALID, `导入文件有 ${rows} 行有误，未导入任何事项`, problems);
}

function assertDraft(draft: ItemDraft, prefix: string): void {
  const problems = validateItemDraft(draft, prefix);
  if (problems.length > 0) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', problems);
}
