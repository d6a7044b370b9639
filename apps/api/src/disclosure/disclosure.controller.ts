import { DomainError, ErrorCode, Role } from '#domain';
import { MATERIAL_LIMITS } from '#persistence';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/auth/access.decorators';
import { PageQueryDto } from '../common/page-query.dto';
import { RateLimit } from '../common/rate-limit/rate-limits';
import {
  AreaParamDto,
  AttachmentParamDto,
  CommentDto,
  CommentPeriodDto,
  CommentSummaryDto,
  DocumentDraftDto,
  DocumentListQueryDto,
  IdParamDto,
  InterpretationDto,
  ModerationDto,
  RepealDto,
} from './disclosure.dto';
import { DisclosureService } from './disclosure.service';
import {
  AreaIndexView,
  AreaPageView,
  AttachmentView,
  CommentsView,
  DocumentPageView,
  DocumentView,
  InterpretationView,
  ModeratedView,
  ModerationItemView,
  SubmittedView,
} from './disclosure.views';

const WRITERS = [Role.DISCLOSURE_OFFICER, Role.DEPT_ADMIN] as const;

/** 政务公开. Reads of what is public need no token; writers are the disclosure office and the issuing department. */
@ApiTags('disclosure')
@Controller('disclosure')
export class DisclosureController {
  constructor(private readonly disclosure: DisclosureService) {}

  /** Public: documents, newest first, or with `q` a full-text search ranked by relevance with highlighted snippets. */
  @Public()
  @ApiOkResponse({ type: DocumentPageView })
  @Get('documents')
  list(@Query() query: DocumentListQueryDto) {
    return this.disclosure.list(query);
  }

  /** Public: a published, repealed (marked) or out-for-comment document with attachments and interpretations. */
  @Public()
  @ApiOkResponse({ type: DocumentView })
  @Get('documents/:id')
  get(@Param() params: IdParamDto) {
    return this.disclosure.get(params.id);
  }

  @Public()
  @Get('documents/:id/attachments/:attachmentId')
  @ApiProduces(...MATERIAL_LIMITS.contentTypes)
  async attachment(@Param() params: AttachmentParamDto, @Res({ passthrough: true }) response: Response) {
    const file = await this.disclosure.attachment(params.id, params.attachmentId);
    response.setHeader('content-type', file.contentType);
    response.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    return new StreamableFile(file.data);
  }

  /** Public: approved comments and feedback, the comment period and, after it, the adoption summary. */
  @Public()
  @ApiOkResponse({ type: CommentsView })
  @Get('documents/:id/comments')
  comments(@Param() params: IdParamDto) {
    return this.disclosure.comments(params.id);
  }

  /** Public, rate-limited: a comment on a draft within its comment period (征求意见), shown once moderated. */
  @Public()
  @RateLimit('comment')
  @ApiCreatedResponse({ type: SubmittedView })
  @Post('documents/:id/comments')
  comment(@Param() params: IdParamDto, @Body() body: CommentDto) {
    return this.disclosure.comment(params.id, body);
  }

  /** Public, rate-limited: feedback on a published document, shown once moderated. */
  @Public()
  @RateLimit('comment')
  @ApiCreatedResponse({ type: SubmittedView })
  @Post('documents/:id/feedback')
  feedback(@Param() params: IdParamDto, @Body() body: CommentDto) {
    return this.disclosure.feedback(params.id, body);
  }

  /** Public: the twelve key areas (重点领域) with their columns and feeds. */
  @Public()
  @ApiOkResponse({ type: [AreaIndexView] })
  @Get('areas')
  areas() {
    return this.disclosure.areas();
  }

  /** Public: a key area's column — documents and disclosable approval and penalty results, newest first. */
  @Public()
  @ApiOkResponse({ type: AreaPageView })
  @Get('areas/:area')
  area(@Param() params: AreaParamDto, @Query() page: PageQueryDto) {
    return this.disclosure.area(params.area, page);
  }

  /** Public: the column as an Atom feed. */
  @Public()
  @ApiProduces('application/atom+xml')
  @Get('areas/:area/feed.atom')
  async feed(@Param() params: AreaParamDto, @Res({ passthrough: true }) response: Response) {
    const xml = await this.disclosure.feed(params.area);
    response.setHeader('content-type', 'application/atom+xml; charset=utf-8');
    return xml;
  }

  /** The drafts the caller may work on. */
  @Roles(...WRITERS)
  @ApiOkResponse({ type: DocumentPageView })
  @Get('drafts')
  drafts(@CurrentUser() user: AuthUser, @Query() query: DocumentListQueryDto) {
    return this.disclosure.drafts(user, query);
  }

  /** A draft (or any document) the caller may write, with its unpublished interpretations. */
  @Roles(...WRITERS)
  @ApiOkResponse({ type: DocumentView })
  @Get('drafts/:id')
  draft(@CurrentUser() user: AuthUser, @Param() params: IdParamDto) {
    return this.disclosure.getForWriter(user, params.id);
  }

  /** Writes a draft for the issuing body (the caller's department, or any body of the office's region). */
  @Roles(...WRITERS)
  @ApiCreatedResponse({ type: DocumentView })
  @Post('documents')
  create(@CurrentUser() user: AuthUser, @Body() body: DocumentDraftDto) {
    return this.disclosure.create(user, body);
  }

  /** Replaces a draft; a published document is not rewritten (409 DISCLOSURE_DOCUMENT_NOT_DRAFT). */
  @Roles(...WRITERS)
  @ApiOkResponse({ type: DocumentView })
  @Put('documents/:id')
  update(@CurrentUser() user: AuthUser, @Param() params: IdParamDto, @Body() body: DocumentDraftDto) {
    return this.disclosure.update(user, params.id, body);
  }

  @Roles(...WRITERS)
  @ApiCreatedResponse({ type: AttachmentView })
  @Post('documents/:id/attachments')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MATERIAL_LIMITS.maxBytes, files: 1 } }))
  attach(@CurrentUser() user: AuthUser, @Param() params: IdParamDto, @UploadedFile() file: Express.Multer.File | undefined) {
    if (!file) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'file', rule: 'required' }]);
    return this.disclosure.attach(user, params.id, file);
  }

  @Roles(...WRITERS)
  @ApiOkResponse({ type: DocumentView })
  @Post('documents/:id/publish')
  @HttpCode(200)
  publish(@CurrentUser() user: AuthUser, @Param() params: IdParamDto) {
    return this.disclosure.publish(user, params.id);
  }

  /** 废止: the document stays readable, marked with the date and the reason. */
  @Roles(...WRITERS)
  @ApiOkResponse({ type: DocumentView })
  @Post('documents/:id/repeal')
  @HttpCode(200)
  repeal(@CurrentUser() user: AuthUser, @Param() params: IdParamDto, @Body() body: RepealDto) {
    return this.disclosure.repeal(user, params.id, body);
  }

  /** Puts a draft out for public comment (征求意见) from `opensAt` to `closesAt`. */
  @Roles(...WRITERS)
  @ApiOkResponse({ type: DocumentView })
  @Put('documents/:id/comment-period')
  commentPeriod(@CurrentUser() user: AuthUser, @Param() params: IdParamDto, @Body() body: CommentPeriodDto) {
    return this.disclosure.setCommentPeriod(user, params.id, body);
  }

  /** After the period: the summary, every shown comment adopted or not with its reason. */
  @Roles(...WRITERS)
  @ApiOkResponse({ type: CommentsView })
  @Post('documents/:id/comment-summary')
  @HttpCode(200)
  summary(@CurrentUser() user: AuthUser, @Param() params: IdParamDto, @Body() body: CommentSummaryDto) {
    return this.disclosure.publishSummary(user, params.id, body);
  }

  /** 政策解读: published at once for a published document, with the document for a draft. */
  @Roles(...WRITERS)
  @ApiCreatedResponse({ type: InterpretationView })
  @Post('documents/:id/interpretations')
  interpret(@CurrentUser() user: AuthUser, @Param() params: IdParamDto, @Body() body: InterpretationDto) {
    return this.disclosure.interpret(user, params.id, body);
  }

  @Roles(...WRITERS)
  @ApiOkResponse({ type: InterpretationView })
  @Post('interpretations/:id/publish')
  @HttpCode(200)
  publishInterpretation(@CurrentUser() user: AuthUser, @Param() params: IdParamDto) {
    return this.disclosure.publishInterpretation(user, params.id);
  }

  /** disclosure_officer: comments and feedback waiting for moderation in the region. */
  @Roles(Role.DISCLOSURE_OFFICER)
  @ApiOkResponse({ type: [ModerationItemView] })
  @Get('moderation')
  pending(@CurrentUser() user: AuthUser) {
    return this.disclosure.pending(user);
  }

  @Roles(Role.DISCLOSURE_OFFICER)
  @ApiOkResponse({ type: ModeratedView })
  @Post('comments/:id/moderation')
  @HttpCode(200)
  moderate(@CurrentUser() user: AuthUser, @Param() params: IdParamDto, @Body() body: ModerationDto) {
    return this.disclosure.moderate(user, params.id, body);
  }
}
