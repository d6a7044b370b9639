// Supervision, second part: alarm rules edited by the supervision office, fee and no-reason
// violations, the timeline as of an entry or instant (?at=), verification of a case's history with
// the worker's code against the projection, and the timeline's exports.
import { DEFAULT_ALARM_RULES } from '#domain';
import { AuditRepository } from '#persistence';
import { CASE_VERIFICATION_WORKFLOW_TYPE, type CaseVerificationInput, type CaseVerificationReport, caseWorkflowId, taskQueues } from '#temporal';
import { Client } from '@temporalio/client';
import { PDFDocument } from 'pdf-lib';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { binaryBody, checkHistory, eventually, startTestApp, type TestApp } from '../../../test/test-app';

describe('supervision: alarm rules, replay at a moment, verification and exports', () => {
  let t: TestApp;
  const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenFor(username)}` });

  async function fileCase(): Promise<{ id: string; caseNumber: string }> {
    const filed = await t.fileCase('zx_clerk', { name: '监察回放测试企业', username: 'zhangsan' });
    return { id: filed.id, caseNumber: filed.caseNumber };
  }

  async function alarmsOf(caseNumber: string) {
    const res = await t.http
      .get('/api/supervision/alarms')
      .query({ caseNumber })
      .set(await auth('jc_supervisor'))
      .expect(200);
    return res.body.alarms as { kind: string; level: string; message: string }[];
  }

  beforeAll(async () => {
    // Its own database: the verify test tampers with a projection row, which the reconciliation test on
    // the shared database would report.
    t = await startTestApp({ isolated: 'replay' });
  });
  afterAll(() => t.close());

  describe('alarm rules (红黄牌规则)', () => {
    it('are read and versioned by supervisors only, validated, and a case keeps the version it was filed under', async () => {
      const before = await t.http
        .get('/api/supervision/alarm-rules')
        .set(await auth('jc_supervisor'))
        .expect(200);
      const base = before.body.current.version as number;
      expect(before.body.current).toMatchObject({ reminderDays: expect.any(Number), nearPromisedDays: expect.any(Number) });

      const byHandler = await t.http
        .put('/api/supervision/alarm-rules')
        .set(await auth('aj_handler'))
        .send({ expectedVersion: base, reminderDays: 2, nearPromisedDays: 0, note: '调整' })
        .expect(403);
      expect(byHandler.body.code).toBe('FORBIDDEN_ROLE');
      expect(
        (
          await t.http
            .get('/api/supervision/alarm-rules')
            .set(await auth('aj_admin'))
            .expect(403)
        ).body.code,
      ).toBe('FORBIDDEN_ROLE');

      const outOfRange = await t.http
        .put('/api/supervision/alarm-rules')
        .set(await auth('jc_supervisor'))
        .send({ expectedVersion: base, reminderDays: 11, nearPromisedDays: 0, note: '调整' })
        .expect(400);
      expect(outOfRange.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'reminderDays', rule: 'max' }] });
      const afterYellow = await t.http
        .put('/api/supervision/alarm-rules')
        .set(await auth('jc_supervisor'))
        .send({ expectedVersion: base, reminderDays: 1, nearPromisedDays: 1, note: '调整' })
        .expect(400);
      expect(afterYellow.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'reminderDays', rule: 'after-yellow' }] });
      const stale = await t.http
        .put('/api/supervision/alarm-rules')
        .set(await auth('jc_supervisor'))
        .send({ expectedVersion: base + 5, reminderDays: 2, nearPromisedDays: 0, note: '调整' })
        .expect(409);
      expect(stale.body.code).toBe('ALARM_RULES_VERSION_CONFLICT');

      const earlier = await fileCase();
      const changed = await t.http
        .put('/api/supervision/alarm-rules')
        .set(await auth('jc_supervisor'))
        .send({ expectedVersion: base, reminderDays: 2, nearPromisedDays: 1, note: '提前两个工作日提醒' })
        .expect(200);
      expect(changed.body).toMatchObject({ version: base + 1, reminderDays: 2, nearPromisedDays: 1, note: '提前两个工作日提醒' });
      const later = await fileCase();
      // Back to the defaults, as a new version: nothing is overwritten.
      const restored = await t.http
        .put('/api/supervision/alarm-rules')
        .set(await auth('jc_supervisor'))
        .send({
          expectedVersion: base + 1,
          reminderDays: DEFAULT_ALARM_RULES.reminderDays,
          nearPromisedDays: DEFAULT_ALARM_RULES.nearPromisedDays,
          note: '恢复默认',
        })
        .expect(200);
      expect(restored.body.version).toBe(base + 2);
      const versions = (
        await t.http
          .get('/api/supervision/alarm-rules')
          .set(await auth('jc_supervisor'))
          .expect(200)
      ).body.versions.map((v: { version: number }) => v.version);
      expect(versions.slice(0, 2)).toEqual([base + 2, base + 1]);

      const timelineOf = async (id: string) =>
        (
          await t.http
            .get(`/api/supervision/cases/${id}/timeline`)
            .set(await auth('jc_supervisor'))
            .expect(200)
        ).body;
      expect((await timelineOf(earlier.id)).alarmRulesVersion).toBe(base);
      expect((await timelineOf(later.id)).alarmRulesVersion).toBe(base + 1);
    });
  });

  describe('violations (违规)', () => {
    it('gives one red card for a fee charged on a free item (违规收费), raised by the workflow even with the delivery that ends the case', async () => {
      const c = await fileCase();
      await t.actOnTask('zx_clerk', c.id, { action: 'accept' });
      await t.actOnTask('aj_handler', c.id, { action: 'opinion', opinion: '符合条件' });
      await t.actOnTask('aj_handler', c.id, { action: 'decide', decision: 'approved', opinion: '准予许可', feeYuan: 0 });
      const refused = await t.http
        .post(`/api/cases/${c.id}/actions`)
        .set(await auth('zx_clerk'))
        .send({ type: 'act', token: 'x#1', action: 'deliver', feeYuan: -5 })
        .expect(400);
      expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'feeYuan' }] });
      const done = await t.actOnTask('zx_clerk', c.id, { action: 'deliver', feeYuan: 50 });
      expect(done).toMatchObject({ status: 'finished', outcome: 'approved' });
      const alarms = await eventually(async () => {
        const found = await alarmsOf(c.caseNumber);
        return found.some((a) => a.kind === 'violation-fee') ? found : undefined;
      });
      expect(alarms.filter((a) => a.kind === 'violation-fee')).toEqual([
        expect.objectContaining({ level: 'red', message: expect.stringContaining('不收费事项收取费用 50 元') }),
      ]);
      const timeline = (
        await t.http
          .get(`/api/supervision/cases/${c.id}/timeline`)
          .set(await auth('jc_supervisor'))
          .expect(200)
      ).body;
      expect(timeline.entries.filter((e: { kind: string; alarm?: { kind: string } }) => e.kind === 'alarm' && e.alarm!.kind === 'violation-fee')).toHaveLength(
        1,
      );
      expect(timeline.entries.find((e: { action?: string }) => e.action === 'deliver')).toMatchObject({ feeYuan: 50 });
      expect(timeline.state.alarmLevel).toBe('red');
      // Filed under a rule set, with a fee rule, charged on delivery: a replay fixture of the current code.
      await checkHistory(t.app.get(Client), caseWorkflowId(c.id), 'caseWorkflow-fee-violation');
    });

    it('refuses a denial without stated reasons and records the attempt as a red card', async () => {
      const c = await fileCase();
      await t.actOnTask('zx_clerk', c.id, { action: 'accept' });
      await t.actOnTask('aj_handler', c.id, { action: 'opinion', opinion: '储存设施不符合要求' });
      const tasks = (
        await t.http
          .get('/api/tasks')
          .set(await auth('aj_handler'))
          .expect(200)
      ).body as { caseId: string; token: string }[];
      const decide = tasks.find((task) => task.caseId === c.id)!;
      const refused = await t.http
        .post(`/api/cases/${c.id}/actions`)
        .set(await auth('aj_handler'))
        .send({ type: 'act', token: decide.token, action: 'decide', decision: 'denied' })
        .expect(422);
      expect(refused.body.code).toBe('CASE_REASON_REQUIRED');
      expect((await alarmsOf(c.caseNumber)).map((a) => [a.kind, a.level])).toEqual([['violation-no-reason', 'red']]);
      await t.actOnTask('aj_handler', c.id, { action: 'decide', decision: 'denied', opinion: '储存设施不符合安全条件' });
    });
  });

  describe('the timeline as of a moment (?at=)', () => {
    let c: { id: string; caseNumber: string };
    beforeAll(async () => {
      c = await fileCase();
      await t.actOnTask('zx_clerk', c.id, { action: 'accept' });
      await t.actOnTask('aj_handler', c.id, { action: 'opinion', opinion: '符合条件' });
    });

    it('gives the current steps and the elapsed working time as of an entry (its seq) or an instant', async () => {
      const get = async (at?: string) =>
        (
          await t.http
            .get(`/api/supervision/cases/${c.id}/timeline`)
            .query(at === undefined ? {} : { at })
            .set(await auth('jc_supervisor'))
            .expect(200)
        ).body;
      const full = await get();
      const accept = full.entries.find((e: { action?: string }) => e.action === 'accept');
      const opinion = full.entries.find((e: { action?: string }) => e.action === 'opinion');

      const atReceipt = await get('1');
      expect(atReceipt.entries).toHaveLength(1);
      expect(atReceipt.state.current.map((s: { nodeId: string }) => s.nodeId)).toEqual(['intake']);

      const atAccept = await get(String(accept.seq));
      expect(atAccept.entries.map((e: { seq: number }) => e.seq)).toEqual(full.entries.slice(0, accept.seq).map((e: { seq: number }) => e.seq));
      expect(atAccept.state.current.map((s: { nodeId: string }) => s.nodeId)).toEqual(['review']);

      // An instant between the acceptance and the opinion: the case waits at review.
      const between = new Date((Date.parse(accept.at) + Date.parse(opinion.at)) / 2).toISOString();
      const atInstant = await get(between);
      expect(atInstant.state.current.map((s: { nodeId: string }) => s.nodeId)).toEqual(['review']);
      expect(atInstant.entries.at(-1).action).toBe('accept');
      expect(typeof atInstant.elapsedWorkingHours === 'number' || atInstant.elapsedWorkingHours === null).toBe(true);

      const now = await get();
      expect(now.state.current.map((s: { nodeId: string }) => s.nodeId)).toEqual(['decide']);
      // The older parameter names still work.
      const legacy = (
        await t.http
          .get(`/api/supervision/cases/${c.id}/timeline`)
          .query({ atSeq: accept.seq })
          .set(await auth('jc_supervisor'))
          .expect(200)
      ).body;
      expect(legacy.state.current).toEqual(atAccept.state.current);
    });

    it('refuses an `at` that is neither an entry nor an ISO instant', async () => {
      for (const at of ['abc', '0', '2026-13-45T99:00:00Z', '2026-11-27']) {
        const res = await t.http
          .get(`/api/supervision/cases/${c.id}/timeline`)
          .query({ at })
          .set(await auth('jc_supervisor'))
          .expect(400);
        expect([res.body.code, at]).toEqual(['VALIDATION_FAILED', at]);
      }
    });
  });

  describe('verification with the worker’s workflow code', () => {
    it('verifies a clean case, and lists the differences of a tampered projection', async () => {
      const c = await fileCase();
      await t.actOnTask('zx_clerk', c.id, { action: 'accept' });
      await t.actOnTask('aj_handler', c.id, { action: 'opinion', opinion: '符合条件' });
      const clean = await t.http
        .get(`/api/supervision/cases/${c.id}/timeline/verify`)
        .set(await auth('jc_supervisor'))
        .expect(200);
      expect(clean.body).toMatchObject({ caseId: c.id, deterministic: true, projectionMatches: true, differences: [] });
      expect(clean.body.runs).toEqual([expect.objectContaining({ deterministic: true, error: null })]);

      // The verification workflow itself, run directly once more: its history is the replay fixture.
      const client = t.app.get(Client);
      const workflowId = `verify-${c.id}-fixture`;
      const direct = await client.workflow.execute<(input: CaseVerificationInput) => Promise<CaseVerificationReport>>(CASE_VERIFICATION_WORKFLOW_TYPE, {
        taskQueue: taskQueues(t.env.TEMPORAL_TASK_QUEUE).cases,
        workflowId,
        args: [{ caseId: c.id, workflowId: caseWorkflowId(c.id) }],
      });
      expect(direct).toMatchObject({ deterministic: true, projectionMatches: true });
      // A decision arriving after the check is simply the next revision: verified again, still clean.
      await t.actOnTask('aj_handler', c.id, { action: 'decide', decision: 'approved', opinion: '准予许可' });
      const again = await t.http
        .get(`/api/supervision/cases/${c.id}/timeline/verify`)
        .set(await auth('jc_supervisor'))
        .expect(200);
      expect(again.body).toMatchObject({ deterministic: true, projectionMatches: true, differences: [] });
      await checkHistory(client, workflowId, 'caseVerificationWorkflow-clean');

      // Someone changes the projection behind the workflow's back.
      const db = t.app.get(DataSource);
      await db.query(`UPDATE cases SET status = 'finished', alarm_level = 'red' WHERE id = $1`, [c.id]);
      await db.query(`UPDATE case_tasks SET status = 'done' WHERE case_id = $1 AND status = 'open'`, [c.id]);
      const tampered = await t.http
        .get(`/api/supervision/cases/${c.id}/timeline/verify`)
        .set(await auth('jc_supervisor'))
        .expect(200);
      expect(tampered.body).toMatchObject({ deterministic: true, projectionMatches: false });
      const fields = tampered.body.differences.map((d: { field: string }) => d.field);
      expect(fields).toEqual(expect.arrayContaining(['status', 'alarmLevel', 'openSteps', 'endedSteps']));
      expect(tampered.body.differences.find((d: { field: string }) => d.field === 'status')).toEqual({
        field: 'status',
        projection: 'finished',
        history: 'running',
      });
    });

    it('is for supervisors only, and audit-logged', async () => {
      const c = await fileCase();
      expect(
        (
          await t.http
            .get(`/api/supervision/cases/${c.id}/timeline/verify`)
            .set(await auth('aj_handler'))
            .expect(403)
        ).body.code,
      ).toBe('FORBIDDEN_ROLE');
      expect(
        (
          await t.http
            .get(`/api/supervision/cases/${randomUUID()}/timeline/verify`)
            .set(await auth('jc_supervisor'))
            .expect(404)
        ).body.code,
      ).toBe('CASE_NOT_FOUND');
      await t.http
        .get(`/api/supervision/cases/${c.id}/timeline/verify`)
        .set(await auth('jc_supervisor'))
        .expect(200);
      const rows = await t.app.get(DataSource).query(`SELECT action FROM supervision_audit WHERE case_id = $1`, [c.id]);
      expect(rows.map((r: { action: string }) => r.action)).toContain('timeline-verify');
      expect(t.app.get(AuditRepository)).toBeDefined();
    });
  });

  describe('exports', () => {
    let c: { id: string; caseNumber: string };
    beforeAll(async () => {
      c = await fileCase();
      await t.actOnTask('zx_clerk', c.id, { action: 'accept' });
      await t.actOnTask('aj_handler', c.id, { action: 'opinion', opinion: '储存设施符合要求' });
      await t.actOnTask('aj_handler', c.id, { action: 'decide', decision: 'approved', opinion: '准予许可' });
      await t.actOnTask('zx_clerk', c.id, { action: 'deliver' });
    });

    it('gives the timeline with the case facts as a JSON file', async () => {
      const res = await t.http
        .get(`/api/supervision/cases/${c.id}/timeline/export.json`)
        .set(await auth('jc_supervisor'))
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
      const parsed = JSON.parse(res.text);
      expect(parsed.case).toMatchObject({ id: c.id, caseNumber: c.caseNumber, itemCode: '33030300AJ-XK-0001', status: 'finished', outcome: 'approved' });
      expect(parsed.timeline.entries.filter((e: { kind: string }) => e.kind === 'action').map((e: { action: string }) => e.action)).toEqual([
        'accept',
        'opinion',
        'decide',
        'deliver',
      ]);
    });

    it('prints the timeline as a PDF for the case file, carrying the case number', async () => {
      const res = await t.http
        .get(`/api/supervision/cases/${c.id}/timeline/export.pdf`)
        .set(await auth('jc_supervisor'))
        .buffer(true)
        .parse(binaryBody)
        .expect(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = res.body as Buffer;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const doc = await PDFDocument.load(pdf);
      expect(doc.getSubject()).toContain(c.caseNumber);
      expect(doc.getKeywords()).toContain(c.caseNumber);
      expect(doc.getPageCount()).toBeGreaterThanOrEqual(1);
    });

    it('is for supervisors only', async () => {
      for (const path of ['export.json', 'export.pdf']) {
        const res = await t.http
          .get(`/api/supervision/cases/${c.id}/timeline/${path}`)
          .set(await auth('zx_clerk'))
          .expect(403);
        expect(res.body.code).toBe('FORBIDDEN_ROLE');
      }
    });
  });
});
