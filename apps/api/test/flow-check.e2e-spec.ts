import { exampleDefinition } from '#factories/flows';
import { startTestApp, type TestApp } from '../../../test/test-app';

const ITEM = '33030300AJ-XK-0001';

/** POST /api/items/:code/flow/check: the flow editor's live check, which stores nothing. */
describe('checking a flow draft without publishing it', () => {
  let t: TestApp;
  const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenFor(username)}` });

  beforeAll(async () => {
    t = await startTestApp({ worker: false });
  });
  afterAll(() => t.close());

  it('answers every problem by node for a bad draft and the drawn flowchart for a good one, publishing nothing', async () => {
    const before = (await t.http.get(`/api/items/${ITEM}/flow`).expect(200)).body;
    const bad = exampleDefinition('county-permit') as { nodes: Record<string, unknown>[] };
    bad.nodes.find((n) => n.id === 'review')!.actor = { kind: 'org', level: 'county', department: 'XX', post: '审核岗' };
    const refused = await t.http
      .post(`/api/items/${ITEM}/flow/check`)
      .set(await auth('aj_admin'))
      .send(bad)
      .expect(200);
    expect(refused.body).toMatchObject({ ok: false, svg: null, hash: null });
    expect(refused.body.problems).toEqual(expect.arrayContaining([expect.objectContaining({ nodeId: 'review', rule: 'department-unknown' })]));

    const good = { ...exampleDefinition('county-permit'), name: `草稿 ${Date.now()}` };
    const drawn = await t.http
      .post(`/api/items/${ITEM}/flow/check`)
      .set(await auth('aj_admin'))
      .send(good)
      .expect(200);
    expect(drawn.body).toMatchObject({ ok: true, problems: [], hash: expect.stringMatching(/^sha256:/) });
    expect(drawn.body.svg).toContain('data-node-id="review"');
    expect((await t.http.get(`/api/items/${ITEM}/flow`).expect(200)).body).toMatchObject({ version: before.version, hash: before.hash });
  });

  it('answers a body that is no flow with its shape problem, not an error', async () => {
    const res = await t.http
      .post(`/api/items/${ITEM}/flow/check`)
      .set(await auth('aj_admin'))
      .send([1, 2])
      .expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.problems[0].rule).toBe('shape');
  });

  it("lets only the item's own department check it", async () => {
    const draft = exampleDefinition('county-permit');
    expect((await t.http.post(`/api/items/${ITEM}/flow/check`).send(draft).expect(401)).body.code).toBe('AUTH_REQUIRED');
    expect(
      (
        await t.http
          .post(`/api/items/${ITEM}/flow/check`)
          .set(await auth('gs_admin'))
          .send(draft)
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ORG_SCOPE');
    expect(
      (
        await t.http
          .post(`/api/items/${ITEM}/flow/check`)
          .set(await auth('aj_handler'))
          .send(draft)
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ROLE');
    expect(
      (
        await t.http
          .post('/api/items/33030300AJ-XK-9999/flow/check')
          .set(await auth('aj_admin'))
          .send(draft)
          .expect(404)
      ).body.code,
    ).toBe('ITEM_NOT_FOUND');
  });
});
