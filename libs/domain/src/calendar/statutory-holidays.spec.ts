import { getSolarDateFromLunar, getSolarTermsInRange } from 'chinese-days';
import { CALENDAR_YEARS } from './calendar-data';
import { missingStatutoryHolidays, statutoryCalendarYear, type FestivalDates } from './statutory-holidays';
import { validateCalendarYear } from './working-calendar';

function festivalsOf(year: number): FestivalDates {
  const qingming = getSolarTermsInRange(`${year}-04-01`, `${year}-04-10`).find((t) => t.term === 'pure_brightness');
  return {
    springFestival: getSolarDateFromLunar(`${year}-01-01`).date,
    qingming: qingming!.date,
    dragonBoat: getSolarDateFromLunar(`${year}-05-05`).date,
    midAutumn: getSolarDateFromLunar(`${year}-08-15`).date,
  };
}

describe('statutoryCalendarYear', () => {
  // The 2024 revision of 《全国年节及纪念日放假办法》 (13 days) applies from 2025; the notices only add days off.
  it.each([2025, 2026])('gives only days that the official %i notice also gives off', (year) => {
    const official = CALENDAR_YEARS.find((y) => y.year === year)!;
    const officialDays = new Set(official.holidays.map((h) => h.date));
    const provisional = statutoryCalendarYear(year, festivalsOf(year));
    expect(provisional.holidays.length).toBeGreaterThan(5);
    for (const day of provisional.holidays) expect(officialDays).toContain(day.date);
  });

  it('builds 2027 from the lunar dates: 除夕 5 Feb to 初三 8 Feb, 端午 9 Jun, 中秋 15 Sep', () => {
    const year = statutoryCalendarYear(2027, festivalsOf(2027));
    expect(validateCalendarYear(year)).toEqual([]);
    expect(year.workdays).toEqual([]);
    expect(year.holidays).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-05', name: '春节' },
      { date: '2027-02-08', name: '春节' },
      { date: '2027-04-05', name: '清明' },
      { date: '2027-06-09', name: '端午' },
      { date: '2027-09-15', name: '中秋' },
      { date: '2027-10-01', name: '国庆' },
    ]);
  });

  it('refuses a festival date outside the year', () => {
    expect(() => statutoryCalendarYear(2027, { ...festivalsOf(2027), midAutumn: '2026-09-25' })).toThrow(RangeError);
  });
});

describe('missingStatutoryHolidays', () => {
  it('finds every required festival in each year the State Council published, and in the provisional ones', () => {
    for (const year of CALENDAR_YEARS)
      expect([year.year, missingStatutoryHolidays(year, statutoryCalendarYear(year.year, festivalsOf(year.year)))]).toEqual([year.year, []]);
    for (const year of [2027, 2028, 2031]) {
      const provisional = statutoryCalendarYear(year, festivalsOf(year));
      expect([year, missingStatutoryHolidays(provisional, provisional)]).toEqual([year, []]);
    }
  });

  it('names each festival a year gives no day off for, where a statutory day of it is a weekday', () => {
    const statutory = statutoryCalendarYear(2026, festivalsOf(2026));
    // 清明 2026 (5 April) is a Sunday: the notice's make-up day is its choice, so an empty year is not told of it.
    expect(missingStatutoryHolidays({ year: 2026, holidays: [], workdays: [] }, statutory)).toEqual(['元旦', '春节', '劳动节', '端午', '中秋', '国庆']);
    expect(missingStatutoryHolidays({ year: 2026, holidays: [], workdays: [] })).toEqual(['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆']);
    const year = CALENDAR_YEARS.find((y) => y.year === 2026)!;
    expect(missingStatutoryHolidays({ ...year, holidays: year.holidays.filter((h) => h.name !== '中秋') }, statutory)).toEqual(['中秋']);
    expect(missingStatutoryHolidays({ ...year, holidays: year.holidays.map((h) => (h.name === '劳动节' ? { ...h, name: '五一' } : h)) }, statutory)).toEqual(
      [],
    );
    // 中秋 2026 is 25 September: a day off that date under another name still counts.
    expect(missingStatutoryHolidays({ ...year, holidays: year.holidays.map((h) => (h.name === '中秋' ? { ...h, name: '假日' } : h)) }, statutory)).toEqual([]);
  });
});
