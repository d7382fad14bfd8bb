import { sm2 as lib } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import {
  bigIntToBytes,
  bytesToHex,
  concatBytes,
  encodeOctetString,
  encodeSequence,
  encodeTlv,
  encodeUnsignedInteger,
  hexToBytes,
  readChildren,
  readSingle,
  readUnsignedInteger,
} from '../../../main/crypto/der';
import { generateSm2KeyPair } from '../../../main/crypto/sm2';
import {
  openSm4Key,
  sealSm4Key,
  sm2CiphertextDerToRaw,
  sm2CiphertextRawToDer,
  sm2Decrypt,
  sm2Encrypt,
} from '../../../main/crypto/sm2-encrypt';
import { DomainError } from '../../../main/domain/errors';

const { privateKey, publicKey } = generateSm2KeyPair();
const m16 = Uint8Array.from({ length: 16 }, (_, i) => i * 7 + 1);

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : `non-domain: ${(e as Error).message}`;
  }
  return undefined;
}

describe('sm2Encrypt / sm2Decrypt', () => {
  it('round-trips 1, 16, 100 and 1024 bytes in DER and raw C1‖C3‖C2', () => {
    for (const len of [1, 16, 100, 1024]) {
      const m = Uint8Array.from({ length: len }, (_, i) => (i * 13) & 0xff);
      expect(sm2Decrypt(sm2Encrypt(m, publicKey), privateKey)).toEqual(m);
      const raw = sm2Encrypt(m, publicKey, { encoding: 'c1c3c2' });
      expect(raw.length).toBe(65 + 32 + len);
      expect(raw[0]).toBe(0x04);
      expect(sm2Decrypt(raw, privateKey, { encoding: 'c1c3c2' })).toEqual(m);
    }
  });

  it('writes GM/T 0009 DER: SEQUENCE { x INTEGER, y INTEGER, C3 OCTET STRING(32), C2 OCTET STRING }', () => {
    const der = sm2Encrypt(m16, publicKey);
    const parts = readChildren(readSingle(der, 0x30));
    expect(parts.map((p) => p.tag)).toEqual([0x02, 0x02, 0x04, 0x04]);
    expect(parts[2]!.value.length).toBe(32);
    expect(parts[3]!.value.length).toBe(16);
    const raw = sm2CiphertextDerToRaw(der);
    expect(bytesToHex(raw.subarray(1, 33))).toBe(bytesToHex(bigIntToBytes(readUnsignedInteger(parts[0]!), 32)));
    expect(raw.subarray(65, 97)).toEqual(parts[2]!.value);
    expect(raw.subarray(97)).toEqual(parts[3]!.value);
    expect(sm2CiphertextRawToDer(raw)).toEqual(der);
  });

  it('is randomised: two encryptions of one message differ', () => {
    expect(bytesToHex(sm2Encrypt(m16, publicKey))).not.toBe(bytesToHex(sm2Encrypt(m16, publicKey)));
  });

  it('interoperates with sm-crypto-v2 (C1C3C2, whose hex omits the 04 prefix of C1)', () => {
    const ours = sm2Encrypt(m16, publicKey, { encoding: 'c1c3c2' });
    const privHex = bytesToHex(privateKey.toBytes());
    expect(lib.doDecrypt(bytesToHex(ours.subarray(1)), privHex, 1, { output: 'array' })).toEqual(m16);
    const theirs = lib.doEncrypt(m16, bytesToHex(publicKey.toPointBytes()), 1);
    expect(theirs.length).toBe((64 + 32 + 16) * 2);
    expect(sm2Decrypt(hexToBytes('04' + theirs), privateKey, { encoding: 'c1c3c2' })).toEqual(m16);
  });

  it('refuses the wrong private key, and every single-bit flip of C3 and C2 (DER)', () => {
    const der = sm2Encrypt(m16, publicKey);
    expect(codeOf(() => sm2Decrypt(der, generateSm2KeyPair().privateKey))).toBe('SM2_DECRYPT_FAILED');
    const raw = sm2CiphertextDerToRaw(der);
    for (let bit = 65 * 8; bit < raw.length * 8; bit++) {
      const bad = raw.slice();
      bad[bit >> 3]! ^= 1 << (bit & 7);
      expect(codeOf(() => sm2Decrypt(sm2CiphertextRawToDer(bad), privateKey)), `bit ${bit}`).toBe('SM2_DECRYPT_FAILED');
    }
  });

  it('refuses every single-bit flip of C1 (a point off the curve, or the wrong point)', () => {
    const raw = sm2Encrypt(m16, publicKey, { encoding: 'c1c3c2' });
    for (let bit = 8; bit < 65 * 8; bit++) {
      const bad = raw.slice();
      bad[bit >> 3]! ^= 1 << (bit & 7);
      expect(['SM2_CIPHERTEXT_MALFORMED', 'SM2_DECRYPT_FAILED'], `bit ${bit}`).toContain(codeOf(() => sm2Decrypt(bad, privateKey, { encoding: 'c1c3c2' })));
    }
  });

  it('refuses malformed DER ciphertexts', () => {
    const der = sm2Encrypt(m16, publicKey);
    const [x, y, c3, c2] = readChildren(readSingle(der, 0x30)).map((p) => p.encoded);
    const cases: Uint8Array[] = [
      concatBytes(der, Uint8Array.of(0)), // trailing byte
      encodeSequence(x!, y!, c2!, c3!), // C1C2C3 order: C3 is not 32 bytes → refused
      encodeSequence(x!, y!, c3!), // missing C2
      encodeSequence(encodeTlv(0x02, concatBytes(Uint8Array.of(0), readChildren(readSingle(der, 0x30))[0]!.value)), y!, c3!, c2!), // non-minimal x
      encodeSequence(encodeUnsignedInteger(1n), encodeUnsignedInteger(2n), c3!, c2!), // (1, 2) is not on the curve
      encodeSequence(x!, y!, c3!, encodeOctetString(new Uint8Array(0))), // empty C2
    ];
    for (const [i, bad] of cases.entries()) {
      expect(codeOf(() => sm2Decrypt(bad, privateKey)), `case ${i}`).toBe('SM2_CIPHERTEXT_MALFORMED');
    }
    expect(codeOf(() => sm2Decrypt(sm2CiphertextDerToRaw(der).subarray(1), privateKey, { encoding: 'c1c3c2' }))).toBe('SM2_CIPHERTEXT_MALFORMED');
  });

  it('refuses empty and oversized plaintexts (an empty KDF output would loop forever)', () => {
    expect(codeOf(() => sm2Encrypt(new Uint8Array(0), publicKey))).toBe('SM2_CIPHERTEXT_MALFORMED');
    expect(codeOf(() => sm2Encrypt(new Uint8Array(1025), publicKey))).toBe('SM2_CIPHERTEXT_MALFORMED');
  });
});

describe('sealSm4Key / openSm4Key', () => {
  it('round-trips a 16-byte SM4 key and refuses anything else', () => {
    const sealed = sealSm4Key(m16, publicKey);
    expect(openSm4Key(sealed, privateKey)).toEqual(m16);
    expect(codeOf(() => sealSm4Key(new Uint8Array(15), publicKey))).toBe('SM4_INPUT_INVALID');
    expect(codeOf(() => openSm4Key(sm2Encrypt(new Uint8Array(17), publicKey), privateKey))).toBe('SM2_CIPHERTEXT_MALFORMED');
  });
});
