import { type CalendarYear, WorkingCalendar } from '#domain';
import type { DataSource } from 'typeorm';
import { CalendarChangeEntity } from '../entities/calendar-change.entity';
import { CalendarYearEntity } from '../entities/flow/flow-records.entity';

export class CalendarRepository {
  /** The last calendar built, with the fingerprint of the rows it was built from. */
  private cached: { fingerprint: string; calendar: WorkingCalendar | null } | null = null;

  constructor(private readonly dataSource: DataSource) {}

  async years(): Promise<CalendarYear[]> {
    const rows = await this.dataSource.getRepository(CalendarYearEntity).find({ order: { year: 'ASC' } });
    return rows.map((r) => r.data);
  }

  /**
   * The calendar in force, rebuilt only when a year was added or edited (by any process: the rows'
   * fingerprint is read each time, one small query). null when the stored years do not make a valid
   * calendar: callers that only measure (the projection's handling hours) then measure nothing.
   */
  async workingCalendar(): Promise<WorkingCalendar | null> {
    const [{ fingerprint }]: { fingerprint: string }[] = await this.dataSource.query(
      `SELECT count(*) || ':' || COALESCE(max(updated_at)::text, '') || ':' || md5(COALESCE(string_agg(year || '=' || data::text, ';' ORDER BY year), '')) AS fingerprint FROM calendar_years`,
    );
    if (this.cached?.fingerprint !== fingerprint) {
      let calendar: WorkingCalendar | null;
      try {
        calendar = new WorkingCalendar(await this.years());
      } catch {
        calendar = null;
      }
      this.cached = { fingerprint, calendar };
    }
    return this.cached.calendar;
  }

  findYear(year: number): Promise<CalendarYearEntity | null> {
    return this.dataSource.getRepository(CalendarYearEntity).findOneBy({ year });
  }

  async insertIfMissing(data: CalendarYear, source: string): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CalendarYearEntity)
      .values({ year: data.year, data, source, updatedBy: null })
      .orIgnore()
      .execute();
  }

  /** Enters or replaces a year as the admin's, and appends the change (who, the year before and after) in the same transaction. */
  async save(data: CalendarYear, updatedBy: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = await manager.getRepository(CalendarYearEntity).findOne({ where: { year: data.year }, lock: { mode: 'pessimistic_write' } });
      await manager.getRepository(CalendarYearEntity).save({ year: data.year, data, source: 'admin', updatedBy });
      await manager.getRepository(CalendarChangeEntity).insert({
        year: data.year,
        changedBy: updatedBy,
        before: before ? { source: before.source, data: before.data } : null,
        after: { source: 'admin', data },
      });
    });
  }

  /** The changes to a year, oldest first. */
  changes(year: number): Promise<CalendarChangeEntity[]> {
    return this.dataSource.getRepository(CalendarChangeEntity).find({ where: { year }, relations: { changer: true }, order: { seq: 'ASC' } });
  }
}
