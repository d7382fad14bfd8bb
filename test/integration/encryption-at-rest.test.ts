import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { appFactory, PASS, VALID_PROFILE } from '../helpers/backend';
import { containsBytes, dbFiles, openKeyed } from '../helpers/files';

const apps = appFactory('ds-enc-');

// Distinctive text: long enough that a chance match in ciphertext is impossible.
const ZH = '绝密测试单位甲乙丙丁戊己庚辛';
const ASCII = 'PLAINTEXT-CANARY-7f3a9c2e';
const PHONE = '13912345678';
const MARKERS = [ZH, ASCII, PHONE, 'SQLite format 3'];

function leaks(file: string): string[] {
  return MARKERS.filter((m) => containsBytes(file, m));
}

describe('encryption at rest', () => {
  it('the marker search works: a plain SQLite file with the same text is caught', () => {
    const file = path.join(apps.root, 'control.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE t (a TEXT)');
    db.prepare('INSERT INTO t VALUES (?)').run(`${ZH} ${ASCII} ${PHONE}`);
    db.close();
    expect(leaks(file)).toEqual(MARKERS);
  });

  it('neither the .dsw nor its -wal / -shm ever hold the profile text or the SQLite header', async () => {
    const app = apps.app();
    const file = apps.wsPath('机密');
    await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: '加密测试', operator: '王五' });
    await app.call('profile.save', {
      profile: { ...VALID_PROFILE, unitName: ZH, address: ASCII, officerPhone: PHONE, managementBody: `${ZH}（${ASCII}）` },
    });

    // Still open: the change sits in the WAL, not yet checkpointed into the main file.
    const wal = `${file}-wal`;
    expect(fs.existsSync(wal)).toBe(true);
    expect(fs.statSync(wal).size).toBeGreaterThan(0);
    for (const f of dbFiles(file)) expect(leaks(f), path.basename(f)).toEqual([]);

    // Lock closes the connection: everything is checkpointed into the main file.
    expect((await app.call('workspace.lock', {})).state).toBe('locked');
    const after = dbFiles(file);
    expect(after).toContain(file);
    for (const f of after) expect(leaks(f), path.basename(f)).toEqual([]);
    expect(fs.statSync(file).size).toBeGreaterThan(4096);

    // The recent list in the config folder names the workspace, never the profile.
    for (const f of fs.readdirSync(app.configDir)) expect(leaks(path.join(app.configDir, f))).toEqual([]);

    // The text really is in there: with the key it reads back.
    const raw = openKeyed(file, PASS);
    try {
      expect(raw.prepare('SELECT unit_name, address, officer_phone FROM unit_profile').get()).toEqual({ unit_name: ZH, address: ASCII, officer_phone: PHONE });
    } finally {
      raw.close();
    }
    // and nothing was left behind in plain text by that read either
    for (const f of dbFiles(file)) expect(leaks(f), path.basename(f)).toEqual([]);
  });

  it('the file cannot be read as SQLite without the key', async () => {
    const app = apps.app();
    const file = apps.wsPath();
    await app.call('workspace.create', { path: file, passphrase: PASS, role: 'bureau', name: 'x', operator: '' });
    await app.call('workspace.close', {});
    const plain = new Database(file, { fileMustExist: true, readonly: true });
    try {
      expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    } finally {
      plain.close();
    }
  });
});
