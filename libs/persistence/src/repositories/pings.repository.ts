import type { DataSource, Repository } from 'typeorm';
import { PingEntity } from '../entities/ping.entity';

/**
 * The ping projection. Writes are idempotent: an activity retried or replayed after a crash
 * writes the same row again, never a second one.
 */
export class PingsRepository {
  private readonly pings: Repository<PingEntity>;

  constructor(dataSource: DataSource) {
    this.pings = dataSource.getRepository(PingEntity);
  }

  /** With its organisation, whose path the access check needs. */
  findById(id: string): Promise<PingEntity | null> {
    return this.pings.findOne({ where: { id }, relations: { org: true } });
  }

  async recordStarted(values: { id: string; workflowId: string; message: string; orgId: string; requestedBy: string; startedAt: Date }): Promise<void> {
    await this.pings
      .createQueryBuilder()
      .insert()
      .values({ ...values, status: 'waiting', completedBy: null, note: null, finishedAt: null })
      .orIgnore()
      .execute();
  }

  async recordFinished(values: { id: string; completedBy: string; note: string; finishedAt: Date }): Promise<void> {
    await this.pings
      .createQueryBuilder()
      .update()
      .set({ status: 'finished', completedBy: values.completedBy, note: values.note, finishedAt: values.finishedAt })
      .where('id = :id AND finished_at IS NULL', { id: values.id })
      .execute();
  }
}
