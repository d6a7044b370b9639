import { chinaDateOf, type CaseView, type DisclosureRequestView } from '#domain';
import type { CaseAlarmsRepository, CaseEntity, CasesRepository, DisclosureRequestEntity, DisclosureRequestsRepository } from '#persistence';
import { caseViewQuery, DISCLOSURE_REQUEST_WORKFLOW_TYPE, disclosureViewQuery } from '#temporal';
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

export interface DisclosureDifference {
  requestId: string | null;
  number: string | null;
  workflowId: string;
  field: string;
  projection: unknown;
  temporal: unknown;
}

/**
 * The same check for applications for government information (依申请公开): every `disclosure_requests`
 * row against the state its workflow rebuilds from its history (by query) — the columns the projection
 * writes, the sealed documents and the alarms supervision lists — and every application workflow of
 * the task queue against the rows. An empty list means they agree.
 */
export async function reconcileDisclosureRequests(
  client: Client,
  repos: { requests: DisclosureRequestsRepository; alarms: CaseAlarmsRepository },
  taskQueue: string,
  options: { settleMs?: number } = {},
): Promise<DisclosureDifference[]> {
  const rows = await repos.requests.all();
  const first = await compareRequests(client, repos, rows);
  // An application being acted on differs for a moment (documents and projection are written just
  // after the workflow changes): compare those again after a pause and report what persists.
  const unsettled = new Set(first.map((d) => d.requestId));
  let differences = first;
  if (unsettled.size > 0) {
    await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 2000));
    const again = await Promise.all(rows.filter((r) => unsettled.has(r.id)).map((r) => repos.requests.findById(r.id)));
    differences = await compareRequests(client, repos, again.filter((r): r is NonNullable<typeof r> => r !== null));
  }
  const known = new Set(rows.map((r) => r.workflowId));
  const query = `WorkflowType = '${DISCLOSURE_REQUEST_WORKFLOW_TYPE}' AND TaskQueue = '${taskQueue.replace(/'/g, '')}'`;
  for await (const execution of client.workflow.list({ query })) {
    if (known.has(execution.workflowId)) continue;
    const id = execution.workflowId.replace(/^disclosure-request-/, '');
    if (!(await repos.requests.findById(id))) {
      differences.push({ requestId: null, number: null, workflowId: execution.workflowId, field: 'projection', projection: 'missing', temporal: 'present' });
    }
  }
  return differences;
}

async function compareRequests(
  client: Client,
  repos: { requests: DisclosureRequestsRepository; alarms: CaseAlarmsRepository },
  rows: DisclosureRequestEntity[],
): Promise<DisclosureDifference[]> {
  const differences: DisclosureDifference[] = [];
  for (const row of rows) {
    const differ = (field: string, projection: unknown, temporal: unknown) => {
      if (JSON.stringify(projection) !== JSON.stringify(temporal)) differences.push({ requestId: row.id, number: row.number, workflowId: row.workflowId, field, projection, temporal });
    };
    let view: DisclosureRequestView;
    try {
      view = await client.workflow.getHandle(row.workflowId).query(disclosureViewQuery);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        differ('workflow', 'present', 'missing');
        continue;
      }
      throw error;
    }
    // The columns DisclosureRequestsRepository.project writes, as it derives them from the view.
    differ('status', row.status, view.status);
    differ('replyType', row.replyType, view.reply?.type ?? null);
    differ('replyReason', row.replyReason, view.reply?.refusalReason ?? view.reply?.notHeldReason ?? null);
    differ('alarmLevel', row.alarmLevel, view.alarmLevel);
    differ('firstReceivedOn', row.firstReceivedOn, view.firstReceivedOn);
    differ('dueOn', row.dueOn, view.dueOn);
    differ('extended', row.extended, view.extension !== null);
    differ('finishedAt', row.finishedAt?.getTime() ?? null, view.finishedAt);
    differ('finishedOn', row.finishedOn, view.finishedAt === null ? null : chinaDateOf(view.finishedAt));
    differ('revision', row.revision, view.revision);
    const documents = await repos.requests.documentsOf(row.id);
    differ('documents', documents.map((d) => d.documentKey).sort(), view.documents.map((d) => d.key).sort());
    const alarms = await repos.alarms.findByCase(row.id);
    differ('alarms', alarms.map((a) => `${a.alarmKey}:${a.level}`).sort(), view.alarms.map((a) => `${a.key}:${a.level}`).sort());
  }
  return differences;
}
