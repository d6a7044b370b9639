import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from '../../../test/test-app';

const DAY = 24 * 3600_000;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');

describe('government information disclosure (政务公开)', () => {
  let t: TestApp;
  let sequence = 100;
  const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenFor(username)}` });

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** A draft by `username` for `issuerCode`, with a fresh number unless told otherwise. */
  async function draft(username: string, overrides: Record<string, unknown> = {}) {
    sequence += 1;
    const res = await t.http
      .post('/api/disclosure/documents')
      .set(await auth(username))
      .send({
        docNumber: `龙测〔2026〕${sequence}号`,
        title: `测试文件${sequence}`,
        issuerCode: '33030300AJ',
        category: '部门文件',
        keyArea: 'work-safety',
        body: `这是第${sequence}号测试文件的正文。`,
        ...overrides,
      });
    expect([res.status, res.body.code]).toEqual([201, undefined]);
    return res.body as { id: string; docNumber: string | null; status: string };
  }

  async function published(username = 'aj_admin', overrides: Record<string, unknown> = {}) {
    const doc = await draft(username, overrides);
    await t.http
      .post(`/api/disclosure/documents/${doc.id}/publish`)
      .set(await auth(username))
      .expect(200);
    return doc;
  }

  describe('full-text search in Chinese', () => {
    it('finds a document by a word only in its body, with a highlighted snippet that reads like the text', async () => {
      const res = await t.http.get('/api/disclosure/documents').query({ q: '轮候家庭' }).expect(200);
      expect(res.body.total).toBeGreaterThanOrEqual(1);
      const [first] = res.body.items;
      expect(first).toMatchObject({ docNumber: '龙建〔2014〕33号', status: 'published' });
      expect(first.title).not.toContain('轮候');
      expect(first.snippet).toMatch(/<mark>轮候/u);
      // The snippet is a passage of the text itself, not its segmented copy.
      const { body } = (await t.http.get(`/api/disclosure/documents/${first.id}`).expect(200)).body;
      expect(body).toContain(first.snippet.replace(/<\/?mark>/gu, ''));
      expect(first.rank).toBeGreaterThan(0);
    });

    it('ranks a document about the words above one that mentions them in passing', async () => {
      const res = await t.http.get('/api/disclosure/documents').query({ q: '保障性住房', pageSize: 50 }).expect(200);
      const numbers = res.body.items.map((d: { docNumber: string }) => d.docNumber);
      expect(numbers[0]).toBe('龙建〔2014〕33号');
      expect(numbers).toContain('龙政办〔2013〕58号');
      expect(numbers.indexOf('龙建〔2014〕33号')).toBeLessThan(numbers.indexOf('龙政办〔2013〕58号'));
      const ranks = res.body.items.map((d: { rank: number }) => d.rank);
      expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
      // Not a LIKE scan: the body words of the founding document find it too.
      const guide = await t.http.get('/api/disclosure/documents').query({ q: '电子监察' }).expect(200);
      expect(guide.body.items.map((d: { docNumber: string }) => d.docNumber)).toContain('温政办〔2013〕106号');
    });

    it('finds the founding document by its number and filters by area, issuer, year and status', async () => {
      const byNumber = await t.http.get('/api/disclosure/documents').query({ q: '温政办〔2013〕106号' }).expect(200);
      expect(byNumber.body.items[0]).toMatchObject({ docNumber: '温政办〔2013〕106号', issuer: { code: '33030000ZF', name: '温州市人民政府办公室' } });

      const housing = await t.http.get('/api/disclosure/documents').query({ area: 'housing', status: 'published' }).expect(200);
      expect(housing.body.total).toBeGreaterThanOrEqual(2);
      expect(housing.body.items.every((d: { keyArea: { slug: string } }) => d.keyArea.slug === 'housing')).toBe(true);
      const dates = housing.body.items.map((d: { publishedAt: string }) => d.publishedAt);
      expect([...dates].sort().reverse()).toEqual(dates);

      const city = await t.http.get('/api/disclosure/documents').query({ issuer: '33030000ZF', year: 2013 }).expect(200);
      expect(city.body.items.map((d: { docNumber: string }) => d.docNumber)).toEqual(['温政办〔2013〕106号']);

      const repealed = await t.http.get('/api/disclosure/documents').query({ status: 'repealed' }).expect(200);
      expect(repealed.body.items[0]).toMatchObject({ docNumber: '龙政办〔2013〕20号', repealed: { reason: expect.stringContaining('废止') } });
    });

    it('escapes markup of the text in snippets and refuses a query with nothing searchable', async () => {
      await published('aj_admin', { body: '危险品仓库<script>alert(1)</script>防爆检查记录' });
      const res = await t.http.get('/api/disclosure/documents').query({ q: '防爆检查' }).expect(200);
      expect(res.body.items[0].snippet).toContain('&lt;script&gt;');
      expect(res.body.items[0].snippet).not.toContain('<script>');
      const empty = await t.http.get('/api/disclosure/documents').query({ q: '〔〕！' }).expect(400);
      expect(empty.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'q', rule: 'searchable' }] });
    });
  });

  describe('documents and their status', () => {
    it('normalises a document number, refuses a malformed or taken one', async () => {
      const doc = await draft('aj_admin', { docNumber: '龙安监［2026］7号' });
      expect(doc.docNumber).toBe('龙安监〔2026〕7号');
      const bad = await t.http
        .post('/api/disclosure/documents')
        .set(await auth('aj_admin'))
        .send({ docNumber: '龙安监2026年7号', title: 'x', issuerCode: '33030300AJ', category: '部门文件', body: '正文' })
        .expect(400);
      expect(bad.body).toMatchObject({ code: 'DISCLOSURE_DOC_NUMBER_INVALID', details: [{ field: 'docNumber', rule: 'format' }] });
      const taken = await t.http
        .post('/api/disclosure/documents')
        .set(await auth('aj_admin'))
        .send({ docNumber: '龙安监(2026)7号', title: 'y', issuerCode: '33030300AJ', category: '部门文件', body: '正文' })
        .expect(409);
      expect(taken.body.code).toBe('DISCLOSURE_DOC_NUMBER_TAKEN');
      const badArea = await t.http
        .post('/api/disclosure/documents')
        .set(await auth('aj_admin'))
        .send({ title: 'z', issuerCode: '33030300AJ', category: '部门文件', keyArea: '体育', body: '正文' })
        .expect(400);
      expect(badArea.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'keyArea', rule: 'isIn' }] });
    });

    it('keeps drafts out of public view, and publishes a numbered draft', async () => {
      const doc = await draft('aj_admin', { body: '草稿专用词汇鹦鹉螺号' });
      expect((await t.http.get(`/api/disclosure/documents/${doc.id}`).expect(404)).body.code).toBe('DISCLOSURE_DOCUMENT_NOT_FOUND');
      expect((await t.http.get('/api/disclosure/documents').query({ q: '鹦鹉螺' }).expect(200)).body.total).toBe(0);
      const drafts = await t.http
        .get('/api/disclosure/drafts')
        .set(await auth('aj_admin'))
        .expect(200);
      expect(drafts.body.items.map((d: { id: string }) => d.id)).toContain(doc.id);
      expect(
        (
          await t.http
            .get('/api/disclosure/drafts')
            .set(await auth('gs_admin'))
            .expect(200)
        ).body.items.map((d: { id: string }) => d.id),
      ).not.toContain(doc.id);

      const unnumbered = await draft('aj_admin', { docNumber: undefined });
      const refused = await t.http
        .post(`/api/disclosure/documents/${unnumbered.id}/publish`)
        .set(await auth('aj_admin'))
        .expect(409);
      expect(refused.body.code).toBe('DISCLOSURE_DOC_NUMBER_REQUIRED');

      const res = await t.http
        .post(`/api/disclosure/documents/${doc.id}/publish`)
        .set(await auth('aj_admin'))
        .expect(200);
      expect(res.body).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
      expect((await t.http.get('/api/disclosure/documents').query({ q: '鹦鹉螺' }).expect(200)).body.items[0].id).toBe(doc.id);
    });

    it('never rewrites a published text; a repealed document stays readable and marked', async () => {
      const doc = await published('aj_admin', { body: '原始正文不得修改' });
      const edit = await t.http
        .put(`/api/disclosure/documents/${doc.id}`)
        .set(await auth('aj_admin'))
        .send({ title: '改过的标题', issuerCode: '33030300AJ', category: '部门文件', body: '偷偷改过的正文' })
        .expect(409);
      expect(edit.body.code).toBe('DISCLOSURE_DOCUMENT_NOT_DRAFT');
      const attach = await t.http
        .post(`/api/disclosure/documents/${doc.id}/attachments`)
        .set(await auth('aj_admin'))
        .attach('file', PDF, 'a.pdf')
        .expect(409);
      expect(attach.body.code).toBe('DISCLOSURE_DOCUMENT_NOT_DRAFT');
      expect(
        (
          await t.http
            .post(`/api/disclosure/documents/${doc.id}/publish`)
            .set(await auth('aj_admin'))
            .expect(409)
        ).body.code,
      ).toBe('DISCLOSURE_DOCUMENT_NOT_DRAFT');
      expect((await t.http.get(`/api/disclosure/documents/${doc.id}`).expect(200)).body).toMatchObject({
        body: '原始正文不得修改',
        title: expect.stringMatching(/^测试文件/),
      });

      const repealed = await t.http
        .post(`/api/disclosure/documents/${doc.id}/repeal`)
        .set(await auth('zf_disclosure'))
        .send({ reason: '已被新文件替代' })
        .expect(200);
      expect(repealed.body).toMatchObject({ status: 'repealed', repealed: { at: expect.any(String), reason: '已被新文件替代' } });
      expect((await t.http.get(`/api/disclosure/documents/${doc.id}`).expect(200)).body).toMatchObject({ status: 'repealed', body: '原始正文不得修改' });
      expect(
        (
          await t.http
            .post(`/api/disclosure/documents/${doc.id}/repeal`)
            .set(await auth('aj_admin'))
            .send({ reason: '再废止' })
            .expect(409)
        ).body.code,
      ).toBe('DISCLOSURE_DOCUMENT_NOT_PUBLISHED');
    });

    it('edits a draft and its search words; attachments are stored once and downloadable after publishing', async () => {
      const doc = await draft('aj_admin');
      await t.http
        .put(`/api/disclosure/documents/${doc.id}`)
        .set(await auth('aj_admin'))
        .send({
          docNumber: doc.docNumber,
          title: '关于液氨储罐检查的通知',
          issuerCode: '33030300AJ',
          category: '部门文件',
          body: '请各企业开展液氨储罐专项检查。',
        })
        .expect(200);
      const upload = await t.http
        .post(`/api/disclosure/documents/${doc.id}/attachments`)
        .set(await auth('aj_admin'))
        .attach('file', PDF, { filename: '检查表.pdf', contentType: 'application/pdf' })
        .expect(201);
      expect(upload.body).toMatchObject({ contentType: 'application/pdf', fileName: '检查表.pdf', size: PDF.length });
      const text = await t.http
        .post(`/api/disclosure/documents/${doc.id}/attachments`)
        .set(await auth('aj_admin'))
        .attach('file', Buffer.from('plain text'), 'a.txt')
        .expect(415);
      expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      await t.http
        .post(`/api/disclosure/documents/${doc.id}/publish`)
        .set(await auth('aj_admin'))
        .expect(200);
      const read = await t.http.get(`/api/disclosure/documents/${doc.id}`).expect(200);
      expect(read.body.attachments).toHaveLength(1);
      const file = await t.http
        .get(read.body.attachments[0].url)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);
      expect((await t.http.get('/api/disclosure/documents').query({ q: '液氨储罐' }).expect(200)).body.items[0].id).toBe(doc.id);
    });
  });

  describe('who may write', () => {
    it('needs a token for every write', async () => {
      const res = await t.http.post('/api/disclosure/documents').send({ title: 'x', issuerCode: '33030300AJ', category: '部门文件', body: '正文' }).expect(401);
      expect(res.body.code).toBe('AUTH_REQUIRED');
      const doc = await draft('aj_admin');
      expect((await t.http.post(`/api/disclosure/documents/${doc.id}/publish`).expect(401)).body.code).toBe('AUTH_REQUIRED');
    });

    it('refuses applicants and handlers, and a department writing or publishing for another', async () => {
      const doc = await draft('aj_admin');
      for (const username of ['zhangsan', 'aj_handler']) {
        const res = await t.http
          .post(`/api/disclosure/documents/${doc.id}/publish`)
          .set(await auth(username))
          .expect(403);
        expect(res.body.code).toBe('FORBIDDEN_ROLE');
      }
      const other = await t.http
        .post(`/api/disclosure/documents/${doc.id}/publish`)
        .set(await auth('gs_admin'))
        .expect(403);
      expect(other.body.code).toBe('FORBIDDEN_ORG_SCOPE');
      const forOther = await t.http
        .post('/api/disclosure/documents')
        .set(await auth('gs_admin'))
        .send({ title: 'x', issuerCode: '33030300AJ', category: '部门文件', body: '正文' })
        .expect(403);
      expect(forOther.body.code).toBe('FORBIDDEN_ORG_SCOPE');
      const moved = await t.http
        .put(`/api/disclosure/documents/${doc.id}`)
        .set(await auth('aj_admin'))
        .send({ title: 'x', issuerCode: '33030300GS', category: '部门文件', body: '正文' })
        .expect(403);
      expect(moved.body.code).toBe('FORBIDDEN_ORG_SCOPE');
      // The county's disclosure office publishes for its departments, not for the city's.
      const city = await t.http
        .post('/api/disclosure/documents')
        .set(await auth('zf_disclosure'))
        .send({ title: 'x', issuerCode: '33030000ZF', category: '政府文件', body: '正文' })
        .expect(403);
      expect(city.body.code).toBe('FORBIDDEN_ORG_SCOPE');
      await t.http
        .post(`/api/disclosure/documents/${doc.id}/publish`)
        .set(await auth('zf_disclosure'))
        .expect(200);
      const moderation = await t.http
        .get('/api/disclosure/moderation')
        .set(await auth('aj_admin'))
        .expect(403);
      expect(moderation.body.code).toBe('FORBIDDEN_ROLE');
    });
  });

  describe('public comment on a draft (征求意见)', () => {
    const comment = (id: string, content: string) =>
      t.http.post(`/api/disclosure/documents/${id}/comments`).send({ authorName: '永中街道居民', contact: '13800000000', content });

    it('keeps a draft out of public view until its comment period opens', async () => {
      const doc = await draft('zf_disclosure', {
        issuerCode: '33030300ZF',
        keyArea: 'housing',
        category: '规范性文件',
        title: '龙湾区老旧小区加装电梯补助办法（征求意见稿·未开始）',
      });
      const now = Date.now();
      await t.http
        .put(`/api/disclosure/documents/${doc.id}/comment-period`)
        .set(await auth('zf_disclosure'))
        .send({ opensAt: new Date(now + DAY).toISOString(), closesAt: new Date(now + 31 * DAY).toISOString() })
        .expect(200);

      // Every public way to the text: the document, its comments, a comment, the list, the search.
      expect((await t.http.get(`/api/disclosure/documents/${doc.id}`).expect(404)).body.code).toBe('DISCLOSURE_DOCUMENT_NOT_FOUND');
      expect((await t.http.get(`/api/disclosure/documents/${doc.id}/comments`).expect(404)).body.code).toBe('DISCLOSURE_DOCUMENT_NOT_FOUND');
      expect((await comment(doc.id, '抢先提意见').expect(404)).body.code).toBe('DISCLOSURE_DOCUMENT_NOT_FOUND');
      const listed = await t.http.get('/api/disclosure/documents').query({ pageSize: 100 }).expect(200);
      expect(listed.body.items.map((d: { id: string }) => d.id)).not.toContain(doc.id);
      const searched = await t.http.get('/api/disclosure/documents').query({ q: '加装电梯补助办法', pageSize: 100 }).expect(200);
      expect(searched.body.items.map((d: { id: string }) => d.id)).not.toContain(doc.id);
      const drafts = await t.http.get('/api/disclosure/documents').query({ status: 'draft', pageSize: 100 }).expect(200);
      expect(drafts.body.items.map((d: { id: string }) => d.id)).not.toContain(doc.id);

      // The office still works on it, and sees when it opens.
      expect(
        (
          await t.http
            .get(`/api/disclosure/drafts/${doc.id}`)
            .set(await auth('zf_disclosure'))
            .expect(200)
        ).body,
      ).toMatchObject({ commentPeriod: { state: 'not_open' } });

      // Once the period has opened, the public reads it.
      await t.http
        .put(`/api/disclosure/documents/${doc.id}/comment-period`)
        .set(await auth('zf_disclosure'))
        .send({ opensAt: new Date(now - 1000).toISOString(), closesAt: new Date(now + 30 * DAY).toISOString() })
        .expect(200);
      expect((await t.http.get(`/api/disclosure/documents/${doc.id}`).expect(200)).body).toMatchObject({
        consultationDraft: true,
        commentPeriod: { state: 'open' },
      });
      const open = await t.http.get('/api/disclosure/documents').query({ status: 'draft', pageSize: 100 }).expect(200);
      expect(open.body.items.map((d: { id: string }) => d.id)).toContain(doc.id);
    });

    it('takes comments inside the period only, shows them once moderated, publishes after the adoption summary', async () => {
      const dataSource = t.app.get(DataSource);
      const doc = await draft('zf_disclosure', { issuerCode: '33030300ZF', keyArea: 'housing', category: '规范性文件' });
      expect((await comment(doc.id, '太早了').expect(404)).body.code).toBe('DISCLOSURE_DOCUMENT_NOT_FOUND');

      const now = Date.now();
      await t.http
        .put(`/api/disclosure/documents/${doc.id}/comment-period`)
        .set(await auth('zf_disclosure'))
        .send({ opensAt: new Date(now + DAY).toISOString(), closesAt: new Date(now + 31 * DAY).toISOString() })
        .expect(200);
      expect((await comment(doc.id, '还没开始').expect(404)).body.code).toBe('DISCLOSURE_DOCUMENT_NOT_FOUND');
      const invalid = await t.http
        .put(`/api/disclosure/documents/${doc.id}/comment-period`)
        .set(await auth('zf_disclosure'))
        .send({ opensAt: new Date(now).toISOString(), closesAt: new Date(now - DAY).toISOString() })
        .expect(400);
      expect(invalid.body.code).toBe('DISCLOSURE_COMMENT_PERIOD_INVALID');

      await t.http
        .put(`/api/disclosure/documents/${doc.id}/comment-period`)
        .set(await auth('zf_disclosure'))
        .send({ opensAt: new Date(now - 1000).toISOString(), closesAt: new Date(now + 30 * DAY).toISOString() })
        .expect(200);
      const first = await comment(doc.id, '建议明确复核时限。').expect(201);
      expect(first.body.status).toBe('pending');
      const second = await comment(doc.id, '广告内容').expect(201);
      const third = await comment(doc.id, '建议增加电梯补助。').expect(201);
      const locked = await t.http
        .put(`/api/disclosure/documents/${doc.id}/comment-period`)
        .set(await auth('zf_disclosure'))
        .send({ opensAt: new Date(now).toISOString(), closesAt: new Date(now + 10 * DAY).toISOString() })
        .expect(409);
      expect(locked.body.code).toBe('DISCLOSURE_COMMENT_PERIOD_LOCKED');

      expect((await t.http.get(`/api/disclosure/documents/${doc.id}/comments`).expect(200)).body.comments).toEqual([]);
      const queue = await t.http
        .get('/api/disclosure/moderation')
        .set(await auth('zf_disclosure'))
        .expect(200);
      expect(queue.body.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([first.body.id, second.body.id]));
      await t.http
        .post(`/api/disclosure/comments/${first.body.id}/moderation`)
        .set(await auth('zf_disclosure'))
        .send({ decision: 'approved' })
        .expect(200);
      await t.http
        .post(`/api/disclosure/comments/${second.body.id}/moderation`)
        .set(await auth('zf_disclosure'))
        .send({ decision: 'rejected', note: '与文件无关' })
        .expect(200);
      const again = await t.http
        .post(`/api/disclosure/comments/${first.body.id}/moderation`)
        .set(await auth('zf_disclosure'))
        .send({ decision: 'rejected' })
        .expect(409);
      expect(again.body.code).toBe('DISCLOSURE_COMMENT_ALREADY_MODERATED');
      const shown = await t.http.get(`/api/disclosure/documents/${doc.id}/comments`).expect(200);
      expect(shown.body.comments).toEqual([
        { id: first.body.id, authorName: '永中街道居民', content: '建议明确复核时限。', submittedAt: expect.any(String), adoption: null },
      ]);
      expect(JSON.stringify(shown.body)).not.toContain('13800000000');

      expect(
        (
          await t.http
            .post(`/api/disclosure/documents/${doc.id}/publish`)
            .set(await auth('zf_disclosure'))
            .expect(409)
        ).body.code,
      ).toBe('DISCLOSURE_COMMENT_STILL_OPEN');
      const early = await t.http
        .post(`/api/disclosure/documents/${doc.id}/comment-summary`)
        .set(await auth('zf_disclosure'))
        .send({ summary: '早', decisions: [] })
        .expect(409);
      expect(early.body.code).toBe('DISCLOSURE_COMMENT_STILL_OPEN');

      // The period ends (moved into the past rather than waiting 30 days).
      await dataSource.query(
        `UPDATE policy_documents SET comment_opens_at = now() - interval '31 days', comment_closes_at = now() - interval '1 second' WHERE id = $1`,
        [doc.id],
      );
      expect((await comment(doc.id, '太晚了').expect(409)).body.code).toBe('DISCLOSURE_COMMENT_CLOSED');
      expect(
        (
          await t.http
            .post(`/api/disclosure/documents/${doc.id}/publish`)
            .set(await auth('zf_disclosure'))
            .expect(409)
        ).body.code,
      ).toBe('DISCLOSURE_COMMENT_SUMMARY_MISSING');

      const pending = await t.http
        .post(`/api/disclosure/documents/${doc.id}/comment-summary`)
        .set(await auth('zf_disclosure'))
        .send({ summary: '共收到意见 3 条', decisions: [{ commentId: first.body.id, adopted: true, reason: '已在第三条中明确' }] })
        .expect(422);
      expect(pending.body).toMatchObject({ code: 'DISCLOSURE_COMMENT_SUMMARY_INVALID', details: [{ rule: 'pending', commentId: third.body.id }] });
      await t.http
        .post(`/api/disclosure/comments/${third.body.id}/moderation`)
        .set(await auth('zf_disclosure'))
        .send({ decision: 'approved' })
        .expect(200);
      const missing = await t.http
        .post(`/api/disclosure/documents/${doc.id}/comment-summary`)
        .set(await auth('zf_disclosure'))
        .send({
          summary: '共收到意见 3 条',
          decisions: [
            { commentId: first.body.id, adopted: true, reason: '已在第三条中明确' },
            { commentId: second.body.id, adopted: false, reason: '无关' },
          ],
        })
        .expect(422);
      expect(missing.body.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ rule: 'unknown', commentId: second.body.id }),
          expect.objectContaining({ rule: 'missing', commentId: third.body.id }),
        ]),
      );

      const summary = await t.http
        .post(`/api/disclosure/documents/${doc.id}/comment-summary`)
        .set(await auth('zf_disclosure'))
        .send({
          summary: '共收到意见 3 条，公开 2 条，采纳 1 条。',
          decisions: [
            { commentId: first.body.id, adopted: true, reason: '已在第三条中明确' },
            { commentId: third.body.id, adopted: false, reason: '补助标准另行制定' },
          ],
        })
        .expect(200);
      expect(summary.body.summary.text).toBe('共收到意见 3 条，公开 2 条，采纳 1 条。');
      expect(summary.body.comments.map((c: { adoption: unknown }) => c.adoption)).toEqual([
        { adopted: true, reason: '已在第三条中明确' },
        { adopted: false, reason: '补助标准另行制定' },
      ]);
      expect(
        (
          await t.http
            .post(`/api/disclosure/documents/${doc.id}/comment-summary`)
            .set(await auth('zf_disclosure'))
            .send({ summary: '再来', decisions: [] })
            .expect(409)
        ).body.code,
      ).toBe('DISCLOSURE_COMMENT_SUMMARY_EXISTS');

      await t.http
        .put(`/api/disclosure/documents/${doc.id}`)
        .set(await auth('zf_disclosure'))
        .send({
          docNumber: doc.docNumber,
          title: '龙湾区老旧小区加装电梯办法',
          issuerCode: '33030300ZF',
          category: '规范性文件',
          keyArea: 'housing',
          body: '根据征求意见修改后的正文。',
        })
        .expect(200);
      await t.http
        .post(`/api/disclosure/documents/${doc.id}/publish`)
        .set(await auth('zf_disclosure'))
        .expect(200);
      expect((await comment(doc.id, '发布后').expect(409)).body.code).toBe('DISCLOSURE_COMMENT_CLOSED');
    });

    it('rate-limits comments and feedback from one caller with 429 RATE_LIMITED', async () => {
      const doc = await published('aj_admin');
      for (let i = 0; i < 10; i++) {
        await t.http
          .post(`/api/disclosure/documents/${doc.id}/feedback`)
          .send({ content: `反馈${i}` })
          .expect(201);
      }
      const refused = await t.http.post(`/api/disclosure/documents/${doc.id}/feedback`).send({ content: '第十一条' }).expect(429);
      expect(refused.body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      // Reading is not limited.
      for (let i = 0; i < 8; i++) await t.http.get(`/api/disclosure/documents/${doc.id}/comments`).expect(200);
      const feedback = await t.http
        .post(`/api/disclosure/documents/${(await published('aj_admin')).id}/feedback`)
        .send({ content: '另一份文件' })
        .expect(201);
      await t.http
        .post(`/api/disclosure/comments/${feedback.body.id}/moderation`)
        .set(await auth('zf_disclosure'))
        .send({ decision: 'approved' })
        .expect(200);
      const draftDoc = await draft('aj_admin');
      // Feedback is for published documents; a draft is not even visible.
      expect((await t.http.post(`/api/disclosure/documents/${draftDoc.id}/feedback`).send({ content: 'x' }).expect(404)).body.code).toBe(
        'DISCLOSURE_DOCUMENT_NOT_FOUND',
      );
    });
  });

  describe('interpretations (政策解读)', () => {
    it('goes out with its document or after it, never before', async () => {
      const doc = await draft('aj_admin');
      const withDoc = await t.http
        .post(`/api/disclosure/documents/${doc.id}/interpretations`)
        .set(await auth('aj_admin'))
        .send({ title: '解读一', body: '随文件发布' })
        .expect(201);
      const later = await t.http
        .post(`/api/disclosure/documents/${doc.id}/interpretations`)
        .set(await auth('aj_admin'))
        .send({ title: '解读二', body: '稍后发布', withDocument: false })
        .expect(201);
      expect([withDoc.body.status, later.body.status]).toEqual(['draft', 'draft']);
      const forWriter = await t.http
        .get(`/api/disclosure/drafts/${doc.id}`)
        .set(await auth('aj_admin'))
        .expect(200);
      expect(forWriter.body.interpretations.map((i: { status: string }) => i.status)).toEqual(['draft', 'draft']);
      expect(
        (
          await t.http
            .get(`/api/disclosure/drafts/${doc.id}`)
            .set(await auth('gs_admin'))
            .expect(403)
        ).body.code,
      ).toBe('FORBIDDEN_ORG_SCOPE');
      const early = await t.http
        .post(`/api/disclosure/interpretations/${later.body.id}/publish`)
        .set(await auth('aj_admin'))
        .expect(409);
      expect(early.body.code).toBe('DISCLOSURE_INTERPRETATION_BEFORE_DOCUMENT');

      const published = await t.http
        .post(`/api/disclosure/documents/${doc.id}/publish`)
        .set(await auth('aj_admin'))
        .expect(200);
      expect(published.body.interpretations).toEqual([
        expect.objectContaining({ id: withDoc.body.id, status: 'published', publishedAt: published.body.publishedAt }),
      ]);
      const other = await t.http
        .post(`/api/disclosure/interpretations/${later.body.id}/publish`)
        .set(await auth('gs_admin'))
        .expect(403);
      expect(other.body.code).toBe('FORBIDDEN_ORG_SCOPE');
      await t.http
        .post(`/api/disclosure/interpretations/${later.body.id}/publish`)
        .set(await auth('aj_admin'))
        .expect(200);
      expect(
        (
          await t.http
            .post(`/api/disclosure/interpretations/${later.body.id}/publish`)
            .set(await auth('aj_admin'))
            .expect(409)
        ).body.code,
      ).toBe('DISCLOSURE_INTERPRETATION_ALREADY_PUBLISHED');
      const read = await t.http.get(`/api/disclosure/documents/${doc.id}`).expect(200);
      expect(read.body.interpretations.map((i: { title: string }) => i.title)).toEqual(['解读一', '解读二']);
      for (const i of read.body.interpretations) expect(Date.parse(i.publishedAt)).toBeGreaterThanOrEqual(Date.parse(read.body.publishedAt));
      const now = await t.http
        .post(`/api/disclosure/documents/${doc.id}/interpretations`)
        .set(await auth('aj_admin'))
        .send({ title: '解读三', body: '文件已发布，立即发布' })
        .expect(201);
      expect(now.body.status).toBe('published');
    });
  });

  it('describes its answers in the OpenAPI document', async () => {
    const doc = await t.http.get('/api/docs-json').expect(200);
    const list = doc.body.paths['/api/disclosure/documents'].get.responses['200'].content['application/json'].schema;
    expect(list.$ref).toBe('#/components/schemas/DocumentPageView');
    expect(Object.keys(doc.body.components.schemas.DocumentHitView.properties)).toEqual(expect.arrayContaining(['docNumber', 'snippet', 'rank', 'repealed']));
    expect(doc.body.paths['/api/disclosure/areas/{area}/feed.atom'].get).toBeDefined();
  });

  describe('key-area columns (专题公开栏目)', () => {
    it('lists the twelve key areas and refuses an unknown one', async () => {
      const res = await t.http.get('/api/disclosure/areas').expect(200);
      expect(res.body.map((a: { name: string }) => a.name)).toEqual([
        '财政预决算',
        '财政专项资金',
        '工程建设项目',
        '保障性住房',
        '环境保护',
        '征地拆迁',
        '食品安全',
        '生产安全',
        '招投标',
        '教育招生',
        '医疗服务',
        '价格和收费',
      ]);
      expect(res.body.find((a: { slug: string }) => a.slug === 'housing').documents).toBeGreaterThanOrEqual(2);
      expect((await t.http.get('/api/disclosure/areas/sports').expect(404)).body.code).toBe('DISCLOSURE_KEY_AREA_NOT_FOUND');
      expect((await t.http.get(`/api/disclosure/areas/${encodeURIComponent('保障性住房')}`).expect(200)).body.area.slug).toBe('housing');
    });

    it('merges documents and approval results across departments, newest first, paginated, with an Atom feed', async () => {
      // A finished, approved case of the work-safety bureau's permit item: a disclosable result.
      const applicantName = `温州龙湾化工贸易有限公司${Date.now()}`;
      const filed = await t.fileCase('zx_clerk', { name: applicantName });
      await t.actOnTask('zx_clerk', filed.id, { action: 'accept' });
      await t.actOnTask('aj_handler', filed.id, { action: 'opinion', opinion: '符合条件' });
      await t.actOnTask('aj_handler', filed.id, { action: 'decide', decision: 'approved', opinion: '准予许可' });
      await t.actOnTask('zx_clerk', filed.id, { action: 'deliver' });
      // A refused application is not a disclosable result.
      const denied = await t.fileCase('zx_clerk', { name: '不予许可的申请人' });
      await t.actOnTask('zx_clerk', denied.id, { action: 'accept' });
      await t.actOnTask('aj_handler', denied.id, { action: 'opinion', opinion: '不符合条件' });
      await t.actOnTask('aj_handler', denied.id, { action: 'decide', decision: 'denied', opinion: '不予许可' });
      await t.actOnTask('zx_clerk', denied.id, { action: 'deliver' });
      const latestDoc = await published('aj_admin', { title: '关于开展危化品企业安全大检查的通知' });

      const page1 = await t.http.get('/api/disclosure/areas/work-safety').query({ pageSize: 2 }).expect(200);
      expect(page1.body).toMatchObject({ area: { slug: 'work-safety', name: '生产安全' }, page: 1, pageSize: 2 });
      expect(page1.body.items).toHaveLength(2);
      expect(page1.body.items[0]).toMatchObject({ kind: 'document', id: latestDoc.id });
      expect(page1.body.items[1]).toMatchObject({
        kind: 'result',
        id: filed.id,
        title: '危险化学品经营许可证核发',
        reference: filed.caseNumber,
        org: '龙湾区安全生产监督管理局',
      });
      // A person's name is masked in a public result.
      expect(page1.body.items[1].applicant).toMatch(/^温\*+$/u);
      const all = await t.http.get('/api/disclosure/areas/work-safety').query({ pageSize: 100 }).expect(200);
      expect(all.body.total).toBe(all.body.items.length);
      const kinds = new Set(all.body.items.map((e: { kind: string }) => e.kind));
      expect(kinds).toEqual(new Set(['document', 'result']));
      const times = all.body.items.map((e: { at: string }) => e.at);
      expect([...times].sort().reverse()).toEqual(times);
      const page2 = await t.http.get('/api/disclosure/areas/work-safety').query({ pageSize: 2, page: 2 }).expect(200);
      expect(page2.body.items[0].id).toBe(all.body.items[2].id);
      expect(all.body.items.map((e: { id: string }) => e.id)).not.toContain(denied.id);
      // Documents of other areas stay out.
      expect(all.body.items.map((e: { reference: string }) => e.reference)).not.toContain('龙建〔2014〕33号');

      const feed = await t.http.get('/api/disclosure/areas/work-safety/feed.atom').expect(200);
      expect(feed.headers['content-type']).toMatch(/^application\/atom\+xml/);
      const xml = feed.text;
      expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
      expect(xml).toContain('<title>重点领域信息公开 · 生产安全</title>');
      expect(xml).toContain('关于开展危化品企业安全大检查的通知');
      expect(xml).toContain(`【结果公开】危险化学品经营许可证核发`);
      expect(xml.indexOf('关于开展危化品企业安全大检查的通知')).toBeLessThan(xml.indexOf('【结果公开】'));
      expect(xml).not.toContain(applicantName);
      expect((xml.match(/<entry>/g) ?? []).length).toBe(Math.min(all.body.total, 50));
    });

    it('builds the feed links from PUBLIC_BASE_URL, whatever Host the caller sends', async () => {
      await published('aj_admin', { title: '关于危化品仓储安全的通知' });
      const feed = await t.http
        .get('/api/disclosure/areas/work-safety/feed.atom')
        .set('host', 'evil.example')
        .set('x-forwarded-host', 'evil.example')
        .set('x-forwarded-proto', 'gopher')
        .expect(200);
      expect(feed.text).not.toContain('evil.example');
      expect(feed.text).not.toContain('gopher:');
      const links = [...feed.text.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
      expect(links.length).toBeGreaterThan(1);
      for (const link of links) expect(link.startsWith(`${t.env.PUBLIC_BASE_URL}/api/`)).toBe(true);
    });
  });
});
