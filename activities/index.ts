import { CaseAlarmsRepository, CasesRepository, CatalogRepository, PingsRepository } from '#persistence';
import type { DataSource } from 'typeorm';
import { createCaseActivities } from './case.activities';
import { createCatalogActivities } from './catalog.activities';
import { createPingActivities } from './pings.activities';

export * from './case.activities';
export * from './catalog.activities';
export * from './catalog/apply-catalog-change';
export * from './pings.activities';

/** Every activity the worker registers, built from the worker's dependencies. */
export function createActivities(dataSource: DataSource) {
  return {
    ...createPingActivities({ pings: new PingsRepository(dataSource) }),
    ...createCatalogActivities({ catalog: new CatalogRepository(dataSource) }),
    ...createCaseActivities({ alarms: new CaseAlarmsRepository(dataSource), cases: new CasesRepository(dataSource) }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
