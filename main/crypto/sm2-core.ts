/**
 * INTERNAL: the SM2 signature equations of GB/T 32918.2-2016 §6.1 and §7.1, with the nonce k
 * supplied by the caller. Only main/crypto/ and the tests may import this file; everything else
 * uses sm2.ts. A fixed, reused or predictable k reveals the private key from one signature
 * (d = (k − s)(s + r)⁻¹ mod n), so production signing draws k in sm2.ts from node:crypto.
 */
import { bigIntToBytes, bytesToBigInt, concatBytes } from './der';
import { cryptoError } from './errors';
import { type AffinePoint, SM2_CURVE, mod, modInverse, multiplyBase, multiplyPoint } from './sm2-curve';
import { sm3Bytes } from './sm3';

/** The curve fields Z_A hashes, and the ones the equations need; sm2p256v1 unless a test says otherwise. */
export interface CurveParams {
  p: bigint;
  a: bigint;
  b: bigint;
  n: bigint;
  Gx: bigint;
  Gy: bigint;
}

/** ENTL is two bytes of bit length, so an ID is at most 8191 bytes. */
const MAX_USER_ID_BYTES = 8191;

/** The signer ID as bytes: UTF-8 of a string (as OpenSSL's distid and GmSSL treat it), 1…8191 bytes. */
export function userIdBytes(userId: string | Uint8Array): Uint8Array {
  const bytes = typeof userId === 'string' ? new TextEncoder().encode(userId) : userId;
  if (bytes.length === 0 || bytes.length > MAX_USER_ID_BYTES) {
    throw cryptoError(
      'SM2_USER_ID_INVALID',
      `SM2 签名者标识长度应为 1 至 ${MAX_USER_ID_BYTES} 字节`,
      `The SM2 signer ID must be 1 to ${MAX_USER_ID_BYTES} bytes long`,
    );
  }
  return bytes;
}

/** Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A), field elements as 32 bytes big-endian. */
export function computeZa(userId: string | Uint8Array, P: AffinePoint, curve: CurveParams = SM2_CURVE): Uint8Array {
  const id = userIdBytes(userId);
  const entl = id.length * 8;
  return sm3Bytes(
    concatBytes(
      Uint8Array.of(entl >> 8, entl & 0xff),
      id,
      bigIntToBytes(curve.a, 32),
      bigIntToBytes(curve.b, 32),
      bigIntToBytes(curve.Gx, 32),
      bigIntToBytes(curve.Gy, 32),
      bigIntToBytes(P.x, 32),
      bigIntToBytes(P.y, 32),
    ),
  );
}

/** e = SM3(Z_A ‖ M) as an integer. */
export function computeE(za: Uint8Array, message: Uint8Array): bigint {
  return bytesToBigInt(sm3Bytes(concatBytes(za, message)));
}

export interface RawSignature {
  r: bigint;
  s: bigint;
}

/**
 * Steps A4–A6 of signing, given x1 = x([k]G): r = (e + x1) mod n, s = (1 + d)⁻¹(k − r·d) mod n.
 * Returns null when the standard says to pick another k (r = 0, r + k = n, s = 0).
 */
export function signEquation(e: bigint, d: bigint, k: bigint, x1: bigint, n: bigint): RawSignature | null {
  const r = mod(e + x1, n);
  if (r === 0n || r + k === n) return null;
  const s = mod(modInverse(1n + d, n) * (k - r * d), n);
  if (s === 0n) return null;
  return { r, s };
}

/** Affine point addition on y² = x³ + ax + b over F_p; null stands for the point at infinity. */
export function pointAdd(P: AffinePoint | null, Q: AffinePoint | null, curve: Pick<CurveParams, 'p' | 'a'> = SM2_CURVE): AffinePoint | null {
  if (P === null) return Q;
  if (Q === null) return P;
  const { p, a } = curve;
  let lambda: bigint;
  if (P.x === Q.x) {
    if (mod(P.y + Q.y, p) === 0n) return null;
    lambda = mod((3n * P.x * P.x + a) * modInverse(2n * P.y, p), p);
  } else {
    lambda = mod((Q.y - P.y) * modInverse(Q.x - P.x, p), p);
  }
  const x = mod(lambda * lambda - P.x - Q.x, p);
  const y = mod(lambda * (P.x - x) - P.y, p);
  return { x, y };
}

/**
 * Steps B5–B7 of verification (GB/T 32918.2 §7.1), given a way to compute [s]G + [t]P:
 * r, s ∈ [1, n−1]; t = (r + s) mod n ≠ 0; (x1′, y1′) = [s]G + [t]P ≠ O; accept iff (e + x1′) mod n = r.
 */
export function verifyEquation(
  e: bigint,
  sig: RawSignature,
  n: bigint,
  sumPoint: (s: bigint, t: bigint) => AffinePoint | null,
): boolean {
  const { r, s } = sig;
  if (r < 1n || r >= n || s < 1n || s >= n) return false;
  const t = mod(r + s, n);
  if (t === 0n) return false;
  const X = sumPoint(s, t);
  if (X === null) return false;
  return mod(e + X.x, n) === r;
}

/** Sign with a caller-chosen k on sm2p256v1 (KATs only: see the warning at the top of this file). */
export function signDigestWithK(e: bigint, d: bigint, k: bigint): RawSignature | null {
  const n = SM2_CURVE.n;
  if (k < 1n || k >= n) throw new RangeError('k out of range');
  return signEquation(e, d, k, multiplyBase(k).x, n);
}

/** Verify r, s against e and a validated public point on sm2p256v1. */
export function verifyDigest(e: bigint, sig: RawSignature, P: AffinePoint): boolean {
  return verifyEquation(e, sig, SM2_CURVE.n, (s, t) => pointAdd(multiplyBase(s), multiplyPoint(t, P)));
}
