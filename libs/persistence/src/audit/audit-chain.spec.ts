import { generateSealKeyPair } from '#seal';
import {
  AUDIT_GENESIS,
  AuditKeys,
  CHECKPOINT_FORMAT,
  checkpointExport,
  legacyHash,
  publicKeyFingerprint,
  signStatement,
  verifyCheckpointExport,
} from './audit-chain';

const row = {
  userId: '00000000-0000-4000-8000-000000000001',
  action: 'case',
  caseId: null,
  detail: { b: 1, a: [2] },
  at: new Date('2026-12-04T08:00:00.000Z'),
};
const secret = 'k'.repeat(40);

describe('the audit chain rules', () => {
  it('keys a row so that neither a plain hash nor another key reproduces it', () => {
    const keys = new AuditKeys(secret);
    const mac = keys.mac(AUDIT_GENESIS, row);
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(mac).toBe(new AuditKeys(secret).mac(AUDIT_GENESIS, row));
    expect(mac).not.toBe(legacyHash(AUDIT_GENESIS, row));
    expect(mac).not.toBe(new AuditKeys('x'.repeat(40)).mac(AUDIT_GENESIS, row));
    expect(mac).not.toBe(keys.mac('1'.repeat(64), row));
    expect(keys.mac(AUDIT_GENESIS, { ...row, detail: { a: [2], b: 1 } })).toBe(mac); // jsonb key order does not matter
  });

  it('names the key by an id that is not the key', () => {
    const keys = new AuditKeys(secret);
    expect(keys.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(keys.keyId).not.toBe(new AuditKeys('x'.repeat(40)).keyId);
    expect(secret).not.toContain(keys.keyId);
  });

  it('wraps the signing key so that only the same secret opens it', () => {
    const { privateKeyPem } = generateSealKeyPair();
    const wrapped = new AuditKeys(secret).wrap(privateKeyPem);
    expect(new AuditKeys(secret).unwrap(wrapped)).toBe(privateKeyPem);
    expect(() => new AuditKeys('x'.repeat(40)).unwrap(wrapped)).toThrow();
  });

  it('checks an export with its key alone, pinned by fingerprint, heads moving forward only', () => {
    const { privateKeyPem, publicKeyPem } = generateSealKeyPair();
    const statement = (headSeq: string, rows: number) =>
      ({ format: CHECKPOINT_FORMAT, headSeq, headHash: 'a'.repeat(64), rows, legacyRows: 0, signedAt: '2026-12-04T08:00:00.000Z' }) as const;
    const first = { seq: '1', ...signStatement(statement('5', 5), privateKeyPem) };
    const second = { seq: '2', ...signStatement(statement('9', 9), privateKeyPem) };
    const file = checkpointExport(publicKeyPem, [first, second]);
    expect(verifyCheckpointExport(file, publicKeyFingerprint(publicKeyPem))).toMatchObject({ valid: true, statements: [{ headSeq: '5' }, { headSeq: '9' }] });
    expect(verifyCheckpointExport({ ...file, checkpoints: [second, first] }).problems).toEqual(['checkpoint 1: the head moved back']);
    expect(verifyCheckpointExport({ ...file, checkpoints: [{ ...first, payload: first.payload.replace('"rows":5', '"rows":6') }] }).problems).toEqual([
      'checkpoint 1: signature does not hold',
    ]);
    const other = generateSealKeyPair();
    expect(
      verifyCheckpointExport(
        checkpointExport(other.publicKeyPem, [{ seq: '1', ...signStatement(statement('5', 5), other.privateKeyPem) }]),
        publicKeyFingerprint(publicKeyPem),
      ).valid,
    ).toBe(false);
  });
});
