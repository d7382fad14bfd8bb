/**
 * Interop with OpenSSL 3 (an independent implementation), both ways, through temp files:
 * SM2 signatures (and the distid pitfall), SPKI and PKCS#8 keys, fingerprints, SM2 encryption
 * (GM/T 0009 DER), SM4-CBC, HMAC-SM3, PBKDF2-HMAC-SM3, and streaming SM3 of a multi-MB file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../../main/crypto/der';
import { pbkdf2HmacSm3 } from '../../../main/crypto/pbkdf2';
import {
  DEFAULT_SM2_USER_ID,
  Sm2PrivateKey,
  SpkiPublicKey,
  generateSm2KeyPair,
  importPublicKey,
  signatureDerToRaw,
  sm2Sign,
  sm2Verify,
} from '../../../main/crypto/sm2';
import { sm2Decrypt, sm2Encrypt } from '../../../main/crypto/sm2-encrypt';
import { hmacSm3 } from '../../../main/crypto/sm3';
import { sm3File, sm3FileInfo } from '../../../main/crypto/sm3-stream';
import { sm4CbcDecrypt, sm4CbcEncrypt } from '../../../main/crypto/sm4';

const dir = mkdtempSync(join(tmpdir(), 'ds-openssl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let counter = 0;

/** Write bytes or text to a fresh temp file and return its path. */
function tmp(content: Uint8Array | string, name = 'f'): string {
  const path = join(dir, `${counter++}-${name}`);
  writeFileSync(path, content);
  return path;
}

function openssl(args: string[], input?: Uint8Array): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Exit status of an OpenSSL verification (0 = verified), with its output for messages. */
function opensslStatus(args: string[]): { status: number | null; out: string } {
  const r = spawnSync('openssl', args, { encoding: 'utf8' });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

function opensslVerify(pubPem: string, message: Uint8Array, signature: Uint8Array, distid?: string): boolean {
  const args = ['pkeyutl', '-verify', '-pubin', '-inkey', tmp(pubPem, 'pub.pem'), '-rawin', '-digest', 'sm3'];
  if (distid !== undefined) args.push('-pkeyopt', `hexdistid:${Buffer.from(distid, 'utf8').toString('hex')}`);
  args.push('-in', tmp(message, 'msg'), '-sigfile', tmp(signature, 'sig'));
  const r = opensslStatus(args);
  if (r.status === 0) expect(r.out).toMatch(/Signature Verified Successfully/);
  return r.status === 0;
}

function opensslSign(keyPem: string, message: Uint8Array, distid: string): Uint8Array {
  return openssl([
    'pkeyutl', '-sign', '-inkey', tmp(keyPem, 'key.pem'), '-rawin', '-digest', 'sm3',
    '-pkeyopt', `hexdistid:${Buffer.from(distid, 'utf8').toString('hex')}`, '-in', tmp(message, 'msg'),
  ]);
}

function opensslKey(): { keyPem: string; pubPem: string } {
  const keyPem = openssl(['genpkey', '-algorithm', 'SM2']).toString();
  const pubPem = openssl(['pkey', '-pubout', '-in', tmp(keyPem, 'key.pem')]).toString();
  return { keyPem, pubPem };
}

const utf8 = (s: string) => new TextEncoder().encode(s);
const message = utf8('{"unit":"91310000MA1FL0000X","kind":"initial","files":[…]} 备案包清单');

describe('SM2 signatures made here verify in OpenSSL', () => {
  const { privateKey, publicKey } = generateSm2KeyPair();

  it('with -pkeyopt distid:1234567812345678 (the GM/T 0009 default ID)', () => {
    for (let i = 0; i < 5; i++) {
      expect(opensslVerify(publicKey.toPem(), message, sm2Sign(message, privateKey), DEFAULT_SM2_USER_ID)).toBe(true);
    }
  });

  it('PITFALL: the same signature FAILS in OpenSSL 3 without distid (it does not apply the default ID)', () => {
    const sig = sm2Sign(message, privateKey);
    expect(opensslVerify(publicKey.toPem(), message, sig, DEFAULT_SM2_USER_ID)).toBe(true);
    expect(opensslVerify(publicKey.toPem(), message, sig)).toBe(false);
  });

  it('with a non-default UTF-8 signer ID, passed as its bytes', () => {
    const id = '某某区数据局-91310000MA1FL0000X';
    const sig = sm2Sign(message, privateKey, { userId: id });
    expect(opensslVerify(publicKey.toPem(), message, sig, id)).toBe(true);
    expect(opensslVerify(publicKey.toPem(), message, sig, DEFAULT_SM2_USER_ID)).toBe(false);
  });

  it('and OpenSSL refuses a tampered message or signature', () => {
    const sig = sm2Sign(message, privateKey);
    const m2 = message.slice();
    m2[0]! ^= 1;
    expect(opensslVerify(publicKey.toPem(), m2, sig, DEFAULT_SM2_USER_ID)).toBe(false);
    const s2 = sig.slice();
    s2[s2.length - 1]! ^= 1;
    expect(opensslVerify(publicKey.toPem(), message, s2, DEFAULT_SM2_USER_ID)).toBe(false);
  });

  it('the regulations §7.3 default-ID DER signature verifies in OpenSSL with our PEM of its key', () => {
    const key = Sm2PrivateKey.fromBytes(hexToBytes('110E7973206F68C19EE5F7328C036F26911C8C73B4E4F36AE3291097F8984FFC'));
    const der = hexToBytes(
      '30440220217204B0720FB302F903F9E297E62D655BA74FD3A35E5EF52D8BB82FEADF225F02203042C40940D9E5F9A9DAB048DCF3DC2D3BE441BCC762B75209182DCE575D3B10',
    );
    expect(opensslVerify(key.publicKey().toPem(), utf8('hi chappy'), der, DEFAULT_SM2_USER_ID)).toBe(true);
  });
});

describe('SM2 signatures made by OpenSSL verify here', () => {
  const { keyPem, pubPem } = opensslKey();
  const publicKey = importPublicKey(pubPem);

  it('with the public key read from OpenSSL PEM and the default ID', () => {
    for (let i = 0; i < 5; i++) {
      const sig = opensslSign(keyPem, message, DEFAULT_SM2_USER_ID);
      expect(sm2Verify(message, sig, publicKey, { userId: DEFAULT_SM2_USER_ID })).toBe(true);
      expect(sm2Verify(message, sig, publicKey)).toBe(true);
    }
  });

  it('and refuses them with a tampered message, a tampered signature, another ID or another key', () => {
    const sig = opensslSign(keyPem, message, DEFAULT_SM2_USER_ID);
    const m2 = message.slice();
    m2[m2.length - 1]! ^= 0x80;
    expect(sm2Verify(m2, sig, publicKey)).toBe(false);
    const s2 = sig.slice();
    s2[10]! ^= 0x04;
    expect(sm2Verify(message, s2, publicKey)).toBe(false);
    expect(sm2Verify(message, sig, publicKey, { userId: 'someone-else' })).toBe(false);
    expect(sm2Verify(message, sig, generateSm2KeyPair().publicKey)).toBe(false);
  });

  it('with a non-default ID chosen in OpenSSL', () => {
    const id = 'bureau@example.cn';
    const sig = opensslSign(keyPem, message, id);
    expect(sm2Verify(message, sig, publicKey, { userId: id })).toBe(true);
    expect(sm2Verify(message, sig, publicKey)).toBe(false);
  });

  it('OpenSSL signatures are strict DER that our raw conversion accepts', () => {
    const sig = opensslSign(keyPem, message, DEFAULT_SM2_USER_ID);
    expect(signatureDerToRaw(sig)).toHaveLength(64);
  });
});

describe('keys and fingerprints', () => {
  it('our PUBLIC KEY PEM parses in `openssl pkey -pubin -text` as an SM2 key with the same point, and re-encodes identically', () => {
    const { publicKey } = generateSm2KeyPair();
    const path = tmp(publicKey.toPem(), 'pub.pem');
    const text = openssl(['pkey', '-pubin', '-in', path, '-text', '-noout']).toString();
    expect(text).toMatch(/ASN1 OID: SM2/);
    const hex = /pub:\s*([\s0-9a-f:]+)/.exec(text)![1]!.replace(/[\s:]/g, '');
    expect(hex).toBe(bytesToHex(publicKey.toPointBytes()));
    const der = openssl(['pkey', '-pubin', '-in', path, '-outform', 'DER']);
    expect(bytesToHex(der)).toBe(bytesToHex(publicKey.toDer()));
  });

  it('the fingerprint is `openssl dgst -sm3` of the SPKI DER, grouped', () => {
    const { publicKey } = generateSm2KeyPair();
    const der = openssl(['pkey', '-pubin', '-in', tmp(publicKey.toPem(), 'pub.pem'), '-outform', 'DER']);
    const digest = /([0-9a-f]{64})\s*$/.exec(openssl(['dgst', '-sm3'], der).toString())![1]!;
    expect(publicKey.fingerprint()).toBe(digest.toUpperCase().match(/.{4}/g)!.join(' '));
  });

  it('an OpenSSL PKCS#8 SM2 key imports here with the same public key, and our signatures with it verify in OpenSSL', () => {
    const { keyPem, pubPem } = opensslKey();
    const key = Sm2PrivateKey.fromPkcs8Pem(keyPem);
    expect(key.publicKey().equals(SpkiPublicKey.fromPem(pubPem))).toBe(true);
    expect(key.publicKey().toPem()).toBe(pubPem);
    expect(opensslVerify(pubPem, message, sm2Sign(message, key), DEFAULT_SM2_USER_ID)).toBe(true);
  });

  it('our PKCS#8 PEM loads in OpenSSL, which derives the same public key and signs with it', () => {
    const key = Sm2PrivateKey.generate();
    const keyPem = key.toPkcs8Pem();
    const pub = openssl(['pkey', '-in', tmp(keyPem, 'key.pem'), '-pubout']).toString();
    expect(pub).toBe(key.publicKey().toPem());
    expect(sm2Verify(message, opensslSign(keyPem, message, DEFAULT_SM2_USER_ID), key.publicKey())).toBe(true);
  });

  it('a compressed-point SPKI written by OpenSSL decompresses to the same key', () => {
    for (let i = 0; i < 4; i++) {
      const { pubPem } = opensslKey();
      const compressed = openssl(['ec', '-pubin', '-in', tmp(pubPem, 'pub.pem'), '-conv_form', 'compressed', '-pubout']).toString();
      expect(compressed).not.toBe(pubPem);
      const key = SpkiPublicKey.fromPem(compressed);
      expect(key.equals(SpkiPublicKey.fromPem(pubPem))).toBe(true);
      expect(key.toPem()).toBe(pubPem);
    }
  });

  it('a P-256 key from OpenSSL is refused as not SM2', () => {
    const keyPem = openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']).toString();
    const pubPem = openssl(['pkey', '-pubout', '-in', tmp(keyPem, 'p256.pem')]).toString();
    expect(() => importPublicKey(pubPem)).toThrow(expect.objectContaining({ code: 'SM2_CURVE_UNSUPPORTED' }));
  });
});

describe('SM2 encryption (GM/T 0009 DER, C1C3C2) with OpenSSL', () => {
  const { keyPem, pubPem } = opensslKey();
  const publicKey = importPublicKey(pubPem);

  it('OpenSSL decrypts what we encrypt (16-byte SM4 keys and other lengths)', () => {
    for (const len of [16, 16, 16, 16, 1, 100]) {
      const m = Uint8Array.from({ length: len }, (_, i) => (i * 29 + len) & 0xff);
      const ct = sm2Encrypt(m, publicKey);
      const out = openssl(['pkeyutl', '-decrypt', '-inkey', tmp(keyPem, 'key.pem'), '-in', tmp(ct, 'ct')]);
      expect(bytesToHex(out)).toBe(bytesToHex(m));
    }
  });

  it('we decrypt what OpenSSL encrypts, with the key read from its PKCS#8', () => {
    const key = Sm2PrivateKey.fromPkcs8Pem(keyPem);
    for (const len of [16, 16, 16, 16, 1, 100]) {
      const m = Uint8Array.from({ length: len }, (_, i) => (i * 31 + len) & 0xff);
      const ct = openssl(['pkeyutl', '-encrypt', '-pubin', '-inkey', tmp(pubPem, 'pub.pem'), '-in', tmp(m, 'm')]);
      expect(bytesToHex(sm2Decrypt(ct, key))).toBe(bytesToHex(m));
    }
  });

  it('OpenSSL refuses our ciphertext when C3 is altered', () => {
    const ct = sm2Encrypt(new Uint8Array(16).fill(1), publicKey);
    ct[ct.length - 20]! ^= 1; // inside C3 (C2 is the last 16 bytes)
    const r = opensslStatus(['pkeyutl', '-decrypt', '-inkey', tmp(keyPem, 'key.pem'), '-in', tmp(ct, 'ct')]);
    expect(r.status).not.toBe(0);
  });
});

describe('SM4-CBC, HMAC-SM3 and PBKDF2-HMAC-SM3 against OpenSSL', () => {
  const key = hexToBytes('0123456789abcdeffedcba9876543210');
  const iv = hexToBytes('000102030405060708090a0b0c0d0e0f');
  const hex = (b: Uint8Array) => bytesToHex(b);

  it('SM4-CBC with PKCS#7 padding, both directions, lengths 0–33', () => {
    for (const len of [0, 1, 15, 16, 17, 32, 33]) {
      const pt = Uint8Array.from({ length: len }, (_, i) => i);
      const ours = sm4CbcEncrypt(key, iv, pt);
      const theirs = openssl(['enc', '-sm4-cbc', '-K', hex(key), '-iv', hex(iv), '-in', tmp(pt, 'pt')]);
      expect(hex(ours), `length ${len}`).toBe(hex(theirs));
      const back = openssl(['enc', '-d', '-sm4-cbc', '-K', hex(key), '-iv', hex(iv), '-in', tmp(ours, 'ct')]);
      expect(hex(back)).toBe(hex(pt));
      expect(hex(sm4CbcDecrypt(key, iv, theirs))).toBe(hex(pt));
    }
  });

  it('HMAC-SM3 equals `openssl mac -digest SM3 HMAC` for short, block-sized and long keys', () => {
    for (const keyLen of [1, 16, 64, 65, 100]) {
      for (const msgLen of [0, 3, 64, 1000]) {
        const k = Uint8Array.from({ length: keyLen }, (_, i) => (i * 5 + 1) & 0xff);
        const m = Uint8Array.from({ length: msgLen }, (_, i) => (i * 7 + 2) & 0xff);
        const out = openssl(['mac', '-digest', 'SM3', '-macopt', `hexkey:${hex(k)}`, '-in', tmp(m, 'm'), 'HMAC']).toString().trim();
        expect(hex(hmacSm3(k, m)), `key ${keyLen} msg ${msgLen}`).toBe(out.toLowerCase());
      }
    }
  });

  it('PBKDF2-HMAC-SM3 equals `openssl kdf PBKDF2 digest:SM3` (1, 1000 and 200,000 iterations)', async () => {
    const pass = utf8('正确的口令 correct horse');
    const salt = hexToBytes('a1a2a3a4a5a6a7a8a9aaabacadaeafb0');
    for (const [iter, len] of [[1, 32], [1000, 48], [200_000, 32]] as const) {
      const out = openssl([
        'kdf', '-keylen', String(len), '-kdfopt', 'digest:SM3', '-kdfopt', `hexpass:${hex(pass)}`,
        '-kdfopt', `hexsalt:${hex(salt)}`, '-kdfopt', `iter:${iter}`, 'PBKDF2',
      ]).toString().trim();
      expect(hex(await pbkdf2HmacSm3(pass, salt, iter, len)), `iter ${iter}`).toBe(out.replace(/:/g, '').toLowerCase());
    }
  });
});

describe('streaming SM3 of a multi-MB file', () => {
  it('equals `openssl dgst -sm3` for a 7 MB + 13 byte file, whatever the chunk size', async () => {
    const size = 7 * 1024 * 1024 + 13;
    const data = Buffer.alloc(size);
    let x = 0x12345678;
    for (let i = 0; i < size; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      data[i] = x >>> 24;
    }
    const path = tmp(data, 'big.bin');
    const expected = /([0-9a-f]{64})\s*$/.exec(openssl(['dgst', '-sm3', path]).toString())![1]!;
    expect(await sm3File(path)).toBe(expected);
    expect(await sm3FileInfo(path, { chunkBytes: 64 * 1024 + 1 })).toEqual({ sm3: expected, bytes: size });
    expect(readFileSync(path).length).toBe(size);
  });
});
