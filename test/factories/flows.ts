import { CALENDAR_YEARS, type CaseActor, type CaseInput, compileFlow, type FlowContext, type FlowPlan } from '#domain';
import fs from 'node:fs';
import path from 'node:path';

export const EXAMPLE_CONTEXT: FlowContext = {
  promisedDays: 15,
  legalDays: 20,
  departments: { community: [], township: ['BM'], county: ['ZX', 'GS', 'ZJ', 'HB', 'AJ', 'SG'], city: ['GS', 'SG', 'AJ'] },
  posts: [],
};

export type ExampleFlow = 'county-permit' | 'enterprise-establishment' | 'township-intake' | 'county-review-city-approval';

export function exampleDefinition(name: ExampleFlow): object {
  return JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../flows/examples', `${name}.json`), 'utf8'));
}

// A test mutates an example as it likes, before the compiler judges it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function examplePlan(name: ExampleFlow, mutate?: (definition: any) => void): FlowPlan {
  const definition = exampleDefinition(name);
  mutate?.(definition);
  const result = compileFlow(definition, EXAMPLE_CONTEXT);
  if (!result.ok) throw new Error(`example ${name} does not compile: ${JSON.stringify(result.problems)}`);
  return result.plan;
}

/** Org paths of a small world: city c, county k (龙湾), township t (永中), another township t2. */
export const PATHS = {
  city: '/c/',
  county: '/c/k/',
  township: '/c/k/t/',
  otherTownship: '/c/k/t2/',
};

export function makeCaseInput(plan: FlowPlan, overrides: Partial<CaseInput> = {}): CaseInput {
  return {
    caseId: 'case-1',
    caseNumber: '20260302-33030301BM-0001',
    itemCode: '33030300GS-XK-0001',
    itemName: '企业设立登记',
    applicant: { id: 'applicant-1', name: '张三' },
    intake: { orgId: 'bm', orgPath: `${PATHS.township}bm/`, name: '永中街道便民服务中心' },
    regions: { township: PATHS.township, county: PATHS.county, city: PATHS.city },
    plan,
    calendar: [...CALENDAR_YEARS],
    receivedAt: Date.parse('2026-03-02T09:00:00+08:00'),
    ...overrides,
  };
}

/** Users of the small world, by the posts the example flows name. */
export const ACTORS = {
  zxClerk: actor('zx', `${PATHS.county}zx/`, 'county', 'ZX', ['受理岗', '送达岗'], 'clerk'),
  bmClerk: actor('bm', `${PATHS.township}bm/`, 'township', 'BM', ['受理岗', '送达岗'], 'clerk'),
  otherBmClerk: actor('bm2', `${PATHS.otherTownship}bm2/`, 'township', 'BM', ['受理岗', '送达岗'], 'clerk'),
  gs: actor('gs', `${PATHS.county}gs/`, 'county', 'GS', ['审核岗', '审批岗'], 'handler'),
  zj: actor('zj', `${PATHS.county}zj/`, 'county', 'ZJ', ['审核岗'], 'handler'),
  hb: actor('hb', `${PATHS.county}hb/`, 'county', 'HB', ['审核岗'], 'handler'),
  aj: actor('aj', `${PATHS.county}aj/`, 'county', 'AJ', ['审核岗', '审批岗'], 'handler'),
  cityAj: actor('city-aj', `${PATHS.city}aj/`, 'city', 'AJ', ['审核岗', '审批岗'], 'handler'),
  applicant: {
    userId: 'applicant-1',
    name: '张三',
    role: 'applicant',
    orgId: 'k',
    orgPath: PATHS.county,
    level: null,
    department: null,
    posts: [],
  } as CaseActor,
};

function actor(orgId: string, orgPath: string, level: CaseActor['level'], department: string, posts: string[], role: string): CaseActor {
  return { userId: `user-${orgId}`, name: `${department} 用户`, role, orgId, orgPath, level, department, posts };
}
