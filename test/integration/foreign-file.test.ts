import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID } from '../../main/db/connection';
import { appFactory, PASS } from '../helpers/backend';
import { createKeyed, fingerprint, siblings } from '../helpers/files';

const apps = appFactory('ds-foreign-');

async function expectRefused(file: string, codes: string[]) {
  const app = apps.app();
  const fp = fingerprint(file);
  const listing = siblings(file);
  const err = await app.fail('workspace.unlock', { path: file, passphrase: PASS });
  expect(codes).toContain(err.code);
  expect(fingerprint(file)).toEqual(fp);
  expect(siblings(file)).toEqual(listing);
  expect((await app.call('workspace.status', {})).state).toBe('closed');
  return err;
}

describe('a file that is not a DataSteward workspace is refused and left unchanged', () => {
  it('a plain, unencrypted SQLite file (same library, no key)', async () => {
    const file = apps.wsPath('plain');
    const db = new Database(file);
    db.exec(`CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('someone else''s data')`);
    db.pragma(`application_id = ${APPLICATION_ID}`); // even claiming to be one does not help
    db.close();
    await expectRefused(file, ['WRONG_PASSPHRASE', 'NOT_A_WORKSPACE']);
    const again = new Database(file, { readonly: true });
    try {
      expect(again.prepare('SELECT t FROM notes').all()).toEqual([{ t: "someone else's data" }]);
    } finally {
      again.close();
    }
  });

  it('a plain SQLite file in WAL mode', async () => {
    const file = apps.wsPath('plainwal');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('x')`);
    db.close();
    await expectRefused(file, ['WRONG_PASSPHRASE', 'NOT_A_WORKSPACE']);
  });

  it('an encrypted SQLite file with the same passphrase but without the DSW1 application id', async () => {
    const file = apps.wsPath('other-app');
    const db = createKeyed(file, PASS);
    db.exec(`CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('x')`);
    db.close();
    const err = await expectRefused(file, ['NOT_A_WORKSPACE']);
    expect(err.message_en).toMatch(/not a DataSteward workspace/);
  });

  it('an encrypted file with the DSW1 id but no schema (user_version 0)', async () => {
    const file = apps.wsPath('empty-schema');
    const db = createKeyed(file, PASS);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.close();
    await expectRefused(file, ['NOT_A_WORKSPACE']);
  });

  it('random bytes, a text file and an empty file', async () => {
    const random = apps.wsPath('random');
    fs.writeFileSync(random, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) & 0xff)));
    await expectRefused(random, ['WRONG_PASSPHRASE', 'NOT_A_WORKSPACE', 'WORKSPACE_UNREADABLE']);
    const text = apps.wsPath('text');
    fs.writeFileSync(text, '单位名称,统一社会信用代码\n甲,91110000600037341L\n');
    await expectRefused(text, ['WRONG_PASSPHRASE', 'NOT_A_WORKSPACE', 'WORKSPACE_UNREADABLE']);
    const empty = apps.wsPath('empty');
    fs.writeFileSync(empty, '');
    await expectRefused(empty, ['WRONG_PASSPHRASE', 'NOT_A_WORKSPACE', 'WORKSPACE_UNREADABLE']);
    expect(fs.statSync(empty).size).toBe(0);
  });
});
