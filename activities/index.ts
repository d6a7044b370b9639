import {
  CaseAlarmsRepository,
  CasesRepository,
  CatalogRepository,
  DisclosureRequestsRepository,
  DiskFileStore,
  DocumentsRepository,
  MaterialsRepository,
  OrgsRepository,
} from '#persistence';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createCaseActivities } from './case.activities';
import { createCatalogActivities } from './catalog.activities';
import { createDisclosureActivities } from './disclosure.activities';
import { createDocumentActivities } from './documents.activities';
import { createVerificationActivities, type ReplayRuns } from './verification.activities';

export * from './case.activities';
export * from './catalog.activities';
export * from './catalog/apply-catalog-change';
export * from './disclosure.activities';
export * from './documents.activities';
export * from './verification.activities';

export interface ActivityOptions {
  /** ZWT_CJK_FONT */
  fontPath: string;
  /** SEAL_MASTER_KEY */
  masterKey: string;
  /** FILES_DIR */
  filesDir: string;
  /** Replays histories with the worker's workflow code (timeline verification); given by the worker. */
  replayRuns?: ReplayRuns;
}

/** Every activity the worker registers, built from the worker's dependencies. */
export function createActivities(dataSource: DataSource, options: ActivityOptions) {
  return {
    ...createDocumentActivities({
      cases: new CasesRepository(dataSource),
      documents: new DocumentsRepository(dataSource),
      materials: new MaterialsRepository(dataSource),
      orgs: new OrgsRepository(dataSource),
      files: new DiskFileStore(path.resolve(options.filesDir)),
      fontPath: options.fontPath,
      masterKey: options.masterKey,
    }),
    ...createCatalogActivities({ catalog: new CatalogRepository(dataSource) }),
    ...createCaseActivities({ alarms: new CaseAlarmsRepository(dataSource), cases: new CasesRepository(dataSource) }),
    ...createVerificationActivities({ cases: new CasesRepository(dataSource), ...(options.replayRuns ? { replayRuns: options.replayRuns } : {}) }),
    ...createDisclosureActivities({
      requests: new DisclosureRequestsRepository(dataSource),
      alarms: new CaseAlarmsRepository(dataSource),
      documents: new DocumentsRepository(dataSource),
      materials: new MaterialsRepository(dataSource),
      files: new DiskFileStore(path.resolve(options.filesDir)),
      fontPath: options.fontPath,
      masterKey: options.masterKey,
    }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
