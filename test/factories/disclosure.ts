import { CALENDAR_YEARS, DISCLOSURE_PERIODS_2019, type DisclosureActor, type DisclosureRequestInput } from '#domain';

/** 09:00 China time of a date (or another time of it). */
export const at = (date: string, time = '09:00') => Date.parse(`${date}T${time}:00+08:00`);

/** The disclosure officer of the agency's county, who registered the application. */
export const DISCLOSURE_OFFICER: DisclosureActor = {
  userId: 'u-officer',
  name: '公开科 孙丽',
  role: 'disclosure_officer',
  orgId: 'o-zf',
  regionPath: '/33/3303/330303/',
};

/** An application by 张三 to the district government's office, received at the counter on 2026-03-02 under the 2019 rules. */
export function makeDisclosureInput(overrides: Partial<DisclosureRequestInput> = {}): DisclosureRequestInput {
  return {
    requestId: 'r-1',
    number: '龙政公开〔2026〕第0001号',
    agency: { orgId: 'o-zf', orgPath: '/33/3303/330303/o-zf/', name: '龙湾区人民政府办公室' },
    applicant: { kind: 'person', name: '张三', idNumber: '110101199003074477', organizationType: null, userId: 'u-zhangsan', contact: {} },
    description: '2025年龙湾区财政专项资金分配明细',
    purpose: null,
    delivery: 'email',
    channel: 'in_person',
    submittedAt: at('2026-03-02'),
    receivedOn: '2026-03-02',
    registeredBy: { userId: 'u-officer', name: '公开科 孙丽' },
    calendar: [...CALENDAR_YEARS],
    periods: DISCLOSURE_PERIODS_2019,
    ...overrides,
  };
}
