import { DomainError, ErrorCode, Role } from '#domain';
import { AuditRepository, CatalogRepository, type SupervisionExemptionEntity, SupervisionRecordsRepository, SUPERVISED_TYPE_CODES } from '#persistence';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user';

/** Which decision may follow which status; rejected and revoked are final. */
const NEXT: Record<SupervisionExemptionEntity['status'], readonly string[]> = {
  pending: ['approved', 'rejected'],
  approved: ['revoked'],
  rejected: [],
  revoked: [],
};

/**
 * 监察覆盖: every approval and convenience-service item is supervised unless its department filed an
 * exemption with a reason and the supervision office approved it. An approved exemption leaves the
 * item's cases received while it holds out of statistics and grades and lists them in the coverage
 * report; the case workflow still raises their alarms (an exemption is the office's decision about
 * assessment, not a change to a running case, whose rules are fixed in its history).
 */
@Injectable()
export class CoverageService {
  constructor(
    private readonly records: SupervisionRecordsRepository,
    private readonly catalog: CatalogRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** dept_admin, for an item of their own department. */
  async file(user: AuthUser, dto: { itemCode: string; reason: string }) {
    const item = await this.catalog.findItemByCode(dto.itemCode);
    if (!item) throw new DomainError(ErrorCode.ITEM_NOT_FOUND, '未找到该事项');
    if (item.orgId !== user.orgId) throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '只能为本部门的事项申请豁免');
    if (item.status !== 'active' || !(SUPERVISED_TYPE_CODES as readonly string[]).includes(item.typeCode)) {
      throw new DomainError(ErrorCode.EXEMPTION_NOT_APPLICABLE, '只有在用的行政审批和便民服务事项纳入监察，无需豁免');
    }
    const filed = await this.records.fileExemption({ itemId: item.id, orgId: item.orgId, reason: dto.reason.trim(), filedBy: user.id });
    if (!filed) throw new DomainError(ErrorCode.EXEMPTION_ALREADY_OPEN, '该事项已有待审核或已批准的豁免申请');
    return this.view(filed);
  }

  async list(user: AuthUser, query: { status?: string }) {
    if (user.role === Role.SUPERVISOR) await this.audit.append({ userId: user.id, action: 'exemptions', caseId: null, detail: { ...query } });
    const rows = await this.records.listExemptions({
      ...(user.role === Role.SUPERVISOR ? {} : { orgId: user.orgId }),
      ...(query.status ? { status: query.status } : {}),
    });
    return rows.map((e) => this.summary(e));
  }

  async get(user: AuthUser, id: string) {
    const exemption = await this.findReadable(user, id);
    if (user.role === Role.SUPERVISOR) await this.audit.append({ userId: user.id, action: 'exemption', caseId: null, detail: { exemptionId: id } });
    return this.view(exemption);
  }

  /** supervisor: approve or reject a pending exemption, or revoke an approved one; each decision appended. */
  async decide(user: AuthUser, id: string, dto: { decision: 'approved' | 'rejected' | 'revoked'; note: string }) {
    const exemption = await this.records.findExemption(id);
    if (!exemption) throw new DomainError(ErrorCode.EXEMPTION_NOT_FOUND, '未找到该豁免申请');
    if (!NEXT[exemption.status].includes(dto.decision)) {
      throw new DomainError(ErrorCode.EXEMPTION_DECISION_INVALID, `豁免申请处于「${exemption.status}」，不能作出「${dto.decision}」决定`);
    }
    if (!(await this.records.decide(id, exemption.status, dto.decision, dto.note.trim(), user.id))) {
      throw new DomainError(ErrorCode.EXEMPTION_DECISION_INVALID, '豁免申请已被他人处理，请刷新后重试');
    }
    return this.view((await this.records.findExemption(id))!);
  }

  /** supervisor: what is not supervised and why — items and cases. */
  async coverage(user: AuthUser) {
    await this.audit.append({ userId: user.id, action: 'coverage', caseId: null, detail: {} });
    const items = await this.records.coverageItems();
    const unsupervised = items
      .filter((i) => i.exemption_id !== null || !i.has_flow)
      .map((i) => ({
        itemCode: i.code,
        name: i.name,
        typeCode: i.type_code,
        department: { id: i.org_id, name: i.org_name },
        reason: i.exemption_id !== null ? ('exempted' as const) : ('noFlow' as const),
        detail: i.exemption_id !== null ? `经批准豁免监察：${i.exemption_reason}` : '未发布权力运行流程图，无法网上办理和监察',
        ...(i.exemption_id !== null ? { exemptionId: i.exemption_id, exemptedSince: i.exempted_since?.toISOString() ?? null } : {}),
      }));
    const cases = await this.records.unsupervisedCases(100);
    const supervised = items.length - unsupervised.length;
    return {
      items: {
        total: items.length,
        supervised,
        coverageRate: items.length > 0 ? Math.round((supervised / items.length) * 10_000) / 10_000 : null,
        unsupervised,
      },
      cases: {
        exempted: {
          total: cases.exempted.total,
          cases: cases.exempted.cases.map((c) => ({
            id: c.id,
            caseNumber: c.case_number,
            itemCode: c.item_code,
            status: c.status,
            receivedAt: c.received_at.toISOString(),
            reason: `事项经批准豁免监察：${c.reason}`,
          })),
        },
        noDeadline: {
          total: cases.noDeadline.total,
          cases: cases.noDeadline.cases.map((c) => ({
            id: c.id,
            caseNumber: c.case_number,
            itemCode: c.item_code,
            status: c.status,
            receivedAt: c.received_at.toISOString(),
            reason: '工作日历缺少相应年份，期限无法计算，超期告警不能触发',
          })),
        },
      },
    };
  }

  private async findReadable(user: AuthUser, id: string) {
    const exemption = await this.records.findExemption(id);
    if (!exemption) throw new DomainError(ErrorCode.EXEMPTION_NOT_FOUND, '未找到该豁免申请');
    if (user.role !== Role.SUPERVISOR && exemption.orgId !== user.orgId) throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '只能查看本部门的豁免申请');
    return exemption;
  }

  private summary(e: SupervisionExemptionEntity) {
    return {
      id: e.id,
      itemCode: e.item?.code ?? null,
      itemName: e.item?.name ?? null,
      department: { id: e.orgId, name: e.org?.name ?? null },
      reason: e.reason,
      status: e.status,
      filedBy: e.filedBy,
      filedAt: e.filedAt.toISOString(),
      effectiveFrom: e.effectiveFrom?.toISOString() ?? null,
      effectiveUntil: e.effectiveUntil?.toISOString() ?? null,
    };
  }

  private async view(e: SupervisionExemptionEntity) {
    const decisions = await this.records.decisions(e.id);
    return {
      ...this.summary(e),
      decisions: decisions.map((d) => ({ from: d.fromStatus, to: d.toStatus, note: d.note, by: d.decidedBy, at: d.decidedAt.toISOString() })),
    };
  }
}
