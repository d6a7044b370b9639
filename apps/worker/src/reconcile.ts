import type { CaseView } from '#domain';
import type { CaseEntity, CasesRepository } from '#persistence';
import { caseViewQuery } from '#temporal';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';

export interface ProjectionDifference {
  caseId: string | null;
  workflowId: string;
  field: string;
  projection: unknown;
  temporal: unknown;
}

/**
 * Compares the case projection with Temporal, the record: every projected case against its
 * workflow's state (read from its history by query), and every case workflow the API filed
 * (visibility: those with IntakeOrg set) against the projection. An empty list means they agree.
 */
export async function reconcileCases(
  client: Client,
  cases: CasesRepository,
  taskQueue: string,
  options: { settleMs?: number } = {},
): Promise<ProjectionDifference[]> {
  const rows = await cases.all();
  const first = await compareRows(client, cases, rows);
  // A case being acted on right now differs for a moment (its projection is written just after the
  // workflow changes): compare those again after a pause and report what persists.
  const unsettled = new Set(first.map((d) => d.caseId));
  let differences = first;
  if (unsettled.size > 0) {
    await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 2000));
    const again = await Promise.all(rows.filter((r) => unsettled.has(r.id)).map((r) => cases.findById(r.id)));
    differences = await compareRows(client, cases, again.filter((r): r is NonNullable<typeof r> => r !== null));
  }
  const known = new Set(rows.map((r) => r.workflowId));
  const query = `WorkflowType = 'caseWorkflow' AND TaskQueue = '${taskQueue.replace(/'/g, '')}' AND IntakeOrg IS NOT NULL`;
  for await (const execution of client.workflow.list({ query })) {
    if (!known.has(execution.workflowId) && !(await cases.findById(execution.workflowId.replace(/^case-/, '')))) {
      differences.push({ caseId: null, workflowId: execution.workflowId, field: 'projection', projection: 'missing', temporal: 'present' });
    }
  }
  return differences;
}

async function compareRows(client: Client, cases: CasesRepository, rows: CaseEntity[]): Promise<ProjectionDifference[]> {
  const differences: ProjectionDifference[] = [];
  for (const row of rows) {
    const differ = (field: string, projection: unknown, temporal: unknown) => {
      if (JSON.stringify(projection) !== JSON.stringify(temporal)) differences.push({ caseId: row.id, workflowId: row.workflowId, field, projection, temporal });
    };
    let view: CaseView;
    try {
      view = await client.workflow.getHandle(row.workflowId).query(caseViewQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        differ('workflow', 'present', 'missing');
        continue;
      }
      throw error;
    }
    differ('status', row.status, view.status);
    differ('outcome', row.outcome, view.outcome);
    differ('alarmLevel', row.alarmLevel, view.alarmLevel);
    differ('revision', row.revision, view.revision);
    const tasks = await cases.tasksOfCase(row.id);
    differ('openSteps', tasks.filter((t) => t.status === 'open').map((t) => t.token).sort(), view.current.map((s) => s.token).sort());
    differ(
      'endedSteps',
      tasks.filter((t) => t.status !== 'open').map((t) => `${t.token}:${t.status}`).sort(),
      view.steps.map((s) => `${s.token}:${s.completion === 'cancelled' ? 'cancelled' : 'done'}`).sort(),
    );
  }
  return differences;
}
