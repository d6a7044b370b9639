import type { DocumentsRepository } from '#persistence';
import { generateSealKeyPair } from '#seal';
import crypto from 'node:crypto';

// Private seal keys at rest: AES-256-GCM under a key derived (SHA-256) from SEAL_MASTER_KEY, which
// only the worker holds. Stored as base64 of iv (12 bytes) + tag (16 bytes) + ciphertext.
function keyOf(masterKey: string): Buffer {
  return crypto.createHash('sha256').update(masterKey, 'utf8').digest();
}

export function encryptPrivateKey(pem: string, masterKey: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyOf(masterKey), iv);
  const ciphertext = Buffer.concat([cipher.update(pem, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

export function decryptPrivateKey(stored: string, masterKey: string): string {
  const raw = Buffer.from(stored, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keyOf(masterKey), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** An organisation's private seal key, made on first use (for case and disclosure documents alike); it never leaves the worker. */
export async function privateSealKeyOf(documents: DocumentsRepository, orgId: string, masterKey: string): Promise<string> {
  let key = await documents.sealKeyWithSecret(orgId);
  if (!key) {
    const pair = generateSealKeyPair();
    await documents.insertKeyIfMissing({ orgId, publicKeyPem: pair.publicKeyPem, privateKeyEncrypted: encryptPrivateKey(pair.privateKeyPem, masterKey) });
    key = await documents.sealKeyWithSecret(orgId);
  }
  return decryptPrivateKey(key!.privateKeyEncrypted, masterKey);
}
