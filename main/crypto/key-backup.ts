/**
 * Passphrase-protected backup of an SM2 signing key: a small, versioned JSON envelope.
 *
 *   {
 *     "format": "datasteward-sm2-key-backup", "version": 1,
 *     "header": {
 *       "createdAt": ISO 8601 UTC, "label": free text, "userId": the signer ID to use with the key,
 *       "publicKey": base64 SPKI DER, "fingerprint": SM3 fingerprint of it ("1A2B 3C4D …"),
 *       "kdf": { "name": "PBKDF2-HMAC-SM3", "iterations": ≥ 200,000, "salt": base64 (16 bytes), "keyLength": 32 },
 *       "cipher": { "name": "SM4-CBC+HMAC-SM3", "iv": base64 (16 bytes) }
 *     },
 *     "ciphertext": base64 SM4-CBC(PKCS#8 DER of the key), "mac": base64 HMAC-SM3 (32 bytes),
 *     "checksum": hex SM3 of the canonical JSON of everything above
 *   }
 *
 * Keys: master = PBKDF2-HMAC-SM3(NFC(passphrase), salt, iterations, 32 bytes); the SM4 key and the
 * HMAC key are derived from it separately (sm4.ts deriveEtmKeys), so the master is one PRF block
 * and an attacker gains nothing over the defender from the split. The MAC covers the canonical
 * JSON of format, version and header as associated data, then IV and ciphertext
 * (encrypt-then-MAC); it is checked before anything is decrypted.
 *
 * Errors: the unkeyed checksum tells accidental damage (KEY_BACKUP_CORRUPT) from a wrong
 * passphrase (KEY_BACKUP_WRONG_PASSPHRASE, the MAC fails on an intact file). A deliberate forger
 * can recompute the checksum; the MAC still refuses, reported as a wrong passphrase, whose message
 * says so.
 */
import { randomBytes } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json';
import { DomainError } from '../domain/errors';
import { checkPassphrase } from '../domain/workspace';
import { cryptoError } from './errors';
import { pbkdf2HmacSm3 } from './pbkdf2';
import { decodeBase64Strict, encodeBase64 } from './pem';
import { DEFAULT_SM2_USER_ID, Sm2PrivateKey, SpkiPublicKey } from './sm2';
import { userIdBytes } from './sm2-core';
import { deriveEtmKeys, sm4CbcHmacOpen, sm4CbcHmacSeal } from './sm4';
import { sm3Hex } from './sm3';

export const KEY_BACKUP_FORMAT = 'datasteward-sm2-key-backup';
export const KEY_BACKUP_VERSION = 1;
export const KEY_BACKUP_KDF = 'PBKDF2-HMAC-SM3';
export const KEY_BACKUP_CIPHER = 'SM4-CBC+HMAC-SM3';
/** About 0.5 s on a current PC; old domestic (Phytium, Loongson) machines may take a few seconds. */
export const KEY_BACKUP_DEFAULT_ITERATIONS = 300_000;
export const KEY_BACKUP_MIN_ITERATIONS = 200_000;
export const KEY_BACKUP_MAX_ITERATIONS = 5_000_000;
const SALT_BYTES = 16;
const IV_BYTES = 16;
const MAC_BYTES = 32;
const MASTER_BYTES = 32;
const KEY_LABEL = 'DataSteward key backup v1';
const MAX_LABEL_CHARS = 200;

export interface KeyBackupHeader {
  createdAt: string;
  label: string;
  userId: string;
  publicKey: string;
  fingerprint: string;
  kdf: { name: typeof KEY_BACKUP_KDF; iterations: number; salt: string; keyLength: number };
  cipher: { name: typeof KEY_BACKUP_CIPHER; iv: string };
}

export interface KeyBackupEnvelope {
  format: typeof KEY_BACKUP_FORMAT;
  version: typeof KEY_BACKUP_VERSION;
  header: KeyBackupHeader;
  ciphertext: string;
  mac: string;
  checksum: string;
}

export interface CreateKeyBackupOptions {
  /** The signer ID to use with this key; default "1234567812345678". */
  userId?: string;
  /** Shown when choosing a backup, e.g. the unit and the officer; at most 200 characters. */
  label?: string;
  iterations?: number;
  createdAt?: Date;
}

/** What can be read without the passphrase (after the file's structure and checksum are checked). */
export interface KeyBackupInfo {
  createdAt: string;
  label: string;
  userId: string;
  publicKey: SpkiPublicKey;
  fingerprint: string;
  iterations: number;
}

export interface OpenedKeyBackup extends KeyBackupInfo {
  privateKey: Sm2PrivateKey;
}

type CorruptReason = 'json' | 'structure' | 'checksum' | 'parameters' | 'public-key' | 'payload';

const corrupt = (reason: CorruptReason) =>
  cryptoError(
    'KEY_BACKUP_CORRUPT',
    '密钥备份文件已损坏或被改动，无法使用',
    'The key backup file is damaged or has been altered and cannot be used',
    { reason },
  );

const unsupported = (found: unknown) =>
  cryptoError(
    'KEY_BACKUP_UNSUPPORTED',
    typeof found === 'number' && found > KEY_BACKUP_VERSION
      ? `此密钥备份为第 ${found} 版格式，请使用更新版本的程序打开`
      : '不是 DataSteward 密钥备份文件，或格式不受支持',
    typeof found === 'number' && found > KEY_BACKUP_VERSION
      ? `This key backup is format version ${found}; open it with a newer version of the program`
      : 'Not a DataSteward key backup, or an unsupported format',
  );

const wrongPassphrase = () =>
  cryptoError(
    'KEY_BACKUP_WRONG_PASSPHRASE',
    '口令不正确，无法打开密钥备份（如确认口令无误，则备份文件已被改动）',
    'Wrong passphrase: the key backup cannot be opened (if the passphrase is right, the file has been altered)',
  );

function passphraseBytes(passphrase: string): Uint8Array {
  return new Uint8Array(Buffer.from(passphrase.normalize('NFC'), 'utf8'));
}

function aadOf(header: KeyBackupHeader): Uint8Array {
  return new TextEncoder().encode(canonicalJson({ format: KEY_BACKUP_FORMAT, version: KEY_BACKUP_VERSION, header }));
}

function checksumOf(e: Omit<KeyBackupEnvelope, 'checksum'>): string {
  return sm3Hex(canonicalJson({ format: e.format, version: e.version, header: e.header, ciphertext: e.ciphertext, mac: e.mac }));
}

function checkIterations(n: number): void {
  if (!Number.isInteger(n) || n < KEY_BACKUP_MIN_ITERATIONS || n > KEY_BACKUP_MAX_ITERATIONS) {
    throw new RangeError(`iterations must be an integer in [${KEY_BACKUP_MIN_ITERATIONS}, ${KEY_BACKUP_MAX_ITERATIONS}]`);
  }
}

async function deriveKeys(passphrase: string, salt: Uint8Array, iterations: number) {
  const pw = passphraseBytes(passphrase);
  const master = await pbkdf2HmacSm3(pw, salt, iterations, MASTER_BYTES);
  pw.fill(0);
  const keys = deriveEtmKeys(master, KEY_LABEL);
  master.fill(0);
  return keys;
}

/**
 * Encrypt `privateKey` under `passphrase` (which must pass the workspace passphrase rules: at
 * least 8 characters, no leading or trailing space). Returns the JSON text to write to a file.
 */
export async function createKeyBackup(privateKey: Sm2PrivateKey, passphrase: string, options: CreateKeyBackupOptions = {}): Promise<string> {
  const problem = checkPassphrase(passphrase);
  if (problem) throw new DomainError(problem.code, problem.message_zh, problem.message_en);
  const iterations = options.iterations ?? KEY_BACKUP_DEFAULT_ITERATIONS;
  checkIterations(iterations);
  const userId = options.userId ?? DEFAULT_SM2_USER_ID;
  userIdBytes(userId);
  const label = (options.label ?? '').normalize('NFC');
  if ([...label].length > MAX_LABEL_CHARS) throw new RangeError(`label longer than ${MAX_LABEL_CHARS} characters`);

  const salt = new Uint8Array(randomBytes(SALT_BYTES));
  const iv = new Uint8Array(randomBytes(IV_BYTES));
  const publicKey = privateKey.publicKey();
  const header: KeyBackupHeader = {
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    label,
    userId,
    publicKey: encodeBase64(publicKey.toDer()),
    fingerprint: publicKey.fingerprint(),
    kdf: { name: KEY_BACKUP_KDF, iterations, salt: encodeBase64(salt), keyLength: MASTER_BYTES },
    cipher: { name: KEY_BACKUP_CIPHER, iv: encodeBase64(iv) },
  };
  const keys = await deriveKeys(passphrase, salt, iterations);
  const plaintext = privateKey.toPkcs8Der();
  const sealed = sm4CbcHmacSeal(keys, plaintext, aadOf(header), iv);
  plaintext.fill(0);
  keys.encKey.fill(0);
  keys.macKey.fill(0);
  const body = {
    format: KEY_BACKUP_FORMAT,
    version: KEY_BACKUP_VERSION,
    header,
    ciphertext: encodeBase64(sealed.ciphertext),
    mac: encodeBase64(sealed.mac),
  } as const;
  const envelope: KeyBackupEnvelope = { ...body, checksum: checksumOf(body) };
  return JSON.stringify(envelope, null, 2) + '\n';
}

// ---- reading ----

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function exactKeys(o: Record<string, unknown>, keys: string[]): void {
  const actual = Object.keys(o).sort();
  const expected = [...keys].sort();
  if (actual.length !== expected.length || actual.some((k, i) => k !== expected[i])) throw corrupt('structure');
}

function str(o: Record<string, unknown>, key: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw corrupt('structure');
  return v;
}

function b64(o: Record<string, unknown>, key: string, length?: number): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64Strict(str(o, key));
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw corrupt('structure');
  }
  if (length !== undefined && bytes.length !== length) throw corrupt('structure');
  return bytes;
}

interface Parsed {
  envelope: KeyBackupEnvelope;
  info: KeyBackupInfo;
  salt: Uint8Array;
  iv: Uint8Array;
  ciphertext: Uint8Array;
  mac: Uint8Array;
}

function parse(text: string): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw corrupt('json');
  }
  if (!isPlainObject(raw) || raw.format !== KEY_BACKUP_FORMAT) throw unsupported(undefined);
  if (raw.version !== KEY_BACKUP_VERSION) throw unsupported(raw.version);
  exactKeys(raw, ['format', 'version', 'header', 'ciphertext', 'mac', 'checksum']);
  const header = raw.header;
  if (!isPlainObject(header)) throw corrupt('structure');
  exactKeys(header, ['createdAt', 'label', 'userId', 'publicKey', 'fingerprint', 'kdf', 'cipher']);
  const kdf = header.kdf;
  const cipher = header.cipher;
  if (!isPlainObject(kdf) || !isPlainObject(cipher)) throw corrupt('structure');
  exactKeys(kdf, ['name', 'iterations', 'salt', 'keyLength']);
  exactKeys(cipher, ['name', 'iv']);
  const checksum = str(raw, 'checksum');
  if (!/^[0-9a-f]{64}$/.test(checksum)) throw corrupt('structure');
  for (const k of ['createdAt', 'label', 'userId', 'publicKey', 'fingerprint']) str(header, k);
  const salt = b64(kdf, 'salt', SALT_BYTES);
  const iv = b64(cipher, 'iv', IV_BYTES);
  const ciphertext = b64(raw, 'ciphertext');
  const mac = b64(raw, 'mac', MAC_BYTES);
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0 || ciphertext.length > 4096) throw corrupt('structure');

  const envelope = raw as unknown as KeyBackupEnvelope;
  // Integrity of the whole file, before any parameter is trusted or any key derived.
  if (checksumOf(envelope) !== checksum) throw corrupt('checksum');

  if (kdf.name !== KEY_BACKUP_KDF || cipher.name !== KEY_BACKUP_CIPHER) throw unsupported(undefined);
  const iterations = kdf.iterations;
  if (typeof iterations !== 'number' || !Number.isInteger(iterations) || iterations < KEY_BACKUP_MIN_ITERATIONS || iterations > KEY_BACKUP_MAX_ITERATIONS) {
    throw corrupt('parameters');
  }
  if (kdf.keyLength !== MASTER_BYTES) throw corrupt('parameters');
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(envelope.header.createdAt)) throw corrupt('structure');
  try {
    userIdBytes(envelope.header.userId);
  } catch {
    throw corrupt('parameters');
  }
  let publicKey: SpkiPublicKey;
  try {
    publicKey = SpkiPublicKey.fromDer(b64(header, 'publicKey'));
  } catch {
    throw corrupt('public-key');
  }
  if (publicKey.fingerprint() !== envelope.header.fingerprint) throw corrupt('public-key');
  return {
    envelope,
    info: {
      createdAt: envelope.header.createdAt,
      label: envelope.header.label,
      userId: envelope.header.userId,
      publicKey,
      fingerprint: envelope.header.fingerprint,
      iterations,
    },
    salt,
    iv,
    ciphertext,
    mac,
  };
}

/** Read the public part of a backup without the passphrase (to show which key it holds). */
export function inspectKeyBackup(text: string): KeyBackupInfo {
  return parse(text).info;
}

/** Decrypt a backup. KEY_BACKUP_CORRUPT / _UNSUPPORTED before the KDF runs; _WRONG_PASSPHRASE after. */
export async function openKeyBackup(text: string, passphrase: string): Promise<OpenedKeyBackup> {
  const p = parse(text);
  const keys = await deriveKeys(passphrase, p.salt, p.info.iterations);
  let plaintext: Uint8Array;
  try {
    plaintext = sm4CbcHmacOpen(keys, { iv: p.iv, ciphertext: p.ciphertext, mac: p.mac }, aadOf(p.envelope.header));
  } catch (e) {
    if (e instanceof DomainError && e.code === 'SM4_AUTH_FAILED') throw wrongPassphrase();
    throw corrupt('payload');
  } finally {
    keys.encKey.fill(0);
    keys.macKey.fill(0);
  }
  let privateKey: Sm2PrivateKey;
  try {
    privateKey = Sm2PrivateKey.fromPkcs8Der(plaintext);
  } catch {
    throw corrupt('payload');
  } finally {
    plaintext.fill(0);
  }
  if (!privateKey.publicKey().equals(p.info.publicKey)) throw corrupt('payload');
  return { ...p.info, privateKey };
}
