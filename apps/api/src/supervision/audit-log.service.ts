import { ApiEnv } from '#config';
import { DomainError, ErrorCode } from '#domain';
import { AuditChainBrokenError, AuditRepository } from '#persistence';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { AuthUser } from '../common/auth/auth-user';

/**
 * Signed checkpoints of the supervision audit log: one at start (which also anchors rows written before
 * the chain was keyed) and then every AUDIT_CHECKPOINT_INTERVAL_SECONDS, from every API process (a
 * checkpoint over an unchanged head is not written twice); on demand for supervisors; exported to publish.
 */
@Injectable()
export class AuditLogService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditLogService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly audit: AuditRepository,
    private readonly env: ApiEnv,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.env.AUDIT_CHECKPOINT_INTERVAL_SECONDS;
    if (seconds === 0) return;
    void this.scheduled();
    this.timer = setInterval(() => void this.scheduled(), seconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Supervisor: signs the head now (or answers the checkpoint that already names it). 409 AUDIT_CHAIN_BROKEN over a broken chain. */
  async checkpoint(user: AuthUser) {
    try {
      const checkpoint = await this.audit.checkpoint();
      await this.audit.append({ userId: user.id, action: 'audit-checkpoint', caseId: null, detail: { checkpoint: checkpoint?.seq ?? null } });
      return checkpoint
        ? {
            seq: checkpoint.seq,
            headSeq: checkpoint.headSeq,
            headHash: checkpoint.headHash,
            payload: checkpoint.payload,
            signature: checkpoint.signature,
            keyFingerprint: checkpoint.keyFingerprint,
          }
        : null;
    } catch (error) {
      if (error instanceof AuditChainBrokenError) {
        throw new DomainError(ErrorCode.AUDIT_CHAIN_BROKEN, '监察日志链校验未通过，不能签署检查点', [{ rule: 'auditChain', seq: error.seq }]);
      }
      throw error;
    }
  }

  /** Supervisor: every checkpoint with the public key, to publish (checkable without the platform). */
  async exportCheckpoints(user: AuthUser) {
    const exported = await this.audit.exportCheckpoints();
    await this.audit.append({ userId: user.id, action: 'audit-export', caseId: null, detail: { checkpoints: exported.checkpoints.length } });
    return exported;
  }

  /** Supervisor: the chain and its checkpoints checked now (what `npm run audit:verify` reports). */
  async verify(user: AuthUser) {
    const result = await this.audit.verify();
    await this.audit.append({ userId: user.id, action: 'audit-verify', caseId: null, detail: { ok: result.ok } });
    return result;
  }

  private async scheduled(): Promise<void> {
    try {
      await this.audit.checkpoint();
    } catch (error) {
      // A broken chain is not signed over; the supervision office sees it in audit:verify.
      this.logger.error(`audit checkpoint not written: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
