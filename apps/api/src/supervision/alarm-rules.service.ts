import { DomainError, ErrorCode, validateAlarmRules } from '#domain';
import { AlarmRulesRepository, AuditRepository } from '#persistence';
import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user';
import type { PutAlarmRulesDto } from './alarm-rules.dto';

/**
 * The supervision office's alarm rules: read and changed by supervisors; each change a new version.
 * A case keeps the version it was filed under (in its workflow input); new cases get the latest.
 */
@Injectable()
export class AlarmRulesService {
  constructor(
    private readonly rules: AlarmRulesRepository,
    private readonly audit: AuditRepository,
  ) {}

  async get(user: AuthUser) {
    await this.audit.append({ userId: user.id, action: 'alarm-rules', caseId: null, detail: {} });
    return { current: await this.rules.current(), versions: await this.rules.history() };
  }

  async put(user: AuthUser, dto: PutAlarmRulesDto) {
    const settings = { reminderDays: dto.reminderDays, nearPromisedDays: dto.nearPromisedDays };
    const problems = validateAlarmRules(settings);
    if (problems.length > 0) throw new DomainError(ErrorCode.VALIDATION_FAILED, '告警规则有误', problems);
    const current = await this.rules.current();
    if (current.version !== dto.expectedVersion) {
      throw new DomainError(ErrorCode.ALARM_RULES_VERSION_CONFLICT, `告警规则已更新为第 ${current.version} 版，请刷新后重试`, [
        { field: 'expectedVersion', rule: 'current', current: current.version },
      ]);
    }
    const stored = await this.rules.append(dto.expectedVersion, settings, dto.note, user.id);
    if (!stored)
      throw new DomainError(ErrorCode.ALARM_RULES_VERSION_CONFLICT, '告警规则已被他人更新，请刷新后重试', [{ field: 'expectedVersion', rule: 'current' }]);
    return stored;
  }
}
