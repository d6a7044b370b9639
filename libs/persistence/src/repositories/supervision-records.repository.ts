import type { GradingRules } from '#domain';
import type { DataSource } from 'typeorm';
import {
  ExemptionDecisionEntity,
  GradePublicationEntity,
  GradingRuleVersionEntity,
  SupervisionExemptionEntity,
} from '../entities/supervision/supervision-records.entity';

/** Item types supervised by default (温政办〔2013〕106号 (三): 所有行政审批和便民服务事项). */
export const SUPERVISED_TYPE_CODES = ['XK', 'SP', 'FW'] as const;

export type ExemptionDecision = 'approved' | 'rejected' | 'revoked';

/** Grading rules, published grades, exemptions and the coverage report (电子监察). */
export class SupervisionRecordsRepository {
  constructor(private readonly dataSource: DataSource) {}

  currentRules(): Promise<GradingRuleVersionEntity | null> {
    return this.dataSource.getRepository(GradingRuleVersionEntity).findOne({ where: {}, order: { version: 'DESC' } });
  }

  async saveRules(rules: GradingRules, createdBy: string): Promise<GradingRuleVersionEntity> {
    const repository = this.dataSource.getRepository(GradingRuleVersionEntity);
    return repository.save(repository.create({ rules, createdBy }));
  }

  findPublication(quarter: string): Promise<GradePublicationEntity | null> {
    return this.dataSource.getRepository(GradePublicationEntity).findOneBy({ quarter });
  }

  listPublications(): Promise<Pick<GradePublicationEntity, 'quarter' | 'publishedAt'>[]> {
    return this.dataSource.getRepository(GradePublicationEntity).find({ select: { quarter: true, publishedAt: true }, order: { quarter: 'DESC' } });
  }

  /** Stores the snapshot unless the quarter was published before; returns whether it was stored. */
  async publish(values: { quarter: string; rules: GradingRules; rulesVersion: number | null; grades: object[]; publishedBy: string }): Promise<boolean> {
    const result = await this.dataSource.createQueryBuilder().insert().into(GradePublicationEntity).values(values).orIgnore().returning(['id']).execute();
    return result.raw.length > 0;
  }

  /** Files an exemption; false when the item already has one pending or approved (one open per item). */
  async fileExemption(values: { itemId: string; orgId: string; reason: string; filedBy: string }): Promise<SupervisionExemptionEntity | null> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(SupervisionExemptionEntity)
      .values({ ...values, status: 'pending' })
      .orIgnore()
      .returning(['id'])
      .execute();
    if (result.raw.length === 0) return null;
    return this.findExemption((result.raw[0] as { id: string }).id);
  }

  findExemption(id: string): Promise<SupervisionExemptionEntity | null> {
    return this.dataSource.getRepository(SupervisionExemptionEntity).findOne({ where: { id }, relations: { item: true, org: true } });
  }

  listExemptions(filter: { orgId?: string; status?: string }): Promise<SupervisionExemptionEntity[]> {
    return this.dataSource.getRepository(SupervisionExemptionEntity).find({
      where: { ...(filter.orgId ? { orgId: filter.orgId } : {}), ...(filter.status ? { status: filter.status as SupervisionExemptionEntity['status'] } : {}) },
      relations: { item: true, org: true },
      order: { filedAt: 'DESC' },
      take: 500,
    });
  }

  decisions(exemptionId: string): Promise<ExemptionDecisionEntity[]> {
    return this.dataSource.getRepository(ExemptionDecisionEntity).find({ where: { exemptionId }, order: { decidedAt: 'ASC' } });
  }

  /**
   * Moves an exemption from the status the caller saw and appends the decision, in one transaction:
   * approval starts it (effective_from), revocation ends it (effective_until). False if it moved meanwhile.
   */
  async decide(id: string, from: SupervisionExemptionEntity['status'], to: ExemptionDecision, note: string, decidedBy: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const changes: Partial<SupervisionExemptionEntity> = { status: to };
      if (to === 'approved') changes.effectiveFrom = now;
      if (to === 'revoked') changes.effectiveUntil = now;
      const moved = await manager.getRepository(SupervisionExemptionEntity).update({ id, status: from }, changes);
      if (!moved.affected) return false;
      await manager.getRepository(ExemptionDecisionEntity).insert({ exemptionId: id, fromStatus: from, toStatus: to, note, decidedBy, decidedAt: now });
      return true;
    });
  }

  /** Active items of the supervised types with why each is not supervised, if it is not. */
  async coverageItems(): Promise<
    {
      id: string;
      code: string;
      name: string;
      type_code: string;
      org_id: string;
      org_name: string;
      has_flow: boolean;
      exemption_id: string | null;
      exemption_reason: string | null;
      exempted_since: Date | null;
    }[]
  > {
    return this.dataSource.query(
      `SELECT i.id, i.code, i.name, i.type_code, o.id AS org_id, o.name AS org_name,
         EXISTS (SELECT 1 FROM flow_versions f WHERE f.item_id = i.id) AS has_flow,
         e.id AS exemption_id, e.reason AS exemption_reason, e.effective_from AS exempted_since
       FROM items i JOIN orgs o ON o.id = i.org_id
       LEFT JOIN supervision_exemptions e ON e.item_id = i.id AND e.status = 'approved'
       WHERE i.status = 'active' AND i.type_code = ANY($1)
       ORDER BY i.code`,
      [[...SUPERVISED_TYPE_CODES]],
    );
  }

  /**
   * Cases not supervised: received while their item was exempted, or whose deadlines could not be
   * computed (the calendar lacked a year), so no deadline alarm can fire. Counts, and the newest of each.
   */
  async unsupervisedCases(limit: number): Promise<{
    exempted: { total: number; cases: { id: string; case_number: string; item_code: string; status: string; received_at: Date; reason: string }[] };
    noDeadline: { total: number; cases: { id: string; case_number: string; item_code: string; status: string; received_at: Date }[] };
  }> {
    const exemptedFrom = `FROM cases c JOIN supervision_exemptions e ON e.item_id = c.item_id AND e.status IN ('approved', 'revoked') AND e.effective_from IS NOT NULL
       AND c.received_at >= e.effective_from AND (e.effective_until IS NULL OR c.received_at < e.effective_until)`;
    const [{ n: exemptedTotal }] = (await this.dataSource.query(`SELECT count(*)::int AS n ${exemptedFrom}`)) as { n: number }[];
    const exempted = await this.dataSource.query(
      `SELECT c.id, c.case_number, c.item_code, COALESCE(c.outcome, c.status) AS status, c.received_at, e.reason ${exemptedFrom} ORDER BY c.received_at DESC LIMIT $1`,
      [limit],
    );
    const [{ n: noDeadlineTotal }] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM cases WHERE promised_deadline_at IS NULL AND revision >= 0`,
    )) as { n: number }[];
    const noDeadline = await this.dataSource.query(
      `SELECT id, case_number, item_code, COALESCE(outcome, status) AS status, received_at FROM cases WHERE promised_deadline_at IS NULL AND revision >= 0 ORDER BY received_at DESC LIMIT $1`,
      [limit],
    );
    return { exempted: { total: exemptedTotal, cases: exempted }, noDeadline: { total: noDeadlineTotal, cases: noDeadline } };
  }
}
