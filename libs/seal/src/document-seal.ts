// A document's electronic seal (电子印章): a detached SM2 signature with SM3 over the PDF bytes,
// the algorithms of GB/T 38540-2020. Shared by the worker (signs) and the API (verifies).
import { SM2_DEFAULT_USER_ID, sm2Sign, sm2Verify, sm3 } from './sm2-seal';

export interface SealKeys {
  privateKeyPem: string;
  /** SM2 distinguishing identifier; the GM/T 0009-2012 default when absent. */
  userId?: string;
}

export interface DocumentSeal {
  /** Base64 of the DER-encoded SM2 signature over the PDF bytes. */
  signature: string;
  /** Hex SM3 of the PDF bytes, for records and look-up. */
  digest: string;
}

/** Detached SM2 signature with SM3 over the PDF bytes (GB/T 38540-2020 algorithms). */
export function sealDocument(pdf: Uint8Array, keys: SealKeys): DocumentSeal {
  return {
    signature: sm2Sign(pdf, keys.privateKeyPem, keys.userId ?? SM2_DEFAULT_USER_ID).toString('base64'),
    digest: sm3(pdf).toString('hex'),
  };
}

export function verifySealedDocument(
  pdf: Uint8Array,
  signatureBase64: string,
  publicKeyPem: string,
  userId: string = SM2_DEFAULT_USER_ID,
): { valid: boolean; digest: string } {
  const digest = sm3(pdf).toString('hex');
  const signature = Buffer.from(signatureBase64, 'base64');
  // Buffer.from skips characters that are not base64; a signature string that was altered that way
  // must not verify.
  if (signature.toString('base64') !== signatureBase64) return { valid: false, digest };
  return { valid: sm2Verify(pdf, signature, publicKeyPem, userId), digest };
}
