import { ErrorCode, Role } from '#domain';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import { RateLimit } from '../common/rate-limit/rate-limits';
import type { Response } from 'express';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/auth/access.decorators';
import { ApiErrors } from '../common/openapi/openapi.decorators';
import {
  AnnualReportQueryDto,
  DisclosureActionDto,
  DisclosureDocumentParamDto,
  DisclosureListQueryDto,
  DisclosureRequestIdDto,
  DisclosureStatusQueryDto,
  RegisterDisclosureRequestDto,
} from './disclosure-requests.dto';
import { DisclosureRequestsService } from './disclosure-requests.service';

const READERS = [Role.APPLICANT, Role.DISCLOSURE_OFFICER, Role.SUPERVISOR, Role.ADMIN] as const;

/** 依申请公开: applications for government information (政府信息公开条例, 国务院令第711号). */
@ApiTags('disclosure-requests')
@Controller('disclosure-requests')
export class DisclosureRequestsController {
  constructor(private readonly requests: DisclosureRequestsService) {}

  /**
   * applicant (online; received when the agency confirms it) or disclosure_officer (at the counter:
   * in person, by post or fax, with the day it was signed for). 201 with the application; 200 with the
   * same one for a repeated requestId.
   */
  @Roles(Role.APPLICANT, Role.DISCLOSURE_OFFICER)
  @Post()
  async register(@CurrentUser() user: AuthUser, @Body() body: RegisterDisclosureRequestDto, @Res({ passthrough: true }) response: Response) {
    const result = await this.requests.register(user, body);
    response.status(result.created ? 201 : 200);
    return result;
  }

  /** disclosure_officer (their region's) and supervisors: applications, newest first. */
  @Roles(Role.DISCLOSURE_OFFICER, Role.SUPERVISOR, Role.ADMIN)
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: DisclosureListQueryDto) {
    return this.requests.list(user, query);
  }

  /** applicant: their own applications. */
  @Roles(Role.APPLICANT)
  @Get('mine')
  mine(@CurrentUser() user: AuthUser) {
    return this.requests.mine(user);
  }

  /** Public: status by number and the applicant's ID number or credit code, or the receipt's 查询码; rate limited per address. */
  @Public()
  @Get('status')
  @RateLimit('publicLookup')
  status(@Query() query: DisclosureStatusQueryDto) {
    return this.requests.status(query);
  }

  /** 年度报告 三、收到和处理政府信息公开申请情况: officers for their region, supervisors for all. */
  @Roles(Role.DISCLOSURE_OFFICER, Role.SUPERVISOR)
  @Get('annual-report')
  annualReport(@CurrentUser() user: AuthUser, @Query() query: AnnualReportQueryDto) {
    return this.requests.annualReport(user, query);
  }

  /** The application as its workflow has it: the applicant their own, officers their region's, supervisors all. */
  @Roles(...READERS)
  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param() params: DisclosureRequestIdDto) {
    return this.requests.get(user, params.id);
  }

  /**
   * The officer confirms receipt, asks for corrections, consults a third party, extends, replies; the
   * applicant corrects or withdraws. The workflow's validator decides; a refusal is 4xx with its code.
   */
  @Roles(Role.APPLICANT, Role.DISCLOSURE_OFFICER)
  @Post(':id/actions')
  @HttpCode(200)
  // The workflow's validator refuses with these (DisclosureRefusalCode, libs/domain request-machine).
  @ApiErrors(
    ErrorCode.DISCLOSURE_REQUEST_FINISHED,
    ErrorCode.DISCLOSURE_REQUEST_WRONG_STATE,
    ErrorCode.DISCLOSURE_ACTOR_NOT_ALLOWED,
    ErrorCode.DISCLOSURE_CORRECTION_ALREADY_REQUESTED,
    ErrorCode.DISCLOSURE_CORRECTION_TOO_LATE,
    ErrorCode.DISCLOSURE_EXTENSION_USED,
    ErrorCode.DISCLOSURE_EXTENSION_TOO_LATE,
    ErrorCode.DISCLOSURE_REPLY_INCOMPLETE,
  )
  act(@CurrentUser() user: AuthUser, @Param() params: DisclosureRequestIdDto, @Body() body: DisclosureActionDto) {
    return this.requests.act(user, params.id, body);
  }

  /** Whoever may read the application: one of its sealed documents as PDF. */
  @Roles(...READERS)
  @Get(':id/documents/:documentId/pdf')
  @ApiProduces('application/pdf')
  async pdf(@CurrentUser() user: AuthUser, @Param() params: DisclosureDocumentParamDto, @Res({ passthrough: true }) response: Response) {
    const { data, title } = await this.requests.documentPdf(user, params.id, params.documentId);
    response.setHeader('content-type', 'application/pdf');
    response.setHeader('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(title)}.pdf`);
    return new StreamableFile(data);
  }
}
