/**
 * The key store: generate (once, audited), the private key only inside the encrypted workspace,
 * export of the public key, encrypted backup and restore, and import of a counterpart's key only
 * with the fingerprint the user read back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFactory, PASS } from '../../helpers/backend';
import { containsBytes, dbFiles } from '../../helpers/files';
import { openKeyBackup, generateSm2KeyPair } from '../../../main/crypto/index';
import { auditTotal, lastAudit } from '../inventory/fixtures';
import { BACKUP_PASS, bureauWorkspace, unitWorkspace } from './fixtures';

const apps = appFactory('ds-pkg-keys-');
const dir = () => fs.mkdtempSync(path.join(apps.root, 'o-'));

async function plainUnit() {
  const app = apps.app();
  const file = apps.wsPath();
  await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: '单位', operator: '张三' });
  return { app, file };
}

describe('own key', () => {
  it('is generated on demand, once; the audit entry holds the fingerprint and nothing secret', async () => {
    const { app } = await plainUnit();
    expect((await app.call('keys.status', {})).own).toBeNull();
    const k = await app.call('keys.generate', {});
    expect(k).toMatchObject({ algorithm: 'SM2', userId: '1234567812345678', retiredAt: null });
    expect(k.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    expect(k.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    const audit = await lastAudit(app);
    expect(audit).toMatchObject({ action: 'keys.generate', entity: 'signing_key', entityId: k.fingerprint, after: { fingerprint: k.fingerprint, algorithm: 'SM2' } });
    expect(JSON.stringify(audit)).not.toMatch(/PRIVATE|pkcs8/i);
    const again = await app.fail('keys.generate', {});
    expect(again.code).toBe('SIGNING_KEY_EXISTS');
    expect((await app.call('keys.status', {})).own?.fingerprint).toBe(k.fingerprint);
  });

  it('the private key is stored only inside the encrypted workspace: its bytes appear in no file on disk', async () => {
    const { app, file } = await plainUnit();
    await app.call('keys.generate', {});
    const backup = path.join(dir(), 'k.dskey');
    await app.call('keys.backup', { outPath: backup, passphrase: BACKUP_PASS });
    const key = (await openKeyBackup(fs.readFileSync(backup, 'utf8'), BACKUP_PASS)).privateKey;
    await app.call('workspace.lock', {});
    for (const f of dbFiles(file)) {
      expect(containsBytes(f, Buffer.from(key.toBytes()))).toBe(false);
      expect(containsBytes(f, Buffer.from(key.toPkcs8Der()))).toBe(false);
    }
    expect(containsBytes(backup, Buffer.from(key.toBytes()))).toBe(false);
  });

  it('exports the public key to a file (never over an existing one unless asked)', async () => {
    const { app } = await plainUnit();
    const k = await app.call('keys.generate', {});
    const out = path.join(dir(), 'unit-pub.pem');
    const r = await app.call('keys.exportPublic', { outPath: out });
    expect(r).toMatchObject({ path: out, fingerprint: k.fingerprint });
    expect(fs.readFileSync(out, 'utf8')).toBe(k.publicKeyPem);
    expect((await app.fail('keys.exportPublic', { outPath: out })).code).toBe('OUTPUT_EXISTS');
    expect((await app.call('keys.exportPublic', {})).path).toBeNull();
  });

  it('backs up under a passphrase (audited), and the backup restores the same key in another workspace', async () => {
    const { app } = await plainUnit();
    const k = await app.call('keys.generate', {});
    const out = path.join(dir(), 'k.dskey');
    expect((await app.fail('keys.backup', { outPath: out, passphrase: 'short' })).code).toBe('PASSPHRASE_TOO_SHORT');
    expect(fs.existsSync(out)).toBe(false);
    const before = await auditTotal(app);
    const r = await app.call('keys.backup', { outPath: out, passphrase: BACKUP_PASS, label: '某区卫健委 2026' });
    expect(r).toEqual({ path: out, fingerprint: k.fingerprint });
    expect(await auditTotal(app)).toBe(before + 1);
    expect(await lastAudit(app)).toMatchObject({ action: 'keys.backup', after: { fingerprint: k.fingerprint, file: 'k.dskey' } });
    expect((fs.statSync(out).mode & 0o077)).toBe(0);
    const env = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(env).toMatchObject({ format: 'datasteward-sm2-key-backup', header: { fingerprint: k.fingerprint, label: '某区卫健委 2026', userId: '1234567812345678' } });

    const other = await plainUnit();
    expect((await other.app.fail('keys.restore', { path: out, passphrase: 'wrong-passphrase' })).code).toBe('KEY_BACKUP_WRONG_PASSPHRASE');
    const restored = await other.app.call('keys.restore', { path: out, passphrase: BACKUP_PASS });
    expect(restored.fingerprint).toBe(k.fingerprint);
    expect((await lastAudit(other.app)).action).toBe('keys.restore');
    expect((await other.app.fail('keys.restore', { path: out, passphrase: BACKUP_PASS })).code).toBe('SIGNING_KEY_EXISTS');
  });
});

describe('counterpart keys', () => {
  it('a unit imports the bureau key only when the fingerprint read back matches (any spacing or case)', async () => {
    const bureau = await bureauWorkspace(apps);
    const { app } = await plainUnit();
    const wrong = bureau.fingerprint.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const before = await auditTotal(app);
    const e = await app.fail('keys.importCounterpart', { pem: bureau.publicKeyPem, fingerprint: wrong });
    expect(e.code).toBe('KEY_FINGERPRINT_MISMATCH');
    expect((await app.call('keys.status', {})).counterparts).toEqual([]);
    expect(await auditTotal(app)).toBe(before);
    expect((await app.fail('keys.importCounterpart', { pem: bureau.publicKeyPem, fingerprint: '1234' })).code).toBe('KEY_FINGERPRINT_MALFORMED');
    expect((await app.fail('keys.importCounterpart', { pem: 'not a key', fingerprint: bureau.fingerprint })).code).toBe('KEY_INVALID');

    const c = await app.call('keys.importCounterpart', { pem: bureau.publicKeyPem, fingerprint: bureau.fingerprint.toLowerCase().replace(/ /g, '-'), label: '某区数据局' });
    expect(c).toMatchObject({ role: 'bureau', fingerprint: bureau.fingerprint, label: '某区数据局', uscc: '', revokedAt: null });
    expect(await lastAudit(app)).toMatchObject({ action: 'keys.counterpart.import', after: { fingerprint: bureau.fingerprint, fingerprintConfirmed: true } });
    expect((await app.fail('keys.importCounterpart', { pem: bureau.publicKeyPem, fingerprint: bureau.fingerprint })).code).toBe('KEY_ALREADY_IMPORTED');
  });

  it('a bureau imports a unit key with that unit’s USCC; its own key is refused; revoking keeps the record', async () => {
    const bureau = await bureauWorkspace(apps);
    const unit = await unitWorkspace(apps);
    expect((await bureau.app.fail('keys.importCounterpart', { pem: unit.publicKeyPem, fingerprint: unit.fingerprint })).code).toBe('KEY_USCC_REQUIRED');
    expect((await bureau.app.fail('keys.importCounterpart', { pem: unit.publicKeyPem, fingerprint: unit.fingerprint, uscc: '91110000600037341N' })).code).toBe('KEY_USCC_INVALID');
    expect((await bureau.app.fail('keys.importCounterpart', { pem: bureau.publicKeyPem, fingerprint: bureau.fingerprint, uscc: '91110000600037341L' })).code).toBe('KEY_IS_OWN');
    const c = await bureau.app.call('keys.importCounterpart', { pem: unit.publicKeyPem, fingerprint: unit.fingerprint, uscc: '91110000 600037341l' });
    expect(c).toMatchObject({ role: 'unit', uscc: '91110000600037341L' });
    const r = await bureau.app.call('keys.revokeCounterpart', { fingerprint: unit.fingerprint });
    expect(r.revokedAt).not.toBeNull();
    expect((await bureau.app.call('keys.status', {})).counterparts).toHaveLength(1);
  });

  it('a key generated elsewhere (not SM2) is refused', async () => {
    const { app } = await plainUnit();
    const { execFileSync } = await import('node:child_process');
    const p256 = execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256']);
    const pub = execFileSync('openssl', ['pkey', '-pubout'], { input: p256, encoding: 'utf8' });
    expect((await app.fail('keys.importCounterpart', { pem: pub, fingerprint: generateSm2KeyPair().publicKey.fingerprint() })).code).toBe('KEY_INVALID');
  });
});
