import { Body, Controller, Get, HttpCode, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth/access.decorators';
import { ApiItemCodeParam } from '../common/openapi/openapi.decorators';
import { CatalogService } from './catalog.service';
import { PageQueryDto } from '../common/page-query.dto';
import { DiscretionRequestDto, ExportQueryDto, ItemListQueryDto, OrgListQueryDto } from './dto/catalog.dto';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The public power catalog (行政职权目录专栏): no token; drafts and pending changes never appear. */
@ApiItemCodeParam()
@ApiTags('catalog')
@Controller()
export class ItemsController {
  constructor(private readonly catalog: CatalogService) {}

  /** Public: active items (or cancelled/retired with `status`), filtered, paged, stably sorted. */
  @Public()
  @Get('items')
  list(@Query() query: ItemListQueryDto) {
    return this.catalog.list(query);
  }

  /**
   * Public: a department's active catalog as JSON rows (the body `POST /api/catalog-changes/import`
   * takes) or as an .xlsx workbook in the 附件1 layout. Declared before `items/:code`.
   */
  @Public()
  @Get('items/export')
  @ApiProduces('application/json', XLSX)
  async export(@Query() query: ExportQueryDto, @Res({ passthrough: true }) response: Response) {
    if (query.format === 'xlsx') {
      const workbook = await this.catalog.exportWorkbook(query.subject);
      response.setHeader('content-type', XLSX);
      response.setHeader('content-disposition', `attachment; filename="catalog-${query.subject}.xlsx"`);
      return new StreamableFile(workbook);
    }
    return { subject: query.subject, rows: await this.catalog.exportRows(query.subject) };
  }

  /** Public: the item's full information table (附件1). */
  @Public()
  @Get('items/:code')
  get(@Param('code') code: string) {
    return this.catalog.get(code);
  }

  /** Public: every version the item has had, oldest first. */
  @Public()
  @Get('items/:code/versions')
  versions(@Param('code') code: string) {
    return this.catalog.versions(code);
  }

  /** Public: which discretion benchmark rule (自由裁量基准) applies to a case's circumstances. */
  @Public()
  @Post('items/:code/discretion')
  @HttpCode(200)
  @ApiOkResponse({ description: 'the rule, the allowed penalty kinds and the fine range in yuan' })
  discretion(@Param('code') code: string, @Body() body: DiscretionRequestDto) {
    return this.catalog.discretion(code, body);
  }

  /** Public: announcements of approved catalog changes (同步公告), newest first. */
  @Public()
  @Get('announcements')
  announcements(@Query() query: PageQueryDto) {
    return this.catalog.announcements(query);
  }

  /** Public: organisations (regions with their division codes, departments with their subject codes). */
  @Public()
  @Get('orgs')
  orgs(@Query() query: OrgListQueryDto) {
    return this.catalog.orgList(query);
  }
}
