import { DomainError, ErrorCode, Role } from '#domain';
import { DiskFileStore, MATERIAL_LIMITS, MaterialsRepository, sniffContentType } from '#persistence';
import { Controller, Get, Param, Post, Res, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import type { Response } from 'express';
import { Public, Roles } from '../common/auth/access.decorators';

class FileHashParamDto {
  @Matches(/^[0-9a-f]{64}$/) sha256!: string;
}

/**
 * 服务表格: blank forms and samples for the service guide. A department uploads one and puts the
 * URL it gets into the item's forms through a catalog change; anyone downloads it.
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
  async upload(@UploadedFile() file: Express.Multer.File | undefined) {
    if (!file) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'file', rule: 'required' }]);
    const contentType = sniffContentType(file.buffer);
    if (!contentType || contentType.startsWith('image/')) throw new DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, '表格须为 PDF、Word 或 Excel 文件');
    const stored = await this.files.put(file.buffer, contentType);
    await this.materials.recordFile({ sha256: stored.sha256, size: stored.size, contentType });
    return { sha256: stored.sha256, contentType, size: stored.size, url: `/api/forms/${stored.sha256}` };
  }

  /** Public: downloads a form. */
  @Public()
  @Get(':sha256')
  @ApiProduces(...MATERIAL_LIMITS.contentTypes)
  async download(@Param() params: FileHashParamDto, @Res({ passthrough: true }) response: Response) {
    const record = await this.materials.findFile(params.sha256);
    const data = record ? await this.files.get(params.sha256) : null;
    if (!record || !data) throw new DomainError(ErrorCode.DOCUMENT_NOT_FOUND, '未找到该表格');
    response.setHeader('content-type', record.contentType);
    return new StreamableFile(data);
  }
}
