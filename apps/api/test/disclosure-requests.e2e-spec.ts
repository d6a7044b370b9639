// Disclosure on application (依申请公开) through the HTTP API, on the real workflow, PostgreSQL and Temporal.
import { chinaDateOf } from '#domain';
import { CasesRepository, createDataSource, DisclosureRequestsRepository, hashPassword, OrgsRepository, UsersRepository } from '#persistence';
import { disclosureRequestWorkflowId } from '#temporal';
import { Client } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { binaryBody, checkHistory, eventually, startTestApp, type TestApp } from '../../../test/test-app';

const PERSON_ID = '330303199003071238';

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
const COMPANY_ID = '91440300708461136T';

describe('disclosure on application (依申请公开)', () => {
  let t: TestApp;
  let client: Client;
  const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenFor(username)}` });
  const today = () => chinaDateOf(Date.now());

  beforeAll(async () => {
    t = await startTestApp();
    client = t.app.get(Client);
    // A second applicant, and a disclosure officer of another district (鹿城区).
    const dataSource = await createDataSource({ DATABASE_URL: process.env.DATABASE_URL!, DATABASE_POOL_SIZE: 1 }).initialize();
    const orgs = new OrgsRepository(dataSource);
    const users = new UsersRepository(dataSource);
    const passwordHash = await hashPassword('Demo@2026');
    await users.upsert({
      username: 'lisi_disclosure_test',
      displayName: '李四',
      role: 'applicant',
      orgId: (await orgs.findByCode('330303'))!.id,
      posts: [],
      passwordHash,
    });
    await users.upsert({
      username: 'lc_disclosure_test',
      displayName: '鹿城区公开科',
      role: 'disclosure_officer',
      orgId: (await orgs.findByCode('330302'))!.id,
      posts: [],
      passwordHash,
    });
    await dataSource.destroy();
  });
  afterAll(() => t.close());

  /** The due date the calendar gives (null while the calendar lacks the year). */
  async function deadline(from: string, days: number): Promise<string | null> {
    const res = await t.http.get('/api/calendar/deadline').query({ from, days });
    return res.status === 200 ? (res.body.deadline as string) : null;
  }

  async function counter(overrides: Record<string, unknown> = {}) {
    const res = await t.http
      .post('/api/disclosure-requests')
      .set(await auth('zf_disclosure'))
      .send({
        requestId: randomUUID(),
        agencyOrgCode: '33030300ZF',
        applicant: { kind: 'person', name: '张三', idNumber: PERSON_ID, username: 'zhangsan', phone: '13800000000' },
        description: '2025年龙湾区财政专项资金分配明细',
        delivery: 'email',
        channel: 'in_person',
        ...overrides,
      });
    expect([res.status, res.body.code]).toEqual([201, undefined]);
    return res.body as { id: string; number: string; status: string; receivedOn: string; dueOn: string | null };
  }

  async function act(username: string, id: string, body: object, status = 200) {
    const res = await t.http
      .post(`/api/disclosure-requests/${id}/actions`)
      .set(await auth(username))
      .send(body);
    expect([res.status, res.status === status ? 'as expected' : res.body]).toEqual([status, 'as expected']);
    return res.body;
  }

  it('takes an online application, received on the day the office confirms it, and answers the status query without login', async () => {
    const requestId = randomUUID();
    const body = {
      requestId,
      agencyOrgCode: '33030300ZF',
      applicant: { kind: 'person', name: '张三', idNumber: PERSON_ID },
      description: '龙湾区2026年保障性住房分配名单',
      purpose: '核实本人排位',
      delivery: 'online',
    };
    const filed = await t.http
      .post('/api/disclosure-requests')
      .set(await auth('zhangsan'))
      .send(body)
      .expect(201);
    expect(filed.body).toMatchObject({
      status: 'awaiting_confirmation',
      channel: 'online',
      receivedOn: null,
      dueOn: null,
      number: expect.stringMatching(/^龙政公开〔\d{4}〕第\d{4}号$/),
    });
    const again = await t.http
      .post('/api/disclosure-requests')
      .set(await auth('zhangsan'))
      .send(body)
      .expect(200);
    expect(again.body.id).toBe(filed.body.id);

    const confirmed = await act('zf_disclosure', filed.body.id, { type: 'confirmReceipt' });
    expect(confirmed).toMatchObject({ status: 'processing', receivedOn: today(), dueOn: await deadline(today(), 20) });
    expect(
      (
        await t.http
          .get('/api/disclosure-requests/mine')
          .set(await auth('zhangsan'))
          .expect(200)
      ).body.map((r: { id: string }) => r.id),
    ).toContain(filed.body.id);

    const status = await t.http.get('/api/disclosure-requests/status').query({ number: filed.body.number, idNumber: PERSON_ID }).expect(200);
    expect(status.body).toMatchObject({ number: filed.body.number, agency: '龙湾区人民政府办公室', status: 'processing', receivedOn: today() });
    const wrong = await t.http.get('/api/disclosure-requests/status').query({ number: filed.body.number, idNumber: '11010519491231002X' }).expect(404);
    expect(wrong.body.code).toBe('DISCLOSURE_REQUEST_NOT_FOUND');
    const unknown = await t.http.get('/api/disclosure-requests/status').query({ number: '龙政公开〔2026〕第9999号', idNumber: PERSON_ID }).expect(404);
    expect(unknown.body.code).toBe('DISCLOSURE_REQUEST_NOT_FOUND');
    // The receipt's 查询码 works as the ID number does; a name or the number alone never does.
    expect(filed.body.queryCode).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    await t.http.get('/api/disclosure-requests/status').query({ number: filed.body.number, queryCode: filed.body.queryCode.toLowerCase() }).expect(200);
    const badCode = await t.http
      .get('/api/disclosure-requests/status')
      .query({ number: filed.body.number, queryCode: filed.body.queryCode === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA' })
      .expect(404);
    expect(badCode.body.code).toBe('DISCLOSURE_REQUEST_NOT_FOUND');
    expect((await t.http.get('/api/disclosure-requests/status').query({ number: filed.body.number }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await t.http.get('/api/disclosure-requests/status').query({ number: filed.body.number, name: '张三' }).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );

    await act('zf_disclosure', filed.body.id, { type: 'reply', reply: { type: 'refused', refusalReason: 'third_party_rights', note: '名单涉及个人隐私' } });
    await checkHistory(client, disclosureRequestWorkflowId(filed.body.id), 'disclosureRequestWorkflow-online-refused');
  });

  it.each([
    ['published', { type: 'published' }, 'reply.location', { type: 'published', location: '龙湾区人民政府门户网站“政府信息公开—财政预决算”栏目' }],
    ['granted', { type: 'granted' }, 'reply.content', { type: 'granted', content: '《2025年龙湾区财政专项资金分配明细表》一份' }],
    [
      'partial',
      { type: 'partial', content: '明细表' },
      'reply.refusalReason',
      { type: 'partial', content: '明细表（隐去个人信息）', refusalReason: 'third_party_rights' },
    ],
    ['refused', { type: 'refused' }, 'reply.refusalReason', { type: 'refused', refusalReason: 'process_information' }],
    ['not_exist', { type: 'not_exist', notHeldReason: 'needs_creation' }, null, { type: 'not_exist' }],
    [
      'not_responsible',
      { type: 'not_responsible' },
      'reply.responsibleBody',
      { type: 'not_responsible', responsibleBody: '龙湾区财政局', responsibleContact: '0577-00000000' },
    ],
    ['repeated', { type: 'repeated' }, 'reply.earlierNumber', { type: 'repeated', earlierNumber: '龙政公开〔2026〕第0001号' }],
    ['other_law', { type: 'other_law' }, 'reply.register', { type: 'other_law', register: '《不动产登记暂行条例》：请向龙湾区不动产登记中心申请查询' }],
  ])('replies %s in a sealed written reply carrying the appeal rights, and refuses it incomplete', async (_name, incomplete, missingField, complete) => {
    const request = await counter();
    expect(request).toMatchObject({ status: 'processing', receivedOn: today(), dueOn: await deadline(today(), 20) });
    if (missingField) {
      const bad = await t.http
        .post(`/api/disclosure-requests/${request.id}/actions`)
        .set(await auth('zf_disclosure'))
        .send({ type: 'reply', reply: incomplete });
      expect([bad.status, bad.body.code, bad.body.details]).toEqual([422, 'DISCLOSURE_REPLY_INCOMPLETE', [{ field: missingField, rule: 'required' }]]);
    }
    const replied = await act('zf_disclosure', request.id, { type: 'reply', reply: complete });
    expect(replied).toMatchObject({ status: 'replied', onTime: true, reply: complete });
    const reply = replied.documents.find((d: { kind: string }) => d.kind === 'reply');
    expect(reply).toMatchObject({ title: '政府信息公开申请答复书', sealed: true, pdf: expect.stringContaining('/pdf') });
    const pdf = await t.http
      .get(reply.pdf)
      .set(await auth('zhangsan'))
      .buffer(true)
      .parse(binaryBody)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const again = await t.http
      .post(`/api/disclosure-requests/${request.id}/actions`)
      .set(await auth('zf_disclosure'))
      .send({ type: 'reply', reply: complete })
      .expect(409);
    expect(again.body.code).toBe('DISCLOSURE_REQUEST_FINISHED');
  });

  it('asks for corrections once and restarts the period from the corrected application; consults a third party; extends once', async () => {
    const request = await counter({ channel: 'post', receivedOn: today() });
    const notice = await act('zf_disclosure', request.id, {
      type: 'requestCorrection',
      items: ['请写明所需信息的文号或形成时间', '请写明所涉项目名称'],
      correctionDays: 10,
    });
    expect(notice).toMatchObject({
      status: 'correction',
      correction: { items: ['请写明所需信息的文号或形成时间', '请写明所涉项目名称'], dueOn: await deadline(today(), 10) },
    });
    expect(notice.documents.map((d: { title: string; sealed: boolean }) => [d.title, d.sealed])).toEqual([['政府信息公开申请补正告知书', true]]);
    const twice = await t.http
      .post(`/api/disclosure-requests/${request.id}/actions`)
      .set(await auth('zf_disclosure'))
      .send({ type: 'requestCorrection', items: ['再补一项'] })
      .expect(409);
    expect(twice.body.code).toBe('DISCLOSURE_CORRECTION_ALREADY_REQUESTED');
    const notYet = await t.http
      .post(`/api/disclosure-requests/${request.id}/actions`)
      .set(await auth('zf_disclosure'))
      .send({ type: 'reply', reply: { type: 'not_exist' } })
      .expect(409);
    expect(notYet.body.code).toBe('DISCLOSURE_REQUEST_WRONG_STATE');

    const corrected = await act('zhangsan', request.id, { type: 'submitCorrection', supplement: '龙财〔2025〕12号文件所附“城市更新项目”资金明细' });
    expect(corrected).toMatchObject({ status: 'processing', receivedOn: today(), firstReceivedOn: today() });

    const consulting = await act('zf_disclosure', request.id, {
      type: 'consultThirdParty',
      thirdParty: '温州某某建设有限公司',
      matter: '合同价款可能涉及商业秘密',
    });
    expect(consulting).toMatchObject({ status: 'consulting', consultations: [{ thirdParty: '温州某某建设有限公司', dueOn: await deadline(today(), 15) }] });
    const during = await t.http
      .post(`/api/disclosure-requests/${request.id}/actions`)
      .set(await auth('zf_disclosure'))
      .send({ type: 'reply', reply: { type: 'granted', content: 'x' } })
      .expect(409);
    expect(during.body.code).toBe('DISCLOSURE_REQUEST_WRONG_STATE');
    const answered = await act('zf_disclosure', request.id, { type: 'recordThirdPartyOpinion', opinion: 'disagree', note: '价款构成属商业秘密' });
    expect(answered).toMatchObject({ status: 'processing', excludedDays: 0, consultations: [{ opinion: 'disagree' }] });

    const noApproval = await t.http
      .post(`/api/disclosure-requests/${request.id}/actions`)
      .set(await auth('zf_disclosure'))
      .send({ type: 'extend', reason: '涉及第三方' })
      .expect(400);
    expect(noApproval.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'approvedBy', rule: 'required' }] });
    const extended = await act('zf_disclosure', request.id, { type: 'extend', reason: '需征求第三方意见并调取档案', approvedBy: '区政府办公室主任 王某' });
    expect(extended).toMatchObject({ extension: { days: 20, approvedBy: '区政府办公室主任 王某' }, dueOn: await deadline(today(), 40) });
    const second = await t.http
      .post(`/api/disclosure-requests/${request.id}/actions`)
      .set(await auth('zf_disclosure'))
      .send({ type: 'extend', reason: '再延', approvedBy: '主任' })
      .expect(409);
    expect(second.body.code).toBe('DISCLOSURE_EXTENSION_USED');

    const replied = await act('zf_disclosure', request.id, {
      type: 'reply',
      reply: { type: 'partial', content: '项目资金拨付总额及拨付时间', refusalReason: 'third_party_rights' },
    });
    expect(replied.documents.map((d: { title: string }) => d.title)).toEqual([
      '政府信息公开申请补正告知书',
      '政府信息公开第三方意见征询函',
      '政府信息公开申请延期答复告知书',
      '政府信息公开申请答复书',
    ]);
    expect(replied.documents.every((d: { sealed: boolean }) => d.sealed)).toBe(true);
    await checkHistory(client, disclosureRequestWorkflowId(request.id), 'disclosureRequestWorkflow-corrected-consulted-extended-partial');
  });

  it('applies an action sent again with one requestId once and answers alike; another requestId is an action of its own', async () => {
    const request = await counter();
    const officer = await auth('zf_disclosure');
    const send = (body: object) => t.http.post(`/api/disclosure-requests/${request.id}/actions`).set(officer).send(body);
    const extension = { type: 'extend', requestId: randomUUID(), reason: '需调取档案', approvedBy: '区政府办公室主任 王某' };
    // A lost answer retried, twice at once and once after.
    const [first, concurrent] = await Promise.all([send(extension), send(extension)]);
    const later = await send(extension);
    for (const res of [first, concurrent, later]) expect([res.status, res.body.code]).toEqual([200, undefined]);
    expect(concurrent.body).toEqual(first.body);
    expect(later.body).toEqual(first.body);
    expect(first.body).toMatchObject({ extension: { days: 20 }, dueOn: await deadline(today(), 40) });
    expect(first.body.documents.map((d: { title: string; sealed: boolean }) => [d.title, d.sealed])).toEqual([['政府信息公开申请延期答复告知书', true]]);

    // A second extension is a new request: refused as before, and the first one's retry still answers as it did.
    const second = await send({ ...extension, requestId: randomUUID() });
    expect([second.status, second.body.code]).toEqual([409, 'DISCLOSURE_EXTENSION_USED']);
    expect((await send(extension).expect(200)).body).toEqual(first.body);

    // The reply ends the workflow: its retry still answers with the same reply, one answer document.
    const reply = { type: 'reply', requestId: randomUUID(), reply: { type: 'granted', content: '调取的档案复印件一份' } };
    const replied = await send(reply).expect(200);
    expect(replied.body).toMatchObject({ status: 'replied', reply: reply.reply });
    await eventually(async () =>
      (await client.workflow.getHandle(disclosureRequestWorkflowId(request.id)).describe()).status.name === 'COMPLETED' ? true : undefined,
    );
    const retried = await send(reply);
    expect([retried.status, retried.body]).toEqual([200, replied.body]);
    expect(replied.body.documents.map((d: { kind: string }) => d.kind)).toEqual(['extension-notice', 'reply']);
    const stored = await t.app.get(DisclosureRequestsRepository).documentsOf(request.id);
    expect(stored.map((d) => d.title)).toEqual(['政府信息公开申请延期答复告知书', '政府信息公开申请答复书']);
    // Two actions in the history, whatever was sent again.
    const history = await client.workflow.getHandle(disclosureRequestWorkflowId(request.id)).fetchHistory();
    const accepted = (history.events ?? []).filter(
      (e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'disclosureCommand',
    );
    expect(accepted.map((e) => e.workflowExecutionUpdateAcceptedEventAttributes!.protocolInstanceId)).toEqual([
      expect.stringMatching(new RegExp(`-${extension.requestId}$`)),
      expect.stringMatching(new RegExp(`-${reply.requestId}$`)),
    ]);
    // Without a requestId a repeat is a new action, refused on a finished application.
    expect((await send({ type: 'reply', reply: reply.reply }).expect(409)).body.code).toBe('DISCLOSURE_REQUEST_FINISHED');
  });

  it('answers 503 while Temporal is unreachable, and the retry with the same requestId applies the action once', async () => {
    const request = await counter();
    const correction = { type: 'requestCorrection', requestId: randomUUID(), items: ['请写明所需信息的形成时间'] };
    // An API whose Temporal is away: it retries the Update with one id for a while, then answers 503.
    const cut = await startTestApp({ worker: false, overrides: { TEMPORAL_ADDRESS: `127.0.0.1:${await closedPort()}` } });
    try {
      const authorization = `Bearer ${await cut.tokenFor('zf_disclosure')}`;
      const sentAt = Date.now();
      const away = await cut.http.post(`/api/disclosure-requests/${request.id}/actions`).set({ authorization }).send(correction);
      expect([away.status, away.body.code]).toEqual([503, 'SERVICE_UNAVAILABLE']);
      // Some 20 s of retries in all, not the client's own gRPC retries (~20 s) on top of each attempt.
      expect(Date.now() - sentAt).toBeLessThan(30_000);
    } finally {
      await cut.close();
    }
    const retried = await act('zf_disclosure', request.id, correction);
    expect(retried).toMatchObject({ status: 'correction', correction: { items: correction.items } });
    expect(await act('zf_disclosure', request.id, correction)).toEqual(retried);
    expect(retried.documents.map((d: { title: string }) => d.title)).toEqual(['政府信息公开申请补正告知书']);
    await act('zhangsan', request.id, { type: 'withdraw', reason: '测试结束' });
  }, 90_000);

  it('raises yellow and red cards on an application signed for weeks ago, listed and handled by the supervision office', async () => {
    const request = await counter({ channel: 'post', receivedOn: '2026-01-05' });
    expect(request).toMatchObject({ receivedOn: '2026-01-05', dueOn: '2026-02-02' });
    const supervisor = await auth('jc_supervisor');
    const alarms = await eventually(async () => {
      const res = await t.http.get('/api/supervision/alarms').query({ caseNumber: request.number }).set(supervisor).expect(200);
      return res.body.alarms.length === 2 ? (res.body.alarms as { id: string; kind: string; level: string; itemCode: string }[]) : undefined;
    });
    expect(alarms.map((a) => [a.itemCode, a.kind, a.level]).sort()).toEqual([
      ['依申请公开', 'disclosure-due-near', 'yellow'],
      ['依申请公开', 'disclosure-overdue', 'red'],
    ]);
    const red = alarms.find((a) => a.level === 'red')!;
    await t.http.post(`/api/supervision/alarms/${red.id}/transitions`).set(supervisor).send({ to: 'investigating', note: '核实逾期原因' }).expect(201);
    const view = (
      await t.http
        .get(`/api/disclosure-requests/${request.id}`)
        .set(await auth('zf_disclosure'))
        .expect(200)
    ).body;
    expect(view.alarmLevel).toBe('red');
    const late = await t.http
      .post(`/api/disclosure-requests/${request.id}/actions`)
      .set(await auth('zf_disclosure'))
      .send({ type: 'extend', reason: '迟了', approvedBy: '主任' })
      .expect(409);
    expect(late.body.code).toBe('DISCLOSURE_EXTENSION_TOO_LATE');
    const replied = await act('zf_disclosure', request.id, { type: 'reply', reply: { type: 'granted', content: '批复文件一份' } });
    expect(replied).toMatchObject({ status: 'replied', onTime: false });
  });

  it('registers new applications under the configured rules (DISCLOSURE_PERIOD_RULES=2008: 15 + 15), while a running one keeps its own', async () => {
    const older = await counter();
    expect(older).toMatchObject({ periods: { rules: '2019', replyDays: 20 }, dueOn: await deadline(today(), 20) });
    // The office switches to the 2008 rules: a second API on the same database and Temporal, this worker.
    const office2008 = await startTestApp({ overrides: { DISCLOSURE_PERIOD_RULES: '2008' }, worker: false });
    try {
      const authorization = `Bearer ${await office2008.tokenFor('zf_disclosure')}`;
      const filed = await office2008.http
        .post('/api/disclosure-requests')
        .set({ authorization })
        .send({
          requestId: randomUUID(),
          agencyOrgCode: '33030300ZF',
          applicant: { kind: 'person', name: '张三', idNumber: PERSON_ID },
          description: '2008年规则下的申请',
          delivery: 'paper',
          channel: 'in_person',
        });
      expect([filed.status, filed.body.code]).toEqual([201, undefined]);
      expect(filed.body).toMatchObject({
        periods: {
          rules: '2008',
          regulation: '《中华人民共和国政府信息公开条例》（国务院令第492号）',
          replyDays: 15,
          extensionDays: 15,
          correctionNoticeDays: null,
        },
        dueOn: await deadline(today(), 15),
      });
      const extension = { type: 'extend', reason: '需调取档案', approvedBy: '区政府办公室主任 王某' };
      const extended = await office2008.http.post(`/api/disclosure-requests/${filed.body.id}/actions`).set({ authorization }).send(extension).expect(200);
      expect(extended.body).toMatchObject({ extension: { days: 15 }, dueOn: await deadline(today(), 30) });
      expect(extended.body.documents.map((d: { title: string; sealed: boolean }) => [d.title, d.sealed])).toEqual([['政府信息公开申请延期答复告知书', true]]);
      const tooLong = await office2008.http
        .post(`/api/disclosure-requests/${older.id}/actions`)
        .set({ authorization })
        .send({ ...extension, days: 20 })
        .expect(200);
      expect(tooLong.body).toMatchObject({ periods: { rules: '2019' }, extension: { days: 20 }, dueOn: await deadline(today(), 40) });
    } finally {
      await office2008.close();
    }
  });

  it('takes back a registration whose workflow never started when it is sent again (503 while it may still be starting)', async () => {
    // The API stopped between writing the row and starting the workflow: a row of revision 0, no workflow.
    const repo = t.app.get(DisclosureRequestsRepository);
    const zhangsan = (await t.app.get(UsersRepository).findActiveByUsername('zhangsan'))!.user;
    const agency = (await t.app.get(OrgsRepository).findByCode('33030300ZF'))!;
    const body = {
      requestId: randomUUID(),
      agencyOrgCode: '33030300ZF',
      applicant: { kind: 'person', name: '张三', idNumber: PERSON_ID },
      description: '未启动的申请',
      delivery: 'online',
    };
    const id = randomUUID();
    await repo.insertRegistered({
      id,
      number: await repo.allocateNumber('测政公开', 2026),
      clientRequestId: body.requestId,
      filedBy: zhangsan.id,
      agencyOrgId: agency.id,
      applicantUserId: zhangsan.id,
      applicantKind: 'person',
      applicantName: '张三',
      applicantIdNumber: PERSON_ID,
      organizationType: null,
      channel: 'online',
      description: body.description,
      status: 'awaiting_confirmation',
      replyType: null,
      replyReason: null,
      alarmLevel: 'none',
      submittedAt: new Date(),
      firstReceivedOn: null,
      dueOn: null,
      extended: false,
      finishedAt: null,
      finishedOn: null,
      workflowId: disclosureRequestWorkflowId(id),
      queryCode: null,
    });
    const starting = await t.http
      .post('/api/disclosure-requests')
      .set(await auth('zhangsan'))
      .send(body)
      .expect(503);
    expect(starting.body.code).toBe('SERVICE_UNAVAILABLE');
    await t.app.get(DataSource).query(`UPDATE "disclosure_requests" SET "created_at" = now() - interval '5 minutes' WHERE "id" = $1`, [id]);
    const anew = await t.http
      .post('/api/disclosure-requests')
      .set(await auth('zhangsan'))
      .send(body)
      .expect(201);
    expect(anew.body).toMatchObject({ status: 'awaiting_confirmation', description: '未启动的申请' });
    expect(anew.body.id).not.toBe(id);
    expect(await repo.findById(id)).toBeNull();
    expect(
      (
        await t.http
          .post('/api/disclosure-requests')
          .set(await auth('zhangsan'))
          .send(body)
          .expect(200)
      ).body.id,
    ).toBe(anew.body.id);
    await act('zhangsan', anew.body.id, { type: 'withdraw', reason: '测试结束' });
  });

  it("refuses whoever may not act or read: applicant replying, departments, another applicant, another district's officer", async () => {
    const request = await counter();
    const applicantReply = await t.http
      .post(`/api/disclosure-requests/${request.id}/actions`)
      .set(await auth('zhangsan'))
      .send({ type: 'reply', reply: { type: 'granted', content: 'x' } })
      .expect(403);
    expect(applicantReply.body.code).toBe('DISCLOSURE_ACTOR_NOT_ALLOWED');
    // Refused in the validator, so not in the history: the API keeps the attempt for supervision.
    const refusals = await t.app.get(CasesRepository).refusalsOf(request.id);
    expect(refusals.map((r) => r.code)).toEqual(['DISCLOSURE_ACTOR_NOT_ALLOWED']);
    for (const username of ['gs_handler', 'gs_admin', 'zx_clerk']) {
      const dept = await t.http
        .post(`/api/disclosure-requests/${request.id}/actions`)
        .set(await auth(username))
        .send({ type: 'reply', reply: { type: 'granted', content: 'x' } })
        .expect(403);
      expect(dept.body.code).toBe('FORBIDDEN_ROLE');
      expect(
        (
          await t.http
            .get(`/api/disclosure-requests/${request.id}`)
            .set(await auth(username))
            .expect(403)
        ).body.code,
      ).toBe('FORBIDDEN_ROLE');
    }
    const other = await t.http
      .get(`/api/disclosure-requests/${request.id}`)
      .set(await auth('lisi_disclosure_test'))
      .expect(403);
    expect(other.body.code).toBe('FORBIDDEN_ORG_SCOPE');
    const otherWithdraw = await t.http
      .post(`/api/disclosure-requests/${request.id}/actions`)
      .set(await auth('lisi_disclosure_test'))
      .send({ type: 'withdraw', reason: '撤回' })
      .expect(403);
    expect(otherWithdraw.body.code).toBe('FORBIDDEN_ORG_SCOPE');
    const lucheng = await t.http
      .get(`/api/disclosure-requests/${request.id}`)
      .set(await auth('lc_disclosure_test'))
      .expect(403);
    expect(lucheng.body.code).toBe('FORBIDDEN_ORG_SCOPE');
    const lcRegister = await t.http
      .post('/api/disclosure-requests')
      .set(await auth('lc_disclosure_test'))
      .send({
        requestId: randomUUID(),
        agencyOrgCode: '33030300ZF',
        applicant: { kind: 'person', name: '张三', idNumber: PERSON_ID },
        description: 'x',
        delivery: 'paper',
        channel: 'in_person',
      })
      .expect(403);
    expect(lcRegister.body.code).toBe('FORBIDDEN_ORG_SCOPE');
    expect((await t.http.get(`/api/disclosure-requests/${request.id}`).expect(401)).body.code).toBe('AUTH_REQUIRED');
    // The supervision office reads every application; the applicant reads their own, and withdraws it.
    await t.http
      .get(`/api/disclosure-requests/${request.id}`)
      .set(await auth('jc_supervisor'))
      .expect(200);
    const withdrawn = await act('zhangsan', request.id, { type: 'withdraw', reason: '已通过其他途径获取' });
    expect(withdrawn).toMatchObject({ status: 'withdrawn' });
  });

  it("takes an online application only in the identity of the applicant's account", async () => {
    const before = (
      await t.http
        .get('/api/disclosure-requests/mine')
        .set(await auth('zhangsan'))
        .expect(200)
    ).body.length;
    const body = {
      requestId: randomUUID(),
      agencyOrgCode: '33030300ZF',
      applicant: { kind: 'person', name: '李四', idNumber: '11010519491231002X' },
      description: '冒名申请',
      delivery: 'online',
    };
    const res = await t.http
      .post('/api/disclosure-requests')
      .set(await auth('zhangsan'))
      .send(body)
      .expect(403);
    expect(res.body).toMatchObject({ code: 'APPLICANT_IDENTITY_MISMATCH', details: [expect.objectContaining({ field: 'applicant.idNumber' })] });
    expect(
      (
        await t.http
          .get('/api/disclosure-requests/mine')
          .set(await auth('zhangsan'))
          .expect(200)
      ).body.length,
    ).toBe(before);
  });

  it('refuses bad input with a stable code and stores nothing', async () => {
    const officer = await auth('zf_disclosure');
    const base = { agencyOrgCode: '33030300ZF', applicant: { kind: 'person', name: '张三', idNumber: PERSON_ID }, description: '某信息', delivery: 'paper' };
    const before = (await t.http.get('/api/disclosure-requests').set(officer).expect(200)).body.total;
    const badId = await t.http
      .post('/api/disclosure-requests')
      .set(officer)
      .send({ ...base, requestId: randomUUID(), channel: 'in_person', applicant: { ...base.applicant, idNumber: '330303199003071239' } })
      .expect(422);
    expect(badId.body.code).toBe('APPLICANT_ID_INVALID');
    const badCompany = await t.http
      .post('/api/disclosure-requests')
      .set(officer)
      .send({ ...base, requestId: randomUUID(), channel: 'in_person', applicant: { kind: 'company', name: '某公司', idNumber: '91440300708461136A' } })
      .expect(422);
    expect(badCompany.body.code).toBe('APPLICANT_ID_INVALID');
    const postWithoutDate = await t.http
      .post('/api/disclosure-requests')
      .set(officer)
      .send({ ...base, requestId: randomUUID(), channel: 'post' })
      .expect(400);
    expect(postWithoutDate.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'receivedOn', rule: 'required' }] });
    const future = await t.http
      .post('/api/disclosure-requests')
      .set(officer)
      .send({ ...base, requestId: randomUUID(), channel: 'post', receivedOn: '2099-01-01' })
      .expect(400);
    expect(future.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'receivedOn', rule: 'not-after-today' }] });
    const noChannel = await t.http
      .post('/api/disclosure-requests')
      .set(officer)
      .send({ ...base, requestId: randomUUID() })
      .expect(400);
    expect(noChannel.body.code).toBe('VALIDATION_FAILED');
    const applicantChannel = await t.http
      .post('/api/disclosure-requests')
      .set(await auth('zhangsan'))
      .send({ ...base, requestId: randomUUID(), channel: 'post' })
      .expect(400);
    expect(applicantChannel.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'channel', rule: 'officer-only' }] });
    const badDelivery = await t.http
      .post('/api/disclosure-requests')
      .set(officer)
      .send({ ...base, requestId: randomUUID(), channel: 'in_person', delivery: 'pigeon' })
      .expect(400);
    expect(badDelivery.body.code).toBe('VALIDATION_FAILED');
    const unknownAgency = await t.http
      .post('/api/disclosure-requests')
      .set(officer)
      .send({ ...base, requestId: randomUUID(), channel: 'in_person', agencyOrgCode: '33030300QQ' })
      .expect(404);
    expect(unknownAgency.body.code).toBe('ORG_NOT_FOUND');
    expect((await t.http.get('/api/disclosure-requests').set(officer).expect(200)).body.total).toBe(before);
    const notFound = await t.http.get(`/api/disclosure-requests/${randomUUID()}`).set(officer).expect(404);
    expect(notFound.body.code).toBe('DISCLOSURE_REQUEST_NOT_FOUND');
    const badAction = await t.http.post(`/api/disclosure-requests/${randomUUID()}/actions`).set(officer).send({ type: 'dance' }).expect(400);
    expect(badAction.body.code).toBe('VALIDATION_FAILED');
    const badRequestId = await t.http
      .post(`/api/disclosure-requests/${randomUUID()}/actions`)
      .set(officer)
      .send({ type: 'confirmReceipt', requestId: 'retry-1' })
      .expect(400);
    expect(badRequestId.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'requestId', rule: 'isUuid' }] });
  });

  it("gives the annual report in the national format's categories, balanced, for officers and supervisors", async () => {
    const company = await counter({ applicant: { kind: 'company', name: '温州某律师事务所', idNumber: COMPANY_ID, organizationType: 'legal_service' } });
    await act('zf_disclosure', company.id, { type: 'reply', reply: { type: 'refused', refusalReason: 'state_secret' } });
    const year = Number(today().slice(0, 4));
    const report = (
      await t.http
        .get('/api/disclosure-requests/annual-report')
        .query({ year })
        .set(await auth('zf_disclosure'))
        .expect(200)
    ).body;
    expect(report.year).toBe(year);
    expect(report.received.legal_service).toBeGreaterThanOrEqual(1);
    expect(report.received.natural).toBeGreaterThanOrEqual(8);
    const row = (key: string) => report.results.find((r: { key: string }) => r.key === key).counts;
    expect(row('refused.state_secret').legal_service).toBeGreaterThanOrEqual(1);
    expect(row('granted').natural).toBeGreaterThanOrEqual(2); // published and granted
    expect(row('unable.not_held').natural).toBeGreaterThanOrEqual(1); // not_responsible
    expect(row('unable.needs_creation').natural).toBe(0);
    expect(row('not_processed.repeated').natural).toBeGreaterThanOrEqual(1);
    expect(report.received.total + report.carriedOver.total).toBe(report.resultsTotal.total + report.carriedForward.total);
    const supervisor = (
      await t.http
        .get('/api/disclosure-requests/annual-report')
        .query({ year })
        .set(await auth('jc_supervisor'))
        .expect(200)
    ).body;
    expect(supervisor.received.total).toBeGreaterThanOrEqual(report.received.total);
    expect(
      (
        await t.http
          .get('/api/disclosure-requests/annual-report')
          .query({ year })
          .set(await auth('zhangsan'))
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ROLE');
    expect(
      (
        await t.http
          .get('/api/disclosure-requests/annual-report')
          .set(await auth('zf_disclosure'))
          .expect(400)
      ).body.code,
    ).toBe('VALIDATION_FAILED');
    const lucheng = (
      await t.http
        .get('/api/disclosure-requests/annual-report')
        .query({ year })
        .set(await auth('lc_disclosure_test'))
        .expect(200)
    ).body;
    expect(lucheng.received.total).toBe(0);
  });
});
