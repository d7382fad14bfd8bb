/**
 * SM4 (GB/T 32907-2016) in CBC mode with PKCS#7 padding, and an authenticated construction on top
 * of it: SM4-CBC + HMAC-SM3, encrypt-then-MAC.
 *
 * The block cipher and CBC over whole blocks are sm4-block.ts (table-driven, about twice as fast
 * as sm-crypto-v2's, against which, the standard's example and OpenSSL it is tested); padding and
 * lengths are checked here. (sm-crypto-v2's own PKCS#7 removal accepts a pad byte of 0 and, for a
 * ciphertext that is not a whole number of blocks, silently drops the tail.)
 *
 * Why not SM4-GCM: sm-crypto-v2 offers it, but neither OpenSSL 3.0 (no SM4-GCM before 3.2) nor
 * Electron's BoringSSL can serve as a second implementation here, so CBC + HMAC-SM3, both of
 * which OpenSSL 3.0 checks in the tests, is used instead.
 */
import { randomBytes } from 'node:crypto';
import { sm4CbcDecryptBlocks, sm4CbcEncryptBlocks } from './sm4-block';
import { concatBytes } from './der';
import { cryptoError } from './errors';
import { constantTimeEqual, hmacSm3 } from './sm3';

export const SM4_KEY_BYTES = 16;
export const SM4_BLOCK_BYTES = 16;
export const HMAC_SM3_BYTES = 32;

const inputInvalid = (why_en: string, why_zh: string) => cryptoError('SM4_INPUT_INVALID', `SM4 输入无效：${why_zh}`, `Invalid SM4 input: ${why_en}`);

function checkKeyAndIv(key: Uint8Array, iv: Uint8Array): void {
  if (key.length !== SM4_KEY_BYTES) throw inputInvalid('the key must be 16 bytes', '密钥应为 16 字节');
  if (iv.length !== SM4_BLOCK_BYTES) throw inputInvalid('the IV must be 16 bytes', 'IV 应为 16 字节');
}

/** SM4-CBC with PKCS#7 padding (always 1–16 pad bytes). Output length: next multiple of 16. */
export function sm4CbcEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  checkKeyAndIv(key, iv);
  const pad = SM4_BLOCK_BYTES - (plaintext.length % SM4_BLOCK_BYTES);
  const padded = new Uint8Array(plaintext.length + pad);
  padded.set(plaintext);
  padded.fill(pad, plaintext.length);
  const out = sm4CbcEncryptBlocks(key, iv, padded);
  padded.fill(0);
  return out;
}

/**
 * SM4-CBC decryption with strict PKCS#7 removal. Unauthenticated: a caller that reports padding
 * errors to an attacker builds a padding oracle, so use sm4CbcHmacOpen unless the ciphertext has
 * already been authenticated.
 */
export function sm4CbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  checkKeyAndIv(key, iv);
  if (ciphertext.length === 0 || ciphertext.length % SM4_BLOCK_BYTES !== 0) {
    throw inputInvalid('the ciphertext is not a whole number of 16-byte blocks', '密文长度不是 16 字节的整数倍');
  }
  const padded = sm4CbcDecryptBlocks(key, iv, ciphertext);
  const pad = padded[padded.length - 1]!;
  let bad = pad < 1 || pad > SM4_BLOCK_BYTES ? 1 : 0;
  for (let i = 1; i <= SM4_BLOCK_BYTES; i++) {
    if (i <= pad && padded[padded.length - i] !== pad) bad = 1;
  }
  if (bad) {
    padded.fill(0);
    throw inputInvalid('bad padding', '填充不正确');
  }
  const out = padded.slice(0, padded.length - pad);
  padded.fill(0);
  return out;
}

/** Separate keys for SM4-CBC + HMAC-SM3: never the same key for both. */
export interface EtmKeys {
  /** 16 bytes, SM4. */
  encKey: Uint8Array;
  /** 32 bytes, HMAC-SM3. */
  macKey: Uint8Array;
}

/**
 * Derive EtmKeys from one 32-byte secret and a context label (domain separation):
 * encKey = HMAC-SM3(secret, label ‖ 0x00 ‖ "enc")[0..16), macKey = HMAC-SM3(secret, label ‖ 0x00 ‖ "mac").
 */
export function deriveEtmKeys(secret: Uint8Array, label: string): EtmKeys {
  if (secret.length < 32) throw inputInvalid('the secret must be at least 32 bytes', '密钥材料至少应为 32 字节');
  const prefix = concatBytes(new TextEncoder().encode(label), Uint8Array.of(0));
  const enc = hmacSm3(secret, concatBytes(prefix, new TextEncoder().encode('enc')));
  const encKey = enc.slice(0, SM4_KEY_BYTES);
  enc.fill(0);
  return { encKey, macKey: hmacSm3(secret, concatBytes(prefix, new TextEncoder().encode('mac'))) };
}

export interface EtmSealed {
  iv: Uint8Array;
  ciphertext: Uint8Array;
  /** HMAC-SM3 over u64be(|aad|) ‖ aad ‖ iv ‖ ciphertext, 32 bytes. */
  mac: Uint8Array;
}

/** The exact bytes the MAC covers; the lengths make the split unambiguous. */
export function etmMacInput(aad: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  const len = new Uint8Array(8);
  new DataView(len.buffer).setBigUint64(0, BigInt(aad.length));
  return concatBytes(len, aad, iv, ciphertext);
}

/** Encrypt then MAC. The IV is random (node:crypto) unless a test supplies one. */
export function sm4CbcHmacSeal(keys: EtmKeys, plaintext: Uint8Array, aad: Uint8Array = new Uint8Array(0), iv?: Uint8Array): EtmSealed {
  const theIv = iv ?? new Uint8Array(randomBytes(SM4_BLOCK_BYTES));
  const ciphertext = sm4CbcEncrypt(keys.encKey, theIv, plaintext);
  const mac = hmacSm3(keys.macKey, etmMacInput(aad, theIv, ciphertext));
  return { iv: theIv, ciphertext, mac };
}

/** Check the MAC (constant time) before decrypting anything; SM4_AUTH_FAILED if it does not match. */
export function sm4CbcHmacOpen(keys: EtmKeys, sealed: EtmSealed, aad: Uint8Array = new Uint8Array(0)): Uint8Array {
  const expected = hmacSm3(keys.macKey, etmMacInput(aad, sealed.iv, sealed.ciphertext));
  if (sealed.mac.length !== HMAC_SM3_BYTES || !constantTimeEqual(expected, sealed.mac)) {
    throw cryptoError('SM4_AUTH_FAILED', '数据完整性校验失败：密钥不对或数据已被改动', 'Integrity check failed: wrong key or the data has been altered');
  }
  return sm4CbcDecrypt(keys.encKey, sealed.iv, sealed.ciphertext);
}
