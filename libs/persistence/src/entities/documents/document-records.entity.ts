import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CaseEntity } from '../case/case-records.entity';
import { StoredFileEntity } from '../materials/material-records.entity';
import { OrgEntity } from '../org.entity';

/**
 * A department's electronic seal key pair (电子印章, SM2). The private key is stored encrypted with
 * the server's SEAL_MASTER_KEY (AES-256-GCM) and no endpoint returns it.
 */
@Entity({ name: 'seal_keys' })
export class SealKeyEntity {
  @PrimaryColumn({ name: 'org_id', type: 'uuid', primaryKeyConstraintName: 'PK_seal_key' })
  orgId!: string;

  @ManyToOne(() => OrgEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_seal_key_org' })
  org?: OrgEntity;

  @Column({ name: 'public_key_pem', type: 'text' })
  publicKeyPem!: string;

  /** base64 of iv (12) + auth tag (16) + ciphertext of the PKCS8 PEM. */
  @Column({ name: 'private_key_encrypted', type: 'text', select: false })
  privateKeyEncrypted!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A document (文书) a case issued: the PDF in the file store, sealed with the issuing department's key. */
@Entity({ name: 'case_documents' })
@Unique('UQ_case_document', ['caseId', 'stepToken', 'title'])
export class CaseDocumentEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'PK_case_document' })
  id!: string;

  @Index('IX_case_document_case')
  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @ManyToOne(() => CaseEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'FK_case_document_case' })
  case?: CaseEntity;

  @Column({ name: 'step_token', type: 'varchar', length: 100 })
  stepToken!: string;

  @Column({ name: 'title', type: 'varchar', length: 200 })
  title!: string;

  /** The department whose seal signed it. */
  @Column({ name: 'org_id', type: 'uuid' })
  orgId!: string;

  @ManyToOne(() => OrgEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_id', foreignKeyConstraintName: 'FK_case_document_org' })
  org?: OrgEntity;

  @Column({ name: 'sha256', type: 'char', length: 64 })
  sha256!: string;

  @ManyToOne(() => StoredFileEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sha256', foreignKeyConstraintName: 'FK_case_document_file' })
  file?: StoredFileEntity;

  /** SM3 digest of the PDF, hex. */
  @Column({ name: 'sm3', type: 'char', length: 64 })
  sm3!: string;

  /** SM2 signature over the PDF (DER, base64); null when the step does not apply the seal. */
  @Column({ name: 'signature', type: 'text', nullable: true })
  signature!: string | null;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @CreateDateColumn({ name: 'stored_at', type: 'timestamptz' })
  storedAt!: Date;
}
