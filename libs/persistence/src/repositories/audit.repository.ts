import { canonicalJson } from '#domain';
import crypto from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SupervisionAuditEntity } from '../entities/audit/audit.entity';

const GENESIS = '0'.repeat(64);
/** Serialises appends so that each row chains to the one before it. */
const AUDIT_LOCK = 0x7a77_0001;

function hashOf(prevHash: string, row: { userId: string; action: string; caseId: string | null; detail: object; at: Date }): string {
  // Canonical JSON: PostgreSQL's jsonb gives the detail back with its keys in its own order.
  const content = canonicalJson([prevHash, row.userId, row.action, row.caseId, JSON.parse(JSON.stringify(row.detail)), row.at.toISOString()]);
  return crypto.createHash('sha256').update(content, 'utf8').digest('hex');
}

export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async append(values: { userId: string; action: string; caseId: string | null; detail: object }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK]);
      const last = await manager.getRepository(SupervisionAuditEntity).find({ order: { seq: 'DESC' }, take: 1 });
      const prevHash = last[0]?.hash ?? GENESIS;
      // Millisecond precision, as the hash covers the ISO form.
      const at = new Date(Math.floor(Date.now()));
      await manager.getRepository(SupervisionAuditEntity).insert({ ...values, at, prevHash, hash: hashOf(prevHash, { ...values, at }) });
    });
  }

  /** Walks the chain; the first row whose link or hash does not hold, or null when all hold. */
  async verify(): Promise<{ rows: number; brokenAt: string | null }> {
    const rows = await this.dataSource.getRepository(SupervisionAuditEntity).find({ order: { seq: 'ASC' } });
    let prev = GENESIS;
    for (const row of rows) {
      if (row.prevHash !== prev || hashOf(prev, row) !== row.hash) return { rows: rows.length, brokenAt: row.seq };
      prev = row.hash;
    }
    return { rows: rows.length, brokenAt: null };
  }

  ofCase(caseId: string): Promise<SupervisionAuditEntity[]> {
    return this.dataSource.getRepository(SupervisionAuditEntity).find({ where: { caseId }, order: { seq: 'ASC' } });
  }
}
