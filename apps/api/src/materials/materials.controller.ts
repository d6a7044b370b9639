import { DomainError, ErrorCode, Role } from '#domain';
import { MATERIAL_LIMITS } from '#persistence';
import { Body, Controller, Get, Param, Post, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import { sendFile } from '../common/send-file';
import { MaterialIdParamDto, UploadMaterialDto } from './materials.dto';
import { MaterialsService } from './materials.service';

@ApiTags('materials')
@Controller('applicants')
export class MaterialsController {
  constructor(private readonly materials: MaterialsService) {}

  /**
   * clerk (the applicant at the counter, checked against the original) and applicant (into their own
   * library): adds a material (multipart `file` + fields); larger than 20 MiB → 413, a type not allowed → 415.
   */
  @Roles(Role.CLERK, Role.APPLICANT)
  @Post('materials')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MATERIAL_LIMITS.maxBytes, files: 1 } }))
  upload(@CurrentUser() user: AuthUser, @Body() body: UploadMaterialDto, @UploadedFile() file: Express.Multer.File | undefined) {
    if (!file) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'file', rule: 'required' }]);
    return this.materials.upload(user, body, file.buffer);
  }

  /** applicant: their own library, still valid, with where each material came from. */
  @Roles(Role.APPLICANT)
  @Get('me/materials')
  mine(@CurrentUser() user: AuthUser) {
    return this.materials.mine(user);
  }

  /** applicant: the file of one of their own materials. */
  @Roles(Role.APPLICANT)
  @Get('me/materials/:materialId/file')
  async myFile(@CurrentUser() user: AuthUser, @Param() params: MaterialIdParamDto, @Res({ passthrough: true }) response: Response) {
    return sendFile(response, await this.materials.myFile(user, params.materialId));
  }
}
