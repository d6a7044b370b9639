import { ErrorCode, Role } from '#domain';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import { ApiErrors } from '../common/openapi/openapi.decorators';
import { CompletePingDto, PingDto, PingStartedDto, StartPingDto } from './dto/ping.dto';
import { PingsService } from './pings.service';

/**
 * The foundation's end-to-end slice: start a workflow, let it write its projection, complete it
 * through an Update, read it back. Replaced by cases in a later issue.
 */
@ApiTags('pings')
@Controller('pings')
export class PingsController {
  constructor(private readonly pings: PingsService) {}

  /** Clerks, handlers and admins start a ping for their own organisation. */
  @Roles(Role.CLERK, Role.HANDLER, Role.ADMIN)
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: PingStartedDto })
  start(@CurrentUser() user: AuthUser, @Body() body: StartPingDto): Promise<PingStartedDto> {
    return this.pings.start(user, body);
  }

  /** Clerks, handlers and admins within the ping's organisation; supervisors read every ping. */
  @Roles(Role.CLERK, Role.HANDLER, Role.ADMIN, Role.SUPERVISOR)
  @Get(':id')
  @ApiOkResponse({ type: PingDto })
  get(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<PingDto> {
    return this.pings.get(user, id);
  }

  /** Clerks, handlers and admins within the ping's organisation complete it (a workflow Update). */
  @Roles(Role.CLERK, Role.HANDLER, Role.ADMIN)
  @Post(':id/complete')
  @HttpCode(200)
  @ApiErrors(ErrorCode.PING_ALREADY_FINISHED) // the workflow's validator
  complete(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: CompletePingDto) {
    return this.pings.complete(user, id, body);
  }
}
