import type { CaseAlarm } from '#domain';
import type { DataSource } from 'typeorm';
import { AlarmRecordEntity, CaseAlarmEntity } from '../entities/flow/flow-records.entity';

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

  async list(filters: { level?: string; status?: string; itemCode?: string; caseNumber?: string; page: number; pageSize: number }) {
    const qb = this.dataSource.getRepository(CaseAlarmEntity).createQueryBuilder('alarm').orderBy('alarm.due_at', 'DESC').addOrderBy('alarm.id', 'ASC');
    if (filters.level) qb.andWhere('alarm.level = :level', { level: filters.level });
    if (filters.status) qb.andWhere('alarm.status = :status', { status: filters.status });
    if (filters.itemCode) qb.andWhere('alarm.item_code = :itemCode', { itemCode: filters.itemCode });
    if (filters.caseNumber) qb.andWhere('alarm.case_number = :caseNumber', { caseNumber: filters.caseNumber });
    const [alarms, total] = await qb
      .offset((filters.page - 1) * filters.pageSize)
      .limit(filters.pageSize)
      .getManyAndCount();
    return { total, alarms };
  }

  findById(id: string): Promise<CaseAlarmEntity | null> {
    return this.dataSource.getRepository(CaseAlarmEntity).findOneBy({ id });
  }

  records(alarmId: string): Promise<AlarmRecordEntity[]> {
    return this.dataSource.getRepository(AlarmRecordEntity).find({ where: { alarmId }, order: { recordedAt: 'ASC' } });
  }

  /**
   * Moves an alarm one step on and appends the record, in one transaction; only from the status the
   * caller saw (a concurrent move makes this return false).
   */
  async transition(alarmId: string, from: string, to: 'investigating' | 'rectifying' | 'closed', note: string, recordedBy: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const moved = await manager.getRepository(CaseAlarmEntity).update({ id: alarmId, status: from as CaseAlarmEntity['status'] }, { status: to });
      if (!moved.affected) return false;
      await manager.getRepository(AlarmRecordEntity).insert({ alarmId, fromStatus: from, toStatus: to, note, recordedBy });
      return true;
    });
  }

  findByCase(caseId: string): Promise<CaseAlarmEntity[]> {
    return this.dataSource.getRepository(CaseAlarmEntity).find({ where: { caseId }, order: { dueAt: 'ASC', alarmKey: 'ASC' } });
  }
}
