import { Role } from '#domain';
import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import { PutAlarmRulesDto } from './alarm-rules.dto';
import { AlarmRulesService } from './alarm-rules.service';

@ApiTags('supervision')
@Controller('supervision/alarm-rules')
export class AlarmRulesController {
  constructor(private readonly rules: AlarmRulesService) {}

  /** supervisor: the alarm rules in force and every earlier version. */
  @Roles(Role.SUPERVISOR)
  @Get()
  get(@CurrentUser() user: AuthUser) {
    return this.rules.get(user);
  }

  /** supervisor: a new version of the rules; cases filed from now on run on it, running cases keep theirs. */
  @Roles(Role.SUPERVISOR)
  @Put()
  put(@CurrentUser() user: AuthUser, @Body() body: PutAlarmRulesDto) {
    return this.rules.put(user, body);
  }
}
