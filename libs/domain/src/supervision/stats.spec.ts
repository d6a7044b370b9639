import fc from 'fast-check';
import { CALENDAR_YEARS } from '../calendar/calendar-data';
import { chinaDateOf, chinaDayOf, splitChinaInstant } from '../calendar/china-time';
import { WorkingCalendar } from '../calendar/working-calendar';
import {
  classifyFinish,
  earlyRate,
  handlingHours,
  measuredOfficeHours,
  onTimeRate,
  parseQuarter,
  percentileCont,
  periodBounds,
  quarterOf,
  satisfaction,
  speedUpRate,
  workingDayTable,
} from './stats';

const cst = (local: string) => Date.parse(`${local}:00+08:00`);
const calendar = new WorkingCalendar(CALENDAR_YEARS);

describe('efficiency statistics formulas', () => {
  it('calls a case finished a day or more before its deadline early, on the deadline day on time, after it overdue', () => {
    const deadline = cst('2024-09-24T18:00');
    expect(classifyFinish(cst('2024-09-23T17:59'), deadline)).toBe('early');
    expect(classifyFinish(cst('2024-09-24T08:30'), deadline)).toBe('onTime');
    expect(classifyFinish(deadline, deadline)).toBe('onTime');
    expect(classifyFinish(deadline + 1, deadline)).toBe('overdue');
    expect(classifyFinish(cst('2024-09-24T08:30'), null)).toBeNull();
  });

  it('gives 提前办结率 and 按时办结率 over finished cases, and no rate without any', () => {
    expect(earlyRate({ early: 2, finished: 4 })).toBe(0.5);
    expect(onTimeRate({ early: 2, onTime: 1, finished: 4 })).toBe(0.75);
    expect(onTimeRate({ early: 0, onTime: 0, finished: 0 })).toBeNull();
  });

  it('gives 提速率 as one minus promised over legal', () => {
    expect(speedUpRate(15, 30)).toBe(0.5);
    expect(speedUpRate(20, 20)).toBe(0);
    expect(speedUpRate(5, 0)).toBeNull();
  });

  it('counts 非常满意, 满意 and 基本满意 as satisfied (GB/T 39734)', () => {
    expect(satisfaction({ 1: 1, 2: 1, 4: 1 })).toEqual({ ratings: 3, satisfactionRate: 2 / 3, score: (100 + 80 + 40) / 3 });
    expect(satisfaction({})).toEqual({ ratings: 0, satisfactionRate: null, score: null });
  });

  it('measures handling time in office hours across a weekend and 中秋, less the 补正 pause', () => {
    // Fri 13 Sep 2024 10:00 → Sat 14 (调休, working) → 15–17 off → Wed 18 11:00: 6.5 + 8 + 2.5.
    expect(handlingHours(calendar, cst('2024-09-13T10:00'), cst('2024-09-18T11:00'), 0)).toBe(17);
    expect(handlingHours(calendar, cst('2024-09-20T09:00'), cst('2024-09-24T17:00'), 3)).toBe(19.5);
  });

  it('measures office hours for the projection, and none across a year the calendar lacks', () => {
    expect(measuredOfficeHours(calendar, cst('2024-09-20T09:00'), cst('2024-09-24T17:00'))).toBe(22.5);
    const gap = new WorkingCalendar(CALENDAR_YEARS.filter((y) => y.year !== 2025));
    expect(measuredOfficeHours(gap, cst('2024-12-30T09:00'), cst('2026-01-05T09:00'))).toBeNull();
    expect(measuredOfficeHours(gap, cst('2024-12-30T09:00'), cst('2024-12-31T09:00'))).toBe(8);
  });

  it('interpolates percentiles as PostgreSQL percentile_cont does', () => {
    expect(percentileCont([37.5, 11, 17, 19.5], 0.9)).toBeCloseTo(32.1, 10);
    expect(percentileCont([5], 0.9)).toBe(5);
    expect(percentileCont([], 0.5)).toBeNull();
  });

  it('builds a day table that measures office time exactly as the calendar does', () => {
    const table = workingDayTable(calendar);
    // By position, as the database reads it: index = the instant's China day − firstDay.
    const officeSeconds = (ms: number, i: number) => {
      if (!table.working[i]) return 0;
      const local = splitChinaInstant(ms).msOfDay / 1000;
      return table.sessions.reduce((sum, [open, close]) => sum + Math.min(Math.max(local - open, 0), close - open), 0);
    };
    const byTable = (start: number, end: number) => {
      const a = chinaDayOf(start) - table.firstDay;
      const b = chinaDayOf(end) - table.firstDay;
      expect(table.days[a]).toBe(chinaDateOf(start));
      return (table.workingDaysBefore[b]! - table.workingDaysBefore[a]!) * table.hoursPerDay + (officeSeconds(end, b) - officeSeconds(start, a)) / 3600;
    };
    const lo = Date.parse('2024-01-01T00:00:00+08:00');
    const hi = Date.parse('2026-12-31T23:00:00+08:00');
    fc.assert(
      fc.property(fc.integer({ min: lo, max: hi }), fc.integer({ min: 0, max: 90 * 86_400_000 }), (start, span) => {
        const end = Math.min(hi, start + span);
        expect(byTable(start, end)).toBeCloseTo(calendar.workingHoursBetween(start, end), 6);
      }),
      { numRuns: 300 },
    );
    expect(table.hoursPerDay).toBe(8);
    expect(new Set(table.segment)).toEqual(new Set([0]));
  });

  it('starts a new segment where a year is missing', () => {
    const gap = new WorkingCalendar(CALENDAR_YEARS.filter((y) => y.year !== 2025));
    const table = workingDayTable(gap);
    expect(table.segment[table.days.indexOf('2024-12-31')]).toBe(0);
    expect(table.segment[table.days.indexOf('2026-01-01')]).toBe(1);
    expect(table.workingDaysBefore[table.days.indexOf('2026-01-01')]).toBe(0);
  });

  it("keeps every day in its place, the missing year's days null", () => {
    const gap = new WorkingCalendar(CALENDAR_YEARS.filter((y) => y.year !== 2025));
    const table = workingDayTable(gap);
    expect(table.firstDay).toBe(chinaDayOf(Date.parse('2024-01-01T00:00:00+08:00')));
    expect(table.days).toHaveLength(366 + 365 + 365);
    table.days.forEach((date, i) => expect(chinaDayOf(Date.parse(`${date}T12:00:00+08:00`)) - table.firstDay).toBe(i));
    const inGap = table.days.indexOf('2025-06-30');
    expect([table.working[inGap], table.workingDaysBefore[inGap], table.segment[inGap]]).toEqual([null, null, null]);
    expect(table.working[table.days.indexOf('2026-06-30')]).toBe(true);
    expect(workingDayTable(new WorkingCalendar([]))).toMatchObject({ firstDay: 0, days: [], working: [] });
  });

  it('reads quarters and periods in China time', () => {
    expect(parseQuarter('2026Q3')).toEqual({ id: '2026Q3', year: 2026, quarter: 3, from: '2026-07-01', to: '2026-09-30' });
    expect(parseQuarter('2024Q1')?.to).toBe('2024-03-31');
    expect(parseQuarter('2026Q5')).toBeNull();
    expect(parseQuarter('26Q1')).toBeNull();
    expect(quarterOf(Date.parse('2026-09-30T16:30:00Z')).id).toBe('2026Q4');
    expect(periodBounds('2026-07-01', '2026-09-30')).toEqual({ fromMs: Date.parse('2026-06-30T16:00:00Z'), toMs: Date.parse('2026-09-30T16:00:00Z') });
  });
});
