/**
 * The key store of a workspace: its own SM2 key (generated on demand, kept only inside the
 * encrypted workspace, leaving it only as a passphrase-encrypted backup), and the counterparts'
 * public keys, imported only when the fingerprint the user read back matches.
 *
 * Rotation (a new key announced in a package signed by the old one) is part of building a package
 * (package-service `rotateKey`); `generate` refuses when a current key exists. Signing goes through the Signer interface, so a
 * USB key (SKF) can replace the software key later without touching the package code.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  createKeyBackup,
  DEFAULT_SM2_USER_ID,
  importPublicKey,
  openKeyBackup,
  Sm2PrivateKey,
  SoftwareSigner,
  SpkiPublicKey,
  type Signer,
} from '../../crypto/index';
import { DomainError, isDomainError } from '../../domain/errors';
import { groupFingerprint, normalizeFingerprint, type CounterpartKeyInfo, type KeysStatus, type OwnKeyInfo } from '../../domain/package/keys';
import { checkUscc } from '../../domain/uscc';
import { normalizeText } from '../../domain/text';
import type { CounterpartRow, OwnKeyRow } from '../../db/repos/key-repo';
import type { OpenState, Session } from '../session';
import { inputNotReadable, writeFileSafely } from './files';

export interface KeyDeps {
  session: Session;
  actor: (operator: string) => string;
  now: () => Date;
}

const keyMissing = () =>
  new DomainError('SIGNING_KEY_MISSING', '本工作区还没有签名密钥，请先生成密钥', 'This workspace has no signing key yet; generate one first');
const keyExists = (fp: string) =>
  new DomainError(
    'SIGNING_KEY_EXISTS',
    `本工作区已有签名密钥（指纹 ${fp}）；要更换密钥，请在生成备案包时选择“轮换密钥”（由旧密钥签名宣告新密钥）`,
    `This workspace already has a signing key (${fp}); to change it, rotate the key when making a package (the old key signs the announcement of the new one)`,
    { fingerprint: fp },
  );
const fingerprintMismatch = (expected: string, given: string) =>
  new DomainError(
    'KEY_FINGERPRINT_MISMATCH',
    '您核对的指纹与该公钥不一致，未导入。请与对方重新核对（可能是文件被替换）',
    'The fingerprint you confirmed does not match this public key; nothing was imported. Check it again with the other side (the file may have been replaced)',
    { expected, given },
  );
const fingerprintMalformed = () =>
  new DomainError('KEY_FINGERPRINT_MALFORMED', '指纹应为 64 位十六进制数字（16 组，每组 4 位）', 'A fingerprint is 64 hex digits (16 groups of 4)');
const keyInvalid = (e: unknown) =>
  new DomainError(
    'KEY_INVALID',
    `不是有效的 SM2 公钥（PEM）：${isDomainError(e) ? e.message_zh : '格式不正确'}`,
    `Not a valid SM2 public key (PEM): ${isDomainError(e) ? e.message_en : 'malformed'}`,
  );
const counterpartExists = (fp: string) =>
  new DomainError('KEY_ALREADY_IMPORTED', `该公钥（指纹 ${fp}）已导入`, `This public key (${fp}) has already been imported`, { fingerprint: fp });
const counterpartIsOwn = () => new DomainError('KEY_IS_OWN', '这是本工作区自己的公钥，无需导入', "This is this workspace's own public key");
const usccNeeded = () =>
  new DomainError('KEY_USCC_REQUIRED', '导入填报单位的公钥时必须填写该单位的统一社会信用代码', "Importing a unit's key needs that unit's unified social credit code");
const usccInvalid = () => new DomainError('KEY_USCC_INVALID', '统一社会信用代码不正确', 'The unified social credit code is not valid');
const counterpartNotFound = (fp: string) => new DomainError('KEY_NOT_FOUND', `找不到指纹为 ${fp} 的公钥`, `No imported key has the fingerprint ${fp}`);

/** A PEM public key is a few hundred bytes; anything much larger is not one. */
const MAX_PEM_BYTES = 20_000;

function ownInfo(r: OwnKeyRow): OwnKeyInfo {
  const pub = SpkiPublicKey.fromDer(r.publicKeyDer);
  return { algorithm: 'SM2', fingerprint: r.fingerprint, publicKeyPem: pub.toPem(), userId: r.userId, createdAt: r.createdAt, retiredAt: r.retiredAt };
}

function counterpartInfo(r: CounterpartRow): CounterpartKeyInfo {
  return {
    id: r.id,
    role: r.role,
    fingerprint: r.fingerprint,
    publicKeyPem: SpkiPublicKey.fromDer(r.publicKeyDer).toPem(),
    label: r.label,
    uscc: r.uscc,
    confirmedAt: r.confirmedAt,
    confirmedBy: r.confirmedBy,
    revokedAt: r.revokedAt,
  };
}

/** The public key in a PEM text, or KEY_INVALID. */
export function parsePublicKeyPem(pem: string): SpkiPublicKey {
  try {
    return importPublicKey(pem);
  } catch (e) {
    throw keyInvalid(e);
  }
}

export function createKeyService(deps: KeyDeps) {
  const currentRow = (s: OpenState): OwnKeyRow => {
    const row = s.store.keys.current();
    if (!row) throw keyMissing();
    return row;
  };

  const install = (s: OpenState, key: Sm2PrivateKey, userId: string, action: string, extra: Record<string, unknown> = {}): OwnKeyInfo =>
    s.store.tx(() => {
      const existing = s.store.keys.current();
      if (existing) throw keyExists(existing.fingerprint);
      const pub = key.publicKey();
      const at = deps.now().toISOString();
      const row = { fingerprint: pub.fingerprint(), publicKeyDer: pub.toDer(), privateKeyPkcs8: key.toPkcs8Der(), userId, createdAt: at };
      s.store.keys.insertOwn(row);
      row.privateKeyPkcs8.fill(0);
      s.store.audit.append({
        actor: deps.actor(s.operator),
        action,
        entity: 'signing_key',
        entityId: row.fingerprint,
        at,
        after: { algorithm: 'SM2', fingerprint: row.fingerprint, userId, ...extra },
      });
      return ownInfo({ ...row, id: 0, retiredAt: null });
    });

  return {
    status(): KeysStatus {
      const s = deps.session.requireOpen();
      const own = s.store.keys.allOwn();
      const current = own.find((k) => k.retiredAt === null);
      return {
        role: s.info.role,
        own: current ? ownInfo(current) : null,
        retired: own.filter((k) => k.retiredAt !== null).map(ownInfo),
        counterparts: s.store.keys.counterparts().map(counterpartInfo),
      };
    },

    /** A new SM2 key for this workspace (unit or bureau). Refused when one exists. */
    generate(): OwnKeyInfo {
      const s = deps.session.requireOpen();
      if (s.store.keys.current()) throw keyExists(s.store.keys.current()!.fingerprint);
      return install(s, Sm2PrivateKey.generate(), DEFAULT_SM2_USER_ID, 'keys.generate');
    },

    /** The current public key as PEM; written to `outPath` when given. */
    exportPublic(input: { outPath?: string | undefined; overwrite?: boolean | undefined }): OwnKeyInfo & { path: string | null } {
      const s = deps.session.requireOpen();
      const info = ownInfo(currentRow(s));
      if (input.outPath) writeFileSafely(input.outPath, new TextEncoder().encode(info.publicKeyPem), { overwrite: input.overwrite ?? false });
      return { ...info, path: input.outPath ?? null };
    },

    /** An encrypted backup of the private key (PBKDF2-HMAC-SM3 + SM4-CBC + HMAC-SM3), audited. */
    async backup(input: { outPath: string; passphrase: string; label?: string | undefined; overwrite?: boolean | undefined }): Promise<{ path: string; fingerprint: string }> {
      const s = deps.session.requireOpen();
      const row = currentRow(s);
      const key = Sm2PrivateKey.fromPkcs8Der(row.privateKeyPkcs8);
      row.privateKeyPkcs8.fill(0);
      const label = normalizeText(input.label ?? `${s.info.name} ${row.createdAt.slice(0, 10)}`).slice(0, 200);
      const text = await createKeyBackup(key, input.passphrase, { userId: row.userId, label, createdAt: deps.now() });
      // The file first, then the audit entry: a backup that was not written is not recorded.
      writeFileSafely(input.outPath, new TextEncoder().encode(text), { overwrite: input.overwrite ?? false, mode: 0o600 });
      const at = deps.now().toISOString();
      s.store.tx(() =>
        s.store.audit.append({
          actor: deps.actor(s.operator),
          action: 'keys.backup',
          entity: 'signing_key',
          entityId: row.fingerprint,
          at,
          after: { fingerprint: row.fingerprint, file: path.basename(input.outPath) },
        }),
      );
      return { path: input.outPath, fingerprint: row.fingerprint };
    },

    /** Install the key of a backup file (a replacement PC); refused when a key exists. */
    async restore(input: { path: string; passphrase: string }): Promise<OwnKeyInfo> {
      const s = deps.session.requireOpen();
      if (s.store.keys.current()) throw keyExists(s.store.keys.current()!.fingerprint);
      let text: string;
      try {
        text = fs.readFileSync(input.path, 'utf8');
      } catch (e) {
        throw inputNotReadable(input.path, e);
      }
      const opened = await openKeyBackup(text, input.passphrase);
      return install(s, opened.privateKey, opened.userId, 'keys.restore', { file: path.basename(input.path) });
    },

    /**
     * Import the other side's public key. `fingerprint` is what the user read back (over the phone,
     * from a letter); on any difference nothing is imported. A unit imports the bureau's key; a
     * bureau imports a unit's key with that unit's USCC.
     */
    importCounterpart(input: { pem: string; fingerprint: string; label?: string | undefined; uscc?: string | undefined }): CounterpartKeyInfo {
      const s = deps.session.requireOpen();
      const key = parsePublicKeyPem(input.pem);
      const actual = key.fingerprint();
      const given = normalizeFingerprint(input.fingerprint);
      if (given === null) throw fingerprintMalformed();
      if (given !== actual.replace(/ /g, '')) throw fingerprintMismatch(actual, groupFingerprint(given));
      const role = s.info.role === 'unit' ? 'bureau' : 'unit';
      let uscc = '';
      if (role === 'unit') {
        if (!input.uscc?.trim()) throw usccNeeded();
        const r = checkUscc(input.uscc);
        if (!r.valid) throw usccInvalid();
        uscc = r.normalized;
      }
      return s.store.tx(() => {
        if (s.store.keys.allOwn().some((k) => k.fingerprint === actual)) throw counterpartIsOwn();
        if (s.store.keys.counterpartByFingerprint(actual)) throw counterpartExists(actual);
        const at = deps.now().toISOString();
        const actor = deps.actor(s.operator);
        const label = normalizeText(input.label ?? '').slice(0, 200);
        s.store.keys.insertCounterpart({ role, fingerprint: actual, publicKeyDer: key.toDer(), label, uscc, confirmedAt: at, confirmedBy: actor });
        s.store.audit.append({
          actor,
          action: 'keys.counterpart.import',
          entity: 'counterpart_key',
          entityId: actual,
          at,
          after: { role, fingerprint: actual, label, uscc, fingerprintConfirmed: true },
        });
        return counterpartInfo(s.store.keys.counterpartByFingerprint(actual)!);
      });
    },

    /** A public key file's PEM and fingerprint, to compare with what the other side reads out. Trusts nothing. */
    readPublicKey(input: { path: string }): { pem: string; fingerprint: string } {
      deps.session.requireOpen();
      let text: string;
      try {
        if (fs.statSync(input.path).size > MAX_PEM_BYTES) throw keyInvalid(undefined);
        text = fs.readFileSync(input.path, 'utf8');
      } catch (e) {
        if (isDomainError(e)) throw e;
        throw inputNotReadable(input.path, e);
      }
      const key = parsePublicKeyPem(text);
      return { pem: key.toPem(), fingerprint: key.fingerprint() };
    },

    /** Stop trusting (unit side: stop sealing to) an imported key. Kept for the record. */
    revokeCounterpart(fingerprint: string): CounterpartKeyInfo {
      const s = deps.session.requireOpen();
      const fp = normalizeFingerprint(fingerprint);
      if (fp === null) throw fingerprintMalformed();
      const grouped = groupFingerprint(fp);
      return s.store.tx(() => {
        const row = s.store.keys.counterpartByFingerprint(grouped);
        if (!row) throw counterpartNotFound(grouped);
        const at = deps.now().toISOString();
        if (s.store.keys.revokeCounterpart(row.id, at)) {
          s.store.audit.append({ actor: deps.actor(s.operator), action: 'keys.counterpart.revoke', entity: 'counterpart_key', entityId: grouped, at });
        }
        return counterpartInfo(s.store.keys.counterpartByFingerprint(grouped)!);
      });
    },

    // ---- for the package service

    /** The signer of the open workspace (the software key; a token later). */
    signer(s: OpenState): Signer {
      const row = currentRow(s);
      const key = Sm2PrivateKey.fromPkcs8Der(row.privateKeyPkcs8);
      row.privateKeyPkcs8.fill(0);
      return new SoftwareSigner(key, { userId: row.userId });
    },

    /** The current private key (to open packages sealed for this workspace), or undefined. */
    privateKey(s: OpenState): Sm2PrivateKey | undefined {
      const row = s.store.keys.current();
      if (!row) return undefined;
      const key = Sm2PrivateKey.fromPkcs8Der(row.privateKeyPkcs8);
      row.privateKeyPkcs8.fill(0);
      return key;
    },

    /** Every own public key, current and retired. */
    ownPublicKeys(s: OpenState): SpkiPublicKey[] {
      return s.store.keys.allOwn().map((r) => SpkiPublicKey.fromDer(r.publicKeyDer));
    },

    /** The bureau key a unit seals to by default: the most recently confirmed one not revoked. */
    defaultRecipient(s: OpenState): SpkiPublicKey | undefined {
      const rows = s.store.keys.counterparts().filter((c) => c.role === 'bureau' && c.revokedAt === null);
      const last = rows[rows.length - 1];
      return last && SpkiPublicKey.fromDer(last.publicKeyDer);
    },

    counterpart(s: OpenState, fingerprint: string): CounterpartRow | undefined {
      return s.store.keys.counterpartByFingerprint(fingerprint);
    },
  };
}

export type KeyService = ReturnType<typeof createKeyService>;
