import type { CaseAlarm, CaseView } from '#domain';
import type { CaseAlarmsRepository, CasesRepository } from '#persistence';

export interface CaseActivityDeps {
  alarms: CaseAlarmsRepository;
  cases: CasesRepository;
}

export function createCaseActivities({ alarms, cases }: CaseActivityDeps) {
  return {
    /** Writes the case and its work-queue rows; only a newer revision changes them (idempotent, ordered). */
    async projectCase(view: CaseView): Promise<void> {
      await cases.project(view);
    },

    /** Stores alarms a case raised; idempotent by case and alarm key (a retry stores nothing twice). */
    async recordCaseAlarms(input: { caseId: string; caseNumber: string; itemCode: string; alarms: CaseAlarm[] }): Promise<void> {
      await alarms.recordRaised(input);
    },
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;
