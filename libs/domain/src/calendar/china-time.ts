/**
 * China Standard Time (北京时间) and office hours (办公时间): the one place where instants become China
 * dates and wall-clock times and back, and where the office's hours are read.
 *
 * Bundled into Temporal workflows, so everything here is plain arithmetic: instants are epoch
 * milliseconds read with a fixed +08:00 offset (China has kept no daylight saving since 1991), dates are
 * 'YYYY-MM-DD' strings or epoch days (days since 1970-01-01, a Thursday), and nothing reads the clock,
 * the host time zone or a locale. Callers pass "now" (the API its clock, a workflow the workflow clock).
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
/** China Standard Time, UTC+8 all year. */
export const CHINA_OFFSET_MS = 8 * MS_PER_HOUR;

// ------------------------------------------------------------------ instants

/** The China day an instant falls on (epoch day) and the milliseconds since that day's midnight. */
export function splitChinaInstant(ms: number): { day: number; msOfDay: number } {
  const local = ms + CHINA_OFFSET_MS;
  const day = Math.floor(local / MS_PER_DAY);
  return { day, msOfDay: local - day * MS_PER_DAY };
}

/** The instant `msOfDay` after midnight China time of an epoch day. */
export function chinaInstantOf(day: number, msOfDay: number): number {
  return day * MS_PER_DAY + msOfDay - CHINA_OFFSET_MS;
}

/** The epoch day an instant falls on in China. */
export function chinaDayOf(ms: number): number {
  return Math.floor((ms + CHINA_OFFSET_MS) / MS_PER_DAY);
}

/** The date (YYYY-MM-DD) an instant falls on in China Standard Time. */
export function chinaDateOf(ms: number): string {
  return formatEpochDay(chinaDayOf(ms));
}

/** Year, month (1–12) and day of the month an instant falls on in China. */
export function chinaDatePartsOf(ms: number): { year: number; month: number; day: number } {
  return civilOfEpochDay(chinaDayOf(ms));
}

/** 'YYYY-MM-DD HH:mm', the instant's China wall-clock time to the minute (seconds dropped). */
export function chinaDateTimeOf(ms: number): string {
  const { day, msOfDay } = splitChinaInstant(ms);
  const minutes = Math.floor(msOfDay / MS_PER_MINUTE);
  return `${formatEpochDay(day)} ${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/**
 * The instant of a China wall-clock time ('HH:MM', default midnight) on a date. Throws RangeError for a
 * date that does not exist or a malformed time; '24:00' is the next day's midnight.
 */
export function chinaInstant(date: string, time = '00:00'): number {
  return chinaInstantOf(parseCalendarDate(date), parseClockTime(time));
}

// ------------------------------------------------------------------ dates

/** A 'YYYY-MM-DD' string naming a day that exists (2026-02-28, not 2026-02-30). */
export function isCalendarDate(value: unknown): value is string {
  return typeof value === 'string' && tryParseCalendarDate(value) !== null;
}

/** The epoch day of a 'YYYY-MM-DD' date; throws RangeError for one that does not exist. */
export function parseCalendarDate(date: string): number {
  const day = typeof date === 'string' ? tryParseCalendarDate(date) : null;
  if (day === null) throw new RangeError(`日期“${String(date)}”无效（须为 YYYY-MM-DD 格式的真实日期）`);
  return day;
}

/** The epoch day of a 'YYYY-MM-DD' date, or null for a malformed or non-existent one. */
export function tryParseCalendarDate(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const dayOfMonth = Number(match[3]);
  if (month < 1 || month > 12 || dayOfMonth < 1) return null;
  const day = epochDayOfCivil(year, month, dayOfMonth);
  // Out-of-range days of month (02-30) roll into the next month: the round trip catches them.
  const back = civilOfEpochDay(day);
  return back.month === month && back.day === dayOfMonth ? day : null;
}

/** 'YYYY-MM-DD' of an epoch day. */
export function formatEpochDay(day: number): string {
  const { year, month, day: dayOfMonth } = civilOfEpochDay(day);
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(dayOfMonth)}`;
}

/** 0 = Sunday … 6 = Saturday; epoch day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

// Proleptic Gregorian conversions (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").

/** The epoch day of a year, month (1–12) and day of the month (no range check: 02-30 is 03-02). */
export function epochDayOfCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function civilOfEpochDay(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

// ------------------------------------------------------------------ office hours

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

/** One office session as [open, close], milliseconds after midnight China time. */
export type OfficeSession = readonly [open: number, close: number];

/** The two sessions, checked (HH:MM, morning open < morning close ≤ afternoon open < afternoon close); throws RangeError. */
export function officeSessions(officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): [OfficeSession, OfficeSession] {
  const [morningOpen, morningClose, afternoonOpen, afternoonClose] = [...officeHours.morning, ...officeHours.afternoon].map((time) => {
    const ms = tryParseClockTime(time);
    if (ms === null) throw new RangeError(`办公时间“${time}”无效（须为 HH:MM）`);
    return ms;
  }) as [number, number, number, number];
  if (!(morningOpen < morningClose && morningClose <= afternoonOpen && afternoonOpen < afternoonClose)) {
    throw new RangeError('办公时间须为上午开始 < 上午结束 ≤ 下午开始 < 下午结束');
  }
  return [
    [morningOpen, morningClose],
    [afternoonOpen, afternoonClose],
  ];
}

/** Office hours in one working day (8 by default): what a rule's "working day" of office time is. */
export function officeHoursPerDay(officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): number {
  return officeSessions(officeHours).reduce((sum, [open, close]) => sum + (close - open), 0) / MS_PER_HOUR;
}

/** The office's opening (the morning session's start, 08:30) on the China day an instant falls on. */
export function officeOpensOnDayOf(ms: number, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): number {
  return chinaInstantOf(chinaDayOf(ms), officeSessions(officeHours)[0][0]);
}

/** The office's opening (08:30 by default) on a date. */
export function officeOpensOn(date: string, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): number {
  return chinaInstantOf(parseCalendarDate(date), officeSessions(officeHours)[0][0]);
}

/** The office's close (the afternoon session's end, 18:00 by default) on a date: a period in days ends then on its last day. */
export function officeClosesOn(date: string, officeHours: OfficeHours = DEFAULT_OFFICE_HOURS): number {
  return chinaInstantOf(parseCalendarDate(date), officeSessions(officeHours)[1][1]);
}

// ------------------------------------------------------------------ internals

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Milliseconds after midnight of 'HH:MM' (00:00–24:00), or null. */
function tryParseClockTime(time: string): number | null {
  const match = typeof time === 'string' ? /^(\d{2}):(\d{2})$/u.exec(time) : null;
  const hour = match ? Number(match[1]) : NaN;
  const minute = match ? Number(match[2]) : NaN;
  if (!(hour <= 23 && minute <= 59) && !(hour === 24 && minute === 0)) return null;
  return (hour * 60 + minute) * MS_PER_MINUTE;
}

function parseClockTime(time: string): number {
  const ms = tryParseClockTime(time);
  if (ms === null) throw new RangeError(`时刻“${String(time)}”无效（须为 HH:MM）`);
  return ms;
}
