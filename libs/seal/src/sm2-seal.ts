// SM2 digital signatures (GB/T 32918.2-2016, GM/T 0003.2-2012) with SM3 (GB/T 32905-2016), the
// algorithms GB/T 38540-2020 prescribes for electronic seals (电子印章).
//
// Why the curve arithmetic is ours (found by experiment on Node 20.20 / OpenSSL 3.0, pinned in
// sm2-seal.spec.ts): crypto.sign('sm3', m, key) on an SM2 key does one of two non-conformant things.
// A KeyObject fresh from generateKeyPairSync('ec', { namedCurve: 'SM2' }) is an EC key and gets plain
// ECDSA over SM3(m). A key parsed from PEM is OpenSSL's SM2 type and gets a real SM2 signature, but
// with Z_A over an empty ID (ENTL 0): Node offers no way to set the distinguishing ID, so the
// GM/T 0009-2012 default "1234567812345678" that other SM2 implementations use cannot be had, and
// there is no sign-a-precomputed-e primitive either. So node:crypto only generates and parses keys,
// hashes (SM3) and supplies randomness; signing and verifying are done here with BigInt.
//
// Not constant-time, which this project does not require: the BigInt arithmetic and the double-and-add
// loop take time that depends on the private key and on k. Do not offer signing where an attacker can
// time many signatures.
import { KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';

/** Short-Weierstrass curve y² = x³ + ax + b over F_p with base point G of prime order n (cofactor 1). */
export interface Sm2Curve {
  p: bigint;
  a: bigint;
  b: bigint;
  gx: bigint;
  gy: bigint;
  n: bigint;
}

/** The recommended curve sm2p256v1 (GB/T 32918.5-2017, GM/T 0003.5-2012). */
export const SM2P256V1: Sm2Curve = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
};

/** The default distinguishing identifier of GM/T 0009-2012 §10 (also GB/T 35276-2017). */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** DER of the curve's OID 1.2.156.10197.1.301, as it appears in PKCS#8 / SPKI / SEC1 keys. */
const SM2_CURVE_OID_DER = Buffer.from('06082a811ccf5501822d', 'hex');

export interface SealKeyPair {
  privateKeyPem: string;
  publicKeyPem: string;
}

export interface AffinePoint {
  x: bigint;
  y: bigint;
}

export function generateSealKeyPair(): SealKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function sm3(...parts: Uint8Array[]): Buffer {
  const hash = createHash('sm3');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/** SM2 signature over `message` with SM3, DER-encoded `SEQUENCE { r INTEGER, s INTEGER }` (GM/T 0009-2012 §7.3). */
export function sm2Sign(message: Uint8Array, privateKeyPem: string, userId: string = SM2_DEFAULT_USER_ID): Buffer {
  const key = createPrivateKey(privateKeyPem);
  const d = privateScalarOf(key);
  const publicPoint = publicPointOf(createPublicKey(key));
  for (;;) {
    const { r, s } = signWithK(message, d, publicPoint, randomScalar(SM2P256V1.n), userId, SM2P256V1);
    if (r !== undefined && s !== undefined) return encodeSignatureDer(r, s);
  }
}

/**
 * False for any signature that is not a valid SM2 signature of `message` under this key and user ID,
 * including malformed or non-canonical DER. Throws only when the key itself is not an SM2 public key.
 */
export function sm2Verify(message: Uint8Array, signature: Uint8Array, publicKeyPem: string, userId: string = SM2_DEFAULT_USER_ID): boolean {
  const publicPoint = publicPointOf(createPublicKey(publicKeyPem));
  const decoded = decodeSignatureDer(signature);
  if (!decoded) return false;
  return verifyPoint(message, decoded.r, decoded.s, publicPoint, userId, SM2P256V1);
}

/**
 * Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) — GB/T 32918.2-2016 §5.5. Exported for
 * the known-answer tests.
 */
export function computeZa(userId: string, publicPoint: AffinePoint, curve: Sm2Curve = SM2P256V1): Buffer {
  const id = Buffer.from(userId, 'utf8');
  const entlBits = id.length * 8;
  if (entlBits > 0xffff) throw new Error('SM2 user ID is longer than 8191 bytes');
  const entl = Buffer.from([entlBits >> 8, entlBits & 0xff]);
  const size = fieldBytes(curve);
  return sm3(entl, id, ...[curve.a, curve.b, curve.gx, curve.gy, publicPoint.x, publicPoint.y].map((v) => toFixedBytes(v, size)));
}

export interface Sm2SignatureTrace {
  publicPoint: AffinePoint;
  za: Buffer;
  e: bigint;
  r: bigint;
  s: bigint;
}

/**
 * Signing steps A1–A6 of GB/T 32918.2-2016 §6.1 with a caller-chosen k, for the standard's
 * known-answer examples only: a reused or predictable k reveals the private key.
 * @internal
 */
export function sm2SignWithK(message: Uint8Array, d: bigint, k: bigint, userId: string = SM2_DEFAULT_USER_ID, curve: Sm2Curve = SM2P256V1): Sm2SignatureTrace {
  const publicPoint = multiplyBase(d, curve);
  const trace = signWithK(message, d, publicPoint, k, userId, curve);
  if (trace.r === undefined || trace.s === undefined) throw new Error('this k gives r = 0, r + k = n or s = 0');
  return { publicPoint, za: trace.za, e: trace.e, r: trace.r, s: trace.s };
}

/** Verification steps B1–B7 of GB/T 32918.2-2016 §7.1 on an affine public point, any curve. @internal */
export function sm2VerifyPoint(
  message: Uint8Array,
  r: bigint,
  s: bigint,
  publicPoint: AffinePoint,
  userId: string = SM2_DEFAULT_USER_ID,
  curve: Sm2Curve = SM2P256V1,
): boolean {
  return verifyPoint(message, r, s, publicPoint, userId, curve);
}

/** The raw key material of an SM2 key pair in PEM (for interoperability with other SM2 tools). */
export function rawSealKey(privateKeyPem: string): { d: bigint; publicPoint: AffinePoint } {
  const key = createPrivateKey(privateKeyPem);
  return { d: privateScalarOf(key), publicPoint: publicPointOf(createPublicKey(key)) };
}

export function encodeSignatureDer(r: bigint, s: bigint): Buffer {
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  // At most 2 × 35 bytes for a 256-bit curve, so the short length form always applies.
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/** Strict DER: one SEQUENCE of two minimal positive INTEGERs, nothing after it (no malleable encodings). */
export function decodeSignatureDer(der: Uint8Array): { r: bigint; s: bigint } | undefined {
  const buf = Buffer.from(der.buffer, der.byteOffset, der.byteLength);
  if (buf.length < 8 || buf[0] !== 0x30 || buf[1] !== buf.length - 2) return undefined;
  const r = readDerInteger(buf, 2);
  if (!r) return undefined;
  const s = readDerInteger(buf, r.next);
  if (!s || s.next !== buf.length) return undefined;
  return { r: r.value, s: s.value };
}

// ---------------------------------------------------------------- signing equations

function signWithK(
  message: Uint8Array,
  d: bigint,
  publicPoint: AffinePoint,
  k: bigint,
  userId: string,
  curve: Sm2Curve,
): { za: Buffer; e: bigint; r?: bigint; s?: bigint } {
  const { n } = curve;
  if (d < 1n || d > n - 2n) throw new Error('SM2 private key is out of range [1, n-2]');
  if (k < 1n || k >= n) throw new Error('SM2 nonce k is out of range [1, n-1]');
  const za = computeZa(userId, publicPoint, curve);
  const e = toBigInt(sm3(za, message));
  const x1 = multiplyBase(k, curve).x;
  const r = mod(e + x1, n);
  if (r === 0n || r + k === n) return { za, e };
  const s = mod(modInverse(1n + d, n) * (k - r * d), n);
  if (s === 0n) return { za, e };
  return { za, e, r, s };
}

function verifyPoint(message: Uint8Array, r: bigint, s: bigint, publicPoint: AffinePoint, userId: string, curve: Sm2Curve): boolean {
  const { n } = curve;
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  if (!isOnCurve(publicPoint, curve)) return false;
  const t = mod(r + s, n);
  if (t === 0n) return false;
  const e = toBigInt(sm3(computeZa(userId, publicPoint, curve), message));
  const sum = addJacobian(multiplyJacobian(toJacobian({ x: curve.gx, y: curve.gy }), s, curve), multiplyJacobian(toJacobian(publicPoint), t, curve), curve);
  const point = toAffine(sum, curve);
  if (!point) return false;
  return mod(e + point.x, n) === r;
}

function randomScalar(n: bigint): bigint {
  const bytes = (n.toString(16).length + 1) >> 1;
  for (;;) {
    const k = toBigInt(randomBytes(bytes));
    if (k >= 1n && k < n) return k;
  }
}

// ---------------------------------------------------------------- curve arithmetic (Jacobian)

/** (X, Y, Z) stands for the affine point (X/Z², Y/Z³); Z = 0 is the point at infinity. */
interface JacobianPoint {
  x: bigint;
  y: bigint;
  z: bigint;
}

const INFINITY: JacobianPoint = { x: 1n, y: 1n, z: 0n };

function toJacobian(point: AffinePoint): JacobianPoint {
  return { x: point.x, y: point.y, z: 1n };
}

function toAffine(point: JacobianPoint, curve: Sm2Curve): AffinePoint | undefined {
  if (point.z === 0n) return undefined;
  const { p } = curve;
  const zInv = modInverse(point.z, p);
  const zInv2 = mod(zInv * zInv, p);
  return { x: mod(point.x * zInv2, p), y: mod(point.y * zInv2 * zInv, p) };
}

function doubleJacobian(point: JacobianPoint, curve: Sm2Curve): JacobianPoint {
  const { p, a } = curve;
  if (point.z === 0n || point.y === 0n) return INFINITY;
  const xx = mod(point.x * point.x, p);
  const yy = mod(point.y * point.y, p);
  const yyyy = mod(yy * yy, p);
  const zz = mod(point.z * point.z, p);
  const s = mod(4n * point.x * yy, p);
  const m = mod(3n * xx + a * zz * zz, p);
  const x3 = mod(m * m - 2n * s, p);
  return {
    x: x3,
    y: mod(m * (s - x3) - 8n * yyyy, p),
    z: mod(2n * point.y * point.z, p),
  };
}

function addJacobian(left: JacobianPoint, right: JacobianPoint, curve: Sm2Curve): JacobianPoint {
  const { p } = curve;
  if (left.z === 0n) return right;
  if (right.z === 0n) return left;
  const z1z1 = mod(left.z * left.z, p);
  const z2z2 = mod(right.z * right.z, p);
  const u1 = mod(left.x * z2z2, p);
  const u2 = mod(right.x * z1z1, p);
  const s1 = mod(left.y * right.z * z2z2, p);
  const s2 = mod(right.y * left.z * z1z1, p);
  if (u1 === u2) return s1 === s2 ? doubleJacobian(left, curve) : INFINITY;
  const h = mod(u2 - u1, p);
  const rr = mod(s2 - s1, p);
  const hh = mod(h * h, p);
  const hhh = mod(hh * h, p);
  const v = mod(u1 * hh, p);
  const x3 = mod(rr * rr - hhh - 2n * v, p);
  return {
    x: x3,
    y: mod(rr * (v - x3) - s1 * hhh, p),
    z: mod(h * left.z * right.z, p),
  };
}

/** Left-to-right double-and-add. */
function multiplyJacobian(point: JacobianPoint, scalar: bigint, curve: Sm2Curve): JacobianPoint {
  let result = INFINITY;
  for (let bit = BigInt(scalar.toString(2).length - 1); bit >= 0n; bit--) {
    result = doubleJacobian(result, curve);
    if ((scalar >> bit) & 1n) result = addJacobian(result, point, curve);
  }
  return result;
}

function multiplyBase(scalar: bigint, curve: Sm2Curve): AffinePoint {
  const point = toAffine(multiplyJacobian(toJacobian({ x: curve.gx, y: curve.gy }), mod(scalar, curve.n), curve), curve);
  if (!point) throw new Error('scalar multiple of G is the point at infinity');
  return point;
}

function isOnCurve(point: AffinePoint, curve: Sm2Curve): boolean {
  const { p, a, b } = curve;
  if (point.x < 0n || point.x >= p || point.y < 0n || point.y >= p) return false;
  return mod(point.y * point.y - (point.x * point.x * point.x + a * point.x + b), p) === 0n;
}

function mod(value: bigint, modulus: bigint): bigint {
  const r = value % modulus;
  return r < 0n ? r + modulus : r;
}

function modInverse(value: bigint, modulus: bigint): bigint {
  let [oldR, r] = [mod(value, modulus), modulus];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new Error('value is not invertible');
  return mod(oldS, modulus);
}

function fieldBytes(curve: Sm2Curve): number {
  return (curve.p.toString(16).length + 1) >> 1;
}

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

function toFixedBytes(value: bigint, size: number): Buffer {
  return Buffer.from(value.toString(16).padStart(size * 2, '0'), 'hex');
}

// ---------------------------------------------------------------- key and DER parsing

// Keys are read from the DER that Node exports rather than from KeyObject properties: once parsed from
// PEM, an SM2 key is OpenSSL's SM2 type, which Node 20 reports as asymmetricKeyType undefined, cannot
// export as JWK, and aborts the whole process (a C++ assertion) when asked for SEC1. PKCS#8 and SPKI
// exports work for both the generated (EC) and the parsed (SM2) kind.

/** AlgorithmIdentifier { id-ecPublicKey, namedCurve 1.2.156.10197.1.301 } or the key is refused. */
function assertSm2Algorithm(der: Buffer, algorithm: { start: number; end: number }): void {
  if (!der.subarray(algorithm.start, algorithm.end).includes(SM2_CURVE_OID_DER)) {
    throw new Error('expected a key on the SM2 curve (OID 1.2.156.10197.1.301)');
  }
}

/**
 * PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier, OCTET STRING { ECPrivateKey } } with
 * ECPrivateKey ::= SEQUENCE { version INTEGER (1), privateKey OCTET STRING, ... } (RFC 5208, RFC 5915).
 */
function privateScalarOf(key: KeyObject): bigint {
  if (key.type !== 'private') throw new Error('expected an SM2 private key');
  const der = key.export({ type: 'pkcs8', format: 'der' });
  const info = readTlv(der, 0, 0x30);
  const version = readTlv(der, info.start, 0x02);
  const algorithm = readTlv(der, version.end, 0x30);
  assertSm2Algorithm(der, algorithm);
  const wrapped = readTlv(der, algorithm.end, 0x04);
  const ecPrivateKey = readTlv(der, wrapped.start, 0x30);
  const ecVersion = readTlv(der, ecPrivateKey.start, 0x02);
  const octets = readTlv(der, ecVersion.end, 0x04);
  return toBigInt(der.subarray(octets.start, octets.end));
}

/** SubjectPublicKeyInfo ::= SEQUENCE { AlgorithmIdentifier, BIT STRING (00 04 ‖ x ‖ y) } (RFC 5480). */
function publicPointOf(key: KeyObject): AffinePoint {
  const der = key.export({ type: 'spki', format: 'der' });
  const info = readTlv(der, 0, 0x30);
  const algorithm = readTlv(der, info.start, 0x30);
  assertSm2Algorithm(der, algorithm);
  const bits = readTlv(der, algorithm.end, 0x03);
  const point = der.subarray(bits.start + 1, bits.end);
  const size = fieldBytes(SM2P256V1);
  if (der[bits.start] !== 0 || point.length !== 1 + 2 * size || point[0] !== 0x04) {
    throw new Error('SM2 public key is not an uncompressed point');
  }
  return { x: toBigInt(point.subarray(1, 1 + size)), y: toBigInt(point.subarray(1 + size)) };
}

function readTlv(der: Buffer, offset: number, tag: number): { start: number; end: number } {
  if (der[offset] !== tag) throw new Error(`unexpected DER tag at ${offset}`);
  let length = der[offset + 1];
  let start = offset + 2;
  if (length === undefined) throw new Error('truncated DER');
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (der[start + i] ?? 0);
    start += count;
  }
  if (start + length > der.length) throw new Error('truncated DER');
  return { start, end: start + length };
}

function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  const bytes = Buffer.from(hex, 'hex');
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

function readDerInteger(buf: Buffer, offset: number): { value: bigint; next: number } | undefined {
  if (buf[offset] !== 0x02) return undefined;
  const length = buf[offset + 1];
  if (length === undefined || length === 0 || length & 0x80) return undefined;
  const start = offset + 2;
  const end = start + length;
  if (end > buf.length) return undefined;
  const first = buf[start];
  if (first & 0x80) return undefined; // negative
  if (first === 0 && length > 1 && !(buf[start + 1] & 0x80)) return undefined; // non-minimal
  return { value: toBigInt(buf.subarray(start, end)), next: end };
}
