import { DomainError, ErrorCode, Role } from '#domain';
import { DiskFileStore, MATERIAL_LIMITS, MaterialsRepository, sniffContentType } from '#persistence';
import { Controller, Get, Param, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { Response } from 'express';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Public, Roles } from '../common/auth/access.decorators';

class FileHashParamDto {
  @Matches(/^[0-9a-f]{64}$/) sha256!: string;
}

/**
 * 服务表格: blank forms and samples for the service guide. A department uploads one and puts the
 * URL it gets into the item's forms through a catalog change; anyone downloads it. Only files registered
 * here are served: the file store also holds applicants' materials and issued documents, and their
 * content hashes open nothing.
 */
@ApiTags('hall')
@Controller('forms')
export class FormsController {
  constructor(
    private readonly files: DiskFileStore,
    private readonly materials: MaterialsRepository,
  ) {}

  /** dept_admin: stores a form (PDF, Word, Excel), once by its bytes. */
  @Roles(Role.DEPT_ADMIN)
  @Post()
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MATERIAL_LIMITS.maxBytes, files: 1 } }))
  async upload(@CurrentUser() user: AuthUser, @UploadedFile() file: Express.Multer.File | undefined) {
    if (!file) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'file', rule: 'required' }]);
    const contentType = sniffContentType(file.buffer);
    if (!contentType || contentType.startsWith('image/')) throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, '表格须为 PDF、Word 或 Excel 文件');
    const stored = await this.files.put(file.buffer, contentType);
    await this.materials.recordFile({ sha256: stored.sha256, size: stored.size, contentType });
    await this.materials.registerForm({ sha256: stored.sha256, orgId: user.orgId, uploadedBy: user.id });
    return { sha256: stored.sha256, contentType, size: stored.size, url: `/api/forms/${stored.sha256}` };
  }

  /** Public: downloads a registered form (and nothing else the store holds). */
  @Public()
  @Get(':sha256')
  @ApiProduces(...MATERIAL_LIMITS.contentTypes)
  async download(@Param() params: FileHashParamDto, @Res({ passthrough: true }) response: Response) {
    const form = await this.materials.findForm(params.sha256);
    const data = form?.file ? await this.files.get(params.sha256) : null;
    if (!form?.file || !data) throw new DomainError(ErrorCode.DOCUMENT_NOT_FOUND, '未找到该表格');
    response.setHeader('content-type', form.file.contentType);
    response.setHeader('x-content-type-options', 'nosniff');
    return new StreamableFile(data);
  }
}
