import { Role } from '#domain';
import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/auth/access.decorators';
import { CalendarYearDto, DeadlineQueryDto, YearParamDto } from './calendar.dto';
import { CalendarService } from './calendar.service';

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** Public: the years the calendar has. */
  @Public()
  @Get()
  list() {
    return this.calendar.list();
  }

  /** Public: a period's deadline (受理日 + N 个工作日); 422 CALENDAR_YEAR_MISSING when a year is not entered. */
  @Public()
  @Get('deadline')
  deadline(@Query() query: DeadlineQueryDto) {
    return this.calendar.deadline(query.from, query.days);
  }

  /** Public: one year's holidays and adjusted working days. */
  @Public()
  @Get(':year')
  get(@Param() params: YearParamDto) {
    return this.calendar.get(params.year);
  }

  /** admin: who entered or changed a year, and the year before and after each change. */
  @Roles(Role.ADMIN)
  @Get(':year/changes')
  changes(@Param() params: YearParamDto) {
    return this.calendar.changes(params.year);
  }

  /** admin: enters or corrects a year (国务院办公厅 holiday notice); 422 CALENDAR_HOLIDAYS_MISSING when a statutory festival has no day off. */
  @Roles(Role.ADMIN)
  @Put(':year')
  put(@CurrentUser() user: AuthUser, @Param() params: YearParamDto, @Body() body: CalendarYearDto) {
    return this.calendar.put(user, params.year, body);
  }
}
