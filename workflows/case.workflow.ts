import { CaseMachine, CaseRefusal, type CaseView } from '#domain/flow/case-machine';
import { type CaseWorkflowInput, caseCommandUpdate, caseOpenedUpdate, caseViewQuery } from '#temporal/case-messages';
import { SearchAttributes } from '#temporal/search-attributes';
import type { CaseActivities, DocumentActivities } from '#activities';
import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { workflowNow as now } from './workflow-clock';

const { recordCaseAlarms, projectCase } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * The same projection as a local activity: run by the worker inside the workflow task that needs it,
 * with no activity task on the server and no second workflow task to answer the Update (npm run
 * bench: the projection was 7 of a case's 9 activities, with the whole view as input each time).
 * Idempotent by revision, so a workflow task retried after a crash projects nothing twice.
 */
const { projectCase: projectCaseLocally } = proxyLocalActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const { issueCaseDocuments } = proxyActivities<DocumentActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** A case continues as new past this many history events, carrying its whole state. */
export const CASE_HISTORY_LIMIT = 10_000;

/**
 * Patch: the alarm timer is kept across Updates (moved only when the next alarm comes earlier), and
 * alarms due when the case finishes (a fee charged with the final delivery) are still raised.
 * Histories made before it replay the old loop, which restarted the timer on every Update.
 */
export const KEEP_ALARM_TIMER_PATCH = 'keep-alarm-timer';

/**
 * Patch: an Update's projection runs as a local activity (projectCaseLocally). Histories made before
 * it replay it as an ordinary activity. The first projection and the alarms' stay ordinary activities.
 */
export const LOCAL_PROJECTION_PATCH = 'local-projection';

/**
 * The interpreter: runs any compiled flow plan (the plan travels in the input, so a case keeps the
 * version it started with). People act through the caseCommand Update; the plan's rules are its
 * validator. Step and case deadlines are durable timers (a condition with a timeout) that raise
 * yellow/red alarms through an activity and show the alarm level as a search attribute.
 *
 * Every level's steps (township, county, city) run in this one workflow on one task queue: the
 * steps are people acting through the API, so no level runs code of its own that would need its own
 * workers, and one history per case is the whole court record (完整还原) the supervision office replays.
 */
export async function caseWorkflow(input: CaseWorkflowInput): Promise<CaseView> {
  const machine = input.resume ? CaseMachine.restore(input.case, input.resume) : CaseMachine.start(input.case);
  let changed = false;
  let documentsIssued = machine.state.documents.length;
  let documentsSealed = machine.state.documents.filter((d) => d.sealed).length;

  setHandler(caseViewQuery, () => machine.view());
  setHandler(
    caseCommandUpdate,
    // The answer waits for the projection, so the caller's next read of a work queue sees the change.
    async (command) => {
      machine.apply(command, now());
      changed = true;
      publish();
      const view = machine.view();
      // Documents (rendered, stored and sealed) before the answer, so the caller can fetch them.
      const sealed = view.documents.filter((d) => d.sealed).length;
      if (view.documents.length > documentsIssued || sealed > documentsSealed) {
        documentsIssued = view.documents.length;
        documentsSealed = sealed;
        await issueCaseDocuments(view);
      }
      // Checked here, not at the start: the patch marker then follows the Update it serves, and the
      // start of a case (first projection, alarm timer) records the same commands as before.
      await (patched(LOCAL_PROJECTION_PATCH) ? projectCaseLocally : projectCase)(view);
      return view;
    },
    {
      validator: (command) => {
        try {
          machine.validate(command);
        } catch (error) {
          if (error instanceof CaseRefusal) throw ApplicationFailure.nonRetryable(error.message, error.code);
          throw error;
        }
      },
    },
  );

  const publish = () => {
    const view = machine.view();
    upsertSearchAttributes([
      { key: SearchAttributes.caseStatus, value: view.outcome ?? view.status },
      { key: SearchAttributes.alarmLevel, value: view.alarmLevel },
      { key: SearchAttributes.currentStep, value: view.current.map((s) => s.nodeId) },
      ...(view.promisedDeadlineAt !== null ? [{ key: SearchAttributes.deadlineAt, value: new Date(view.promisedDeadlineAt) }] : []),
    ]);
  };
  publish();
  const firstProjection = projectCase(machine.view());
  setHandler(caseOpenedUpdate, async () => {
    await firstProjection;
    return machine.view();
  });
  await firstProjection;

  const finished = () => machine.state.status === 'finished';
  const raiseDueAlarms = async () => {
    const due = machine.raiseDueAlarms(now());
    if (due.length > 0) {
      await recordCaseAlarms({ caseId: input.case.caseId, caseNumber: input.case.caseNumber, itemCode: input.case.itemCode, alarms: due });
      await projectCase(machine.view());
      publish();
    }
  };
  const continueAsNewIfLong = async () => {
    if (!finished() && (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > (input.historyLimit ?? CASE_HISTORY_LIMIT))) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof caseWorkflow>({ ...input, resume: machine.state });
    }
  };

  if (patched(KEEP_ALARM_TIMER_PATCH)) {
    // One durable timer for the next alarm. An Update leaves it armed unless the next alarm now comes
    // earlier (then it is replaced); one that fires early (the alarm moved later or was settled)
    // raises nothing and arms the next. Keys make each breach raise once.
    let armed: { at: number; scope: CancellationScope; fired: boolean } | null = null;
    while (!finished()) {
      await raiseDueAlarms();
      if (armed?.fired) armed = null;
      const nextAlarm = machine.nextAlarmAt();
      if (nextAlarm !== null && (armed === null || nextAlarm < armed.at)) {
        armed?.scope.cancel();
        const timer: { at: number; scope: CancellationScope; fired: boolean } = { at: nextAlarm, scope: new CancellationScope(), fired: false };
        timer.scope
          .run(() => sleep(Math.max(1, nextAlarm - now())))
          .then(
            () => {
              timer.fired = true;
            },
            () => undefined, // cancelled: replaced by an earlier one
          );
        armed = timer;
      }
      changed = false;
      await condition(() => changed || armed?.fired === true);
      await continueAsNewIfLong();
    }
    // Alarms due at the finishing action itself (违规收费 on the delivery).
    await raiseDueAlarms();
  } else {
    while (!finished()) {
      await raiseDueAlarms();
      const nextAlarm = machine.nextAlarmAt();
      changed = false;
      if (nextAlarm === null) await condition(() => changed);
      else await condition(() => changed, Math.max(1, nextAlarm - now()));
      await continueAsNewIfLong();
    }
  }
  await condition(allHandlersFinished);
  // The case may have finished while the loop was not looking (during the first projection).
  publish();
  return machine.view();
}
