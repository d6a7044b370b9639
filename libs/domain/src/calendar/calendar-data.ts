import type { CalendarYear } from './working-calendar';

/**
 * The official calendars (国务院办公厅 holiday notices) for 2024–2026.
 *
 * GENERATED from the npm package chinese-days@1.5.7 (node_modules/chinese-days/dist/chinese-days.json) by a
 * one-off Node script, not by hand and not at run time: for each year, the `holidays` table's dates falling
 * on Monday–Friday became `holidays`, the `workdays` table's dates falling on Saturday/Sunday became
 * `workdays`, each named by the Chinese field of the package's "English,中文,n" value; weekday computed with
 * Date.UTC(...).getUTCDay(). Holidays on weekends are left out (a weekend is a day off anyway); the package
 * lists no adjusted working day on a weekday for these years. working-calendar.spec.ts checks every day of
 * 2026 against the package. When the office enters a new year's notice, append it here (or load it from
 * the editable calendar) and check it with validateCalendarYear.
 */
export const CALENDAR_YEARS: readonly CalendarYear[] = [
  {
    year: 2024,
    holidays: [
      { date: '2024-01-01', name: '元旦' },
      { date: '2024-02-12', name: '春节' },
      { date: '2024-02-13', name: '春节' },
      { date: '2024-02-14', name: '春节' },
      { date: '2024-02-15', name: '春节' },
      { date: '2024-02-16', name: '春节' },
      { date: '2024-04-04', name: '清明' },
      { date: '2024-04-05', name: '清明' },
      { date: '2024-05-01', name: '劳动节' },
      { date: '2024-05-02', name: '劳动节' },
      { date: '2024-05-03', name: '劳动节' },
      { date: '2024-06-10', name: '端午' },
      { date: '2024-09-16', name: '中秋' },
      { date: '2024-09-17', name: '中秋' },
      { date: '2024-10-01', name: '国庆节' },
      { date: '2024-10-02', name: '国庆节' },
      { date: '2024-10-03', name: '国庆节' },
      { date: '2024-10-04', name: '国庆节' },
      { date: '2024-10-07', name: '国庆节' },
    ],
    workdays: [
      { date: '2024-02-04', name: '春节' },
      { date: '2024-02-18', name: '春节' },
      { date: '2024-04-07', name: '清明' },
      { date: '2024-04-28', name: '劳动节' },
      { date: '2024-05-11', name: '劳动节' },
      { date: '2024-09-14', name: '中秋' },
      { date: '2024-09-29', name: '国庆节' },
      { date: '2024-10-12', name: '国庆节' },
    ],
  },
  {
    year: 2025,
    holidays: [
      { date: '2025-01-01', name: '元旦' },
      { date: '2025-01-28', name: '春节' },
      { date: '2025-01-29', name: '春节' },
      { date: '2025-01-30', name: '春节' },
      { date: '2025-01-31', name: '春节' },
      { date: '2025-02-03', name: '春节' },
      { date: '2025-02-04', name: '春节' },
      { date: '2025-04-04', name: '清明' },
      { date: '2025-05-01', name: '劳动节' },
      { date: '2025-05-02', name: '劳动节' },
      { date: '2025-05-05', name: '劳动节' },
      { date: '2025-06-02', name: '端午' },
      { date: '2025-10-01', name: '国庆节' },
      { date: '2025-10-02', name: '国庆节' },
      { date: '2025-10-03', name: '国庆节' },
      { date: '2025-10-06', name: '中秋' },
      { date: '2025-10-07', name: '国庆节' },
      { date: '2025-10-08', name: '国庆节' },
    ],
    workdays: [
      { date: '2025-01-26', name: '春节' },
      { date: '2025-02-08', name: '春节' },
      { date: '2025-04-27', name: '劳动节' },
      { date: '2025-09-28', name: '国庆节' },
      { date: '2025-10-11', name: '国庆节' },
    ],
  },
  {
    year: 2026,
    holidays: [
      { date: '2026-01-01', name: '元旦' },
      { date: '2026-01-02', name: '元旦' },
      { date: '2026-02-16', name: '春节' },
      { date: '2026-02-17', name: '春节' },
      { date: '2026-02-18', name: '春节' },
      { date: '2026-02-19', name: '春节' },
      { date: '2026-02-20', name: '春节' },
      { date: '2026-02-23', name: '春节' },
      { date: '2026-04-06', name: '清明' },
      { date: '2026-05-01', name: '劳动节' },
      { date: '2026-05-04', name: '劳动节' },
      { date: '2026-05-05', name: '劳动节' },
      { date: '2026-06-19', name: '端午' },
      { date: '2026-09-25', name: '中秋' },
      { date: '2026-10-01', name: '国庆节' },
      { date: '2026-10-02', name: '国庆节' },
      { date: '2026-10-05', name: '国庆节' },
      { date: '2026-10-06', name: '国庆节' },
      { date: '2026-10-07', name: '国庆节' },
    ],
    workdays: [
      { date: '2026-01-04', name: '元旦' },
      { date: '2026-02-14', name: '春节' },
      { date: '2026-02-28', name: '春节' },
      { date: '2026-05-09', name: '劳动节' },
      { date: '2026-09-20', name: '国庆节' },
      { date: '2026-10-10', name: '国庆节' },
    ],
  },
];
