import { CASE_WORKFLOW_TYPE, type CaseWorkflowInput, caseViewQuery, caseWorkflowId, taskQueues } from '#temporal';
import { PROVISIONAL_CALENDAR_SOURCE, type CaseView } from '#domain';
import { Client } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import { exampleDefinition, makeCaseInput } from '#factories/flows';
import { startTestApp, type TestApp } from '../../../test/test-app';

const ITEM = '33030300AJ-XK-0001';

describe('flowcharts of items', () => {
  let t: TestApp;
  const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenFor(username)}` });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('publishes a flow as a compiled, hashed version; the same flow again changes nothing', async () => {
    const definition = { ...exampleDefinition('county-permit'), name: `测试流程 ${Date.now()}` };
    const first = await t.http
      .put(`/api/items/${ITEM}/flow`)
      .set(await auth('aj_admin'))
      .send(definition)
      .expect(201);
    expect(first.body).toMatchObject({ created: true, hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    const again = await t.http
      .put(`/api/items/${ITEM}/flow`)
      .set(await auth('aj_admin'))
      .send(definition)
      .expect(200);
    expect(again.body).toEqual({ ...first.body, created: false });
    const plan = await t.http.get(`/api/items/${ITEM}/flow`).expect(200);
    expect(plan.body).toMatchObject({ itemCode: ITEM, version: first.body.version, hash: first.body.hash });
    expect(plan.body.plan.promisedDays).toBe(15);
  });

  it('answers 422 FLOW_INVALID with every problem by node, storing nothing', async () => {
    const before = (await t.http.get(`/api/items/${ITEM}/flow`).expect(200)).body.version;
    const definition = exampleDefinition('county-permit') as { nodes: Record<string, unknown>[] };
    const review = definition.nodes.find((n) => n.id === 'review')!;
    review.limit = { unit: 'workingDays', amount: 30 };
    review.actor = { kind: 'org', level: 'county', department: 'XX', post: '审核岗' };
    definition.nodes.push({ id: 'orphan', type: 'end', outcome: 'approved' });
    // A post nobody holds (no 勘察岗 is set up) could never act on the step.
    const decide = definition.nodes.find((n) => n.type === 'task' && n.id !== 'review' && (n.actor as { post?: string })?.post)!;
    (decide.actor as { post?: string }).post = '勘察岗';
    const res = await t.http
      .put(`/api/items/${ITEM}/flow`)
      .set(await auth('aj_admin'))
      .send(definition)
      .expect(422);
    expect(res.body.code).toBe('FLOW_INVALID');
    expect(res.body.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ nodeId: 'review', rule: 'department-unknown' }),
        expect.objectContaining({ nodeId: decide.id, rule: 'post-unknown' }),
        expect.objectContaining({ nodeId: 'orphan', rule: 'unreachable' }),
      ]),
    );
    const tooLong = exampleDefinition('county-permit') as { nodes: Record<string, unknown>[] };
    tooLong.nodes.find((n) => n.id === 'review')!.limit = { unit: 'workingDays', amount: 14 };
    const slow = await t.http
      .put(`/api/items/${ITEM}/flow`)
      .set(await auth('aj_admin'))
      .send(tooLong)
      .expect(422);
    expect(slow.body.details).toEqual([expect.objectContaining({ nodeId: null, rule: 'critical-path-exceeds-promised' })]);
    const garbage = await t.http
      .put(`/api/items/${ITEM}/flow`)
      .set(await auth('aj_admin'))
      .send([1, 2, 3])
      .expect(422);
    expect(garbage.body.details[0].rule).toBe('shape');
    expect((await t.http.get(`/api/items/${ITEM}/flow`).expect(200)).body.version).toBe(before);
  });

  it("lets only the item's own department publish", async () => {
    const definition = exampleDefinition('county-permit');
    expect((await t.http.put(`/api/items/${ITEM}/flow`).send(definition).expect(401)).body.code).toBe('AUTH_REQUIRED');
    expect(
      (
        await t.http
          .put(`/api/items/${ITEM}/flow`)
          .set(await auth('gs_admin'))
          .send(definition)
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ORG_SCOPE');
    expect(
      (
        await t.http
          .put(`/api/items/${ITEM}/flow`)
          .set(await auth('aj_handler'))
          .send(definition)
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ROLE');
    expect((await t.http.get('/api/items/33030300AJ-QZ-0001/flow').expect(404)).body.code).toBe('FLOW_NOT_FOUND');
  });

  it('draws the flowchart as SVG with the steps and limits in Chinese', async () => {
    const res = await t.http.get(`/api/items/${ITEM}/flow.svg`).expect(200);
    expect(res.headers['content-type']).toContain('image/svg+xml');
    const svg = res.text || String(res.body);
    expect(svg).toContain('<svg');
    for (const label of ['窗口受理', '业务科室审查', '审批决定', '时限 8 个工作日', '不予受理']) expect(svg).toContain(label);
  });

  it('keeps a running case on the plan it started with when a new version is published', async () => {
    const current = (await t.http.get(`/api/items/${ITEM}/flow`).expect(200)).body;
    const caseId = randomUUID();
    const client = t.app.get(Client);
    const handle = await client.workflow.start<(input: CaseWorkflowInput) => Promise<CaseView>>(CASE_WORKFLOW_TYPE, {
      taskQueue: taskQueues(t.env.TEMPORAL_TASK_QUEUE).cases,
      workflowId: caseWorkflowId(caseId),
      args: [{ case: makeCaseInput(current.plan, { caseId, receivedAt: Date.now() }) }],
    });
    const changed = exampleDefinition('county-permit') as { nodes: Record<string, unknown>[]; name: string };
    changed.name = '危险化学品经营许可证核发办理流程（修订）';
    const published = await t.http
      .put(`/api/items/${ITEM}/flow`)
      .set(await auth('aj_admin'))
      .send(changed)
      .expect(201);
    expect(published.body.version).toBe(current.version + 1);
    expect((await handle.query(caseViewQuery)).planHash).toBe(current.hash);
    const old = await t.http.get(`/api/items/${ITEM}/flow`).query({ version: current.version }).expect(200);
    expect(old.body.hash).toBe(current.hash);
    await handle.terminate('test finished');
  });
});

describe('the working-day calendar', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('counts a period over National Day from the day after receipt', async () => {
    // Received 2026-09-30; 10-01..10-07 off (国庆, 中秋 adjusted), 10-10 (Saturday) worked.
    const res = await t.http.get('/api/calendar/deadline').query({ from: '2026-09-30', days: 5 }).expect(200);
    expect(res.body.deadline).toBe('2026-10-13');
  });

  it('keeps next year provisional (statutory holidays only) until the notice is entered', async () => {
    const provisional = (await t.http.get('/api/calendar/2027').expect(200)).body;
    expect(provisional.source).toBe(PROVISIONAL_CALENDAR_SOURCE);
    expect(provisional.holidays).toEqual(
      expect.arrayContaining([
        { date: '2027-01-01', name: '元旦' },
        { date: '2027-02-05', name: '春节' },
      ]),
    );
    // 12-31 worked, 01-01 元旦, 01-02/03 weekend.
    const res = await t.http.get('/api/calendar/deadline').query({ from: '2026-12-30', days: 3 }).expect(200);
    expect(res.body.deadline).toBe('2027-01-05');
  });

  it('refuses a deadline in a year not entered, until the admin enters it', async () => {
    const missing = await t.http.get('/api/calendar/deadline').query({ from: '2099-03-02', days: 3 }).expect(422);
    expect(missing.body.code).toBe('CALENDAR_YEAR_MISSING');
    const admin = { authorization: `Bearer ${await t.tokenFor('admin')}` };
    const bad = await t.http
      .put('/api/calendar/2099')
      .set(admin)
      .send({ holidays: [{ date: '2099-03-07', name: '春节' }], workdays: [] })
      .expect(422);
    expect(bad.body).toMatchObject({ code: 'CALENDAR_INVALID', details: [expect.objectContaining({ rule: 'holiday-not-weekday' })] });
    const clerk = { authorization: `Bearer ${await t.tokenFor('zx_clerk')}` };
    await t.http.put('/api/calendar/2099').set(clerk).send({ holidays: [], workdays: [] }).expect(403);
    // A year gives each statutory festival a day off (422 CALENDAR_HOLIDAYS_MISSING otherwise); 元宵 on 03-04 is the one that counts here.
    const festivals = [
      ['2099-01-01', '元旦'],
      ['2099-01-21', '春节'],
      ['2099-01-22', '春节'],
      ['2099-04-06', '清明'],
      ['2099-05-01', '劳动节'],
      ['2099-06-15', '端午'],
      ['2099-09-15', '中秋'],
      ['2099-10-01', '国庆节'],
      ['2099-10-02', '国庆节'],
    ];
    const holidays = [...festivals, ['2099-03-04', '元宵']].map(([date, name]) => ({ date, name })).sort((a, b) => a.date.localeCompare(b.date));
    expect(
      (
        await t.http
          .put('/api/calendar/2099')
          .set(admin)
          .send({ holidays: [{ date: '2099-03-04', name: '元宵' }], workdays: [] })
          .expect(422)
      ).body.code,
    ).toBe('CALENDAR_HOLIDAYS_MISSING');
    await t.http.put('/api/calendar/2099').set(admin).send({ holidays, workdays: [] }).expect(200);
    // 2099-03-02 is a Monday: 03-03, (03-04 off), 03-05, 03-06.
    const res = await t.http.get('/api/calendar/deadline').query({ from: '2099-03-02', days: 3 }).expect(200);
    expect(res.body.deadline).toBe('2099-03-06');
    expect((await t.http.get('/api/calendar/2099').expect(200)).body).toMatchObject({ year: 2099, source: 'admin' });
  });
});
