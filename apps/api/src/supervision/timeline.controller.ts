import { Role } from '#domain';
import { Controller, Get, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../common/auth/auth-user';
import { CurrentUser, Roles } from '../common/auth/access.decorators';
import { UuidParamDto } from './supervision.dto';
import { TimelineService } from './timeline.service';

@ApiTags('supervision')
@Controller('supervision/cases/:id/timeline')
export class TimelineController {
  constructor(private readonly timelines: TimelineService) {}

  /** supervisor: the history replayed with the worker's workflow code (deterministic?) and the projection compared with it. */
  @Roles(Role.SUPERVISOR)
  @Get('verify')
  verify(@CurrentUser() user: AuthUser, @Param() params: UuidParamDto) {
    return this.timelines.verify(user, params.id);
  }

  /** supervisor: the timeline with the case's facts, as a JSON file. */
  @Roles(Role.SUPERVISOR)
  @Get('export.json')
  async exportJson(@CurrentUser() user: AuthUser, @Param() params: UuidParamDto, @Res({ passthrough: true }) response: Response) {
    const { fileName, body } = await this.timelines.exportJson(user, params.id);
    response.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    return body;
  }

  /** supervisor: the timeline printed for the case file (A4 PDF). */
  @Roles(Role.SUPERVISOR)
  @Get('export.pdf')
  @ApiProduces('application/pdf')
  async exportPdf(@CurrentUser() user: AuthUser, @Param() params: UuidParamDto, @Res({ passthrough: true }) response: Response) {
    const { fileName, data } = await this.timelines.exportPdf(user, params.id);
    response.setHeader('content-type', 'application/pdf');
    response.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`);
    return new StreamableFile(data);
  }
}
