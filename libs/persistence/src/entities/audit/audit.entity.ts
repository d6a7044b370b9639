import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * How a row's hash was made. 1: plain SHA-256 over the row and the previous hash — rows written before
 * the chain was keyed, kept and verified as they were, anchored by a signed checkpoint. 2: HMAC-SM3 under
 * AUDIT_HMAC_KEY (held outside the database), named by `keyId`.
 */
export type AuditChainVersion = 1 | 2;

/**
 * Who in the supervision office (and which admin) looked at what, when (监察留痕). Append-only (a trigger
 * refuses UPDATE, DELETE and TRUNCATE) and chained: each row's hash covers its content and the previous
 * row's hash, keyed, so that only the key's holder can write a chain that verifies (`npm run audit:verify`).
 */
@Entity({ name: 'supervision_audit' })
@Check('CK_supervision_audit_chain', `("chain_version" = 1 AND "key_id" IS NULL) OR ("chain_version" = 2 AND "key_id" IS NOT NULL)`)
export class SupervisionAuditEntity {
  @PrimaryGeneratedColumn('increment', { name: 'seq', type: 'bigint', primaryKeyConstraintName: 'PK_supervision_audit' })
  seq!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  /** timeline | case | alarm | alarms | disclosure-request … */
  @Column({ name: 'action', type: 'varchar', length: 32 })
  action!: string;

  @Index('IX_supervision_audit_case')
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId!: string | null;

  @Column({ name: 'detail', type: 'jsonb' })
  detail!: object;

  @Column({ name: 'at', type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ name: 'hash', type: 'char', length: 64 })
  hash!: string;

  @Column({ name: 'chain_version', type: 'smallint' })
  chainVersion!: AuditChainVersion;

  /** The HMAC key's id (derived from it, not the key); null for version 1. */
  @Column({ name: 'key_id', type: 'char', length: 16, nullable: true })
  keyId!: string | null;
}

/**
 * A signed checkpoint of the chain's head: the platform's SM2 key signs `payload` (canonical JSON naming
 * the head's seq and hash, the row count and how many rows are of version 1). Exported and published,
 * it lets anyone prove later that the rows up to the head were there and unchanged (a truncated tail or
 * a rewritten chain no longer matches). Append-only like the log.
 */
@Entity({ name: 'supervision_audit_checkpoints' })
export class SupervisionAuditCheckpointEntity {
  @PrimaryGeneratedColumn('increment', { name: 'seq', type: 'bigint', primaryKeyConstraintName: 'PK_supervision_audit_checkpoint' })
  seq!: string;

  @Column({ name: 'head_seq', type: 'bigint' })
  headSeq!: string;

  @Column({ name: 'head_hash', type: 'char', length: 64 })
  headHash!: string;

  /** The exact bytes signed (UTF-8). */
  @Column({ name: 'payload', type: 'text' })
  payload!: string;

  /** SM2 with SM3, DER, base64. */
  @Column({ name: 'signature', type: 'text' })
  signature!: string;

  /** SM3 (hex) of the signing key's SubjectPublicKeyInfo DER. */
  @Column({ name: 'key_fingerprint', type: 'char', length: 64 })
  keyFingerprint!: string;

  @Column({ name: 'signed_at', type: 'timestamptz' })
  signedAt!: Date;
}

/**
 * The platform's own SM2 key pairs (not a department's seal), by purpose: `audit-checkpoint` signs the
 * audit log's checkpoints. The private key is encrypted (AES-256-GCM) under a key derived from
 * AUDIT_HMAC_KEY, so a copy of the database alone cannot sign.
 */
@Entity({ name: 'platform_keys' })
export class PlatformKeyEntity {
  @PrimaryColumn({ name: 'purpose', type: 'varchar', length: 32, primaryKeyConstraintName: 'PK_platform_key' })
  purpose!: string;

  @Column({ name: 'public_key_pem', type: 'text' })
  publicKeyPem!: string;

  /** base64 of iv (12) + auth tag (16) + ciphertext of the PKCS8 PEM. */
  @Column({ name: 'private_key_encrypted', type: 'text', select: false })
  privateKeyEncrypted!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
