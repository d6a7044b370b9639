import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../../../test/test-app';

/** A published unified social credit code whose check characters hold. */
const COMPANY = '91440300708461136T';
const PDF = Buffer.from('%PDF-1.4\n% test material\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');

describe('the shared materials library (一次申报、多次使用)', () => {
  let t: TestApp;
  const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenFor(username)}` });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function upload(materialName: string, data: Buffer, status: number, fields: Record<string, string> = {}) {
    let req = t.http.post('/api/applicants/materials').set(await auth('zx_clerk'));
    for (const [k, v] of Object.entries({ kind: 'company', idNumber: COMPANY, applicantName: '深圳某某科技有限公司', materialName, ...fields })) req = req.field(k, v);
    return req.attach('file', data, 'material.pdf').expect(status);
  }

  it('stores a material once by its bytes and lists it for the applicant', async () => {
    const first = await upload('安全评价报告', PDF, 201);
    expect(first.body.material).toMatchObject({ name: '安全评价报告', contentType: 'application/pdf', size: PDF.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const again = await upload('安全评价报告', PDF, 201);
    expect(again.body.newBytes).toBe(false);
    expect(again.body.material.sha256).toBe(first.body.material.sha256);
    const list = await t.http.get(`/api/applicants/company/${COMPANY}/materials`).set(await auth('zx_clerk')).expect(200);
    expect(list.body.materials.filter((m: { name: string }) => m.name === '安全评价报告')).toHaveLength(1);
  });

  it('reuses held materials in a later application and says which', async () => {
    await upload('危险化学品经营许可证申请书', PDF, 201);
    const res = await t.http
      .post('/api/cases')
      .set(await auth('zx_clerk'))
      .send({
        itemCode: '33030300AJ-XK-0001',
        requestId: randomUUID(),
        applicant: { name: '深圳某某科技有限公司', kind: 'company', idNumber: COMPANY },
        materials: ['经营场所产权证明或租赁合同'],
      })
      .expect(201);
    expect(res.body.reusedMaterials.map((m: { name: string }) => m.name).sort()).toEqual(['危险化学品经营许可证申请书', '安全评价报告']);
    expect(res.body.missingMaterials).toEqual(['安全管理制度和岗位操作规程']);
  });

  it('refuses an ID number whose check character is wrong, a type not allowed, and an expired material is not reused', async () => {
    const bad = await upload('x', PDF, 400, { idNumber: '91440300708461136A' });
    expect(bad.body).toMatchObject({ code: 'APPLICANT_ID_INVALID', details: [expect.objectContaining({ field: 'idNumber', rule: 'check-digit' })] });
    const exe = await upload('x', Buffer.from('MZ\x90\x00 not a document'), 415);
    expect(exe.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    await upload('安全管理制度和岗位操作规程', Buffer.concat([PDF, Buffer.from('% old\n')]), 201, { validUntil: '2020-01-01' });
    const res = await t.http
      .post('/api/cases')
      .set(await auth('zx_clerk'))
      .send({ itemCode: '33030300AJ-XK-0001', requestId: randomUUID(), applicant: { name: '深圳某某科技有限公司', kind: 'company', idNumber: COMPANY }, materials: [] })
      .expect(201);
    expect(res.body.reusedMaterials.map((m: { name: string }) => m.name)).not.toContain('安全管理制度和岗位操作规程');
    expect((await t.http.get('/api/applicants/company/91350100M000100Y43/materials').set(await auth('zx_clerk')).expect(404)).body.code).toBe('APPLICANT_NOT_FOUND');
  });

  it('keeps an issued licence in the library, and finds a case by number and the applicant\'s credit code', async () => {
    const filed = await t.http
      .post('/api/cases')
      .set(await auth('zx_clerk'))
      .send({ itemCode: '33030300AJ-XK-0001', requestId: randomUUID(), applicant: { name: '深圳某某科技有限公司', kind: 'company', idNumber: COMPANY }, materials: [] })
      .expect(201);
    await t.actOnTask('zx_clerk', filed.body.id, { action: 'accept' });
    await t.actOnTask('aj_handler', filed.body.id, { action: 'opinion', opinion: '同意' });
    await t.actOnTask('aj_handler', filed.body.id, { action: 'decide', decision: 'approved', opinion: '准予许可' });
    const held = await t.http.get(`/api/applicants/company/${COMPANY}/materials`).set(await auth('zx_clerk')).expect(200);
    expect(held.body.materials.map((m: { name: string }) => m.name)).toContain('准予行政许可决定书');
    const found = await t.http.get('/api/hall/results').query({ caseNumber: filed.body.caseNumber, applicantId: COMPANY.toLowerCase() }).expect(200);
    expect(found.body.caseNumber).toBe(filed.body.caseNumber);
    expect((await t.http.get('/api/hall/results').query({ caseNumber: filed.body.caseNumber, applicantId: '91350100M000100Y43' }).expect(404)).body.code).toBe('CASE_NOT_FOUND');
    expect((await t.http.get('/api/hall/results').query({ caseNumber: filed.body.caseNumber }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('hosts a department\'s blank forms for download', async () => {
    const up = await t.http.post('/api/forms').set(await auth('gs_admin')).attach('file', PDF, 'form.pdf').expect(201);
    expect(up.body).toMatchObject({ contentType: 'application/pdf', url: `/api/forms/${up.body.sha256}` });
    const down = await t.http.get(up.body.url).expect(200);
    expect(down.headers['content-type']).toContain('application/pdf');
    expect((await t.http.post('/api/forms').set(await auth('zx_clerk')).attach('file', PDF, 'form.pdf').expect(403)).body.code).toBe('FORBIDDEN_ROLE');
    expect((await t.http.get(`/api/forms/${'0'.repeat(64)}`).expect(404)).body.code).toBe('DOCUMENT_NOT_FOUND');
  });
});
