// The case rebuilt from its workflow history (完整还原), shared by the API (the supervision timeline)
// and the worker's verification activity (which compares it with the projection). Not for workflow
// code: it reads histories, which a workflow never does.
import { type CaseAlarm, type CaseCommand, type CaseInput, CaseMachine, type CaseView, completingActions, WorkingCalendar } from '#domain';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal } from '@temporalio/proto';
import type { CaseWorkflowInput } from './case-messages';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/** One run of a case workflow: its id and its events. */
export interface CaseRun {
  runId: string;
  events: HistoryEvent[];
}

/** Every run of a case workflow, the first first, following continue-as-new back from the latest. */
export async function fetchCaseRuns(client: Client, workflowId: string): Promise<CaseRun[]> {
  const runs: CaseRun[] = [];
  let runId: string | undefined = (await client.workflow.getHandle(workflowId).describe()).runId;
  while (runId) {
    const events: HistoryEvent[] = (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
    runs.unshift({ runId, events });
    runId = events[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  }
  return runs;
}

export interface TimelineEntry {
  /** Order in the whole case, across runs. */
  seq: number;
  runId: string;
  eventId: number;
  at: string;
  kind: 'received' | 'action' | 'alarm' | 'continued' | 'finished';
  step?: { token: string; nodeId: string; name: string; limitHours: number; deadlineAt: string | null };
  action?: string;
  actor?: { userId: string; name: string; role: string; orgId: string; level: string | null; department: string | null; posts: string[] };
  opinion?: string;
  decision?: string;
  documentTitle?: string;
  correctionItems?: string[];
  /** The fee charged with the action (yuan), as the actor stated it. */
  feeYuan?: number;
  /** For the action that finished its step: within the step's limit. */
  onTime?: boolean | null;
  alarm?: CaseAlarm;
  /** Case status after the entry. */
  status: string;
}

export interface Timeline {
  caseId: string;
  runs: string[];
  entries: TimelineEntry[];
  /** The case as of `at` (or now): what the workflow held then. */
  state: CaseView;
  /** Working hours from receipt to `at` (or the end), less the hours the clock stood still (补正). */
  elapsedWorkingHours: number | null;
  /** The alarm rule set the case runs on; null: filed before rule sets were versioned. */
  alarmRulesVersion: number | null;
}

function ms(event: HistoryEvent): number {
  const t = event.eventTime;
  return Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6);
}

function decode<T>(payloads: temporal.api.common.v1.IPayload[] | null | undefined): T[] {
  return (payloads ?? []).map((p) => defaultPayloadConverter.fromPayload(p) as T);
}

/**
 * Rebuilds a case from its workflow history alone (完整还原): the start input and every accepted
 * caseCommand Update, applied to the same state machine the workflow runs, at the times the history
 * records; alarms from the recordCaseAlarms activities. `at` (an event's seq, or an instant) stops
 * the rebuild there. Times are the history's event times, which can differ from the workflow task's
 * clock by milliseconds.
 */
export function buildTimeline(runs: CaseRun[], at?: { seq?: number; time?: number }): Timeline {
  const first = runs[0]?.events[0]?.workflowExecutionStartedEventAttributes;
  if (!first) throw new Error('history has no start');
  const [input] = decode<CaseWorkflowInput>(first.input?.payloads);
  const caseInput: CaseInput = input!.case;
  const machine = CaseMachine.start(caseInput);
  const entries: TimelineEntry[] = [];
  let seq = 0;
  let stopped = false;
  const push = (entry: Omit<TimelineEntry, 'seq' | 'status'>) => {
    seq += 1;
    if (stopped || (at?.seq !== undefined && seq > at.seq) || (at?.time !== undefined && Date.parse(entry.at) > at.time)) {
      stopped = true;
      return false;
    }
    entries.push({ ...entry, seq, status: machine.state.status });
    return true;
  };
  const iso = (t: number) => new Date(t).toISOString();
  push({ runId: runs[0]!.runId, eventId: Number(runs[0]!.events[0]!.eventId), at: iso(caseInput.receivedAt), kind: 'received' });

  for (const run of runs) {
    for (const event of run.events) {
      const eventId = Number(event.eventId);
      const accepted = event.workflowExecutionUpdateAcceptedEventAttributes;
      if (accepted?.acceptedRequest?.input?.name === 'caseCommand') {
        const [command] = decode<CaseCommand>(accepted.acceptedRequest.input.args?.payloads);
        if (!command || stopped) continue;
        const time = ms(event);
        const step = command.type === 'act' ? machine.state.active.find((s) => s.token === command.token) : undefined;
        const node = step ? caseInput.plan.nodes[step.nodeId] : undefined;
        const finishing = command.type === 'act' && node?.type === 'task' && completingActions(node.kind).includes(command.action);
        const entry: Omit<TimelineEntry, 'seq' | 'status'> = {
          runId: run.runId,
          eventId,
          at: iso(time),
          kind: 'action',
          action: command.type === 'act' ? command.action : command.type,
          actor: {
            userId: command.actor.userId,
            name: command.actor.name,
            role: command.actor.role,
            orgId: command.actor.orgId,
            level: command.actor.level,
            department: command.actor.department,
            posts: command.actor.posts,
          },
          ...(step
            ? {
                step: {
                  token: step.token,
                  nodeId: step.nodeId,
                  name: step.name,
                  limitHours: step.limitHours,
                  deadlineAt: step.deadlineAt === null ? null : iso(step.deadlineAt),
                },
              }
            : {}),
          ...(command.type === 'act' && command.opinion ? { opinion: command.opinion } : {}),
          ...(command.type === 'withdraw' ? { opinion: command.reason } : {}),
          ...(command.type === 'act' && command.decision ? { decision: command.decision } : {}),
          ...(command.type === 'act' && command.documentTitle ? { documentTitle: command.documentTitle } : {}),
          ...(command.type === 'act' && command.correctionItems ? { correctionItems: command.correctionItems } : {}),
          ...(command.type === 'act' && command.feeYuan !== undefined ? { feeYuan: command.feeYuan } : {}),
          ...(finishing ? { onTime: step!.deadlineAt === null ? null : time <= step!.deadlineAt } : {}),
        };
        if (!push(entry)) continue;
        machine.apply(command, time);
        entries[entries.length - 1]!.status = machine.state.status;
        continue;
      }
      const scheduled = event.activityTaskScheduledEventAttributes;
      if (scheduled?.activityType?.name === 'recordCaseAlarms') {
        const [payload] = decode<{ alarms: CaseAlarm[] }>(scheduled.input?.payloads);
        let raised = 0;
        for (const alarm of payload?.alarms ?? []) {
          if (!push({ runId: run.runId, eventId, at: iso(alarm.dueAt), kind: 'alarm', alarm })) break;
          machine.state.alarms.push(alarm);
          raised += 1;
        }
        // The workflow counts a batch of alarms as one change (CaseMachine.raiseDueAlarms).
        if (raised > 0) machine.state.revision = (machine.state.revision ?? 0) + 1;
        continue;
      }
      if (event.workflowExecutionContinuedAsNewEventAttributes) {
        push({ runId: run.runId, eventId, at: iso(ms(event)), kind: 'continued' });
      }
      if (event.workflowExecutionCompletedEventAttributes) {
        push({ runId: run.runId, eventId, at: iso(ms(event)), kind: 'finished' });
      }
    }
  }
  const view = machine.view();
  const until = at?.time ?? (entries.length > 0 ? Date.parse(entries[entries.length - 1]!.at) : caseInput.receivedAt);
  let elapsed: number | null;
  try {
    const calendar = new WorkingCalendar(caseInput.calendar);
    // A correction (补正) still open at `until` stops the clock too, not only the ones already resubmitted.
    const pausing = view.correction ? calendar.workingHoursBetween(view.correction.requestedAt, until) : 0;
    const end = view.finishedAt !== null && view.finishedAt < until ? view.finishedAt : until;
    elapsed = calendar.workingHoursBetween(caseInput.receivedAt, end) - view.pausedHours - pausing;
  } catch {
    elapsed = null;
  }
  return {
    caseId: caseInput.caseId,
    runs: runs.map((r) => r.runId),
    entries,
    state: view,
    elapsedWorkingHours: elapsed,
    alarmRulesVersion: caseInput.alarmRules?.version ?? null,
  };
}
