import { DomainError, ErrorCode } from '#domain';
import { DiskFileStore, DocumentsRepository } from '#persistence';
import { Injectable } from '@nestjs/common';
import { verifySealedDocument } from '#seal';
import type { AuthUser } from '../common/auth/auth-user';
import { CasesService } from '../cases/cases.service';

/** Documents (文书) a case issued: the sealed PDFs and their verification. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly files: DiskFileStore,
    private readonly cases: CasesService,
  ) {}

  /** The case's documents, for whoever may read the case. */
  async ofCase(user: AuthUser, caseId: string) {
    await this.cases.get(user, caseId);
    return (await this.documents.ofCase(caseId)).map((d) => ({
      id: d.id,
      title: d.title,
      issuer: d.org?.name,
      issuedAt: d.issuedAt.toISOString(),
      sealed: d.signature !== null,
      sm3: d.sm3,
      pdf: `/api/documents/${d.id}/pdf`,
      verify: `/api/documents/${d.id}/verify`,
    }));
  }

  async pdf(user: AuthUser, id: string): Promise<{ data: Buffer; title: string }> {
    const doc = await this.load(id);
    await this.cases.get(user, doc.caseId);
    const data = await this.files.get(doc.sha256);
    if (!data) throw new DomainError(ErrorCode.DOCUMENT_NOT_FOUND, '文书文件缺失');
    return { data, title: doc.title };
  }

  /**
   * Checks the signature with the issuing department's public key: over the stored PDF, or over a
   * copy someone holds (uploaded). Any changed byte shows as `valid: false`.
   */
  async verify(id: string, copy?: Buffer) {
    const doc = await this.load(id);
    const key = await this.documents.publicKey(doc.orgId);
    let pdf = copy;
    if (!pdf) {
      try {
        pdf = (await this.files.get(doc.sha256)) ?? undefined;
      } catch {
        // The stored bytes no longer hash to their name: tampered on disk.
        return { documentId: id, valid: false, reason: 'stored-file-altered', algorithm: 'SM2-with-SM3' };
      }
    }
    if (!pdf) throw new DomainError(ErrorCode.DOCUMENT_NOT_FOUND, '文书文件缺失');
    if (!doc.signature || !key) return { documentId: id, valid: false, reason: 'not-sealed', algorithm: 'SM2-with-SM3' };
    const result = verifySealedDocument(pdf, doc.signature, key.publicKeyPem);
    return {
      documentId: id,
      title: doc.title,
      issuer: doc.org?.name,
      valid: result.valid && result.digest === doc.sm3,
      reason: result.valid && result.digest === doc.sm3 ? null : 'signature-mismatch',
      digest: result.digest,
      algorithm: 'SM2-with-SM3',
      publicKey: key.publicKeyPem,
    };
  }

  private async load(id: string) {
    const doc = await this.documents.findById(id);
    if (!doc) throw new DomainError(ErrorCode.DOCUMENT_NOT_FOUND, '未找到该文书');
    return doc;
  }
}
