import { generateSealKeyPair } from '#seal';
import type { DataSource, EntityManager } from 'typeorm';
import {
  AUDIT_GENESIS,
  AuditKeys,
  checkpointExport,
  CHECKPOINT_FORMAT,
  CHECKPOINT_KEY_PURPOSE,
  type CheckpointExport,
  type CheckpointStatement,
  legacyHash,
  openStatement,
  publicKeyFingerprint,
  publicKeyOf,
  signStatement,
} from '../audit/audit-chain';
import { PlatformKeyEntity, SupervisionAuditCheckpointEntity, SupervisionAuditEntity } from '../entities/audit/audit.entity';

/** Serialises appends and checkpoints so that each row chains to the one before it. */
const AUDIT_LOCK = 0x7a77_0001;

export type AuditProblemKind =
  | 'row-altered'
  | 'row-key-unknown'
  | 'legacy-after-keyed'
  | 'legacy-unanchored'
  | 'signing-key-invalid'
  | 'checkpoint-signature'
  | 'checkpoint-head-missing'
  | 'checkpoint-head-mismatch'
  | 'checkpoint-rows-mismatch';

export interface AuditProblem {
  kind: AuditProblemKind;
  /** The row concerned. */
  seq?: string;
  /** The checkpoint concerned (its seq, or `published:<n>` for one from a published file). */
  checkpoint?: string;
}

export interface AuditVerification {
  rows: number;
  legacyRows: number;
  /** Checkpoints whose signature held and whose head was checked. */
  checkpoints: number;
  /** The first row whose link or hash does not hold, or null. */
  brokenAt: string | null;
  problems: AuditProblem[];
  ok: boolean;
}

export class AuditChainBrokenError extends Error {
  constructor(readonly seq: string) {
    super(`the audit chain does not hold at seq ${seq}: no checkpoint is signed over it`);
    this.name = 'AuditChainBrokenError';
  }
}

interface SigningKey {
  privateKeyPem: string;
  publicKeyPem: string;
}

/**
 * The supervision audit log: append, verify, and sign checkpoints of its head. The HMAC key and the
 * key wrapping the platform's signing key come from AUDIT_HMAC_KEY, which the database never holds.
 */
export class AuditRepository {
  private readonly keys: AuditKeys;

  constructor(
    private readonly dataSource: DataSource,
    auditHmacKey: string,
  ) {
    this.keys = new AuditKeys(auditHmacKey);
  }

  async append(values: { userId: string; action: string; caseId: string | null; detail: object }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
      const last = await manager.getRepository(SupervisionAuditEntity).find({ order: { seq: 'DESC' }, take: 1 });
      const prevHash = last[0]?.hash ?? AUDIT_GENESIS;
      // Millisecond precision, as the hash covers the ISO form.
      const at = new Date(Math.floor(Date.now()));
      const hash = this.keys.mac(prevHash, { ...values, at });
      await manager.getRepository(SupervisionAuditEntity).insert({ ...values, at, prevHash, hash, chainVersion: 2, keyId: this.keys.keyId });
    });
  }

  /**
   * Walks the chain and checks every checkpoint — those stored and, when given, a published export (which
   * still holds when the stored ones were removed with the rows they name).
   */
  async verify(options: { published?: CheckpointExport } = {}): Promise<AuditVerification> {
    const rows = await this.dataSource.getRepository(SupervisionAuditEntity).find({ order: { seq: 'ASC' } });
    const problems: AuditProblem[] = [];
    const walked = this.walk(rows, AUDIT_GENESIS, problems);

    const stored = await this.dataSource.getRepository(SupervisionAuditCheckpointEntity).find({ order: { seq: 'ASC' } });
    const candidates = stored.map((c) => ({ name: c.seq, payload: c.payload, signature: c.signature }));
    const seen = new Set(stored.map((c) => c.payload));
    for (const [i, c] of (options.published?.checkpoints ?? []).entries()) {
      if (!seen.has(c.payload)) candidates.push({ name: `published:${i}`, payload: c.payload, signature: c.signature });
    }
    let checked = 0;
    let anchored = walked.legacyRows === 0;
    if (candidates.length > 0) {
      const key = await this.publicKey();
      if (!key) problems.push({ kind: 'signing-key-invalid' });
      for (const candidate of key ? candidates : []) {
        const statement = openStatement(candidate.payload, candidate.signature, key!);
        if (!statement) {
          problems.push({ kind: 'checkpoint-signature', checkpoint: candidate.name });
          continue;
        }
        checked += 1;
        const head = walked.bySeq.get(statement.headSeq);
        if (!head) problems.push({ kind: 'checkpoint-head-missing', checkpoint: candidate.name, seq: statement.headSeq });
        else if (head.hash !== statement.headHash) problems.push({ kind: 'checkpoint-head-mismatch', checkpoint: candidate.name, seq: statement.headSeq });
        else if (head.position !== statement.rows || head.legacyBefore !== statement.legacyRows)
          problems.push({ kind: 'checkpoint-rows-mismatch', checkpoint: candidate.name, seq: statement.headSeq });
        else if (statement.legacyRows === walked.legacyRows) anchored = true;
      }
    }
    // Version-1 rows are plain SHA-256, which anyone can recompute: they count only up to a signed checkpoint.
    if (!anchored) problems.push({ kind: 'legacy-unanchored' });
    return { rows: rows.length, legacyRows: walked.legacyRows, checkpoints: checked, brokenAt: walked.brokenAt, problems, ok: problems.length === 0 };
  }

  /**
   * Signs the current head (nothing new when the latest checkpoint already names it; null for an empty
   * log). Refuses to sign over a chain that does not hold since the latest good checkpoint.
   */
  async checkpoint(): Promise<SupervisionAuditCheckpointEntity | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
      const audit = manager.getRepository(SupervisionAuditEntity);
      const [head] = await audit.find({ order: { seq: 'DESC' }, take: 1 });
      if (!head) return null;
      const [latest] = await manager.getRepository(SupervisionAuditCheckpointEntity).find({ order: { seq: 'DESC' }, take: 1 });
      if (latest?.headSeq === head.seq) return latest;
      const key = await this.signingKey(manager);
      // Walk from the latest checkpoint's head when it still stands, else from the start.
      let from: { seq: string; hash: string } = { seq: '0', hash: AUDIT_GENESIS };
      const statement = latest ? openStatement(latest.payload, latest.signature, key.publicKeyPem) : undefined;
      if (statement) {
        const row = await audit.findOneBy({ seq: statement.headSeq });
        if (row?.hash === statement.headHash) from = { seq: row.seq, hash: row.hash };
      }
      const problems: AuditProblem[] = [];
      const rows = await audit.createQueryBuilder('a').where('a.seq > :seq', { seq: from.seq }).orderBy('a.seq', 'ASC').getMany();
      const walked = this.walk(rows, from.hash, problems);
      if (walked.brokenAt) throw new AuditChainBrokenError(walked.brokenAt);
      const [{ rows: count, legacy }] = (await manager.query(
        `SELECT count(*)::int AS "rows", count(*) FILTER (WHERE "chain_version" = 1)::int AS "legacy" FROM "supervision_audit" WHERE "seq" <= $1`,
        [head.seq],
      )) as { rows: number; legacy: number }[];
      const signed = signStatement(
        { format: CHECKPOINT_FORMAT, headSeq: head.seq, headHash: head.hash, rows: count!, legacyRows: legacy!, signedAt: new Date().toISOString() },
        key.privateKeyPem,
      );
      const inserted = await manager.getRepository(SupervisionAuditCheckpointEntity).save({
        headSeq: head.seq,
        headHash: head.hash,
        ...signed,
        keyFingerprint: publicKeyFingerprint(key.publicKeyPem),
        signedAt: new Date(),
      });
      return inserted;
    });
  }

  /** Every checkpoint with the public key, ready to publish; checkable with verifyCheckpointExport alone. */
  async exportCheckpoints(): Promise<CheckpointExport> {
    const key = await this.dataSource.transaction((manager) => this.signingKey(manager));
    const checkpoints = await this.dataSource.getRepository(SupervisionAuditCheckpointEntity).find({ order: { seq: 'ASC' } });
    return checkpointExport(
      key.publicKeyPem,
      checkpoints.map((c) => ({ seq: c.seq, payload: c.payload, signature: c.signature })),
    );
  }

  ofCase(caseId: string): Promise<SupervisionAuditEntity[]> {
    return this.dataSource.getRepository(SupervisionAuditEntity).find({ where: { caseId }, order: { seq: 'ASC' } });
  }

  /** Checks links and hashes from `prevHash` on; notes each row's place for the checkpoints. */
  private walk(rows: SupervisionAuditEntity[], prevHash: string, problems: AuditProblem[]) {
    const bySeq = new Map<string, { hash: string; position: number; legacyBefore: number }>();
    let prev = prevHash;
    let legacyRows = 0;
    let keyed = false;
    let brokenAt: string | null = null;
    const broken = (kind: AuditProblemKind, seq: string) => {
      problems.push({ kind, seq });
      brokenAt ??= seq;
    };
    rows.forEach((row, i) => {
      let expected: string;
      if (Number(row.chainVersion) === 1) {
        if (keyed) broken('legacy-after-keyed', row.seq);
        legacyRows += 1;
        expected = legacyHash(prev, row);
      } else {
        keyed = true;
        if (row.keyId !== this.keys.keyId) broken('row-key-unknown', row.seq);
        expected = this.keys.mac(prev, row);
      }
      if (row.prevHash !== prev || row.hash !== expected) broken('row-altered', row.seq);
      // Go on from the stored hash: later rows that were not touched still link, so only the altered ones show.
      prev = row.hash;
      bySeq.set(row.seq, { hash: row.hash, position: i + 1, legacyBefore: legacyRows });
    });
    return { bySeq, legacyRows, brokenAt: brokenAt as string | null };
  }

  /** The checkpoint key's public half, when its private half opens with our secret and matches it; else null. */
  private async publicKey(): Promise<string | null> {
    const row = await this.loadKey(this.dataSource.manager);
    if (!row) return null;
    try {
      const privateKeyPem = this.keys.unwrap(row.privateKeyEncrypted);
      const derived = publicKeyOf(privateKeyPem);
      return publicKeyFingerprint(derived) === publicKeyFingerprint(row.publicKeyPem) ? derived : null;
    } catch {
      return null;
    }
  }

  /** The platform's checkpoint key, made on first use. */
  private async signingKey(manager: EntityManager): Promise<SigningKey> {
    let row = await this.loadKey(manager);
    if (!row) {
      const pair = generateSealKeyPair();
      await manager
        .createQueryBuilder()
        .insert()
        .into(PlatformKeyEntity)
        .values({ purpose: CHECKPOINT_KEY_PURPOSE, publicKeyPem: pair.publicKeyPem, privateKeyEncrypted: this.keys.wrap(pair.privateKeyPem) })
        .orIgnore()
        .execute();
      row = await this.loadKey(manager);
    }
    const privateKeyPem = this.keys.unwrap(row!.privateKeyEncrypted);
    const publicKeyPem = publicKeyOf(privateKeyPem);
    if (publicKeyFingerprint(publicKeyPem) !== publicKeyFingerprint(row!.publicKeyPem))
      throw new Error("the stored checkpoint public key is not the private key's");
    return { privateKeyPem, publicKeyPem };
  }

  private loadKey(manager: EntityManager): Promise<PlatformKeyEntity | null> {
    return manager
      .getRepository(PlatformKeyEntity)
      .createQueryBuilder('key')
      .addSelect('key.privateKeyEncrypted')
      .where('key.purpose = :purpose', { purpose: CHECKPOINT_KEY_PURPOSE })
      .getOne();
  }
}

export type { CheckpointExport, CheckpointStatement };
