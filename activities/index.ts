import { PingsRepository } from '#persistence';
import type { DataSource } from 'typeorm';
import { createPingActivities } from './pings.activities';

export * from './pings.activities';

/** Every activity the worker registers, built from the worker's dependencies. */
export function createActivities(dataSource: DataSource) {
  return {
    ...createPingActivities({ pings: new PingsRepository(dataSource) }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
