import {
  canDo,
  canPublishInterpretation,
  type CommentPeriod,
  commentPeriodProblems,
  commentWindowState,
  departmentsOfKeyArea,
  DomainError,
  ErrorCode,
  isWithinOrg,
  KEY_AREAS,
  keyAreaOf,
  parseDocNumber,
  publishBlocker,
  queryWordsOf,
  Role,
} from '#domain';
import {
  type AreaEntry,
  DisclosureRepository,
  DiskFileStore,
  jiebaSegmenter,
  MaterialsRepository,
  OrgsRepository,
  type PolicyCommentEntity,
  type PolicyDocumentEntity,
  type PolicyDocumentValues,
  type PolicyInterpretationEntity,
  sniffContentType,
} from '#persistence';
import { ApiEnv } from '#config';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user';
import type { PageQueryDto } from '../common/page-query.dto';
import type {
  CommentDto,
  CommentPeriodDto,
  CommentSummaryDto,
  DocumentDraftDto,
  DocumentListQueryDto,
  InterpretationDto,
  ModerationDto,
  RepealDto,
} from './disclosure.dto';
import { areaFeed } from './area-feed';
import type {
  AreaEntryView,
  AreaIndexView,
  AreaPageView,
  AttachmentView,
  CommentsView,
  DocumentPageView,
  CommentPeriodView,
  DocumentSummaryView,
  DocumentView,
  InterpretationView,
  ModeratedView,
  ModerationItemView,
  SubmittedView,
} from './disclosure.views';

const NOT_FOUND = '未找到该文件';

/**
 * 政务公开 (founding document (一)): policy documents, their search, the key-area columns, public
 * comment on drafts, interpretations and feedback.
 *
 * Who writes: the disclosure office (disclosure_officer) for every body of its region, and a
 * department's dept_admin for its own documents. Everyone reads what is public without a token.
 */
@Injectable()
export class DisclosureService {
  constructor(
    private readonly documents: DisclosureRepository,
    private readonly orgs: OrgsRepository,
    private readonly files: DiskFileStore,
    private readonly materials: MaterialsRepository,
    private readonly env: ApiEnv,
  ) {}

  // --- documents ------------------------------------------------------------------------------

  async create(user: AuthUser, dto: DocumentDraftDto): Promise<DocumentView> {
    const values = await this.valuesOf(user, dto);
    const saved = await this.uniqueNumber(() => this.documents.create(values, user.id));
    return this.view(saved);
  }

  /** Only drafts change: a published text is final (libs/domain policy-rules). */
  async update(user: AuthUser, id: string, dto: DocumentDraftDto): Promise<DocumentView> {
    const document = await this.writable(user, id);
    this.assertCan(document, 'edit');
    const values = await this.valuesOf(user, dto);
    const updated = await this.uniqueNumber(() => this.documents.updateDraft(id, values));
    if (!updated) throw notDraft();
    return this.view((await this.documents.find(id))!);
  }

  async publish(user: AuthUser, id: string): Promise<DocumentView> {
    const document = await this.writable(user, id);
    this.assertCan(document, 'publish');
    if (!document.docNumber) throw new DomainError(ErrorCode.DISCLOSURE_DOC_NUMBER_REQUIRED, '发布前须填写文号');
    const blocker = publishBlocker(periodOf(document), document.commentSummary !== null, Date.now());
    if (blocker === 'comment_open') throw new DomainError(ErrorCode.DISCLOSURE_COMMENT_STILL_OPEN, '征求意见期尚未结束，不能发布');
    if (blocker === 'summary_missing') throw new DomainError(ErrorCode.DISCLOSURE_COMMENT_SUMMARY_MISSING, '请先公布意见采纳情况，再发布文件');
    if (!(await this.documents.publish(id))) throw notDraft();
    return this.view((await this.documents.find(id))!);
  }

  async repeal(user: AuthUser, id: string, dto: RepealDto): Promise<DocumentView> {
    const document = await this.writable(user, id);
    if (!canDo(document.status, 'repeal') || !(await this.documents.repeal(id, dto.reason))) {
      throw new DomainError(ErrorCode.DISCLOSURE_DOCUMENT_NOT_PUBLISHED, '只能废止已发布的文件');
    }
    return this.view((await this.documents.find(id))!);
  }

  /** Public: a published, repealed or out-for-comment document, with its attachments and interpretations. */
  async get(id: string): Promise<DocumentView> {
    const document = await this.publicDocument(id);
    return this.view(document);
  }

  async list(query: DocumentListQueryDto): Promise<DocumentPageView> {
    return this.searchPage(query);
  }

  /** A document the user may write, whatever its state, with unpublished interpretations. */
  async getForWriter(user: AuthUser, id: string): Promise<DocumentView> {
    return this.view(await this.writable(user, id), true);
  }

  /** The drafts the user may work on (their department's, or their region's for the disclosure office). */
  async drafts(user: AuthUser, query: DocumentListQueryDto): Promise<DocumentPageView> {
    return this.searchPage(query, { orgPath: writeScopeOf(user) });
  }

  private async searchPage(query: DocumentListQueryDto, scope?: { orgPath: string }): Promise<DocumentPageView> {
    const words = query.q === undefined ? null : queryWordsOf(jiebaSegmenter, query.q);
    if (words !== null && words.length === 0) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'q', rule: 'searchable' }]);
    }
    const { total, hits } = await this.documents.search(
      { keyArea: query.area, category: query.category, issuerCode: query.issuer, year: query.year, status: query.status },
      words,
      { offset: (query.page - 1) * query.pageSize, limit: query.pageSize },
      scope,
    );
    return {
      total,
      page: query.page,
      pageSize: query.pageSize,
      items: hits.map((h) => ({ ...summaryOf(h.document), rank: h.rank, snippet: h.snippet })),
    };
  }

  // --- attachments ----------------------------------------------------------------------------

  async attach(user: AuthUser, id: string, file: { buffer: Buffer; originalname: string }): Promise<AttachmentView> {
    const document = await this.writable(user, id);
    this.assertCan(document, 'attach');
    const contentType = sniffContentType(file.buffer);
    if (!contentType) throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, '附件须为 PDF、图片、Word 或 Excel 文件');
    const stored = await this.files.put(file.buffer, contentType);
    await this.materials.recordFile({ sha256: stored.sha256, size: stored.size, contentType });
    const fileName = decodeFileName(file.originalname).slice(0, 200) || '附件';
    const saved = await this.documents.addAttachment({ documentId: id, sha256: stored.sha256, fileName, contentType, size: stored.size });
    return attachmentView(saved);
  }

  async attachment(id: string, attachmentId: string) {
    await this.publicDocument(id);
    const attachment = await this.documents.findAttachment(id, attachmentId);
    const data = attachment ? await this.files.get(attachment.sha256) : null;
    if (!attachment || !data) throw new DomainError(ErrorCode.DISCLOSURE_ATTACHMENT_NOT_FOUND, '未找到该附件');
    return { data, contentType: attachment.contentType, fileName: attachment.fileName };
  }

  // --- public comment (征求意见) and feedback -----------------------------------------------------

  async setCommentPeriod(user: AuthUser, id: string, dto: CommentPeriodDto): Promise<DocumentView> {
    const document = await this.writable(user, id);
    this.assertCan(document, 'open_comment');
    const period = { opensAt: Date.parse(dto.opensAt), closesAt: Date.parse(dto.closesAt) };
    const problems = commentPeriodProblems(period, Date.now());
    if (problems.length > 0) {
      throw new DomainError(
        ErrorCode.DISCLOSURE_COMMENT_PERIOD_INVALID,
        '征求意见期不合理',
        problems.map((rule) => ({ field: rule === 'in_past' ? 'closesAt' : 'opensAt', rule })),
      );
    }
    if (!(await this.documents.setCommentPeriod(id, new Date(period.opensAt), new Date(period.closesAt)))) {
      throw new DomainError(ErrorCode.DISCLOSURE_COMMENT_PERIOD_LOCKED, '已收到意见或已公布采纳情况，征求意见期不能再改');
    }
    return this.view((await this.documents.find(id))!);
  }

  /** Anyone, within the period; shown once moderated. */
  async comment(id: string, dto: CommentDto): Promise<SubmittedView> {
    const document = await this.publicDocument(id);
    const state = document.status === 'draft' ? commentWindowState(periodOf(document), Date.now()) : 'closed';
    if (state === 'not_open' || state === 'none') throw new DomainError(ErrorCode.DISCLOSURE_COMMENT_NOT_OPEN, '征求意见尚未开始');
    if (state === 'closed') throw new DomainError(ErrorCode.DISCLOSURE_COMMENT_CLOSED, '征求意见已结束');
    const saved = await this.documents.addComment({ documentId: id, kind: 'comment', ...authorOf(dto) });
    return { id: saved.id, status: saved.status, submittedAt: saved.submittedAt.toISOString() };
  }

  /** Anyone, on a published document; shown once moderated. */
  async feedback(id: string, dto: CommentDto): Promise<SubmittedView> {
    const document = await this.publicDocument(id);
    if (!canDo(document.status, 'feedback')) throw new DomainError(ErrorCode.DISCLOSURE_DOCUMENT_NOT_PUBLISHED, '只能对已发布的文件提出反馈');
    const saved = await this.documents.addComment({ documentId: id, kind: 'feedback', ...authorOf(dto) });
    return { id: saved.id, status: saved.status, submittedAt: saved.submittedAt.toISOString() };
  }

  /** Public: the approved comments and feedback, with adoption once the summary is out. */
  async comments(id: string): Promise<CommentsView> {
    const document = await this.publicDocument(id);
    const [comments, feedback] = await Promise.all([this.documents.approvedComments(id, 'comment'), this.documents.approvedComments(id, 'feedback')]);
    return {
      commentPeriod: periodView(document),
      summary: document.commentSummary === null ? null : { text: document.commentSummary, publishedAt: document.commentSummaryAt!.toISOString() },
      comments: comments.map(publicComment),
      feedback: feedback.map(publicComment),
    };
  }

  /** disclosure_officer: comments and feedback waiting for moderation in the region. */
  async pending(user: AuthUser): Promise<ModerationItemView[]> {
    return (await this.documents.pendingComments(user.regionPath)).map((c) => ({
      ...publicComment(c),
      kind: c.kind,
      contact: c.contact,
      document: { id: c.documentId, title: c.document!.title },
    }));
  }

  async moderate(user: AuthUser, commentId: string, dto: ModerationDto): Promise<ModeratedView> {
    const comment = await this.documents.findComment(commentId);
    if (!comment) throw new DomainError(ErrorCode.DISCLOSURE_COMMENT_NOT_FOUND, '未找到该意见');
    if (!isWithinOrg(user.regionPath, comment.document!.org!.path)) throw outOfScope();
    if (!(await this.documents.moderate(commentId, dto.decision, user.id, dto.note ?? null))) {
      throw new DomainError(ErrorCode.DISCLOSURE_COMMENT_ALREADY_MODERATED, '该意见已审核');
    }
    return { id: commentId, status: dto.decision };
  }

  /**
   * After the period closes: the summary and, for every comment shown, adopted or not with the reason
   * (founding document (一) 1: 公开征求意见). Nothing may be left unmoderated, and every shown comment
   * is answered.
   */
  async publishSummary(user: AuthUser, id: string, dto: CommentSummaryDto): Promise<CommentsView> {
    const document = await this.writable(user, id);
    const state = commentWindowState(periodOf(document), Date.now());
    if (state === 'none') throw new DomainError(ErrorCode.DISCLOSURE_COMMENT_NOT_OPEN, '该文件没有征求意见');
    if (state !== 'closed') throw new DomainError(ErrorCode.DISCLOSURE_COMMENT_STILL_OPEN, '征求意见期结束后才能公布采纳情况');
    if (document.commentSummary !== null) throw summaryExists();
    const pending = await this.documents.pendingCommentIds(id, 'comment');
    const shown = new Set((await this.documents.approvedComments(id, 'comment')).map((c) => c.id));
    const given = dto.decisions.map((d) => d.commentId);
    const details = [
      ...pending.map((c) => ({ field: 'decisions', rule: 'pending', commentId: c })),
      ...given.filter((c, i) => !shown.has(c) || given.indexOf(c) !== i).map((c) => ({ field: 'decisions', rule: 'unknown', commentId: c })),
      ...[...shown].filter((c) => !given.includes(c)).map((c) => ({ field: 'decisions', rule: 'missing', commentId: c })),
    ];
    if (details.length > 0)
      throw new DomainError(ErrorCode.DISCLOSURE_COMMENT_SUMMARY_INVALID, '采纳情况须逐条答复全部已公开的意见，且不能有待审核的意见', details);
    if (!(await this.documents.publishSummary(id, dto.summary, dto.decisions))) throw summaryExists();
    return this.comments(id);
  }

  // --- interpretations (政策解读) ------------------------------------------------------------------

  async interpret(user: AuthUser, id: string, dto: InterpretationDto): Promise<InterpretationView> {
    const document = await this.writable(user, id);
    if (document.status === 'repealed') throw new DomainError(ErrorCode.DISCLOSURE_DOCUMENT_NOT_PUBLISHED, '已废止的文件不再解读');
    const withDocument = dto.withDocument ?? true;
    const saved = await this.documents.addInterpretation({
      documentId: id,
      title: dto.title,
      body: dto.body,
      withDocument,
      createdBy: user.id,
      publishNow: canPublishInterpretation(document.status),
    });
    return interpretationView(saved);
  }

  async publishInterpretation(user: AuthUser, interpretationId: string): Promise<InterpretationView> {
    const interpretation = await this.documents.findInterpretation(interpretationId);
    if (!interpretation) throw new DomainError(ErrorCode.DISCLOSURE_INTERPRETATION_NOT_FOUND, '未找到该解读');
    assertCanWrite(user, interpretation.document!.org!.path);
    if (!canPublishInterpretation(interpretation.document!.status)) {
      throw new DomainError(ErrorCode.DISCLOSURE_INTERPRETATION_BEFORE_DOCUMENT, '政策解读不能先于文件发布');
    }
    if (!(await this.documents.publishInterpretation(interpretationId))) {
      throw new DomainError(ErrorCode.DISCLOSURE_INTERPRETATION_ALREADY_PUBLISHED, '该解读已发布');
    }
    return interpretationView((await this.documents.findInterpretation(interpretationId))!);
  }

  // --- key-area columns (专题公开栏目) -----------------------------------------------------------

  async areas(): Promise<AreaIndexView[]> {
    const counts = await this.documents.areaCounts();
    return KEY_AREAS.map((a) => ({
      slug: a.slug,
      name: a.name,
      documents: counts.get(a.slug) ?? 0,
      url: `/api/disclosure/areas/${a.slug}`,
      feed: `/api/disclosure/areas/${a.slug}/feed.atom`,
    }));
  }

  async area(slug: string, page: PageQueryDto): Promise<AreaPageView> {
    const area = areaOf(slug);
    const { total, entries } = await this.documents.areaEntries(area.slug, departmentsOfKeyArea(area.slug), {
      offset: (page.page - 1) * page.pageSize,
      limit: page.pageSize,
    });
    return { area: { slug: area.slug, name: area.name }, total, page: page.page, pageSize: page.pageSize, items: entries.map(entryView) };
  }

  /** Links are absolute from PUBLIC_BASE_URL: a request's Host header is the caller's to forge. */
  async feed(slug: string): Promise<string> {
    const area = areaOf(slug);
    const { entries } = await this.documents.areaEntries(area.slug, departmentsOfKeyArea(area.slug), { offset: 0, limit: 50 });
    return areaFeed(area, entries.map(entryView), this.env.PUBLIC_BASE_URL);
  }

  // --- helpers --------------------------------------------------------------------------------

  private async valuesOf(user: AuthUser, dto: DocumentDraftDto): Promise<PolicyDocumentValues> {
    const org = await this.orgs.findByCode(dto.issuerCode);
    if (!org) throw new DomainError(ErrorCode.ORG_NOT_FOUND, `未找到发文机关 ${dto.issuerCode}`, [{ field: 'issuerCode', rule: 'exists' }]);
    assertCanWrite(user, org.path);
    let docNumber: string | null = null;
    let docYear: number | null = null;
    if (dto.docNumber !== undefined && dto.docNumber.trim() !== '') {
      const parsed = parseDocNumber(dto.docNumber);
      if (!parsed.ok) {
        throw new DomainError(
          ErrorCode.DISCLOSURE_DOC_NUMBER_INVALID,
          '文号格式有误',
          parsed.problems.map((p) => ({ field: 'docNumber', rule: p.rule, message: p.message })),
        );
      }
      docNumber = parsed.value.text;
      docYear = parsed.value.year;
    }
    return {
      docNumber,
      docYear,
      title: dto.title,
      orgId: org.id,
      category: dto.category,
      keyArea: dto.keyArea ?? null,
      writtenDate: dto.writtenDate ?? null,
      effectiveDate: dto.effectiveDate ?? null,
      body: dto.body,
    };
  }

  private async uniqueNumber<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if ((error as { constraint?: string }).constraint === 'UQ_policy_document_number') {
        throw new DomainError(ErrorCode.DISCLOSURE_DOC_NUMBER_TAKEN, '该文号已被其他文件使用', [{ field: 'docNumber', rule: 'unique' }]);
      }
      throw error;
    }
  }

  private async writable(user: AuthUser, id: string): Promise<PolicyDocumentEntity> {
    const document = await this.documents.find(id);
    if (!document) throw new DomainError(ErrorCode.DISCLOSURE_DOCUMENT_NOT_FOUND, NOT_FOUND);
    assertCanWrite(user, document.org!.path);
    return document;
  }

  /**
   * A document the public may see; anything else is the same 404, so drafts are not revealed — a draft
   * only from the moment its comment period opens (the repository's list says the same in SQL).
   */
  private async publicDocument(id: string): Promise<PolicyDocumentEntity> {
    const document = await this.documents.find(id);
    if (!document || (document.status === 'draft' && (document.commentOpensAt === null || document.commentOpensAt.getTime() > Date.now()))) {
      throw new DomainError(ErrorCode.DISCLOSURE_DOCUMENT_NOT_FOUND, NOT_FOUND);
    }
    return document;
  }

  private assertCan(document: PolicyDocumentEntity, action: 'edit' | 'attach' | 'open_comment' | 'publish'): void {
    if (!canDo(document.status, action)) throw notDraft();
  }

  /** The document as the public reads it; `forWriter` adds the interpretations not yet published. */
  private async view(d: PolicyDocumentEntity, forWriter = false): Promise<DocumentView> {
    const [attachments, interpretations] = await Promise.all([this.documents.attachments(d.id), this.documents.interpretations(d.id, !forWriter)]);
    return {
      ...summaryOf(d),
      body: d.body,
      attachments: attachments.map((a) => ({ ...attachmentView(a), url: `/api/disclosure/documents/${d.id}/attachments/${a.id}` })),
      interpretations: interpretations.map(interpretationView),
      commentSummary: d.commentSummary === null ? null : { text: d.commentSummary, publishedAt: d.commentSummaryAt!.toISOString() },
    };
  }
}

function summaryOf(d: PolicyDocumentEntity): DocumentSummaryView {
  return {
    id: d.id,
    docNumber: d.docNumber,
    title: d.title,
    issuer: { code: d.org!.code, name: d.org!.name },
    category: d.category,
    keyArea: d.keyArea === null ? null : { slug: d.keyArea, name: keyAreaOf(d.keyArea)!.name },
    status: d.status,
    consultationDraft: d.status === 'draft',
    writtenDate: d.writtenDate,
    effectiveDate: d.effectiveDate,
    publishedAt: d.publishedAt?.toISOString() ?? null,
    repealed: d.status === 'repealed' ? { at: d.repealedAt!.toISOString(), reason: d.repealReason } : null,
    commentPeriod: periodView(d),
    url: `/api/disclosure/documents/${d.id}`,
  };
}

/** The disclosure office writes for its whole region; a department's dept_admin for its own org. */
function writeScopeOf(user: AuthUser): string {
  return user.role === Role.DISCLOSURE_OFFICER || user.role === Role.ADMIN ? user.regionPath : user.orgPath;
}

function assertCanWrite(user: AuthUser, orgPath: string): void {
  if (!isWithinOrg(writeScopeOf(user), orgPath)) throw outOfScope();
}

function outOfScope(): DomainError {
  return new DomainError(ErrorCode.FORBIDDEN_ORG_SCOPE, '该文件不属于您所在单位的公开范围');
}

function notDraft(): DomainError {
  return new DomainError(ErrorCode.DISCLOSURE_DOCUMENT_NOT_DRAFT, '文件已发布，正文不能再改；如需修改请另行发文并废止原文件');
}

function summaryExists(): DomainError {
  return new DomainError(ErrorCode.DISCLOSURE_COMMENT_SUMMARY_EXISTS, '意见采纳情况已公布');
}

function areaOf(slug: string) {
  const area = keyAreaOf(slug);
  if (!area) throw new DomainError(ErrorCode.DISCLOSURE_KEY_AREA_NOT_FOUND, '没有这个重点领域', [{ field: 'area', rule: 'isIn' }]);
  return area;
}

function periodOf(d: PolicyDocumentEntity): CommentPeriod | null {
  return d.commentOpensAt && d.commentClosesAt ? { opensAt: d.commentOpensAt.getTime(), closesAt: d.commentClosesAt.getTime() } : null;
}

function periodView(d: PolicyDocumentEntity): CommentPeriodView | null {
  const period = periodOf(d);
  if (!period) return null;
  return {
    opensAt: d.commentOpensAt!.toISOString(),
    closesAt: d.commentClosesAt!.toISOString(),
    state: d.status === 'draft' ? commentWindowState(period, Date.now()) : 'closed',
  };
}

function authorOf(dto: CommentDto) {
  return { authorName: dto.authorName?.trim() || '匿名', contact: dto.contact?.trim() || null, content: dto.content };
}

function publicComment(c: PolicyCommentEntity) {
  return {
    id: c.id,
    authorName: c.authorName,
    content: c.content,
    submittedAt: c.submittedAt.toISOString(),
    adoption: c.adoption === null ? null : { adopted: c.adoption === 'adopted', reason: c.adoptionReason },
  };
}

function attachmentView(a: { id: string; fileName: string; contentType: string; size: number; sha256: string }): AttachmentView {
  return { id: a.id, fileName: a.fileName, contentType: a.contentType, size: a.size, sha256: a.sha256 };
}

function interpretationView(i: PolicyInterpretationEntity): InterpretationView {
  return {
    id: i.id,
    documentId: i.documentId,
    title: i.title,
    body: i.body,
    status: i.status,
    withDocument: i.withDocument,
    publishedAt: i.publishedAt?.toISOString() ?? null,
  };
}

/** A person's name is masked in a public result (张** ); a company's is public. */
function entryView(e: AreaEntry): AreaEntryView {
  const applicant = e.kind === 'document' || e.applicantName === null ? null : e.applicantKind === 'company' ? e.applicantName : maskName(e.applicantName);
  return {
    kind: e.kind,
    id: e.id,
    title: e.title,
    reference: e.reference,
    org: e.orgName,
    at: e.at.toISOString(),
    status: e.status,
    applicant,
    url: e.kind === 'document' ? `/api/disclosure/documents/${e.id}` : `/api/hall/results?caseNumber=${encodeURIComponent(e.reference ?? '')}`,
  };
}

function maskName(name: string): string {
  const chars = Array.from(name);
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** multer gives the name as latin1 bytes of what the browser sent (UTF-8). */
function decodeFileName(name: string): string {
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
}
