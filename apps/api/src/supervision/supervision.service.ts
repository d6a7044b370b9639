import { DomainError, ErrorCode } from '#domain';
import { AuditRepository, CaseAlarmsRepository, CasesRepository } from '#persistence';
import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import type { AuthUser } from '../common/auth/auth-user';
import type { AlarmListQueryDto, AlarmTransitionDto, TimelineQueryDto } from './supervision.dto';
import { buildTimeline, fetchCaseRuns } from './timeline';

/** The order an alarm is handled in; closed is final. */
const NEXT: Record<string, readonly string[]> = {
  open: ['investigating'],
  investigating: ['rectifying', 'closed'],
  rectifying: ['closed'],
  closed: [],
};

/** 电子监察: case replay from history, alarms and their handling. Supervisors change only alarm records. */
@Injectable()
export class SupervisionService {
  constructor(
    private readonly client: Client,
    private readonly cases: CasesRepository,
    private readonly alarms: CaseAlarmsRepository,
    private readonly audit: AuditRepository,
  ) {}

  /** The case rebuilt from its workflow history, every run from the first. */
  async timeline(user: AuthUser, caseId: string, query: TimelineQueryDto) {
    const row = await this.cases.findById(caseId);
    if (!row) throw new DomainError(ErrorCode.CASE_NOT_FOUND, '未找到该办件');
    const at = timelineMoment(query);
    await this.audit.append({ userId: user.id, action: 'timeline', caseId, detail: { ...query } });
    return buildTimeline(await fetchCaseRuns(this.client, row.workflowId), at);
  }

  async listAlarms(user: AuthUser, query: AlarmListQueryDto) {
    await this.audit.append({ userId: user.id, action: 'alarms', caseId: null, detail: { ...query } });
    const { total, alarms } = await this.alarms.list(query);
    return { total, page: query.page, pageSize: query.pageSize, alarms: alarms.map(alarmView) };
  }

  async alarm(user: AuthUser, id: string) {
    const alarm = await this.alarms.findById(id);
    if (!alarm) throw new DomainError(ErrorCode.ALARM_NOT_FOUND, '未找到该告警');
    await this.audit.append({ userId: user.id, action: 'alarm', caseId: alarm.caseId, detail: { alarmId: id } });
    const records = await this.alarms.records(id);
    return {
      ...alarmView(alarm),
      records: records.map((r) => ({ from: r.fromStatus, to: r.toStatus, note: r.note, by: r.recordedBy, at: r.recordedAt.toISOString() })),
    };
  }

  async transition(user: AuthUser, id: string, dto: AlarmTransitionDto) {
    const alarm = await this.alarms.findById(id);
    if (!alarm) throw new DomainError(ErrorCode.ALARM_NOT_FOUND, '未找到该告警');
    if (!NEXT[alarm.status]!.includes(dto.to)) {
      throw new DomainError(ErrorCode.ALARM_TRANSITION_INVALID, `告警处于「${alarm.status}」，不能转为「${dto.to}」`);
    }
    if (!(await this.alarms.transition(id, alarm.status, dto.to, dto.note, user.id))) {
      throw new DomainError(ErrorCode.ALARM_TRANSITION_INVALID, '告警状态已被他人更新，请刷新后重试');
    }
    return this.alarm(user, id);
  }
}

/** `at` (an entry's seq, or an ISO instant), or the older `atSeq` / `atTime`. */
function timelineMoment(query: TimelineQueryDto): { seq?: number; time?: number } {
  if (query.at !== undefined) {
    if (/^\d+$/.test(query.at)) {
      const seq = Number(query.at);
      if (seq < 1) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'at', rule: 'min' }]);
      return { seq };
    }
    const time = Date.parse(query.at);
    if (Number.isNaN(time)) throw new DomainError(ErrorCode.VALIDATION_FAILED, '请求参数有误', [{ field: 'at', rule: 'isIso8601' }]);
    return { time };
  }
  return {
    ...(query.atSeq !== undefined ? { seq: query.atSeq } : {}),
    ...(query.atTime !== undefined ? { time: Date.parse(query.atTime) } : {}),
  };
}

function alarmView(a: {
  id: string;
  caseId: string;
  caseNumber: string;
  itemCode: string;
  kind: string;
  level: string;
  stepToken: string | null;
  message: string;
  dueAt: Date;
  raisedAt: Date;
  status: string;
}) {
  return {
    id: a.id,
    caseId: a.caseId,
    caseNumber: a.caseNumber,
    itemCode: a.itemCode,
    kind: a.kind,
    level: a.level,
    stepToken: a.stepToken,
    message: a.message,
    dueAt: a.dueAt.toISOString(),
    raisedAt: a.raisedAt.toISOString(),
    status: a.status,
  };
}
