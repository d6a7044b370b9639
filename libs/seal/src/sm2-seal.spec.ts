import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import {
  SM2P256V1,
  SM2_DEFAULT_USER_ID,
  type Sm2Curve,
  computeZa,
  decodeSignatureDer,
  generateSealKeyPair,
  rawSealKey,
  sm2Sign,
  sm2SignWithK,
  sm2Verify,
  sm2VerifyPoint,
  sm3,
} from './sm2-seal';

// sm-crypto (an independent pure-JS SM2/SM3) ships no type declarations; this is the part we use.
interface SmCryptoSm2 {
  doSignature(msg: string | number[], privateKeyHex: string, options: { der?: boolean; hash?: boolean; userId?: string }): string;
  doVerifySignature(msg: string | number[], signatureHex: string, publicKeyHex: string, options: { der?: boolean; hash?: boolean; userId?: string }): boolean;
  generateKeyPairHex(): { privateKey: string; publicKey: string };
}

const smCrypto = require('sm-crypto') as { sm2: SmCryptoSm2; sm3(input: string | number[]): string };

const hex = (value: bigint, bytes = 32) => value.toString(16).padStart(bytes * 2, '0');
const big = (h: string) => BigInt(`0x${h.replace(/\s+/g, '')}`);

function smCryptoKeys(privateKeyPem: string) {
  const { d, publicPoint } = rawSealKey(privateKeyPem);
  return { privateKeyHex: hex(d), publicKeyHex: `04${hex(publicPoint.x)}${hex(publicPoint.y)}` };
}

/** SubjectPublicKeyInfo for an uncompressed SM2 point: id-ecPublicKey + OID 1.2.156.10197.1.301. */
function spkiPemFromPoint(publicKeyHex: string): string {
  const der = Buffer.from(`3059301306072a8648ce3d020106082a811ccf5501822d034200${publicKeyHex}`, 'hex');
  return createPublicKey({ key: der, format: 'der', type: 'spki' }).export({ type: 'spki', format: 'pem' }).toString();
}

const MESSAGES: Array<[string, Buffer]> = [
  ['the empty message', Buffer.alloc(0)],
  ['ASCII text', Buffer.from('message digest')],
  ['Chinese text', Buffer.from('准予行政许可决定书：龙安监许〔2026〕12号，申请人张三。', 'utf8')],
  ['binary bytes', Buffer.from([0x00, 0xff, 0x80, 0x7f, 0x01])],
  ['1 MB', Buffer.alloc(1024 * 1024, 0xa5)],
];

describe('SM3', () => {
  it('hashes "abc" to the GB/T 32905-2016 example value', () => {
    expect(sm3(Buffer.from('abc')).toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('agrees with sm-crypto on a 64-byte block boundary', () => {
    const input = 'abcd'.repeat(16);
    expect(sm3(Buffer.from(input)).toString('hex')).toBe(smCrypto.sm3(input));
    expect(sm3(Buffer.from(input)).toString('hex')).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
});

describe('SM2 known-answer tests', () => {
  // GB/T 32918.2-2016 Appendix A (= GM/T 0003.2-2012 Appendix A, draft-shen-sm2-ecdsa-02 §A.2): the
  // signature example on the 256-bit *example* curve over F_p, ID "ALICE123@YAHOO.COM" (ENTL 0x0090).
  // The same numbers are in OpenSSL test/sm2_internal_test.c (sm2_sig_test) and GmSSL test/sm2test.c.
  const EXAMPLE_CURVE: Sm2Curve = {
    p: big('8542D69E 4C044F18 E8B92435 BF6FF7DE 45728391 5C45517D 722EDB8B 08F1DFC3'),
    a: big('787968B4 FA32C3FD 2417842E 73BBFEFF 2F3C848B 6831D7E0 EC65228B 3937E498'),
    b: big('63E4C6D3 B23B0C84 9CF84241 484BFE48 F61D59A5 B16BA06E 6E12D1DA 27C5249A'),
    gx: big('421DEBD6 1B62EAB6 746434EB C3CC315E 32220B3B ADD50BDC 4C4E6C14 7FEDD43D'),
    gy: big('0680512B CBB42C07 D47349D2 153B70C4 E5D7FDFC BFA36EA1 A85841B9 E46E09A2'),
    n: big('8542D69E 4C044F18 E8B92435 BF6FF7DD 29772063 0485628D 5AE74EE7 C32E79B7'),
  };

  it('reproduces the GB/T 32918.2 Appendix A example: P_A, Z_A, e, r and s', () => {
    const message = Buffer.from('message digest');
    const trace = sm2SignWithK(
      message,
      big('128B2FA8 BD433C6C 068C8D80 3DFF7979 2A519A55 171B1B65 0C23661D 15897263'),
      big('6CB28D99 385C175C 94F94E93 4817663F C176D925 DD72B727 260DBAAE 1FB2F96F'),
      'ALICE123@YAHOO.COM',
      EXAMPLE_CURVE,
    );

    expect(hex(trace.publicPoint.x)).toBe('0ae4c7798aa0f119471bee11825be46202bb79e2a5844495e97c04ff4df2548a');
    expect(hex(trace.publicPoint.y)).toBe('7c0240f88f1cd4e16352a73c17b7f16f07353e53a176d684a9fe0c6bb798e857');
    expect(trace.za.toString('hex')).toBe('f4a38489e32b45b6f876e3ac2168ca392362dc8f23459c1d1146fc3dbfb7bc9a');
    expect(hex(trace.e)).toBe('b524f552cd82b8b028476e005c377fb19a87e6fc682d48bb5d42e3d9b9effe76');
    expect(hex(trace.r)).toBe('40f1ec59f793d9f49e09dcef49130d4194f79fb1eed2caa55bacdb49c4e755d1');
    expect(hex(trace.s)).toBe('6fc6dac32c5d5cf10c77dfb20f7c2eb667a457872fb09ec56327a67ec7deebe7');
    expect(sm2VerifyPoint(message, trace.r, trace.s, trace.publicPoint, 'ALICE123@YAHOO.COM', EXAMPLE_CURVE)).toBe(true);
    expect(sm2VerifyPoint(message, trace.r, trace.s, trace.publicPoint, SM2_DEFAULT_USER_ID, EXAMPLE_CURVE)).toBe(false);
  });

  // GM/T 0003.5-2012 Appendix A (= GB/T 32918.5-2017 Appendix A): the example on the recommended curve
  // sm2p256v1 with the default ID 1234567812345678. Also in OpenSSL test/sm2_internal_test.c.
  it('reproduces the GM/T 0003.5 Appendix A example on the recommended curve', () => {
    const message = Buffer.from('message digest');
    const trace = sm2SignWithK(
      message,
      big('3945208F 7B2144B1 3F36E38A C6D39F95 88939369 2860B51A 42FB81EF 4DF7C5B8'),
      big('59276E27 D506861A 16680F3A D9C02DCC EF3CC1FA 3CDBE4CE 6D54B80D EAC1BC21'),
    );

    expect(hex(trace.publicPoint.x)).toBe('09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020');
    expect(hex(trace.publicPoint.y)).toBe('ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13');
    expect(trace.za.toString('hex')).toBe('b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3');
    expect(hex(trace.e)).toBe('f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640');
    expect(hex(trace.r)).toBe('f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3');
    expect(hex(trace.s)).toBe('b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa');
    expect(sm2VerifyPoint(message, trace.r, trace.s, trace.publicPoint)).toBe(true);
  });

  it('computes Z_A with ENTL in bits, big-endian', () => {
    const { publicPoint } = sm2SignWithK(Buffer.alloc(0), 1n, 1n);
    const manual = sm3(
      Buffer.from([0x00, 0x80]),
      Buffer.from(SM2_DEFAULT_USER_ID),
      ...[SM2P256V1.a, SM2P256V1.b, SM2P256V1.gx, SM2P256V1.gy, publicPoint.x, publicPoint.y].map((v) => Buffer.from(hex(v), 'hex')),
    );
    expect(computeZa(SM2_DEFAULT_USER_ID, publicPoint).equals(manual)).toBe(true);
  });
});

describe('SM2 interoperability with sm-crypto', () => {
  const keys = generateSealKeyPair();
  const { privateKeyHex, publicKeyHex } = smCryptoKeys(keys.privateKeyPem);

  it.each(MESSAGES)('sm-crypto verifies our signature of %s', (_name, message) => {
    const signature = sm2Sign(message, keys.privateKeyPem);
    expect(smCrypto.sm2.doVerifySignature(Array.from(message), signature.toString('hex'), publicKeyHex, { der: true, hash: true })).toBe(true);
  });

  it.each(MESSAGES)("we verify sm-crypto's signature of %s", (_name, message) => {
    const signatureHex = smCrypto.sm2.doSignature(Array.from(message), privateKeyHex, { der: true, hash: true });
    expect(sm2Verify(message, Buffer.from(signatureHex, 'hex'), keys.publicKeyPem)).toBe(true);
  });

  it('agrees with sm-crypto on a non-default user ID', () => {
    const message = Buffer.from('电子印章');
    const signature = sm2Sign(message, keys.privateKeyPem, 'zwt-seal@longan.gov.cn');
    const options = { der: true, hash: true, userId: 'zwt-seal@longan.gov.cn' };
    expect(smCrypto.sm2.doVerifySignature(Array.from(message), signature.toString('hex'), publicKeyHex, options)).toBe(true);
    expect(sm2Verify(message, signature, keys.publicKeyPem)).toBe(false);
    expect(sm2Verify(message, signature, keys.publicKeyPem, 'zwt-seal@longan.gov.cn')).toBe(true);
  });

  it('verifies a signature under a key pair that sm-crypto generated', () => {
    const foreign = smCrypto.sm2.generateKeyPairHex();
    const message = Buffer.from('龙安县行政审批局');
    const signatureHex = smCrypto.sm2.doSignature(Array.from(message), foreign.privateKey, { der: true, hash: true });
    expect(sm2Verify(message, Buffer.from(signatureHex, 'hex'), spkiPemFromPoint(foreign.publicKey))).toBe(true);
  });

  it('emits canonical DER: SEQUENCE of two minimal positive INTEGERs', () => {
    for (let i = 0; i < 20; i++) {
      const signature = sm2Sign(Buffer.from(`m${i}`), keys.privateKeyPem);
      expect(signature[0]).toBe(0x30);
      expect(signature[1]).toBe(signature.length - 2);
      const decoded = decodeSignatureDer(signature);
      expect(decoded).toBeDefined();
      expect(decoded!.r).toBeGreaterThan(0n);
      expect(decoded!.s).toBeLessThan(SM2P256V1.n);
    }
  });

  // Documents why sm2-seal.ts does the curve arithmetic itself (see its header). If a Node upgrade
  // makes these fail, node:crypto has changed its SM2 behaviour: revisit sm2-seal.ts.
  it('shows that node:crypto signs a freshly generated SM2-curve key with ECDSA, not SM2', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const message = Buffer.from('message digest');
    const signature = nodeSign('sm3', message, privateKey);
    const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(sm2Verify(message, signature, publicKeyPem)).toBe(false);
    expect(sm2Verify(message, signature, publicKeyPem, '')).toBe(false);
    const { publicKeyHex } = smCryptoKeys(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    const options = { der: true, hash: true };
    expect(smCrypto.sm2.doVerifySignature(Array.from(message), signature.toString('hex'), publicKeyHex, options)).toBe(false);
  });

  it('shows that node:crypto signs a PEM-parsed SM2 key with SM2 over an empty user ID only', () => {
    const message = Buffer.from('message digest');
    const signature = nodeSign('sm3', message, createPrivateKey(keys.privateKeyPem));
    expect(sm2Verify(message, signature, keys.publicKeyPem)).toBe(false);
    expect(sm2Verify(message, signature, keys.publicKeyPem, '')).toBe(true);
  });
});

describe('SM2 interoperability with OpenSSL (through node:crypto, empty user ID)', () => {
  // OpenSSL 3 is a third independent implementation, usable only with ENTL = 0 (see sm2-seal.ts).
  const keys = generateSealKeyPair();

  it.each(MESSAGES)('OpenSSL verifies our signature of %s', (_name, message) => {
    const signature = sm2Sign(message, keys.privateKeyPem, '');
    expect(nodeVerify('sm3', message, createPublicKey(keys.publicKeyPem), signature)).toBe(true);
  });

  it.each(MESSAGES)("we verify OpenSSL's signature of %s", (_name, message) => {
    const signature = nodeSign('sm3', message, createPrivateKey(keys.privateKeyPem));
    expect(sm2Verify(message, signature, keys.publicKeyPem, '')).toBe(true);
  });
});

describe('SM2 tamper evidence', () => {
  const keys = generateSealKeyPair();
  const message = Buffer.from('准予行政许可。审批意见：材料齐全，符合法定形式。', 'utf8');
  const signature = sm2Sign(message, keys.privateKeyPem);

  it('accepts the untouched message and signature', () => {
    expect(sm2Verify(message, signature, keys.publicKeyPem)).toBe(true);
  });

  it('rejects a message with one byte changed', () => {
    for (const index of [0, Math.floor(message.length / 2), message.length - 1]) {
      const tampered = Buffer.from(message);
      tampered[index] ^= 0x01;
      expect(sm2Verify(tampered, signature, keys.publicKeyPem)).toBe(false);
    }
  });

  it('rejects a message with a byte appended', () => {
    expect(sm2Verify(Buffer.concat([message, Buffer.from([0])]), signature, keys.publicKeyPem)).toBe(false);
  });

  it('rejects a signature with any one byte changed', () => {
    for (let index = 0; index < signature.length; index++) {
      const tampered = Buffer.from(signature);
      tampered[index] ^= 0x01;
      expect(sm2Verify(message, tampered, keys.publicKeyPem)).toBe(false);
    }
  });

  it('rejects malformed and truncated signatures without throwing', () => {
    expect(sm2Verify(message, Buffer.alloc(0), keys.publicKeyPem)).toBe(false);
    expect(sm2Verify(message, signature.subarray(0, signature.length - 1), keys.publicKeyPem)).toBe(false);
    expect(sm2Verify(message, Buffer.concat([signature, Buffer.from([0])]), keys.publicKeyPem)).toBe(false);
    expect(sm2Verify(message, Buffer.alloc(64, 0x11), keys.publicKeyPem)).toBe(false);
  });

  it('rejects the signature under a different public key', () => {
    expect(sm2Verify(message, signature, generateSealKeyPair().publicKeyPem)).toBe(false);
  });

  it('refuses a key that is not on the SM2 curve', () => {
    const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const pem = p256.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => sm2Verify(message, signature, pem)).toThrow(/SM2/);
  });
});
