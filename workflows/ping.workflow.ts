import {
  completePingUpdate,
  type PingInput,
  type PingState,
  pingStateQuery,
} from '#temporal/messages';
import { condition, proxyActivities, setHandler, workflowInfo, ApplicationFailure } from '@temporalio/workflow';
import type { PingActivities } from '#activities';

const { recordPingStarted, recordPingFinished } = proxyActivities<PingActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/**
 * The foundation's end-to-end slice: writes its projection, waits for a person to complete it
 * (an Update with a validator, as case actions will be), writes the projection again.
 */
export async function pingWorkflow(input: PingInput): Promise<PingState> {
  const state: PingState = { pingId: input.pingId, status: 'waiting' };
  setHandler(pingStateQuery, () => state);
  setHandler(
    completePingUpdate,
    ({ completedBy, note }) => {
      state.status = 'finished';
      state.completedBy = completedBy;
      state.note = note;
      return state;
    },
    {
      validator: ({ note }) => {
        if (state.status === 'finished') {
          throw ApplicationFailure.nonRetryable('此事项已办结', 'PING_ALREADY_FINISHED');
        }
        if (typeof note !== 'string' || note.trim() === '') {
          throw ApplicationFailure.nonRetryable('办理意见不能为空', 'VALIDATION_FAILED');
        }
      },
    },
  );

  await recordPingStarted({
    pingId: input.pingId,
    workflowId: workflowInfo().workflowId,
    message: input.message,
    orgId: input.orgId,
    requestedBy: input.requestedBy,
    startedAt: workflowInfo().startTime.toISOString(),
  });
  await condition(() => state.status === 'finished');
  await recordPingFinished({
    pingId: input.pingId,
    completedBy: state.completedBy ?? '',
    note: state.note ?? '',
  });
  return state;
}
