import type { DocumentsRepository } from '#persistence';
import { generateSealKeyPair, unwrapPrivateKey, wrapPrivateKey } from '#seal';
import crypto from 'node:crypto';

// Private seal keys at rest: wrapped (libs/seal key-wrap) under a key derived (SHA-256) from
// SEAL_MASTER_KEY, which only the worker holds.
function keyOf(masterKey: string): Buffer {
  return crypto.createHash('sha256').update(masterKey, 'utf8').digest();
}

export function encryptPrivateKey(pem: string, masterKey: string): string {
  return wrapPrivateKey(pem, keyOf(masterKey));
}

export function decryptPrivateKey(stored: string, masterKey: string): string {
  return unwrapPrivateKey(stored, keyOf(masterKey));
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
