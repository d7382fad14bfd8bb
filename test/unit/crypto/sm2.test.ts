import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  bigIntToBytes,
  bytesToHex,
  concatBytes,
  encodeBitString,
  encodeOid,
  encodeSequence,
  encodeTlv,
  encodeUnsignedInteger,
  hexToBytes,
} from '../../../main/crypto/der';
import { DomainError } from '../../../main/domain/errors';
import {
  DEFAULT_SM2_USER_ID,
  type Signer,
  SoftwareSigner,
  Sm2PrivateKey,
  SpkiPublicKey,
  formatFingerprint,
  generateSm2KeyPair,
  importPublicKey,
  signChecked,
  signatureDerToRaw,
  signatureRawToDer,
  sm2Sign,
  sm2Verify,
} from '../../../main/crypto/sm2';
import { SM2_CURVE, encodePointUncompressed } from '../../../main/crypto/sm2-curve';
import { sm3Hex } from '../../../main/crypto/sm3';

const utf8 = (s: string) => new TextEncoder().encode(s);
const n = SM2_CURVE.n;

/** The BC test key (regulations §7.3), so that expected bytes are fixed. */
const D = hexToBytes('110E7973206F68C19EE5F7328C036F26911C8C73B4E4F36AE3291097F8984FFC');
const KEY = Sm2PrivateKey.fromBytes(D);
const PUB = KEY.publicKey();

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : `non-domain: ${(e as Error).message}`;
  }
  return undefined;
}

/** DER SEQUENCE{r, s} from raw INTEGER bodies, to build non-canonical encodings by hand. */
function seq(...parts: Uint8Array[]): Uint8Array {
  return encodeSequence(...parts);
}
function intBody(body: Uint8Array): Uint8Array {
  return encodeTlv(0x02, body);
}

describe('sm2Sign / sm2Verify', () => {
  const message = utf8('备案包清单 manifest v1');

  it('round-trips with the default ID, and the signature is 70–72 bytes of DER', () => {
    for (let i = 0; i < 20; i++) {
      const sig = sm2Sign(message, KEY);
      expect(sig.length).toBeGreaterThanOrEqual(70);
      expect(sig.length).toBeLessThanOrEqual(72);
      expect(sig[0]).toBe(0x30);
      expect(sm2Verify(message, sig, PUB)).toBe(true);
    }
  });

  it('uses a fresh k each time (two signatures of one message differ)', () => {
    expect(bytesToHex(sm2Sign(message, KEY))).not.toBe(bytesToHex(sm2Sign(message, KEY)));
  });

  it('binds the signer ID: a signature for one ID fails for another, including the default', () => {
    const sig = sm2Sign(message, KEY, { userId: '区数据局@example.cn' });
    expect(sm2Verify(message, sig, PUB, { userId: '区数据局@example.cn' })).toBe(true);
    expect(sm2Verify(message, sig, PUB)).toBe(false);
    expect(sm2Verify(message, sig, PUB, { userId: DEFAULT_SM2_USER_ID })).toBe(false);
  });

  it('refuses a tampered message, a tampered signature (every bit of r and s), and another key', () => {
    const sig = sm2Sign(message, KEY);
    const m2 = message.slice();
    m2[m2.length - 1]! ^= 0x01;
    expect(sm2Verify(m2, sig, PUB)).toBe(false);
    expect(sm2Verify(message, sig, generateSm2KeyPair().publicKey)).toBe(false);
    for (let byte = 2; byte < sig.length; byte++) {
      for (let bit = 0; bit < 8; bit++) {
        const bad = sig.slice();
        bad[byte]! ^= 1 << bit;
        expect(sm2Verify(message, bad, PUB), `byte ${byte} bit ${bit}`).toBe(false);
      }
    }
  });

  it('signs the empty message and a 1 MB message', () => {
    const big = new Uint8Array(1 << 20).fill(0x5a);
    expect(sm2Verify(new Uint8Array(0), sm2Sign(new Uint8Array(0), KEY), PUB)).toBe(true);
    expect(sm2Verify(big, sm2Sign(big, KEY), PUB)).toBe(true);
  });

  it('refuses an empty signer ID or one over 8191 bytes (ENTL is 16 bits of bit length)', () => {
    expect(codeOf(() => sm2Sign(message, KEY, { userId: '' }))).toBe('SM2_USER_ID_INVALID');
    expect(codeOf(() => sm2Verify(message, sm2Sign(message, KEY), PUB, { userId: 'x'.repeat(8192) }))).toBe('SM2_USER_ID_INVALID');
    const longest = 'x'.repeat(8191);
    expect(sm2Verify(message, sm2Sign(message, KEY, { userId: longest }), PUB, { userId: longest })).toBe(true);
  });
});

describe('strict DER on verification', () => {
  const message = utf8('strict');
  // A real signature whose r and s have the top bit clear and set, to cover both INTEGER forms.
  function fresh(): { r: bigint; s: bigint; der: Uint8Array } {
    for (;;) {
      const der = sm2Sign(message, KEY);
      const raw = signatureDerToRaw(der);
      const r = BigInt('0x' + bytesToHex(raw.subarray(0, 32)));
      const s = BigInt('0x' + bytesToHex(raw.subarray(32)));
      if (raw[0]! < 0x80) return { r, s, der };
    }
  }
  const { r, s, der } = fresh();
  const rBytes = bigIntToBytes(r, 32);
  const sInt = encodeUnsignedInteger(s);

  it('the unmodified signature verifies (control)', () => {
    expect(sm2Verify(message, der, PUB)).toBe(true);
    expect(sm2Verify(message, seq(encodeUnsignedInteger(r), sInt), PUB)).toBe(true);
  });

  it.each<[string, () => Uint8Array]>([
    ['trailing zero byte', () => concatBytes(der, Uint8Array.of(0))],
    ['trailing garbage', () => concatBytes(der, utf8('xx'))],
    ['r with a superfluous leading zero', () => seq(intBody(concatBytes(Uint8Array.of(0), rBytes)), sInt)],
    ['SEQUENCE length in long form (BER, not DER)', () => {
      const body = der.subarray(2);
      return concatBytes(Uint8Array.of(0x30, 0x81, body.length), body);
    }],
    ['r as a negative INTEGER with the same low bytes', () => seq(intBody(concatBytes(Uint8Array.of(0xff), rBytes)), sInt)],
    ['r + n (congruent, out of range)', () => seq(encodeUnsignedInteger(r + n), sInt)],
    ['s + n (congruent, out of range)', () => seq(encodeUnsignedInteger(r), encodeUnsignedInteger(s + n))],
    ['a third INTEGER', () => seq(encodeUnsignedInteger(r), sInt, encodeUnsignedInteger(1n))],
    ['OCTET STRING instead of INTEGER', () => seq(encodeTlv(0x04, rBytes), sInt)],
    ['SET instead of SEQUENCE', () => encodeTlv(0x31, der.subarray(2))],
    ['raw r‖s given as if DER', () => signatureDerToRaw(der)],
    ['truncated', () => der.subarray(0, der.length - 1)],
    ['empty', () => new Uint8Array(0)],
  ])('refuses %s', (_name, make) => {
    expect(sm2Verify(message, make(), PUB)).toBe(false);
  });

  it.each<[string, bigint, bigint]>([
    ['r = 0', 0n, 1n],
    ['s = 0', 1n, 0n],
    ['r = n', n, 1n],
    ['s = n', 1n, n],
  ])('refuses %s', (_name, rv, sv) => {
    expect(sm2Verify(message, seq(encodeUnsignedInteger(rv), encodeUnsignedInteger(sv)), PUB)).toBe(false);
  });
});

describe('DER ⇄ raw r‖s', () => {
  it('round-trips, with 32-byte left padding of short values and 33-byte INTEGERs for high-bit values', () => {
    const raw = new Uint8Array(64);
    raw[31] = 1; // r = 1
    raw.fill(0xee, 32); // s = 0xeeee…, below n and high bit set
    const der = signatureRawToDer(raw);
    expect(bytesToHex(der)).toBe('3026020101022100' + 'ee'.repeat(32));
    expect(signatureDerToRaw(der)).toEqual(raw);
  });

  it('converts a real signature both ways, and the converted signature still verifies', () => {
    const der = sm2Sign(utf8('x'), KEY);
    expect(signatureRawToDer(signatureDerToRaw(der))).toEqual(der);
  });

  it('refuses raw values that are not 64 bytes or are out of range, and malformed DER', () => {
    expect(codeOf(() => signatureRawToDer(new Uint8Array(63)))).toBe('SM2_SIGNATURE_MALFORMED');
    expect(codeOf(() => signatureRawToDer(new Uint8Array(64)))).toBe('SM2_SIGNATURE_MALFORMED');
    expect(codeOf(() => signatureRawToDer(new Uint8Array(64).fill(0xff)))).toBe('SM2_SIGNATURE_MALFORMED');
    const der = sm2Sign(utf8('x'), KEY);
    expect(codeOf(() => signatureDerToRaw(concatBytes(der, Uint8Array.of(0))))).toBe('SM2_SIGNATURE_MALFORMED');
    for (const [r, s] of [[0n, 1n], [1n, 0n], [n, 1n], [1n, n], [1n, n + 5n]] as const) {
      expect(codeOf(() => signatureDerToRaw(seq(encodeUnsignedInteger(r), encodeUnsignedInteger(s)))), `r=${r} s=${s}`).toBe('SM2_SIGNATURE_MALFORMED');
    }
  });
});

describe('SubjectPublicKeyInfo', () => {
  const SPKI_PREFIX = '3059301306072a8648ce3d020106082a811ccf5501822d034200';

  it('exports id-ecPublicKey + SM2 with the uncompressed point, 91 bytes', () => {
    const der = PUB.toDer();
    expect(der.length).toBe(91);
    expect(bytesToHex(der)).toBe(SPKI_PREFIX + bytesToHex(PUB.toPointBytes()));
  });

  it('writes PEM with 64-column lines and reads it back, from PEM and from DER', () => {
    const pem = PUB.toPem();
    expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END PUBLIC KEY-----\n$/);
    expect(SpkiPublicKey.fromPem(pem).equals(PUB)).toBe(true);
    expect(importPublicKey(pem).equals(PUB)).toBe(true);
    expect(importPublicKey(PUB.toDer()).equals(PUB)).toBe(true);
    expect(SpkiPublicKey.fromPem(pem.replace(/\n/g, '\r\n')).equals(PUB)).toBe(true);
  });

  it('accepts a compressed point and decompresses it to the same key (both parities)', () => {
    for (let i = 0; i < 8; i++) {
      const pub = i === 0 ? PUB : generateSm2KeyPair().publicKey;
      const { x, y } = pub.point;
      const compressed = concatBytes(Uint8Array.of(y & 1n ? 0x03 : 0x02), bigIntToBytes(x, 32));
      const spki = encodeSequence(encodeSequence(encodeOid('1.2.840.10045.2.1'), encodeOid('1.2.156.10197.1.301')), encodeBitString(compressed));
      expect(SpkiPublicKey.fromDer(spki).equals(pub)).toBe(true);
      // The other parity is the other point with the same x, never this key.
      const other = compressed.slice();
      other[0]! ^= 1;
      expect(SpkiPublicKey.fromPoint(other).equals(pub)).toBe(false);
    }
  });

  function spkiWith(algorithm: Uint8Array, point: Uint8Array): Uint8Array {
    return encodeSequence(algorithm, encodeBitString(point));
  }
  const SM2_ALG = encodeSequence(encodeOid('1.2.840.10045.2.1'), encodeOid('1.2.156.10197.1.301'));

  it.each<[string, () => Uint8Array, string]>([
    ['a P-256 key', () => spkiWith(encodeSequence(encodeOid('1.2.840.10045.2.1'), encodeOid('1.2.840.10045.3.1.7')), PUB.toPointBytes()), 'SM2_CURVE_UNSUPPORTED'],
    ['the SM2 OID as the algorithm (non-OpenSSL form)', () => spkiWith(encodeSequence(encodeOid('1.2.156.10197.1.301')), PUB.toPointBytes()), 'SM2_CURVE_UNSUPPORTED'],
    ['rsaEncryption', () => spkiWith(encodeSequence(encodeOid('1.2.840.113549.1.1.1'), encodeTlv(0x05, new Uint8Array(0))), PUB.toPointBytes()), 'SM2_CURVE_UNSUPPORTED'],
    ['explicit curve parameters', () => spkiWith(encodeSequence(encodeOid('1.2.840.10045.2.1'), encodeSequence(encodeUnsignedInteger(1n))), PUB.toPointBytes()), 'SM2_CURVE_UNSUPPORTED'],
    ['a point off the curve (y + 1)', () => spkiWith(SM2_ALG, encodePointUncompressed({ x: PUB.point.x, y: PUB.point.y + 1n })), 'SM2_PUBLIC_KEY_INVALID'],
    ['x ≥ p', () => spkiWith(SM2_ALG, concatBytes(Uint8Array.of(4), bigIntToBytes(SM2_CURVE.p, 32), bigIntToBytes(PUB.point.y, 32))), 'SM2_PUBLIC_KEY_INVALID'],
    ['the point at infinity', () => spkiWith(SM2_ALG, Uint8Array.of(0)), 'SM2_PUBLIC_KEY_INVALID'],
    ['a compressed x with no point on the curve', () => {
      for (let x = 1n; ; x++) {
        const c = concatBytes(Uint8Array.of(2), bigIntToBytes(x, 32));
        if (codeOf(() => SpkiPublicKey.fromPoint(c)) !== undefined) return spkiWith(SM2_ALG, c);
      }
    }, 'SM2_PUBLIC_KEY_INVALID'],
    ['a hybrid (06) point', () => {
      const p = PUB.toPointBytes();
      p[0] = 0x06 | Number(PUB.point.y & 1n);
      return spkiWith(SM2_ALG, p);
    }, 'SM2_PUBLIC_KEY_INVALID'],
    ['a truncated point', () => spkiWith(SM2_ALG, PUB.toPointBytes().subarray(0, 64)), 'SM2_PUBLIC_KEY_INVALID'],
    ['trailing bytes after the SPKI', () => concatBytes(PUB.toDer(), Uint8Array.of(0)), 'DER_MALFORMED'],
    ['a BIT STRING with unused bits', () => {
      const der = PUB.toDer().slice();
      der[25] = 1; // the unused-bits octet of the BIT STRING
      return der;
    }, 'DER_MALFORMED'],
  ])('refuses %s', (_name, make, code) => {
    expect(codeOf(() => SpkiPublicKey.fromDer(make()))).toBe(code);
  });

  it('refuses PEM with the wrong label, two blocks, headers, or bad base64', () => {
    const pem = PUB.toPem();
    expect(codeOf(() => SpkiPublicKey.fromPem(pem.replace(/PUBLIC KEY/g, 'EC PUBLIC KEY')))).toBe('PEM_MALFORMED');
    expect(codeOf(() => SpkiPublicKey.fromPem(pem + pem))).toBe('PEM_MALFORMED');
    expect(codeOf(() => SpkiPublicKey.fromPem(pem.replace('-----\n', '-----\nProc-Type: 4,ENCRYPTED\n\n')))).toBe('PEM_MALFORMED');
    expect(codeOf(() => SpkiPublicKey.fromPem(pem.replace('MFkw', 'MFk*')))).toBe('PEM_MALFORMED');
    expect(codeOf(() => SpkiPublicKey.fromPem(KEY.toPkcs8Pem()))).toBe('PEM_MALFORMED');
  });
});

describe('fingerprint', () => {
  it('is SM3 of the SPKI DER, upper-case, 16 groups of four', () => {
    const fp = PUB.fingerprint();
    expect(fp).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    expect(fp.replace(/ /g, '').toLowerCase()).toBe(sm3Hex(PUB.toDer()));
    expect(formatFingerprint('1a2b3c4d')).toBe('1A2B 3C4D');
  });

  it('is the same for a key imported compressed, and differs between keys', () => {
    const { x, y } = PUB.point;
    const c = concatBytes(Uint8Array.of(y & 1n ? 3 : 2), bigIntToBytes(x, 32));
    expect(SpkiPublicKey.fromPoint(c).fingerprint()).toBe(PUB.fingerprint());
    expect(generateSm2KeyPair().publicKey.fingerprint()).not.toBe(PUB.fingerprint());
  });
});

describe('Sm2PrivateKey', () => {
  it('generates distinct keys in [1, n−2] whose public key is [d]G', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10; i++) {
      const { privateKey, publicKey } = generateSm2KeyPair();
      const d = BigInt('0x' + bytesToHex(privateKey.toBytes()));
      expect(d >= 1n && d <= n - 2n).toBe(true);
      expect(publicKey.equals(privateKey.publicKey())).toBe(true);
      expect(sm2Verify(utf8('k'), sm2Sign(utf8('k'), privateKey), publicKey)).toBe(true);
      seen.add(bytesToHex(privateKey.toBytes()));
    }
    expect(seen.size).toBe(10);
  });

  it('refuses 0, n−1, n, 2²⁵⁶−1 and wrong lengths', () => {
    for (const d of [0n, n - 1n, n, (1n << 256n) - 1n]) {
      expect(codeOf(() => Sm2PrivateKey.fromBytes(bigIntToBytes(d, 32)))).toBe('SM2_PRIVATE_KEY_INVALID');
    }
    expect(Sm2PrivateKey.fromBytes(bigIntToBytes(n - 2n, 32)).publicKey()).toBeInstanceOf(SpkiPublicKey);
    expect(codeOf(() => Sm2PrivateKey.fromBytes(new Uint8Array(31).fill(1)))).toBe('SM2_PRIVATE_KEY_INVALID');
  });

  it('round-trips through PKCS#8 DER and PEM', () => {
    const der = KEY.toPkcs8Der();
    expect(bytesToHex(Sm2PrivateKey.fromPkcs8Der(der).toBytes())).toBe(bytesToHex(D));
    expect(Sm2PrivateKey.fromPkcs8Pem(KEY.toPkcs8Pem()).publicKey().equals(PUB)).toBe(true);
  });

  it('refuses PKCS#8 whose embedded public key is another key, or with trailing bytes', () => {
    const other = generateSm2KeyPair().publicKey.toPointBytes();
    const der = KEY.toPkcs8Der();
    const hex = bytesToHex(der).replace(bytesToHex(PUB.toPointBytes()), bytesToHex(other));
    expect(codeOf(() => Sm2PrivateKey.fromPkcs8Der(hexToBytes(hex)))).toBe('SM2_PRIVATE_KEY_INVALID');
    expect(codeOf(() => Sm2PrivateKey.fromPkcs8Der(concatBytes(der, Uint8Array.of(0))))).toBe('DER_MALFORMED');
  });

  it('never shows the scalar in JSON or util.inspect', () => {
    const hex = bytesToHex(D);
    expect(JSON.stringify({ k: KEY })).not.toContain(hex);
    expect(JSON.stringify({ k: KEY }).toLowerCase()).not.toContain(hex.slice(0, 16));
    expect(inspect(KEY).toLowerCase()).not.toContain(hex.slice(0, 16));
    expect(JSON.stringify(new SoftwareSigner(KEY)).toLowerCase()).not.toContain(hex.slice(0, 16));
  });
});

describe('Signer', () => {
  const message = utf8('signed through the interface');

  it('SoftwareSigner signs with its recorded ID and signChecked accepts it', async () => {
    const signer = new SoftwareSigner(KEY, { userId: '91310000MA1FL0000X' });
    expect(signer.userId).toBe('91310000MA1FL0000X');
    const sig = await signChecked(signer, message);
    expect(sm2Verify(message, sig, signer.publicKey(), { userId: signer.userId })).toBe(true);
    expect(sm2Verify(message, sig, signer.publicKey())).toBe(false);
    expect(new SoftwareSigner(KEY).userId).toBe(DEFAULT_SM2_USER_ID);
  });

  it('a token-style signer that returns raw r‖s works once wrapped with signatureRawToDer', async () => {
    const inner = new SoftwareSigner(KEY);
    const rawToken = { userId: inner.userId, publicKey: () => inner.publicKey(), sign: async (m: Uint8Array) => signatureDerToRaw(await inner.sign(m)) };
    const adapted: Signer = { ...rawToken, sign: async (m) => signatureRawToDer(await rawToken.sign(m)) };
    await expect(signChecked(rawToken, message)).rejects.toMatchObject({ code: 'SIGNER_OUTPUT_INVALID' });
    expect(sm2Verify(message, await signChecked(adapted, message), PUB)).toBe(true);
  });

  it('signChecked refuses a signer that hashes with another ID or reports another key', async () => {
    const inner = new SoftwareSigner(KEY, { userId: 'ukey-internal-id' });
    const wrongId: Signer = { userId: DEFAULT_SM2_USER_ID, publicKey: () => inner.publicKey(), sign: (m) => inner.sign(m) };
    const wrongKey: Signer = { userId: inner.userId, publicKey: () => generateSm2KeyPair().publicKey, sign: (m) => inner.sign(m) };
    await expect(signChecked(wrongId, message)).rejects.toMatchObject({ code: 'SIGNER_OUTPUT_INVALID' });
    await expect(signChecked(wrongKey, message)).rejects.toMatchObject({ code: 'SIGNER_OUTPUT_INVALID' });
  });

  it('refuses an invalid signer ID at construction', () => {
    expect(codeOf(() => new SoftwareSigner(KEY, { userId: '' }))).toBe('SM2_USER_ID_INVALID');
  });
});
