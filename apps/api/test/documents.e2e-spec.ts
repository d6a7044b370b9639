import { randomUUID } from 'node:crypto';
import { binaryBody, startTestApp, type TestApp } from '../../../test/test-app';

describe('documents and electronic seals', () => {
  let t: TestApp;
  let caseId: string;
  const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenFor(username)}` });

  beforeAll(async () => {
    t = await startTestApp();
    const filed = await t.fileCase('zx_clerk', { name: '温州某某化工有限公司', username: 'zhangsan' });
    caseId = filed.id;
    await t.actOnTask('zx_clerk', caseId, { action: 'accept' });
    await t.actOnTask('aj_handler', caseId, { action: 'opinion', opinion: '经营场所和储存设施符合要求' });
    await t.actOnTask('aj_handler', caseId, { action: 'decide', decision: 'approved', opinion: '准予许可' });
  });
  afterAll(() => t.close());

  it("renders the case's documents as PDFs, the decision sealed by the deciding department", async () => {
    const list = await t.http
      .get(`/api/cases/${caseId}/documents`)
      .set(await auth('zhangsan'))
      .expect(200);
    expect(list.body.map((d: { title: string }) => d.title).sort()).toEqual(['准予行政许可决定书', '受理通知书']);
    const decision = list.body.find((d: { title: string }) => d.title === '准予行政许可决定书');
    expect(decision).toMatchObject({ sealed: true, issuer: '龙湾区安全生产监督管理局', sm3: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const pdf = await t.http
      .get(`/api/documents/${decision.id}/pdf`)
      .set(await auth('zhangsan'))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    const verified = await t.http.get(`/api/documents/${decision.id}/verify`).expect(200);
    expect(verified.body).toMatchObject({ valid: true, algorithm: 'SM2-with-SM3', issuer: '龙湾区安全生产监督管理局' });
    expect(JSON.stringify(verified.body)).not.toContain('PRIVATE KEY');

    const copy = await t.http
      .post(`/api/documents/${decision.id}/verify`)
      .attach('file', pdf.body as Buffer, 'copy.pdf')
      .expect(200);
    expect(copy.body.valid).toBe(true);
    const altered = Buffer.from(pdf.body as Buffer);
    altered[altered.length - 20] ^= 0x01;
    const tampered = await t.http.post(`/api/documents/${decision.id}/verify`).attach('file', altered, 'copy.pdf').expect(200);
    expect(tampered.body).toMatchObject({ valid: false, reason: 'signature-mismatch' });
  });

  it('keeps documents to those who may read the case', async () => {
    const list = await t.http
      .get(`/api/cases/${caseId}/documents`)
      .set(await auth('zx_clerk'))
      .expect(200);
    const id = list.body[0].id;
    expect(
      (
        await t.http
          .get(`/api/documents/${id}/pdf`)
          .set(await auth('gs_handler'))
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ORG_SCOPE');
    expect((await t.http.get(`/api/documents/${id}/pdf`).expect(401)).body.code).toBe('AUTH_REQUIRED');
    expect((await t.http.get(`/api/documents/${randomUUID()}/verify`).expect(404)).body.code).toBe('DOCUMENT_NOT_FOUND');
  });
});
