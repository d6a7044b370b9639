import {
  type CalendarYear,
  CalendarYearMissingError,
  DomainError,
  ErrorCode,
  missingStatutoryHolidays,
  statutoryCalendarYear,
  validateCalendarYear,
  WorkingCalendar,
} from '#domain';
import { CalendarRepository, festivalDates } from '#persistence';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user';
import type { CalendarYearDto } from './calendar.dto';

/** The working-day calendar (工作日历): seeded from chinese-days, a year the package lacks added by the admin. */
@Injectable()
export class CalendarService {
  constructor(private readonly calendar: CalendarRepository) {}

  async list() {
    return (await this.calendar.years()).map((y) => ({ year: y.year, holidays: y.holidays.length, workdays: y.workdays.length }));
  }

  async get(year: number): Promise<CalendarYear & { source: string }> {
    const found = await this.calendar.findYear(year);
    if (!found) throw new DomainError(ErrorCode.CALENDAR_YEAR_MISSING, `${year} 年的工作日历尚未录入`);
    return { ...found.data, source: found.source };
  }

  async put(user: AuthUser, year: number, dto: CalendarYearDto) {
    const data: CalendarYear = { year, holidays: dto.holidays, workdays: dto.workdays };
    const problems = validateCalendarYear(data);
    if (problems.length > 0) {
      throw new DomainError(
        ErrorCode.CALENDAR_INVALID,
        '工作日历有误',
        problems.map((p) => ({ field: p.date ?? 'year', rule: p.rule, message: p.message })),
      );
    }
    const missing = missingStatutoryHolidays(data, statutoryYear(year));
    if (missing.length > 0) {
      throw new DomainError(
        ErrorCode.CALENDAR_HOLIDAYS_MISSING,
        `工作日历缺少法定节假日：${missing.join('、')}`,
        missing.map((festival) => ({ field: 'holidays', rule: 'statutoryHoliday', festival })),
      );
    }
    await this.calendar.save(data, user.id);
    return this.get(year);
  }

  /** Who entered or changed the year, when, and the year before and after. */
  async changes(year: number) {
    return (await this.calendar.changes(year)).map((c) => ({
      by: c.changer?.username ?? c.changedBy,
      before: c.before,
      after: c.after,
      at: c.createdAt.toISOString(),
    }));
  }

  /** The deadline of a period of working days received on a date (counting from the next day). */
  async deadline(from: string, days: number) {
    const calendar = new WorkingCalendar(await this.calendar.years());
    try {
      return { from, days, deadline: calendar.addWorkingDays(from, days) };
    } catch (error) {
      if (error instanceof CalendarYearMissingError) throw new DomainError(ErrorCode.CALENDAR_YEAR_MISSING, error.message);
      throw error;
    }
  }
}

/** The year's statutory holidays on weekdays, from the lunar tables; undefined where they lack the year. */
function statutoryYear(year: number): CalendarYear | undefined {
  try {
    return statutoryCalendarYear(year, festivalDates(year));
  } catch {
    return undefined;
  }
}
