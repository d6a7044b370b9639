/**
 * Working days and working hours (工作日、工作时间) for statutory and promised periods (DESIGN.md "Time").
 *
 * Bundled into Temporal workflows, so everything here is plain arithmetic on China time as china-time.ts
 * reads it (epoch days, epoch milliseconds at +08:00); nothing reads the clock, the host time zone or a locale.
 */
import {
  chinaInstantOf,
  civilOfEpochDay,
  DEFAULT_OFFICE_HOURS,
  epochDayOfCivil,
  formatEpochDay,
  MS_PER_HOUR,
  type OfficeHours,
  type OfficeSession,
  officeSessions,
  parseCalendarDate,
  splitChinaInstant,
  tryParseCalendarDate,
  weekdayOf,
} from './china-time';

/** One year of the official calendar (国务院办公厅 holiday notice): dates are 'YYYY-MM-DD'. */
export interface CalendarYear {
  year: number;
  /** Public holidays falling on Monday–Friday (days off that would otherwise be working days), with names. */
  holidays: { date: string; name: string }[];
  /** Adjusted working days (调休上班) falling on Saturday/Sunday. */
  workdays: { date: string; name: string }[];
}

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

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'] as const;

interface YearTable {
  readonly year: number;
  /** Epoch day of 1 January. */
  readonly first: number;
  readonly working: readonly boolean[];
  /** cumulative[i] = working days among the first i days of the year; length days + 1. */
  readonly cumulative: readonly number[];
}

export class WorkingCalendar {
  /** Years it knows. */
  readonly years: readonly number[];
  /** The office hours its working hours count. */
  readonly officeHours: OfficeHours;

  private readonly tables = new Map<number, YearTable>();
  private readonly sessions: readonly OfficeSession[];
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
    this.sessions = officeSessions(officeHours);
    this.officeHours = officeHours;
    this.dayMs = this.sessions.reduce((sum, [start, end]) => sum + (end - start), 0);
  }

  /** Throws CalendarYearMissingError for an unknown year. */
  isWorkingDay(date: string): boolean {
    return this.isWorkingEpochDay(parseCalendarDate(date));
  }

  /**
   * 受理 on `receiptDate`: the period counts from the next day (行政许可法 / 民法典 期间计算); the deadline
   * is the date of the n-th working day after receiptDate. n must be an integer >= 1.
   */
  addWorkingDays(receiptDate: string, n: number): string {
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(`工作日数须为不小于 1 的整数，收到 ${String(n)}`);
    }
    const receipt = parseCalendarDate(receiptDate);
    this.tableOfDay(receipt);
    return formatEpochDay(this.nthWorkingDayAfter(receipt, n));
  }

  /**
   * The date of the n-th working day before `date` (n = 0: `date` itself), e.g. the day a warning
   * "3 working days before the due date" starts. Only the days stepped over must be in known years.
   * The mirror of addWorkingDays: subtractWorkingDays(addWorkingDays(d, n), n) is the last working day
   * on or before d.
   */
  subtractWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`工作日数须为非负整数，收到 ${String(n)}`);
    }
    let day = parseCalendarDate(date);
    for (let count = 0; count < n;) {
      day -= 1;
      if (this.isWorkingEpochDay(day)) count += 1;
    }
    return formatEpochDay(day);
  }

  /** Working days strictly after `from` up to and including `to` (0 if to <= from). */
  workingDaysBetween(from: string, to: string): number {
    const fromDay = parseCalendarDate(from);
    const toDay = parseCalendarDate(to);
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
    const { day, msOfDay } = splitChinaInstant(startMs);
    const startsOnWorkingDay = this.isWorkingEpochDay(day);
    let remaining = Math.round(hours * MS_PER_HOUR);
    if (remaining === 0) return startMs; // less than half a millisecond

    if (startsOnWorkingDay) {
      for (const [open, close] of this.sessions) {
        const from = Math.max(open, msOfDay);
        if (from >= close) continue;
        if (remaining <= close - from) return chinaInstantOf(day, from + remaining);
        remaining -= close - from;
      }
    }

    // Whole office days are skipped in one step: the k-th working day after `day` holds the end.
    const daysNeeded = Math.ceil(remaining / this.dayMs);
    const lastDay = this.nthWorkingDayAfter(day, daysNeeded);
    remaining -= (daysNeeded - 1) * this.dayMs;
    for (const [open, close] of this.sessions) {
      if (remaining <= close - open) return chinaInstantOf(lastDay, open + remaining);
      remaining -= close - open;
    }
    throw new Error('unreachable: remaining office time exceeds one office day');
  }

  /** Working hours (fractional) in office time between two instants (0 if end <= start). */
  workingHoursBetween(startMs: number, endMs: number): number {
    assertInstant(startMs, 'startMs');
    assertInstant(endMs, 'endMs');
    const start = splitChinaInstant(startMs);
    const end = splitChinaInstant(endMs);
    this.tableOfDay(start.day);
    this.tableOfDay(end.day);
    if (endMs <= startMs) return 0;

    // Office time up to `end` minus office time up to `start`, both measured from the start day's midnight.
    const wholeDays = end.day === start.day ? 0 : this.countWorkingDays(start.day - 1, end.day - 1);
    const ms = wholeDays * this.dayMs + this.officeMsUpTo(end.day, end.msOfDay) - this.officeMsUpTo(start.day, start.msOfDay);
    return ms / MS_PER_HOUR;
  }

  /**
   * The latest instant, not before `notBeforeMs`, from which `hours` working hours of office time are
   * left until `endMs` (the mirror of addWorkingHours, clamped): e.g. "2 working days (16 office hours)
   * before a deadline". null when less than that is left from `notBeforeMs` itself. Exact to the
   * millisecond; throws CalendarYearMissingError for a span touching an unknown year.
   */
  subtractWorkingHours(endMs: number, hours: number, notBeforeMs: number): number | null {
    if (this.workingHoursBetween(notBeforeMs, endMs) < hours) return null;
    // Office time left falls as the instant moves on: bisect between the earliest allowed instant and the end.
    let low = notBeforeMs;
    let high = endMs;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (this.workingHoursBetween(middle, endMs) >= hours) low = middle;
      else high = middle;
    }
    return low;
  }

  /** Office hours in one working day (8 with the default office hours): a rule's "working day" of office time. */
  get hoursPerDay(): number {
    return this.dayMs / MS_PER_HOUR;
  }

  /**
   * Deadline instant of a limit counted from an instant: workingDays → the afternoon close of
   * addWorkingDays(date of start in CST, n); workingHours → addWorkingHours.
   */
  deadline(startMs: number, limit: { unit: 'workingDays' | 'workingHours'; amount: number }): number {
    assertInstant(startMs, 'startMs');
    switch (limit.unit) {
      case 'workingDays': {
        const receipt = splitChinaInstant(startMs).day;
        const due = parseCalendarDate(this.addWorkingDays(formatEpochDay(receipt), limit.amount));
        return chinaInstantOf(due, this.sessions[this.sessions.length - 1]![1]);
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
    const year = civilOfEpochDay(day).year;
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
      const day = typeof date === 'string' ? tryParseCalendarDate(date) : null;
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
      if (yearValid && civilOfEpochDay(day).year !== yearNumber) {
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
  const first = epochDayOfCivil(calendarYear.year, 1, 1);
  const length = epochDayOfCivil(calendarYear.year + 1, 1, 1) - first;
  const working: boolean[] = [];
  for (let i = 0; i < length; i += 1) {
    const weekday = weekdayOf(first + i);
    working.push(weekday !== 0 && weekday !== 6);
  }
  for (const { date } of calendarYear.holidays) working[parseCalendarDate(date) - first] = false;
  for (const { date } of calendarYear.workdays) working[parseCalendarDate(date) - first] = true;
  const cumulative = [0];
  for (let i = 0; i < length; i += 1) cumulative.push(cumulative[i]! + (working[i] ? 1 : 0));
  return { year: calendarYear.year, first, working, cumulative };
}

function assertInstant(ms: number, what: string): void {
  if (!Number.isFinite(ms)) throw new RangeError(`${what} 须为有限的毫秒时间戳，收到 ${String(ms)}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
