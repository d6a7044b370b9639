import { DomainError, ErrorCode, Role } from '#domain';
import { MATERIAL_LIMITS } from '#persistence';
import { Body, Controller, Get, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import { ApplicantIdentityDto, UploadMaterialDto } from './materials.dto';
import { MaterialsService } from './materials.service';

@ApiTags('materials')
@Controller('applicants')
export class MaterialsController {
  constructor(private readonly materials: MaterialsService) {}

  /**
   * clerk (at the counter) and applicant: adds a material to the applicant's shared library
   * (multipart `file` + fields); larger than 20 MiB → 413, a type not allowed → 415.
   */
  @Roles(Role.CLERK, Role.APPLICANT)
  @Post('materials')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MATERIAL_LIMITS.maxBytes, files: 1 } }))
  upload(@CurrentUser() user: AuthUser, @Body() body: UploadMaterialDto, @UploadedFile() file: Express.Multer.File | undefined) {
    if (!file) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'file', rule: 'required' }]);
    return this.materials.upload(user, body, file.buffer);
  }

  /** clerk: what the library holds for an applicant, still valid. */
  @Roles(Role.CLERK)
  @Get(':kind/:idNumber/materials')
  list(@Param() params: ApplicantIdentityDto) {
    return this.materials.list(params.kind, params.idNumber);
  }
}
