/**
 * The SM2 curve sm2p256v1 (GB/T 32918.5-2017): parameters, OIDs, point decoding with full
 * validation, and scalar multiplication. Scalar multiplication is delegated to sm-crypto-v2
 * (which uses @noble/curves); this is the only file that calls its elliptic-curve functions.
 * Randomness always comes from node:crypto, never from the library.
 */
import { randomBytes } from 'node:crypto';
import { sm2 } from 'sm-crypto-v2';
import { bigIntToBytes, bytesToBigInt, bytesToHex, hexToBytes } from './der';
import { cryptoError } from './errors';

export const SM2_CURVE = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
} as const;

export const OID = {
  /** id-ecPublicKey (RFC 5480), the SPKI algorithm for SM2 keys as OpenSSL writes them. */
  EC_PUBLIC_KEY: '1.2.840.10045.2.1',
  /** SM2 / sm2p256v1, the named-curve parameter. */
  SM2: '1.2.156.10197.1.301',
  SM2_SIGN: '1.2.156.10197.1.301.1',
  SM3: '1.2.156.10197.1.401',
  SM3_WITH_SM2: '1.2.156.10197.1.501',
} as const;

/** GM/T 0009-2012 default signer ID: 16 ASCII bytes, ENTL = 0x0080. */
export const DEFAULT_SM2_USER_ID = '1234567812345678';

export interface AffinePoint {
  readonly x: bigint;
  readonly y: bigint;
}

export function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r < 0n ? r + m : r;
}

export function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  let result = 1n;
  let b = mod(base, m);
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return result;
}

/** Inverse modulo a prime (Fermat). Throws on 0. */
export function modInverse(a: bigint, prime: bigint): bigint {
  const x = mod(a, prime);
  if (x === 0n) throw new RangeError('modInverse: zero has no inverse');
  return modPow(x, prime - 2n, prime);
}

export function isOnCurve(P: AffinePoint): boolean {
  const { p, a, b } = SM2_CURVE;
  if (P.x < 0n || P.x >= p || P.y < 0n || P.y >= p) return false;
  return mod(P.y * P.y - (P.x * P.x * P.x + a * P.x + b), p) === 0n;
}

const invalidPoint = (why_en: string, why_zh: string) =>
  cryptoError('SM2_PUBLIC_KEY_INVALID', `SM2 公钥无效：${why_zh}`, `Invalid SM2 public key: ${why_en}`);

/**
 * A point from its SEC 1 octet string: 04‖X‖Y (65 bytes) or compressed 02/03‖X (33 bytes, the
 * y is recovered with p ≡ 3 mod 4 and checked). Refuses the point at infinity, coordinates ≥ p,
 * points not on sm2p256v1, and hybrid (06/07) forms. The curve has cofactor 1, so every point on
 * it other than infinity has order n.
 */
export function decodePoint(bytes: Uint8Array): AffinePoint {
  const { p, a, b } = SM2_CURVE;
  if (bytes.length === 65 && bytes[0] === 0x04) {
    const P = { x: bytesToBigInt(bytes.subarray(1, 33)), y: bytesToBigInt(bytes.subarray(33)) };
    if (P.x >= p || P.y >= p) throw invalidPoint('coordinate out of range', '坐标超出范围');
    if (!isOnCurve(P)) throw invalidPoint('the point is not on the SM2 curve', '该点不在 SM2 曲线上');
    return P;
  }
  if (bytes.length === 33 && (bytes[0] === 0x02 || bytes[0] === 0x03)) {
    const x = bytesToBigInt(bytes.subarray(1));
    if (x >= p) throw invalidPoint('coordinate out of range', '坐标超出范围');
    const rhs = mod(x * x * x + a * x + b, p);
    let y = modPow(rhs, (p + 1n) / 4n, p);
    if (mod(y * y - rhs, p) !== 0n) throw invalidPoint('the point is not on the SM2 curve', '该点不在 SM2 曲线上');
    if ((y & 1n) !== BigInt(bytes[0]! & 1)) y = p - y;
    return { x, y };
  }
  if (bytes.length === 1 && bytes[0] === 0) throw invalidPoint('the point at infinity', '无穷远点');
  throw invalidPoint('expected 04‖X‖Y (65 bytes) or 02/03‖X (33 bytes)', '应为 04‖X‖Y（65 字节）或 02/03‖X（33 字节）');
}

export function encodePointUncompressed(P: AffinePoint): Uint8Array {
  const out = new Uint8Array(65);
  out[0] = 0x04;
  out.set(bigIntToBytes(P.x, 32), 1);
  out.set(bigIntToBytes(P.y, 32), 33);
  return out;
}

export function scalarToHex(k: bigint): string {
  return bytesToHex(bigIntToBytes(k, 32));
}

/** [k]G for k in [1, n−1]. */
export function multiplyBase(k: bigint): AffinePoint {
  if (k <= 0n || k >= SM2_CURVE.n) throw new RangeError('multiplyBase: scalar out of range');
  return decodePoint(hexToBytes(sm2.getPublicKeyFromPrivateKey(scalarToHex(k))));
}

/** [k]P for k in [1, n−1] and a validated point P; never infinity, as the group has prime order. */
export function multiplyPoint(k: bigint, P: AffinePoint): AffinePoint {
  if (k <= 0n || k >= SM2_CURVE.n) throw new RangeError('multiplyPoint: scalar out of range');
  const out = sm2.ecdh(scalarToHex(k), bytesToHex(encodePointUncompressed(P)), false);
  return decodePoint(out);
}

/**
 * A uniformly random scalar in [1, max] from node:crypto (rejection sampling over 256 bits;
 * the rejection probability is about 2⁻³² for max ≈ n).
 */
export function randomScalar(max: bigint = SM2_CURVE.n - 1n): bigint {
  for (;;) {
    const k = bytesToBigInt(randomBytes(32));
    if (k >= 1n && k <= max) return k;
  }
}
