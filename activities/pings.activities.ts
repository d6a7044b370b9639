import type { PingsRepository } from '#persistence';
import { Context } from '@temporalio/activity';

export interface PingActivityDeps {
  pings: PingsRepository;
}

/**
 * Projection writes of the ping slice. Idempotent (keyed by ping id): a retry after a crash, or
 * the same activity scheduled again, leaves one row.
 */
export function createPingActivities({ pings }: PingActivityDeps) {
  return {
    async recordPingStarted(input: { pingId: string; workflowId: string; message: string; orgId: string; requestedBy: string; startedAt: string }): Promise<void> {
      await pings.recordStarted({
        id: input.pingId,
        workflowId: input.workflowId,
        message: input.message,
        orgId: input.orgId,
        requestedBy: input.requestedBy,
        startedAt: new Date(input.startedAt),
      });
    },

    /** Stamped with the activity's clock: the first successful write wins, retries change nothing. */
    async recordPingFinished(input: { pingId: string; completedBy: string; note: string }): Promise<void> {
      Context.current().log.info('ping finished', { pingId: input.pingId });
      await pings.recordFinished({
        id: input.pingId,
        completedBy: input.completedBy,
        note: input.note,
        finishedAt: new Date(),
      });
    },
  };
}

export type PingActivities = ReturnType<typeof createPingActivities>;
