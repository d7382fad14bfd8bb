/**
 * SM2 public-key encryption (GB/T 32918.4-2016) for sealing short secrets such as a 16-byte SM4
 * package key to the bureau's public key.
 *
 * Formats:
 *  - 'der' (default, GM/T 0009-2012 §7.2, what OpenSSL 3 `pkeyutl -encrypt` writes and reads):
 *    SEQUENCE { x INTEGER, y INTEGER, hash OCTET STRING (C3, 32 bytes), cipher OCTET STRING (C2) }.
 *  - 'c1c3c2' (raw, GB/T 32918.4-2016 order): C1 ‖ C3 ‖ C2 where C1 = 04 ‖ x1 ‖ y1 (65 bytes,
 *    WITH the 0x04 uncompressed-point prefix). Beware: sm-crypto-v2's hex output omits the 04
 *    (C1 is 64 bytes there) and some older tools use C1 ‖ C2 ‖ C3 (GM/T 0003-2012 draft order);
 *    convert explicitly at the boundary, never guess.
 *
 * The ephemeral k comes from node:crypto; the elliptic-curve multiplications from sm-crypto-v2.
 */
import {
  TAG,
  bigIntToBytes,
  bytesToBigInt,
  concatBytes,
  encodeOctetString,
  encodeSequence,
  encodeUnsignedInteger,
  readChildren,
  readOctetString,
  readSingle,
  readUnsignedInteger,
} from './der';
import { cryptoError } from './errors';
import { type AffinePoint, SM2_CURVE, decodePoint, encodePointUncompressed, multiplyBase, multiplyPoint, randomScalar } from './sm2-curve';
import { type Sm2PrivateKey, type SpkiPublicKey } from './sm2';
import { constantTimeEqual, sm3Bytes } from './sm3';
import { kdf } from 'sm-crypto-v2';

export type Sm2CiphertextEncoding = 'der' | 'c1c3c2';

export interface Sm2EncryptOptions {
  encoding?: Sm2CiphertextEncoding;
}

/** SM2 encryption is for keys, not bulk data. */
export const SM2_MAX_PLAINTEXT_BYTES = 1024;

const malformed = (why_en: string) =>
  cryptoError('SM2_CIPHERTEXT_MALFORMED', 'SM2 密文格式不正确', `Malformed SM2 ciphertext: ${why_en}`);

const decryptFailed = () =>
  cryptoError('SM2_DECRYPT_FAILED', 'SM2 解密失败：私钥不对或密文已被改动', 'SM2 decryption failed: wrong private key or the ciphertext has been altered');

interface Parts {
  C1: AffinePoint;
  C3: Uint8Array;
  C2: Uint8Array;
}

/** KDF(x2 ‖ y2, klen) of GB/T 32918.4 §5.4.3 (SM3 with a 32-bit counter from 1). */
function keystream(P2: AffinePoint, length: number): Uint8Array {
  return kdf(concatBytes(bigIntToBytes(P2.x, 32), bigIntToBytes(P2.y, 32)), length);
}

function isAllZero(bytes: Uint8Array): boolean {
  let acc = 0;
  for (const b of bytes) acc |= b;
  return acc === 0;
}

function c3Of(P2: AffinePoint, message: Uint8Array): Uint8Array {
  return sm3Bytes(concatBytes(bigIntToBytes(P2.x, 32), message, bigIntToBytes(P2.y, 32)));
}

function encodeParts({ C1, C3, C2 }: Parts, encoding: Sm2CiphertextEncoding): Uint8Array {
  if (encoding === 'c1c3c2') return concatBytes(encodePointUncompressed(C1), C3, C2);
  return encodeSequence(encodeUnsignedInteger(C1.x), encodeUnsignedInteger(C1.y), encodeOctetString(C3), encodeOctetString(C2));
}

function decodeParts(ciphertext: Uint8Array, encoding: Sm2CiphertextEncoding): Parts {
  try {
    if (encoding === 'c1c3c2') {
      if (ciphertext.length < 65 + 32 + 1) throw malformed('too short');
      if (ciphertext[0] !== 0x04) throw malformed('C1 must start with 04 (uncompressed point)');
      return { C1: decodePoint(ciphertext.subarray(0, 65)), C3: ciphertext.subarray(65, 97), C2: ciphertext.subarray(97) };
    }
    const parts = readChildren(readSingle(ciphertext, TAG.SEQUENCE));
    if (parts.length !== 4) throw malformed('expected SEQUENCE { x, y, hash, cipher }');
    const x = readUnsignedInteger(parts[0]!);
    const y = readUnsignedInteger(parts[1]!);
    if (x >= SM2_CURVE.p || y >= SM2_CURVE.p) throw malformed('C1 coordinate out of range');
    const C1 = decodePoint(encodePointUncompressed({ x, y }));
    const C3 = readOctetString(parts[2]!);
    const C2 = readOctetString(parts[3]!);
    if (C3.length !== 32) throw malformed('C3 must be 32 bytes (SM3)');
    if (C2.length === 0) throw malformed('empty C2');
    return { C1, C3, C2 };
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'SM2_CIPHERTEXT_MALFORMED') throw e;
    throw malformed(e instanceof Error ? e.message : String(e));
  }
}

/** Encrypt `plaintext` (1…1024 bytes) to `publicKey`. */
export function sm2Encrypt(plaintext: Uint8Array, publicKey: SpkiPublicKey, options: Sm2EncryptOptions = {}): Uint8Array {
  if (plaintext.length === 0 || plaintext.length > SM2_MAX_PLAINTEXT_BYTES) {
    throw cryptoError(
      'SM2_CIPHERTEXT_MALFORMED',
      `SM2 加密的明文长度应为 1 至 ${SM2_MAX_PLAINTEXT_BYTES} 字节`,
      `SM2 encryption takes 1 to ${SM2_MAX_PLAINTEXT_BYTES} bytes of plaintext`,
    );
  }
  for (;;) {
    const k = randomScalar();
    const C1 = multiplyBase(k);
    const P2 = multiplyPoint(k, publicKey.point);
    const t = keystream(P2, plaintext.length);
    if (isAllZero(t)) continue; // GB/T 32918.4 §6.1 A5: pick another k
    const C2 = new Uint8Array(plaintext.length);
    for (let i = 0; i < C2.length; i++) C2[i] = plaintext[i]! ^ t[i]!;
    t.fill(0);
    return encodeParts({ C1, C3: c3Of(P2, plaintext), C2 }, options.encoding ?? 'der');
  }
}

/** Decrypt; SM2_CIPHERTEXT_MALFORMED for a bad encoding, SM2_DECRYPT_FAILED when C3 does not match. */
export function sm2Decrypt(ciphertext: Uint8Array, privateKey: Sm2PrivateKey, options: Sm2EncryptOptions = {}): Uint8Array {
  const { C1, C3, C2 } = decodeParts(ciphertext, options.encoding ?? 'der');
  if (C2.length > SM2_MAX_PLAINTEXT_BYTES) throw malformed('C2 too long');
  const d = bytesToBigInt(privateKey.toBytes());
  const P2 = multiplyPoint(d, C1);
  const t = keystream(P2, C2.length);
  if (isAllZero(t)) throw decryptFailed();
  const M = new Uint8Array(C2.length);
  for (let i = 0; i < M.length; i++) M[i] = C2[i]! ^ t[i]!;
  t.fill(0);
  if (!constantTimeEqual(c3Of(P2, M), C3)) {
    M.fill(0);
    throw decryptFailed();
  }
  return M;
}

/** DER (GM/T 0009) → raw C1 ‖ C3 ‖ C2 with 04 prefix. */
export function sm2CiphertextDerToRaw(der: Uint8Array): Uint8Array {
  return encodeParts(decodeParts(der, 'der'), 'c1c3c2');
}

/** Raw C1 ‖ C3 ‖ C2 (C1 with its 04 prefix) → DER (GM/T 0009). */
export function sm2CiphertextRawToDer(raw: Uint8Array): Uint8Array {
  return encodeParts(decodeParts(raw, 'c1c3c2'), 'der');
}

/** Seal a 16-byte SM4 key to `publicKey` (DER ciphertext, 16 + 97 + DER overhead ≈ 120 bytes). */
export function sealSm4Key(sm4Key: Uint8Array, publicKey: SpkiPublicKey): Uint8Array {
  if (sm4Key.length !== 16) throw cryptoError('SM4_INPUT_INVALID', 'SM4 密钥应为 16 字节', 'An SM4 key is 16 bytes');
  return sm2Encrypt(sm4Key, publicKey, { encoding: 'der' });
}

/** Open a sealed SM4 key; refuses anything that is not exactly 16 bytes. */
export function openSm4Key(sealed: Uint8Array, privateKey: Sm2PrivateKey): Uint8Array {
  const key = sm2Decrypt(sealed, privateKey, { encoding: 'der' });
  if (key.length !== 16) {
    key.fill(0);
    throw malformed('the sealed value is not a 16-byte SM4 key');
  }
  return key;
}
