import { ApiEnv } from '#config';
import {
  buildAnnualReport,
  chinaDateOf,
  type DisclosureActor,
  type DisclosureCommand,
  type DisclosurePeriods,
  type DisclosureRequestView,
  disclosurePeriodsFor,
  DomainError,
  ErrorCode,
  isWithinOrg,
  normalizeApplicantId,
  normalizeQueryCode,
  Role,
  validateResidentIdNumber,
  validateUnifiedSocialCreditCode,
} from '#domain';
import {
  AuditRepository,
  CalendarRepository,
  CasesRepository,
  type DisclosureRequestEntity,
  DisclosureRequestsRepository,
  DiskFileStore,
  MaterialsRepository,
  OrgsRepository,
  UsersRepository,
} from '#persistence';
import { newQueryCode } from '../common/query-code';
import {
  DISCLOSURE_REQUEST_WORKFLOW_TYPE,
  type DisclosureRequestWorkflowInput,
  disclosureCommandUpdate,
  disclosureOpenedUpdate,
  disclosureRequestWorkflowId,
  disclosureViewQuery,
  taskQueues,
} from '#temporal';
import { Injectable } from '@nestjs/common';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../common/auth/auth-user';
import { unavailable } from '../common/errors/transient-errors';
import { updateFailureToDomainError } from '../common/temporal-errors';
import { executeAction } from '../common/workflow-action';
import { startWithOpeningUpdate, viewOfRepeatedStart } from '../common/workflow-start';
import type {
  AnnualReportQueryDto,
  DisclosureActionDto,
  DisclosureListQueryDto,
  DisclosureStatusQueryDto,
  RegisterDisclosureRequestDto,
} from './disclosure-requests.dto';

/** The update id of disclosureOpened: one per application, so a repeated update-with-start answers as the first. */
const OPENED_UPDATE_ID = 'disclosure-opened';

/**
 * Disclosure on application (依申请公开): registered online or at the counter, run by one workflow
 * each, acted on through its Update; read from the workflow and listed from the projection.
 *
 * Who may act: the applicant (their own: correct, withdraw) and the disclosure officers of the
 * agency's region (everything else). The staff of the department applied to do not reply themselves:
 * the region's disclosure office (政府信息公开工作机构) answers for every agency in it.
 */
@Injectable()
export class DisclosureRequestsService {
  private readonly taskQueue: string;
  /**
   * The rules new applications are registered under (DISCLOSURE_PERIOD_RULES and the unconfirmed alarm
   * days). They travel in each workflow's input, so a change applies to new applications only.
   */
  private readonly periods: DisclosurePeriods;

  constructor(
    private readonly client: Client,
    private readonly requests: DisclosureRequestsRepository,
    private readonly orgs: OrgsRepository,
    private readonly users: UsersRepository,
    private readonly calendar: CalendarRepository,
    private readonly files: DiskFileStore,
    private readonly cases: CasesRepository,
    private readonly materials: MaterialsRepository,
    private readonly audit: AuditRepository,
    env: ApiEnv,
  ) {
    this.taskQueue = taskQueues(env.TEMPORAL_TASK_QUEUE).cases;
    this.periods = disclosurePeriodsFor(env.DISCLOSURE_PERIOD_RULES, {
      yellowDays: env.DISCLOSURE_UNCONFIRMED_YELLOW_DAYS,
      redDays: env.DISCLOSURE_UNCONFIRMED_RED_DAYS,
    });
  }

  async register(user: AuthUser, dto: RegisterDisclosureRequestDto) {
    const earlier = await this.requests.findByClientRequest(user.id, dto.requestId);
    if (earlier) {
      const repeated = await this.repeatedRegistration(earlier);
      if (repeated) return repeated;
    }

    const agency = await this.orgs.findByCode(dto.agencyOrgCode);
    if (!agency) throw new DomainError(ErrorCode.ORG_NOT_FOUND, `未找到机关 ${dto.agencyOrgCode}`);
    const self = await this.users.findActiveById(user.id);
    if (!self) throw new DomainError(ErrorCode.AUTH_TOKEN_INVALID, '登录凭证无效或已过期');
    const now = Date.now();
    const today = chinaDateOf(now);

    // Art. 31: the receipt date follows the channel.
    let channel: DisclosureRequestWorkflowInput['request']['channel'];
    let receivedOn: string | null;
    let applicantUserId: string | null;
    if (user.role === Role.APPLICANT) {
      if (dto.channel || dto.receivedOn || dto.applicant.username) {
        const field = dto.channel ? 'channel' : dto.receivedOn ? 'receivedOn' : 'applicant.username';
        throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field, rule: 'officer-only' }]);
      }
      // Online, the applicant is the account holder: the identity fixed at registration, no other.
      const own = self.user.applicantId ? await this.materials.findApplicantById(self.user.applicantId) : null;
      if (own && (own.kind !== dto.applicant.kind || own.idNumber !== normalizeApplicantId(dto.applicant.kind, dto.applicant.idNumber))) {
        throw new DomainError(ErrorCode.APPLICANT_IDENTITY_MISMATCH, '只能以本人账号登记的身份申请', [
          { field: 'applicant.idNumber', rule: 'account-identity' },
        ]);
      }
      channel = 'online';
      receivedOn = null;
      applicantUserId = user.id;
    } else {
      if (!isWithinOrg(user.regionPath, agency.path)) throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '该机关不在您所在地区的政府信息公开工作范围内');
      if (!dto.channel) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'channel', rule: 'required' }]);
      channel = dto.channel;
      if (channel === 'in_person') {
        if (dto.receivedOn && dto.receivedOn !== today)
          throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'receivedOn', rule: 'in-person-today' }]);
        receivedOn = today;
      } else {
        if (!dto.receivedOn) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'receivedOn', rule: 'required' }]);
        if (dto.receivedOn > today) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'receivedOn', rule: 'not-after-today' }]);
        receivedOn = dto.receivedOn;
      }
      applicantUserId = null;
      if (dto.applicant.username) {
        const account = await this.users.findActiveByUsername(dto.applicant.username);
        if (account?.user.role !== Role.APPLICANT) {
          throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'applicant.username', rule: 'not-an-applicant' }]);
        }
        applicantUserId = account.user.id;
      }
    }

    const idNumber = normalizeApplicantId(dto.applicant.kind, dto.applicant.idNumber);
    const check = dto.applicant.kind === 'person' ? validateResidentIdNumber(idNumber, today) : validateUnifiedSocialCreditCode(idNumber);
    if (!check.valid) {
      throw new DomainError(ErrorCode.APPLICANT_ID_INVALID, check.message, [{ field: 'applicant.idNumber', rule: check.rule, message: check.message }]);
    }
    if (dto.applicant.kind === 'person' && dto.applicant.organizationType) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'applicant.organizationType', rule: 'company-only' }]);
    }
    const organizationType = dto.applicant.kind === 'company' ? (dto.applicant.organizationType ?? 'other') : null;

    const id = randomUUID();
    const workflowId = disclosureRequestWorkflowId(id);
    const year = Number(today.slice(0, 4));
    const { row, created } = await this.requests.insertRegistered({
      id,
      number: await this.requests.allocateNumber(await this.numberPrefix(agency), year),
      clientRequestId: dto.requestId,
      filedBy: user.id,
      agencyOrgId: agency.id,
      applicantUserId,
      applicantKind: dto.applicant.kind,
      applicantName: dto.applicant.name.trim(),
      applicantIdNumber: idNumber,
      organizationType,
      channel,
      description: dto.description.trim(),
      status: receivedOn === null ? 'awaiting_confirmation' : 'processing',
      replyType: null,
      replyReason: null,
      alarmLevel: 'none',
      submittedAt: new Date(now),
      firstReceivedOn: receivedOn,
      dueOn: null,
      extended: false,
      finishedAt: null,
      finishedOn: null,
      workflowId,
      queryCode: newQueryCode(),
    });
    if (!created) {
      const repeated = await this.repeatedRegistration(row);
      if (repeated) return repeated;
      throw unavailable(new Error('registration taken back while repeated'));
    }

    const input: DisclosureRequestWorkflowInput = {
      request: {
        requestId: id,
        number: row.number,
        agency: { orgId: agency.id, orgPath: agency.path, name: agency.name },
        applicant: {
          kind: dto.applicant.kind,
          name: dto.applicant.name.trim(),
          idNumber,
          organizationType,
          userId: applicantUserId,
          contact: {
            ...(dto.applicant.phone ? { phone: dto.applicant.phone } : {}),
            ...(dto.applicant.email ? { email: dto.applicant.email } : {}),
            ...(dto.applicant.address ? { address: dto.applicant.address } : {}),
          },
        },
        description: dto.description.trim(),
        purpose: dto.purpose?.trim() || null,
        delivery: dto.delivery,
        channel,
        submittedAt: now,
        receivedOn,
        registeredBy: { userId: user.id, name: self.user.displayName },
        calendar: await this.calendar.years(),
        periods: this.periods,
      },
    };
    // A workflow that did start keeps its registration (its periods run).
    const view = await startWithOpeningUpdate(this.client, {
      workflowType: DISCLOSURE_REQUEST_WORKFLOW_TYPE,
      workflowId,
      taskQueue: this.taskQueue,
      input,
      update: disclosureOpenedUpdate,
      updateId: OPENED_UPDATE_ID,
      takeBack: () => this.requests.deleteRegistered(id),
    });
    return { ...(await this.present(row, view)), created: true };
  }

  async get(user: AuthUser, id: string) {
    const row = await this.load(id);
    this.assertCanRead(user, row);
    await this.logRead(user, 'disclosure-request', { requestId: id });
    return this.view(row);
  }

  async act(user: AuthUser, id: string, dto: DisclosureActionDto) {
    const row = await this.load(id);
    this.assertCanRead(user, row);
    const command = await this.command(user, dto);
    try {
      const view = await executeAction(this.client, {
        workflowId: row.workflowId,
        update: disclosureCommandUpdate,
        command,
        userId: user.id,
        requestId: dto.requestId,
      });
      return this.present(row, view);
    } catch (error) {
      // An application's workflow ends with its reply, lapse or withdrawal: an Update then finds none.
      if (error instanceof WorkflowNotFoundError) throw new DomainError(ErrorCode.DISCLOSURE_REQUEST_FINISHED, '该申请已办结');
      const mapped = updateFailureToDomainError(error);
      if (error instanceof WorkflowUpdateFailedError && mapped instanceof DomainError) {
        // The validator's refusal leaves no history: recorded with the cases' refused attempts, under
        // the application's id, where the supervision office looks for them.
        await this.cases.recordRefusal({ caseId: row.id, userId: user.id, command: { disclosure: true, ...dto }, code: mapped.code, message: mapped.message });
      }
      throw mapped;
    }
  }

  /** Officers: their region's applications; supervisors and admins: all. */
  async list(user: AuthUser, query: DisclosureListQueryDto) {
    await this.logRead(user, 'disclosure-requests', { ...query });
    const { total, rows } = await this.requests.list({
      agencyPathPrefix: user.role === Role.DISCLOSURE_OFFICER ? user.regionPath : null,
      ...(query.status ? { status: query.status } : {}),
      page: query.page,
      pageSize: query.pageSize,
    });
    return { total, page: query.page, pageSize: query.pageSize, requests: rows.map((r) => this.summary(r)) };
  }

  async mine(user: AuthUser) {
    return (await this.requests.listForApplicant(user.id)).map((r) => this.summary(r));
  }

  /**
   * Public: the status by number and the applicant's ID number or credit code. A wrong number and a
   * wrong ID answer the same 404, so the query tells nobody else whether an application exists.
   */
  async status(query: DisclosureStatusQueryDto) {
    if (!query.idNumber && !query.queryCode) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'idNumber', rule: 'idNumber-or-queryCode' }]);
    }
    const row = await this.requests.findByNumber(query.number.trim());
    const kinds = ['person', 'company'] as const;
    const byId = query.idNumber ? kinds.some((kind) => normalizeApplicantId(kind, query.idNumber!) === row?.applicantIdNumber) : true;
    const byCode = query.queryCode ? !!row?.queryCode && row.queryCode === normalizeQueryCode(query.queryCode) : true;
    // The same answer for an unknown number and a wrong proof: the query reveals nothing else.
    if (!row || !byId || !byCode) throw new DomainError(ErrorCode.DISCLOSURE_REQUEST_NOT_FOUND, '未找到该申请，请核对登记编号和证件号码或查询码');
    const documents = await this.requests.documentsOf(row.id);
    return {
      number: row.number,
      agency: row.agency?.name,
      status: row.status,
      receivedOn: row.firstReceivedOn,
      dueOn: row.dueOn,
      extended: row.extended,
      replyType: row.replyType,
      finishedOn: row.finishedOn,
      documents: documents.map((d) => ({ title: d.title, issuedAt: d.issuedAt.toISOString() })),
    };
  }

  async annualReport(user: AuthUser, query: AnnualReportQueryDto) {
    const scope = user.role === Role.DISCLOSURE_OFFICER ? user.regionPath : null;
    await this.logRead(user, 'disclosure-report', { year: query.year });
    return buildAnnualReport(query.year, await this.requests.reportable(query.year, scope));
  }

  async documentPdf(user: AuthUser, id: string, documentId: string): Promise<{ data: Buffer; title: string }> {
    const row = await this.load(id);
    this.assertCanRead(user, row);
    const doc = await this.requests.findDocumentById(documentId);
    if (!doc || doc.requestId !== row.id) throw new DomainError(ErrorCode.DOCUMENT_NOT_FOUND, '未找到该文书');
    await this.logRead(user, 'disclosure-document', { requestId: id, documentId });
    const data = await this.files.get(doc.sha256);
    if (!data) throw new DomainError(ErrorCode.DOCUMENT_NOT_FOUND, '文书文件缺失');
    return { data, title: doc.title };
  }

  /**
   * Supervisors and admins read applications from outside the office that handles them: each read goes to
   * the audit log (who, which application or list), as their reads of cases do.
   */
  private async logRead(user: AuthUser, action: string, detail: object): Promise<void> {
    if (user.role === Role.SUPERVISOR || user.role === Role.ADMIN) await this.audit.append({ userId: user.id, action, caseId: null, detail });
  }

  /** The answer to a registration sent again; undefined when it was taken back, to be registered anew. */
  private async repeatedRegistration(earlier: DisclosureRequestEntity) {
    // A registered application's projection starts at revision 0: the workflow has written nothing yet.
    const view = await viewOfRepeatedStart(
      () => this.view(earlier),
      { neverProjected: earlier.revision === 0, createdAt: earlier.createdAt },
      () => this.requests.deleteRegistered(earlier.id),
    );
    return view && { ...view, created: false };
  }

  private async view(row: DisclosureRequestEntity) {
    const view = await this.client.workflow.getHandle(row.workflowId).query(disclosureViewQuery);
    return this.present(row, view);
  }

  private async present(row: DisclosureRequestEntity, view: DisclosureRequestView) {
    const documents = await this.requests.documentsOf(row.id);
    return {
      ...view,
      id: row.id,
      queryCode: row.queryCode,
      documents: view.documents.map((d) => {
        const stored = documents.find((s) => s.documentKey === d.key);
        return {
          ...d,
          id: stored?.id ?? null,
          sealed: stored !== undefined,
          sm3: stored?.sm3 ?? null,
          pdf: stored ? `/api/disclosure-requests/${row.id}/documents/${stored.id}/pdf` : null,
        };
      }),
    };
  }

  private summary(r: DisclosureRequestEntity) {
    return {
      id: r.id,
      number: r.number,
      agency: r.agency?.name,
      applicantName: r.applicantName,
      channel: r.channel,
      status: r.status,
      replyType: r.replyType,
      alarmLevel: r.alarmLevel,
      submittedAt: r.submittedAt.toISOString(),
      receivedOn: r.firstReceivedOn,
      dueOn: r.dueOn,
      extended: r.extended,
      finishedOn: r.finishedOn,
    };
  }

  private async load(id: string): Promise<DisclosureRequestEntity> {
    const row = await this.requests.findById(id);
    if (!row) throw new DomainError(ErrorCode.DISCLOSURE_REQUEST_NOT_FOUND, '未找到该政府信息公开申请');
    return row;
  }

  /** Applicants their own; officers their region's; supervisors and admins all. */
  private assertCanRead(user: AuthUser, row: DisclosureRequestEntity): void {
    if (user.role === Role.SUPERVISOR || user.role === Role.ADMIN) return;
    if (user.role === Role.APPLICANT) {
      if (row.applicantUserId === user.id || row.filedBy === user.id) return;
      throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '只能查看本人的申请');
    }
    if (user.role === Role.DISCLOSURE_OFFICER && row.agency && isWithinOrg(user.regionPath, row.agency.path)) return;
    throw new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '该申请不在您的办理范围内');
  }

  private async command(user: AuthUser, dto: DisclosureActionDto): Promise<DisclosureCommand> {
    const found = await this.users.findActiveById(user.id);
    if (!found) throw new DomainError(ErrorCode.AUTH_TOKEN_INVALID, '登录凭证无效或已过期');
    const actor: DisclosureActor = { userId: user.id, name: found.user.displayName, role: user.role, orgId: user.orgId, regionPath: user.regionPath };
    const required = (field: string, value: unknown) => {
      if (value === undefined || value === null) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field, rule: 'required' }]);
    };
    switch (dto.type) {
      case 'confirmReceipt':
        return { type: 'confirmReceipt', actor };
      case 'requestCorrection':
        required('items', dto.items);
        return { type: 'requestCorrection', actor, items: dto.items!, ...(dto.correctionDays !== undefined ? { correctionDays: dto.correctionDays } : {}) };
      case 'submitCorrection':
        return { type: 'submitCorrection', actor, supplement: dto.supplement ?? '' };
      case 'consultThirdParty':
        return { type: 'consultThirdParty', actor, thirdParty: dto.thirdParty ?? '', ...(dto.matter ? { matter: dto.matter } : {}) };
      case 'recordThirdPartyOpinion':
        required('opinion', dto.opinion);
        return { type: 'recordThirdPartyOpinion', actor, opinion: dto.opinion!, ...(dto.note ? { note: dto.note } : {}) };
      case 'extend':
        return { type: 'extend', actor, reason: dto.reason ?? '', approvedBy: dto.approvedBy ?? '', ...(dto.days !== undefined ? { days: dto.days } : {}) };
      case 'reply':
        required('reply', dto.reply);
        return { type: 'reply', actor, reply: { ...dto.reply! } };
      case 'withdraw':
        return { type: 'withdraw', actor, reason: dto.reason ?? '' };
    }
  }

  /**
   * The number's prefix: the first character of the region's name and 政公开 (龙湾区 → 龙政公开), as the
   * county's disclosure office numbers its applications. Sequences are kept per prefix and year, so
   * two regions sharing a first character share one counter and numbers stay unique.
   */
  private async numberPrefix(agency: { level: string; parentId: string | null; name: string }): Promise<string> {
    const region = agency.level === 'department' && agency.parentId ? await this.orgs.findById(agency.parentId) : agency;
    return `${Array.from(region?.name ?? agency.name)[0]}政公开`;
  }
}
