import { createHMAC, createSM3 } from 'hash-wasm';
import { sm3 as libSm3, sm4 as libSm4 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { bytesToHex, concatBytes, hexToBytes } from '../../../main/crypto/der';
import { pbkdf2HmacSm3 } from '../../../main/crypto/pbkdf2';
import { hmacSm3, sm3Bytes } from '../../../main/crypto/sm3';
import {
  deriveEtmKeys,
  etmMacInput,
  sm4CbcDecrypt,
  sm4CbcEncrypt,
  sm4CbcHmacOpen,
  sm4CbcHmacSeal,
} from '../../../main/crypto/sm4';
import { DomainError } from '../../../main/domain/errors';
import { sm4CbcDecryptBlocks, sm4CbcEncryptBlocks, sm4RoundKeys } from '../../../main/crypto/sm4-block';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed * 17) & 0xff);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : `non-domain: ${(e as Error).message}`;
  }
  return undefined;
}

describe('HMAC-SM3 (RFC 2104 over SM3)', () => {
  it('equals a direct transcription of RFC 2104 with SM3', () => {
    const key = utf8('key');
    const k = new Uint8Array(64);
    k.set(key);
    const ipad = k.map((b) => b ^ 0x36);
    const opad = k.map((b) => b ^ 0x5c);
    const msg = utf8('The quick brown fox jumps over the lazy dog');
    const expected = sm3Bytes(concatBytes(opad, sm3Bytes(concatBytes(ipad, msg))));
    expect(hmacSm3(key, msg)).toEqual(expected);
  });

  it('agrees with hash-wasm and sm-crypto-v2 HMAC-SM3 for keys of 0, 1, 32, 63, 64, 65 and 200 bytes', async () => {
    for (const keyLen of [0, 1, 32, 63, 64, 65, 200]) {
      for (const msgLen of [0, 1, 55, 64, 1000]) {
        const key = bytes(keyLen, 3);
        const msg = bytes(msgLen, 5);
        const ours = bytesToHex(hmacSm3(key, msg));
        const hw = await createHMAC(createSM3(), key);
        hw.init();
        hw.update(msg);
        expect(ours, `key ${keyLen} msg ${msgLen} (hash-wasm)`).toBe(hw.digest('hex'));
        if (keyLen > 0) expect(ours, `key ${keyLen} msg ${msgLen} (sm-crypto-v2)`).toBe(libSm3(msg, { key, mode: 'hmac' }));
      }
    }
  });

  it('a key longer than the block is hashed first (RFC 2104 §2)', () => {
    const long = bytes(100);
    expect(hmacSm3(long, utf8('m'))).toEqual(hmacSm3(sm3Bytes(long), utf8('m')));
    expect(hmacSm3(bytes(64), utf8('m'))).not.toEqual(hmacSm3(sm3Bytes(bytes(64)), utf8('m')));
  });
});

describe('PBKDF2-HMAC-SM3', () => {
  /** RFC 8018 §5.2 transcribed over our hmacSm3, for small iteration counts. */
  function referencePbkdf2(password: Uint8Array, salt: Uint8Array, c: number, dkLen: number): Uint8Array {
    const blocks: Uint8Array[] = [];
    for (let i = 1; blocks.length * 32 < dkLen; i++) {
      let u = hmacSm3(password, concatBytes(salt, Uint8Array.of(i >>> 24, (i >>> 16) & 0xff, (i >>> 8) & 0xff, i & 0xff)));
      const t = u.slice();
      for (let j = 1; j < c; j++) {
        u = hmacSm3(password, u);
        for (let x = 0; x < 32; x++) t[x]! ^= u[x]!;
      }
      blocks.push(t);
    }
    return concatBytes(...blocks).slice(0, dkLen);
  }

  it('hash-wasm PBKDF2 with SM3 equals RFC 8018 over our HMAC-SM3 (1, 2, 1000 iterations; 16, 32, 48 bytes)', async () => {
    const pw = utf8('口令 passphrase');
    const salt = bytes(16, 9);
    for (const c of [1, 2, 1000]) {
      for (const len of [16, 32, 48]) {
        expect(bytesToHex(await pbkdf2HmacSm3(pw, salt, c, len)), `c=${c} len=${len}`).toBe(bytesToHex(referencePbkdf2(pw, salt, c, len)));
      }
    }
  });
});

describe('SM4-CBC', () => {
  const KEY = hexToBytes('0123456789abcdeffedcba9876543210');

  it('GB/T 32907-2016 Annex A example 1: the first block under a zero IV is E_K(P)', () => {
    const ct = sm4CbcEncrypt(KEY, new Uint8Array(16), KEY);
    expect(bytesToHex(ct.subarray(0, 16))).toBe('681edf34d206965e86b3e94f536e4246');
    expect(ct.length).toBe(32); // a whole block of padding follows
  });

  it('round-trips every length from 0 to 48 with PKCS#7 padding (1–16 bytes)', () => {
    const iv = bytes(16, 2);
    for (let len = 0; len <= 48; len++) {
      const pt = bytes(len, 4);
      const ct = sm4CbcEncrypt(KEY, iv, pt);
      expect(ct.length).toBe((Math.floor(len / 16) + 1) * 16);
      expect(sm4CbcDecrypt(KEY, iv, ct)).toEqual(pt);
    }
  });

  it('refuses padding that sm-crypto-v2 itself would accept or mishandle', () => {
    const iv = new Uint8Array(16);
    const encRaw = (block: Uint8Array) => libSm4.encrypt(block, KEY, { mode: 'cbc', iv, padding: 'none', output: 'array' });
    const zeroPad = new Uint8Array(16); // last byte 0: the library strips nothing and accepts it
    expect(() => libSm4.decrypt(encRaw(zeroPad), KEY, { mode: 'cbc', iv, output: 'array' })).not.toThrow();
    expect(codeOf(() => sm4CbcDecrypt(KEY, iv, encRaw(zeroPad)))).toBe('SM4_INPUT_INVALID');
    expect(codeOf(() => sm4CbcDecrypt(KEY, iv, encRaw(new Uint8Array(16).fill(17))))).toBe('SM4_INPUT_INVALID');
    const inconsistent = new Uint8Array(16).fill(3);
    inconsistent[13] = 4;
    expect(codeOf(() => sm4CbcDecrypt(KEY, iv, encRaw(inconsistent)))).toBe('SM4_INPUT_INVALID');
    const good = sm4CbcEncrypt(KEY, iv, utf8('hello'));
    expect(codeOf(() => sm4CbcDecrypt(KEY, iv, concatBytes(good, Uint8Array.of(1))))).toBe('SM4_INPUT_INVALID');
    expect(codeOf(() => sm4CbcDecrypt(KEY, iv, new Uint8Array(0)))).toBe('SM4_INPUT_INVALID');
  });

  it('the table-driven cipher equals sm-crypto-v2 (a transcription of the standard) on random keys, IVs and data, both ways', () => {
    let seed = 7;
    const rnd = (n: number) => Uint8Array.from({ length: n }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 255);
    for (let n = 0; n < 60; n++) {
      const key = rnd(16);
      const iv = rnd(16);
      const pt = rnd(16 * (1 + (n % 23)));
      const ours = sm4CbcEncryptBlocks(key, iv, pt);
      expect(bytesToHex(ours)).toBe(bytesToHex(libSm4.encrypt(pt, key, { mode: 'cbc', iv, padding: 'none', output: 'array' })));
      expect(bytesToHex(sm4CbcDecryptBlocks(key, iv, ours))).toBe(bytesToHex(pt));
      expect(bytesToHex(libSm4.decrypt(ours, key, { mode: 'cbc', iv, padding: 'none', output: 'array' }))).toBe(bytesToHex(pt));
    }
  });

  it('GB/T 32907-2016 Annex A: the round keys of the example key', () => {
    const rk = sm4RoundKeys(KEY);
    expect(rk[0]!.toString(16).padStart(8, '0')).toBe('f12186f9');
    expect(rk[31]!.toString(16).padStart(8, '0')).toBe('9124a012');
  });

  it('refuses keys and IVs that are not 16 bytes', () => {
    expect(codeOf(() => sm4CbcEncrypt(new Uint8Array(15), new Uint8Array(16), utf8('x')))).toBe('SM4_INPUT_INVALID');
    expect(codeOf(() => sm4CbcEncrypt(KEY, new Uint8Array(8), utf8('x')))).toBe('SM4_INPUT_INVALID');
  });
});

describe('SM4-CBC + HMAC-SM3 (encrypt-then-MAC)', () => {
  const keys = deriveEtmKeys(bytes(32, 7), 'test');
  const aad = utf8('{"header":1}');
  const pt = utf8('PKCS#8 would go here, 48 bytes or so ..........');

  it('derives different SM4 and HMAC keys, and different keys for different labels', () => {
    expect(keys.encKey.length).toBe(16);
    expect(keys.macKey.length).toBe(32);
    expect(bytesToHex(keys.macKey).startsWith(bytesToHex(keys.encKey))).toBe(false);
    expect(deriveEtmKeys(bytes(32, 7), 'other').encKey).not.toEqual(keys.encKey);
  });

  it('round-trips and uses a fresh random IV each time', () => {
    const a = sm4CbcHmacSeal(keys, pt, aad);
    const b = sm4CbcHmacSeal(keys, pt, aad);
    expect(a.iv).not.toEqual(b.iv);
    expect(sm4CbcHmacOpen(keys, a, aad)).toEqual(pt);
    expect(a.mac).toEqual(hmacSm3(keys.macKey, etmMacInput(aad, a.iv, a.ciphertext)));
  });

  it('detects every single-bit flip of the IV, ciphertext and MAC, and a changed AAD', () => {
    const sealed = sm4CbcHmacSeal(keys, pt, aad);
    for (const field of ['iv', 'ciphertext', 'mac'] as const) {
      for (let i = 0; i < sealed[field].length * 8; i++) {
        const bad = { ...sealed, [field]: sealed[field].slice() };
        bad[field][i >> 3]! ^= 1 << (i & 7);
        expect(codeOf(() => sm4CbcHmacOpen(keys, bad, aad)), `${field} bit ${i}`).toBe('SM4_AUTH_FAILED');
      }
    }
    expect(codeOf(() => sm4CbcHmacOpen(keys, sealed, utf8('{"header":2}')))).toBe('SM4_AUTH_FAILED');
    expect(codeOf(() => sm4CbcHmacOpen(keys, sealed))).toBe('SM4_AUTH_FAILED');
    expect(codeOf(() => sm4CbcHmacOpen(deriveEtmKeys(bytes(32, 8), 'test'), sealed, aad))).toBe('SM4_AUTH_FAILED');
    expect(codeOf(() => sm4CbcHmacOpen(keys, { ...sealed, mac: sealed.mac.subarray(0, 16) }, aad))).toBe('SM4_AUTH_FAILED');
  });
});
