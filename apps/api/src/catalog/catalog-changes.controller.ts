import { DomainError, ErrorCode, Role } from '#domain';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import { CatalogChangesService } from './catalog-changes.service';
import { ChangeListQueryDto, FileChangeDto, ImportCatalogDto, ImportWorkbookDto, ReviewChangeDto } from './dto/catalog.dto';

/** Larger uploads get 413 PAYLOAD_TOO_LARGE. */
const MAX_WORKBOOK_BYTES = 10 * 1024 * 1024;

/** Catalog changes (目录变更): filed by departments, reviewed by the approval office (审管办). */
@ApiTags('catalog-changes')
@Controller('catalog-changes')
export class CatalogChangesController {
  constructor(private readonly changes: CatalogChangesService) {}

  /** dept_admin, for its own department's items: files 新增/变更/下放/拆分/取消; pending until reviewed. */
  @Roles(Role.DEPT_ADMIN)
  @Post()
  file(@CurrentUser() user: AuthUser, @Body() body: FileChangeDto) {
    return this.changes.file(user, body);
  }

  /** dept_admin: files a bulk 新增 of its catalog (JSON rows); 422 with every bad row and nothing filed. */
  @Roles(Role.DEPT_ADMIN)
  @Post('import')
  import(@CurrentUser() user: AuthUser, @Body() body: ImportCatalogDto) {
    return this.changes.fileImport(user, body);
  }

  /**
   * dept_admin: the same bulk 新增 from an .xlsx workbook in the 附件1 layout (multipart: `file`,
   * `reason`); 422 with every bad cell and row by sheet and row number, nothing filed.
   */
  @Roles(Role.DEPT_ADMIN)
  @Post('import.xlsx')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: MAX_WORKBOOK_BYTES, files: 1 } }))
  importWorkbook(@CurrentUser() user: AuthUser, @UploadedFile() file: Express.Multer.File | undefined, @Body() body: ImportWorkbookDto) {
    if (!file) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'file', rule: 'required' }]);
    return this.changes.fileImportWorkbook(user, file.buffer, body.reason);
  }

  /** dept_admin (own department), review_admin (own region), supervisor and admin (all). */
  @Roles(Role.DEPT_ADMIN, Role.REVIEW_ADMIN, Role.SUPERVISOR, Role.ADMIN)
  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ChangeListQueryDto) {
    return this.changes.list(user, query);
  }

  /** As the list. */
  @Roles(Role.DEPT_ADMIN, Role.REVIEW_ADMIN, Role.SUPERVISOR, Role.ADMIN)
  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string) {
    return this.changes.get(user, id);
  }

  /** review_admin of the filing department's region: approve (takes effect, announced) or return. */
  @Roles(Role.REVIEW_ADMIN)
  @Post(':id/review')
  @HttpCode(200)
  review(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: ReviewChangeDto) {
    return this.changes.review(user, id, body);
  }
}
