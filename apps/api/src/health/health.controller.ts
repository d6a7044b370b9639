import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/auth/access.decorators';
import { type HealthReport, HealthService } from './health.service';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  /** Public: 200 when PostgreSQL and Temporal both answer, 503 (same body) when either does not. */
  @Public()
  @Get()
  @ApiOkResponse({ description: 'both parts up' })
  @ApiServiceUnavailableResponse({ description: 'a part is down; the body says which', schema: { $ref: '#/components/schemas/HealthReport' } })
  async get(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    response.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
