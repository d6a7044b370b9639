import type { CaseActor, CaseCommand, CaseView, FlowPlan } from '#domain';
import { CASE_WORKFLOW_TYPE, type CaseWorkflowInput, caseCommandUpdate, caseViewQuery, caseWorkflowId, SearchAttributes, taskQueues } from '#temporal';
import { Client, Connection, WorkflowUpdateFailedError, type WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { ACTORS, type ExampleFlow, examplePlan, makeCaseInput } from '../factories/flows';
import { checkHistory, eventually, type RunningWorker, startTestWorker } from '../test-app';

/** temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED */
const ACTIVITY_TASK_COMPLETED = '12';

type CaseHandle = WorkflowHandleWithFirstExecutionRunId<(input: CaseWorkflowInput) => Promise<CaseView>>;

describe('the case interpreter workflow on the real Temporal server', () => {
  let worker: RunningWorker;
  let connection: Connection;
  let client: Client;

  beforeAll(async () => {
    worker = await startTestWorker();
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection });
  });
  afterAll(async () => {
    await worker.stop();
    await connection.close();
  });

  async function startCase(flow: ExampleFlow | FlowPlan, extra: Partial<CaseWorkflowInput> = {}): Promise<CaseHandle> {
    const caseId = randomUUID();
    const plan = typeof flow === 'string' ? examplePlan(flow) : flow;
    return client.workflow.start<(input: CaseWorkflowInput) => Promise<CaseView>>(CASE_WORKFLOW_TYPE, {
      taskQueue: taskQueues(process.env.TEMPORAL_TASK_QUEUE!).cases,
      workflowId: caseWorkflowId(caseId),
      args: [{ case: makeCaseInput(plan, { caseId, receivedAt: Date.now() }), ...extra }],
    });
  }

  /** The demo actor who may act on a step: the intake centre's clerk, or the org/department/post the plan names. */
  function actorFor(step: CaseView['current'][number]): CaseActor {
    const spec = step.actor;
    if (spec.kind === 'intakeCentre') return ACTORS.bmClerk;
    const found = Object.values(ACTORS).find((a) => a.level === spec.level && a.department === spec.department && a.posts.includes(spec.post));
    if (!found) throw new Error(`no demo actor for ${JSON.stringify(spec)}`);
    return found;
  }

  /** Acts on the current steps with their finishing actions until the case ends as `outcome`. */
  async function driveTo(h: CaseHandle, outcome: 'approved' | 'denied' | 'notAccepted' | 'withdrawn'): Promise<CaseView> {
    for (let round = 0; round < 20; round++) {
      const view = await h.query(caseViewQuery);
      if (view.status === 'finished') return view;
      if (outcome === 'withdrawn' && round === 2) {
        await send(h, { type: 'withdraw', reason: '申请人撤回', actor: ACTORS.applicant });
        continue;
      }
      const step = view.current[0]!;
      const actor = actorFor(step);
      if (step.kind === 'intake') {
        await send(
          h,
          outcome === 'notAccepted'
            ? { type: 'act', token: step.token, action: 'reject', opinion: '不予受理', actor }
            : { type: 'act', token: step.token, action: 'accept', actor },
        );
      } else if (step.kind === 'review') {
        await send(h, { type: 'act', token: step.token, action: 'opinion', opinion: '同意', actor });
      } else if (step.kind === 'decision') {
        await send(h, { type: 'act', token: step.token, action: 'decide', decision: outcome === 'denied' ? 'denied' : 'approved', opinion: '决定', actor });
      } else {
        await send(h, { type: 'act', token: step.token, action: 'deliver', actor });
      }
    }
    throw new Error('the case did not finish');
  }

  const send = (handle: CaseHandle, command: CaseCommand) => handle.executeUpdate(caseCommandUpdate, { args: [command] });

  async function token(handle: CaseHandle, nodeId: string): Promise<string> {
    const view = await handle.query(caseViewQuery);
    const step = view.current.find((s) => s.nodeId === nodeId);
    if (!step) throw new Error(`${nodeId} is not current: ${view.current.map((s) => s.nodeId)}`);
    return step.token;
  }

  async function refusedCode(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) return error.cause.type ?? 'untyped';
      throw error;
    }
    return 'accepted';
  }

  it('drives the county permit to 准予 and records the history', async () => {
    const h = await startCase('county-permit');
    await send(h, { type: 'act', token: await token(h, 'intake'), action: 'accept', actor: ACTORS.zxClerk });
    await send(h, { type: 'act', token: await token(h, 'review'), action: 'opinion', opinion: '符合条件', actor: ACTORS.aj });
    await send(h, { type: 'act', token: await token(h, 'decide'), action: 'decide', decision: 'approved', opinion: '准予许可', actor: ACTORS.aj });
    const last = await send(h, { type: 'act', token: await token(h, 'deliverLicence'), action: 'deliver', actor: ACTORS.zxClerk });
    expect(last).toMatchObject({ status: 'finished', outcome: 'approved' });
    const result = await h.result();
    expect(result.documents.find((d) => d.decision === 'approved')).toMatchObject({ sealed: true, opinion: '准予许可' });
    await eventually(async () => ((await h.describe()).typedSearchAttributes.get(SearchAttributes.caseStatus) === 'approved' ? true : undefined));
    await checkHistory(client, h.workflowId, 'caseWorkflow-county-permit-approved');
    // The alarm timer is not restarted by every Update (four here): only when the next alarm comes
    // earlier (a later step with a shorter limit) is it replaced, by one due sooner; the last stays armed.
    const events = (await h.fetchHistory()).events ?? [];
    const seconds = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) => Number(t?.seconds ?? 0) + (t?.nanos ?? 0) / 1e9;
    const dueAt = events
      .filter((e) => e.timerStartedEventAttributes)
      .map((e) => seconds(e.eventTime) + seconds(e.timerStartedEventAttributes!.startToFireTimeout));
    expect(dueAt.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < dueAt.length; i++) expect(dueAt[i]).toBeLessThan(dueAt[i - 1]!);
    expect(events.filter((e) => e.timerCanceledEventAttributes)).toHaveLength(dueAt.length - 1);
  });

  it('drives 企业设立 through three departments in parallel to 不予, lead last', async () => {
    const h = await startCase('enterprise-establishment');
    await send(h, { type: 'act', token: await token(h, 'intake'), action: 'accept', actor: ACTORS.zxClerk });
    const parallel = await h.query(caseViewQuery);
    expect(parallel.current.map((s) => s.nodeId).sort()).toEqual(['gsReview', 'hbReview', 'zjReview']);
    // Visibility is eventually consistent.
    await eventually(async () => {
      const steps = (await h.describe()).typedSearchAttributes.get(SearchAttributes.currentStep)?.slice().sort();
      return JSON.stringify(steps) === JSON.stringify(['gsReview', 'hbReview', 'zjReview']) ? true : undefined;
    });
    await send(h, { type: 'act', token: await token(h, 'zjReview'), action: 'opinion', opinion: '同意', actor: ACTORS.zj });
    await send(h, { type: 'act', token: await token(h, 'hbReview'), action: 'opinion', opinion: '环评未通过', actor: ACTORS.hb });
    await send(h, { type: 'act', token: await token(h, 'gsReview'), action: 'opinion', opinion: '同意', actor: ACTORS.gs });
    await send(h, {
      type: 'act',
      token: await token(h, 'decide'),
      action: 'decide',
      decision: 'denied',
      opinion: '环保审查未通过，不予登记',
      actor: ACTORS.gs,
    });
    await send(h, { type: 'act', token: await token(h, 'deliverRefusal'), action: 'deliver', actor: ACTORS.zxClerk });
    expect(await h.result()).toMatchObject({ outcome: 'denied' });
    await checkHistory(client, h.workflowId, 'caseWorkflow-enterprise-denied');
  });

  it('takes a township case in, hands it to the county and back to the same centre', async () => {
    const h = await startCase('township-intake');
    expect(await refusedCode(send(h, { type: 'act', token: await token(h, 'intake'), action: 'accept', actor: ACTORS.otherBmClerk }))).toBe(
      'CASE_ACTOR_NOT_ALLOWED',
    );
    await send(h, { type: 'act', token: await token(h, 'intake'), action: 'accept', actor: ACTORS.bmClerk });
    await send(h, { type: 'act', token: await token(h, 'countyReview'), action: 'requestCorrection', correctionItems: ['股东身份证明'], actor: ACTORS.gs });
    expect((await h.query(caseViewQuery)).status).toBe('correction');
    await send(h, { type: 'resubmit', actor: ACTORS.applicant });
    await send(h, { type: 'act', token: await token(h, 'countyReview'), action: 'opinion', opinion: '同意', actor: ACTORS.gs });
    await send(h, { type: 'act', token: await token(h, 'decide'), action: 'decide', decision: 'approved', actor: ACTORS.gs });
    await send(h, { type: 'act', token: await token(h, 'feedbackApproved'), action: 'deliver', actor: ACTORS.bmClerk });
    expect(await h.result()).toMatchObject({ outcome: 'approved' });
    await checkHistory(client, h.workflowId, 'caseWorkflow-township-approved');
  });

  it('ends as 不予受理 and as 撤回', async () => {
    const rejected = await startCase('county-review-city-approval');
    await send(rejected, { type: 'act', token: await token(rejected, 'intake'), action: 'reject', opinion: '不属于受理范围', actor: ACTORS.zxClerk });
    expect(await rejected.result()).toMatchObject({ outcome: 'notAccepted' });
    await checkHistory(client, rejected.workflowId, 'caseWorkflow-city-not-accepted');

    const withdrawn = await startCase('county-review-city-approval');
    await send(withdrawn, { type: 'act', token: await token(withdrawn, 'intake'), action: 'accept', actor: ACTORS.zxClerk });
    await send(withdrawn, { type: 'act', token: await token(withdrawn, 'countyReview'), action: 'opinion', opinion: '初审同意', actor: ACTORS.aj });
    await send(withdrawn, { type: 'act', token: await token(withdrawn, 'cityReview'), action: 'opinion', opinion: '市级同意', actor: ACTORS.cityAj });
    await send(withdrawn, { type: 'withdraw', reason: '企业决定不再申请', actor: ACTORS.applicant });
    expect(await withdrawn.result()).toMatchObject({ outcome: 'withdrawn', withdrawal: { reason: '企业决定不再申请' } });
    await checkHistory(client, withdrawn.workflowId, 'caseWorkflow-city-withdrawn');
  });

  const FLOWS: ExampleFlow[] = ['county-permit', 'enterprise-establishment', 'township-intake', 'county-review-city-approval'];
  const OUTCOMES = ['approved', 'denied', 'notAccepted', 'withdrawn'] as const;
  it.each(FLOWS.flatMap((flow) => OUTCOMES.map((outcome) => [flow, outcome] as const)))('drives %s to %s', async (flow, outcome) => {
    const h = await startCase(flow);
    const view = await driveTo(h, outcome);
    expect(view.outcome).toBe(outcome);
    expect((await h.result()).outcome).toBe(outcome);
    await eventually(async () => ((await h.describe()).typedSearchAttributes.get(SearchAttributes.caseStatus) === outcome ? true : undefined));
  });

  it('continues as new in a long case without losing anything', async () => {
    const h = await startCase('enterprise-establishment', { historyLimit: 12 });
    const view = await driveTo(h, 'approved');
    expect(view.outcome).toBe('approved');
    const result = await h.result();
    expect(result.steps.map((s) => s.nodeId)).toEqual(['intake', 'gsReview', 'zjReview', 'hbReview', 'decide', 'deliverLicence']);
    expect(result.documents.map((d) => d.title)).toEqual(['受理通知书', '准予行政许可决定书']);
    // The latest run is not the first: the case went on in a new run with its state carried over.
    expect((await client.workflow.getHandle(h.workflowId).describe()).runId).not.toBe(h.firstExecutionRunId);
  });

  it('leaves no trace in the history when an update is refused', async () => {
    const h = await startCase('county-permit');
    const intake = await token(h, 'intake');
    // Wait for the first projection to be written and its workflow task completed: then nothing is pending.
    const eventTypes = async () => (await h.fetchHistory()).events?.map((e) => String(e.eventType)) ?? [];
    const before = await eventually(async () => {
      const first = await eventTypes();
      await new Promise((resolve) => setTimeout(resolve, 300));
      const second = await eventTypes();
      const settled = second.includes(ACTIVITY_TASK_COMPLETED) && JSON.stringify(first) === JSON.stringify(second);
      return settled ? second : undefined;
    });
    expect(await refusedCode(send(h, { type: 'act', token: intake, action: 'accept', actor: ACTORS.gs }))).toBe('CASE_ACTOR_NOT_ALLOWED');
    expect(await refusedCode(send(h, { type: 'act', token: intake, action: 'decide', decision: 'approved', actor: ACTORS.zxClerk }))).toBe(
      'CASE_ACTION_NOT_ALLOWED',
    );
    expect(await refusedCode(send(h, { type: 'act', token: 'review#99', action: 'opinion', opinion: 'x', actor: ACTORS.aj }))).toBe('CASE_STEP_NOT_ACTIVE');
    expect((await h.fetchHistory()).events?.map((e) => String(e.eventType))).toEqual(before);
    await h.terminate('test finished');
  });
});
