/**
 * SM2 known-answer tests (regulations §7.3): Z_A, e, r and s computed by our own equations and
 * compared with published values, on sm2p256v1 and, through test-only curve arithmetic, on the
 * GB/T 32918.2 Annex A test curve and P-256.
 */
import { describe, expect, it } from 'vitest';
import { bigIntToBytes, bytesToBigInt, bytesToHex, hexToBytes } from '../../../main/crypto/der';
import { SM2_CURVE, multiplyBase, multiplyPoint } from '../../../main/crypto/sm2-curve';
import {
  type CurveParams,
  computeE,
  computeZa,
  pointAdd,
  signDigestWithK,
  signEquation,
  verifyDigest,
  verifyEquation,
} from '../../../main/crypto/sm2-core';
import { Sm2PrivateKey, signatureRawToDer, sm2Verify, sm2Za } from '../../../main/crypto/sm2';
import { ANNEX_A_CURVE, P256, generator, multiply } from './helpers/test-curves';

const utf8 = (s: string) => new TextEncoder().encode(s);
const big = (hex: string) => BigInt('0x' + hex.replace(/\s+/g, ''));

/** Sign and verify on any curve with the shared equations and the test-only arithmetic. */
function signOnCurve(curve: CurveParams, id: string, msg: string, d: bigint, k: bigint) {
  const G = generator(curve);
  const P = multiply(d, G, curve)!;
  const za = computeZa(id, P, curve);
  const e = computeE(za, utf8(msg));
  const sig = signEquation(e, d, k, multiply(k, G, curve)!.x, curve.n);
  const verify = (eV: bigint, r: bigint, s: bigint) =>
    verifyEquation(eV, { r, s }, curve.n, (s1, t) => {
      const A = multiply(s1, G, curve);
      const B = multiply(t, P, curve);
      return pointAdd(A, B, curve);
    });
  return { P, za, e, sig, verify };
}

describe('SM2 on sm2p256v1: Bouncy Castle SM2SignerTest (ID "sm2test@example.com", M "hi chappy")', () => {
  const d = big('110E7973206F68C19EE5F7328C036F26911C8C73B4E4F36AE3291097F8984FFC');
  const k = big('3174C6FFC3C279D2422F3FC0A9F3E574674A4490FE45A5325CAF7D3EC4C8F96C');
  const r = big('05890B9077B92E47B17A1FF42A814280E556AFD92B4A98B9670BF8B1A274C2FA');
  const s = big('E3ABBB8DB2B6ECD9B24ECCEA7F679FB9A4B1DB52F4AA985E443AD73237FA1993');
  const key = Sm2PrivateKey.fromBytes(bigIntToBytes(d, 32));
  const id = 'sm2test@example.com';
  const msg = utf8('hi chappy');

  it('derives the published public key from d', () => {
    expect(bytesToHex(key.publicKey().toPointBytes()).toUpperCase()).toBe(
      '04D03D30DD01CA3422AEACCF9B88043B554659D3092B0A9E8CCE3E8C4530A98CB7' +
        '9D705E6213EEE145B748E36E274E5F101DC10D7BBC9DAB9A04022E73B76E02CD',
    );
  });

  it('signs to the published r and s with the fixed k', () => {
    const e = computeE(computeZa(id, key.publicKey().point), msg);
    expect(signDigestWithK(e, d, k)).toEqual({ r, s });
  });

  it('verifies the published signature with the same ID, and refuses it for another ID or message', () => {
    const der = signatureRawToDer(hexToBytes(r.toString(16).padStart(64, '0') + s.toString(16).padStart(64, '0')));
    expect(sm2Verify(msg, der, key.publicKey(), { userId: id })).toBe(true);
    expect(sm2Verify(msg, der, key.publicKey())).toBe(false);
    expect(sm2Verify(utf8('hi chappy!'), der, key.publicKey(), { userId: id })).toBe(false);
  });
});

describe('SM2 on sm2p256v1 with the default ID "1234567812345678" (regulations §7.3, checked by OpenSSL)', () => {
  const d = big('110E7973206F68C19EE5F7328C036F26911C8C73B4E4F36AE3291097F8984FFC');
  const k = big('3174C6FFC3C279D2422F3FC0A9F3E574674A4490FE45A5325CAF7D3EC4C8F96C');
  const key = Sm2PrivateKey.fromBytes(bigIntToBytes(d, 32));
  const msg = utf8('hi chappy');
  const expectedDer =
    '30440220217204B0720FB302F903F9E297E62D655BA74FD3A35E5EF52D8BB82FEADF225F02203042C40940D9E5F9A9DAB048DCF3DC2D3BE441BCC762B75209182DCE575D3B10';

  it('computes Z_A and e', () => {
    const za = sm2Za(key.publicKey());
    expect(bytesToHex(za).toUpperCase()).toBe('5578DD585CBF448FB1BCE47CAC071F2A8539FCA987121C6A691225DC9C69805E');
    expect(computeE(za, msg).toString(16).padStart(64, '0').toUpperCase()).toBe('45F802188C5C22EE08502CC85E53E2E2E6A318278EDBAD1BE1BA1F2A32875EB4');
  });

  it('produces the published DER signature with the fixed k', () => {
    const e = computeE(sm2Za(key.publicKey()), msg);
    const sig = signDigestWithK(e, d, k)!;
    const der = signatureRawToDer(hexToBytes(sig.r.toString(16).padStart(64, '0') + sig.s.toString(16).padStart(64, '0')));
    expect(bytesToHex(der).toUpperCase()).toBe(expectedDer);
  });

  it('verifies the published DER signature (default ID) and refuses it for one flipped message bit', () => {
    expect(sm2Verify(msg, hexToBytes(expectedDer), key.publicKey())).toBe(true);
    expect(sm2Verify(msg, hexToBytes(expectedDer), key.publicKey(), { userId: '1234567812345678' })).toBe(true);
    const flipped = msg.slice();
    flipped[0]! ^= 1;
    expect(sm2Verify(flipped, hexToBytes(expectedDer), key.publicKey())).toBe(false);
  });
});

describe('SM2 equations on other curves (test-only arithmetic)', () => {
  it('GB/T 32918.2 Annex A example 1 (test curve): Z_A, e, r, s, and verification', () => {
    const d = big('128B2FA8BD433C6C068C8D803DFF79792A519A55171B1B650C23661D15897263');
    const k = big('6CB28D99385C175C94F94E934817663FC176D925DD72B727260DBAAE1FB2F96F');
    const { za, e, sig, verify } = signOnCurve(ANNEX_A_CURVE, 'ALICE123@YAHOO.COM', 'message digest', d, k);
    expect(bytesToHex(za).toUpperCase()).toBe('F4A38489E32B45B6F876E3AC2168CA392362DC8F23459C1D1146FC3DBFB7BC9A');
    expect(e.toString(16).toUpperCase()).toBe('B524F552CD82B8B028476E005C377FB19A87E6FC682D48BB5D42E3D9B9EFFE76');
    expect(sig).toEqual({
      r: big('40F1EC59F793D9F49E09DCEF49130D4194F79FB1EED2CAA55BACDB49C4E755D1'),
      s: big('6FC6DAC32C5D5CF10C77DFB20F7C2EB667A457872FB09EC56327A67EC7DEEBE7'),
    });
    expect(verify(e, sig!.r, sig!.s)).toBe(true);
    expect(verify(e + 1n, sig!.r, sig!.s)).toBe(false);
    expect(verify(e, sig!.r, sig!.s + 1n)).toBe(false);
  });

  it('Bouncy Castle SM2-with-SM3 vector on P-256 (ID "sm2_p256_test@example.com", M "no backdoors here")', () => {
    const d = big('110E7973206F68C19EE5F7328C036F26911C8C73B4E4F36AE3291097F8984FFC');
    const k = big('3174C6FFC3C279D2422F3FC0A9F3E574674A4490FE45A5325CAF7D3EC4C8F96C');
    const { e, sig, verify } = signOnCurve(P256, 'sm2_p256_test@example.com', 'no backdoors here', d, k);
    expect(sig).toEqual({
      r: big('96AA39A0C4A5C454653F394E86386F2E38BE14C57D0E555F3A27A5CEF30E51BD'),
      s: big('62372BE4AC97DBE725AC0B279BB8FD15883858D814FD792DDB0A401DCC988E70'),
    });
    expect(verify(e, sig!.r, sig!.s)).toBe(true);
  });
});

describe('the two elliptic-curve implementations agree on sm2p256v1', () => {
  it('[k]G and [k]P from sm-crypto-v2 equal plain double-and-add, and the points are on the curve', () => {
    const G = generator(SM2_CURVE);
    for (const k of [1n, 2n, 3n, SM2_CURVE.n - 1n, big('3174C6FFC3C279D2422F3FC0A9F3E574674A4490FE45A5325CAF7D3EC4C8F96C')]) {
      expect(multiplyBase(k)).toEqual(multiply(k, G, SM2_CURVE));
    }
    const P = multiplyBase(12345n);
    expect(multiplyPoint(777n, P)).toEqual(multiply(777n * 12345n, G, SM2_CURVE));
    // [n]G is the point at infinity in the reference arithmetic: the order is n.
    expect(multiply(SM2_CURVE.n, G, SM2_CURVE)).toBeNull();
  });

  it('verifyDigest uses the production arithmetic and agrees with the reference for a random key', () => {
    const key = Sm2PrivateKey.generate();
    const d = bytesToBigInt(key.toBytes());
    const e = 0x1234n;
    const sig = signDigestWithK(e, d, 0xabcdefn)!;
    expect(verifyDigest(e, sig, key.publicKey().point)).toBe(true);
    expect(verifyDigest(e + 1n, sig, key.publicKey().point)).toBe(false);
    // Out-of-range r or s is refused by the equation itself, not only by the DER decoder.
    for (const bad of [{ r: sig.r, s: 0n }, { r: 0n, s: sig.s }, { r: sig.r + SM2_CURVE.n, s: sig.s }, { r: sig.r, s: sig.s + SM2_CURVE.n }]) {
      expect(verifyDigest(e, bad, key.publicKey().point)).toBe(false);
    }
    // r + s ≡ 0 (mod n) is refused before any point arithmetic (t = 0).
    expect(verifyDigest(e, { r: sig.r, s: SM2_CURVE.n - sig.r }, key.publicKey().point)).toBe(false);
  });
});
