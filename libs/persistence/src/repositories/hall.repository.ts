import type { DataSource } from 'typeorm';
import { CaseRatingEntity, ConsultationEntity, RectificationEntity } from '../entities/hall/hall-records.entity';

export class HallRepository {
  constructor(private readonly dataSource: DataSource) {}

  async ask(values: { itemId: string; orgId: string; askedBy: string; question: string }): Promise<ConsultationEntity> {
    return this.dataSource.getRepository(ConsultationEntity).save(values);
  }

  findConsultation(id: string): Promise<ConsultationEntity | null> {
    return this.dataSource.getRepository(ConsultationEntity).findOne({ where: { id }, relations: { item: true, org: true } });
  }

  /** Answers once: an answered consultation is not answered again (returns false). */
  async answer(id: string, answeredBy: string, answer: string): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(ConsultationEntity)
      .set({ answer, answeredBy, answeredAt: () => 'now()' })
      .where('id = :id AND answer IS NULL', { id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  publicQa(itemId: string): Promise<ConsultationEntity[]> {
    return this.dataSource
      .getRepository(ConsultationEntity)
      .createQueryBuilder('c')
      .where('c.item_id = :itemId AND c.answer IS NOT NULL', { itemId })
      .orderBy('c.answered_at', 'DESC')
      .limit(100)
      .getMany();
  }

  pendingFor(orgId: string): Promise<ConsultationEntity[]> {
    return this.dataSource
      .getRepository(ConsultationEntity)
      .createQueryBuilder('c')
      .innerJoinAndSelect('c.item', 'item')
      .where('c.org_id = :orgId AND c.answer IS NULL', { orgId })
      .orderBy('c.asked_at', 'ASC')
      .limit(200)
      .getMany();
  }

  /**
   * Stores the rating and, for a poor one, its rectification, in one transaction. The unique
   * constraint on the case makes a second rating fail (returns null).
   */
  async rate(
    rating: { caseId: string; ratedBy: string; level: number; comment: string | null },
    rectification: { orgId: string; dueDate: string | null } | null,
  ): Promise<{ rating: CaseRatingEntity; rectification: RectificationEntity | null } | null> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const saved = await manager.getRepository(CaseRatingEntity).save(rating);
        const opened = rectification
          ? await manager
              .getRepository(RectificationEntity)
              .save({ ratingId: saved.id, caseId: rating.caseId, ...rectification, status: 'open' as const, record: null, closedAt: null })
          : null;
        return { rating: saved, rectification: opened };
      });
    } catch (error) {
      if ((error as { constraint?: string }).constraint === 'UQ_case_rating_case') return null;
      throw error;
    }
  }

  rectifications(filter: { orgId?: string }): Promise<RectificationEntity[]> {
    return this.dataSource
      .getRepository(RectificationEntity)
      .find({ where: filter.orgId ? { orgId: filter.orgId } : {}, relations: { rating: true, org: true }, order: { openedAt: 'DESC' }, take: 200 });
  }
}
