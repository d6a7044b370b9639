import { chinaDateOf, type CaseView, type DisclosureRequestView } from '#domain';
import type { CaseAlarmsRepository, CaseEntity, CasesRepository, DisclosureRequestEntity, DisclosureRequestsRepository } from '#persistence';
import { caseViewQuery, DISCLOSURE_REQUEST_WORKFLOW_TYPE, disclosureViewQuery } from '#temporal';
import { type Client, WorkflowNotFoundError } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';

export interface ProjectionDifference {
  caseId: string | null;
  workflowId: string;
  field: string;
  projection: unknown;
  temporal: unknown;
}

/** What is compared: one projection's rows against their workflows' state. */
interface Reconciled<Row extends { id: string; workflowId: string }, View> {
  all(): Promise<Row[]>;
  findById(id: string): Promise<Row | null>;
  view: QueryDefinition<View>;
  /** Visibility query of the workflows that must each have a row. */
  workflows: string;
  rowIdOf(workflowId: string): string;
  /** Reports each field where the row and the view disagree. */
  compare(row: Row, view: View, differ: (field: string, projection: unknown, temporal: unknown) => void): Promise<void>;
}

interface Difference<Row> {
  row: Row | null;
  workflowId: string;
  field: string;
  projection: unknown;
  temporal: unknown;
}

/**
 * Every row against its workflow's state (read from its history by query), and every workflow the
 * visibility query finds against the rows. An empty list means they agree.
 */
async function reconcile<Row extends { id: string; workflowId: string }, View>(
  client: Client,
  what: Reconciled<Row, View>,
  settleMs = 2000,
): Promise<Difference<Row>[]> {
  const rows = await what.all();
  const first = await compareRows(client, what, rows);
  // A record being acted on right now differs for a moment (its projection, documents and alarms are
  // written just after the workflow changes): compare those again after a pause and report what persists.
  const unsettled = new Set(first.map((d) => d.row!.id));
  let differences = first;
  if (unsettled.size > 0) {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const again = await Promise.all(rows.filter((r) => unsettled.has(r.id)).map((r) => what.findById(r.id)));
    differences = await compareRows(
      client,
      what,
      again.filter((r): r is NonNullable<typeof r> => r !== null),
    );
  }
  const known = new Set(rows.map((r) => r.workflowId));
  for await (const execution of client.workflow.list({ query: what.workflows })) {
    if (!known.has(execution.workflowId) && !(await what.findById(what.rowIdOf(execution.workflowId)))) {
      differences.push({ row: null, workflowId: execution.workflowId, field: 'projection', projection: 'missing', temporal: 'present' });
    }
  }
  return differences;
}

async function compareRows<Row extends { id: string; workflowId: string }, View>(
  client: Client,
  what: Reconciled<Row, View>,
  rows: Row[],
): Promise<Difference<Row>[]> {
  const differences: Difference<Row>[] = [];
  for (const row of rows) {
    const differ = (field: string, projection: unknown, temporal: unknown) => {
      if (JSON.stringify(projection) !== JSON.stringify(temporal)) differences.push({ row, workflowId: row.workflowId, field, projection, temporal });
    };
    let view: View;
    try {
      view = await client.workflow.getHandle(row.workflowId).query(what.view);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) {
        differ('workflow', 'present', 'missing');
        continue;
      }
      throw error;
    }
    await what.compare(row, view, differ);
  }
  return differences;
}

/** Keeps a task queue name from closing the visibility query's string. */
const quoted = (taskQueue: string) => `'${taskQueue.replace(/'/g, '')}'`;

/**
 * Compares the case projection with Temporal, the record: every projected case against its
 * workflow's state, and every case workflow the API filed (visibility: those with IntakeOrg set)
 * against the projection. An empty list means they agree.
 */
export async function reconcileCases(
  client: Client,
  cases: CasesRepository,
  taskQueue: string,
  options: { settleMs?: number } = {},
): Promise<ProjectionDifference[]> {
  const differences = await reconcile<CaseEntity, CaseView>(
    client,
    {
      all: () => cases.all(),
      findById: (id) => cases.findById(id),
      view: caseViewQuery,
      workflows: `WorkflowType = 'caseWorkflow' AND TaskQueue = ${quoted(taskQueue)} AND IntakeOrg IS NOT NULL`,
      rowIdOf: (workflowId) => workflowId.replace(/^case-/, ''),
      async compare(row, view, differ) {
        differ('status', row.status, view.status);
        differ('outcome', row.outcome, view.outcome);
        differ('alarmLevel', row.alarmLevel, view.alarmLevel);
        differ('revision', row.revision, view.revision);
        const tasks = await cases.tasksOfCase(row.id);
        differ(
          'openSteps',
          tasks
            .filter((t) => t.status === 'open')
            .map((t) => t.token)
            .sort(),
          view.current.map((s) => s.token).sort(),
        );
        differ(
          'endedSteps',
          tasks
            .filter((t) => t.status !== 'open')
            .map((t) => `${t.token}:${t.status}`)
            .sort(),
          view.steps.map((s) => `${s.token}:${s.completion === 'cancelled' ? 'cancelled' : 'done'}`).sort(),
        );
      },
    },
    options.settleMs,
  );
  return differences.map(({ row, ...d }) => ({ caseId: row?.id ?? null, ...d }));
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
  const differences = await reconcile<DisclosureRequestEntity, DisclosureRequestView>(
    client,
    {
      all: () => repos.requests.all(),
      findById: (id) => repos.requests.findById(id),
      view: disclosureViewQuery,
      workflows: `WorkflowType = '${DISCLOSURE_REQUEST_WORKFLOW_TYPE}' AND TaskQueue = ${quoted(taskQueue)}`,
      rowIdOf: (workflowId) => workflowId.replace(/^disclosure-request-/, ''),
      async compare(row, view, differ) {
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
      },
    },
    options.settleMs,
  );
  return differences.map(({ row, ...d }) => ({ requestId: row?.id ?? null, number: row?.number ?? null, ...d }));
}
