import { Role } from '#domain';
import { Controller, Get, HttpCode, Param, Post, Res, StreamableFile, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/auth/access.decorators';
import { RateLimit } from '../common/rate-limit/rate-limits';
import { ApiFileOptional } from '../common/openapi/openapi.decorators';
import { IdParamDto } from '../hall/hall.dto';
import { DocumentExistsGuard } from './document-exists.guard';
import { DocumentsService } from './documents.service';

const READERS = [Role.APPLICANT, Role.CLERK, Role.HANDLER, Role.DEPT_ADMIN, Role.SUPERVISOR, Role.ADMIN] as const;

@ApiTags('documents')
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  /** Whoever may read the case: its documents. */
  @Roles(...READERS)
  @Get('cases/:id/documents')
  ofCase(@CurrentUser() user: AuthUser, @Param() params: IdParamDto) {
    return this.documents.ofCase(user, params.id);
  }

  /** Whoever may read the case: the sealed PDF. */
  @Roles(...READERS)
  @Get('documents/:id/pdf')
  @ApiProduces('application/pdf')
  async pdf(@CurrentUser() user: AuthUser, @Param() params: IdParamDto, @Res({ passthrough: true }) response: Response) {
    const { data, title } = await this.documents.pdf(user, params.id);
    response.setHeader('content-type', 'application/pdf');
    response.setHeader('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(title)}.pdf`);
    return new StreamableFile(data);
  }

  /** Public: is the stored document intact and sealed by its department (SM2 with SM3)? */
  @Public()
  @Get('documents/:id/verify')
  verify(@Param() params: IdParamDto) {
    return this.documents.verify(params.id);
  }

  /**
   * Public: does this copy (multipart `file`) carry the department's valid seal, unaltered? Limited per
   * address (429 RATE_LIMITED); an unknown document is refused (404 DOCUMENT_NOT_FOUND) before the upload is read.
   */
  @Public()
  @Post('documents/:id/verify')
  @HttpCode(200)
  // Decorators apply bottom-up, so @RateLimit's guard runs first (unknown ids count too), then the id is checked.
  @UseGuards(DocumentExistsGuard)
  @RateLimit('documentVerify')
  @ApiConsumes('multipart/form-data')
  @ApiFileOptional() // without a file, an empty copy is checked: valid false
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: 20 * 1024 * 1024, files: 1 } }))
  verifyCopy(@Param() params: IdParamDto, @UploadedFile() file: Express.Multer.File | undefined) {
    return this.documents.verify(params.id, file?.buffer ?? Buffer.alloc(0));
  }
}
