import { civilOfEpochDay, formatEpochDay, parseCalendarDate, tryParseCalendarDate, weekdayOf } from './china-time';
import type { CalendarYear } from './working-calendar';

/**
 * The lunar and solar-term dates a year's statutory holidays hang on, as 'YYYY-MM-DD' in that year.
 * Computed outside the domain (the seed uses the chinese-days package's lunar tables).
 */
export interface FestivalDates {
  /** 正月初一 */
  springFestival: string;
  /** 清明 (the solar term's first day) */
  qingming: string;
  /** 五月初五 */
  dragonBoat: string;
  /** 八月十五 */
  midAutumn: string;
}

/** Source label of a provisional year built by {@link statutoryCalendarYear}. */
export const PROVISIONAL_CALENDAR_SOURCE = 'provisional: statutory holidays only';

/**
 * A provisional calendar year from the statutory holidays alone (《全国年节及纪念日放假办法》, 2024 revision,
 * Art. 2: 元旦 1 day, 春节 4 days from 除夕, 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆 3 — 13 days), without
 * the bridging days and adjusted working weekends (调休) that only the State Council's yearly notice fixes.
 *
 * Used for a year whose notice has not been entered yet, so that deadlines running into it are computed
 * rather than missing; they can come out a few days early around 春节 and 国庆 (the notice usually adds
 * days off there), which errs towards warning the office sooner, never later. The admin replaces the year
 * with the notice (`PUT /api/calendar/:year`); cases keep the calendar they started with.
 */
export function statutoryCalendarYear(year: number, festivals: FestivalDates): CalendarYear {
  for (const [name, date] of Object.entries(festivals)) {
    const parsed = tryParseCalendarDate(date);
    // 除夕 of a 春节 falling on 1 January belongs to the year before; the 13 days stay within the year otherwise.
    if (parsed === null || civilOfEpochDay(parsed).year !== year) {
      throw new RangeError(`${name} ${date} is not a date in ${year}`);
    }
  }
  const days: { date: string; name: string }[] = [];
  const add = (day: number, name: string) => {
    if (civilOfEpochDay(day).year !== year) return;
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6) days.push({ date: formatEpochDay(day), name });
  };
  const at = (monthDay: string) => parseCalendarDate(`${year}-${monthDay}`);
  add(at('01-01'), '元旦');
  const spring = parseCalendarDate(festivals.springFestival);
  for (let i = -1; i <= 2; i += 1) add(spring + i, '春节');
  add(parseCalendarDate(festivals.qingming), '清明');
  add(at('05-01'), '劳动节');
  add(at('05-02'), '劳动节');
  add(parseCalendarDate(festivals.dragonBoat), '端午');
  add(parseCalendarDate(festivals.midAutumn), '中秋');
  for (const d of ['10-01', '10-02', '10-03']) add(at(d), '国庆');
  days.sort((a, b) => a.date.localeCompare(b.date));
  // A 中秋 on 1–3 October coincides with 国庆: one day off, listed once.
  const holidays = days.filter((d, i) => i === 0 || days[i - 1]!.date !== d.date);
  return { year, holidays, workdays: [] };
}

/** The seven statutory festivals (《全国年节及纪念日放假办法》 Art. 2), as the calendar's holiday names begin. */
export const STATUTORY_FESTIVALS = ['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆'] as const;
export type StatutoryFestival = (typeof STATUTORY_FESTIVALS)[number];

function festivalOf(name: string): StatutoryFestival | undefined {
  // 劳动节 is also written 五一; 国庆 may be 国庆节.
  const normal = name.replace(/^五一/, '劳动节');
  return STATUTORY_FESTIVALS.find((festival) => normal.startsWith(festival));
}

/**
 * The statutory festivals an entered year gives no day off for. `statutory` is the year's
 * {@link statutoryCalendarYear}: a festival is required when one of its statutory days falls on a weekday
 * (the State Council's notice always keeps those off, and makes up the others on weekdays of its choosing),
 * and it is there when the entered year has a holiday of its name or on one of those days (a 中秋 on
 * 1 October may be listed as 国庆). Without `statutory`, every festival is required by name. A year
 * missing one is a mistake — an empty year above all, which counts every weekday as a working day and
 * moves every deadline early.
 */
export function missingStatutoryHolidays(entered: CalendarYear, statutory?: CalendarYear): StatutoryFestival[] {
  const dates = new Set(entered.holidays.map((h) => h.date));
  const named = new Set(entered.holidays.map((h) => festivalOf(h.name)));
  const required = new Map<StatutoryFestival, string[]>(statutory ? [] : STATUTORY_FESTIVALS.map((f) => [f, []]));
  for (const day of statutory?.holidays ?? []) {
    const festival = festivalOf(day.name);
    if (festival) required.set(festival, [...(required.get(festival) ?? []), day.date]);
  }
  return STATUTORY_FESTIVALS.filter((f) => required.has(f) && !named.has(f) && !required.get(f)!.some((d) => dates.has(d)));
}
