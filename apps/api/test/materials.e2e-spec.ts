import { AuditRepository } from '#persistence';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../test/test-app';
import { creditCode, residentId } from '#factories/identities';

const PDF = Buffer.from('%PDF-1.4\n% test material\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
/** Bytes unique to one test, so that each material is a file of its own. */
const pdf = (note: string) => Buffer.concat([PDF, Buffer.from(`% ${note} ${randomUUID()}\n`)]);
/** The demo county permit: its materials list names these four. */
const PERMIT = '33030300AJ-XK-0001';

describe('the shared materials library (一次申报、多次使用)', () => {
  let t: TestApp;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const auth = async (username: string) => bearer(await t.tokenFor(username));

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** A clerk at the county centre stores a material for the company in front of them. */
  async function counterUpload(company: string, materialName: string, data: Buffer, status = 201, fields: Record<string, string> = {}) {
    let req = t.http.post('/api/applicants/materials').set(await auth('zx_clerk'));
    for (const [k, v] of Object.entries({ kind: 'company', idNumber: company, applicantName: '深圳某某科技有限公司', materialName, ...fields }))
      req = req.field(k, v);
    return req.attach('file', data, 'material.pdf').expect(status);
  }

  async function register(kind: 'person' | 'company', idNumber: string, name = '王五') {
    const username = `reg_${randomUUID().slice(0, 8)}`;
    const res = await t.http.post('/api/auth/register').send({ username, password: 'Reg@2026xx', name, kind, idNumber }).expect(201);
    return { username, token: res.body.accessToken as string };
  }

  function counterFiling(company: string, extra: Record<string, unknown> = {}) {
    return {
      itemCode: PERMIT,
      requestId: randomUUID(),
      applicant: { name: '深圳某某科技有限公司', kind: 'company', idNumber: company },
      materials: [],
      ...extra,
    };
  }

  async function auditRows(where: { userId?: string; action: string }) {
    const rows: { user_id: string; action: string; case_id: string | null; detail: Record<string, unknown> }[] = await t.app
      .get(DataSource)
      .query(`SELECT user_id, action, case_id, detail FROM supervision_audit WHERE action = $1 ORDER BY seq`, [where.action]);
    return rows;
  }

  it('stores a material once by its bytes, and a clerk sees it at intake for an item that lists it, audited', async () => {
    const company = creditCode();
    const data = pdf('evaluation');
    const first = await counterUpload(company, '安全评价报告', data);
    expect(first.body.material).toMatchObject({ name: '安全评价报告', provenance: 'counter', contentType: 'application/pdf', size: data.length });
    const again = await counterUpload(company, '安全评价报告', data);
    expect(again.body.newBytes).toBe(false);
    expect(again.body.material.id).toBe(first.body.material.id);

    const list = await t.http
      .get(`/api/applicants/company/${company}/materials`)
      .query({ itemCode: PERMIT })
      .set(await auth('zx_clerk'))
      .expect(200);
    expect(list.body.materials).toEqual([expect.objectContaining({ name: '安全评价报告', provenance: 'counter', needsConfirmation: false })]);
    expect(JSON.stringify(list.body)).not.toMatch(/[0-9a-f]{64}/);
    const reads = await auditRows({ action: 'library' });
    expect(reads.at(-1)).toMatchObject({ case_id: null, detail: { purpose: 'intake', itemCode: PERMIT, applicantId: expect.any(String) } });

    // Not without the item being filed: the library is no directory to browse.
    const browse = await t.http
      .get(`/api/applicants/company/${company}/materials`)
      .set(await auth('zx_clerk'))
      .expect(400);
    expect(browse.body).toMatchObject({ code: 'VALIDATION_FAILED', details: expect.arrayContaining([expect.objectContaining({ field: 'itemCode' })]) });
    for (const role of ['gs_handler', 'zhangsan', 'jc_supervisor']) {
      const refused = await t.http
        .get(`/api/applicants/company/${company}/materials`)
        .query({ itemCode: PERMIT })
        .set(await auth(role))
        .expect(403);
      expect(refused.body.code).toBe('FORBIDDEN_ROLE');
    }
  });

  it('reuses checked materials in a later counter filing, records the read and serves their files only through the case', async () => {
    const company = creditCode();
    const application = pdf('application');
    await counterUpload(company, '危险化学品经营许可证申请书', application);
    await counterUpload(company, '安全评价报告', pdf('evaluation'));
    const res = await t.http
      .post('/api/cases')
      .set(await auth('zx_clerk'))
      .send(counterFiling(company, { materials: ['经营场所产权证明或租赁合同'] }))
      .expect(201);
    expect(res.body.reusedMaterials.map((m: { name: string }) => m.name).sort()).toEqual(['危险化学品经营许可证申请书', '安全评价报告']);
    expect(res.body.reusedMaterials.every((m: { provenance: string }) => m.provenance === 'counter')).toBe(true);
    expect(res.body.missingMaterials).toEqual(['安全管理制度和岗位操作规程']);
    expect(JSON.stringify(res.body.reusedMaterials)).not.toMatch(/[0-9a-f]{64}/);
    const caseId = res.body.id as string;
    const filing = (await t.app.get(AuditRepository).ofCase(caseId)).filter((r) => r.action === 'library');
    expect(filing).toEqual([expect.objectContaining({ detail: expect.objectContaining({ purpose: 'filing' }) })]);

    const held = await t.http
      .get(`/api/cases/${caseId}/materials`)
      .set(await auth('zx_clerk'))
      .expect(200);
    expect(held.body.materials).toEqual(expect.arrayContaining(['经营场所产权证明或租赁合同', '危险化学品经营许可证申请书']));
    const item = held.body.library.find((m: { name: string }) => m.name === '危险化学品经营许可证申请书');
    const file = await t.http
      .get(`/api/cases/${caseId}/materials/${item.id}/file`)
      .set(await auth('zx_clerk'))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(file.body as Buffer, application)).toBe(0);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    const actions = (await t.app.get(AuditRepository).ofCase(caseId)).map((r) => [r.action, (r.detail as { purpose?: string }).purpose ?? null]);
    expect(actions).toEqual(
      expect.arrayContaining([
        ['library', 'case'],
        ['material', null],
      ]),
    );

    // Outside the case's centre and departments: neither the list nor a file.
    for (const outsider of ['yz_clerk', 'gs_handler']) {
      expect(
        (
          await t.http
            .get(`/api/cases/${caseId}/materials`)
            .set(await auth(outsider))
            .expect(403)
        ).body.code,
      ).toBe('FORBIDDEN_ORG_SCOPE');
      expect(
        (
          await t.http
            .get(`/api/cases/${caseId}/materials/${item.id}/file`)
            .set(await auth(outsider))
            .expect(403)
        ).body.code,
      ).toBe('FORBIDDEN_ORG_SCOPE');
    }
    // A material of the library the case does not use is not served through it.
    const other = await counterUpload(company, '营业执照', pdf('licence'));
    expect(
      (
        await t.http
          .get(`/api/cases/${caseId}/materials/${other.body.material.id}/file`)
          .set(await auth('zx_clerk'))
          .expect(404)
      ).body.code,
    ).toBe('MATERIAL_NOT_FOUND');
  });

  it('serves no stored file by its content hash: only registered blank forms are public', async () => {
    const company = creditCode();
    // Whoever holds a copy of the bytes (or finds the hash in a log) knows the content hash.
    const secret = pdf('secret');
    await counterUpload(company, '安全评价报告', secret);
    const sha256 = createHash('sha256').update(secret).digest('hex');
    expect((await t.app.get(DataSource).query(`SELECT 1 FROM stored_files WHERE sha256 = $1`, [sha256])).length).toBe(1);
    expect((await t.http.get(`/api/forms/${sha256}`).expect(404)).body.code).toBe('DOCUMENT_NOT_FOUND');

    // An issued decision's PDF is in the same store; its hash opens nothing either.
    const filed = await t.fileCase('zx_clerk', { name: '深圳某某科技有限公司', kind: 'company', idNumber: company });
    await t.actOnTask('zx_clerk', filed.id, { action: 'accept' });
    await t.actOnTask('aj_handler', filed.id, { action: 'opinion', opinion: '同意' });
    await t.actOnTask('aj_handler', filed.id, { action: 'decide', decision: 'approved', opinion: '准予许可' });
    const [issued] = await t.app.get(DataSource).query(`SELECT sha256 FROM case_documents WHERE case_id = $1 LIMIT 1`, [filed.id]);
    expect(issued.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await t.http.get(`/api/forms/${issued.sha256}`).expect(404)).body.code).toBe('DOCUMENT_NOT_FOUND');

    const up = await t.http
      .post('/api/forms')
      .set(await auth('gs_admin'))
      .attach('file', pdf('blank form'), 'form.pdf')
      .expect(201);
    expect(up.body).toMatchObject({ contentType: 'application/pdf', url: `/api/forms/${up.body.sha256}` });
    const down = await t.http.get(up.body.url).expect(200);
    expect(down.headers['content-type']).toContain('application/pdf');
    expect(
      (
        await t.http
          .post('/api/forms')
          .set(await auth('zx_clerk'))
          .attach('file', PDF, 'form.pdf')
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ROLE');
    expect((await t.http.get(`/api/forms/${'0'.repeat(64)}`).expect(404)).body.code).toBe('DOCUMENT_NOT_FOUND');
  });

  it("binds an applicant's uploads, library reads and online filings to the identity of their account", async () => {
    const mine = residentId();
    const someoneElse = residentId();
    const { token } = await register('person', mine, '王五');
    const upload = (fields: Record<string, string>, status: number) => {
      let req = t.http.post('/api/applicants/materials').set(bearer(token));
      for (const [k, v] of Object.entries({ materialName: '安全评价报告', ...fields })) req = req.field(k, v);
      return req.attach('file', pdf('own upload'), 'material.pdf').expect(status);
    };
    // Into another person's library: refused, nothing stored.
    const planted = await upload({ kind: 'person', idNumber: someoneElse, applicantName: '赵六' }, 403);
    expect(planted.body).toMatchObject({ code: 'APPLICANT_IDENTITY_MISMATCH', details: [expect.objectContaining({ field: 'idNumber' })] });
    const own = await upload({}, 201);
    expect(own.body.material).toMatchObject({ name: '安全评价报告', provenance: 'applicant' });

    const library = await t.http.get('/api/applicants/me/materials').set(bearer(token)).expect(200);
    expect(library.body.applicant).toMatchObject({ kind: 'person', name: '王五', verified: false });
    expect(library.body.applicant.idNumber).not.toBe(mine);
    expect(library.body.materials.map((m: { id: string }) => m.id)).toEqual([own.body.material.id]);
    await t.http.get(`/api/applicants/me/materials/${own.body.material.id}/file`).set(bearer(token)).expect(200);

    // Online filing in someone else's name: refused, no case filed.
    const before = (await t.http.get('/api/cases/mine').set(bearer(token)).expect(200)).body.length;
    const impersonating = await t.http
      .post('/api/cases')
      .set(bearer(token))
      .send({
        itemCode: PERMIT,
        requestId: randomUUID(),
        intakeOrgCode: '33030300ZX',
        applicant: { name: '赵六', kind: 'person', idNumber: someoneElse },
        materials: [],
      })
      .expect(403);
    expect(impersonating.body.code).toBe('APPLICANT_IDENTITY_MISMATCH');
    expect((await t.http.get('/api/cases/mine').set(bearer(token)).expect(200)).body.length).toBe(before);

    // In their own name: their own upload is reused.
    const filed = await t.http
      .post('/api/cases')
      .set(bearer(token))
      .send({ itemCode: PERMIT, requestId: randomUUID(), intakeOrgCode: '33030300ZX', materials: [] })
      .expect(201);
    expect(filed.body).toMatchObject({ applicantName: '王五', queryCode: expect.stringMatching(/^[A-Z2-9]{8}$/) });
    expect(filed.body.reusedMaterials).toEqual([expect.objectContaining({ name: '安全评价报告', provenance: 'applicant' })]);
    // Staff and applicants may not list another applicant's library by identity.
    expect((await t.http.get(`/api/applicants/person/${someoneElse}/materials`).query({ itemCode: PERMIT }).set(bearer(token)).expect(403)).body.code).toBe(
      'FORBIDDEN_ROLE',
    );
  });

  it("gives an account registered with someone else's ID number none of their library, and what it plants is not reused unchecked", async () => {
    const company = creditCode();
    await counterUpload(company, '安全评价报告', pdf('genuine'));
    // The attacker knows the victim's credit code (it is printed on their licence) and registers with it.
    const attacker = await register('company', company, '冒名公司');
    const seen = await t.http.get('/api/applicants/me/materials').set(bearer(attacker.token)).expect(200);
    expect(seen.body.materials).toEqual([]);
    const online = await t.http
      .post('/api/cases')
      .set(bearer(attacker.token))
      .send({ itemCode: PERMIT, requestId: randomUUID(), intakeOrgCode: '33030300ZX', materials: [] })
      .expect(201);
    expect(online.body.reusedMaterials).toEqual([]);

    // It plants a forged application form in "its" library.
    const req = t.http.post('/api/applicants/materials').set(bearer(attacker.token)).field('materialName', '危险化学品经营许可证申请书');
    const forged = await req.attach('file', pdf('forged'), 'forged.pdf').expect(201);
    expect(forged.body.material.provenance).toBe('applicant');

    // The real company files at the counter: the forged upload is shown as unchecked and not reused.
    const intake = await t.http
      .get(`/api/applicants/company/${company}/materials`)
      .query({ itemCode: PERMIT })
      .set(await auth('zx_clerk'))
      .expect(200);
    expect(intake.body.materials).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: '危险化学品经营许可证申请书', provenance: 'applicant', needsConfirmation: true }),
        expect.objectContaining({ name: '安全评价报告', provenance: 'counter', needsConfirmation: false }),
      ]),
    );
    const filed = await t.http
      .post('/api/cases')
      .set(await auth('zx_clerk'))
      .send(counterFiling(company))
      .expect(201);
    expect(filed.body.reusedMaterials.map((m: { name: string }) => m.name)).toEqual(['安全评价报告']);
    expect(filed.body.awaitingConfirmation).toEqual([expect.objectContaining({ id: forged.body.material.id, name: '危险化学品经营许可证申请书' })]);
    expect(filed.body.missingMaterials).toContain('危险化学品经营许可证申请书');

    // Confirmation is the clerk's, for materials actually awaiting it.
    const bogus = await t.http
      .post('/api/cases')
      .set(await auth('zx_clerk'))
      .send(counterFiling(company, { confirmedMaterials: [randomUUID()] }))
      .expect(400);
    expect(bogus.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field: 'confirmedMaterials' })] });
    const selfConfirm = await t.http
      .post('/api/cases')
      .set(bearer(attacker.token))
      .send({ itemCode: PERMIT, requestId: randomUUID(), intakeOrgCode: '33030300ZX', materials: [], confirmedMaterials: [forged.body.material.id] })
      .expect(400);
    expect(selfConfirm.body.details).toEqual([expect.objectContaining({ field: 'confirmedMaterials', rule: 'counter-only' })]);
    // A clerk who compared it with the original reuses it, and from then on it counts as checked.
    const confirmed = await t.http
      .post('/api/cases')
      .set(await auth('zx_clerk'))
      .send(counterFiling(company, { confirmedMaterials: [forged.body.material.id] }))
      .expect(201);
    expect(confirmed.body.reusedMaterials.map((m: { name: string }) => m.name).sort()).toEqual(['危险化学品经营许可证申请书', '安全评价报告']);
    const caseMaterials = await t.http
      .get(`/api/cases/${confirmed.body.id}/materials`)
      .set(await auth('zx_clerk'))
      .expect(200);
    expect(caseMaterials.body.library).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: forged.body.material.id, provenance: 'counter', confirmedBy: expect.any(String) })]),
    );
  });

  it('verifies an account when a clerk names it with the identity on the ID card, and refuses another identity', async () => {
    const person = residentId();
    const account = await register('person', person, '孙七');
    const wrong = await t.http
      .post('/api/cases')
      .set(await auth('zx_clerk'))
      .send({
        itemCode: PERMIT,
        requestId: randomUUID(),
        applicant: { name: '孙七', username: account.username, kind: 'person', idNumber: residentId() },
        materials: [],
      })
      .expect(403);
    expect(wrong.body.code).toBe('APPLICANT_IDENTITY_MISMATCH');
    await t.http
      .post('/api/cases')
      .set(await auth('zx_clerk'))
      .send({
        itemCode: PERMIT,
        requestId: randomUUID(),
        applicant: { name: '孙七', username: account.username, kind: 'person', idNumber: person },
        materials: [],
      })
      .expect(201);
    const library = await t.http.get('/api/applicants/me/materials').set(bearer(account.token)).expect(200);
    expect(library.body.applicant.verified).toBe(true);
  });

  it('refuses an ID number whose check character is wrong, a type not allowed, and an expired material is not reused', async () => {
    const company = creditCode();
    const bad = await counterUpload(company, 'x', PDF, 422, { idNumber: '91440300708461136A' });
    expect(bad.body).toMatchObject({ code: 'APPLICANT_ID_INVALID', details: [expect.objectContaining({ field: 'idNumber', rule: 'check-digit' })] });
    const exe = await counterUpload(company, 'x', Buffer.from('MZ\x90\x00 not a document'), 415);
    expect(exe.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const missing = await t.http
      .post('/api/applicants/materials')
      .set(await auth('zx_clerk'))
      .field('materialName', 'x')
      .attach('file', PDF, 'm.pdf')
      .expect(400);
    expect(missing.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['applicantName', 'idNumber', 'kind']);
    await counterUpload(company, '安全管理制度和岗位操作规程', pdf('old'), 201, { validUntil: '2020-01-01' });
    const res = await t.http
      .post('/api/cases')
      .set(await auth('zx_clerk'))
      .send(counterFiling(company))
      .expect(201);
    expect(res.body.reusedMaterials.map((m: { name: string }) => m.name)).not.toContain('安全管理制度和岗位操作规程');
    expect(
      (
        await t.http
          .get(`/api/applicants/company/${creditCode()}/materials`)
          .query({ itemCode: PERMIT })
          .set(await auth('zx_clerk'))
          .expect(404)
      ).body.code,
    ).toBe('APPLICANT_NOT_FOUND');
  });

  it("keeps an issued licence in the library as issued, and finds a case by number and the applicant's credit code", async () => {
    const company = creditCode();
    const filed = await t.fileCase('zx_clerk', { name: '深圳某某科技有限公司', kind: 'company', idNumber: company });
    await t.actOnTask('zx_clerk', filed.id, { action: 'accept' });
    await t.actOnTask('aj_handler', filed.id, { action: 'opinion', opinion: '同意' });
    await t.actOnTask('aj_handler', filed.id, { action: 'decide', decision: 'approved', opinion: '准予许可' });
    const [issued] = await t.app
      .get(DataSource)
      .query(`SELECT provenance, case_id FROM applicant_materials WHERE name = '准予行政许可决定书' AND case_id = $1`, [filed.id]);
    expect(issued).toEqual({ provenance: 'issued', case_id: filed.id });
    const found = await t.http.get('/api/hall/results').query({ caseNumber: filed.caseNumber, applicantId: company.toLowerCase() }).expect(200);
    expect(found.body.caseNumber).toBe(filed.caseNumber);
    expect((await t.http.get('/api/hall/results').query({ caseNumber: filed.caseNumber, applicantId: '91350100M000100Y43' }).expect(404)).body.code).toBe(
      'CASE_NOT_FOUND',
    );
    expect((await t.http.get('/api/hall/results').query({ caseNumber: filed.caseNumber }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });
});
