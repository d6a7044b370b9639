import { CalendarYearMissingError, chinaDateOf, DomainError, ErrorCode, normalizeQueryCode, Role, WorkingCalendar } from '#domain';
import { CalendarRepository, CasesRepository, HallRepository } from '#persistence';
import { caseViewQuery } from '#temporal';
import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { CatalogService } from '../catalog/catalog.service';
import type { AuthUser } from '../common/auth/auth-user';
import { FlowsService } from '../flows/flows.service';
import { type AnswerDto, type AskDto, RATING_LEVELS, type RateDto, type ResultQueryDto } from './hall.dto';

/** 不满意 and 非常不满意 open a rectification (差评整改). */
const POOR_FROM_LEVEL = 4;
const RECTIFICATION_WORKING_DAYS = 15;

/** The online service hall (网上办事大厅): guide, consultation, result query, rating. */
@Injectable()
export class HallService {
  constructor(
    private readonly hall: HallRepository,
    private readonly cases: CasesRepository,
    private readonly calendar: CalendarRepository,
    private readonly catalog: CatalogService,
    private readonly flows: FlowsService,
    private readonly client: Client,
  ) {}

  /** 办事指南, generated from the catalog and the current flowchart. */
  async guide(code: string) {
    const item = await this.catalog.get(code);
    if (item.status !== 'active') throw new DomainError(ErrorCode.ITEM_NOT_ACTIVE, `事项 ${code} 已不在使用`);
    const flow = await this.flows.get(code).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === ErrorCode.FLOW_NOT_FOUND) return null;
      throw error;
    });
    const steps = flow
      ? Object.values(flow.plan.nodes)
          .filter((n) => n.type === 'task')
          .map((n) => (n.type === 'task' ? { id: n.id, name: n.name, limit: n.limit } : null))
      : [];
    return {
      code: item.code,
      name: item.name,
      typeName: item.typeName,
      department: item.department,
      handlingUnit: item.handlingUnit,
      legalBasis: item.legalBasis,
      conditions: item.approval?.conditions ?? null,
      materials: item.approval?.materials ?? [],
      legalPeriodDays: item.approval?.legalPeriodDays ?? null,
      promisedPeriodDays: item.approval?.promisedPeriodDays ?? item.reward?.promisedPeriodDays ?? null,
      fee: item.approval?.fee ?? null,
      forms: item.approval?.forms ?? [],
      place: item.place,
      phone: item.phone,
      supervisionPhone: item.supervisionPhone,
      flow: flow ? { version: flow.version, steps, flowchart: `/api/items/${item.code}/flow.svg` } : null,
      onlineApplication: flow !== null,
    };
  }

  /** applicant: asks the item's department. */
  async ask(user: AuthUser, code: string, dto: AskDto) {
    const item = await this.catalog.load(code);
    if (item.status !== 'active') throw new DomainError(ErrorCode.ITEM_NOT_ACTIVE, `事项 ${code} 已不在使用`);
    const saved = await this.hall.ask({ itemId: item.id, orgId: item.orgId, askedBy: user.id, question: dto.question });
    return { id: saved.id, itemCode: item.code, question: saved.question, askedAt: saved.askedAt.toISOString(), answer: null };
  }

  /** Public: answered questions of the item. */
  async qa(code: string) {
    const item = await this.catalog.load(code);
    return (await this.hall.publicQa(item.id)).map((c) => ({ id: c.id, question: c.question, answer: c.answer, answeredAt: c.answeredAt?.toISOString() }));
  }

  async pending(user: AuthUser) {
    return (await this.hall.pendingFor(user.orgId)).map((c) => ({
      id: c.id,
      itemCode: c.item!.code,
      itemName: c.item!.name,
      question: c.question,
      askedAt: c.askedAt.toISOString(),
    }));
  }

  /** The item's own department answers, once. */
  async answer(user: AuthUser, id: string, dto: AnswerDto) {
    const consultation = await this.hall.findConsultation(id);
    if (!consultation) throw new DomainError(ErrorCode.CONSULTATION_NOT_FOUND, '未找到该咨询');
    if (consultation.orgId !== user.orgId) throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '只能答复本部门事项的咨询');
    if (!(await this.hall.answer(id, user.id, dto.answer))) throw new DomainError(ErrorCode.CONSULTATION_ALREADY_ANSWERED, '该咨询已答复');
    return { id, answer: dto.answer };
  }

  /** Public: a case's result by its number and the applicant's name, both exact. */
  async result(query: ResultQueryDto) {
    if (!query.applicantId && !query.queryCode) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'applicantId', rule: 'applicantId-or-queryCode' }]);
    }
    const row = await this.cases.findByNumber(query.caseNumber.trim());
    const byId = query.applicantId ? !!row?.applicant && row.applicant.idNumber === query.applicantId.trim().toUpperCase() : true;
    const byCode = query.queryCode ? !!row?.queryCode && row.queryCode === normalizeQueryCode(query.queryCode) : true;
    // The same answer for an unknown number and a wrong proof: the query reveals nothing else.
    if (!row || !byId || !byCode) throw new DomainError(ErrorCode.CASE_NOT_FOUND, '未找到该办件，请核对办件编号和证件号码或查询码');
    const view = await this.client.workflow.getHandle(row.workflowId).query(caseViewQuery);
    return {
      caseNumber: row.caseNumber,
      itemCode: row.itemCode,
      itemName: row.itemName,
      intakeCentre: row.intakeOrg?.name,
      status: view.status,
      outcome: view.outcome,
      receivedAt: new Date(view.receivedAt).toISOString(),
      promisedDeadlineAt: view.promisedDeadlineAt === null ? null : new Date(view.promisedDeadlineAt).toISOString(),
      finishedAt: view.finishedAt === null ? null : new Date(view.finishedAt).toISOString(),
      currentSteps: view.current.map((s) => s.name),
      correction: view.correction ? { items: view.correction.items } : null,
      documents: view.documents.map((d) => ({ title: d.title, issuedAt: new Date(d.issuedAt).toISOString(), sealed: d.sealed })),
    };
  }

  /** 好差评: the applicant of a finished case rates it once; a poor rating opens a rectification. */
  async rate(user: AuthUser, caseId: string, dto: RateDto) {
    const row = await this.cases.findById(caseId);
    if (!row) throw new DomainError(ErrorCode.CASE_NOT_FOUND, '未找到该办件');
    if (row.applicantUserId !== user.id) throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '只能评价本人的办件');
    if (row.status !== 'finished') throw new DomainError(ErrorCode.CASE_NOT_FINISHED, '办结后方可评价');
    const level = RATING_LEVELS[dto.level];
    const item = await this.catalog.load(row.itemCode);
    const rectification = level >= POOR_FROM_LEVEL ? { orgId: item.orgId, dueDate: await this.rectificationDue() } : null;
    const saved = await this.hall.rate({ caseId, ratedBy: user.id, level, comment: dto.comment ?? null }, rectification);
    if (!saved) throw new DomainError(ErrorCode.CASE_ALREADY_RATED, '该办件已评价');
    return {
      caseId,
      level: dto.level,
      rectification: saved.rectification ? { id: saved.rectification.id, dueDate: saved.rectification.dueDate, status: saved.rectification.status } : null,
    };
  }

  /** supervisor: all; dept_admin: their department's. */
  async rectifications(user: AuthUser) {
    const rows = await this.hall.rectifications(user.role === Role.SUPERVISOR ? {} : { orgId: user.orgId });
    return rows.map((r) => ({
      id: r.id,
      caseId: r.caseId,
      department: r.org?.name,
      level: r.rating?.level,
      comment: r.rating?.comment,
      dueDate: r.dueDate,
      status: r.status,
      openedAt: r.openedAt.toISOString(),
    }));
  }

  private async rectificationDue(): Promise<string | null> {
    const today = chinaDateOf(Date.now());
    try {
      return new WorkingCalendar(await this.calendar.years()).addWorkingDays(today, RECTIFICATION_WORKING_DAYS);
    } catch (error) {
      if (error instanceof CalendarYearMissingError) return null;
      throw error;
    }
  }
}
