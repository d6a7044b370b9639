/**
 * Working days and working hours (工作日、工作时间) for statutory and promised periods (DESIGN.md "Time").
 *
 * Bundled into Temporal workflows, so everything here is plain arithmetic: dates are epoch days counted
 * from 1970-01-01 (a Thursday), instants are epoch milliseconds read in China Standard Time with a fixed
 * +08:00 offset (no daylight saving since 1991), and nothing reads the clock, the host time zone or a locale.
 */

/** One year of the official calendar (国务院办公厅 holiday notice): dates are 'YYYY-MM-DD'. */
export interface CalendarYear {
  year: number;
  /** Public holidays falling on Monday–Friday (days off that would otherwise be working days), with names. */
  holidays: { date: string; name: string }[];
  /** Adjusted working days (调休上班) falling on Saturday/Sunday. */
  workdays: { date: string; name: string }[];
}

/** Office hours, China Standard Time: two sessions, 8 working hours in all by default. */
export interface OfficeHours {
  morning: [string, string];
  afternoon: [string, string];
}

/** 08:30–12:00 and 13:30–18:00: 3.5 + 4.5 = 8 working hours a day. */
export const DEFAULT_OFFICE_HOURS: OfficeHours = Object.freeze({
  morning: Object.freeze(['08:30', '12:00']) as [string, string],
  afternoon: Object.freeze(['13:30', '18:00']) as [string, string],
});

/**
 * A date in a year whose holiday notice has not been entered. A deadline in such a year is refused rather
 * than guessed from weekends alone: the guess would be wrong around 春节 and 国庆 by up to a week.
 */
export class CalendarYearMissingError extends Error {
  readonly code = 'CALENDAR_YEAR_MISSING';

  constructor(readonly year: number) {
    super(`${year} 年的工作日历尚未录入`);
    this.name = 'CalendarYearMissingError';
  }
}

/** `compute`'s answer, or `fallback` where it needs a year missing from the calendar: no date (and an alarm), never a guess. */
export function unlessYearMissing<T>(compute: () => T, fallback: T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof CalendarYearMissingError) return fallback;
    throw error;
  }
}

export interface CalendarYearProblem {
  date: string | null;
  rule: string;
  message: string;
}

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
/** China Standard Time, UTC+8 all year. */
const CST_OFFSET_MS = 8 * MS_PER_HOUR;
const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

interface YearTable {
  readonly year: number;
  /** Epoch day of 1 January. */
  readonly first: number;
  readonly working: readonly boolean[];
  /** cumulative[i] = working days among the first i days of the year; length days + 1. */
  readonly cumulative: readonly number[];
}

/** One office session as [open, close], milliseconds since midnight China Standard Time. */
type Session = readonly [number, number];

export class WorkingCalendar {
  /** Years it knows. */
  readonly years: readonly number[];

  private readonly tables = new Map<number, YearTable>();
  private readonly sessions: readonly Session[];
  /** Office time in one working day. */
  private readonly dayMs: number;

  constructor(years: readonly CalendarYear[], officeHours: OfficeHours = DEFAULT_OFFICE_HOURS) {
    for (const calendarYear of years) {
      const problems = validateCalendarYear(calendarYear);
      if (problems.length > 0) {
        throw new RangeError(`${calendarYear.year} 年的工作日历有误：${problems.map((p) => p.message).join('；')}`);
      }
      if (this.tables.has(calendarYear.year)) {
        throw new RangeError(`${calendarYear.year} 年的工作日历重复提供`);
      }
      this.tables.set(calendarYear.year, buildYearTable(calendarYear));
    }
    this.years = Object.freeze([...this.tables.keys()].sort((a, b) => a - b));
    this.sessions = parseOfficeHours(officeHours);
    this.dayMs = this.sessions.reduce((sum, [start, end]) => sum + (end - start), 0);
  }

  /** Throws CalendarYearMissingError for an unknown year. */
  isWorkingDay(date: string): boolean {
    return this.isWorkingEpochDay(parseDate(date));
  }

  /**
   * 受理 on `receiptDate`: the period counts from the next day (行政许可法 / 民法典 期间计算); the deadline
   * is the date of the n-th working day after receiptDate. n must be an integer >= 1.
   */
  addWorkingDays(receiptDate: string, n: number): string {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`工作日数须为不小于 1 的整数，收到 ${String(n)}`);
    }
    const receipt = parseDate(receiptDate);
    this.tableOfDay(receipt);
    return formatDate(this.nthWorkingDayAfter(receipt, n));
  }

  /** Working days strictly after `from` up to and including `to` (0 if to <= from). */
  workingDaysBetween(from: string, to: string): number {
    const fromDay = parseDate(from);
    const toDay = parseDate(to);
    this.tableOfDay(fromDay);
    this.tableOfDay(toDay);
    return toDay <= fromDay ? 0 : this.countWorkingDays(fromDay, toDay);
  }

  /**
   * The instant `hours` working hours after `startMs`, counting only office hours on working days. A start
   * outside office hours counts from the next session; a result that lands exactly on a session's close is
   * that close (12:00, 18:00), not the next opening. The duration is rounded to whole milliseconds.
   */
  addWorkingHours(startMs: number, hours: number): number {
    assertInstant(startMs, 'startMs');
    if (!Number.isFinite(hours) || hours <= 0) {
      throw new RangeError(`工作小时数须为正数，收到 ${String(hours)}`);
    }
    const { day, msOfDay } = splitInstant(startMs);
    const startsOnWorkingDay = this.isWorkingEpochDay(day);
    let remaining = Math.round(hours * MS_PER_HOUR);
    if (remaining === 0) return startMs; // less than half a millisecond

    if (startsOnWorkingDay) {
      for (const [open, close] of this.sessions) {
        const from = Math.max(open, msOfDay);
        if (from >= close) continue;
        if (remaining <= close - from) return instantOf(day, from + remaining);
        remaining -= close - from;
      }
    }

    // Whole office days are skipped in one step: the k-th working day after `day` holds the end.
    const daysNeeded = Math.ceil(remaining / this.dayMs);
    const lastDay = this.nthWorkingDayAfter(day, daysNeeded);
    remaining -= (daysNeeded - 1) * this.dayMs;
    for (const [open, close] of this.sessions) {
      if (remaining <= close - open) return instantOf(lastDay, open + remaining);
      remaining -= close - open;
    }
    throw new Error('unreachable: remaining office time exceeds one office day');
  }

  /** Working hours (fractional) in office time between two instants (0 if end <= start). */
  workingHoursBetween(startMs: number, endMs: number): number {
    assertInstant(startMs, 'startMs');
    assertInstant(endMs, 'endMs');
    const start = splitInstant(startMs);
    const end = splitInstant(endMs);
    this.tableOfDay(start.day);
    this.tableOfDay(end.day);
    if (endMs <= startMs) return 0;

    // Office time up to `end` minus office time up to `start`, both measured from the start day's midnight.
    const wholeDays = end.day === start.day ? 0 : this.countWorkingDays(start.day - 1, end.day - 1);
    const ms = wholeDays * this.dayMs + this.officeMsUpTo(end.day, end.msOfDay) - this.officeMsUpTo(start.day, start.msOfDay);
    return ms / MS_PER_HOUR;
  }

  /**
   * Deadline instant of a limit counted from an instant: workingDays → the afternoon close of
   * addWorkingDays(date of start in CST, n); workingHours → addWorkingHours.
   */
  deadline(startMs: number, limit: { unit: 'workingDays' | 'workingHours'; amount: number }): number {
    assertInstant(startMs, 'startMs');
    switch (limit.unit) {
      case 'workingDays': {
        const receipt = splitInstant(startMs).day;
        const due = parseDate(this.addWorkingDays(formatDate(receipt), limit.amount));
        return instantOf(due, this.sessions[this.sessions.length - 1]![1]);
      }
      case 'workingHours':
        return this.addWorkingHours(startMs, limit.amount);
      default: {
        const unit: never = limit.unit;
        throw new RangeError(`未知的期限单位 ${String(unit)}`);
      }
    }
  }

  private tableOfDay(day: number): YearTable {
    const year = civilFromDays(day).year;
    const table = this.tables.get(year);
    if (!table) throw new CalendarYearMissingError(year);
    return table;
  }

  private isWorkingEpochDay(day: number): boolean {
    const table = this.tableOfDay(day);
    return table.working[day - table.first]!;
  }

  /** The epoch day of the n-th working day strictly after `day` (n >= 1), a year at a time. */
  private nthWorkingDayAfter(day: number, n: number): number {
    let cursor = day + 1;
    let remaining = n;
    for (;;) {
      const table = this.tableOfDay(cursor);
      const index = cursor - table.first;
      const { cumulative } = table;
      const available = cumulative[cumulative.length - 1]! - cumulative[index]!;
      if (remaining <= available) {
        // Smallest j with cumulative[j] >= target: day j - 1 of the year is the one that reaches it.
        const target = cumulative[index]! + remaining;
        let low = index + 1;
        let high = cumulative.length - 1;
        while (low < high) {
          const middle = (low + high) >>> 1;
          if (cumulative[middle]! >= target) high = middle;
          else low = middle + 1;
        }
        return table.first + low - 1;
      }
      remaining -= available;
      cursor = table.first + table.working.length;
    }
  }

  /** Working days in (afterDay, upToDay], afterDay < upToDay; every year touched must be known. */
  private countWorkingDays(afterDay: number, upToDay: number): number {
    let count = 0;
    let cursor = afterDay + 1;
    while (cursor <= upToDay) {
      const table = this.tableOfDay(cursor);
      const yearEnd = table.first + table.working.length - 1;
      const last = Math.min(yearEnd, upToDay);
      count += table.cumulative[last - table.first + 1]! - table.cumulative[cursor - table.first]!;
      cursor = last + 1;
    }
    return count;
  }

  /** Office time on `day` before `msOfDay` local time. */
  private officeMsUpTo(day: number, msOfDay: number): number {
    if (!this.isWorkingEpochDay(day)) return 0;
    let ms = 0;
    for (const [open, close] of this.sessions) ms += Math.min(Math.max(msOfDay - open, 0), close - open);
    return ms;
  }
}

/**
 * Validates a year's data: every date inside the year, well-formed, holidays on weekdays, workdays on
 * weekends, no date in both, no duplicates. Returns every problem found (empty when the year is usable).
 */
export function validateCalendarYear(year: CalendarYear): CalendarYearProblem[] {
  const problems: CalendarYearProblem[] = [];
  const yearNumber: unknown = isObject(year) ? year.year : undefined;
  const yearValid = typeof yearNumber === 'number' && Number.isInteger(yearNumber) && yearNumber >= 1000 && yearNumber <= 9999;
  if (!yearValid) {
    problems.push({ date: null, rule: 'year-invalid', message: `年份须为四位整数，收到 ${String(yearNumber)}` });
  }

  const lists = [
    { key: 'holidays', label: '节假日', isWeekday: true },
    { key: 'workdays', label: '调休上班日', isWeekday: false },
  ] as const;
  const seen = new Map<string, string>(); // date → label of the list it was first seen in
  for (const { key, label, isWeekday } of lists) {
    const entries: unknown = isObject(year) ? year[key] : undefined;
    if (!Array.isArray(entries)) {
      problems.push({ date: null, rule: 'list-invalid', message: `${label}列表须为数组` });
      continue;
    }
    entries.forEach((entry: unknown, index) => {
      const date: unknown = isObject(entry) ? entry.date : undefined;
      const name: unknown = isObject(entry) ? entry.name : undefined;
      const day = typeof date === 'string' ? tryParseDate(date) : null;
      if (typeof date !== 'string' || day === null) {
        problems.push({
          date: typeof date === 'string' ? date : null,
          rule: 'date-format',
          message: `${label}第${index + 1}项的日期“${String(date)}”无效（须为 YYYY-MM-DD 格式的真实日期）`,
        });
        return;
      }
      if (typeof name !== 'string' || name.trim() === '') {
        problems.push({ date, rule: 'name-missing', message: `${label} ${date} 缺少名称` });
      }
      if (yearValid && civilFromDays(day).year !== yearNumber) {
        problems.push({ date, rule: 'date-outside-year', message: `${label} ${date} 不在 ${yearNumber} 年内` });
      }
      const weekday = weekdayOf(day);
      const weekend = weekday === 0 || weekday === 6;
      if (isWeekday && weekend) {
        problems.push({
          date,
          rule: 'holiday-not-weekday',
          message: `节假日 ${date} 是${WEEKDAY_NAMES[weekday]}，只录入落在周一至周五的节假日`,
        });
      }
      if (!isWeekday && !weekend) {
        problems.push({
          date,
          rule: 'workday-not-weekend',
          message: `调休上班日 ${date} 是${WEEKDAY_NAMES[weekday]}，只录入落在周六、周日的调休上班日`,
        });
      }
      const previous = seen.get(date);
      if (previous === label) {
        problems.push({ date, rule: 'date-duplicate', message: `${label} ${date} 重复录入` });
      } else if (previous !== undefined) {
        problems.push({ date, rule: 'date-in-both', message: `${date} 同时列为节假日和调休上班日` });
      } else {
        seen.set(date, label);
      }
    });
  }
  return problems;
}

function buildYearTable(calendarYear: CalendarYear): YearTable {
  const first = daysFromCivil(calendarYear.year, 1, 1);
  const length = daysFromCivil(calendarYear.year + 1, 1, 1) - first;
  const working: boolean[] = [];
  for (let i = 0; i < length; i += 1) {
    const weekday = weekdayOf(first + i);
    working.push(weekday !== 0 && weekday !== 6);
  }
  for (const { date } of calendarYear.holidays) working[parseDate(date) - first] = false;
  for (const { date } of calendarYear.workdays) working[parseDate(date) - first] = true;
  const cumulative = [0];
  for (let i = 0; i < length; i += 1) cumulative.push(cumulative[i]! + (working[i] ? 1 : 0));
  return { year: calendarYear.year, first, working, cumulative };
}

function parseOfficeHours(officeHours: OfficeHours): Session[] {
  const times = [...officeHours.morning, ...officeHours.afternoon].map((time) => {
    const match = /^(\d{2}):(\d{2})$/u.exec(time);
    const hour = match ? Number(match[1]) : NaN;
    const minute = match ? Number(match[2]) : NaN;
    if (!(hour <= 23 && minute <= 59) && !(hour === 24 && minute === 0)) {
      throw new RangeError(`办公时间“${time}”无效（须为 HH:MM）`);
    }
    return (hour * 60 + minute) * MS_PER_MINUTE;
  });
  const [morningOpen, morningClose, afternoonOpen, afternoonClose] = times as [number, number, number, number];
  if (!(morningOpen < morningClose && morningClose <= afternoonOpen && afternoonOpen < afternoonClose)) {
    throw new RangeError('办公时间须为上午开始 < 上午结束 ≤ 下午开始 < 下午结束');
  }
  return [
    [morningOpen, morningClose],
    [afternoonOpen, afternoonClose],
  ];
}

function assertInstant(ms: number, what: string): void {
  if (!Number.isFinite(ms)) throw new RangeError(`${what} 须为有限的毫秒时间戳，收到 ${String(ms)}`);
}

function splitInstant(ms: number): { day: number; msOfDay: number } {
  const local = ms + CST_OFFSET_MS;
  const day = Math.floor(local / MS_PER_DAY);
  return { day, msOfDay: local - day * MS_PER_DAY };
}

function instantOf(day: number, msOfDay: number): number {
  return day * MS_PER_DAY + msOfDay - CST_OFFSET_MS;
}

/** 0 = Sunday … 6 = Saturday; epoch day 0 (1970-01-01) was a Thursday. */
function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

function parseDate(date: string): number {
  const day = typeof date === 'string' ? tryParseDate(date) : null;
  if (day === null) throw new RangeError(`日期“${String(date)}”无效（须为 YYYY-MM-DD 格式的真实日期）`);
  return day;
}

function tryParseDate(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const dayOfMonth = Number(match[3]);
  if (month < 1 || month > 12 || dayOfMonth < 1) return null;
  const day = daysFromCivil(year, month, dayOfMonth);
  // Out-of-range days of month (02-30) roll into the next month: the round trip catches them.
  const back = civilFromDays(day);
  return back.month === month && back.day === dayOfMonth ? day : null;
}

function formatDate(day: number): string {
  const { year, month, day: dayOfMonth } = civilFromDays(day);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}`;
}

// Proleptic Gregorian conversions (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The date (YYYY-MM-DD) an instant falls on in China Standard Time. */
export function chinaDateOf(ms: number): string {
  return formatDate(splitInstant(ms).day);
}
