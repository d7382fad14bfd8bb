import { describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '../../../main/domain/canonical-json';
import { DomainError } from '../../../main/domain/errors';
import { bytesToHex } from '../../../main/crypto/der';
import {
  KEY_BACKUP_DEFAULT_ITERATIONS,
  KEY_BACKUP_MIN_ITERATIONS,
  type KeyBackupEnvelope,
  createKeyBackup,
  inspectKeyBackup,
  openKeyBackup,
} from '../../../main/crypto/key-backup';
import { encodeBase64 } from '../../../main/crypto/pem';
import { Sm2PrivateKey, generateSm2KeyPair, sm2Sign, sm2Verify } from '../../../main/crypto/sm2';
import { sm3Hex } from '../../../main/crypto/sm3';

// Each key derivation is a deliberate few hundred milliseconds, more on a loaded machine.
vi.setConfig({ testTimeout: 30_000 });

const PASS = '正确的口令 correct horse';
const ITER = KEY_BACKUP_MIN_ITERATIONS; // the fastest the format allows, to keep the suite quick
const { privateKey } = generateSm2KeyPair();
const backup = await createKeyBackup(privateKey, PASS, { iterations: ITER, label: '某某区卫生健康委员会 / 张三', userId: '1234567812345678' });
const envelope = JSON.parse(backup) as KeyBackupEnvelope;

async function codeOfAsync(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    return e instanceof DomainError ? e.code : `non-domain: ${(e as Error).message}`;
  }
  return undefined;
}
function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : `non-domain: ${(e as Error).message}`;
  }
  return undefined;
}

/** Re-serialise after an edit, with the checksum recomputed as a deliberate forger would. */
function forge(edit: (e: KeyBackupEnvelope) => void): string {
  const e = structuredClone(envelope);
  edit(e);
  e.checksum = sm3Hex(canonicalJson({ format: e.format, version: e.version, header: e.header, ciphertext: e.ciphertext, mac: e.mac }));
  return JSON.stringify(e);
}

function flipBase64(b64: string, bit: number): string {
  const buf = Buffer.from(b64, 'base64');
  buf[bit >> 3]! ^= 1 << (bit & 7);
  return buf.toString('base64');
}

describe('key backup: round trip and format', () => {
  it('opens with the passphrase and gives back the same key, ID, label and public key', async () => {
    const opened = await openKeyBackup(backup, PASS);
    expect(bytesToHex(opened.privateKey.toBytes())).toBe(bytesToHex(privateKey.toBytes()));
    expect(opened.publicKey.equals(privateKey.publicKey())).toBe(true);
    expect(opened.userId).toBe('1234567812345678');
    expect(opened.label).toBe('某某区卫生健康委员会 / 张三');
    const msg = new TextEncoder().encode('after restore');
    expect(sm2Verify(msg, sm2Sign(msg, opened.privateKey, { userId: opened.userId }), privateKey.publicKey())).toBe(true);
  });

  it('is versioned JSON with the KDF parameters, a 16-byte salt and IV, a 32-byte MAC and a checksum', () => {
    expect(envelope.format).toBe('datasteward-sm2-key-backup');
    expect(envelope.version).toBe(1);
    expect(envelope.header.kdf).toMatchObject({ name: 'PBKDF2-HMAC-SM3', iterations: ITER, keyLength: 32 });
    expect(envelope.header.cipher.name).toBe('SM4-CBC+HMAC-SM3');
    expect(Buffer.from(envelope.header.kdf.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(envelope.header.cipher.iv, 'base64')).toHaveLength(16);
    expect(Buffer.from(envelope.mac, 'base64')).toHaveLength(32);
    expect(Buffer.from(envelope.ciphertext, 'base64').length % 16).toBe(0);
    expect(envelope.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(envelope.header.fingerprint).toBe(privateKey.publicKey().fingerprint());
  });

  it('never contains the private key or its PKCS#8 in clear', () => {
    const d = privateKey.toBytes();
    expect(backup.toLowerCase()).not.toContain(bytesToHex(d));
    expect(backup).not.toContain(encodeBase64(d).slice(0, 20));
    expect(backup).not.toContain(encodeBase64(privateKey.toPkcs8Der()).slice(0, 40));
  });

  it('uses a fresh salt and IV each time', async () => {
    const again = JSON.parse(await createKeyBackup(privateKey, PASS, { iterations: ITER })) as KeyBackupEnvelope;
    expect(again.header.kdf.salt).not.toBe(envelope.header.kdf.salt);
    expect(again.header.cipher.iv).not.toBe(envelope.header.cipher.iv);
    expect(again.ciphertext).not.toBe(envelope.ciphertext);
  });

  it('defaults to at least 200,000 iterations and refuses fewer', async () => {
    expect(KEY_BACKUP_DEFAULT_ITERATIONS).toBeGreaterThanOrEqual(200_000);
    await expect(createKeyBackup(privateKey, PASS, { iterations: 199_999 })).rejects.toThrow(RangeError);
  });

  it('shows which key it holds without the passphrase', () => {
    const info = inspectKeyBackup(backup);
    expect(info.fingerprint).toBe(privateKey.publicKey().fingerprint());
    expect(info.publicKey.equals(privateKey.publicKey())).toBe(true);
    expect(info.iterations).toBe(ITER);
  });

  it('applies the workspace passphrase rules when creating', async () => {
    expect(await codeOfAsync(createKeyBackup(privateKey, 'short', { iterations: ITER }))).toBe('PASSPHRASE_TOO_SHORT');
    expect(await codeOfAsync(createKeyBackup(privateKey, ' leading space', { iterations: ITER }))).toBe('PASSPHRASE_WHITESPACE');
  });

  it('treats canonically equivalent passphrases (NFC / NFD) as the same', async () => {
    const nfc = 'Café-口令-ok';
    const b = await createKeyBackup(privateKey, nfc, { iterations: ITER });
    expect((await openKeyBackup(b, nfc.normalize('NFD'))).publicKey.equals(privateKey.publicKey())).toBe(true);
  });
});

describe('key backup: refusals', () => {
  it('a wrong passphrase → KEY_BACKUP_WRONG_PASSPHRASE, with messages in Chinese and English', async () => {
    const err = await openKeyBackup(backup, PASS + '!').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe('KEY_BACKUP_WRONG_PASSPHRASE');
    expect((err as DomainError).message_zh).toMatch(/口令不正确/);
    expect((err as DomainError).message_en).toMatch(/Wrong passphrase/);
  });

  it('every single-bit flip of salt, IV, ciphertext and MAC → KEY_BACKUP_CORRUPT, before any key derivation', async () => {
    const fields: [string, (e: KeyBackupEnvelope) => string, (e: KeyBackupEnvelope, v: string) => void][] = [
      ['salt', (e) => e.header.kdf.salt, (e, v) => (e.header.kdf.salt = v)],
      ['iv', (e) => e.header.cipher.iv, (e, v) => (e.header.cipher.iv = v)],
      ['ciphertext', (e) => e.ciphertext, (e, v) => (e.ciphertext = v)],
      ['mac', (e) => e.mac, (e, v) => (e.mac = v)],
    ];
    let count = 0;
    const started = Date.now();
    for (const [name, get, set] of fields) {
      const bits = Buffer.from(get(envelope), 'base64').length * 8;
      for (let bit = 0; bit < bits; bit++) {
        const e = structuredClone(envelope);
        set(e, flipBase64(get(e), bit));
        const text = JSON.stringify(e);
        expect(codeOf(() => inspectKeyBackup(text)), `${name} bit ${bit}`).toBe('KEY_BACKUP_CORRUPT');
        count++;
      }
    }
    expect(count).toBeGreaterThan(1000);
    // openKeyBackup takes the same path: spot-check one flip per field through it.
    for (const [, get, set] of fields) {
      const e = structuredClone(envelope);
      set(e, flipBase64(get(e), 5));
      expect(await codeOfAsync(openKeyBackup(JSON.stringify(e), PASS))).toBe('KEY_BACKUP_CORRUPT');
    }
    // No PBKDF2 ran for any of them (each would take hundreds of milliseconds).
    expect(Date.now() - started).toBeLessThan(count * 50);
  });

  it('every single-bit flip anywhere in the file text is refused', () => {
    const bytes = Buffer.from(backup, 'utf8');
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const bad = Buffer.from(bytes);
      bad[bit >> 3]! ^= 1 << (bit & 7);
      const code = codeOf(() => inspectKeyBackup(bad.toString('utf8')));
      expect(['KEY_BACKUP_CORRUPT', 'KEY_BACKUP_UNSUPPORTED'], `byte ${bit >> 3} bit ${bit & 7}`).toContain(code);
    }
  });

  it.each<[string, (e: KeyBackupEnvelope) => void]>([
    ['a flipped salt bit', (e) => (e.header.kdf.salt = flipBase64(e.header.kdf.salt, 0))],
    ['a flipped IV bit', (e) => (e.header.cipher.iv = flipBase64(e.header.cipher.iv, 0))],
    ['a flipped ciphertext bit', (e) => (e.ciphertext = flipBase64(e.ciphertext, 100))],
    ['a flipped MAC bit', (e) => (e.mac = flipBase64(e.mac, 255))],
    ['another signer ID', (e) => (e.header.userId = 'attacker@example.com')],
    ['another label', (e) => (e.header.label = '另一个单位')],
    ['one more iteration', (e) => (e.header.kdf.iterations += 1)],
    ['another public key (key substitution)', (e) => {
      const other = generateSm2KeyPair().publicKey;
      e.header.publicKey = encodeBase64(other.toDer());
      e.header.fingerprint = other.fingerprint();
    }],
  ])('a forged file with %s and a recomputed checksum is refused by the MAC', async (_name, edit) => {
    // The checksum matches, so the file looks intact; only the MAC can tell, and it does.
    expect(await codeOfAsync(openKeyBackup(forge(edit), PASS))).toBe('KEY_BACKUP_WRONG_PASSPHRASE');
  });

  it('refuses unsafe or inconsistent parameters before deriving a key', () => {
    expect(codeOf(() => inspectKeyBackup(forge((e) => (e.header.kdf.iterations = 1000))))).toBe('KEY_BACKUP_CORRUPT');
    expect(codeOf(() => inspectKeyBackup(forge((e) => (e.header.kdf.keyLength = 16))))).toBe('KEY_BACKUP_CORRUPT');
    expect(codeOf(() => inspectKeyBackup(forge((e) => (e.header.fingerprint = e.header.fingerprint.replace(/^./, '0')))))).toBe('KEY_BACKUP_CORRUPT');
    expect(codeOf(() => inspectKeyBackup(forge((e) => (e.header.kdf.salt = encodeBase64(new Uint8Array(8))))))).toBe('KEY_BACKUP_CORRUPT');
    expect(codeOf(() => inspectKeyBackup(forge((e) => Object.assign(e, { extra: 1 }))))).toBe('KEY_BACKUP_CORRUPT');
  });

  it('refuses non-JSON, other formats and future versions with clear codes', () => {
    expect(codeOf(() => inspectKeyBackup('not json'))).toBe('KEY_BACKUP_CORRUPT');
    expect(codeOf(() => inspectKeyBackup(backup.slice(0, backup.length / 2)))).toBe('KEY_BACKUP_CORRUPT');
    expect(codeOf(() => inspectKeyBackup('{"format":"something-else"}'))).toBe('KEY_BACKUP_UNSUPPORTED');
    const future = codeOf(() => inspectKeyBackup(JSON.stringify({ ...envelope, version: 2 })));
    expect(future).toBe('KEY_BACKUP_UNSUPPORTED');
  });

  it('a backup of one key never opens as another (the decrypted key must match the header)', async () => {
    const other = Sm2PrivateKey.generate();
    const b = await createKeyBackup(other, PASS, { iterations: ITER });
    const opened = await openKeyBackup(b, PASS);
    expect(opened.publicKey.equals(privateKey.publicKey())).toBe(false);
    expect(opened.privateKey.publicKey().equals(opened.publicKey)).toBe(true);
  });
});
