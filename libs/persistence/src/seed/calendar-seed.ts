import { CALENDAR_YEARS } from '#domain';
import type { DataSource } from 'typeorm';
import { CalendarRepository } from '../repositories/calendar.repository';

/** The years the chinese-days package has; a year the admin entered is left as the admin entered it. */
export async function seedCalendar(dataSource: DataSource): Promise<void> {
  const calendar = new CalendarRepository(dataSource);
  for (const year of CALENDAR_YEARS) await calendar.insertIfMissing(year, 'chinese-days 1.5.7');
}
