import crypto from 'node:crypto';

/**
 * A private key at rest: AES-256-GCM under a 32-byte key the database never holds, stored as base64 of
 * iv (12 bytes) + tag (16 bytes) + ciphertext. `purpose`, when given, is bound as additional data, so a
 * key wrapped for one use does not open as another. Shared by the departments' seal keys and the
 * platform's audit-checkpoint key.
 */
export function wrapPrivateKey(pem: string, key: Buffer, purpose?: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  if (purpose !== undefined) cipher.setAAD(Buffer.from(purpose, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(pem, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

/** Throws when the stored key was not wrapped with this key and purpose (replaced or altered). */
export function unwrapPrivateKey(stored: string, key: Buffer, purpose?: string): string {
  const raw = Buffer.from(stored, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  if (purpose !== undefined) decipher.setAAD(Buffer.from(purpose, 'utf8'));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
