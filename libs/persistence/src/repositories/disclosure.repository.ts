import {
  type DocumentCategory,
  type DocumentStatus,
  HEADLINE_OPTIONS,
  headlineQueryOf,
  headlineSourceOf,
  indexTextOf,
  type KeyArea,
  matchQueryOf,
  type QueryWord,
  snippetHtmlOf,
} from '#domain';
import type { DataSource, EntityManager } from 'typeorm';
import {
  type ModerationStatus,
  PolicyAttachmentEntity,
  PolicyCommentEntity,
  type PolicyCommentKind,
  PolicyDocumentEntity,
  PolicyInterpretationEntity,
} from '../entities/disclosure/policy-records.entity';
import { jiebaSegmenter } from '../search/jieba-segmenter';

export interface PolicyDocumentValues {
  docNumber: string | null;
  docYear: number | null;
  title: string;
  orgId: string;
  category: DocumentCategory;
  keyArea: KeyArea | null;
  writtenDate: string | null;
  effectiveDate: string | null;
  body: string;
}

export interface DocumentFilters {
  keyArea?: KeyArea;
  category?: DocumentCategory;
  /** The issuing body's org code. */
  issuerCode?: string;
  year?: number;
  status?: DocumentStatus;
}

export interface DocumentHit {
  document: PolicyDocumentEntity;
  rank: number | null;
  /** HTML: the original text, escaped, with the matched words in <mark>. */
  snippet: string | null;
}

export interface AreaEntry {
  kind: 'document' | 'result';
  id: string;
  title: string;
  /** 文号 of a document, case number of a result. */
  reference: string | null;
  orgName: string;
  at: Date;
  /** Document status, or the item type code of a result. */
  status: string;
  applicantName: string | null;
  applicantKind: 'person' | 'company' | null;
}

// A draft is public once its comment period has opened (征求意见稿); before that, and without one, it is
// the office's: a scheduled consultation must not leak the text ahead of its announced date.
const PUBLIC = `(d.status IN ('published', 'repealed') OR d.comment_opens_at <= now())`;
const PUBLIC_RESULT_TYPES = ['XK', 'SP'];

/** Policy documents, their attachments, comments and interpretations; search and the key-area columns. */
export class DisclosureRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(values: PolicyDocumentValues, createdBy: string): Promise<PolicyDocumentEntity> {
    const inserted = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(PolicyDocumentEntity)
      .values({ ...values, status: 'draft', createdBy, searchVector: () => SEARCH_VECTOR })
      .setParameters(searchParameters(values))
      .returning(['id'])
      .execute();
    return (await this.find(inserted.identifiers[0].id as string))!;
  }

  /** Rewrites a draft; false when the document is no longer a draft (checked in the same statement). */
  async updateDraft(id: string, values: PolicyDocumentValues): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(PolicyDocumentEntity)
      .set({ ...values, searchVector: () => SEARCH_VECTOR })
      .setParameters(searchParameters(values))
      .where(`id = :id AND status = 'draft'`, { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  find(id: string): Promise<PolicyDocumentEntity | null> {
    return this.dataSource.getRepository(PolicyDocumentEntity).findOne({ where: { id }, relations: { org: true } });
  }

  findByNumber(docNumber: string): Promise<PolicyDocumentEntity | null> {
    return this.dataSource.getRepository(PolicyDocumentEntity).findOne({ where: { docNumber }, relations: { org: true } });
  }

  /**
   * Publishes a draft and the interpretations meant to go out with it, at one instant; false when it
   * was not a draft any more.
   */
  async publish(id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(PolicyDocumentEntity)
        .set({ status: 'published', publishedAt: () => 'now()' })
        .where(`id = :id AND status = 'draft'`, { id })
        .execute();
      if ((result.affected ?? 0) === 0) return false;
      await manager
        .createQueryBuilder()
        .update(PolicyInterpretationEntity)
        .set({ status: 'published', publishedAt: () => 'now()' })
        .where(`document_id = :id AND status = 'draft' AND with_document`, { id })
        .execute();
      return true;
    });
  }

  async repeal(id: string, reason: string): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(PolicyDocumentEntity)
      .set({ status: 'repealed', repealedAt: () => 'now()', repealReason: reason })
      .where(`id = :id AND status = 'published'`, { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Sets a draft's comment period unless comments were already taken under the one it has. */
  async setCommentPeriod(id: string, opensAt: Date, closesAt: Date): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(PolicyDocumentEntity)
      .set({ commentOpensAt: opensAt, commentClosesAt: closesAt })
      .where(`id = :id AND status = 'draft' AND comment_summary IS NULL`, { id })
      .andWhere(`NOT EXISTS (SELECT 1 FROM policy_comments c WHERE c.document_id = :id AND c.kind = 'comment')`, { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Full-text search and listing. With `words`, only matching documents, best first, each with a
   * snippet of its body; without, the newest first. `scope` lists an organisation's drafts instead of
   * what the public sees.
   */
  async search(
    filters: DocumentFilters,
    words: QueryWord[] | null,
    page: { offset: number; limit: number },
    scope?: { orgPath: string },
  ): Promise<{ total: number; hits: DocumentHit[] }> {
    const repo = this.dataSource.getRepository(PolicyDocumentEntity);
    const qb = repo.createQueryBuilder('d').innerJoinAndSelect('d.org', 'o');
    if (scope) qb.where(`d.status = 'draft' AND o.path LIKE :scope`, { scope: `${escapeLike(scope.orgPath)}%` });
    else qb.where(PUBLIC);
    if (filters.keyArea) qb.andWhere('d.key_area = :keyArea', { keyArea: filters.keyArea });
    if (filters.category) qb.andWhere('d.category = :category', { category: filters.category });
    if (filters.issuerCode) qb.andWhere('o.code = :issuerCode', { issuerCode: filters.issuerCode });
    if (filters.status) qb.andWhere('d.status = :status', { status: filters.status });
    if (filters.year !== undefined) {
      qb.andWhere(`COALESCE(d.doc_year, EXTRACT(YEAR FROM china_date(d.published_at))::int) = :year`, { year: filters.year });
    }
    const match = words && words.length > 0 ? matchQueryOf(words) : null;
    if (match) {
      qb.andWhere(`d.search_vector @@ to_tsquery('simple', :match)`, { match })
        .addSelect(`ts_rank(d.search_vector, to_tsquery('simple', :match))`, 'rank')
        .orderBy('rank', 'DESC');
    }
    qb.addOrderBy('d.published_at', 'DESC', 'NULLS LAST').addOrderBy('d.created_at', 'DESC').addOrderBy('d.id', 'ASC');
    const total = await qb.clone().orderBy().getCount();
    const { entities, raw } = await qb.offset(page.offset).limit(page.limit).getRawAndEntities<{ d_id: string; rank?: number }>();
    const ranks = new Map(raw.map((r) => [r.d_id, r.rank === undefined ? null : Number(r.rank)]));
    const snippets =
      words && words.length > 0
        ? await this.snippets(
            entities.map((d) => d.body),
            words,
          )
        : null;
    return { total, hits: entities.map((document, i) => ({ document, rank: ranks.get(document.id) ?? null, snippet: snippets?.[i] ?? null })) };
  }

  /** ts_headline over each body's spaced copy (libs/domain search-text), in one round trip. */
  private async snippets(bodies: string[], words: QueryWord[]): Promise<string[]> {
    if (bodies.length === 0) return [];
    const rows: { i: string; headline: string }[] = await this.dataSource.query(
      `SELECT t.i, ts_headline('simple', t.source, to_tsquery('simple', $2), $3) AS headline
         FROM unnest($1::text[]) WITH ORDINALITY AS t(source, i) ORDER BY t.i`,
      [bodies.map(headlineSourceOf), headlineQueryOf(words), HEADLINE_OPTIONS],
    );
    return rows.map((r) => snippetHtmlOf(r.headline));
  }

  // --- attachments ----------------------------------------------------------------------------

  async addAttachment(values: { documentId: string; sha256: string; fileName: string; contentType: string; size: number }): Promise<PolicyAttachmentEntity> {
    await this.dataSource.createQueryBuilder().insert().into(PolicyAttachmentEntity).values(values).orIgnore().execute();
    return (await this.dataSource.getRepository(PolicyAttachmentEntity).findOneBy({ documentId: values.documentId, sha256: values.sha256 }))!;
  }

  attachments(documentId: string): Promise<PolicyAttachmentEntity[]> {
    return this.dataSource.getRepository(PolicyAttachmentEntity).find({ where: { documentId }, order: { createdAt: 'ASC' } });
  }

  findAttachment(documentId: string, id: string): Promise<PolicyAttachmentEntity | null> {
    return this.dataSource.getRepository(PolicyAttachmentEntity).findOneBy({ documentId, id });
  }

  // --- comments and feedback ------------------------------------------------------------------

  addComment(values: {
    documentId: string;
    kind: PolicyCommentKind;
    authorName: string;
    contact: string | null;
    content: string;
  }): Promise<PolicyCommentEntity> {
    return this.dataSource.getRepository(PolicyCommentEntity).save({ ...values, status: 'pending' as const });
  }

  findComment(id: string): Promise<PolicyCommentEntity | null> {
    return this.dataSource.getRepository(PolicyCommentEntity).findOne({ where: { id }, relations: { document: { org: true } } });
  }

  /** Moderates once: false when it was moderated before. */
  async moderate(id: string, status: Exclude<ModerationStatus, 'pending'>, by: string, note: string | null): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(PolicyCommentEntity)
      .set({ status, moderatedBy: by, moderatedAt: () => 'now()', moderationNote: note })
      .where(`id = :id AND status = 'pending'`, { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** What the public sees: approved comments or feedback, oldest first. */
  approvedComments(documentId: string, kind: PolicyCommentKind): Promise<PolicyCommentEntity[]> {
    return this.dataSource
      .getRepository(PolicyCommentEntity)
      .find({ where: { documentId, kind, status: 'approved' }, order: { submittedAt: 'ASC' }, take: 500 });
  }

  async pendingCommentIds(documentId: string, kind: PolicyCommentKind): Promise<string[]> {
    const rows = await this.dataSource.getRepository(PolicyCommentEntity).find({ select: { id: true }, where: { documentId, kind, status: 'pending' } });
    return rows.map((r) => r.id);
  }

  /** Comments waiting for moderation on documents of organisations under `orgPath`. */
  pendingComments(orgPath: string): Promise<PolicyCommentEntity[]> {
    return this.dataSource
      .getRepository(PolicyCommentEntity)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.document', 'd')
      .innerJoin('d.org', 'o')
      .where(`c.status = 'pending' AND o.path LIKE :scope`, { scope: `${escapeLike(orgPath)}%` })
      .orderBy('c.submitted_at', 'ASC')
      .limit(200)
      .getMany();
  }

  /**
   * Publishes the summary of a closed comment period with each approved comment's adoption, in one
   * transaction; false when a summary was published before.
   */
  async publishSummary(documentId: string, summary: string, decisions: { commentId: string; adopted: boolean; reason: string }[]): Promise<boolean> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const result = await manager
        .createQueryBuilder()
        .update(PolicyDocumentEntity)
        .set({ commentSummary: summary, commentSummaryAt: () => 'now()' })
        .where(`id = :documentId AND comment_summary IS NULL`, { documentId })
        .execute();
      if ((result.affected ?? 0) === 0) return false;
      for (const d of decisions) {
        await manager
          .createQueryBuilder()
          .update(PolicyCommentEntity)
          .set({ adoption: d.adopted ? 'adopted' : 'not_adopted', adoptionReason: d.reason })
          .where(`id = :id AND document_id = :documentId`, { id: d.commentId, documentId })
          .execute();
      }
      return true;
    });
  }

  // --- interpretations ------------------------------------------------------------------------

  addInterpretation(values: {
    documentId: string;
    title: string;
    body: string;
    withDocument: boolean;
    createdBy: string;
    publishNow: boolean;
  }): Promise<PolicyInterpretationEntity> {
    const { publishNow, ...rest } = values;
    return this.dataSource
      .getRepository(PolicyInterpretationEntity)
      .save({ ...rest, status: publishNow ? ('published' as const) : ('draft' as const), publishedAt: publishNow ? new Date() : null });
  }

  findInterpretation(id: string): Promise<PolicyInterpretationEntity | null> {
    return this.dataSource.getRepository(PolicyInterpretationEntity).findOne({ where: { id }, relations: { document: { org: true } } });
  }

  async publishInterpretation(id: string): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(PolicyInterpretationEntity)
      .set({ status: 'published', publishedAt: () => 'now()' })
      .where(`id = :id AND status = 'draft'`, { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  interpretations(documentId: string, publishedOnly: boolean): Promise<PolicyInterpretationEntity[]> {
    return this.dataSource.getRepository(PolicyInterpretationEntity).find({
      where: publishedOnly ? { documentId, status: 'published' } : { documentId },
      order: { createdAt: 'ASC' },
    });
  }

  // --- key-area columns -----------------------------------------------------------------------

  /**
   * A key area's column (专题公开栏目): its published or repealed documents and the disclosable results
   * of its departments' items (准予许可 decisions of 行政许可 and 非行政许可审批 items, decided cases of
   * penalty items whose results are public), merged across departments, newest first.
   */
  async areaEntries(area: KeyArea, deptCodes: string[], page: { offset: number; limit: number }): Promise<{ total: number; entries: AreaEntry[] }> {
    const union = `
      SELECT 'document' AS kind, d.id::text AS id, d.title AS title, d.doc_number AS reference, o.name AS org_name,
             d.published_at AS at, d.status AS status, NULL::text AS applicant_name, NULL::text AS applicant_kind
        FROM policy_documents d JOIN orgs o ON o.id = d.org_id
       WHERE d.key_area = $1 AND d.status IN ('published', 'repealed')
      UNION ALL
      SELECT 'result', c.id::text, c.item_name, c.case_number, o.name, c.finished_at, i.type_code, c.applicant_name, a.kind
        FROM cases c
        JOIN items i ON i.id = c.item_id
        JOIN orgs o ON o.id = i.org_id
        LEFT JOIN applicants a ON a.id = c.applicant_id
        LEFT JOIN item_penalty_details p ON p.item_id = i.id
       WHERE c.status = 'finished' AND c.finished_at IS NOT NULL AND c.outcome = 'approved' AND o.dept_code = ANY($2)
         AND (i.type_code = ANY($3) OR (i.family = 'penalty' AND p.results_public))`;
    const params = [area, deptCodes, PUBLIC_RESULT_TYPES];
    const [{ count }] = (await this.dataSource.query(`SELECT count(*)::int AS count FROM (${union}) x`, params)) as { count: number }[];
    const rows: {
      kind: 'document' | 'result';
      id: string;
      title: string;
      reference: string | null;
      org_name: string;
      at: Date;
      status: string;
      applicant_name: string | null;
      applicant_kind: 'person' | 'company' | null;
    }[] = await this.dataSource.query(`SELECT * FROM (${union}) x ORDER BY x.at DESC, x.id ASC LIMIT $4 OFFSET $5`, [...params, page.limit, page.offset]);
    return {
      total: count,
      entries: rows.map((r) => ({
        kind: r.kind,
        id: r.id,
        title: r.title,
        reference: r.reference,
        orgName: r.org_name,
        at: new Date(r.at),
        status: r.status,
        applicantName: r.applicant_name,
        applicantKind: r.applicant_kind,
      })),
    };
  }

  /** Documents per key area (published or repealed), for the column index. */
  async areaCounts(): Promise<Map<string, number>> {
    const rows: { key_area: string; count: number }[] = await this.dataSource.query(
      `SELECT key_area, count(*)::int AS count FROM policy_documents WHERE key_area IS NOT NULL AND status IN ('published', 'repealed') GROUP BY key_area`,
    );
    return new Map(rows.map((r) => [r.key_area, r.count]));
  }
}

// Title and number weigh more than the body in ts_rank.
const SEARCH_VECTOR = `setweight(to_tsvector('simple', :headTerms), 'A') || setweight(to_tsvector('simple', :bodyTerms), 'B')`;

function searchParameters(values: PolicyDocumentValues): { headTerms: string; bodyTerms: string } {
  return {
    headTerms: indexTextOf(jiebaSegmenter, `${values.title} ${values.docNumber ?? ''}`),
    bodyTerms: indexTextOf(jiebaSegmenter, values.body),
  };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
