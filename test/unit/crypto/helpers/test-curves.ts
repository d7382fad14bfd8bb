/**
 * Test-only elliptic-curve arithmetic on curves other than sm2p256v1, so that the SM2 equations in
 * main/crypto/sm2-core.ts can be checked against published vectors on the GB/T 32918 Annex A test
 * curve and on P-256 (Bouncy Castle SM2SignerTest). Plain double-and-add: slow and not constant
 * time, which is fine for known-answer tests and never used for real keys.
 */
import { type CurveParams, pointAdd } from '../../../../main/crypto/sm2-core';
import type { AffinePoint } from '../../../../main/crypto/sm2-curve';

export function multiply(k: bigint, P: AffinePoint, curve: CurveParams): AffinePoint | null {
  let result: AffinePoint | null = null;
  let addend: AffinePoint | null = P;
  let e = k;
  while (e > 0n) {
    if (e & 1n) result = pointAdd(result, addend, curve);
    addend = pointAdd(addend, addend, curve);
    e >>= 1n;
  }
  return result;
}

export function generator(curve: CurveParams): AffinePoint {
  return { x: curve.Gx, y: curve.Gy };
}

/** GB/T 32918.2-2016 Annex A / GM/T 0003.2 example curve (Fp-256), as in Bouncy Castle PARAMS_FP_DRAFT. */
export const ANNEX_A_CURVE: CurveParams = {
  p: 0x8542d69e4c044f18e8b92435bf6ff7de457283915c45517d722edb8b08f1dfc3n,
  a: 0x787968b4fa32c3fd2417842e73bbfeff2f3c848b6831d7e0ec65228b3937e498n,
  b: 0x63e4c6d3b23b0c849cf84241484bfe48f61d59a5b16ba06e6e12d1da27c5249an,
  n: 0x8542d69e4c044f18e8b92435bf6ff7dd297720630485628d5ae74ee7c32e79b7n,
  Gx: 0x421debd61b62eab6746434ebc3cc315e32220b3badd50bdc4c4e6c147fedd43dn,
  Gy: 0x0680512bcbb42c07d47349d2153b70c4e5d7fdfcbfa36ea1a85841b9e46e09a2n,
};

/** NIST P-256 (FIPS 186-4 D.1.2.3), which Bouncy Castle also uses for an SM2-with-SM3 vector. */
export const P256: CurveParams = {
  p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
  a: 0xffffffff00000001000000000000000000000000fffffffffffffffffffffffcn,
  b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
  n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  Gx: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
  Gy: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
};
