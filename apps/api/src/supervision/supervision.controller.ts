import { Role } from '#domain';
import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import { AlarmListQueryDto, AlarmTransitionDto, TimelineQueryDto, UuidParamDto } from './supervision.dto';
import { SupervisionService } from './supervision.service';

@ApiTags('supervision')
@Controller('supervision')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  /** supervisor: the case rebuilt from its workflow history (完整还原); `atSeq`/`atTime`: as of then. Every supervisor read is audit-logged. */
  @Roles(Role.SUPERVISOR)
  @Get('cases/:id/timeline')
  timeline(@CurrentUser() user: AuthUser, @Param() params: UuidParamDto, @Query() query: TimelineQueryDto) {
    return this.supervision.timeline(user, params.id, query);
  }

  /** supervisor: alarms (红黄牌), newest first, filtered. */
  @Roles(Role.SUPERVISOR)
  @Get('alarms')
  alarms(@CurrentUser() user: AuthUser, @Query() query: AlarmListQueryDto) {
    return this.supervision.listAlarms(user, query);
  }

  /** supervisor: an alarm with its handling record. */
  @Roles(Role.SUPERVISOR)
  @Get('alarms/:id')
  alarm(@CurrentUser() user: AuthUser, @Param() params: UuidParamDto) {
    return this.supervision.alarm(user, params.id);
  }

  /** supervisor: the next step of handling (调查核实 → 督促整改 → closed), with its record; never deleted. */
  @Roles(Role.SUPERVISOR)
  @Post('alarms/:id/transitions')
  transition(@CurrentUser() user: AuthUser, @Param() params: UuidParamDto, @Body() body: AlarmTransitionDto) {
    return this.supervision.transition(user, params.id, body);
  }
}
