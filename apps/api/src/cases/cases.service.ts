import { ApiEnv } from '#config';
import {
  type ApplicantKind,
  type CaseActor,
  chinaDateOf,
  feeRuleOf,
  type CaseCommand,
  type CaseView,
  DomainError,
  ErrorCode,
  isWithinOrg,
  type OrgLevel,
  Role,
  violationOfRefusal,
} from '#domain';
import {
  type ApplicantEntity,
  type ApplicantMaterialEntity,
  AlarmRulesRepository,
  AuditRepository,
  CalendarRepository,
  CaseAlarmsRepository,
  type CaseEntity,
  CasesRepository,
  type OrgEntity,
  OrgsRepository,
  UsersRepository,
} from '#persistence';
import {
  CASE_WORKFLOW_TYPE,
  type CaseWorkflowInput,
  caseCommandUpdate,
  caseOpenedUpdate,
  caseViewQuery,
  caseWorkflowId,
  SearchAttributes,
  taskQueues,
} from '#temporal';
import { Injectable } from '@nestjs/common';
import { Client, WorkflowUpdateFailedError } from '@temporalio/client';
import { TypedSearchAttributes } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { CatalogService } from '../catalog/catalog.service';
import type { AuthUser } from '../common/auth/auth-user';
import { updateFailureToDomainError } from '../common/temporal-errors';
import { executeAction } from '../common/workflow-action';
import { startWithOpeningUpdate, viewOfRepeatedStart } from '../common/workflow-start';
import { FlowsService } from '../flows/flows.service';
import { MaterialsService, type MaterialView, materialView } from '../materials/materials.service';
import { newQueryCode } from '../common/query-code';
import type { CaseActionDto, FileCaseDto } from './cases.dto';

/** The library a filing reads: the applicant's, as far as an online account whose identity no counter checked may see it. */
interface PartyLibrary {
  applicant: ApplicantEntity;
  onlyOfAccount?: string;
}

const REGION_LEVELS: readonly string[] = ['city', 'county', 'township'];
/** The update id of caseOpened: one per case, so a repeated update-with-start answers as the first. */
const CASE_OPENED_UPDATE_ID = 'case-opened';

/**
 * Cases (办件): filed at a counter or online, run by the case workflow of the item's current flow,
 * acted on through its Update; read from the workflow (the record) and listed from the projection.
 */
@Injectable()
export class CasesService {
  private readonly taskQueue: string;

  constructor(
    private readonly client: Client,
    private readonly cases: CasesRepository,
    private readonly orgs: OrgsRepository,
    private readonly users: UsersRepository,
    private readonly calendar: CalendarRepository,
    private readonly catalog: CatalogService,
    private readonly flows: FlowsService,
    private readonly materials: MaterialsService,
    private readonly alarms: CaseAlarmsRepository,
    private readonly audit: AuditRepository,
    private readonly alarmRules: AlarmRulesRepository,
    env: ApiEnv,
  ) {
    this.taskQueue = taskQueues(env.TEMPORAL_TASK_QUEUE).cases;
  }

  async file(user: AuthUser, dto: FileCaseDto) {
    const earlier = await this.cases.findByRequest(user.id, dto.requestId);
    if (earlier) {
      const repeated = await this.repeatedFiling(earlier);
      if (repeated) return repeated;
    }

    const item = await this.catalog.load(dto.itemCode);
    if (item.status !== 'active') throw new DomainError(ErrorCode.ITEM_NOT_ACTIVE, `事项 ${item.code} 已不在使用`);
    const { version, plan } = await this.flows.currentPlan(item);
    const intake = await this.intakeCentre(user, dto);
    const applicant = await this.applicant(user, dto);
    const lineage = await this.orgs.lineage(intake);
    const regions: Partial<Record<OrgLevel, string>> = {};
    for (const org of lineage) if (REGION_LEVELS.includes(org.level)) regions[org.level as OrgLevel] = org.path;

    // 一次申报、多次使用: what the library holds for this applicant need not be handed in again.
    const listed = (item.approval?.materials ?? []).map((m) => m.name);
    const { reused, awaitingConfirmation, confirm } = applicant.library
      ? await this.reuse(
          user,
          applicant.library,
          listed.filter((n) => !dto.materials.includes(n)),
          dto.confirmedMaterials ?? [],
        )
      : { reused: [] as ApplicantMaterialEntity[], awaitingConfirmation: [] as ApplicantMaterialEntity[], confirm: [] as string[] };
    const reusedMaterials = reused.map(materialView);
    const have = new Set([...dto.materials, ...reused.map((m) => m.name)]);
    const required = (item.approval?.materials ?? []).filter((m) => m.required).map((m) => m.name);
    const missingMaterials = required.filter((name) => !have.has(name));
    const receivedAt = Date.now();
    const day = chinaDateOf(receivedAt).replace(/-/g, '');
    const caseId = randomUUID();
    const workflowId = caseWorkflowId(caseId);
    const { row, created } = await this.cases.insertFiled(
      {
        id: caseId,
        requestId: dto.requestId,
        filedBy: user.id,
        itemId: item.id,
        itemCode: item.code,
        itemName: item.name,
        flowVersion: version,
        planHash: plan.hash,
        intakeOrgId: intake.id,
        applicantUserId: applicant.userId,
        applicantId: applicant.library?.applicant.id ?? null,
        applicantName: applicant.name,
        materials: [...dto.materials, ...reused.map((m) => m.name)],
        libraryMaterials: reused.map((m) => ({
          materialId: m.id,
          name: m.name,
          provenance: confirm.includes(m.id) ? 'counter' : m.provenance,
          ...(confirm.includes(m.id) ? { confirmedBy: user.id } : {}),
        })),
        queryCode: newQueryCode(),
        status: 'running',
        outcome: null,
        alarmLevel: 'none',
        receivedAt: new Date(receivedAt),
        promisedDeadlineAt: null,
        legalDeadlineAt: null,
        finishedAt: null,
        workflowId,
      },
      { day, orgCode: intake.code },
    );
    if (!created)
      return {
        ...(await this.view(row)),
        created: false,
        missingMaterials: [] as string[],
        reusedMaterials: [] as MaterialView[],
        awaitingConfirmation: [] as MaterialView[],
      };
    if (applicant.library) {
      if (confirm.length > 0) await this.materials.confirmChecked(applicant.library.applicant.id, confirm, user.id);
      // A clerk read someone's library for this filing: the supervision office sees who, whose, for which case.
      if (user.role !== Role.APPLICANT)
        await this.audit.append({ userId: user.id, action: 'library', caseId, detail: { applicantId: applicant.library.applicant.id, purpose: 'filing' } });
    }

    const input: CaseWorkflowInput = {
      case: {
        caseId,
        caseNumber: row.caseNumber,
        itemCode: item.code,
        itemName: item.name,
        applicant: { id: applicant.userId, name: applicant.name },
        intake: { orgId: intake.id, orgPath: intake.path, name: intake.name },
        regions,
        plan,
        calendar: await this.calendar.years(),
        receivedAt,
        // The rules in force now stay the case's rules (a later change applies to later cases).
        alarmRules: await this.currentAlarmRules(),
        ...(item.approval ? { fee: feeRuleOf(item.approval.fee) } : {}),
      },
    };
    // Start and wait for the first projection in one round trip.
    const view = await startWithOpeningUpdate(this.client, {
      workflowType: CASE_WORKFLOW_TYPE,
      workflowId,
      taskQueue: this.taskQueue,
      input,
      typedSearchAttributes: new TypedSearchAttributes([
        { key: SearchAttributes.itemCode, value: item.code },
        { key: SearchAttributes.intakeOrg, value: intake.code },
      ]),
      update: caseOpenedUpdate,
      updateId: CASE_OPENED_UPDATE_ID,
      takeBack: () => this.cases.deleteFiled(caseId),
    });
    return { ...this.present(row, view), created: true, missingMaterials, reusedMaterials, awaitingConfirmation: awaitingConfirmation.map(materialView) };
  }

  /**
   * clerk, at intake: the library of the applicant in front of them, only the materials the item lists,
   * each with where it came from; in the audit log (who, whose library, for which item).
   */
  async intakeLibrary(user: AuthUser, kind: ApplicantKind, idNumber: string, itemCode: string) {
    const item = await this.catalog.load(itemCode);
    const applicant = await this.materials.findByIdentity(kind, idNumber);
    if (!applicant) throw new DomainError(ErrorCode.APPLICANT_NOT_FOUND, '共享库中没有该申请人');
    await this.audit.append({
      userId: user.id,
      action: 'library',
      caseId: null,
      detail: { applicantId: applicant.id, itemCode: item.code, purpose: 'intake' },
    });
    const listed = new Set((item.approval?.materials ?? []).map((m) => m.name));
    const held = (await this.materials.held(applicant.id)).filter((m) => listed.has(m.name));
    return {
      applicant: { kind: applicant.kind, name: applicant.name },
      materials: held.map((m) => ({ ...materialView(m), needsConfirmation: m.provenance === 'applicant' })),
    };
  }

  /** Whoever may read the case: the materials it reuses from the library, with where each came from. */
  async caseMaterials(user: AuthUser, id: string) {
    const row = await this.load(id);
    await this.assertCanRead(user, row);
    if (row.applicantId && user.role !== Role.APPLICANT) {
      await this.audit.append({ userId: user.id, action: 'library', caseId: id, detail: { applicantId: row.applicantId, purpose: 'case' } });
    }
    const library = [];
    for (const used of row.libraryMaterials) {
      const found = row.applicantId ? await this.materials.findMaterial(row.applicantId, used.materialId) : null;
      library.push({
        ...(found ? materialView(found) : { id: used.materialId, name: used.name }),
        provenance: used.provenance,
        confirmedBy: used.confirmedBy ?? null,
      });
    }
    return { materials: row.materials, library };
  }

  /** Whoever may read the case: the file of a library material the case reuses (staff reads audited). */
  async caseMaterialFile(user: AuthUser, id: string, materialId: string) {
    const row = await this.load(id);
    await this.assertCanRead(user, row);
    const used = row.libraryMaterials.some((m) => m.materialId === materialId);
    const material = used && row.applicantId ? await this.materials.findMaterial(row.applicantId, materialId) : null;
    if (!material) throw new DomainError(ErrorCode.MATERIAL_NOT_FOUND, '该办件没有这份材料');
    if (user.role !== Role.APPLICANT)
      await this.audit.append({ userId: user.id, action: 'material', caseId: id, detail: { applicantId: row.applicantId, materialId } });
    return this.materials.fileOf(material);
  }

  /**
   * Which held materials a filing reuses. Online, the applicant's own library as their account sees it.
   * At the counter, what a clerk checked or the platform issued; an applicant's own upload only when the
   * clerk confirmed it against the original (it is then checked), else it is listed as awaiting that.
   */
  private async reuse(user: AuthUser, library: PartyLibrary, wanted: string[], confirmed: string[]) {
    const held = await this.materials.held(library.applicant.id, library.onlyOfAccount);
    const unknown = confirmed.filter((id) => !held.some((m) => m.id === id && m.provenance === 'applicant'));
    if (user.role === Role.APPLICANT ? confirmed.length > 0 : unknown.length > 0) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [
        { field: 'confirmedMaterials', rule: user.role === Role.APPLICANT ? 'counter-only' : 'not-awaiting-confirmation' },
      ]);
    }
    const reused: ApplicantMaterialEntity[] = [];
    const awaitingConfirmation: ApplicantMaterialEntity[] = [];
    const confirm: string[] = [];
    for (const name of wanted) {
      const rows = held.filter((m) => m.name === name);
      if (user.role === Role.APPLICANT) {
        if (rows[0]) reused.push(rows[0]);
        continue;
      }
      const vouched = rows.find((m) => m.provenance !== 'applicant') ?? rows.find((m) => confirmed.includes(m.id));
      if (vouched) {
        reused.push(vouched);
        if (vouched.provenance === 'applicant') confirm.push(vouched.id);
      } else if (rows.length > 0) {
        awaitingConfirmation.push(rows[0]!);
      }
    }
    return { reused, awaitingConfirmation, confirm };
  }

  async get(user: AuthUser, id: string) {
    const row = await this.load(id);
    await this.assertCanRead(user, row);
    // Reads from outside the case's handling line are logged: the supervision office's and the admins'.
    if (user.role === Role.SUPERVISOR || user.role === Role.ADMIN) await this.audit.append({ userId: user.id, action: 'case', caseId: id, detail: {} });
    return this.view(row);
  }

  async act(user: AuthUser, id: string, dto: CaseActionDto) {
    const row = await this.load(id);
    if (user.role === Role.APPLICANT && row.applicantUserId !== user.id) {
      throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '只能办理本人的申请');
    }
    const actor = await this.actorOf(user);
    const command = this.command(dto, actor);
    try {
      const view = await executeAction(this.client, {
        workflowId: row.workflowId,
        update: caseCommandUpdate,
        command,
        userId: user.id,
        requestId: dto.requestId,
      });
      return this.present(row, view);
    } catch (error) {
      const mapped = updateFailureToDomainError(error);
      if (error instanceof WorkflowUpdateFailedError && mapped instanceof DomainError) {
        // The validator's refusal leaves no history: the supervision office sees it here.
        const refusalId = await this.cases.recordRefusal({ caseId: row.id, userId: user.id, command: dto, code: mapped.code, message: mapped.message });
        const violation = violationOfRefusal(mapped.code);
        if (violation) {
          await this.alarms.recordRaised({
            caseId: row.id,
            caseNumber: row.caseNumber,
            itemCode: row.itemCode,
            alarms: [
              {
                key: `violation:${refusalId}`,
                kind: violation.kind,
                level: 'red',
                token: dto.token ?? null,
                dueAt: Date.now(),
                message: `${violation.message}：${mapped.message}`,
              },
            ],
          });
        }
      }
      throw mapped;
    }
  }

  /** The steps the caller may act on now, soonest deadline first. */
  async tasks(user: AuthUser) {
    const actor = await this.actorOf(user);
    const tasks = await this.cases.openTasksFor({
      orgId: actor.orgId,
      orgPath: actor.orgPath,
      level: actor.level,
      department: actor.department,
      posts: actor.posts,
    });
    return tasks.map((task) => ({
      caseId: task.caseId,
      caseNumber: task.case!.caseNumber,
      itemCode: task.case!.itemCode,
      itemName: task.case!.itemName,
      applicantName: task.case!.applicantName,
      token: task.token,
      step: task.stepName,
      kind: task.kind,
      startedAt: task.startedAt.toISOString(),
      deadlineAt: task.deadlineAt?.toISOString() ?? null,
      overdue: task.deadlineAt !== null && task.deadlineAt.getTime() < Date.now(),
      caseStatus: task.case!.status,
      alarmLevel: task.case!.alarmLevel,
    }));
  }

  /** A centre's cases by status (running, correction) or outcome. */
  async counts(user: AuthUser) {
    return { orgId: user.orgId, counts: await this.cases.countsByStatus(user.orgId) };
  }

  async mine(user: AuthUser) {
    const rows = await this.cases.listForApplicant(user.id);
    return rows.map((r) => ({
      id: r.id,
      caseNumber: r.caseNumber,
      itemCode: r.itemCode,
      itemName: r.itemName,
      status: r.status,
      outcome: r.outcome,
      receivedAt: r.receivedAt.toISOString(),
    }));
  }

  /** The answer to a filing sent again; undefined when it was taken back, to be filed anew. */
  private async repeatedFiling(earlier: CaseEntity) {
    // A filed case's projection starts at revision -1: the workflow has written nothing yet.
    const view = await viewOfRepeatedStart(
      () => this.view(earlier),
      { neverProjected: earlier.revision === -1, createdAt: earlier.createdAt },
      () => this.cases.deleteFiled(earlier.id),
    );
    return (
      view && { ...view, created: false, missingMaterials: [] as string[], reusedMaterials: [] as MaterialView[], awaitingConfirmation: [] as MaterialView[] }
    );
  }

  private async view(row: CaseEntity) {
    const view = await this.client.workflow.getHandle(row.workflowId).query(caseViewQuery);
    return this.present(row, view);
  }

  private present(row: CaseEntity, view: CaseView) {
    return {
      ...view,
      id: row.id,
      applicantName: row.applicantName,
      materials: row.materials,
      flowVersion: row.flowVersion,
      queryCode: row.queryCode,
    };
  }

  private async load(id: string): Promise<CaseEntity> {
    const row = await this.cases.findById(id);
    if (!row) throw new DomainError(ErrorCode.CASE_NOT_FOUND, '未找到该办件');
    return row;
  }

  /**
   * Applicants their own cases; clerks their centre's and those with steps for them; handlers and
   * dept_admins those with steps of their department; supervisors and admins every case.
   */
  private async assertCanRead(user: AuthUser, row: CaseEntity): Promise<void> {
    if (user.role === Role.SUPERVISOR || user.role === Role.ADMIN) return;
    if (user.role === Role.APPLICANT) {
      if (row.applicantUserId === user.id || row.filedBy === user.id) return;
      throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '只能查看本人的申请');
    }
    if (row.intakeOrgId === user.orgId) return;
    const actor = await this.actorOf(user);
    const tasks = await this.cases.tasksOfCase(row.id);
    const involved = tasks.some((t) =>
      t.actorKind === 'org'
        ? t.level === actor.level && (t.department === null || t.department === actor.department) && isWithinOrg(t.scopePath, actor.orgPath)
        : false,
    );
    if (!involved) throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '该办件不在您的办理范围内');
  }

  /** Who the user is to the flow: their org, the level it works at, department and posts. */
  private async actorOf(user: AuthUser): Promise<CaseActor> {
    const found = await this.users.findActiveById(user.id);
    if (!found) throw new DomainError(ErrorCode.AUTH_TOKEN_INVALID, '登录凭证无效或已过期');
    const { user: entity, org } = found;
    return {
      userId: entity.id,
      name: entity.displayName,
      role: entity.role,
      orgId: org.id,
      orgPath: org.path,
      level: await this.levelOf(org),
      department: org.deptCode,
      posts: entity.posts,
    };
  }

  private async levelOf(org: OrgEntity): Promise<OrgLevel | null> {
    if (org.level !== 'department') return org.level === 'community' || REGION_LEVELS.includes(org.level) ? (org.level as OrgLevel) : null;
    const parent = org.parentId ? await this.orgs.findById(org.parentId) : null;
    return parent && REGION_LEVELS.includes(parent.level) ? (parent.level as OrgLevel) : null;
  }

  private async intakeCentre(user: AuthUser, dto: FileCaseDto): Promise<OrgEntity> {
    if (user.role === Role.CLERK) {
      if (dto.intakeOrgCode) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'intakeOrgCode', rule: 'clerk-own-centre' }]);
      return (await this.orgs.findById(user.orgId))!;
    }
    if (!dto.intakeOrgCode) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'intakeOrgCode', rule: 'required' }]);
    const centre = await this.orgs.findByCode(dto.intakeOrgCode);
    if (centre?.level !== 'department') throw new DomainError(ErrorCode.ORG_NOT_FOUND, `未找到受理中心 ${dto.intakeOrgCode}`);
    return centre;
  }

  /**
   * Who applies, and whose library the filing reads. Online: the account's own identity (fixed at
   * registration), a different one in the body refused. At the counter: the applicant the clerk names
   * after checking their ID card; naming their account with that identity verifies the account (实名核验),
   * naming it with another is refused.
   */
  private async applicant(user: AuthUser, dto: FileCaseDto): Promise<{ userId: string | null; name: string; library: PartyLibrary | null }> {
    if (user.role === Role.APPLICANT) {
      const self = await this.users.findActiveById(user.id);
      if (dto.applicant?.username !== undefined && dto.applicant.username !== user.username) {
        throw new DomainError(ErrorCode.APPLICANT_IDENTITY_MISMATCH, '只能以本人账号登记的身份办理', [
          { field: 'applicant.username', rule: 'account-identity' },
        ]);
      }
      if (!self?.user.applicantId) {
        if (dto.applicant?.kind !== undefined || dto.applicant?.idNumber !== undefined) {
          throw new DomainError(ErrorCode.APPLICANT_IDENTITY_MISSING, '您的账号尚未登记证件号码，请携带身份证件到窗口办理');
        }
        return { userId: user.id, name: dto.applicant?.name ?? self!.user.displayName, library: null };
      }
      const { applicant, verified } = await this.materials.accountIdentity(user);
      this.materials.assertOwnIdentity(applicant, dto.applicant, 'applicant.');
      return { userId: user.id, name: applicant.name, library: { applicant, onlyOfAccount: verified ? undefined : user.id } };
    }
    if (!dto.applicant) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'applicant', rule: 'required' }]);
    const { kind, idNumber, name } = dto.applicant;
    const identity = kind && idNumber ? await this.materials.identify(kind, idNumber, name) : null;
    const library = identity ? { applicant: identity } : null;
    if (!dto.applicant.username) return { userId: null, name, library };
    const account = await this.users.findActiveByUsername(dto.applicant.username);
    if (account?.user.role !== Role.APPLICANT) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'applicant.username', rule: 'not-an-applicant' }]);
    }
    if (identity && account.user.applicantId && account.user.applicantId !== identity.id) {
      throw new DomainError(ErrorCode.APPLICANT_IDENTITY_MISMATCH, '该账号登记的证件与申请人证件不一致', [
        { field: 'applicant.idNumber', rule: 'account-identity' },
      ]);
    }
    if (identity && account.user.applicantId) await this.users.markIdentityVerified(account.user.id);
    else if (identity) await this.users.bindCheckedIdentity(account.user.id, identity.id);
    return { userId: account.user.id, name, library };
  }

  private command(dto: CaseActionDto, actor: CaseActor): CaseCommand {
    switch (dto.type) {
      case 'withdraw':
        // 撤回须说明理由: said here with the field, before the workflow's validator says it without.
        if (!dto.reason?.trim()) throw new DomainError(ErrorCode.VALIDATION_FAILED, '撤回须说明理由', [{ field: 'reason', rule: 'required' }]);
        return { type: 'withdraw', reason: dto.reason, actor };
      case 'resubmit':
        return { type: 'resubmit', actor, ...(dto.opinion ? { note: dto.opinion } : {}) };
      case 'act': {
        const missing = [!dto.token && 'token', !dto.action && 'action'].filter(Boolean) as string[];
        if (missing.length > 0)
          throw new DomainError(
            ErrorCode.VALIDATION_FAILED,
            '请求参数有误',
            missing.map((field) => ({ field, rule: 'required' })),
          );
        return {
          type: 'act',
          token: dto.token!,
          action: dto.action!,
          actor,
          ...(dto.opinion !== undefined ? { opinion: dto.opinion } : {}),
          ...(dto.decision ? { decision: dto.decision } : {}),
          ...(dto.documentTitle ? { documentTitle: dto.documentTitle } : {}),
          ...(dto.correctionItems ? { correctionItems: dto.correctionItems } : {}),
          ...(dto.feeYuan !== undefined ? { feeYuan: dto.feeYuan } : {}),
        };
      }
    }
  }

  private async currentAlarmRules() {
    const { version, reminderDays, nearPromisedDays } = await this.alarmRules.current();
    return { version, reminderDays, nearPromisedDays };
  }
}
