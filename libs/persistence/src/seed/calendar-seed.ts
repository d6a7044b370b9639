import { CALENDAR_YEARS, chinaDatePartsOf, PROVISIONAL_CALENDAR_SOURCE, statutoryCalendarYear, type FestivalDates } from '#domain';
import { getSolarDateFromLunar, getSolarTermsInRange } from 'chinese-days';
import type { DataSource } from 'typeorm';
import { CalendarRepository } from '../repositories/calendar.repository';

/**
 * The years the chinese-days package has, then provisional years (statutory holidays only) up to next
 * year, so that a legal period running past New Year gets a deadline before the office enters the State
 * Council's notice. A year already stored — the package's, a provisional one, or the admin's — is left alone.
 */
export async function seedCalendar(dataSource: DataSource, now = new Date()): Promise<void> {
  const calendar = new CalendarRepository(dataSource);
  for (const year of CALENDAR_YEARS) await calendar.insertIfMissing(year, 'chinese-days 1.5.7');
  const lastOfficial = Math.max(...CALENDAR_YEARS.map((y) => y.year));
  const nextYear = chinaDatePartsOf(now.getTime()).year + 1;
  for (let year = lastOfficial + 1; year <= nextYear; year += 1) {
    await calendar.insertIfMissing(statutoryCalendarYear(year, festivalDates(year)), PROVISIONAL_CALENDAR_SOURCE);
  }
}

/** Lunar festival dates from the package's lunar tables (which run far beyond its holiday tables). */
export function festivalDates(year: number): FestivalDates {
  const qingming = getSolarTermsInRange(`${year}-04-01`, `${year}-04-10`).find((t) => t.term === 'pure_brightness');
  if (!qingming) throw new Error(`no 清明 found in April ${year}`);
  return {
    springFestival: getSolarDateFromLunar(`${year}-01-01`).date,
    qingming: qingming.date,
    dragonBoat: getSolarDateFromLunar(`${year}-05-05`).date,
    midAutumn: getSolarDateFromLunar(`${year}-08-15`).date,
  };
}
