import fc from 'fast-check';
import {
  chinaDateOf,
  chinaDatePartsOf,
  chinaDateTimeOf,
  chinaDayOf,
  chinaInstant,
  chinaInstantOf,
  DEFAULT_OFFICE_HOURS,
  formatEpochDay,
  isCalendarDate,
  officeClosesOn,
  officeHoursPerDay,
  officeOpensOn,
  officeOpensOnDayOf,
  officeSessions,
  parseCalendarDate,
  splitChinaInstant,
  tryParseCalendarDate,
  weekdayOf,
} from './china-time';

const HOUR = 3_600_000;
/** Instants from 1900 to 2100, to the millisecond. */
const instants = fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) });

describe('China Standard Time of an instant', () => {
  it('gives the date in China, whatever the host', () => {
    expect(chinaDateOf(Date.parse('2026-11-27T15:59:59.999Z'))).toBe('2026-11-27');
    expect(chinaDateOf(Date.parse('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
    expect(chinaDateOf(Date.parse('1969-12-31T16:00:00Z'))).toBe('1970-01-01');
    expect(chinaDateOf(Date.parse('1969-12-31T15:59:59Z'))).toBe('1969-12-31');
  });

  it('agrees with the ISO reading of the instant moved by eight hours', () => {
    fc.assert(
      fc.property(instants, (ms) => {
        const iso = new Date(ms + 8 * HOUR).toISOString();
        expect(chinaDateOf(ms)).toBe(iso.slice(0, 10));
        expect(chinaDateTimeOf(ms)).toBe(iso.slice(0, 16).replace('T', ' '));
        expect(chinaDatePartsOf(ms)).toEqual({ year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) });
      }),
    );
  });

  it('splits an instant into its China day and time of day, and back', () => {
    fc.assert(
      fc.property(instants, (ms) => {
        const { day, msOfDay } = splitChinaInstant(ms);
        expect(day).toBe(chinaDayOf(ms));
        expect(msOfDay).toBeGreaterThanOrEqual(0);
        expect(msOfDay).toBeLessThan(24 * HOUR);
        expect(chinaInstantOf(day, msOfDay)).toBe(ms);
      }),
    );
  });

  it('reads a China wall-clock time on a date as the instant ISO 8601 gives with +08:00', () => {
    expect(chinaInstant('2026-03-02')).toBe(Date.parse('2026-03-02T00:00:00+08:00'));
    expect(chinaInstant('2026-03-02', '18:00')).toBe(Date.parse('2026-03-02T18:00:00+08:00'));
    expect(chinaInstant('2026-12-31', '24:00')).toBe(Date.parse('2027-01-01T00:00:00+08:00'));
    fc.assert(
      fc.property(instants, (ms) => {
        const minute = ms - (ms % 60_000);
        const [date, time] = chinaDateTimeOf(minute).split(' ') as [string, string];
        expect(chinaInstant(date, time)).toBe(minute);
      }),
    );
  });

  it('refuses a date that does not exist and a malformed time', () => {
    expect(() => chinaInstant('2026-02-30')).toThrow(RangeError);
    expect(() => chinaInstant('2026-2-3')).toThrow(RangeError);
    expect(() => chinaInstant('2026-03-02', '8:30')).toThrow(RangeError);
    expect(() => chinaInstant('2026-03-02', '24:01')).toThrow(RangeError);
  });
});

describe('calendar dates', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-04-31', false],
    ['0001-01-01', true],
    ['9999-12-31', true],
    ['2026-1-01', false],
    [' 2026-01-01', false],
    [20260101, false],
    [null, false],
  ])('reads %s as a calendar date: %s', (value, ok) => {
    expect(isCalendarDate(value)).toBe(ok);
    if (typeof value === 'string') expect(tryParseCalendarDate(value) !== null).toBe(ok);
  });

  it('numbers days from 1970-01-01 (a Thursday) and writes them back', () => {
    expect(parseCalendarDate('1970-01-01')).toBe(0);
    expect(weekdayOf(0)).toBe(4);
    expect(weekdayOf(parseCalendarDate('2026-03-02'))).toBe(1);
    fc.assert(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }), (day) => {
        const date = formatEpochDay(day);
        expect(parseCalendarDate(date)).toBe(day);
        const utc = new Date(day * 86_400_000);
        expect(weekdayOf(day)).toBe(utc.getUTCDay());
        if (utc.getUTCFullYear() >= 1000 && utc.getUTCFullYear() <= 9999) expect(date).toBe(utc.toISOString().slice(0, 10));
      }),
    );
  });
});

describe('office hours', () => {
  it('are 08:30–12:00 and 13:30–18:00 by default, 8 hours a day', () => {
    expect(DEFAULT_OFFICE_HOURS).toEqual({ morning: ['08:30', '12:00'], afternoon: ['13:30', '18:00'] });
    expect(officeHoursPerDay()).toBe(8);
    expect(officeSessions()).toEqual([
      [8.5 * HOUR, 12 * HOUR],
      [13.5 * HOUR, 18 * HOUR],
    ]);
  });

  it('open and close on a date in China time', () => {
    expect(officeOpensOn('2026-03-02')).toBe(Date.parse('2026-03-02T08:30:00+08:00'));
    expect(officeClosesOn('2026-03-02')).toBe(Date.parse('2026-03-02T18:00:00+08:00'));
    const seven = { morning: ['09:00', '12:00'], afternoon: ['13:00', '17:00'] } as typeof DEFAULT_OFFICE_HOURS;
    expect(officeOpensOn('2026-03-02', seven)).toBe(Date.parse('2026-03-02T09:00:00+08:00'));
    expect(officeClosesOn('2026-03-02', seven)).toBe(Date.parse('2026-03-02T17:00:00+08:00'));
    expect(officeHoursPerDay(seven)).toBe(7);
  });

  it('open on the China day an instant falls on, not the UTC one', () => {
    // 2026-03-03T07:00+08:00 is still Monday 23:00 in UTC.
    expect(officeOpensOnDayOf(Date.parse('2026-03-03T07:00:00+08:00'))).toBe(Date.parse('2026-03-03T08:30:00+08:00'));
    expect(officeOpensOnDayOf(Date.parse('2026-03-03T23:59:59+08:00'))).toBe(Date.parse('2026-03-03T08:30:00+08:00'));
    fc.assert(
      fc.property(instants, (ms) => {
        expect(officeOpensOnDayOf(ms)).toBe(officeOpensOn(chinaDateOf(ms)));
      }),
    );
  });

  it.each([
    { morning: ['8:30', '12:00'], afternoon: ['13:30', '18:00'] },
    { morning: ['08:30', '12:00'], afternoon: ['11:30', '18:00'] },
    { morning: ['12:00', '08:30'], afternoon: ['13:30', '18:00'] },
    { morning: ['08:30', '12:00'], afternoon: ['13:30', '24:30'] },
  ])('refuses office hours out of order or malformed: %j', (officeHours) => {
    expect(() => officeSessions(officeHours as typeof DEFAULT_OFFICE_HOURS)).toThrow(RangeError);
  });
});
