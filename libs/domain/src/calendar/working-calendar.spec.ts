import { isWorkday } from 'chinese-days';
import chineseDaysJson from 'chinese-days/dist/chinese-days.json';
import fc from 'fast-check';
import { CALENDAR_YEARS } from './calendar-data';
import { DEFAULT_OFFICE_HOURS } from './china-time';
import { CalendarYear, CalendarYearMissingError, validateCalendarYear, WorkingCalendar } from './working-calendar';

const HOUR = 3_600_000;

/** An instant given as China Standard Time wall-clock, e.g. cst('2026-02-13T17:00'). */
function cst(local: string): number {
  return Date.parse(`${local}:00+08:00`);
}

/** The China Standard Time wall-clock of an instant, 'YYYY-MM-DDTHH:MM' (seconds must be zero). */
function wall(ms: number): string {
  const iso = new Date(ms + 8 * HOUR).toISOString();
  expect(iso.slice(16)).toBe(':00.000Z');
  return iso.slice(0, 16);
}

function makeCalendar(years: readonly CalendarYear[] = CALENDAR_YEARS): WorkingCalendar {
  return new WorkingCalendar(years);
}

function makeYear(overrides: Partial<CalendarYear> = {}): CalendarYear {
  return { year: 2026, holidays: [], workdays: [], ...overrides };
}

function allDatesOf(year: number): string[] {
  const dates: string[] = [];
  for (let ms = Date.UTC(year, 0, 1); ms < Date.UTC(year + 1, 0, 1); ms += 24 * HOUR) {
    dates.push(new Date(ms).toISOString().slice(0, 10));
  }
  return dates;
}

function missingYearOf(action: () => unknown): number | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof CalendarYearMissingError) return error.year;
    throw error;
  }
  return undefined;
}

const calendar = makeCalendar();

describe('WorkingCalendar data (chinese-days 1.5.7)', () => {
  it('knows 2024, 2025 and 2026', () => {
    expect(calendar.years).toEqual([2024, 2025, 2026]);
  });

  // chinese-days 1.5.7 builds its tables with host-local Date arithmetic and parses 'YYYY-MM-DD' as UTC, so
  // its isWorkday is a day off on hosts west of UTC (checked under TZ=America/Los_Angeles). Its shipped JSON
  // (what calendar-data.ts was generated from) does not depend on the host, so it is compared everywhere.
  const hostEastOfUtc = new Date(2026, 0, 1).getTimezoneOffset() <= 0;
  (hostEastOfUtc ? it.each : it.skip.each)([2024, 2025, 2026])('agrees with chinese-days isWorkday on every day of %i', (year) => {
    const dates = allDatesOf(year);
    expect(dates).toHaveLength(year === 2024 ? 366 : 365);
    const disagreements = dates.filter((date) => calendar.isWorkingDay(date) !== isWorkday(date));
    expect(disagreements).toEqual([]);
  });

  it.each([2024, 2025, 2026])('agrees with the chinese-days data file on every day of %i', (year) => {
    const isWeekend = (date: string): boolean => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
    const expected = (date: string): boolean => date in chineseDaysJson.workdays || (!isWeekend(date) && !(date in chineseDaysJson.holidays));
    const disagreements = allDatesOf(year).filter((date) => calendar.isWorkingDay(date) !== expected(date));
    expect(disagreements).toEqual([]);
  });

  it('has 春节 2026 off from 02-15 to 02-23, with Saturdays 02-14 and 02-28 worked', () => {
    for (let day = 15; day <= 23; day += 1) expect(calendar.isWorkingDay(`2026-02-${day}`)).toBe(false);
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-13')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-24')).toBe(true);
  });

  it('has 国庆 2026 off from 10-01 to 10-07, with Sunday 09-20 and Saturday 10-10 worked', () => {
    for (let day = 1; day <= 7; day += 1) expect(calendar.isWorkingDay(`2026-10-0${day}`)).toBe(false);
    expect(calendar.isWorkingDay('2026-09-20')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-10-11')).toBe(false); // an ordinary Sunday
  });

  it('treats ordinary weekends as days off and ordinary weekdays as working days', () => {
    expect(calendar.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2026-03-08')).toBe(false); // Sunday
    expect(calendar.isWorkingDay('2026-03-09')).toBe(true); // Monday
    expect(calendar.isWorkingDay('2024-02-29')).toBe(true); // leap day, Thursday
  });

  it('finds no problem in the generated years', () => {
    for (const year of CALENDAR_YEARS) expect(validateCalendarYear(year)).toEqual([]);
  });
});

describe('WorkingCalendar.addWorkingDays', () => {
  it('counts from the day after receipt', () => {
    // Mon 2026-03-02 → Tue 03-03 is the first working day.
    expect(calendar.addWorkingDays('2026-03-02', 1)).toBe('2026-03-03');
    // Mon 03-02 + 5 → 03-03, 04, 05, 06, (weekend) 09.
    expect(calendar.addWorkingDays('2026-03-02', 5)).toBe('2026-03-09');
  });

  it('skips the weekend after a receipt on a Friday', () => {
    // Fri 2026-03-06 → Sat, Sun off → Mon 03-09.
    expect(calendar.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
  });

  it('spans 春节 2026 from a Friday receipt, using the adjusted working Saturdays', () => {
    // Fri 02-13 received: 1 = Sat 02-14 (调休上班); 02-15..02-23 off; 2 = Tue 02-24, 3 = 02-25, 4 = 02-26,
    // 5 = 02-27, 6 = Sat 02-28 (调休上班), 7 = Mon 03-02.
    expect(calendar.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-13', 6)).toBe('2026-02-28');
    expect(calendar.addWorkingDays('2026-02-13', 7)).toBe('2026-03-02');
    // Thu 02-12 received: 02-13, 02-14, 02-24, 02-25, 02-26 → the 5th is 02-26.
    expect(calendar.addWorkingDays('2026-02-12', 5)).toBe('2026-02-26');
  });

  it('counts a receipt on a holiday from the first working day after it', () => {
    // Wed 2026-02-18 (春节): next working days 02-24, 02-25, 02-26.
    expect(calendar.addWorkingDays('2026-02-18', 1)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-18', 3)).toBe('2026-02-26');
    // Sat 2026-10-03 (国庆): first working day is Thu 10-08.
    expect(calendar.addWorkingDays('2026-10-03', 1)).toBe('2026-10-08');
  });

  it('counts a receipt on an adjusted working Saturday from the next day', () => {
    // Sat 02-14 (调休上班) received: 02-15..02-23 off; 02-24, 25, 26, 27, Sat 28 → the 5th is 02-28, the 6th 03-02.
    expect(calendar.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-14', 5)).toBe('2026-02-28');
    expect(calendar.addWorkingDays('2026-02-14', 6)).toBe('2026-03-02');
  });

  it('spans 国庆 2026 with the adjusted working Sunday 09-20 and Saturday 10-10', () => {
    // Fri 09-18 received: 1 = Sun 09-20; 2..5 = 09-21..09-24; Fri 09-25 中秋 off; 6..8 = 09-28..09-30;
    // 10-01..10-07 off; 9 = Thu 10-08, 10 = Fri 10-09, 11 = Sat 10-10, 12 = Mon 10-12.
    expect(calendar.addWorkingDays('2026-09-18', 1)).toBe('2026-09-20');
    expect(calendar.addWorkingDays('2026-09-18', 5)).toBe('2026-09-24');
    expect(calendar.addWorkingDays('2026-09-18', 6)).toBe('2026-09-28');
    expect(calendar.addWorkingDays('2026-09-18', 9)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-09-18', 11)).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-09-18', 12)).toBe('2026-10-12');
    // Wed 09-30 received: 10-08, 10-09, Sat 10-10, Mon 10-12.
    expect(calendar.addWorkingDays('2026-09-30', 1)).toBe('2026-10-08');
    expect(calendar.addWorkingDays('2026-09-30', 3)).toBe('2026-10-10');
    expect(calendar.addWorkingDays('2026-09-30', 4)).toBe('2026-10-12');
  });

  it('spans 国庆 2025 (10-01..10-08 off, Sunday 09-28 and Saturday 10-11 worked)', () => {
    // Fri 2025-09-26 received: 1 = Sun 09-28, 2 = 09-29, 3 = 09-30, 4 = Thu 10-09, 5 = Fri 10-10,
    // 6 = Sat 10-11, 7 = Mon 10-13.
    expect(calendar.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(calendar.addWorkingDays('2025-09-26', 3)).toBe('2025-09-30');
    expect(calendar.addWorkingDays('2025-09-26', 4)).toBe('2025-10-09');
    expect(calendar.addWorkingDays('2025-09-26', 6)).toBe('2025-10-11');
    expect(calendar.addWorkingDays('2025-09-26', 7)).toBe('2025-10-13');
    // Received on a holiday, 2025-10-05.
    expect(calendar.addWorkingDays('2025-10-05', 1)).toBe('2025-10-09');
  });

  it('crosses New Year 2025/2026 into the adjusted working Sunday 2026-01-04', () => {
    // Fri 2025-12-26: 12-29, 12-30, 12-31; 2026-01-01 and 01-02 off, Sat 01-03 off; Sun 01-04 worked; Mon 01-05.
    expect(calendar.addWorkingDays('2025-12-26', 3)).toBe('2025-12-31');
    expect(calendar.addWorkingDays('2025-12-26', 4)).toBe('2026-01-04');
    expect(calendar.addWorkingDays('2025-12-26', 5)).toBe('2026-01-05');
  });

  it('makes 20 working days a longer calendar span across 春节 than in an ordinary month', () => {
    // Ordinary: Mon 2026-03-02 + 20 → 03-03..03-06 (4), 03-09..13 (9), 16..20 (14), 23..27 (19), Mon 03-30 (20):
    // 28 calendar days.
    expect(calendar.addWorkingDays('2026-03-02', 20)).toBe('2026-03-30');
    // Across 春节: Fri 02-13 + 20 → 02-14 (1), 02-24..02-28 (6), 03-02..06 (11), 09..13 (16), 16..19 (20):
    // 2026-03-19, 34 calendar days.
    expect(calendar.addWorkingDays('2026-02-13', 20)).toBe('2026-03-19');
    // Across 国庆: Fri 09-18 + 20 → …, 10-12 (12), 10-13..16 (16), 10-19..22 (20): 2026-10-22, 34 calendar days.
    expect(calendar.addWorkingDays('2026-09-18', 20)).toBe('2026-10-22');
  });

  it('always lands on a working day, strictly after receipt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 2 }), fc.integer({ min: 1, max: 120 }), (offset, n) => {
        const receipt = new Date(Date.UTC(2024, 0, 1) + offset * 24 * HOUR).toISOString().slice(0, 10);
        const due = calendar.addWorkingDays(receipt, n);
        expect(due > receipt).toBe(true);
        expect(calendar.isWorkingDay(due)).toBe(true);
      }),
    );
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses n = %p', (n) => {
    expect(() => calendar.addWorkingDays('2026-03-02', n)).toThrow(RangeError);
  });

  it.each(['2026-2-3', '2026-02-30', '20260302', '', '2026-13-01'])('refuses the malformed date %p', (date) => {
    expect(() => calendar.addWorkingDays(date, 1)).toThrow(RangeError);
    expect(() => calendar.isWorkingDay(date)).toThrow(RangeError);
  });

  // How fast: `npm run bench:flow` prints the calendar's per-call times (no timed assertions in tests).
  it('counts a few hundred working days into the next years the same way each time', () => {
    const end = calendar.addWorkingDays('2024-01-02', 500);
    expect(end > '2025-12-31').toBe(true);
    expect(calendar.workingDaysBetween('2024-01-02', end)).toBe(500);
  });
});

describe('WorkingCalendar.workingDaysBetween', () => {
  it('counts working days after `from` up to and including `to`', () => {
    expect(calendar.workingDaysBetween('2026-02-13', '2026-03-19')).toBe(20);
    expect(calendar.workingDaysBetween('2026-02-13', '2026-02-23')).toBe(1); // only Sat 02-14
    expect(calendar.workingDaysBetween('2026-09-30', '2026-10-07')).toBe(0);
    expect(calendar.workingDaysBetween('2025-12-26', '2026-01-05')).toBe(5);
  });

  it('is 0 when `to` is not after `from`', () => {
    expect(calendar.workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
    expect(calendar.workingDaysBetween('2026-03-09', '2026-03-02')).toBe(0);
  });

  it('counts whole years', () => {
    // 2026 starts on a Thursday: 52 weeks + 1 Thursday = 261 weekdays − 19 weekday holidays + 6 adjusted
    // weekend days = 248.
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });

  it('is the inverse of addWorkingDays', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 2 + 60 }), fc.integer({ min: 1, max: 120 }), (offset, n) => {
        const receipt = new Date(Date.UTC(2024, 0, 1) + offset * 24 * HOUR).toISOString().slice(0, 10);
        const due = calendar.addWorkingDays(receipt, n);
        expect(calendar.workingDaysBetween(receipt, due)).toBe(n);
        // The day before the deadline still has one working day to go.
        const dayBefore = new Date(Date.parse(`${due}T00:00:00Z`) - 24 * HOUR).toISOString().slice(0, 10);
        expect(calendar.workingDaysBetween(receipt, dayBefore)).toBe(n - 1);
      }),
    );
  });
});

describe('WorkingCalendar.subtractWorkingDays', () => {
  it('steps back over days off to the n-th working day before the date', () => {
    expect(calendar.subtractWorkingDays('2026-03-05', 3)).toBe('2026-03-02'); // Thu → Mon
    expect(calendar.subtractWorkingDays('2026-03-09', 1)).toBe('2026-03-06'); // Mon → Fri
    // Before 国庆 2026: 10-08 back over 10-01..10-07 off to Wed 09-30, Tue 09-29 and Mon 09-28.
    expect(calendar.subtractWorkingDays('2026-10-08', 3)).toBe('2026-09-28');
    // The adjusted working Saturday 02-14 before 春节 2026 counts.
    expect(calendar.subtractWorkingDays('2026-02-24', 1)).toBe('2026-02-14');
  });

  it('gives the date itself for n = 0, and steps from a day off as from any day', () => {
    expect(calendar.subtractWorkingDays('2026-03-07', 0)).toBe('2026-03-07');
    expect(calendar.subtractWorkingDays('2026-03-08', 1)).toBe('2026-03-06'); // Sun → Fri
  });

  it('mirrors addWorkingDays: back from the deadline lands on the last working day not after receipt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 2 + 60 }), fc.integer({ min: 1, max: 120 }), (offset, n) => {
        const receipt = new Date(Date.UTC(2024, 0, 3) + offset * 24 * HOUR).toISOString().slice(0, 10);
        const back = calendar.subtractWorkingDays(calendar.addWorkingDays(receipt, n), n);
        expect(back <= receipt).toBe(true);
        expect(calendar.isWorkingDay(back)).toBe(true);
        expect(calendar.workingDaysBetween(back, receipt)).toBe(0);
      }),
    );
  });

  it('needs only the years of the days it steps over', () => {
    expect(makeCalendar(CALENDAR_YEARS.filter((y) => y.year === 2026)).subtractWorkingDays('2027-01-01', 1)).toBe('2026-12-31');
    expect(missingYearOf(() => calendar.subtractWorkingDays('2024-01-02', 2))).toBe(2023);
  });

  it.each([-1, 1.5, Number.NaN])('refuses n = %p', (n) => {
    expect(() => calendar.subtractWorkingDays('2026-03-02', n)).toThrow(RangeError);
  });
});

describe('WorkingCalendar.subtractWorkingHours', () => {
  it('finds the latest instant with that much office time left', () => {
    // 16 office hours before Wed 08:30 is Mon 08:30; 4 before Mon 08:30 is the Friday before at 13:30.
    expect(calendar.subtractWorkingHours(cst('2026-03-04T08:30'), 16, cst('2026-03-01T00:00'))).toBe(cst('2026-03-02T08:30'));
    expect(calendar.subtractWorkingHours(cst('2026-03-09T08:30'), 4.5, cst('2026-03-01T00:00'))).toBe(cst('2026-03-06T13:30'));
    expect(calendar.subtractWorkingHours(cst('2026-03-09T08:30'), 5, cst('2026-03-01T00:00'))).toBe(cst('2026-03-06T11:30'));
  });

  it('is null when less than that is left from the earliest instant allowed', () => {
    expect(calendar.subtractWorkingHours(cst('2026-03-04T08:30'), 16, cst('2026-03-02T08:31'))).toBeNull();
    expect(calendar.subtractWorkingHours(cst('2026-03-04T08:30'), 16, cst('2026-03-02T08:30'))).toBe(cst('2026-03-02T08:30'));
  });

  const endArbitrary = fc.integer({ min: cst('2024-03-01T00:00'), max: cst('2026-12-31T23:59') });

  it('is exact to the millisecond: that much office time from it, less from the next millisecond', () => {
    fc.assert(
      fc.property(endArbitrary, fc.integer({ min: 1, max: 200 * 60 }), fc.nat(40 * 24 * 3_600_000), (end, minutes, back) => {
        const hours = minutes / 60;
        const notBefore = end - back;
        const at = calendar.subtractWorkingHours(end, hours, notBefore);
        if (at === null) {
          expect(calendar.workingHoursBetween(notBefore, end)).toBeLessThan(hours);
        } else {
          expect(at).toBeGreaterThanOrEqual(notBefore);
          expect(calendar.workingHoursBetween(at, end)).toBeGreaterThanOrEqual(hours);
          expect(calendar.workingHoursBetween(at + 1, end)).toBeLessThan(hours);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('throws CalendarYearMissingError for a span into an unknown year', () => {
    expect(missingYearOf(() => calendar.subtractWorkingHours(cst('2027-01-04T08:30'), 8, cst('2026-12-01T00:00')))).toBe(2027);
  });
});

describe('WorkingCalendar.addWorkingHours (office hours 08:30–12:00, 13:30–18:00)', () => {
  it('has 8 office hours a day by default', () => {
    expect(DEFAULT_OFFICE_HOURS).toEqual({ morning: ['08:30', '12:00'], afternoon: ['13:30', '18:00'] });
    expect(wall(calendar.addWorkingHours(cst('2026-03-02T08:30'), 8))).toBe('2026-03-02T18:00');
    expect(calendar.hoursPerDay).toBe(8);
    expect(calendar.officeHours).toBe(DEFAULT_OFFICE_HOURS);
  });

  it('stays within a session', () => {
    expect(wall(calendar.addWorkingHours(cst('2026-03-02T09:00'), 1))).toBe('2026-03-02T10:00');
    expect(wall(calendar.addWorkingHours(cst('2026-03-02T08:30'), 0.25))).toBe('2026-03-02T08:45');
  });

  it('ends at the morning close rather than the afternoon opening when the time runs out at 12:00', () => {
    expect(wall(calendar.addWorkingHours(cst('2026-03-02T08:30'), 3.5))).toBe('2026-03-02T12:00');
  });

  it('skips lunch', () => {
    // 11:00–12:00 is 1 h; the other hour runs 13:30–14:30.
    expect(wall(calendar.addWorkingHours(cst('2026-03-02T11:00'), 2))).toBe('2026-03-02T14:30');
  });

  it('continues overnight', () => {
    // Mon 17:00–18:00 is 1 h; Tue 08:30–09:30 the second.
    expect(wall(calendar.addWorkingHours(cst('2026-03-02T17:00'), 2))).toBe('2026-03-03T09:30');
  });

  it('skips a weekend', () => {
    // Fri 03-06 17:00–18:00, then Mon 03-09 08:30–09:30.
    expect(wall(calendar.addWorkingHours(cst('2026-03-06T17:00'), 2))).toBe('2026-03-09T09:30');
  });

  it('works the adjusted Saturday before 春节 and skips the holiday', () => {
    // Fri 02-13 17:00–18:00 (1 h); Sat 02-14 worked (8 h, 9 in all); 02-15..02-23 off; Tue 02-24 08:30–09:30.
    expect(wall(calendar.addWorkingHours(cst('2026-02-13T17:00'), 2))).toBe('2026-02-14T09:30');
    expect(wall(calendar.addWorkingHours(cst('2026-02-13T17:00'), 9))).toBe('2026-02-14T18:00');
    expect(wall(calendar.addWorkingHours(cst('2026-02-13T17:00'), 10))).toBe('2026-02-24T09:30');
  });

  it('skips 中秋 and 国庆 2026', () => {
    // Thu 09-24 17:00–18:00 (1 h); Fri 09-25 中秋 off; Mon 09-28 (8 h, 9); Tue 09-29 08:30–09:30.
    expect(wall(calendar.addWorkingHours(cst('2026-09-24T17:00'), 10))).toBe('2026-09-29T09:30');
    // Wed 09-30 16:00–18:00 (2 h); 10-01..10-07 off; Thu 10-08 (8 h, 10), Fri 10-09 (18), Sat 10-10 worked
    // 08:30–12:00 (21.5), then 13:30–14:00 (22).
    expect(wall(calendar.addWorkingHours(cst('2026-09-30T16:00'), 22))).toBe('2026-10-10T14:00');
  });

  it('starts before office hours at the morning opening', () => {
    expect(wall(calendar.addWorkingHours(cst('2026-03-02T07:00'), 1))).toBe('2026-03-02T09:30');
    expect(wall(calendar.addWorkingHours(cst('2026-03-02T00:00'), 4))).toBe('2026-03-02T14:00');
  });

  it('starts at lunch at the afternoon opening', () => {
    expect(wall(calendar.addWorkingHours(cst('2026-03-02T12:30'), 1))).toBe('2026-03-02T14:30');
    expect(wall(calendar.addWorkingHours(cst('2026-03-02T12:00'), 1))).toBe('2026-03-02T14:30');
  });

  it('starts after hours at the next working morning', () => {
    expect(wall(calendar.addWorkingHours(cst('2026-03-02T19:00'), 1))).toBe('2026-03-03T09:30');
    expect(wall(calendar.addWorkingHours(cst('2026-03-02T18:00'), 1))).toBe('2026-03-03T09:30');
    expect(wall(calendar.addWorkingHours(cst('2026-03-07T10:00'), 1))).toBe('2026-03-09T09:30'); // Saturday
    expect(wall(calendar.addWorkingHours(cst('2026-02-18T10:00'), 1))).toBe('2026-02-24T09:30'); // 春节
  });

  it('reads the day in China Standard Time, not UTC', () => {
    // 2026-03-03T07:00+08:00 is still Monday 23:00 in UTC.
    const start = cst('2026-03-03T07:00');
    expect(new Date(start).getUTCDate()).toBe(2);
    expect(wall(calendar.addWorkingHours(start, 1))).toBe('2026-03-03T09:30');
  });

  it('jumps whole days over hundreds of hours', () => {
    // 800 h from Monday 08:30 fill 100 office days, the start day being the first: it ends at the close of the
    // 99th working day after it.
    const end = calendar.addWorkingHours(cst('2026-01-05T08:30'), 800);
    expect(wall(end)).toBe(`${calendar.addWorkingDays('2026-01-05', 99)}T18:00`);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])('refuses hours = %p', (hours) => {
    expect(() => calendar.addWorkingHours(cst('2026-03-02T09:00'), hours)).toThrow(RangeError);
  });

  it('honours other office hours', () => {
    const sevenHours = new WorkingCalendar(CALENDAR_YEARS, { morning: ['09:00', '12:00'], afternoon: ['13:00', '17:00'] });
    expect(wall(sevenHours.addWorkingHours(cst('2026-03-02T09:00'), 7))).toBe('2026-03-02T17:00');
    expect(wall(sevenHours.addWorkingHours(cst('2026-03-02T11:00'), 2))).toBe('2026-03-02T14:00');
    expect(sevenHours.workingHoursBetween(cst('2026-03-02T00:00'), cst('2026-03-03T00:00'))).toBe(7);
    expect(sevenHours.hoursPerDay).toBe(7);
  });

  it('refuses office hours that officeSessions refuses (china-time.spec.ts lists them)', () => {
    expect(() => new WorkingCalendar(CALENDAR_YEARS, { morning: ['12:00', '08:30'], afternoon: ['13:30', '18:00'] })).toThrow(RangeError);
  });
});

describe('WorkingCalendar.workingHoursBetween', () => {
  it('counts office time only', () => {
    expect(calendar.workingHoursBetween(cst('2026-03-02T11:00'), cst('2026-03-02T14:30'))).toBe(2);
    expect(calendar.workingHoursBetween(cst('2026-03-02T00:00'), cst('2026-03-03T00:00'))).toBe(8);
    expect(calendar.workingHoursBetween(cst('2026-03-06T17:00'), cst('2026-03-09T09:30'))).toBe(2);
    expect(calendar.workingHoursBetween(cst('2026-02-13T17:00'), cst('2026-02-24T09:30'))).toBe(10);
    expect(calendar.workingHoursBetween(cst('2026-03-02T08:30'), cst('2026-03-02T08:45'))).toBe(0.25);
  });

  it('is 0 outside office time and when the end is not after the start', () => {
    expect(calendar.workingHoursBetween(cst('2026-03-02T12:10'), cst('2026-03-02T13:20'))).toBe(0);
    expect(calendar.workingHoursBetween(cst('2026-03-07T10:00'), cst('2026-03-08T10:00'))).toBe(0);
    expect(calendar.workingHoursBetween(cst('2026-02-15T00:00'), cst('2026-02-24T08:30'))).toBe(0);
    expect(calendar.workingHoursBetween(cst('2026-03-02T10:00'), cst('2026-03-02T10:00'))).toBe(0);
    expect(calendar.workingHoursBetween(cst('2026-03-02T11:00'), cst('2026-03-02T10:00'))).toBe(0);
  });

  const startArbitrary = fc.integer({ min: cst('2024-01-01T00:00'), max: cst('2026-06-30T23:59') });

  it('is the inverse of addWorkingHours', () => {
    fc.assert(
      fc.property(startArbitrary, fc.integer({ min: 1, max: 400 * 60 }), (start, minutes) => {
        const hours = minutes / 60;
        const end = calendar.addWorkingHours(start, hours);
        expect(end).toBeGreaterThan(start);
        expect(Math.round(calendar.workingHoursBetween(start, end) * HOUR)).toBe(minutes * 60_000);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives back the end instant through addWorkingHours, or the last office moment before it', () => {
    fc.assert(
      fc.property(startArbitrary, fc.integer({ min: 1, max: 60 * 24 * 3_600_000 }), (start, span) => {
        const end = start + span;
        const hours = calendar.workingHoursBetween(start, end);
        fc.pre(hours > 0);
        const reached = calendar.addWorkingHours(start, hours);
        expect(reached).toBeLessThanOrEqual(end);
        expect(calendar.workingHoursBetween(reached, end)).toBe(0);
        expect(calendar.workingHoursBetween(start, reached)).toBeCloseTo(hours, 9);
      }),
      { numRuns: 2000 },
    );
  });

  it('adds up over consecutive intervals', () => {
    fc.assert(
      fc.property(startArbitrary, fc.nat(30 * 24 * 3_600_000), fc.nat(30 * 24 * 3_600_000), (a, ab, bc) => {
        const b = a + ab;
        const c = b + bc;
        const sum = calendar.workingHoursBetween(a, b) + calendar.workingHoursBetween(b, c);
        expect(sum).toBeCloseTo(calendar.workingHoursBetween(a, c), 9);
      }),
    );
  });
});

describe('WorkingCalendar.deadline', () => {
  it('ends a working-day limit at the afternoon close of the deadline date', () => {
    // Received Fri 02-13 10:00; 5 working days → 02-14, 02-24, 25, 26, 27 → Fri 02-27 18:00.
    expect(wall(calendar.deadline(cst('2026-02-13T10:00'), { unit: 'workingDays', amount: 5 }))).toBe('2026-02-27T18:00');
    // 20 working days from Fri 09-18 → 10-22 (worked out above).
    expect(wall(calendar.deadline(cst('2026-09-18T16:45'), { unit: 'workingDays', amount: 20 }))).toBe('2026-10-22T18:00');
  });

  it('takes the receipt date in China Standard Time', () => {
    // 2026-02-13 07:00 CST is 2026-02-12 in UTC; the receipt date is still Friday 02-13, so 1 day → Sat 02-14.
    expect(wall(calendar.deadline(cst('2026-02-13T07:00'), { unit: 'workingDays', amount: 1 }))).toBe('2026-02-14T18:00');
    // A receipt late in the evening keeps its date too: 1 day from Thu 02-12 23:30 → Fri 02-13.
    expect(wall(calendar.deadline(cst('2026-02-12T23:30'), { unit: 'workingDays', amount: 1 }))).toBe('2026-02-13T18:00');
  });

  it('counts a working-hour limit with addWorkingHours', () => {
    const start = cst('2026-02-13T17:00');
    expect(calendar.deadline(start, { unit: 'workingHours', amount: 10 })).toBe(calendar.addWorkingHours(start, 10));
    expect(wall(calendar.deadline(start, { unit: 'workingHours', amount: 10 }))).toBe('2026-02-24T09:30');
  });

  it('refuses a bad amount', () => {
    expect(() => calendar.deadline(cst('2026-03-02T10:00'), { unit: 'workingDays', amount: 0 })).toThrow(RangeError);
    expect(() => calendar.deadline(cst('2026-03-02T10:00'), { unit: 'workingHours', amount: -2 })).toThrow(RangeError);
    expect(() => calendar.deadline(Number.NaN, { unit: 'workingHours', amount: 2 })).toThrow(RangeError);
  });
});

describe('CalendarYearMissingError', () => {
  it('is thrown for a date in 2027', () => {
    let caught: unknown;
    try {
      calendar.isWorkingDay('2027-01-04');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CalendarYearMissingError);
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toMatchObject({ code: 'CALENDAR_YEAR_MISSING', year: 2027, name: 'CalendarYearMissingError' });
    expect((caught as Error).message).toBe('2027 年的工作日历尚未录入');
  });

  it('is thrown for a deadline that runs from 2026 into 2027', () => {
    // Fri 2026-12-18: 12-21..12-25 (5), 12-28..12-31 (9); the 10th working day would be in 2027.
    expect(calendar.addWorkingDays('2026-12-18', 9)).toBe('2026-12-31');
    expect(missingYearOf(() => calendar.addWorkingDays('2026-12-18', 10))).toBe(2027);
    expect(missingYearOf(() => calendar.addWorkingDays('2026-12-31', 1))).toBe(2027);
    expect(missingYearOf(() => calendar.deadline(cst('2026-12-20T10:00'), { unit: 'workingDays', amount: 20 }))).toBe(2027);
    // Thu 12-31 17:00 + 2 h: one hour in 2026, the other would be in 2027.
    expect(missingYearOf(() => calendar.addWorkingHours(cst('2026-12-31T17:00'), 2))).toBe(2027);
    expect(wall(calendar.addWorkingHours(cst('2026-12-31T17:00'), 1))).toBe('2026-12-31T18:00');
    expect(missingYearOf(() => calendar.deadline(cst('2026-12-31T17:00'), { unit: 'workingHours', amount: 2 }))).toBe(2027);
  });

  it('is thrown by every method touching an unknown year', () => {
    expect(missingYearOf(() => calendar.workingDaysBetween('2026-12-01', '2027-01-10'))).toBe(2027);
    expect(missingYearOf(() => calendar.workingDaysBetween('2027-01-10', '2026-12-01'))).toBe(2027);
    expect(missingYearOf(() => calendar.workingHoursBetween(cst('2026-12-31T10:00'), cst('2027-01-04T10:00')))).toBe(2027);
    expect(missingYearOf(() => calendar.addWorkingDays('2023-12-29', 1))).toBe(2023);
    expect(missingYearOf(() => calendar.addWorkingHours(cst('2023-12-29T10:00'), 1))).toBe(2023);
    // 2024-01-01 00:00 CST is still 2023 in UTC, but it is 2024 in China.
    expect(wall(calendar.addWorkingHours(cst('2024-01-01T00:00'), 1))).toBe('2024-01-02T09:30');
  });

  it('is thrown for a gap between known years instead of counting through it', () => {
    const gapped = makeCalendar(CALENDAR_YEARS.filter((y) => y.year !== 2025));
    expect(gapped.years).toEqual([2024, 2026]);
    expect(missingYearOf(() => gapped.addWorkingDays('2024-12-31', 1))).toBe(2025);
    expect(missingYearOf(() => gapped.workingDaysBetween('2024-12-01', '2026-01-10'))).toBe(2025);
    expect(missingYearOf(() => gapped.addWorkingHours(cst('2024-12-31T17:00'), 2))).toBe(2025);
  });
});

describe('validateCalendarYear', () => {
  function rulesOf(year: CalendarYear): string[] {
    return validateCalendarYear(year).map((p) => p.rule);
  }

  it('accepts an empty year and a well-formed one', () => {
    expect(validateCalendarYear(makeYear())).toEqual([]);
    expect(validateCalendarYear(makeYear({ holidays: [{ date: '2026-02-16', name: '春节' }], workdays: [{ date: '2026-02-14', name: '春节' }] }))).toEqual([]);
  });

  it('reports a malformed or impossible date', () => {
    const problems = validateCalendarYear(makeYear({ holidays: [{ date: '2026-2-16', name: '春节' }], workdays: [{ date: '2026-02-30', name: '春节' }] }));
    expect(problems).toEqual([
      { date: '2026-2-16', rule: 'date-format', message: expect.stringContaining('YYYY-MM-DD') },
      { date: '2026-02-30', rule: 'date-format', message: expect.stringContaining('调休上班日') },
    ]);
  });

  it('reports a date outside the year', () => {
    expect(validateCalendarYear(makeYear({ holidays: [{ date: '2025-12-31', name: '元旦' }] }))).toEqual([
      { date: '2025-12-31', rule: 'date-outside-year', message: expect.stringContaining('2026') },
    ]);
  });

  it('reports a holiday on a weekend', () => {
    // 2026-02-15 is a Sunday: a day off anyway, so it does not belong in `holidays`.
    expect(validateCalendarYear(makeYear({ holidays: [{ date: '2026-02-15', name: '春节' }] }))).toEqual([
      { date: '2026-02-15', rule: 'holiday-not-weekday', message: expect.stringContaining('星期日') },
    ]);
  });

  it('reports an adjusted working day on a weekday', () => {
    expect(validateCalendarYear(makeYear({ workdays: [{ date: '2026-02-16', name: '春节' }] }))).toEqual([
      { date: '2026-02-16', rule: 'workday-not-weekend', message: expect.stringContaining('星期一') },
    ]);
  });

  it('reports a date that is both a holiday and a working day', () => {
    expect(rulesOf(makeYear({ holidays: [{ date: '2026-02-16', name: '春节' }], workdays: [{ date: '2026-02-16', name: '春节' }] }))).toEqual([
      'workday-not-weekend',
      'date-in-both',
    ]);
  });

  it('reports a duplicate', () => {
    expect(
      validateCalendarYear(
        makeYear({
          holidays: [
            { date: '2026-02-16', name: '春节' },
            { date: '2026-02-16', name: '春节' },
          ],
        }),
      ),
    ).toEqual([{ date: '2026-02-16', rule: 'date-duplicate', message: expect.stringContaining('重复') }]);
  });

  it('reports a missing name', () => {
    expect(rulesOf(makeYear({ holidays: [{ date: '2026-02-16', name: ' ' }] }))).toEqual(['name-missing']);
  });

  it('reports an invalid year and lists that are not arrays', () => {
    expect(validateCalendarYear(makeYear({ year: 20.5 }))).toEqual([{ date: null, rule: 'year-invalid', message: expect.any(String) }]);
    const broken = { year: 2026, holidays: null, workdays: 'none' } as unknown as CalendarYear;
    expect(rulesOf(broken)).toEqual(['list-invalid', 'list-invalid']);
  });

  it('lists every problem at once', () => {
    const year = makeYear({
      holidays: [
        { date: '2026-02-14', name: '春节' },
        { date: 'soon', name: '' },
      ],
      workdays: [{ date: '2027-01-09', name: '元旦' }], // a Saturday, but in 2027
    });
    expect(rulesOf(year)).toEqual(['holiday-not-weekday', 'date-format', 'date-outside-year']);
  });

  it('makes the constructor refuse broken data and a year given twice', () => {
    expect(() => makeCalendar([makeYear({ workdays: [{ date: '2026-02-16', name: '春节' }] })])).toThrow(RangeError);
    expect(() => makeCalendar([makeYear(), makeYear()])).toThrow(RangeError);
  });
});
