/**
 * The SM4 block cipher (GB/T 32907-2016) and its CBC mode over whole blocks, table-driven: the
 * round function T = L∘τ is linear in XOR over the four S-box outputs, so it is four look-ups in
 * 256-entry tables of 32-bit words (T0…T3, computed once from the S-box) instead of four S-box
 * look-ups and four rotations per round. Same results as the standard's definition, which
 * sm-crypto-v2 implements: the tests check this module against the standard's examples,
 * sm-crypto-v2 on random data, and OpenSSL (`openssl enc -sm4-cbc`).
 *
 * Why here and not sm-crypto-v2's cipher: a sealed 100,000-item filing package is 15 MiB, which
 * sm-crypto-v2 encrypts at ≈ 65 MiB/s (0.24 s); this at ≈ 125 MiB/s (0.12 s). Padding and lengths are
 * checked by the caller (sm4.ts); this module only sees whole blocks.
 */

// GB/T 32907-2016 §6.2 S-box.
const SBOX = Uint8Array.from([
  0xd6, 0x90, 0xe9, 0xfe, 0xcc, 0xe1, 0x3d, 0xb7, 0x16, 0xb6, 0x14, 0xc2, 0x28, 0xfb, 0x2c, 0x05, 0x2b, 0x67, 0x9a, 0x76, 0x2a, 0xbe, 0x04, 0xc3, 0xaa, 0x44, 0x13, 0x26, 0x49, 0x86, 0x06, 0x99,
  0x9c, 0x42, 0x50, 0xf4, 0x91, 0xef, 0x98, 0x7a, 0x33, 0x54, 0x0b, 0x43, 0xed, 0xcf, 0xac, 0x62, 0xe4, 0xb3, 0x1c, 0xa9, 0xc9, 0x08, 0xe8, 0x95, 0x80, 0xdf, 0x94, 0xfa, 0x75, 0x8f, 0x3f, 0xa6,
  0x47, 0x07, 0xa7, 0xfc, 0xf3, 0x73, 0x17, 0xba, 0x83, 0x59, 0x3c, 0x19, 0xe6, 0x85, 0x4f, 0xa8, 0x68, 0x6b, 0x81, 0xb2, 0x71, 0x64, 0xda, 0x8b, 0xf8, 0xeb, 0x0f, 0x4b, 0x70, 0x56, 0x9d, 0x35,
  0x1e, 0x24, 0x0e, 0x5e, 0x63, 0x58, 0xd1, 0xa2, 0x25, 0x22, 0x7c, 0x3b, 0x01, 0x21, 0x78, 0x87, 0xd4, 0x00, 0x46, 0x57, 0x9f, 0xd3, 0x27, 0x52, 0x4c, 0x36, 0x02, 0xe7, 0xa0, 0xc4, 0xc8, 0x9e,
  0xea, 0xbf, 0x8a, 0xd2, 0x40, 0xc7, 0x38, 0xb5, 0xa3, 0xf7, 0xf2, 0xce, 0xf9, 0x61, 0x15, 0xa1, 0xe0, 0xae, 0x5d, 0xa4, 0x9b, 0x34, 0x1a, 0x55, 0xad, 0x93, 0x32, 0x30, 0xf5, 0x8c, 0xb1, 0xe3,
  0x1d, 0xf6, 0xe2, 0x2e, 0x82, 0x66, 0xca, 0x60, 0xc0, 0x29, 0x23, 0xab, 0x0d, 0x53, 0x4e, 0x6f, 0xd5, 0xdb, 0x37, 0x45, 0xde, 0xfd, 0x8e, 0x2f, 0x03, 0xff, 0x6a, 0x72, 0x6d, 0x6c, 0x5b, 0x51,
  0x8d, 0x1b, 0xaf, 0x92, 0xbb, 0xdd, 0xbc, 0x7f, 0x11, 0xd9, 0x5c, 0x41, 0x1f, 0x10, 0x5a, 0xd8, 0x0a, 0xc1, 0x31, 0x88, 0xa5, 0xcd, 0x7b, 0xbd, 0x2d, 0x74, 0xd0, 0x12, 0xb8, 0xe5, 0xb4, 0xb0,
  0x89, 0x69, 0x97, 0x4a, 0x0c, 0x96, 0x77, 0x7e, 0x65, 0xb9, 0xf1, 0x09, 0xc5, 0x6e, 0xc6, 0x84, 0x18, 0xf0, 0x7d, 0xec, 0x3a, 0xdc, 0x4d, 0x20, 0x79, 0xee, 0x5f, 0x3e, 0xd7, 0xcb, 0x39, 0x48,
]);

// §7.3 system parameter FK.
const FK = [0xa3b1bac6, 0x56aa3350, 0x677d9197, 0xb27022dc];

const rotl = (x: number, n: number) => ((x << n) | (x >>> (32 - n))) >>> 0;

/** T0…T3: the round transform L∘τ for one S-box byte in each position. */
const T = (() => {
  const t = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)];
  for (let a = 0; a < 256; a++) {
    const b = SBOX[a]!;
    for (let j = 0; j < 4; j++) {
      const x = (b << (24 - 8 * j)) >>> 0;
      t[j]![a] = (x ^ rotl(x, 2) ^ rotl(x, 10) ^ rotl(x, 18) ^ rotl(x, 24)) >>> 0;
    }
  }
  return t as [Uint32Array, Uint32Array, Uint32Array, Uint32Array];
})();

const tau = (x: number) => ((SBOX[x >>> 24]! << 24) | (SBOX[(x >>> 16) & 255]! << 16) | (SBOX[(x >>> 8) & 255]! << 8) | SBOX[x & 255]!) >>> 0;

const word = (b: Uint8Array, o: number) => ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;

/** The 32 round keys of a 16-byte key (§7.3), in encryption order. */
export function sm4RoundKeys(key: Uint8Array): Uint32Array {
  if (key.length !== 16) throw new RangeError('SM4 key must be 16 bytes');
  const k = [word(key, 0) ^ FK[0]!, word(key, 4) ^ FK[1]!, word(key, 8) ^ FK[2]!, word(key, 12) ^ FK[3]!];
  const rk = new Uint32Array(32);
  for (let i = 0; i < 32; i++) {
    // CK_i: bytes (4i + j) × 7 mod 256.
    const ck = ((((4 * i) * 7) & 255) << 24) | ((((4 * i + 1) * 7) & 255) << 16) | ((((4 * i + 2) * 7) & 255) << 8) | (((4 * i + 3) * 7) & 255);
    const b = tau((k[(i + 1) % 4]! ^ k[(i + 2) % 4]! ^ k[(i + 3) % 4]! ^ ck) >>> 0);
    const next = (k[i % 4]! ^ b ^ rotl(b, 13) ^ rotl(b, 23)) >>> 0;
    k[i % 4] = next;
    rk[i] = next;
  }
  return rk;
}

/**
 * CBC over whole blocks with round keys `rk` (encryption order, or reversed to decrypt). Words are
 * read and written big-endian through DataViews (inlined by the JIT: cheaper than four bytes).
 */
function cbc(rk: Uint32Array, iv: Uint8Array, data: Uint8Array, encrypt: boolean): Uint8Array {
  if (data.length % 16 !== 0 || iv.length !== 16) throw new RangeError('SM4-CBC needs whole blocks and a 16-byte IV');
  const [t0, t1, t2, t3] = T;
  const out = new Uint8Array(data.length);
  const src = new DataView(data.buffer, data.byteOffset, data.length);
  const dst = new DataView(out.buffer);
  const ivv = new DataView(iv.buffer, iv.byteOffset, 16);
  let v0 = ivv.getUint32(0);
  let v1 = ivv.getUint32(4);
  let v2 = ivv.getUint32(8);
  let v3 = ivv.getUint32(12);
  for (let o = 0; o < data.length; o += 16) {
    const c0 = src.getUint32(o);
    const c1 = src.getUint32(o + 4);
    const c2 = src.getUint32(o + 8);
    const c3 = src.getUint32(o + 12);
    let x0 = encrypt ? c0 ^ v0 : c0;
    let x1 = encrypt ? c1 ^ v1 : c1;
    let x2 = encrypt ? c2 ^ v2 : c2;
    let x3 = encrypt ? c3 ^ v3 : c3;
    for (let i = 0; i < 32; i += 4) {
      let x = x1 ^ x2 ^ x3 ^ rk[i]!;
      x0 ^= t0[x >>> 24]! ^ t1[(x >>> 16) & 255]! ^ t2[(x >>> 8) & 255]! ^ t3[x & 255]!;
      x = x2 ^ x3 ^ x0 ^ rk[i + 1]!;
      x1 ^= t0[x >>> 24]! ^ t1[(x >>> 16) & 255]! ^ t2[(x >>> 8) & 255]! ^ t3[x & 255]!;
      x = x3 ^ x0 ^ x1 ^ rk[i + 2]!;
      x2 ^= t0[x >>> 24]! ^ t1[(x >>> 16) & 255]! ^ t2[(x >>> 8) & 255]! ^ t3[x & 255]!;
      x = x0 ^ x1 ^ x2 ^ rk[i + 3]!;
      x3 ^= t0[x >>> 24]! ^ t1[(x >>> 16) & 255]! ^ t2[(x >>> 8) & 255]! ^ t3[x & 255]!;
    }
    // R: (X35, X34, X33, X32); CBC: the ciphertext chains when encrypting, the input when decrypting.
    if (encrypt) {
      v0 = x3;
      v1 = x2;
      v2 = x1;
      v3 = x0;
      dst.setUint32(o, x3);
      dst.setUint32(o + 4, x2);
      dst.setUint32(o + 8, x1);
      dst.setUint32(o + 12, x0);
    } else {
      dst.setUint32(o, x3 ^ v0);
      dst.setUint32(o + 4, x2 ^ v1);
      dst.setUint32(o + 8, x1 ^ v2);
      dst.setUint32(o + 12, x0 ^ v3);
      v0 = c0;
      v1 = c1;
      v2 = c2;
      v3 = c3;
    }
  }
  rk.fill(0);
  return out;
}

/** SM4-CBC encryption of whole blocks (`data.length` a multiple of 16). */
export function sm4CbcEncryptBlocks(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return cbc(sm4RoundKeys(key), iv, data, true);
}

/** SM4-CBC decryption of whole blocks (`data.length` a multiple of 16). */
export function sm4CbcDecryptBlocks(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return cbc(sm4RoundKeys(key).reverse(), iv, data, false);
}
