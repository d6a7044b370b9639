import { randomUUID } from 'node:crypto';
import { makeApprovalDraft } from '#factories/items';
import { binaryBody, checkHistory, startTestApp, type TestApp } from '../../../test/test-app';
import { catalogChangeWorkflowId } from '#temporal';
import { readCatalogWorkbook, writeCatalogWorkbook } from '../src/catalog/item-sheet';
import { MAX_WORKBOOK_INFLATED_BYTES } from '../src/catalog/workbook-size';
import { makeZipBomb } from '#factories/zip-bomb';
import { Client } from '@temporalio/client';

describe('the power catalog', () => {
  let t: TestApp;
  const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenFor(username)}` });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function file(username: string, body: object, status = 201) {
    const res = await t.http
      .post('/api/catalog-changes')
      .set(await auth(username))
      .send(body);
    expect([res.status, res.body.code]).toEqual([status, status === 201 ? undefined : expect.any(String)]);
    return res.body;
  }

  async function review(id: string, decision: 'approve' | 'return', note = '同意', status = 200) {
    const res = await t.http
      .post(`/api/catalog-changes/${id}/review`)
      .set(await auth('sg_reviewer'))
      .send({ decision, note });
    expect([res.status, res.body.code]).toEqual([status, status === 200 ? undefined : expect.any(String)]);
    return res.body;
  }

  async function createApproved(username: string, item = makeApprovalDraft()) {
    const change = await file(username, { kind: 'create', reason: '新增事项', item });
    const decided = await review(change.id, 'approve');
    return decided.result.created[0] as string;
  }

  describe('public listing', () => {
    it('lists active items without a token, filtered by type', async () => {
      const res = await t.http.get('/api/items').query({ type: 'CF' }).expect(200);
      expect(res.body.items.map((i: { code: string }) => i.code)).toContain('33030300AJ-CF-0003');
      expect(res.body.items.every((i: { typeCode: string }) => i.typeCode === 'CF')).toBe(true);
    });

    it('finds items by words in their name and legal basis, in Chinese', async () => {
      const byName = await t.http.get('/api/items').query({ q: '危险化学品' }).expect(200);
      expect(byName.body.items.map((i: { code: string }) => i.code)).toContain('33030300AJ-XK-0001');
      const byBasis = await t.http.get('/api/items').query({ q: '公司登记管理条例' }).expect(200);
      expect(byBasis.body.items.map((i: { code: string }) => i.code)).toContain('33030300GS-XK-0001');
      const none = await t.http.get('/api/items').query({ q: '不存在的词语组合' }).expect(200);
      expect(none.body.total).toBe(0);
    });

    it('filters by subject, department and level, pages with a stable order', async () => {
      const aj = await t.http.get('/api/items').query({ subject: '33030300AJ', pageSize: 100 }).expect(200);
      expect(aj.body.items.length).toBeGreaterThanOrEqual(3);
      expect(aj.body.items.every((i: { subjectCode: string }) => i.subjectCode === '33030300AJ')).toBe(true);
      const codes = aj.body.items.map((i: { code: string }) => i.code);
      expect([...codes].sort()).toEqual(codes);
      const page1 = await t.http.get('/api/items').query({ department: 'AJ', pageSize: 1, page: 1 }).expect(200);
      const page2 = await t.http.get('/api/items').query({ department: 'AJ', pageSize: 1, page: 2 }).expect(200);
      expect(page1.body.items[0].code < page2.body.items[0].code).toBe(true);
      const township = await t.http.get('/api/items').query({ level: 'city' }).expect(200);
      expect(township.body.items.every((i: { subjectCode: string }) => i.subjectCode.startsWith('330300'))).toBe(true);
    });

    it('refuses a bad query with 400 naming the field', async () => {
      const res = await t.http.get('/api/items').query({ pageSize: 1000, type: 'ZZ' }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['pageSize', 'type']);
    });

    it('shows the full table of an item, 404 for an unknown code and 400 for a malformed one', async () => {
      const res = await t.http.get('/api/items/33030300AJ-CF-0003').expect(200);
      expect(res.body).toMatchObject({ code: '33030300AJ-CF-0003', typeName: '行政处罚', family: 'penalty', level: 'county', status: 'active' });
      expect(res.body.penalty.discretion.rules).toHaveLength(4);
      expect((await t.http.get('/api/items/33030300AJ-CF-0999').expect(404)).body.code).toBe('ITEM_NOT_FOUND');
      const bad = await t.http.get('/api/items/33030300aj-CF-0000').expect(400);
      expect(bad.body.code).toBe('ITEM_CODE_INVALID');
      expect(bad.body.details.map((d: { rule: string }) => d.rule)).toEqual(expect.arrayContaining(['sequence-zero']));
    });

    it('lists organisations with their codes', async () => {
      const res = await t.http.get('/api/orgs').query({ parent: '330300', level: 'county' }).expect(200);
      expect(res.body.map((o: { code: string }) => o.code)).toEqual(
        expect.arrayContaining(['330302', '330303', '330304', '330305', '330324', '330326', '330327', '330328', '330329', '330381', '330382', '330383']),
      );
      const dongtou = res.body.find((o: { code: string }) => o.code === '330305');
      expect(dongtou.formerCodes).toEqual([{ code: '330322', until: '2015-07-23' }]);
    });
  });

  describe('discretion calculator', () => {
    it('gives the rule, the kinds and the fine range for the circumstances', async () => {
      const serious = await t.http
        .post('/api/items/33030300AJ-CF-0003/discretion')
        .send({ firstOffence: false, harm: 'serious', correctedInTime: false })
        .expect(200);
      expect(serious.body).toMatchObject({ rule: { id: 'R4', level: '从重处罚' }, kinds: ['罚款', '责令停产停业'], fine: { min: 15000, max: 20000 } });
      const excused = await t.http
        .post('/api/items/33030300AJ-CF-0003/discretion')
        .send({ firstOffence: true, harm: 'minor', correctedInTime: true })
        .expect(200);
      expect(excused.body).toMatchObject({ rule: { id: 'R1', level: '不予处罚' }, kinds: [], fine: null });
    });

    it('refuses an item that is not a penalty, and bad circumstances', async () => {
      const res = await t.http.post('/api/items/33030300AJ-XK-0001/discretion').send({ firstOffence: true, harm: 'none', correctedInTime: true }).expect(409);
      expect(res.body.code).toBe('ITEM_NOT_PENALTY');
      const bad = await t.http.post('/api/items/33030300AJ-CF-0003/discretion').send({ firstOffence: 'yes', harm: 'awful' }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['correctedInTime', 'firstOffence', 'harm']);
    });
  });

  describe('catalog changes, reviewed in a workflow', () => {
    it('creates nothing until approved; approval allocates the next code, publishes it and announces it', async () => {
      const item = makeApprovalDraft();
      const change = await file('gs_admin', { kind: 'create', reason: '依据新法规新增', item });
      expect(change).toMatchObject({ kind: 'create', status: 'pending' });
      const hidden = await t.http
        .get('/api/items')
        .query({ q: item.name.slice(0, 6), subject: '33030300GS' })
        .expect(200);
      expect(hidden.body.items.find((i: { name: string }) => i.name === item.name)).toBeUndefined();

      const decided = await review(change.id, 'approve', '同意新增');
      expect(decided).toMatchObject({ status: 'approved', reviewNote: '同意新增' });
      const [code] = decided.result.created;
      expect(code).toMatch(/^33030300GS-XK-\d{4}$/);
      expect(Number(code.slice(-4))).toBeGreaterThan(1);
      const published = await t.http.get(`/api/items/${code}`).expect(200);
      expect(published.body).toMatchObject({ name: item.name, status: 'active', version: 1 });
      const announcements = await t.http.get('/api/announcements').query({ pageSize: 100 }).expect(200);
      const announcement = announcements.body.announcements.find((a: { itemCodes: string[] }) => a.itemCodes.includes(code));
      expect(announcement.title).toContain('新增');
      expect(announcement.publishedAt).toEqual(expect.any(String));
      await checkHistory(t.app.get(Client), catalogChangeWorkflowId(change.id), 'catalogChangeWorkflow-approved');
    });

    it('changes nothing when the change is returned, and needs a reason to return', async () => {
      const code = await createApproved('gs_admin');
      const before = (await t.http.get(`/api/items/${code}`).expect(200)).body;
      const change = await file('gs_admin', { kind: 'update', reason: '调整承诺期限', itemCode: code, item: { ...makeApprovalDraft(), name: '改过的名称' } });
      const noReason = await review(change.id, 'return', '  ', 400);
      expect(noReason.code).toBe('VALIDATION_FAILED');
      const returned = await review(change.id, 'return', '依据不足，请补充');
      expect(returned).toMatchObject({ status: 'returned', reviewNote: '依据不足，请补充', result: null });
      const after = (await t.http.get(`/api/items/${code}`).expect(200)).body;
      expect(after).toEqual(before);
      const again = await review(change.id, 'approve', '同意', 409);
      expect(again.code).toBe('CHANGE_NOT_PENDING');
      await checkHistory(t.app.get(Client), catalogChangeWorkflowId(change.id), 'catalogChangeWorkflow-returned');
    });

    it('keeps every version of an item through an approved update', async () => {
      const code = await createApproved('gs_admin');
      const change = await file('gs_admin', { kind: 'update', reason: '缩短承诺期限', itemCode: code, item: makeApprovalDraft({ name: '缩短期限后的事项' }) });
      await review(change.id, 'approve');
      const item = (await t.http.get(`/api/items/${code}`).expect(200)).body;
      expect(item).toMatchObject({ version: 2, name: '缩短期限后的事项' });
      const versions = (await t.http.get(`/api/items/${code}/versions`).expect(200)).body;
      expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      expect(versions[1].snapshot.name).toBe('缩短期限后的事项');
    });

    it("never hands out a cancelled item's sequence again", async () => {
      const code = await createApproved('gs_admin');
      const cancel = await file('gs_admin', { kind: 'cancel', reason: '法律依据废止', itemCode: code });
      const decided = await review(cancel.id, 'approve');
      expect(decided.result.cancelled).toEqual([code]);
      expect((await t.http.get(`/api/items/${code}`).expect(200)).body.status).toBe('cancelled');
      const next = await createApproved('gs_admin');
      expect(Number(next.slice(-4))).toBe(Number(code.slice(-4)) + 1);
      const listed = await t.http.get('/api/items').query({ status: 'cancelled', subject: '33030300GS' }).expect(200);
      expect(listed.body.items.map((i: { code: string }) => i.code)).toContain(code);
    });

    it('delegates an item to a township department under a new code and retires the old one', async () => {
      const code = await createApproved('gs_admin');
      const change = await file('gs_admin', { kind: 'delegate', reason: '下放至街道', itemCode: code, targetSubjectCode: '33030301BM' });
      const decided = await review(change.id, 'approve');
      const [successor] = decided.result.created;
      expect(successor).toMatch(/^33030301BM-XK-\d{4}$/);
      expect(decided.result.retired).toEqual([code]);
      const old = (await t.http.get(`/api/items/${code}`).expect(200)).body;
      expect(old).toMatchObject({ status: 'retired', successorCodes: [successor] });
      const refused = await file('gs_admin', { kind: 'delegate', reason: '平级下放', itemCode: successor, targetSubjectCode: '33030300AJ' }, 403);
      expect(refused.code).toBe('FORBIDDEN_ORG_SCOPE');
      const sameLevel = await createApproved('gs_admin');
      const flat = await file('gs_admin', { kind: 'delegate', reason: '平级下放', itemCode: sameLevel, targetSubjectCode: '33030300AJ' }, 400);
      expect(flat.code).toBe('CHANGE_TARGET_INVALID');
    });

    it('splits an item into several with new codes', async () => {
      const code = await createApproved('gs_admin');
      const change = await file('gs_admin', {
        kind: 'split',
        reason: '按业务拆分',
        itemCode: code,
        items: [makeApprovalDraft({ name: '拆分事项甲' }), makeApprovalDraft({ name: '拆分事项乙', typeCode: 'SP' })],
      });
      const decided = await review(change.id, 'approve');
      expect(decided.result.created).toHaveLength(2);
      expect(decided.result.created[1]).toMatch(/^33030300GS-SP-\d{4}$/);
      expect((await t.http.get(`/api/items/${code}`).expect(200)).body.successorCodes).toEqual(decided.result.created);
    });

    it('refuses a second pending change of the same item', async () => {
      const code = await createApproved('gs_admin');
      await file('gs_admin', { kind: 'cancel', reason: '取消', itemCode: code });
      const second = await file('gs_admin', { kind: 'cancel', reason: '再次取消', itemCode: code }, 409);
      expect(second.code).toBe('CHANGE_ALREADY_PENDING');
    });

    it('names every wrong field of a filed item', async () => {
      const item = makeApprovalDraft();
      const bad = { ...item, phone: 'abc', approval: { ...item.approval!, legalPeriodDays: 0, promisedPeriodDays: 'ten' } };
      const res = await file('gs_admin', { kind: 'create', reason: '新增', item: bad }, 400);
      expect([...new Set(res.details.map((d: { field: string }) => d.field))].sort()).toEqual([
        'item.approval.legalPeriodDays',
        'item.approval.promisedPeriodDays',
        'item.phone',
      ]);
      const crossField = await file(
        'gs_admin',
        { kind: 'create', reason: '新增', item: makeApprovalDraft({ approval: { ...item.approval!, promisedPeriodDays: 30 } }) },
        400,
      );
      expect(crossField.details).toEqual([expect.objectContaining({ field: 'item.approval.promisedPeriodDays', rule: 'promised-above-legal' })]);
      const wrongFamily = await file('gs_admin', { kind: 'create', reason: '新增', item: makeApprovalDraft({ typeCode: 'CF' }) }, 400);
      expect(wrongFamily.details.map((d: { rule: string }) => d.rule).sort()).toEqual(['details-missing', 'details-not-for-type']);
    });
  });

  describe('who may do what', () => {
    it("refuses a department touching another department's item", async () => {
      const res = await file('aj_admin', { kind: 'cancel', reason: '越权', itemCode: '33030300GS-XK-0001' }, 403);
      expect(res.code).toBe('FORBIDDEN_ORG_SCOPE');
    });

    it('refuses a reviewer filing and a department reviewing', async () => {
      const filed = await t.http
        .post('/api/catalog-changes')
        .set(await auth('sg_reviewer'))
        .send({ kind: 'create', reason: 'x', item: makeApprovalDraft() })
        .expect(403);
      expect(filed.body.code).toBe('FORBIDDEN_ROLE');
      const change = await file('gs_admin', { kind: 'create', reason: '新增', item: makeApprovalDraft() });
      const reviewed = await t.http
        .post(`/api/catalog-changes/${change.id}/review`)
        .set(await auth('gs_admin'))
        .send({ decision: 'approve', note: '' })
        .expect(403);
      expect(reviewed.body.code).toBe('FORBIDDEN_ROLE');
    });

    it("shows a department only its own changes, the reviewer its region's, the supervisor all", async () => {
      const change = await file('gs_admin', { kind: 'create', reason: '新增', item: makeApprovalDraft() });
      const other = await t.http
        .get(`/api/catalog-changes/${change.id}`)
        .set(await auth('aj_admin'))
        .expect(403);
      expect(other.body.code).toBe('FORBIDDEN_ORG_SCOPE');
      const ajList = await t.http
        .get('/api/catalog-changes')
        .set(await auth('aj_admin'))
        .expect(200);
      expect(ajList.body.changes.find((c: { id: string }) => c.id === change.id)).toBeUndefined();
      await t.http
        .get(`/api/catalog-changes/${change.id}`)
        .set(await auth('sg_reviewer'))
        .expect(200);
      await t.http
        .get(`/api/catalog-changes/${change.id}`)
        .set(await auth('jc_supervisor'))
        .expect(200);
      const supervisorWrite = await t.http
        .post(`/api/catalog-changes/${change.id}/review`)
        .set(await auth('jc_supervisor'))
        .send({ decision: 'approve', note: '' })
        .expect(403);
      expect(supervisorWrite.body.code).toBe('FORBIDDEN_ROLE');
      expect(
        (
          await t.http
            .get(`/api/catalog-changes/${randomUUID()}`)
            .set(await auth('jc_supervisor'))
            .expect(404)
        ).body.code,
      ).toBe('CHANGE_NOT_FOUND');
    });
  });

  describe('bulk import', () => {
    it('imports nothing when any row is bad, and reports every bad row', async () => {
      const before = (
        await t.http
          .get('/api/catalog-changes')
          .set(await auth('aj_admin'))
          .expect(200)
      ).body.total;
      const good = makeApprovalDraft();
      const res = await t.http
        .post('/api/catalog-changes/import')
        .set(await auth('aj_admin'))
        .send({
          reason: '批量导入',
          rows: [
            { item: good },
            { item: makeApprovalDraft({ approval: { ...good.approval!, promisedPeriodDays: 99 } }) },
            { code: '33030300GS-XK-0009', item: makeApprovalDraft() },
            { code: '33030300AJ-XK-0001', item: makeApprovalDraft() },
          ],
        })
        .expect(422);
      expect(res.body.code).toBe('IMPORT_INVALID');
      expect([...new Set(res.body.details.map((d: { row: number }) => d.row))]).toEqual([2, 3, 4]);
      expect(res.body.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ row: 4, rule: 'taken' }), expect.objectContaining({ row: 3, rule: 'other-subject' })]),
      );
      const after = (
        await t.http
          .get('/api/catalog-changes')
          .set(await auth('aj_admin'))
          .expect(200)
      ).body.total;
      expect(after).toBe(before);
    });

    it("imports every row once approved, keeping a row's own code", async () => {
      const res = await t.http
        .post('/api/catalog-changes/import')
        .set(await auth('aj_admin'))
        .send({ reason: '批量导入', rows: [{ item: makeApprovalDraft() }, { code: '33030300AJ-SP-0042', item: makeApprovalDraft({ typeCode: 'SP' }) }] })
        .expect(201);
      const decided = await review(res.body.id, 'approve');
      expect(decided.result.created).toHaveLength(2);
      expect(decided.result.created).toContain('33030300AJ-SP-0042');
      const next = await createApproved('aj_admin', makeApprovalDraft({ typeCode: 'SP' }));
      expect(next).toBe('33030300AJ-SP-0043');
    });
  });

  describe('export and spreadsheet import', () => {
    it("exports a department's catalog as JSON rows and as an .xlsx in the 附件1 layout", async () => {
      const json = await t.http.get('/api/items/export').query({ subject: '33030300AJ' }).expect(200);
      const penalty = json.body.rows.find((r: { code: string }) => r.code === '33030300AJ-CF-0003');
      expect(penalty.item.penalty.discretion.rules).toHaveLength(4);
      const xlsx = await t.http.get('/api/items/export').query({ subject: '33030300AJ', format: 'xlsx' }).buffer(true).parse(binaryBody).expect(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');
      const read = await readCatalogWorkbook(xlsx.body as Buffer);
      expect(read.problems).toEqual([]);
      expect(read.rows.map((r) => r.code)).toEqual(expect.arrayContaining(['33030300AJ-CF-0003', '33030300AJ-XK-0001', '33030300AJ-QZ-0001']));
      expect((await t.http.get('/api/items/export').query({ subject: '33039900ZZ' }).expect(200)).body.rows).toEqual([]);
    });

    it('imports nothing from a workbook with a bad row, naming its sheet and row', async () => {
      const good = makeApprovalDraft();
      const workbook = await writeCatalogWorkbook(
        [
          { code: '', item: good },
          { code: '', item: makeApprovalDraft({ approval: { ...good.approval!, promisedPeriodDays: 40 } }) },
        ],
        '测试',
      );
      const res = await t.http
        .post('/api/catalog-changes/import.xlsx')
        .set(await auth('aj_admin'))
        .field('reason', '表格导入')
        .attach('file', workbook, 'catalog.xlsx')
        .expect(422);
      expect(res.body.code).toBe('IMPORT_INVALID');
      expect(res.body.details).toEqual([expect.objectContaining({ sheet: '行政审批类', row: 3, rule: 'promised-above-legal' })]);
    });

    it('files a good workbook as one import change, applied on approval', async () => {
      const workbook = await writeCatalogWorkbook(
        [
          { code: '', item: makeApprovalDraft() },
          { code: '', item: makeApprovalDraft({ typeCode: 'QR' }) },
        ],
        '测试',
      );
      const res = await t.http
        .post('/api/catalog-changes/import.xlsx')
        .set(await auth('aj_admin'))
        .field('reason', '表格导入')
        .attach('file', workbook, 'catalog.xlsx')
        .expect(201);
      expect(res.body).toMatchObject({ kind: 'import', status: 'pending' });
      const decided = await review(res.body.id, 'approve');
      expect(decided.result.created).toHaveLength(2);
      expect(decided.result.created[1]).toMatch(/^33030300AJ-QR-\d{4}$/);
    });

    it('refuses a zip bomb (413) before reading it, and files nothing', async () => {
      const bomb = await makeZipBomb(MAX_WORKBOOK_INFLATED_BYTES + 1024 * 1024);
      expect(bomb.length).toBeLessThan(200 * 1024);
      const before = (
        await t.http
          .get('/api/catalog-changes')
          .set(await auth('aj_admin'))
          .query({ pageSize: 100 })
          .expect(200)
      ).body.total;
      const res = await t.http
        .post('/api/catalog-changes/import.xlsx')
        .set(await auth('aj_admin'))
        .field('reason', '表格导入')
        .attach('file', bomb, 'catalog.xlsx')
        .expect(413);
      expect(res.body.code).toBe('IMPORT_WORKBOOK_TOO_LARGE');
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'file', rule: 'declaredSize' })]);
      expect(
        (
          await t.http
            .get('/api/catalog-changes')
            .set(await auth('aj_admin'))
            .query({ pageSize: 100 })
            .expect(200)
        ).body.total,
      ).toBe(before);
    });

    it('refuses a file that is not a workbook (415) and a missing file (400)', async () => {
      const res = await t.http
        .post('/api/catalog-changes/import.xlsx')
        .set(await auth('aj_admin'))
        .field('reason', '导入')
        .attach('file', Buffer.from('not a zip'), 'x.xlsx')
        .expect(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const missing = await t.http
        .post('/api/catalog-changes/import.xlsx')
        .set(await auth('aj_admin'))
        .field('reason', '导入')
        .expect(400);
      expect(missing.body.details).toEqual([{ field: 'file', rule: 'required' }]);
    });
  });
});
