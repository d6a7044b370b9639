import type { CaseAlarm } from '#domain';
import type { DataSource } from 'typeorm';
import { CaseAlarmEntity } from '../entities/flow/flow-records.entity';

export class CaseAlarmsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async recordRaised(input: { caseId: string; caseNumber: string; itemCode: string; alarms: CaseAlarm[] }): Promise<void> {
    if (input.alarms.length === 0) return;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(CaseAlarmEntity)
      .values(
        input.alarms.map((a) => ({
          caseId: input.caseId,
          caseNumber: input.caseNumber,
          itemCode: input.itemCode,
          alarmKey: a.key,
          kind: a.kind,
          level: a.level,
          stepToken: a.token,
          message: a.message,
          dueAt: new Date(a.dueAt),
          status: 'open' as const,
        })),
      )
      .orIgnore()
      .execute();
  }

  findByCase(caseId: string): Promise<CaseAlarmEntity[]> {
    return this.dataSource.getRepository(CaseAlarmEntity).find({ where: { caseId }, order: { dueAt: 'ASC', alarmKey: 'ASC' } });
  }
}
