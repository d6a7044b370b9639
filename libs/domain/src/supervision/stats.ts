// Efficiency statistics (效能统计, 温政办〔2013〕106号 (三) 电子监察): the formulas, kept pure so the SQL
// that aggregates 100,000 cases and these unit-tested definitions say the same thing.
import { chinaDatePartsOf, chinaDayOf, chinaInstant, epochDayOfCivil, formatEpochDay, MS_PER_DAY, officeSessions } from '../calendar/china-time';
import { CalendarYearMissingError, type WorkingCalendar } from '../calendar/working-calendar';

/**
 * How a finished case or step stands against its deadline. Buckets do not overlap:
 * - `early` (提前办结): finished on a day before the deadline's day (China time), i.e. with at least
 *   one working day to spare rather than minutes;
 * - `onTime` (按时办结, not early): finished on the deadline's day, no later than the deadline;
 * - `overdue` (超期): after the deadline (which already includes the 补正 pauses it was moved by).
 * null when there is no deadline (the calendar lacked the year).
 */
export type Timeliness = 'early' | 'onTime' | 'overdue';

export function classifyFinish(finishedAt: number, deadlineAt: number | null): Timeliness | null {
  if (deadlineAt === null) return null;
  if (finishedAt > deadlineAt) return 'overdue';
  return chinaDayOf(finishedAt) < chinaDayOf(deadlineAt) ? 'early' : 'onTime';
}

/** part ÷ whole, null when there is nothing to divide (no finished case is not a 0 % rate). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** 提前办结率: finished early ÷ finished. */
export function earlyRate(counts: { early: number; finished: number }): number | null {
  return ratio(counts.early, counts.finished);
}

/** 按时办结率: finished within the promised deadline (early or on time) ÷ finished. */
export function onTimeRate(counts: { early: number; onTime: number; finished: number }): number | null {
  return ratio(counts.early + counts.onTime, counts.finished);
}

/** 提速率 of one item: how much shorter the promised period (承诺期限) is than the legal one (法定期限). */
export function speedUpRate(promisedDays: number, legalDays: number): number | null {
  if (!(legalDays > 0) || !(promisedDays > 0)) return null;
  return 1 - promisedDays / legalDays;
}

/**
 * 满意率 from GB/T 39734 ratings (1 非常满意, 2 满意, 3 基本满意, 4 不满意, 5 非常不满意): the share of
 * 好评 (levels 1–3) among all ratings, and the average score on 100 (非常满意 100 … 非常不满意 20).
 */
export function satisfaction(levels: Partial<Record<1 | 2 | 3 | 4 | 5, number>>): { ratings: number; satisfactionRate: number | null; score: number | null } {
  let ratings = 0;
  let good = 0;
  let points = 0;
  for (const level of [1, 2, 3, 4, 5] as const) {
    const n = levels[level] ?? 0;
    ratings += n;
    if (level <= 3) good += n;
    points += n * (6 - level) * 20;
  }
  return { ratings, satisfactionRate: ratio(good, ratings), score: ratings > 0 ? points / ratings : null };
}

/** Working hours a case or step took: office time between its start and end, less the 补正 pauses. */
export function handlingHours(calendar: WorkingCalendar, startedAt: number, finishedAt: number, pausedHours: number): number {
  return Math.max(0, calendar.workingHoursBetween(startedAt, finishedAt) - pausedHours);
}

/**
 * Office hours between two instants as the statistics measure them, or null when the calendar lacks a
 * year the span touches (the day table's segments: such a case or step is counted as not measured).
 * The projection stores max(0, this − paused hours) when a case or step ends.
 */
export function measuredOfficeHours(calendar: WorkingCalendar, startedAt: number, finishedAt: number): number | null {
  try {
    return calendar.workingHoursBetween(startedAt, finishedAt);
  } catch (error) {
    if (error instanceof CalendarYearMissingError) return null;
    throw error;
  }
}

/** Continuous percentile (linear interpolation, as PostgreSQL's percentile_cont); null for no values. */
export function percentileCont(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/**
 * The working calendar as a day table the database reads (its function office_hours_between, migration
 * OfficeHoursFunctions), by position: index i is the epoch day firstDay + i, from 1 January of the first
 * known year to 31 December of the last. For each day, whether it is a working day and how many working
 * days came before it since the first known day. Office time between two instants is then
 * (before[end day] − before[start day]) × hours a day + office time of the end day up to its instant −
 * the same of the start day, exactly WorkingCalendar.workingHoursBetween. The days of a missing year
 * between known ones are null throughout, and `segment` changes after them, so no span is measured
 * into or across a gap.
 */
export interface WorkingDayTable {
  /** The epoch day (days since 1970-01-01) of days[0]; 0 when there are no days. */
  firstDay: number;
  days: string[];
  workingDaysBefore: (number | null)[];
  working: (boolean | null)[];
  segment: (number | null)[];
  /** Office sessions as [open, close] seconds after midnight, China time. */
  sessions: [number, number][];
  hoursPerDay: number;
}

export function workingDayTable(calendar: WorkingCalendar): WorkingDayTable {
  const { years } = calendar;
  const table: WorkingDayTable = {
    firstDay: years.length > 0 ? epochDayOfCivil(years[0]!, 1, 1) : 0,
    days: [],
    workingDaysBefore: [],
    working: [],
    segment: [],
    sessions: [],
    hoursPerDay: 0,
  };
  let before = 0;
  let segment = 0;
  for (let year = years[0] ?? 0; years.length > 0 && year <= years[years.length - 1]!; year += 1) {
    const known = years.includes(year);
    if (!known && years.includes(year - 1)) {
      segment += 1;
      before = 0;
    }
    for (let day = epochDayOfCivil(year, 1, 1); day < epochDayOfCivil(year + 1, 1, 1); day += 1) {
      const date = formatEpochDay(day);
      const working = known ? calendar.isWorkingDay(date) : null;
      table.days.push(date);
      table.workingDaysBefore.push(known ? before : null);
      table.working.push(working);
      table.segment.push(known ? segment : null);
      if (working) before += 1;
    }
  }
  table.sessions = officeSessions(calendar.officeHours).map(([open, close]) => [open / 1000, close / 1000]);
  table.hoursPerDay = calendar.hoursPerDay;
  return table;
}

/** A calendar quarter, e.g. 2026Q3: its first and last dates (China time). */
export interface Quarter {
  id: string;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  from: string;
  to: string;
}

const QUARTER = /^(\d{4})Q([1-4])$/u;
const QUARTER_DAYS = [
  ['01-01', '03-31'],
  ['04-01', '06-30'],
  ['07-01', '09-30'],
  ['10-01', '12-31'],
] as const;

export function parseQuarter(id: string): Quarter | null {
  const match = QUARTER.exec(id);
  if (!match) return null;
  const year = Number(match[1]);
  const quarter = Number(match[2]) as 1 | 2 | 3 | 4;
  if (year < 2000 || year > 2100) return null;
  const [from, to] = QUARTER_DAYS[quarter - 1]!;
  return { id, year, quarter, from: `${year}-${from}`, to: `${year}-${to}` };
}

/** The quarter an instant falls in, China time. */
export function quarterOf(ms: number): Quarter {
  const { year, month } = chinaDatePartsOf(ms);
  return parseQuarter(`${year}Q${Math.floor((month - 1) / 3) + 1}`)!;
}

/** [from 00:00, day after `to` 00:00) China time, as epoch ms: a period of whole days, both ends included. Throws RangeError for a date that does not exist. */
export function periodBounds(from: string, to: string): { fromMs: number; toMs: number } {
  return { fromMs: chinaInstant(from), toMs: chinaInstant(to) + MS_PER_DAY };
}
