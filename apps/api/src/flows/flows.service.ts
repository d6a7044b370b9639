import { compileFlow, DomainError, ErrorCode, type FlowContext, type FlowPlan } from '#domain';
import { type FlowVersionEntity, FlowsRepository, type ItemEntity } from '#persistence';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user';
import { CatalogService } from '../catalog/catalog.service';
import { renderFlowchartSvg } from './flowchart-svg';

/**
 * Items without statutory periods of their own (penalty, coercion) are held to the longest period
 * a flow may have; the compiler still checks each step's limit.
 */
const UNBOUNDED_DAYS = 365;

/** Flowcharts (权力运行流程图) of items: compiled on publish, versioned, drawn. */
@Injectable()
export class FlowsService {
  constructor(
    private readonly flows: FlowsRepository,
    private readonly catalog: CatalogService,
  ) {}

  /** dept_admin of the item's department: compile and store the next version, or 422 with every problem. */
  async publish(user: AuthUser, code: string, definition: unknown) {
    const item = await this.catalog.load(code);
    if (item.orgId !== user.orgId) throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '只能为本部门的事项绘制流程图');
    if (item.status !== 'active') throw new DomainError(ErrorCode.ITEM_NOT_ACTIVE, `事项 ${item.code} 已不在使用`);
    const result = compileFlow(definition, await this.context(item));
    if (!result.ok) {
      throw new DomainError(
        ErrorCode.FLOW_INVALID,
        `流程图有 ${result.problems.length} 处问题`,
        result.problems.map((p) => ({ nodeId: p.nodeId, rule: p.rule, message: p.message })),
      );
    }
    const latest = await this.flows.find(item.id);
    if (latest?.hash === result.plan.hash) return { version: latest.version, hash: latest.hash, created: false };
    const saved = await this.flows.publish({ itemId: item.id, definition: result.plan.definition, plan: result.plan, createdBy: user.id });
    return { version: saved.version, hash: saved.hash, created: true };
  }

  /** dept_admin of the item's department: what publishing would say, and the draft drawn; stores nothing. */
  async check(user: AuthUser, code: string, definition: unknown) {
    const item = await this.catalog.load(code);
    if (item.orgId !== user.orgId) throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '只能为本部门的事项绘制流程图');
    const result = compileFlow(definition, await this.context(item));
    if (!result.ok) return { ok: false, problems: result.problems.map((p) => ({ nodeId: p.nodeId, rule: p.rule, message: p.message })), hash: null, svg: null };
    return { ok: true, problems: [], hash: result.plan.hash, svg: await renderFlowchartSvg(result.plan) };
  }

  /** Public: the current (or a given) version's plan. */
  async get(code: string, version?: number) {
    const { item, flow } = await this.load(code, version);
    return { itemCode: item.code, version: flow.version, hash: flow.hash, createdAt: flow.createdAt.toISOString(), plan: flow.plan };
  }

  async svg(code: string, version?: number): Promise<string> {
    const { flow } = await this.load(code, version);
    return renderFlowchartSvg(flow.plan);
  }

  /** The plan a new case of the item runs (its current version). */
  async currentPlan(item: ItemEntity): Promise<{ version: number; plan: FlowPlan }> {
    const flow = await this.flows.find(item.id);
    if (!flow) throw new DomainError(ErrorCode.FLOW_NOT_FOUND, `事项 ${item.code} 尚未发布办理流程图`);
    return { version: flow.version, plan: flow.plan };
  }

  private async load(code: string, version?: number): Promise<{ item: ItemEntity; flow: FlowVersionEntity }> {
    const item = await this.catalog.load(code);
    const flow = await this.flows.find(item.id, version);
    if (!flow) throw new DomainError(ErrorCode.FLOW_NOT_FOUND, version ? `未找到第 ${version} 版流程图` : `事项 ${item.code} 尚未发布办理流程图`);
    return { item, flow };
  }

  private async context(item: ItemEntity): Promise<FlowContext> {
    const promisedDays = item.approval?.promisedPeriodDays ?? item.reward?.promisedPeriodDays ?? UNBOUNDED_DAYS;
    const legalDays = item.approval?.legalPeriodDays ?? item.reward?.promisedPeriodDays ?? UNBOUNDED_DAYS;
    const [departments, posts] = await Promise.all([this.flows.departmentsByLevel(), this.flows.establishedPosts()]);
    return { promisedDays, legalDays, departments, posts };
  }
}
