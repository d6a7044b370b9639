// The input contract (issue 13, part 6), each case one request an outsider found answered with a 500:
// a U+0000 (or a lone surrogate) in any string, an impossible calendar date, an array where a nested
// object belongs, `null` for a field that may only be left out. Each is refused with a 4xx and a code,
// and a refused request stores nothing: no row, no case number, no workflow. Behind the validation
// rules, a value PostgreSQL itself refuses as input is answered 400 INPUT_NOT_STORABLE, not 500.
//
// Runs on a database and task queue of its own, so that row counts are this file's alone.
import { randomUUID } from 'node:crypto';
import { type ArgumentsHost } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { AllExceptionsFilter } from '../src/common/errors/all-exceptions.filter';
import { makeApprovalDraft } from '#factories/items';
import { eventually, startTestApp, type TestApp } from '../../../test/test-app';

const NUL = '\u0000';

describe('the input contract: no request gets a 500 or leaves a partial write', () => {
  let t: TestApp;
  let db: DataSource;
  let countAll: () => Promise<Record<string, number>>;
  const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenFor(username)}` });

  beforeAll(async () => {
    t = await startTestApp({ isolated: 'input_contract' });
    db = t.app.get(DataSource);
    // Rate-limit counters count every request, refused or not: they are not what a refusal must leave alone.
    const tables: string[] = (
      await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'rate_limit_counters') ORDER BY 1`)
    ).map((r: { tablename: string }) => r.tablename);
    const sql = `SELECT ${tables.map((name) => `(SELECT count(*) FROM "${name}")::int AS "${name}"`).join(', ')}`;
    countAll = async () => (await db.query(sql))[0];
  }, 120_000);
  afterAll(() => t?.close());

  /** Sends the request, expects 400 VALIDATION_FAILED naming `field`, and that no table changed. */
  async function refusedWithoutWrite(
    send: () => PromiseLike<{ status: number; body: { code?: string; details?: { field?: string; rule?: string }[] } }>,
    field: string,
    rule: string,
  ) {
    const before = await countAll();
    const res = await send();
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
    expect(res.body.details).toContainEqual({ field, rule });
    expect(await countAll()).toEqual(before);
  }

  describe('a string PostgreSQL cannot store', () => {
    let documentId: string;
    beforeAll(async () => {
      const list = await t.http.get('/api/disclosure/documents').expect(200);
      documentId = list.body.items[0].id;
    });

    it('refuses U+0000 in public feedback on a document', () =>
      refusedWithoutWrite(
        () => t.http.post(`/api/disclosure/documents/${documentId}/feedback`).send({ authorName: '居民', content: `建议${NUL}` }),
        'content',
        'storableText',
      ));

    it('refuses U+0000 in the public document list query', () =>
      refusedWithoutWrite(() => t.http.get('/api/disclosure/documents?issuer=%00'), 'issuer', 'storableText'));

    it('refuses U+0000 in the public result query', () =>
      refusedWithoutWrite(() => t.http.get('/api/hall/results').query({ caseNumber: `2026${NUL}`, applicantName: '张三' }), 'caseNumber', 'storableText'));

    it('refuses U+0000 in the public disclosure status query', () =>
      refusedWithoutWrite(
        () => t.http.get('/api/disclosure-requests/status').query({ number: `龙政公开${NUL}`, idNumber: '330303199003071238' }),
        'number',
        'storableText',
      ));

    it('refuses U+0000 in a consultation', async () =>
      refusedWithoutWrite(
        async () =>
          t.http
            .post('/api/hall/items/33030300AJ-XK-0001/consultations')
            .set(await auth('zhangsan'))
            .send({ question: `可以代办吗${NUL}` }),
        'question',
        'storableText',
      ));

    it('refuses U+0000 in an exemption request', async () =>
      refusedWithoutWrite(
        async () =>
          t.http
            .post('/api/supervision/exemptions')
            .set(await auth('aj_admin'))
            .send({ itemCode: '33030300AJ-XK-0001', reason: `理由${NUL}` }),
        'reason',
        'storableText',
      ));

    it('refuses U+0000 deep in a catalog change', async () =>
      refusedWithoutWrite(
        async () =>
          t.http
            .post('/api/catalog-changes')
            .set(await auth('aj_admin'))
            .send({ kind: 'create', reason: '新增', item: makeApprovalDraft({ legalBasis: [{ document: `《条例》${NUL}` }] }) }),
        'item.legalBasis.0.document',
        'storableText',
      ));

    it('refuses U+0000 in the user search', async () =>
      refusedWithoutWrite(async () => t.http.get('/api/users?q=%00').set(await auth('admin')), 'q', 'storableText'));

    it('refuses U+0000 in a disclosure request', async () =>
      refusedWithoutWrite(
        async () =>
          t.http
            .post('/api/disclosure-requests')
            .set(await auth('zf_disclosure'))
            .send({
              requestId: randomUUID(),
              agencyOrgCode: '33030300ZF',
              applicant: { kind: 'person', name: `张三${NUL}`, idNumber: '330303199003071238' },
              description: '财政资金明细',
              delivery: 'paper',
              channel: 'in_person',
            }),
        'applicant.name',
        'storableText',
      ));

    it('refuses U+0000 in a path parameter and in a key', async () => {
      await refusedWithoutWrite(() => t.http.get('/api/disclosure/documents/%00'), 'id', 'storableText');
      await refusedWithoutWrite(
        async () =>
          t.http
            .post('/api/hall/items/33030300AJ-XK-0001/consultations')
            .set(await auth('zhangsan'))
            .send({ [`question${NUL}`]: '问' }),
        `question${NUL}`,
        'storableText',
      );
    });

    it('refuses a lone surrogate, which has no UTF-8 form', async () =>
      refusedWithoutWrite(
        async () =>
          t.http
            .post('/api/hall/items/33030300AJ-XK-0001/consultations')
            .set(await auth('zhangsan'))
            .set('content-type', 'application/json')
            .send(`{"question":"问${'\\ud800'}"}`),
        'question',
        'storableText',
      ));

    it('keeps a well-formed surrogate pair (an emoji, a rare hanzi outside the BMP)', async () => {
      const res = await t.http
        .post('/api/hall/items/33030300AJ-XK-0001/consultations')
        .set(await auth('zhangsan'))
        .send({ question: '𠀀 可以代办吗？👍' });
      expect(res.status).toBe(201);
    });

    it('refuses U+0000 in an uploaded file’s name (multer reads it beside the body)', async () => {
      const authorization = await auth('aj_admin');
      const doc = await t.http
        .post('/api/disclosure/documents')
        .set(authorization)
        .send({ title: '附件测试', issuerCode: '33030300AJ', category: '部门文件', body: '正文' })
        .expect(201);
      const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
      const before = await countAll();
      // busboy refuses the part header itself; Nest makes that a 400.
      const res = await t.http
        .post(`/api/disclosure/documents/${doc.body.id}/attachments`)
        .set(authorization)
        .attach('file', pdf, { filename: `检查${NUL}表.pdf`, contentType: 'application/pdf' });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'VALIDATION_FAILED' });
      expect(await countAll()).toEqual(before);
    });

    it('refuses U+0000 in a counter filing and the day’s case numbers keep no gap', async () => {
      const first = await t.fileCase('yz_clerk', { name: '温州某某贸易有限公司' });
      await refusedWithoutWrite(
        async () =>
          t.http
            .post('/api/cases')
            .set(await auth('yz_clerk'))
            .send({ itemCode: '33030300AJ-XK-0001', requestId: randomUUID(), applicant: { name: `某某${NUL}公司` }, materials: [] }),
        'applicant.name',
        'storableText',
      );
      const second = await t.fileCase('yz_clerk', { name: '温州某某贸易有限公司' });
      const sequence = (n: string) => Number(n.slice(-4));
      expect(sequence(second.caseNumber)).toBe(sequence(first.caseNumber) + 1);
    });
  });

  it('gives the case number back when the filing’s insert fails, and when it repeats a request', async () => {
    const { CasesRepository } = await import('#persistence');
    const cases = new CasesRepository(db);
    const [item] = await db.query(`SELECT "id", "code", "name" FROM "items" WHERE "code" = '33030300AJ-XK-0001'`);
    const [org] = await db.query(`SELECT "id", "code" FROM "orgs" WHERE "code" = '33030301BM'`);
    const [clerk] = await db.query(`SELECT "id" FROM "users" WHERE "username" = 'yz_clerk'`);
    const numbering = { day: '20300101', orgCode: org.code };
    const values = (name: string, requestId: string = randomUUID()) => ({
      id: randomUUID(),
      requestId,
      filedBy: clerk.id,
      itemId: item.id,
      itemCode: item.code,
      itemName: item.name,
      flowVersion: 1,
      planHash: 'x',
      intakeOrgId: org.id,
      applicantUserId: null,
      applicantId: null,
      applicantName: name,
      materials: [],
      libraryMaterials: [],
      queryCode: null,
      status: 'running' as const,
      outcome: null,
      alarmLevel: 'none' as const,
      receivedAt: new Date(),
      promisedDeadlineAt: null,
      legalDeadlineAt: null,
      finishedAt: null,
      workflowId: `case-${randomUUID()}`,
    });
    const first = await cases.insertFiled(values('甲'), numbering);
    // A value PostgreSQL refuses, past the validation rules: the insert fails inside the transaction.
    await expect(cases.insertFiled(values(`乙${NUL}`), numbering)).rejects.toBeInstanceOf(QueryFailedError);
    const repeated = await cases.insertFiled(values('甲', first.row.requestId), numbering);
    expect(repeated).toMatchObject({ created: false, row: { id: first.row.id } });
    const next = await cases.insertFiled(values('丙'), numbering);
    expect([first.row.caseNumber, next.row.caseNumber]).toEqual([`20300101-${org.code}-0001`, `20300101-${org.code}-0002`]);
    await db.query(`DELETE FROM "cases" WHERE "id" = ANY($1)`, [[first.row.id, next.row.id]]);
  });

  describe('a value PostgreSQL refuses as input, should one get past the rules', () => {
    /** The error body the global filter answers for `error`. */
    function answerTo(error: unknown) {
      let sent: { status?: number; body?: unknown } = {};
      const response = { status: (s: number) => ({ type: () => ({ json: (b: unknown) => (sent = { status: s, body: b }) }) }) };
      const host = {
        switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ method: 'GET', originalUrl: '/x' }) }),
      } as unknown as ArgumentsHost;
      new AllExceptionsFilter().catch(error, host);
      return sent;
    }
    const refusal = (sql: string, params: unknown[] = []) =>
      db.query(sql, params).then(
        () => undefined,
        (e: unknown) => e,
      );

    it.each([
      ['U+0000 in text (22021)', `SELECT $1::text`, [`a${NUL}b`], '22021'],
      ['a day that does not exist (22008)', `SELECT '2026-02-30'::date`, [], '22008'],
      ['text that is no date (22007)', `SELECT 'soon'::date`, [], '22007'],
      ['text that is no uuid (22P02)', `SELECT 'x'::uuid`, [], '22P02'],
      ['a number out of range (22003)', `SELECT 99999999999::int`, [], '22003'],
      ['U+0000 in jsonb (22P05)', `SELECT $1::jsonb`, ['{"a":"\\u0000"}'], '22P05'],
    ])('answers %s with 400 INPUT_NOT_STORABLE', async (_what, sql, params, sqlState) => {
      const error = await refusal(sql, params);
      expect(error).toBeInstanceOf(QueryFailedError);
      expect(answerTo(error)).toEqual({
        status: 400,
        body: { statusCode: 400, code: 'INPUT_NOT_STORABLE', message: expect.any(String), details: [{ rule: `sqlstate:${sqlState}` }] },
      });
    });

    it('still answers a fault of the server’s own (a missing table) with 500', async () => {
      const error = await refusal(`SELECT * FROM "no_such_table"`);
      expect(answerTo(error)).toMatchObject({ status: 500, body: { code: 'INTERNAL_ERROR' } });
    });
  });

  describe('a calendar date that does not exist', () => {
    it.each(['2026-02-30', '2026-13-45', '2026-00-10', '2025-02-29'])('refuses the deadline from %s with 400', async (from) => {
      const res = await t.http.get('/api/calendar/deadline').query({ from, days: 5 });
      expect({ status: res.status, code: res.body.code, details: res.body.details }).toEqual({
        status: 400,
        code: 'VALIDATION_FAILED',
        details: [{ field: 'from', rule: 'isCalendarDate' }],
      });
    });

    it('still counts from a leap day', async () => {
      const res = await t.http.get('/api/calendar/deadline').query({ from: '2028-02-29', days: 5 });
      expect([200, 422]).toContain(res.status); // 422 CALENDAR_YEAR_MISSING while 2028 is not entered
    });

    it('refuses a holiday on a day that does not exist, and keeps the year as it was', async () => {
      const before = (await t.http.get('/api/calendar/2026').expect(200)).body;
      await refusedWithoutWrite(
        async () =>
          t.http
            .put('/api/calendar/2026')
            .set(await auth('admin'))
            .send({ holidays: [{ date: '2026-02-30', name: '春节' }], workdays: [] }),
        'holidays.0.date',
        'isCalendarDate',
      );
      expect((await t.http.get('/api/calendar/2026').expect(200)).body).toEqual(before);
    });
  });

  describe('an array or a primitive where a nested object belongs', () => {
    it('refuses penalty.discretion: [] with 400 and files no change', async () =>
      refusedWithoutWrite(
        async () =>
          t.http
            .post('/api/catalog-changes')
            .set(await auth('aj_admin'))
            .send({
              kind: 'create',
              reason: '新增',
              item: makeApprovalDraft({
                typeCode: 'CF',
                approval: undefined,
                penalty: { penaltyKinds: ['警告'], resultsPublic: true, discretion: [] },
              } as never),
            }),
        'item.penalty.discretion',
        'isObject',
      ));

    it('refuses an array of arrays where an array of objects belongs', async () =>
      refusedWithoutWrite(
        async () =>
          t.http
            .put('/api/calendar/2026')
            .set(await auth('admin'))
            .send({ holidays: [[]], workdays: [] }),
        'holidays',
        'isObject',
      ));

    it('refuses a string where the applicant object belongs', async () =>
      refusedWithoutWrite(
        async () =>
          t.http
            .post('/api/cases')
            .set(await auth('yz_clerk'))
            .send({ itemCode: '33030300AJ-XK-0001', requestId: randomUUID(), applicant: '张三', materials: [] }),
        'applicant',
        'isObject',
      ));
  });

  describe('null for a field that may only be left out', () => {
    describe('on a running case', () => {
      let caseId: string;
      let token: string;
      beforeAll(async () => {
        const filed = await t.fileCase('zx_clerk', { name: '温州某某化工有限公司' });
        caseId = filed.id;
        // Counted once its workflow has projected the intake step, so the counts hold still.
        const authorization = (await auth('zx_clerk')).authorization;
        token = await eventually(async () => {
          const tasks = (await t.http.get('/api/tasks').set({ authorization }).expect(200)).body as { caseId: string; token: string }[];
          return tasks.find((x) => x.caseId === caseId)?.token;
        });
      });

      it('refuses U+0000 in an action’s opinion, which would leave its workflow retrying', async () =>
        refusedWithoutWrite(
          async () =>
            t.http
              .post(`/api/cases/${caseId}/actions`)
              .set(await auth('zx_clerk'))
              .send({ type: 'act', token, action: 'accept', opinion: `同意${NUL}` }),
          'opinion',
          'storableText',
        ));

      it('refuses requestId: null on an action', async () =>
        refusedWithoutWrite(
          async () =>
            t.http
              .post(`/api/cases/${caseId}/actions`)
              .set(await auth('zx_clerk'))
              .send({ type: 'act', token, action: 'accept', requestId: null }),
          'requestId',
          'isUuid',
        ));
    });

    it('refuses contact: null on public feedback', async () => {
      const list = await t.http.get('/api/disclosure/documents').expect(200);
      await refusedWithoutWrite(
        () => t.http.post(`/api/disclosure/documents/${list.body.items[0].id}/feedback`).send({ content: '建议', contact: null }),
        'contact',
        'isString',
      );
    });

    it('refuses applicant: null on a counter filing and takes no case number', async () =>
      refusedWithoutWrite(
        async () =>
          t.http
            .post('/api/cases')
            .set(await auth('yz_clerk'))
            .send({ itemCode: '33030300AJ-XK-0001', requestId: randomUUID(), applicant: null, materials: [] }),
        'applicant',
        'isObject',
      ));

    it('still takes null where it clears a value (an item’s entrusting body)', async () => {
      const res = await t.http
        .post('/api/catalog-changes')
        .set(await auth('aj_admin'))
        .send({ kind: 'create', reason: '新增', item: makeApprovalDraft({ entrustingBody: null }) });
      expect(res.status).toBe(201);
    });
  });
});

describe('the HTTP contract a fuzzer checks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(() => t?.close());

  it('answers a method a path does not have with 405 and the methods it has', async () => {
    const res = await t.http.delete('/api/calendar/deadline');
    expect({ status: res.status, code: res.body.code, allow: res.headers.allow }).toEqual({ status: 405, code: 'METHOD_NOT_ALLOWED', allow: 'GET, HEAD' });
    const options = await t.http.options('/api/catalog-changes/import');
    expect({ status: options.status, code: options.body.code, allow: options.headers.allow }).toEqual({
      status: 405,
      code: 'METHOD_NOT_ALLOWED',
      allow: 'POST',
    });
    const item = await t.http.patch('/api/items/33030300AJ-XK-0001');
    expect({ status: item.status, allow: item.headers.allow }).toEqual({ status: 405, allow: 'GET, HEAD' });
    expect((await t.http.get('/api/no-such-thing')).body.code).toBe('ROUTE_NOT_FOUND');
  });

  it('asks for a token before it reads the body: a malformed body without one is 401, with one 400', async () => {
    const anonymous = await t.http.put('/api/items/33030300AJ-XK-0001/flow').set('content-type', 'application/json').send('"');
    expect({ status: anonymous.status, code: anonymous.body.code }).toEqual({ status: 401, code: 'AUTH_REQUIRED' });
    const signedIn = await t.http
      .put('/api/items/33030300AJ-XK-0001/flow')
      .set({ authorization: `Bearer ${await t.tokenFor('aj_admin')}`, 'content-type': 'application/json' })
      .send('"');
    expect({ status: signedIn.status, code: signedIn.body.code }).toEqual({ status: 400, code: 'MALFORMED_JSON' });
    const huge = await t.http
      .post('/api/cases')
      .set({ authorization: `Bearer ${await t.tokenFor('yz_clerk')}`, 'content-type': 'application/json' })
      .send(JSON.stringify({ itemCode: '33030300AJ-XK-0001', requestId: randomUUID(), applicant: { name: 'x'.repeat(2 * 1024 * 1024) }, materials: [] }));
    expect({ status: huge.status, code: huge.body.code }).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
  });
});
