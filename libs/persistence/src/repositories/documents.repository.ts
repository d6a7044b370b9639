import { type DataSource, IsNull } from 'typeorm';
import { CaseDocumentEntity, SealKeyEntity } from '../entities/documents/document-records.entity';

export class DocumentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The department's seal key with its (encrypted) private key — for the worker that seals, never an endpoint. */
  sealKeyWithSecret(orgId: string): Promise<SealKeyEntity | null> {
    return this.dataSource
      .getRepository(SealKeyEntity)
      .createQueryBuilder('key')
      .addSelect('key.privateKeyEncrypted')
      .where('key.org_id = :orgId', { orgId })
      .getOne();
  }

  publicKey(orgId: string): Promise<SealKeyEntity | null> {
    return this.dataSource.getRepository(SealKeyEntity).findOneBy({ orgId });
  }

  /** Stores a key pair unless the department has one (the first one stays). */
  async insertKeyIfMissing(values: { orgId: string; publicKeyPem: string; privateKeyEncrypted: string }): Promise<void> {
    await this.dataSource.createQueryBuilder().insert().into(SealKeyEntity).values(values).orIgnore().execute();
  }

  find(caseId: string, stepToken: string, title: string): Promise<CaseDocumentEntity | null> {
    return this.dataSource.getRepository(CaseDocumentEntity).findOneBy({ caseId, stepToken, title });
  }

  exists(id: string): Promise<boolean> {
    return this.dataSource.getRepository(CaseDocumentEntity).existsBy({ id });
  }

  findById(id: string): Promise<CaseDocumentEntity | null> {
    return this.dataSource.getRepository(CaseDocumentEntity).findOne({ where: { id }, relations: { org: true } });
  }

  ofCase(caseId: string): Promise<CaseDocumentEntity[]> {
    return this.dataSource.getRepository(CaseDocumentEntity).find({ where: { caseId }, relations: { org: true }, order: { issuedAt: 'ASC', title: 'ASC' } });
  }

  async setSignature(id: string, signature: string): Promise<void> {
    await this.dataSource.getRepository(CaseDocumentEntity).update({ id, signature: IsNull() }, { signature });
  }

  /** Idempotent by case, step and title. */
  async insert(values: Omit<CaseDocumentEntity, 'id' | 'storedAt' | 'case' | 'org' | 'file'>): Promise<void> {
    await this.dataSource.createQueryBuilder().insert().into(CaseDocumentEntity).values(values).orIgnore().execute();
  }
}
