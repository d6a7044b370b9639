import type { CaseView } from '#domain';
import type { CaseEntity, CaseTaskEntity, CasesRepository } from '#persistence';
import { buildTimeline, type CaseRun, type CaseVerificationInput, type CaseVerificationReport, fetchCaseRuns, type ProjectionMismatch } from '#temporal';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';

/** The outcome of replaying one run with the worker's workflow code: null error when it replayed cleanly. */
export interface RunReplay {
  runId: string;
  /** The replay failed because the code made other commands than the history holds. */
  nondeterministic: boolean;
  error: string | null;
}

/**
 * Replays runs of a workflow with the worker's own workflow code. Given by the worker (which holds
 * the bundle and @temporalio/worker), so that activities stay free of worker internals.
 */
export type ReplayRuns = (workflowId: string, runs: CaseRun[]) => Promise<RunReplay[]>;

export interface VerificationActivityDeps {
  cases: CasesRepository;
  /** Absent in a worker built without replay (some tests): verification then fails as not configured. */
  replayRuns?: ReplayRuns;
}

/**
 * Compares the projection (case row and its steps) with the case rebuilt from its history, the
 * same fields `npm run reconcile` compares against the running workflow.
 */
export function projectionDifferences(row: CaseEntity, tasks: CaseTaskEntity[], rebuilt: CaseView): ProjectionMismatch[] {
  const differences: ProjectionMismatch[] = [];
  const differ = (field: string, projection: unknown, history: unknown) => {
    if (JSON.stringify(projection) !== JSON.stringify(history)) differences.push({ field, projection, history });
  };
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  differ('status', row.status, rebuilt.status);
  differ('outcome', row.outcome, rebuilt.outcome);
  differ('alarmLevel', row.alarmLevel, rebuilt.alarmLevel);
  differ('promisedDeadlineAt', row.promisedDeadlineAt?.toISOString() ?? null, iso(rebuilt.promisedDeadlineAt));
  differ('legalDeadlineAt', row.legalDeadlineAt?.toISOString() ?? null, iso(rebuilt.legalDeadlineAt));
  differ('planHash', row.planHash, rebuilt.planHash);
  // Every change bumps the revision the projection keeps: a projection write that never happened shows here.
  differ('revision', row.revision, rebuilt.revision);
  differ(
    'openSteps',
    tasks
      .filter((t) => t.status === 'open')
      .map((t) => t.token)
      .sort(),
    rebuilt.current.map((s) => s.token).sort(),
  );
  differ(
    'endedSteps',
    tasks
      .filter((t) => t.status !== 'open')
      .map((t) => `${t.token}:${t.status}`)
      .sort(),
    rebuilt.steps.map((s) => `${s.token}:${s.completion === 'cancelled' ? 'cancelled' : 'done'}`).sort(),
  );
  return differences;
}

export function createVerificationActivities({ cases, replayRuns }: VerificationActivityDeps) {
  return {
    /** Replays a case's history with this worker's workflow code and compares the projection with it. Reads only. */
    async verifyCaseHistory(input: CaseVerificationInput): Promise<CaseVerificationReport> {
      if (!replayRuns) throw ApplicationFailure.nonRetryable('此工作进程未配置回放校验', 'SERVICE_UNAVAILABLE');
      const runs = await fetchCaseRuns(Context.current().client, input.workflowId);
      const replays = await replayRuns(input.workflowId, runs);
      const rebuilt = buildTimeline(runs).state;
      const row = await cases.findById(input.caseId);
      const differences: ProjectionMismatch[] = row
        ? projectionDifferences(row, await cases.tasksOfCase(input.caseId), rebuilt)
        : [{ field: 'case', projection: 'missing', history: 'present' }];
      return {
        caseId: input.caseId,
        workflowId: input.workflowId,
        runs: runs.map((run, index) => ({
          runId: run.runId,
          events: run.events.length,
          deterministic: !replays[index]?.nondeterministic,
          error: replays[index]?.error ?? null,
        })),
        deterministic: replays.every((r) => !r.nondeterministic),
        projectionMatches: differences.length === 0,
        differences,
        checkedAt: Date.now(),
      };
    },
  };
}

export type VerificationActivities = ReturnType<typeof createVerificationActivities>;
