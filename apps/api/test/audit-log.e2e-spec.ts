import { AuditRepository, type CheckpointExport, legacyHash, publicKeyFingerprint, type SupervisionAuditEntity, verifyCheckpointExport } from '#persistence';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { DataSource, type EntityManager } from 'typeorm';
import { ROOT } from '../../../test/processes';
import { eventually, startTestApp, type TestApp } from '../../../test/test-app';

// sm-crypto (an independent pure-JS SM2) ships no type declarations; this is the part we use.

const smCrypto = require('sm-crypto') as {
  sm2: { doVerifySignature(msg: string, signatureHex: string, publicKeyHex: string, options: { der?: boolean; hash?: boolean }): boolean };
};

const GENESIS = '0'.repeat(64);

/**
 * The supervision audit log as an attacker with write access to the database (but not AUDIT_HMAC_KEY)
 * would meet it. Its own database: the attacks disable the append-only trigger as the tables' owner.
 */
describe('supervision audit log, tamper-evident', () => {
  let t: TestApp;
  let db: DataSource;
  let audit: AuditRepository;
  const auth = async (username: string) => ({ authorization: `Bearer ${await t.tokenFor(username)}` });
  const rows = (): Promise<SupervisionAuditEntity[]> =>
    db.query(
      `SELECT "seq", "user_id" AS "userId", "action", "case_id" AS "caseId", "detail", "at", "prev_hash" AS "prevHash", "hash", "chain_version" AS "chainVersion", "key_id" AS "keyId" FROM "supervision_audit" ORDER BY "seq"`,
    );
  const kinds = async (options?: { published?: CheckpointExport }) => (await audit.verify(options)).problems.map((p) => p.kind);

  /** What only the tables' owner can do: write with the append-only trigger off. */
  async function asOwner(work: (manager: EntityManager) => Promise<unknown>): Promise<void> {
    await db.transaction(async (manager) => {
      await manager.query(`ALTER TABLE "supervision_audit" DISABLE TRIGGER USER`);
      await manager.query(`ALTER TABLE "supervision_audit_checkpoints" DISABLE TRIGGER USER`);
      await work(manager);
      await manager.query(`ALTER TABLE "supervision_audit" ENABLE TRIGGER USER`);
      await manager.query(`ALTER TABLE "supervision_audit_checkpoints" ENABLE TRIGGER USER`);
    });
  }

  /** Rewrites every row with a chain of plain SHA-256 recomputed from the genesis, as version `version`. */
  async function rewriteWithPlainHashes(version: 1 | 2): Promise<void> {
    const all = await rows();
    const keyId = all.find((r) => r.keyId !== null)!.keyId;
    await asOwner(async (manager) => {
      let prev = GENESIS;
      for (const row of all) {
        const forged = { ...row, detail: row.seq === all[0]!.seq ? { forged: true } : row.detail, at: new Date(row.at) };
        const hash = legacyHash(prev, forged);
        await manager.query(
          `UPDATE "supervision_audit" SET "detail" = $2, "prev_hash" = $3, "hash" = $4, "chain_version" = $5, "key_id" = $6 WHERE "seq" = $1`,
          [row.seq, JSON.stringify(forged.detail), prev, hash, version, version === 1 ? null : keyId],
        );
        prev = hash;
      }
    });
  }

  async function restore(saved: SupervisionAuditEntity[]): Promise<void> {
    await asOwner(async (manager) => {
      for (const row of saved) {
        await manager.query(
          `UPDATE "supervision_audit" SET "action" = $2, "detail" = $3, "prev_hash" = $4, "hash" = $5, "chain_version" = $6, "key_id" = $7 WHERE "seq" = $1`,
          [row.seq, row.action, JSON.stringify(row.detail), row.prevHash, row.hash, row.chainVersion, row.keyId],
        );
      }
    });
  }

  beforeAll(async () => {
    t = await startTestApp({ isolated: 'audit' });
    db = t.app.get(DataSource);
    audit = t.app.get(AuditRepository);
  });
  afterAll(() => t.close());

  it('keeps rows written before the key (version 1), counted once a signed checkpoint anchors them, and keys the rows after', async () => {
    expect(await rows()).toHaveLength(0);
    // Rows as the unkeyed chain wrote them before this release.
    const supervisor = (await db.query(`SELECT "id" FROM "users" WHERE "username" = 'jc_supervisor'`))[0].id as string;
    let prev = GENESIS;
    for (const action of ['alarms', 'stats', 'coverage']) {
      const row = { userId: supervisor, action, caseId: null, detail: {}, at: new Date(Date.now() - 60_000) };
      const hash = legacyHash(prev, row);
      await db.query(
        `INSERT INTO "supervision_audit" ("user_id", "action", "case_id", "detail", "at", "prev_hash", "hash", "chain_version") VALUES ($1, $2, NULL, '{}', $3, $4, $5, 1)`,
        [row.userId, action, row.at, prev, hash],
      );
      prev = hash;
    }
    // Plain SHA-256 is anyone's to recompute: unanchored, they do not count.
    expect(await kinds()).toEqual(['legacy-unanchored']);

    // An API process signs a checkpoint at start (AUDIT_CHECKPOINT_INTERVAL_SECONDS), anchoring them.
    const second = await startTestApp({ worker: false, overrides: { DATABASE_URL: t.env.DATABASE_URL, AUDIT_CHECKPOINT_INTERVAL_SECONDS: '3600' } });
    try {
      await eventually(async () => ((await db.query(`SELECT 1 FROM "supervision_audit_checkpoints"`)).length > 0 ? true : undefined));
    } finally {
      await second.close();
    }
    expect(await audit.verify()).toMatchObject({ ok: true, rows: 3, legacyRows: 3, checkpoints: 1 });

    await t.http
      .get('/api/supervision/alarms')
      .set(await auth('jc_supervisor'))
      .expect(200);
    const after = await rows();
    expect(after.map((r) => [Number(r.chainVersion), r.keyId === null])).toEqual([
      [1, true],
      [1, true],
      [1, true],
      [2, false],
    ]);
    expect(after[3]!.prevHash).toBe(after[2]!.hash);
    expect(await audit.verify()).toMatchObject({ ok: true, rows: 4, brokenAt: null });

    // Rewriting the old rows, even with their plain hashes recomputed, breaks the keyed row after them.
    const saved = await rows();
    await asOwner(async (manager) => {
      let chain = GENESIS;
      for (const row of saved.slice(0, 3)) {
        const hash = legacyHash(chain, { ...row, action: 'timeline', at: new Date(row.at) });
        await manager.query(`UPDATE "supervision_audit" SET "action" = 'timeline', "prev_hash" = $2, "hash" = $3 WHERE "seq" = $1`, [row.seq, chain, hash]);
        chain = hash;
      }
    });
    const rewritten = await audit.verify();
    expect(rewritten).toMatchObject({ ok: false, brokenAt: saved[3]!.seq });
    expect(rewritten.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['row-altered', 'checkpoint-head-mismatch']));
    await restore(saved);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('logs the reads missing before: admins reading a case, supervisors and admins reading disclosure applications', async () => {
    const filed = await t.fileCase('zx_clerk', { name: '审计测试企业', username: 'zhangsan' });
    await t.http
      .get(`/api/cases/${filed.id}`)
      .set(await auth('admin'))
      .expect(200);
    await t.http
      .get(`/api/cases/${filed.id}`)
      .set(await auth('zx_clerk'))
      .expect(200);
    const admin = (
      await t.http
        .get('/api/auth/me')
        .set(await auth('admin'))
        .expect(200)
    ).body.id as string;
    expect((await audit.ofCase(filed.id)).map((r) => [r.action, r.userId])).toEqual([['case', admin]]);

    const request = await t.http
      .post('/api/disclosure-requests')
      .set(await auth('zf_disclosure'))
      .send({
        requestId: randomUUID(),
        agencyOrgCode: '33030300ZF',
        applicant: { kind: 'person', name: '张三', idNumber: '330303199003071238' },
        description: '审计测试的申请',
        delivery: 'paper',
        channel: 'in_person',
      })
      .expect(201);
    const before = (await rows()).length;
    await t.http
      .get('/api/disclosure-requests')
      .set(await auth('jc_supervisor'))
      .expect(200);
    await t.http
      .get(`/api/disclosure-requests/${request.body.id}`)
      .set(await auth('jc_supervisor'))
      .expect(200);
    await t.http
      .get(`/api/disclosure-requests/${request.body.id}`)
      .set(await auth('admin'))
      .expect(200);
    await t.http
      .get(`/api/disclosure-requests/${request.body.id}`)
      .set(await auth('zf_disclosure'))
      .expect(200);
    const logged = (await rows()).slice(before);
    expect(logged.map((r) => [r.action, r.detail])).toEqual([
      ['disclosure-requests', expect.any(Object)],
      ['disclosure-request', { requestId: request.body.id }],
      ['disclosure-request', { requestId: request.body.id }],
    ]);
    expect(logged[2]!.userId).toBe(admin);
    expect((await audit.verify()).ok).toBe(true);
  });

  it("refuses UPDATE, DELETE and TRUNCATE of the log and its checkpoints on the application's connection", async () => {
    await t.http
      .post('/api/supervision/audit/checkpoints')
      .set(await auth('jc_supervisor'))
      .expect(201);
    const [first] = await rows();
    for (const sql of [
      `UPDATE "supervision_audit" SET "detail" = '{"forged":true}' WHERE "seq" = ${first!.seq}`,
      `DELETE FROM "supervision_audit" WHERE "seq" = ${first!.seq}`,
      `TRUNCATE "supervision_audit"`,
      `UPDATE "supervision_audit_checkpoints" SET "head_seq" = 1`,
      `DELETE FROM "supervision_audit_checkpoints"`,
      `TRUNCATE "supervision_audit_checkpoints"`,
      `DELETE FROM "platform_keys"`,
    ]) {
      await expect(db.query(sql)).rejects.toMatchObject({ code: '42501' }); // insufficient_privilege, from the trigger
    }
    expect((await rows())[0]).toEqual(first);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('reports a whole chain rewritten with recomputed plain hashes, keyed or relabelled as old rows (audit:verify fails)', async () => {
    await t.http
      .post('/api/supervision/audit/checkpoints')
      .set(await auth('jc_supervisor'))
      .expect(201);
    const saved = await rows();

    await rewriteWithPlainHashes(2);
    const keyed = await audit.verify();
    expect(keyed).toMatchObject({ ok: false, brokenAt: saved[0]!.seq });
    expect(keyed.problems.filter((p) => p.kind === 'row-altered').map((p) => p.seq)).toEqual(saved.map((r) => r.seq));
    expect(keyed.problems.map((p) => p.kind)).toContain('checkpoint-head-mismatch');

    // Relabelled as version 1 the links all hold, but nothing signed vouches for them.
    await rewriteWithPlainHashes(1);
    const relabelled = await audit.verify();
    expect(relabelled).toMatchObject({ ok: false, brokenAt: null, legacyRows: saved.length });
    expect(relabelled.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['legacy-unanchored', 'checkpoint-head-mismatch']));

    // The command supervisors run says so too, with a failing exit code.
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'dist/libs/persistence/src/cli.js'), 'verify-audit'], {
      env: { PATH: process.env.PATH, DATABASE_URL: t.env.DATABASE_URL, AUDIT_HMAC_KEY: t.env.AUDIT_HMAC_KEY },
      encoding: 'utf8',
    });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toMatch(/audit chain NOT intact/);
    expect(cli.stderr).toMatch(/legacy-unanchored/);

    await restore(saved);
    expect((await audit.verify()).ok).toBe(true);
  });

  it('reports a truncated tail through the signed checkpoint, and through the published one once the stored checkpoints go too', async () => {
    for (let i = 0; i < 3; i += 1)
      await t.http
        .get('/api/supervision/alarms')
        .set(await auth('jc_supervisor'))
        .expect(200);
    const checkpoint = (
      await t.http
        .post('/api/supervision/audit/checkpoints')
        .set(await auth('jc_supervisor'))
        .expect(201)
    ).body;
    const published = (
      await t.http
        .get('/api/supervision/audit/checkpoints')
        .set(await auth('jc_supervisor'))
        .expect(200)
    ).body as CheckpointExport;
    expect((await audit.verify()).ok).toBe(true);

    // The attacker removes the last reads (the checkpoint's head among them); what is left still links.
    await asOwner((manager) => manager.query(`DELETE FROM "supervision_audit" WHERE "seq" >= $1`, [Number(checkpoint.headSeq) - 2]));
    const truncated = await audit.verify();
    expect(truncated).toMatchObject({ ok: false, brokenAt: null });
    expect(truncated.problems).toContainEqual({ kind: 'checkpoint-head-missing', checkpoint: checkpoint.seq, seq: checkpoint.headSeq });

    // … and the stored checkpoints that name them: the published copy still tells.
    await asOwner((manager) => manager.query(`DELETE FROM "supervision_audit_checkpoints" WHERE "head_seq" >= $1`, [Number(checkpoint.headSeq) - 2]));
    expect(await kinds()).not.toContain('checkpoint-head-missing');
    expect(await kinds({ published })).toContain('checkpoint-head-missing');
  });

  it('exports checkpoints anyone can check with the published key alone, with another SM2 implementation too', async () => {
    await t.http
      .get('/api/supervision/alarms')
      .set(await auth('jc_supervisor'))
      .expect(200);
    await t.http
      .post('/api/supervision/audit/checkpoints')
      .set(await auth('jc_supervisor'))
      .expect(201);
    const file = (
      await t.http
        .get('/api/supervision/audit/checkpoints')
        .set(await auth('jc_supervisor'))
        .expect(200)
    ).body as CheckpointExport;
    expect(file).toMatchObject({
      format: 'zwt-supervision-audit-checkpoints/1',
      algorithm: 'SM2-with-SM3',
      fingerprint: publicKeyFingerprint(file.publicKeyPem),
    });
    expect(verifyCheckpointExport(file, file.fingerprint)).toMatchObject({ valid: true, problems: [] });
    for (const c of file.checkpoints) {
      expect(smCrypto.sm2.doVerifySignature(c.payload, Buffer.from(c.signature, 'base64').toString('hex'), file.publicKeyHex, { der: true, hash: true })).toBe(
        true,
      );
    }
    const last = file.checkpoints[file.checkpoints.length - 1]!;
    const altered = { ...last, payload: last.payload.replace(/"rows":(\d+)/, (_, n: string) => `"rows":${Number(n) + 1}`) };
    expect(
      smCrypto.sm2.doVerifySignature(altered.payload, Buffer.from(altered.signature, 'base64').toString('hex'), file.publicKeyHex, { der: true, hash: true }),
    ).toBe(false);
    expect(verifyCheckpointExport({ ...file, checkpoints: [...file.checkpoints.slice(0, -1), altered] }).valid).toBe(false);
    // A key the attacker made themselves is not the pinned one.
    expect(verifyCheckpointExport(file, 'f'.repeat(64)).valid).toBe(false);
    // Only the supervision office reads or signs them.
    expect(
      (
        await t.http
          .get('/api/supervision/audit/checkpoints')
          .set(await auth('admin'))
          .expect(403)
      ).body.code,
    ).toBe('FORBIDDEN_ROLE');
    expect((await t.http.post('/api/supervision/audit/checkpoints').expect(401)).body.code).toBe('AUTH_REQUIRED');
  });
});
