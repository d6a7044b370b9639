// The rules of the supervision audit chain and its signed checkpoints, apart from the database, so the
// export can be checked by anyone holding only the published file (verifyCheckpointExport).
//
// HMAC-SM3 rather than HMAC-SHA256: the platform's other integrity mechanisms (seals, checkpoints) are
// SM2/SM3, and the commercial-cryptography assessment of government systems (GB/T 39786-2021, 密评)
// expects SM-series algorithms for the integrity of important records. HKDF (RFC 5869) over SM3 derives
// separate keys from the one secret, so the HMAC key itself is never stored or shown.
import { canonicalJson } from '#domain';
import { sm2Sign, sm2Verify, sm3, SM2_DEFAULT_USER_ID, unwrapPrivateKey, wrapPrivateKey } from '#seal';
import crypto from 'node:crypto';

export const AUDIT_GENESIS = '0'.repeat(64);
export const CHECKPOINT_FORMAT = 'zwt-supervision-audit-checkpoint/1';
export const CHECKPOINT_EXPORT_FORMAT = 'zwt-supervision-audit-checkpoints/1';
export const CHECKPOINT_KEY_PURPOSE = 'audit-checkpoint';

export interface AuditRowContent {
  userId: string;
  action: string;
  caseId: string | null;
  detail: object;
  at: Date;
}

/** Keys derived from AUDIT_HMAC_KEY: the chain's HMAC key, its public id, and the key that wraps the signing key. */
export class AuditKeys {
  readonly keyId: string;
  private readonly hmacKey: Buffer;
  private readonly wrapKey: Buffer;

  constructor(secret: string) {
    const derive = (info: string) => Buffer.from(crypto.hkdfSync('sm3', Buffer.from(secret, 'utf8'), 'zwt-supervision-audit', info, 32));
    this.hmacKey = derive('chain-hmac-sm3');
    this.wrapKey = derive('checkpoint-key-wrap');
    this.keyId = crypto.createHmac('sm3', this.hmacKey).update('key-id').digest('hex').slice(0, 16);
  }

  /** Version 2: HMAC-SM3 over the row, its key id and the previous row's hash. */
  mac(prevHash: string, row: AuditRowContent): string {
    return crypto
      .createHmac('sm3', this.hmacKey)
      .update(canonicalJson(['v2', this.keyId, ...contentOf(prevHash, row)]), 'utf8')
      .digest('hex');
  }

  wrap(privateKeyPem: string): string {
    return wrapPrivateKey(privateKeyPem, this.wrapKey, CHECKPOINT_KEY_PURPOSE);
  }

  /** Throws when the stored key was not wrapped with this secret (replaced or altered in the database). */
  unwrap(stored: string): string {
    return unwrapPrivateKey(stored, this.wrapKey, CHECKPOINT_KEY_PURPOSE);
  }
}

function contentOf(prevHash: string, row: AuditRowContent): unknown[] {
  // Canonical JSON: PostgreSQL's jsonb gives the detail back with its keys in its own order.
  return [prevHash, row.userId, row.action, row.caseId, JSON.parse(JSON.stringify(row.detail)), row.at.toISOString()];
}

/** Version 1 (rows from before the key): plain SHA-256, which anyone can recompute. */
export function legacyHash(prevHash: string, row: AuditRowContent): string {
  return crypto
    .createHash('sha256')
    .update(canonicalJson(contentOf(prevHash, row)), 'utf8')
    .digest('hex');
}

/** What a checkpoint says about the chain, signed as its canonical JSON. */
export interface CheckpointStatement {
  format: typeof CHECKPOINT_FORMAT;
  headSeq: string;
  headHash: string;
  /** Rows up to and including the head. */
  rows: number;
  /** Of those, the version-1 rows (always the first ones). */
  legacyRows: number;
  signedAt: string;
}

export function signStatement(statement: CheckpointStatement, privateKeyPem: string): { payload: string; signature: string } {
  const payload = canonicalJson(statement);
  return { payload, signature: sm2Sign(Buffer.from(payload, 'utf8'), privateKeyPem).toString('base64') };
}

/** SM3 of the key's SubjectPublicKeyInfo DER: what a verifier pins. */
export function publicKeyFingerprint(publicKeyPem: string): string {
  return sm3(crypto.createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' })).toString('hex');
}

/** The uncompressed point 04‖x‖y in hex, as other SM2 tools (e.g. sm-crypto, gmssl) take a public key. */
export function publicKeyHex(publicKeyPem: string): string {
  // An SM2 SubjectPublicKeyInfo ends with the 65-byte uncompressed point of its BIT STRING.
  const der = crypto.createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return der.subarray(der.length - 65).toString('hex');
}

/** The public key of a private key, as PEM (to check a stored public key against its private key). */
export function publicKeyOf(privateKeyPem: string): string {
  return crypto.createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
}

/** The statement a payload carries, or undefined when the signature does not hold or the payload is not one. */
export function openStatement(payload: string, signature: string, publicKeyPem: string): CheckpointStatement | undefined {
  let valid: boolean;
  try {
    valid = sm2Verify(Buffer.from(payload, 'utf8'), Buffer.from(signature, 'base64'), publicKeyPem);
  } catch {
    return undefined;
  }
  if (!valid) return undefined;
  try {
    const statement = JSON.parse(payload) as CheckpointStatement;
    return statement.format === CHECKPOINT_FORMAT ? statement : undefined;
  } catch {
    return undefined;
  }
}

/** The published form of the checkpoints (`npm run audit:export`, GET /api/supervision/audit/checkpoints). */
export interface CheckpointExport {
  format: typeof CHECKPOINT_EXPORT_FORMAT;
  algorithm: 'SM2-with-SM3';
  /** The SM2 distinguishing identifier used (GM/T 0009-2012 default). */
  userId: string;
  publicKeyPem: string;
  publicKeyHex: string;
  fingerprint: string;
  exportedAt: string;
  checkpoints: { seq: string; payload: string; signature: string }[];
}

export function checkpointExport(publicKeyPem: string, checkpoints: CheckpointExport['checkpoints']): CheckpointExport {
  return {
    format: CHECKPOINT_EXPORT_FORMAT,
    algorithm: 'SM2-with-SM3',
    userId: SM2_DEFAULT_USER_ID,
    publicKeyPem,
    publicKeyHex: publicKeyHex(publicKeyPem),
    fingerprint: publicKeyFingerprint(publicKeyPem),
    exportedAt: new Date().toISOString(),
    checkpoints,
  };
}

/**
 * Checks a published export on its own: every signature under its key (pinned by `fingerprint` when
 * given: the fingerprint published once, e.g. in the county's gazette) and heads that only move forward.
 * Needs no database and no secret.
 */
export function verifyCheckpointExport(
  file: CheckpointExport,
  fingerprint?: string,
): { valid: boolean; problems: string[]; statements: CheckpointStatement[] } {
  const problems: string[] = [];
  if (file.format !== CHECKPOINT_EXPORT_FORMAT) problems.push(`unknown format ${String(file.format)}`);
  const actual = publicKeyFingerprint(file.publicKeyPem);
  if (fingerprint && actual !== fingerprint) problems.push(`signing key ${actual} is not the pinned ${fingerprint}`);
  if (actual !== file.fingerprint) problems.push("the stated fingerprint is not the key's");
  const statements: CheckpointStatement[] = [];
  for (const checkpoint of file.checkpoints) {
    const statement = openStatement(checkpoint.payload, checkpoint.signature, file.publicKeyPem);
    if (!statement) {
      problems.push(`checkpoint ${checkpoint.seq}: signature does not hold`);
      continue;
    }
    const before = statements[statements.length - 1];
    if (before && (BigInt(statement.headSeq) < BigInt(before.headSeq) || statement.rows < before.rows))
      problems.push(`checkpoint ${checkpoint.seq}: the head moved back`);
    statements.push(statement);
  }
  return { valid: problems.length === 0, problems, statements };
}
