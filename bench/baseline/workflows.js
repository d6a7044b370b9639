// The raw-Temporal ceiling the case benchmark compares the platform with: a workflow of the same
// shape as a 企业设立 case (update-with-start answered after a first activity, an intake step, three
// steps in parallel joined by all, a decision, a delivery: six Updates, each answered after one
// activity), with no-op activities and none of the platform's work (no plan, no state machine, no
// projection, documents, seals, search attributes or alarm timer). Bench-only: bundled by
// bench/baseline/worker.mjs, never by the platform's worker.
const { allHandlersFinished, condition, defineQuery, defineUpdate, proxyActivities, setHandler, ApplicationFailure } = require('@temporalio/workflow');

const { touch } = proxyActivities({ startToCloseTimeout: '30 seconds' });

const openedUpdate = defineUpdate('opened');
const stepUpdate = defineUpdate('step');
const stateQuery = defineQuery('state');

/** Which steps follow a finished one; the three reviews join before the decision. */
const NEXT = { intake: ['gs', 'zj', 'hb'], decide: ['deliver'], deliver: [] };
const REVIEWS = ['gs', 'zj', 'hb'];

async function baselineCaseWorkflow(input) {
  const state = { caseId: input.caseId, current: ['intake'], done: [], revision: 0 };
  const first = touch(state.caseId, state.revision);
  setHandler(stateQuery, () => state);
  setHandler(openedUpdate, async () => {
    await first;
    return state;
  });
  setHandler(
    stepUpdate,
    async (step) => {
      state.current = state.current.filter((s) => s !== step);
      state.done.push(step);
      if (NEXT[step]) state.current.push(...NEXT[step]);
      else if (REVIEWS.every((r) => state.done.includes(r))) state.current.push('decide');
      state.revision += 1;
      await touch(state.caseId, state.revision);
      return state;
    },
    {
      validator: (step) => {
        if (!state.current.includes(step)) throw ApplicationFailure.nonRetryable(`step ${step} is not current`, 'STEP_NOT_ACTIVE');
      },
    },
  );
  await first;
  await condition(() => state.done.includes('deliver'));
  await condition(allHandlersFinished);
  return state;
}

module.exports = { baselineCaseWorkflow };
