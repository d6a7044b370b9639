import {
  type CalendarYear,
  chinaDateOf,
  chinaDayOf,
  DEFAULT_OFFICE_HOURS,
  epochDayOfCivil,
  formatEpochDay,
  measuredOfficeHours,
  MS_PER_DAY,
  type OfficeHours,
  weekdayOf,
  WorkingCalendar,
  workingDayTable,
} from '#domain';
import { createDataSource } from '#persistence';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { createScratchDatabase, dropScratchDatabase } from '../../../test/test-database';

// The SQL functions of migration OfficeHoursFunctions against libs/domain, on the real PostgreSQL: the
// statistics' office hours (office_hours_between) equal WorkingCalendar's on random calendars, office
// hours and intervals, and the China day of an instant is chinaDayOf's.

const FIRST_YEAR = 2023;
const LAST_YEAR = 2028;

/** A year with random holidays on weekdays and random adjusted working days on weekends. */
function yearArbitrary(year: number): fc.Arbitrary<CalendarYear> {
  const first = epochDayOfCivil(year, 1, 1);
  const days = epochDayOfCivil(year + 1, 1, 1) - first;
  return fc.uniqueArray(fc.integer({ min: 0, max: days - 1 }), { maxLength: 40 }).map((offsets) => {
    const holidays: CalendarYear['holidays'] = [];
    const workdays: CalendarYear['workdays'] = [];
    for (const offset of [...offsets].sort((a, b) => a - b)) {
      const day = first + offset;
      const weekend = weekdayOf(day) === 0 || weekdayOf(day) === 6;
      (weekend ? workdays : holidays).push({ date: formatEpochDay(day), name: weekend ? '调休上班' : '节假日' });
    }
    return { year, holidays, workdays };
  });
}

/** Some of the years FIRST_YEAR..LAST_YEAR (gaps included), each with its own days off. */
const calendarArbitrary: fc.Arbitrary<CalendarYear[]> = fc
  .subarray(
    Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i),
    { minLength: 1 },
  )
  .chain((years) => fc.tuple(...years.map(yearArbitrary)));

const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Two sessions, morning open < morning close ≤ afternoon open < afternoon close, to the minute. */
const officeHoursArbitrary: fc.Arbitrary<OfficeHours> = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 0, max: 24 * 60 }), { minLength: 4, maxLength: 4 }), fc.boolean())
  .map(([times, noLunch]) => {
    const [a, b, c, d] = [...times].sort((x, y) => x - y) as [number, number, number, number];
    return { morning: [clock(a), clock(b)], afternoon: [clock(noLunch ? b : c), clock(d)] };
  });

/** Instants from ten days before the first year to ten days after the last, to the millisecond. */
const instantArbitrary = fc.integer({ min: Date.UTC(FIRST_YEAR, 0, 1) - 10 * MS_PER_DAY, max: Date.UTC(LAST_YEAR + 1, 0, 1) + 10 * MS_PER_DAY });

const intervalArbitrary = fc.record({
  start: instantArbitrary,
  // Mostly forward, up to about a year; sometimes backwards or empty.
  span: fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 400 * MS_PER_DAY }) },
    { weight: 1, arbitrary: fc.integer({ min: -30 * MS_PER_DAY, max: 0 }) },
  ),
  less: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 200, noNaN: true })),
});

describe('office hours in SQL (migration OfficeHoursFunctions)', () => {
  let url: string;
  let dataSource: DataSource;
  beforeAll(async () => {
    url = await createScratchDatabase(process.env.DATABASE_URL!, 'zwt_office_hours');
    dataSource = await createDataSource({ DATABASE_URL: url, DATABASE_POOL_SIZE: 1 }).initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await dropScratchDatabase(url);
  });

  /** office_hours_between over the intervals, by one calendar's day table, in one statement. */
  async function inSql(calendar: WorkingCalendar, intervals: { start: number; end: number; less: number }[]): Promise<(number | null)[]> {
    const table = workingDayTable(calendar);
    const [[morningOpen, morningClose], [afternoonOpen, afternoonClose]] = table.sessions as [[number, number], [number, number]];
    const rows: { hours: number | null }[] = await dataSource.query(
      `SELECT office_hours_between(x.start_at, x.end_at, x.less, $4::int, $5::int[], $6::bool[], $7::int[], $8::int, $9::int, $10::int, $11::int) AS hours
       FROM unnest($1::timestamptz[], $2::timestamptz[], $3::float8[]) WITH ORDINALITY AS x(start_at, end_at, less, n) ORDER BY x.n`,
      [
        intervals.map((i) => new Date(i.start)),
        intervals.map((i) => new Date(i.end)),
        intervals.map((i) => i.less),
        table.firstDay,
        table.workingDaysBefore,
        table.working,
        table.segment,
        morningOpen,
        morningClose,
        afternoonOpen,
        afternoonClose,
      ],
    );
    return rows.map((r) => r.hours);
  }

  /** What libs/domain says: the handling hours (office time less the pauses, at least 0), or null where it lacks a year. */
  function inDomain(calendar: WorkingCalendar, { start, end, less }: { start: number; end: number; less: number }): number | null {
    const office = measuredOfficeHours(calendar, start, end);
    return office === null ? null : Math.max(0, office - less);
  }

  function expectEqual(actual: (number | null)[], expected: (number | null)[]): void {
    expect(actual.map((a) => a === null)).toEqual(expected.map((e) => e === null));
    actual.forEach((a, i) => {
      if (a !== null) expect(a).toBeCloseTo(expected[i]!, 9);
    });
  }

  it('equals WorkingCalendar on random calendars, office hours and intervals', async () => {
    await fc.assert(
      fc.asyncProperty(
        calendarArbitrary,
        officeHoursArbitrary,
        fc.array(intervalArbitrary, { minLength: 1, maxLength: 60 }),
        async (years, officeHours, draws) => {
          const calendar = new WorkingCalendar(years, officeHours);
          const intervals = draws.map(({ start, span, less }) => ({ start, end: start + span, less }));
          expectEqual(
            await inSql(calendar, intervals),
            intervals.map((i) => inDomain(calendar, i)),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('equals WorkingCalendar on the default office hours over spans that start and end at session edges', async () => {
    const edges = ['00:00', '08:29', '08:30', '10:00', '12:00', '13:00', '13:30', '17:59', '18:00', '23:59'];
    const at = fc.tuple(fc.integer({ min: epochDayOfCivil(FIRST_YEAR, 1, 1) - 3, max: epochDayOfCivil(LAST_YEAR, 12, 31) + 3 }), fc.constantFrom(...edges));
    const instant = at.map(([day, time]) => Date.parse(`${formatEpochDay(day)}T${time}:00+08:00`));
    await fc.assert(
      fc.asyncProperty(calendarArbitrary, fc.array(fc.tuple(instant, instant), { minLength: 1, maxLength: 60 }), async (years, pairs) => {
        const calendar = new WorkingCalendar(years, DEFAULT_OFFICE_HOURS);
        const intervals = pairs.map(([start, end]) => ({ start, end, less: 0 }));
        expectEqual(
          await inSql(calendar, intervals),
          intervals.map((i) => inDomain(calendar, i)),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('is NULL without a calendar, and 0 for an empty span in a known year', async () => {
    const none = new WorkingCalendar([]);
    expect(await inSql(none, [{ start: Date.UTC(2026, 2, 2), end: Date.UTC(2026, 2, 3), less: 0 }])).toEqual([null]);
    const one = new WorkingCalendar([{ year: 2026, holidays: [], workdays: [] }]);
    const monday = Date.parse('2026-03-02T10:00:00+08:00');
    expect(
      await inSql(one, [
        { start: monday, end: monday, less: 0 },
        { start: monday, end: monday + 3_600_000, less: 0.25 },
      ]),
    ).toEqual([0, 0.75]);
  });

  it('reads the China day and date of an instant as libs/domain does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), { minLength: 1, maxLength: 100 }), async (instants) => {
        const rows: { day: number; date: string }[] = await dataSource.query(
          `SELECT china_epoch_day(x.at) AS day, to_char(china_date(x.at), 'YYYY-MM-DD') AS date FROM unnest($1::timestamptz[]) WITH ORDINALITY AS x(at, n) ORDER BY x.n`,
          [instants.map((ms) => new Date(ms))],
        );
        expect(rows).toEqual(instants.map((ms) => ({ day: chinaDayOf(ms), date: chinaDateOf(ms) })));
      }),
      { numRuns: 30 },
    );
  });
});
