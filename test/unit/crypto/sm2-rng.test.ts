/**
 * Where the randomness comes from: keys and nonces must be drawn from node:crypto randomBytes
 * (a CSPRNG in Node and in Electron's BoringSSL build), never from Math.random or from the
 * library's own pool. node:crypto is replaced here by a scripted source, and the outputs must
 * follow the script exactly.
 */
import type * as NodeCrypto from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const script: Buffer[] = [];
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof NodeCrypto>();
  return {
    ...actual,
    randomBytes: (size: number) => {
      const next = script.shift();
      if (!next) throw new Error('test: randomBytes called more often than scripted');
      if (next.length !== size) throw new Error(`test: randomBytes(${size}) but the script has ${next.length} bytes`);
      return next;
    },
  };
});

const { bigIntToBytes, bytesToBigInt, bytesToHex } = await import('../../../main/crypto/der');
const { SM2_CURVE } = await import('../../../main/crypto/sm2-curve');
const { computeE, computeZa, signDigestWithK } = await import('../../../main/crypto/sm2-core');
const { Sm2PrivateKey, signatureDerToRaw, sm2Sign, sm2Verify } = await import('../../../main/crypto/sm2');
const { sm2Encrypt, sm2Decrypt } = await import('../../../main/crypto/sm2-encrypt');

const n = SM2_CURVE.n;
const buf = (v: bigint) => Buffer.from(bigIntToBytes(v, 32));

beforeEach(() => {
  script.length = 0;
});

describe('randomness comes from node:crypto randomBytes', () => {
  it('key generation takes its scalar from randomBytes, rejecting 0 and values above n−2', () => {
    const d = 0x1234567890abcdefn;
    script.push(buf(0n), buf(n - 1n), buf((1n << 256n) - 1n), buf(d));
    const key = Sm2PrivateKey.generate();
    expect(bytesToBigInt(key.toBytes())).toBe(d);
    expect(script).toHaveLength(0);
  });

  it('signing takes k from randomBytes: the signature equals the fixed-k signature for that k', () => {
    const key = Sm2PrivateKey.fromBytes(bigIntToBytes(0xc0ffeen, 32));
    const k = 0x3174c6ffc3c279d2422f3fc0a9f3e574674a4490fe45a5325caf7d3ec4c8f96cn;
    const msg = new TextEncoder().encode('k from the CSPRNG');
    script.push(buf(n), buf(k)); // n is out of range and must be skipped
    const der = sm2Sign(msg, key);
    expect(script).toHaveLength(0);
    const expected = signDigestWithK(computeE(computeZa('1234567812345678', key.publicKey().point), msg), 0xc0ffeen, k)!;
    const raw = signatureDerToRaw(der);
    expect(bytesToHex(raw)).toBe(bytesToHex(bigIntToBytes(expected.r, 32)) + bytesToHex(bigIntToBytes(expected.s, 32)));
    expect(sm2Verify(msg, der, key.publicKey())).toBe(true);
  });

  it('SM2 encryption takes its ephemeral k from randomBytes (same k, same ciphertext)', () => {
    const key = Sm2PrivateKey.fromBytes(bigIntToBytes(0xbeefn, 32));
    const m = new Uint8Array(16).fill(7);
    script.push(buf(0x42n));
    const c1 = sm2Encrypt(m, key.publicKey());
    script.push(buf(0x42n));
    const c2 = sm2Encrypt(m, key.publicKey());
    expect(bytesToHex(c1)).toBe(bytesToHex(c2));
    expect(sm2Decrypt(c1, key)).toEqual(m);
  });
});
