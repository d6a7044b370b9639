import { type AlarmRules, type AlarmRuleSettings, DEFAULT_ALARM_RULES } from '#domain';
import type { DataSource } from 'typeorm';
import { AlarmRuleSetEntity } from '../entities/alarm-rules/alarm-rule-set.entity';

export interface StoredAlarmRules extends AlarmRules {
  note: string;
  createdBy: string | null;
  createdAt: string | null;
}

/** The alarm rule sets, append-only: a change is a new version. */
export class AlarmRulesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The rules in force: the latest stored version, or the defaults (version 0) before any. */
  async current(): Promise<StoredAlarmRules> {
    const [latest] = await this.dataSource.getRepository(AlarmRuleSetEntity).find({ order: { version: 'DESC' }, take: 1 });
    return latest ? stored(latest) : { ...DEFAULT_ALARM_RULES, note: '默认规则', createdBy: null, createdAt: null };
  }

  async history(): Promise<StoredAlarmRules[]> {
    return (await this.dataSource.getRepository(AlarmRuleSetEntity).find({ order: { version: 'DESC' } })).map(stored);
  }

  /**
   * Stores the next version, when the caller saw `expectedVersion` as the latest; null when someone
   * stored one in between (the primary key refuses a second row of the same version).
   */
  async append(expectedVersion: number, settings: AlarmRuleSettings, note: string, createdBy: string): Promise<StoredAlarmRules | null> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(AlarmRuleSetEntity)
      .values({ version: expectedVersion + 1, reminderDays: settings.reminderDays, nearPromisedDays: settings.nearPromisedDays, note, createdBy })
      .orIgnore()
      .returning('*')
      .execute();
    if (result.raw.length === 0) return null;
    const row = await this.dataSource.getRepository(AlarmRuleSetEntity).findOneByOrFail({ version: expectedVersion + 1 });
    return stored(row);
  }
}

function stored(row: AlarmRuleSetEntity): StoredAlarmRules {
  return {
    version: row.version,
    reminderDays: row.reminderDays,
    nearPromisedDays: row.nearPromisedDays,
    note: row.note,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
}
