import { SupervisionRecordsRepository, SupervisionStatsRepository } from '#persistence';
import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CoverageService } from './coverage.service';
import { GradingService } from './grading.service';
import { DepartmentGradesController, SupervisionStatsController } from './stats.controller';
import { StatsService } from './stats.service';
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';
import { AlarmRulesController } from './alarm-rules.controller';
import { AlarmRulesService } from './alarm-rules.service';
import { AuditLogController } from './audit-log.controller';
import { AuditLogService } from './audit-log.service';
import { TimelineController } from './timeline.controller';
import { TimelineService } from './timeline.service';

const repositories = [SupervisionStatsRepository, SupervisionRecordsRepository].map((repository) => ({
  provide: repository,
  useFactory: (dataSource: DataSource) => new repository(dataSource),
  inject: [DataSource],
}));

@Module({
  controllers: [SupervisionController, TimelineController, AlarmRulesController, SupervisionStatsController, DepartmentGradesController, AuditLogController],
  providers: [SupervisionService, TimelineService, AlarmRulesService, StatsService, GradingService, CoverageService, AuditLogService, ...repositories],
})
export class SupervisionModule {}
