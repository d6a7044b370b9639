// Efficiency statistics, grades and coverage against a hand-computed fixture: projection rows written
// straight into a database of this file's own (the statistics read the projection; rows without a
// workflow would be differences to the reconciliation other tests run on the shared one), with a task
// queue of its own, in 2024Q3. Office hours 08:30–12:00, 13:30–18:00 China time.
import { chinaDateOf, measuredOfficeHours, quarterOf, WorkingCalendar } from '#domain';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { eventually, startTestApp, type TestApp } from '../../../test/test-app';

const cst = (local: string) => new Date(`${local}:00+08:00`);

interface FixtureCase {
  number: string;
  item?: string;
  received: string | Date;
  finished?: string;
  outcome?: 'approved' | 'denied' | 'notAccepted' | 'withdrawn';
  promised?: string;
  legal?: string;
  pausedHours?: number;
  alarmLevel?: string;
}

describe('supervision statistics, grades and coverage', () => {
  let t: TestApp;
  let db: DataSource;
  const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenFor(username)}` });
  const ids: Record<string, string> = {};
  let ajOrgId: string;

  async function insertCase(c: FixtureCase): Promise<string> {
    const id = randomUUID();
    const [item] = await db.query(`SELECT id, code, name, org_id FROM items WHERE code = $1`, [c.item ?? '33030300AJ-XK-0001']);
    const [clerk] = await db.query(`SELECT id, org_id FROM users WHERE username = 'zx_clerk'`);
    await db.query(
      `INSERT INTO cases (id, case_number, request_id, filed_by, item_id, item_code, item_name, flow_version, plan_hash, intake_org_id, applicant_name, materials,
         status, outcome, alarm_level, received_at, promised_deadline_at, legal_deadline_at, finished_at, workflow_id, revision, paused_hours)
       VALUES ($1::uuid, $2, $1::text, $3, $4, $5, $6, 1, 'sha256:fixture', $7, '统计测试企业', '[]', $8, $9, $10, $11, $12, $13, $14, 'fixture-' || $1::text, 5, $15)`,
      [
        id,
        c.number,
        clerk.id,
        item.id,
        item.code,
        item.name,
        clerk.org_id,
        c.finished ? 'finished' : 'running',
        c.outcome ?? (c.finished ? 'approved' : null),
        c.alarmLevel ?? 'none',
        typeof c.received === 'string' ? cst(c.received) : c.received,
        c.promised ? cst(c.promised) : null,
        c.legal ? cst(c.legal) : null,
        c.finished ? cst(c.finished) : null,
        c.pausedHours ?? 0,
      ],
    );
    return id;
  }

  async function insertTask(caseId: string, task: { node: string; started: string; completed?: string; deadline: string; pausedHours?: number }) {
    const [region] = await db.query(`SELECT path FROM orgs WHERE id = $1`, [ajOrgId]);
    await db.query(
      `INSERT INTO case_tasks (case_id, token, node_id, step_name, kind, actor_kind, level, department, post, scope_path, status, started_at, deadline_at, completed_at, completion, paused_hours)
       VALUES ($1, $2 || '#1', $2, '业务科室审查', 'review', 'org', 'county', 'AJ', '审核岗', $3, $4, $5, $6, $7, $8, $9)`,
      [
        caseId,
        task.node,
        (region.path as string).split('/').slice(0, -2).join('/') + '/',
        task.completed ? 'done' : 'open',
        cst(task.started),
        cst(task.deadline),
        task.completed ? cst(task.completed) : null,
        task.completed ? 'opinion' : null,
        task.completed ? (task.pausedHours ?? 0) : null,
      ],
    );
  }

  async function alarm(caseId: string, key: string, level: string, due: string) {
    await db.query(
      `INSERT INTO case_alarms (case_id, case_number, item_code, alarm_key, kind, level, step_token, message, due_at) VALUES ($1, 'fixture', '33030300AJ-XK-0001', $2, $3, $4, $5, '测试告警', $6)`,
      [caseId, key, key.split(':')[0], level, key.startsWith('step-') ? key.split(':')[1] : null, cst(due)],
    );
  }

  async function rate(caseId: string, level: number, at: string) {
    const [applicant] = await db.query(`SELECT id FROM users WHERE username = 'zhangsan'`);
    await db.query(`INSERT INTO case_ratings (case_id, rated_by, level, rated_at) VALUES ($1, $2, $3, $4)`, [caseId, applicant.id, level, cst(at)]);
  }

  beforeAll(async () => {
    t = await startTestApp({ isolated: 'stats' });
    db = t.app.get(DataSource);
    [{ org_id: ajOrgId }] = await db.query(`SELECT org_id FROM items WHERE code = '33030300AJ-XK-0001'`);
    // A: Fri 13 Sep 10:00 → Sat 14 (调休, worked) → 15 Sun, 16–17 中秋 → Wed 18 11:00: 6.5 + 8 + 2.5 = 17 h; early.
    ids.A = await insertCase({
      number: 'ST-A',
      received: '2024-09-13T10:00',
      finished: '2024-09-18T11:00',
      promised: '2024-09-20T18:00',
      legal: '2024-10-25T18:00',
    });
    // B: Fri 20 Sep 09:00 → Tue 24 17:00 = 7.5 + 8 + 7 = 22.5 h, less 3 h of 补正 = 19.5 h; on the deadline day: on time.
    ids.B = await insertCase({
      number: 'ST-B',
      received: '2024-09-20T09:00',
      finished: '2024-09-24T17:00',
      promised: '2024-09-24T18:00',
      legal: '2024-10-30T18:00',
      pausedHours: 3,
    });
    // C: Wed 4 Sep 14:00 → Wed 11 10:00 = 4 + 8 × 4 + 1.5 = 37.5 h; after the promised deadline, before the legal one.
    ids.C = await insertCase({
      number: 'ST-C',
      received: '2024-09-04T14:00',
      finished: '2024-09-11T10:00',
      promised: '2024-09-10T18:00',
      legal: '2024-10-16T18:00',
      alarmLevel: 'red',
    });
    // F: received in Q2 (Fri 28 Jun 16:00), finished Tue 2 Jul 09:30 = 2 + 8 + 1 = 11 h; early. Finished but not received in Q3.
    ids.F = await insertCase({
      number: 'ST-F',
      received: '2024-06-28T16:00',
      finished: '2024-07-02T09:30',
      promised: '2024-07-03T18:00',
      legal: '2024-08-09T18:00',
    });
    // D: pending at the end of Q3 with a yellow card raised in it; its red card came in October (not counted for Q3).
    ids.D = await insertCase({ number: 'ST-D', received: '2024-09-30T09:00', promised: '2024-10-21T18:00', legal: '2024-11-11T18:00', alarmLevel: 'red' });
    // E: withdrawn: received, but not finished (办结).
    ids.E = await insertCase({
      number: 'ST-E',
      received: '2024-09-02T09:00',
      finished: '2024-09-03T10:00',
      outcome: 'withdrawn',
      promised: '2024-09-23T18:00',
    });
    await alarm(ids.C!, 'promised-passed:case', 'red', '2024-09-10T18:00');
    await alarm(ids.D!, 'step-overdue:review#1', 'yellow', '2024-09-30T17:00');
    await alarm(ids.D!, 'promised-passed:case', 'red', '2024-10-21T18:00');
    await rate(ids.A!, 1, '2024-09-19T10:00');
    await rate(ids.B!, 4, '2024-09-25T10:00');
    await rate(ids.C!, 2, '2024-09-12T10:00');
    await rate(ids.F!, 5, '2024-10-08T10:00'); // after the quarter: not counted
    // Steps of AJ's 审核岗: A's from Fri 10:00 to Sat 10:00 (调休) = 6.5 + 1.5 = 8 h; B's from Fri 09:00 to Mon 12:00
    // = 7.5 + 3.5 = 11 h less its 3 h pause = 8 h. Both end on their deadline's day: on time.
    await insertTask(ids.A!, { node: 'review', started: '2024-09-13T10:00', completed: '2024-09-14T10:00', deadline: '2024-09-14T18:00' });
    await insertTask(ids.B!, { node: 'review', started: '2024-09-20T09:00', completed: '2024-09-23T12:00', deadline: '2024-09-23T18:00', pausedHours: 3 });
    await insertTask(ids.D!, { node: 'review', started: '2024-09-30T09:00', deadline: '2024-09-30T17:00' });
  });
  afterAll(() => t.close());

  const Q3 = { from: '2024-07-01', to: '2024-09-30' };

  it('counts, times and rates a department by hand-computed figures', async () => {
    const res = await t.http
      .get('/api/supervision/stats')
      .query({ groupBy: 'department', ...Q3 })
      .set(await auth('jc_supervisor'))
      .expect(200);
    expect(res.body).toMatchObject({ groupBy: 'department', from: '2024-07-01', to: '2024-09-30', hoursPerDay: 8, scope: 'all' });
    const aj = res.body.groups.find((g: { key: string }) => g.key === ajOrgId);
    expect(aj).toEqual({
      key: ajOrgId,
      name: '龙湾区安全生产监督管理局',
      department: { id: ajOrgId, code: 'AJ', name: '龙湾区安全生产监督管理局' },
      received: 5,
      finished: 4,
      withdrawn: 1,
      early: 2,
      onTime: 1,
      overdue: 1,
      overdueLegal: 0,
      earlyRate: 0.5,
      onTimeRate: 0.75,
      handling: { averageHours: 21.25, p90Hours: 32.1, averageDays: 2.66, unmeasured: 0 },
      pending: { total: 1, none: 0, reminder: 0, yellow: 1, red: 0 },
      cards: { red: 1, yellow: 1 },
      speedUpRate: 0.5,
      satisfaction: { ratings: 3, levels: { 1: 1, 2: 1, 3: 0, 4: 1, 5: 0 }, satisfactionRate: 0.6667, score: 73.33 },
    });
  });

  it('groups by item and by post with the step pause left out', async () => {
    const items = await t.http
      .get('/api/supervision/stats')
      .query({ groupBy: 'item', ...Q3 })
      .set(await auth('jc_supervisor'))
      .expect(200);
    expect(items.body.groups.find((g: { key: string }) => g.key === '33030300AJ-XK-0001')).toMatchObject({
      itemCode: '33030300AJ-XK-0001',
      finished: 4,
      onTimeRate: 0.75,
      handling: { averageHours: 21.25 },
    });
    const posts = await t.http
      .get('/api/supervision/stats')
      .query({ groupBy: 'post', ...Q3 })
      .set(await auth('jc_supervisor'))
      .expect(200);
    const post = posts.body.groups.find((g: { post: string; department: { code: string } }) => g.post === '审核岗' && g.department.code === 'AJ');
    expect(post).toMatchObject({
      level: 'county',
      received: 3,
      finished: 2,
      cancelled: 0,
      early: 0,
      onTime: 2,
      overdue: 0,
      handling: { averageHours: 8, p90Hours: 8 },
      pending: { total: 1, yellow: 1 },
      cards: { red: 0, yellow: 1 },
    });
    expect(post.satisfaction).toBeUndefined();
    const steps = await t.http
      .get('/api/supervision/stats')
      .query({ groupBy: 'step', ...Q3 })
      .set(await auth('jc_supervisor'))
      .expect(200);
    expect(steps.body.groups.find((g: { key: string }) => g.key === '33030300AJ-XK-0001/review')).toMatchObject({ nodeId: 'review', finished: 2 });
  });

  it('shows a department admin their own figures only, and refuses others', async () => {
    const own = await t.http
      .get('/api/supervision/stats')
      .query({ groupBy: 'department', ...Q3 })
      .set(await auth('aj_admin'))
      .expect(200);
    expect(own.body.scope).toBe('department');
    expect(own.body.groups.map((g: { key: string }) => g.key)).toEqual([ajOrgId]);
    const other = await t.http
      .get('/api/supervision/stats')
      .query({ groupBy: 'post', ...Q3 })
      .set(await auth('gs_admin'))
      .expect(200);
    expect(other.body.groups.filter((g: { department: { code: string } }) => g.department.code === 'AJ')).toEqual([]);
    expect(
      (
        await t.http
          .get('/api/supervision/stats')
          .query({ groupBy: 'department' })
          .set(await auth('aj_handler'))
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ROLE');
    expect((await t.http.get('/api/supervision/stats').query({ groupBy: 'department' }).expect(401)).body.code).toBe('AUTH_REQUIRED');
  });

  it('refuses a bad grouping or period with a stable code', async () => {
    const sup = await auth('jc_supervisor');
    expect((await t.http.get('/api/supervision/stats').query({ groupBy: 'weekday' }).set(sup).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await t.http.get('/api/supervision/stats').query({ groupBy: 'item', from: '2024-09-30', to: '2024-07-01' }).set(sup).expect(400)).body.code).toBe(
      'STATS_PERIOD_INVALID',
    );
    expect((await t.http.get('/api/supervision/stats').query({ groupBy: 'item', from: '2022-01-01', to: '2024-07-01' }).set(sup).expect(400)).body.code).toBe(
      'STATS_PERIOD_INVALID',
    );
    expect((await t.http.get('/api/supervision/stats').query({ groupBy: 'item', from: '2024-02-30', to: '2024-03-01' }).set(sup).expect(400)).body.code).toBe(
      'STATS_PERIOD_INVALID',
    );
  });

  it('grades departments by the rules, publishes a finished quarter once, and shows only published grades to the public', async () => {
    const sup = await auth('jc_supervisor');
    const defaults = (await t.http.get('/api/supervision/grading-rules').set(sup).expect(200)).body.rules;
    await t.http.put('/api/supervision/grading-rules').set(sup).send(defaults).expect(200);
    const grades = await t.http.get('/api/supervision/grades').query({ quarter: '2024Q3' }).set(sup).expect(200);
    expect(grades.body.published).toBeNull();
    // 40 × 0.75 + 20 × 0.5 + 30 × 2/3 + 10 × 0.5 = 65, less 2 (one red card) and 0.5 (one yellow) = 62.5.
    expect(grades.body.departments.find((d: { department: { code: string } }) => d.department.code === 'AJ')).toMatchObject({
      finished: 4,
      score: 62.5,
      grade: '合格',
    });

    expect((await t.http.get('/api/hall/department-grades').query({ quarter: '2024Q3' }).expect(404)).body.code).toBe('GRADES_NOT_PUBLISHED');
    const current = quarterOf(Date.now()).id;
    expect((await t.http.post(`/api/supervision/grades/${current}/publish`).set(sup).expect(409)).body.code).toBe('GRADES_QUARTER_NOT_ENDED');
    expect(
      (
        await t.http
          .post('/api/supervision/grades/2024Q3/publish')
          .set(await auth('aj_admin'))
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ROLE');
    await t.http.post('/api/supervision/grades/2024Q3/publish').set(sup).expect(201);
    expect((await t.http.post('/api/supervision/grades/2024Q3/publish').set(sup).expect(409)).body.code).toBe('GRADES_ALREADY_PUBLISHED');

    // New rules change the live figures, not the published snapshot.
    await t.http
      .put('/api/supervision/grading-rules')
      .set(sup)
      .send({ ...defaults, weights: { onTimeRate: 100, earlyRate: 0, satisfactionRate: 0, speedUpRate: 0 } })
      .expect(200);
    expect(
      (await t.http.get('/api/supervision/grades').query({ quarter: '2024Q3' }).set(sup).expect(200)).body.departments.find(
        (d: { department: { code: string } }) => d.department.code === 'AJ',
      ).score,
    ).toBe(72.5);
    const open = await t.http.get('/api/hall/department-grades').query({ quarter: '2024Q3' }).expect(200);
    expect(open.body.departments.find((d: { department: { code: string } }) => d.department.code === 'AJ')).toMatchObject({
      grade: '合格',
      score: 62.5,
      finished: 4,
    });
    expect(open.body.rules.weights.onTimeRate).toBe(defaults.weights.onTimeRate);
    await t.http.put('/api/supervision/grading-rules').set(sup).send(defaults).expect(200);
  });

  it('refuses grading rules that do not add up, and lets only supervisors set them', async () => {
    const sup = await auth('jc_supervisor');
    const { rules } = (await t.http.get('/api/supervision/grading-rules').set(sup).expect(200)).body;
    const bad = await t.http
      .put('/api/supervision/grading-rules')
      .set(sup)
      .send({ ...rules, weights: { ...rules.weights, onTimeRate: 90 } })
      .expect(422);
    expect(bad.body).toMatchObject({ code: 'GRADING_RULES_INVALID', details: [{ field: 'weights', rule: 'sum' }] });
    expect(
      (
        await t.http
          .put('/api/supervision/grading-rules')
          .set(sup)
          .send({ ...rules, thresholds: { excellent: 'high' } })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    for (const body of [{}, { ...rules, thresholds: undefined }, { ...rules, weights: 5 }, { ...rules, deductions: [] }]) {
      expect((await t.http.put('/api/supervision/grading-rules').set(sup).send(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    expect(
      (
        await t.http
          .put('/api/supervision/grading-rules')
          .set(await auth('aj_admin'))
          .send(rules)
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ROLE');
    expect((await t.http.get('/api/supervision/grades').query({ quarter: '2024Q5' }).set(sup).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('takes an exemption from the department through the supervision office, and reports what is not supervised', async () => {
    const sup = await auth('jc_supervisor');
    const ajAdmin = await auth('aj_admin');
    const body = { itemCode: '33030300AJ-XK-0002', reason: '该事项由市级统一监察平台监察' };
    expect(
      (
        await t.http
          .post('/api/supervision/exemptions')
          .set(await auth('aj_handler'))
          .send(body)
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ROLE');
    expect(
      (
        await t.http
          .post('/api/supervision/exemptions')
          .set(await auth('gs_admin'))
          .send(body)
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ORG_SCOPE');
    expect((await t.http.post('/api/supervision/exemptions').set(sup).send(body).expect(403)).body.code).toBe('FORBIDDEN_ROLE');
    expect(
      (
        await t.http
          .post('/api/supervision/exemptions')
          .set(ajAdmin)
          .send({ ...body, itemCode: '33030300AJ-CF-0003' })
          .expect(422)
      ).body.code,
    ).toBe('EXEMPTION_NOT_APPLICABLE');
    expect(
      (
        await t.http
          .post('/api/supervision/exemptions')
          .set(ajAdmin)
          .send({ ...body, reason: '' })
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    const filed = await t.http.post('/api/supervision/exemptions').set(ajAdmin).send(body).expect(201);
    expect(filed.body).toMatchObject({ itemCode: '33030300AJ-XK-0002', status: 'pending', reason: body.reason, decisions: [] });
    expect((await t.http.post('/api/supervision/exemptions').set(ajAdmin).send(body).expect(409)).body.code).toBe('EXEMPTION_ALREADY_OPEN');
    const id = filed.body.id as string;
    expect(
      (
        await t.http
          .get(`/api/supervision/exemptions/${id}`)
          .set(await auth('gs_admin'))
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ORG_SCOPE');
    expect(
      (
        await t.http
          .get('/api/supervision/exemptions')
          .set(await auth('gs_admin'))
          .expect(200)
      ).body.map((e: { id: string }) => e.id),
    ).not.toContain(id);
    expect(
      (await t.http.post(`/api/supervision/exemptions/${id}/decisions`).set(ajAdmin).send({ decision: 'approved', note: '自批' }).expect(403)).body.code,
    ).toBe('FORBIDDEN_ROLE');

    const approved = await t.http.post(`/api/supervision/exemptions/${id}/decisions`).set(sup).send({ decision: 'approved', note: '同意豁免' }).expect(201);
    expect(approved.body).toMatchObject({ status: 'approved', decisions: [{ from: 'pending', to: 'approved', note: '同意豁免' }] });
    expect(approved.body.effectiveFrom).not.toBeNull();
    expect((await t.http.post(`/api/supervision/exemptions/${id}/decisions`).set(sup).send({ decision: 'rejected', note: '改判' }).expect(409)).body.code).toBe(
      'EXEMPTION_DECISION_INVALID',
    );

    // A case received while the exemption holds is not supervised: out of the statistics, in the report.
    const today = chinaDateOf(Date.now());
    const exemptCase = await insertCase({ number: 'ST-X', item: '33030300AJ-XK-0002', received: new Date() });
    const report = await t.http.get('/api/supervision/coverage').set(sup).expect(200);
    expect(report.body.items.unsupervised).toContainEqual(expect.objectContaining({ itemCode: '33030300AJ-XK-0002', reason: 'exempted', exemptionId: id }));
    expect(report.body.items.unsupervised.map((i: { itemCode: string }) => i.itemCode)).not.toContain('33030300AJ-XK-0001');
    expect(report.body.cases.exempted.cases.map((c: { id: string }) => c.id)).toContain(exemptCase);
    const stats = await t.http.get('/api/supervision/stats').query({ groupBy: 'item', from: today, to: today }).set(sup).expect(200);
    expect(stats.body.groups.map((g: { key: string }) => g.key)).not.toContain('33030300AJ-XK-0002');

    const revoked = await t.http.post(`/api/supervision/exemptions/${id}/decisions`).set(sup).send({ decision: 'revoked', note: '恢复监察' }).expect(201);
    expect(revoked.body.decisions.map((d: { to: string }) => d.to)).toEqual(['approved', 'revoked']);
    const after = await t.http.get('/api/supervision/coverage').set(sup).expect(200);
    expect(after.body.items.unsupervised.map((i: { itemCode: string }) => i.itemCode)).not.toContain('33030300AJ-XK-0002');
    expect(after.body.cases.exempted.cases.map((c: { id: string }) => c.id)).toContain(exemptCase);
    expect((await t.http.get('/api/supervision/coverage').set(ajAdmin).expect(403)).body.code).toBe('FORBIDDEN_ROLE');
  });

  it('lists an approval item without a published flowchart as not supervised', async () => {
    const columns: { column_name: string }[] = await db.query(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'items' AND column_name NOT IN ('id', 'code', 'sequence', 'created_at', 'updated_at')`,
    );
    const list = columns.map((c) => `"${c.column_name}"`).join(', ');
    await db.query(`INSERT INTO items ("code", "sequence", ${list}) SELECT '33030300AJ-XK-0999', 999, ${list} FROM items WHERE code = '33030300AJ-XK-0001'`);
    const report = await t.http
      .get('/api/supervision/coverage')
      .set(await auth('jc_supervisor'))
      .expect(200);
    expect(report.body.items.unsupervised).toContainEqual(expect.objectContaining({ itemCode: '33030300AJ-XK-0999', reason: 'noFlow' }));
    expect(report.body.items.supervised).toBeLessThan(report.body.items.total);
  });

  it('keeps supervisors to alarm and exemption records: they cannot change the catalog or a flowchart', async () => {
    const sup = await auth('jc_supervisor');
    expect((await t.http.post('/api/catalog-changes').set(sup).send({}).expect(403)).body.code).toBe('FORBIDDEN_ROLE');
    expect((await t.http.put('/api/items/33030300AJ-XK-0001/flow').set(sup).send({}).expect(403)).body.code).toBe('FORBIDDEN_ROLE');
  });

  it('projects the 补正 pause of a real case onto the case and its steps', async () => {
    const filed = await t.fileCase('zx_clerk', { name: '统计测试企业', username: 'zhangsan' });
    const caseId = filed.id as string;
    await t.actOnTask('zx_clerk', caseId, { action: 'requestCorrection', correctionItems: ['安全评价报告'] });
    await t.http
      .post(`/api/cases/${caseId}/actions`)
      .set(await auth('zhangsan'))
      .send({ type: 'resubmit' })
      .expect(200);
    await t.actOnTask('zx_clerk', caseId, { action: 'accept' });
    const live = await t.http
      .get(`/api/cases/${caseId}`)
      .set(await auth('jc_supervisor'))
      .expect(200);
    const [row] = await db.query(`SELECT paused_hours FROM cases WHERE id = $1`, [caseId]);
    expect(row.paused_hours).toBe(live.body.pausedHours);
    const intake = await eventually(async () => {
      const [task] = await db.query(`SELECT paused_hours FROM case_tasks WHERE case_id = $1 AND node_id = 'intake' AND status = 'done'`, [caseId]);
      return task;
    });
    expect(intake.paused_hours).toBe(live.body.pausedHours);
    const [open] = await db.query(`SELECT paused_hours, paused_hours_at_start, handling_hours FROM case_tasks WHERE case_id = $1 AND status = 'open'`, [
      caseId,
    ]);
    expect(open).toEqual({ paused_hours: null, paused_hours_at_start: live.body.pausedHours, handling_hours: null });

    // What ended has its handling hours stored once, by the calendar in PostgreSQL, less its pauses.
    const calendar = new WorkingCalendar((await db.query(`SELECT data FROM calendar_years ORDER BY year`)).map((r: { data: never }) => r.data));
    const expected = (from: Date, to: Date, paused: number) => Math.max(0, measuredOfficeHours(calendar, from.getTime(), to.getTime())! - paused);
    const [ended] = await db.query(`SELECT started_at, completed_at, paused_hours, handling_hours FROM case_tasks WHERE case_id = $1 AND node_id = 'intake'`, [
      caseId,
    ]);
    expect(ended.handling_hours).toBeCloseTo(expected(ended.started_at, ended.completed_at, ended.paused_hours), 9);
    expect((await db.query(`SELECT handling_hours FROM cases WHERE id = $1`, [caseId]))[0].handling_hours).toBeNull();
    await t.http
      .post(`/api/cases/${caseId}/actions`)
      .set(await auth('zhangsan'))
      .send({ type: 'withdraw', reason: '不再申请' })
      .expect(200);
    const finished = await eventually(async () => {
      const [c] = await db.query(`SELECT received_at, finished_at, paused_hours, handling_hours FROM cases WHERE id = $1 AND finished_at IS NOT NULL`, [
        caseId,
      ]);
      return c;
    });
    expect(finished.handling_hours).toBeCloseTo(expected(finished.received_at, finished.finished_at, finished.paused_hours), 9);
    const [cancelled] = await db.query(
      `SELECT started_at, completed_at, paused_hours, handling_hours FROM case_tasks WHERE case_id = $1 AND status = 'cancelled'`,
      [caseId],
    );
    expect(cancelled.handling_hours).toBeCloseTo(expected(cancelled.started_at, cancelled.completed_at, cancelled.paused_hours), 9);
  });

  it('aggregates the hours the projection stored as it timed the rows without them, and reads the stored ones', async () => {
    const sup = await auth('jc_supervisor');
    const read = async () => ({
      department: (
        await t.http
          .get('/api/supervision/stats')
          .query({ groupBy: 'department', ...Q3 })
          .set(sup)
          .expect(200)
      ).body.groups.find((g: { key: string }) => g.key === ajOrgId),
      post: (
        await t.http
          .get('/api/supervision/stats')
          .query({ groupBy: 'post', ...Q3 })
          .set(sup)
          .expect(200)
      ).body.groups.find((g: { post: string; department: { code: string } }) => g.post === '审核岗' && g.department.code === 'AJ'),
    });
    const timed = await read();
    expect(timed.department.handling).toEqual({ averageHours: 21.25, p90Hours: 32.1, averageDays: 2.66, unmeasured: 0 });
    // Store the fixture's hours as the projection would (A's and C's cases and A's step only: the rest stay timed).
    const calendar = new WorkingCalendar((await db.query(`SELECT data FROM calendar_years ORDER BY year`)).map((r: { data: never }) => r.data));
    const store = async (table: 'cases' | 'case_tasks', where: string, id: string, from: string, to: string) => {
      const [row] = await db.query(`SELECT ${from} AS s, ${to} AS e, COALESCE(paused_hours, 0) AS p FROM ${table} WHERE ${where} = $1 AND ${to} IS NOT NULL`, [
        id,
      ]);
      await db.query(`UPDATE ${table} SET handling_hours = $2 WHERE ${where} = $1 AND ${to} IS NOT NULL`, [
        id,
        Math.max(0, measuredOfficeHours(calendar, row.s.getTime(), row.e.getTime())! - row.p),
      ]);
    };
    await store('cases', 'id', ids.A!, 'received_at', 'finished_at');
    await store('cases', 'id', ids.C!, 'received_at', 'finished_at');
    await store('case_tasks', 'case_id', ids.A!, 'started_at', 'completed_at');
    expect(await read()).toEqual(timed);
    // A stored value is what counts: C's 37.5 h taken as 99.5 moves the average by 62 ÷ 4.
    await db.query(`UPDATE cases SET handling_hours = 99.5 WHERE id = $1`, [ids.C]);
    expect((await read()).department.handling.averageHours).toBe(21.25 + 62 / 4);
    await db.query(`UPDATE cases SET handling_hours = NULL WHERE id = ANY($1::uuid[])`, [[ids.A, ids.C]]);
    await db.query(`UPDATE case_tasks SET handling_hours = NULL WHERE case_id = $1`, [ids.A]);
  });
});
