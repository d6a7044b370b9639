import type { CalendarYear } from '#domain';
import type { DataSource } from 'typeorm';
import { CalendarYearEntity } from '../entities/flow/flow-records.entity';

export class CalendarRepository {
  constructor(private readonly dataSource: DataSource) {}

  async years(): Promise<CalendarYear[]> {
    const rows = await this.dataSource.getRepository(CalendarYearEntity).find({ order: { year: 'ASC' } });
    return rows.map((r) => r.data);
  }

  findYear(year: number): Promise<CalendarYearEntity | null> {
    return this.dataSource.getRepository(CalendarYearEntity).findOneBy({ year });
  }

  async insertIfMissing(data: CalendarYear, source: string): Promise<void> {
    await this.dataSource.createQueryBuilder().insert().into(CalendarYearEntity).values({ year: data.year, data, source, updatedBy: null }).orIgnore().execute();
  }

  async save(data: CalendarYear, updatedBy: string): Promise<void> {
    await this.dataSource.getRepository(CalendarYearEntity).save({ year: data.year, data, source: 'admin', updatedBy });
  }
}
