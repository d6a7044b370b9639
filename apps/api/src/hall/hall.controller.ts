import { Role } from '#domain';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { RateLimit } from '../common/rate-limit/rate-limits';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/auth/access.decorators';
import { ApiItemCodeParam } from '../common/openapi/openapi.decorators';
import { AnswerDto, AskDto, CodeParamDto, IdParamDto, RateDto, ResultQueryDto } from './hall.dto';
import { HallService } from './hall.service';

/** 网上办事大厅. */
@ApiItemCodeParam()
@ApiTags('hall')
@Controller()
export class HallController {
  constructor(private readonly hall: HallService) {}

  /** Public: the service guide (办事指南) of an item. */
  @Public()
  @Get('hall/items/:code/guide')
  guide(@Param() params: CodeParamDto) {
    return this.hall.guide(params.code);
  }

  /** Public: the item's answered questions (公开问答). */
  @Public()
  @Get('hall/items/:code/consultations')
  qa(@Param() params: CodeParamDto) {
    return this.hall.qa(params.code);
  }

  /** applicant: asks the item's department (在线咨询). */
  @Roles(Role.APPLICANT)
  @Post('hall/items/:code/consultations')
  ask(@CurrentUser() user: AuthUser, @Param() params: CodeParamDto, @Body() body: AskDto) {
    return this.hall.ask(user, params.code, body);
  }

  /** dept_admin and handler: their department's unanswered questions. */
  @Roles(Role.DEPT_ADMIN, Role.HANDLER)
  @Get('consultations/pending')
  pending(@CurrentUser() user: AuthUser) {
    return this.hall.pending(user);
  }

  /** dept_admin and handler of the item's department: answers, once. */
  @Roles(Role.DEPT_ADMIN, Role.HANDLER)
  @Post('consultations/:id/answer')
  @HttpCode(200)
  answer(@CurrentUser() user: AuthUser, @Param() params: IdParamDto, @Body() body: AnswerDto) {
    return this.hall.answer(user, params.id, body);
  }

  /** Public: a case's result by case number and the applicant's ID number or the receipt's 查询码 (办件结果查询); rate limited per address. */
  @Public()
  @Get('hall/results')
  @RateLimit('publicLookup')
  result(@Query() query: ResultQueryDto) {
    return this.hall.result(query);
  }

  /** applicant of a finished case: rates it once (好差评). */
  @Roles(Role.APPLICANT)
  @Post('cases/:id/rating')
  rate(@CurrentUser() user: AuthUser, @Param() params: IdParamDto, @Body() body: RateDto) {
    return this.hall.rate(user, params.id, body);
  }

  /** supervisor (all) and dept_admin (their department): rectifications opened by poor ratings. */
  @Roles(Role.SUPERVISOR, Role.DEPT_ADMIN)
  @Get('rectifications')
  rectifications(@CurrentUser() user: AuthUser) {
    return this.hall.rectifications(user);
  }
}
