import { ErrorCode, Role } from '#domain';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import { sendFile } from '../common/send-file';
import { ApplicantIdentityDto, CaseMaterialParamDto, IntakeLibraryQueryDto } from '../materials/materials.dto';
import { ApiErrors } from '../common/openapi/openapi.decorators';
import { CaseActionDto, CaseIdParamDto, FileCaseDto } from './cases.dto';
import { CasesService } from './cases.service';

@ApiTags('cases')
@Controller()
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  /**
   * clerk (intake at their own centre) or applicant (online, at a centre they name): files a case of
   * an item with a published flow. 201 with the case; 200 with the same case for a repeated requestId.
   */
  @Roles(Role.CLERK, Role.APPLICANT)
  @Post('cases')
  async file(@CurrentUser() user: AuthUser, @Body() body: FileCaseDto, @Res({ passthrough: true }) response: Response) {
    const result = await this.cases.file(user, body);
    response.status(result.created ? 201 : 200);
    return result;
  }

  /** applicant: their own cases. */
  @Roles(Role.APPLICANT)
  @Get('cases/mine')
  mine(@CurrentUser() user: AuthUser) {
    return this.cases.mine(user);
  }

  /** clerk: their centre's cases by status. */
  @Roles(Role.CLERK)
  @Get('cases/counts')
  counts(@CurrentUser() user: AuthUser) {
    return this.cases.counts(user);
  }

  /** The case as its workflow has it: applicants their own, staff the cases they take part in, supervisors all. */
  @Roles(Role.APPLICANT, Role.CLERK, Role.HANDLER, Role.DEPT_ADMIN, Role.SUPERVISOR, Role.ADMIN)
  @Get('cases/:id')
  get(@CurrentUser() user: AuthUser, @Param() params: CaseIdParamDto) {
    return this.cases.get(user, params.id);
  }

  /**
   * Acts on a step (act), resubmits corrections (resubmit) or withdraws (withdraw); the workflow's
   * validator decides, by the plan, whether this user may; a refusal is 4xx with its code and recorded.
   */
  @Roles(Role.APPLICANT, Role.CLERK, Role.HANDLER)
  @Post('cases/:id/actions')
  @HttpCode(200)
  // The workflow's validator refuses with these (CaseRefusal, libs/domain case-machine).
  @ApiErrors(
    ErrorCode.CASE_FINISHED,
    ErrorCode.CASE_STEP_NOT_ACTIVE,
    ErrorCode.CASE_ACTION_NOT_ALLOWED,
    ErrorCode.CASE_ACTOR_NOT_ALLOWED,
    ErrorCode.CASE_ACTION_OUT_OF_ORDER,
    ErrorCode.CASE_IN_CORRECTION,
    ErrorCode.CASE_NOT_IN_CORRECTION,
    ErrorCode.CASE_REASON_REQUIRED,
  )
  act(@CurrentUser() user: AuthUser, @Param() params: CaseIdParamDto, @Body() body: CaseActionDto) {
    return this.cases.act(user, params.id, body);
  }

  /**
   * clerk, filing at the counter: what the shared library holds of the materials the item lists for the
   * applicant in front of them (whose ID card the clerk checks), with where each came from. Audited.
   */
  @Roles(Role.CLERK)
  @Get('applicants/:kind/:idNumber/materials')
  intakeLibrary(@CurrentUser() user: AuthUser, @Param() params: ApplicantIdentityDto, @Query() query: IntakeLibraryQueryDto) {
    return this.cases.intakeLibrary(user, params.kind, params.idNumber, query.itemCode);
  }

  /** Whoever may read the case: the library materials it reuses (staff reads are audited). */
  @Roles(Role.APPLICANT, Role.CLERK, Role.HANDLER, Role.DEPT_ADMIN, Role.SUPERVISOR, Role.ADMIN)
  @Get('cases/:id/materials')
  materials(@CurrentUser() user: AuthUser, @Param() params: CaseIdParamDto) {
    return this.cases.caseMaterials(user, params.id);
  }

  /** Whoever may read the case: the file of a library material it reuses (staff reads are audited). */
  @Roles(Role.APPLICANT, Role.CLERK, Role.HANDLER, Role.DEPT_ADMIN, Role.SUPERVISOR, Role.ADMIN)
  @Get('cases/:id/materials/:materialId/file')
  async materialFile(@CurrentUser() user: AuthUser, @Param() params: CaseMaterialParamDto, @Res({ passthrough: true }) response: Response) {
    return sendFile(response, await this.cases.caseMaterialFile(user, params.id, params.materialId));
  }

  /** clerk and handler: the steps they may act on now, soonest deadline first (待办). */
  @Roles(Role.CLERK, Role.HANDLER)
  @Get('tasks')
  tasks(@CurrentUser() user: AuthUser) {
    return this.cases.tasks(user);
  }
}
