import { DisclosureRefusal, DisclosureRequestMachine, type DisclosureRequestView } from '#domain/disclosure/request-machine';
import { type DisclosureRequestWorkflowInput, disclosureCommandUpdate, disclosureOpenedUpdate, disclosureViewQuery } from '#temporal/disclosure-messages';
import type { DisclosureActivities } from '#activities';
import { allHandlersFinished, ApplicationFailure, condition, continueAsNew, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { workflowNow as now } from './workflow-clock';

const { projectDisclosureRequest, recordDisclosureAlarms, issueDisclosureDocuments } = proxyActivities<DisclosureActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/** An application continues as new past this many history events, carrying its whole state. */
const HISTORY_LIMIT = 10_000;

/**
 * Alarms for an online application nobody confirms (2019 Art. 31: it is received only when confirmed).
 * Histories recorded before them waited without a timer while awaiting confirmation; on replay of one
 * patched() is false there, so the replay sets no timer either (fixtures before-unconfirmed-alarms-*).
 */
export const UNCONFIRMED_ALARMS_PATCH = 'disclosure-unconfirmed-alarms';

/**
 * One application for government information (依申请公开), from registration to its reply, lapse or
 * withdrawal. The regulation's rules are the pure DisclosureRequestMachine; the officer and the
 * applicant act through the disclosureCommand Update, whose validator is the machine's; the periods
 * (reply due date, correction time, the third party's time) and the yellow/red alarms are durable
 * timers (a condition with a timeout). Documents are rendered and the projection written before an
 * Update answers, so the caller's next read sees them.
 */
export async function disclosureRequestWorkflow(input: DisclosureRequestWorkflowInput): Promise<DisclosureRequestView> {
  const machine = input.resume ? DisclosureRequestMachine.restore(input.request, input.resume) : DisclosureRequestMachine.start(input.request);
  let changed = false;
  let documentsIssued = machine.state.documents.length;

  const publish = async () => {
    const view = machine.view();
    if (view.documents.length > documentsIssued) {
      documentsIssued = view.documents.length;
      await issueDisclosureDocuments(view);
    }
    await projectDisclosureRequest(view);
    return view;
  };

  setHandler(disclosureViewQuery, () => machine.view());
  setHandler(
    disclosureCommandUpdate,
    async (command) => {
      machine.apply(command, now());
      changed = true;
      await publish();
      return machine.view();
    },
    {
      validator: (command) => {
        try {
          machine.validate(command, now());
        } catch (error) {
          if (error instanceof DisclosureRefusal) {
            throw ApplicationFailure.create({ message: error.message, type: error.code, nonRetryable: true, details: error.details });
          }
          throw error;
        }
      },
    },
  );

  const firstProjection = projectDisclosureRequest(machine.view());
  setHandler(disclosureOpenedUpdate, async () => {
    await firstProjection;
    return machine.view();
  });
  await firstProjection;

  while (!machine.finished) {
    if (machine.state.status === 'awaiting_confirmation') machine.alarmsWhileUnconfirmed = patched(UNCONFIRMED_ALARMS_PATCH);
    const { changed: ticked, alarms } = machine.tick(now());
    if (alarms.length > 0) {
      await recordDisclosureAlarms({ requestId: input.request.requestId, number: input.request.number, alarms });
    }
    if (ticked) await publish();
    if (machine.finished) break;
    const wake = machine.nextWakeAt();
    changed = false;
    if (wake === null) await condition(() => changed);
    else await condition(() => changed, Math.max(1, wake - now()));
    if (!machine.finished && (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > HISTORY_LIMIT)) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof disclosureRequestWorkflow>({ ...input, resume: machine.state });
    }
  }
  await condition(allHandlersFinished);
  return machine.view();
}
