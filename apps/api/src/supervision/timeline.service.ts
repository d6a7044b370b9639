import { ApiEnv } from '#config';
import {
  ALARM_LEVEL_NAMES,
  CASE_ACTION_NAMES,
  CASE_OUTCOME_NAMES,
  CASE_STATUS_NAMES,
  chinaDateTimeOf,
  DECISION_NAMES,
  DomainError,
  ErrorCode,
  labelOf,
} from '#domain';
import { AuditRepository, type CaseEntity, CasesRepository, OrgsRepository } from '#persistence';
import { CASE_VERIFICATION_WORKFLOW_TYPE, type CaseVerificationInput, type CaseVerificationReport, taskQueues } from '#temporal';
import { Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../common/auth/auth-user';
import { buildTimeline, fetchCaseRuns, type Timeline, type TimelineEntry } from './timeline';
import { renderTimelinePdf } from './timeline-pdf';

/** 2026-11-27 10:05 in China time. */
function chinaTime(iso: string | number | null): string {
  if (iso === null) return '—';
  return chinaDateTimeOf(typeof iso === 'number' ? iso : Date.parse(iso));
}

/**
 * The case replay's verification and exports (完整还原): verify runs on the worker, where the
 * workflow code is; exports carry the timeline with the case's facts. Every supervisor read is
 * appended to the audit chain.
 */
@Injectable()
export class TimelineService {
  private readonly taskQueue: string;
  private readonly fontPath: string | undefined;

  constructor(
    private readonly client: Client,
    private readonly cases: CasesRepository,
    private readonly orgs: OrgsRepository,
    private readonly audit: AuditRepository,
    env: ApiEnv,
  ) {
    this.taskQueue = taskQueues(env.TEMPORAL_TASK_QUEUE).cases;
    this.fontPath = env.ZWT_CJK_FONT;
  }

  /** Replays the case's history with the worker's code and compares the projection with it. */
  async verify(user: AuthUser, caseId: string): Promise<CaseVerificationReport> {
    const row = await this.load(caseId);
    await this.audit.append({ userId: user.id, action: 'timeline-verify', caseId, detail: {} });
    const input: CaseVerificationInput = { caseId, workflowId: row.workflowId };
    return this.client.workflow.execute<(input: CaseVerificationInput) => Promise<CaseVerificationReport>>(CASE_VERIFICATION_WORKFLOW_TYPE, {
      taskQueue: this.taskQueue,
      workflowId: `verify-${caseId}-${randomUUID()}`,
      args: [input],
      workflowExecutionTimeout: '5 minutes',
    });
  }

  /** The timeline with the case's facts, as a file for the case record. */
  async exportJson(user: AuthUser, caseId: string) {
    const row = await this.load(caseId);
    await this.audit.append({ userId: user.id, action: 'timeline-export', caseId, detail: { format: 'json' } });
    const timeline = buildTimeline(await fetchCaseRuns(this.client, row.workflowId));
    return {
      fileName: `监察记录-${row.caseNumber}.json`,
      body: { exportedAt: new Date().toISOString(), exportedBy: user.id, case: await this.facts(row, timeline), timeline },
    };
  }

  /** The timeline printed for the case file (A4 PDF with the Chinese font). */
  async exportPdf(user: AuthUser, caseId: string) {
    if (!this.fontPath) throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, '未配置中文字体（ZWT_CJK_FONT），无法生成PDF');
    const row = await this.load(caseId);
    await this.audit.append({ userId: user.id, action: 'timeline-export', caseId, detail: { format: 'pdf' } });
    const timeline = buildTimeline(await fetchCaseRuns(this.client, row.workflowId));
    const facts = await this.facts(row, timeline);
    const orgNames = await this.orgNames(timeline.entries);
    const exportedAt = Date.now();
    const pdf = await renderTimelinePdf(
      {
        title: '办件电子监察记录',
        subject: `${facts.caseNumber} ${facts.itemName}`,
        keywords: [facts.caseNumber, facts.itemCode],
        facts: [
          ['受理编号', facts.caseNumber],
          ['事项', `${facts.itemName}（${facts.itemCode}）`],
          ['申请人', facts.applicantName],
          ['受理单位', facts.intakeOrg ?? '—'],
          ['收件时间', chinaTime(facts.receivedAt)],
          ['承诺办结期限', chinaTime(facts.promisedDeadlineAt)],
          ['法定办结期限', chinaTime(facts.legalDeadlineAt)],
          ['状态', `${CASE_STATUS_NAMES[facts.status]}${facts.outcome ? `（${CASE_OUTCOME_NAMES[facts.outcome]}）` : ''}`],
          ['办结时间', chinaTime(facts.finishedAt)],
          ['已用工作时间', timeline.elapsedWorkingHours === null ? '—' : `${timeline.elapsedWorkingHours.toFixed(1)} 工作小时`],
          ['流程版本', `${facts.flowVersion}（${facts.planHash.slice(0, 19)}…）`],
          ['告警规则版本', facts.alarmRulesVersion === null ? '规则版本化之前的默认规则' : `第 ${facts.alarmRulesVersion} 版`],
        ],
        entries: timeline.entries.map((entry) => entryBlock(entry, orgNames)),
        footer: `本记录依据工作流历史（${timeline.runs.length} 次运行）完整还原，导出时间 ${chinaTime(exportedAt)}（北京时间）。`,
        exportedAt,
      },
      this.fontPath,
    );
    return { fileName: `监察记录-${row.caseNumber}.pdf`, data: pdf };
  }

  private async facts(row: CaseEntity, timeline: Timeline) {
    const state = timeline.state;
    return {
      id: row.id,
      caseNumber: row.caseNumber,
      itemCode: row.itemCode,
      itemName: row.itemName,
      applicantName: row.applicantName,
      intakeOrg: row.intakeOrg?.name ?? null,
      flowVersion: row.flowVersion,
      planHash: row.planHash,
      receivedAt: new Date(state.receivedAt).toISOString(),
      promisedDeadlineAt: state.promisedDeadlineAt === null ? null : new Date(state.promisedDeadlineAt).toISOString(),
      legalDeadlineAt: state.legalDeadlineAt === null ? null : new Date(state.legalDeadlineAt).toISOString(),
      status: state.status,
      outcome: state.outcome,
      finishedAt: state.finishedAt === null ? null : new Date(state.finishedAt).toISOString(),
      alarmLevel: state.alarmLevel,
      alarmRulesVersion: timeline.alarmRulesVersion,
      elapsedWorkingHours: timeline.elapsedWorkingHours,
    };
  }

  private async orgNames(entries: TimelineEntry[]): Promise<Map<string, string>> {
    const ids = [...new Set(entries.map((e) => e.actor?.orgId).filter((id): id is string => !!id))];
    const names = new Map<string, string>();
    for (const id of ids) {
      const org = await this.orgs.findById(id).catch(() => null);
      if (org) names.set(id, org.name);
    }
    return names;
  }

  private async load(caseId: string): Promise<CaseEntity> {
    const row = await this.cases.findById(caseId);
    if (!row) throw new DomainError(ErrorCode.CASE_NOT_FOUND, '未找到该办件');
    return row;
  }
}

function entryBlock(entry: TimelineEntry, orgNames: Map<string, string>): { heading: string; lines: string[] } {
  const when = chinaTime(entry.at);
  const lines: string[] = [];
  let heading: string;
  switch (entry.kind) {
    case 'received':
      heading = `${entry.seq}. ${when}  收件`;
      break;
    case 'alarm':
      heading = `${entry.seq}. ${when}  ${ALARM_LEVEL_NAMES[entry.alarm!.level]}：${entry.alarm!.message}`;
      break;
    case 'continued':
      heading = `${entry.seq}. ${when}  工作流续期（continue-as-new）`;
      break;
    case 'finished':
      heading = `${entry.seq}. ${when}  办结`;
      break;
    default: {
      heading = `${entry.seq}. ${when}  ${labelOf(CASE_ACTION_NAMES, entry.action)}${entry.step ? ` · 环节「${entry.step.name}」` : ''}`;
      if (entry.actor) {
        const org = orgNames.get(entry.actor.orgId) ?? entry.actor.orgId;
        lines.push(
          `办理人：${entry.actor.name}（${org}${entry.actor.department ? ` · ${entry.actor.department}` : ''}${entry.actor.posts.length > 0 ? ` · ${entry.actor.posts.join('、')}` : ''}）`,
        );
      }
      if (entry.step) {
        lines.push(
          `环节时限：${entry.step.limitHours} 工作小时，期限 ${chinaTime(entry.step.deadlineAt)}${entry.onTime === undefined || entry.onTime === null ? '' : entry.onTime ? '，按时' : '，超时'}`,
        );
      }
      if (entry.decision) lines.push(`决定：${labelOf(DECISION_NAMES, entry.decision)}`);
      if (entry.opinion) lines.push(`意见：${entry.opinion}`);
      if (entry.documentTitle) lines.push(`文书：${entry.documentTitle}`);
      if (entry.correctionItems?.length) lines.push(`补正材料：${entry.correctionItems.join('、')}`);
      if (entry.feeYuan !== undefined) lines.push(`收费：${entry.feeYuan} 元`);
    }
  }
  lines.push(`状态：${labelOf(CASE_STATUS_NAMES, entry.status)}`);
  return { heading, lines };
}
