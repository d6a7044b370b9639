import type { CaseAlarm } from '#domain';
import type { CaseAlarmsRepository } from '#persistence';

export interface CaseActivityDeps {
  alarms: CaseAlarmsRepository;
}

export function createCaseActivities({ alarms }: CaseActivityDeps) {
  return {
    /** Stores alarms a case raised; idempotent by case and alarm key (a retry stores nothing twice). */
    async recordCaseAlarms(input: { caseId: string; caseNumber: string; itemCode: string; alarms: CaseAlarm[] }): Promise<void> {
      await alarms.recordRaised(input);
    },
  };
}

export type CaseActivities = ReturnType<typeof createCaseActivities>;
