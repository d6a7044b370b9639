import { Role } from '#domain';
import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/auth/access.decorators';
import { CoverageService } from './coverage.service';
import { GradingService } from './grading.service';
import {
  ExemptionDecisionDto,
  ExemptionListQueryDto,
  FileExemptionDto,
  GradingRulesDto,
  OptionalQuarterQueryDto,
  QuarterParamDto,
  QuarterQueryDto,
  StatsQueryDto,
} from './stats.dto';
import { UuidParamDto } from './supervision.dto';
import { StatsService } from './stats.service';

@ApiTags('supervision')
@Controller('supervision')
export class SupervisionStatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly grading: GradingService,
    private readonly coverage: CoverageService,
  ) {}

  /** supervisor (every group) or dept_admin (own department): 效能统计 for a period. */
  @Roles(Role.SUPERVISOR, Role.DEPT_ADMIN)
  @Get('stats')
  read(@CurrentUser() user: AuthUser, @Query() query: StatsQueryDto) {
    return this.stats.read(user, query);
  }

  /** supervisor: the grading rules in force (考评指标). */
  @Roles(Role.SUPERVISOR)
  @Get('grading-rules')
  rules() {
    return this.grading.rules();
  }

  /** supervisor: new grading rules; every version is kept. */
  @Roles(Role.SUPERVISOR)
  @Put('grading-rules')
  saveRules(@CurrentUser() user: AuthUser, @Body() body: GradingRulesDto) {
    return this.grading.saveRules(user, body);
  }

  /** supervisor: a quarter's department grades as they stand, and whether they were published. */
  @Roles(Role.SUPERVISOR)
  @Get('grades')
  grades(@CurrentUser() user: AuthUser, @Query() query: QuarterQueryDto) {
    return this.grading.grades(user, query.quarter);
  }

  /** supervisor: publish a finished quarter's grades (once; a snapshot). */
  @Roles(Role.SUPERVISOR)
  @Post('grades/:quarter/publish')
  publish(@CurrentUser() user: AuthUser, @Param() params: QuarterParamDto) {
    return this.grading.publish(user, params.quarter);
  }

  /** supervisor: items and cases not supervised, and why (监察覆盖). */
  @Roles(Role.SUPERVISOR)
  @Get('coverage')
  coverageReport(@CurrentUser() user: AuthUser) {
    return this.coverage.coverage(user);
  }

  /** dept_admin: ask to exempt one of the department's items from supervision, with a reason. */
  @Roles(Role.DEPT_ADMIN)
  @Post('exemptions')
  file(@CurrentUser() user: AuthUser, @Body() body: FileExemptionDto) {
    return this.coverage.file(user, body);
  }

  /** supervisor (all) or dept_admin (own department's). */
  @Roles(Role.SUPERVISOR, Role.DEPT_ADMIN)
  @Get('exemptions')
  exemptions(@CurrentUser() user: AuthUser, @Query() query: ExemptionListQueryDto) {
    return this.coverage.list(user, query);
  }

  @Roles(Role.SUPERVISOR, Role.DEPT_ADMIN)
  @Get('exemptions/:id')
  exemption(@CurrentUser() user: AuthUser, @Param() params: UuidParamDto) {
    return this.coverage.get(user, params.id);
  }

  /** supervisor: approve or reject a pending exemption, or revoke an approved one; decisions are appended, never changed. */
  @Roles(Role.SUPERVISOR)
  @Post('exemptions/:id/decisions')
  decide(@CurrentUser() user: AuthUser, @Param() params: UuidParamDto, @Body() body: ExemptionDecisionDto) {
    return this.coverage.decide(user, params.id, body);
  }
}

/** The public listing of published department grades (考评结果公开). */
@ApiTags('hall')
@Controller('hall')
export class DepartmentGradesController {
  constructor(private readonly grading: GradingService) {}

  /** Public: a published quarter's grades (the latest by default); unpublished quarters answer 404. */
  @Public()
  @Get('department-grades')
  grades(@Query() query: OptionalQuarterQueryDto) {
    return this.grading.publicGrades(query.quarter);
  }
}
