import { chinaDateOf, type DisclosureRequestView, type ReportableRequest } from '#domain';
import type { DataSource } from 'typeorm';
import { DisclosureRequestDocumentEntity, DisclosureRequestEntity } from '../entities/disclosure/request-records.entity';

/** Applications for government information (依申请公开): registration, projection, lists and the annual report. */
export class DisclosureRequestsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The next number of a prefix and year: one upsert, so concurrent registrations never share one. */
  async allocateNumber(prefix: string, year: number): Promise<string> {
    const rows: { last_sequence: number }[] = await this.dataSource.query(
      `INSERT INTO "disclosure_request_sequences" ("prefix", "year", "last_sequence") VALUES ($1, $2, 1)
       ON CONFLICT ("prefix", "year") DO UPDATE SET "last_sequence" = "disclosure_request_sequences"."last_sequence" + 1
       RETURNING "last_sequence"`,
      [prefix, year],
    );
    return `${prefix}〔${year}〕第${String(rows[0]!.last_sequence).padStart(4, '0')}号`;
  }

  /** Inserts the registration unless the filer sent this client request id before; returns the row that stands. */
  async insertRegistered(
    values: Omit<DisclosureRequestEntity, 'createdAt' | 'revision' | 'filer' | 'agency' | 'applicantUser'>,
  ): Promise<{ row: DisclosureRequestEntity; created: boolean }> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(DisclosureRequestEntity)
      .values({ ...values, revision: 0 })
      .orIgnore()
      .returning(['id'])
      .execute();
    const created = result.raw.length > 0;
    const row = created ? await this.findById(values.id) : await this.findByClientRequest(values.filedBy, values.clientRequestId);
    return { row: row!, created };
  }

  async deleteRegistered(id: string): Promise<void> {
    await this.dataSource.getRepository(DisclosureRequestEntity).delete({ id, revision: 0 });
  }

  findById(id: string): Promise<DisclosureRequestEntity | null> {
    return this.dataSource.getRepository(DisclosureRequestEntity).findOne({ where: { id }, relations: { agency: true } });
  }

  /** Every application, for the reconciliation with Temporal. */
  all(): Promise<DisclosureRequestEntity[]> {
    return this.dataSource.getRepository(DisclosureRequestEntity).find({ order: { submittedAt: 'ASC', id: 'ASC' } });
  }

  findByNumber(number: string): Promise<DisclosureRequestEntity | null> {
    return this.dataSource.getRepository(DisclosureRequestEntity).findOne({ where: { number }, relations: { agency: true } });
  }

  findByClientRequest(filedBy: string, clientRequestId: string): Promise<DisclosureRequestEntity | null> {
    return this.dataSource.getRepository(DisclosureRequestEntity).findOne({ where: { filedBy, clientRequestId }, relations: { agency: true } });
  }

  /** Writes the workflow's view; only a newer revision changes the row (idempotent, ordered). False when no row or not newer. */
  async project(view: DisclosureRequestView): Promise<boolean> {
    const updated = await this.dataSource
      .createQueryBuilder()
      .update(DisclosureRequestEntity)
      .set({
        status: view.status,
        replyType: view.reply?.type ?? null,
        replyReason: view.reply?.refusalReason ?? view.reply?.notHeldReason ?? null,
        alarmLevel: view.alarmLevel,
        firstReceivedOn: view.firstReceivedOn,
        dueOn: view.dueOn,
        extended: view.extension !== null,
        finishedAt: view.finishedAt === null ? null : new Date(view.finishedAt),
        finishedOn: view.finishedAt === null ? null : chinaDateOf(view.finishedAt),
        revision: view.revision,
      })
      .where('id = :id AND revision < :revision', { id: view.requestId, revision: view.revision })
      .execute();
    return (updated.affected ?? 0) > 0;
  }

  /** Applications to agencies under the given org paths (an officer's region), or all; newest first. */
  async list(filters: { agencyPathPrefix: string | null; status?: string; page: number; pageSize: number }) {
    const qb = this.dataSource
      .getRepository(DisclosureRequestEntity)
      .createQueryBuilder('request')
      .innerJoinAndSelect('request.agency', 'agency')
      .orderBy('request.submitted_at', 'DESC')
      .addOrderBy('request.id', 'ASC');
    if (filters.agencyPathPrefix !== null) qb.andWhere('agency.path LIKE :prefix', { prefix: `${filters.agencyPathPrefix.replace(/[\\%_]/g, '\\$&')}%` });
    if (filters.status) qb.andWhere('request.status = :status', { status: filters.status });
    const [rows, total] = await qb
      .offset((filters.page - 1) * filters.pageSize)
      .limit(filters.pageSize)
      .getManyAndCount();
    return { total, rows };
  }

  listForApplicant(userId: string): Promise<DisclosureRequestEntity[]> {
    return this.dataSource
      .getRepository(DisclosureRequestEntity)
      .find({ where: { applicantUserId: userId }, relations: { agency: true }, order: { submittedAt: 'DESC' } });
  }

  /**
   * What the annual report of `year` needs: applications received up to its end and not finished
   * before its start, for agencies under the path prefix (or all).
   */
  async reportable(year: number, agencyPathPrefix: string | null): Promise<ReportableRequest[]> {
    const qb = this.dataSource
      .getRepository(DisclosureRequestEntity)
      .createQueryBuilder('request')
      .innerJoin('request.agency', 'agency')
      .where('request.first_received_on IS NOT NULL AND request.first_received_on <= :last', { last: `${year}-12-31` })
      .andWhere('(request.finished_on IS NULL OR request.finished_on >= :first)', { first: `${year}-01-01` });
    if (agencyPathPrefix !== null) qb.andWhere('agency.path LIKE :prefix', { prefix: `${agencyPathPrefix.replace(/[\\%_]/g, '\\$&')}%` });
    const rows = await qb.getMany();
    return rows.map((r) => ({
      applicantKind: r.applicantKind,
      organizationType: r.organizationType as ReportableRequest['organizationType'],
      firstReceivedOn: r.firstReceivedOn,
      finishedOn: r.finishedOn,
      status: r.status as ReportableRequest['status'],
      replyType: r.replyType as ReportableRequest['replyType'],
      replyReason: r.replyReason,
    }));
  }

  findDocument(requestId: string, documentKey: string): Promise<DisclosureRequestDocumentEntity | null> {
    return this.dataSource.getRepository(DisclosureRequestDocumentEntity).findOneBy({ requestId, documentKey });
  }

  findDocumentById(id: string): Promise<DisclosureRequestDocumentEntity | null> {
    return this.dataSource.getRepository(DisclosureRequestDocumentEntity).findOne({ where: { id }, relations: { org: true } });
  }

  documentsOf(requestId: string): Promise<DisclosureRequestDocumentEntity[]> {
    return this.dataSource
      .getRepository(DisclosureRequestDocumentEntity)
      .find({ where: { requestId }, relations: { org: true }, order: { issuedAt: 'ASC', documentKey: 'ASC' } });
  }

  /** Idempotent by application and document key. */
  async insertDocument(values: Omit<DisclosureRequestDocumentEntity, 'id' | 'storedAt' | 'request' | 'org' | 'file'>): Promise<void> {
    await this.dataSource.createQueryBuilder().insert().into(DisclosureRequestDocumentEntity).values(values).orIgnore().execute();
  }
}
