import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../main/db/migrations/index';
import { appFactory, PASS } from '../helpers/backend';
import { fingerprint, siblings } from '../helpers/files';

const apps = appFactory('ds-create-');
const base = { passphrase: PASS, role: 'unit' as const, name: '新建', operator: '' };

describe('workspace.create', () => {
  it('creates an open workspace at the latest schema, adding .dsw when missing', async () => {
    const app = apps.app();
    const noExt = apps.wsPath().replace(/\.dsw$/, '');
    const st = await app.call('workspace.create', { ...base, path: noExt, name: '', operator: ' 张三 ' });
    expect(st).toMatchObject({ state: 'open', path: `${noExt}.dsw`, role: 'unit', operator: '张三', schemaVersion: LATEST_VERSION, idleLockMinutes: 10 });
    expect(st.name).toBe(path.basename(noExt)); // the file name when no name is given
    expect(fs.existsSync(`${noExt}.dsw`)).toBe(true);
    const audit = await app.call('audit.list', { offset: 0, limit: 10 });
    expect(audit.entries.map((e) => e.action)).toEqual(['workspace.create']);
    expect(audit.entries[0]!.actor).toBe('张三');
  });

  it('refuses an existing file (WORKSPACE_EXISTS) and leaves it untouched', async () => {
    const app = apps.app();
    const file = apps.wsPath();
    fs.writeFileSync(file, 'an officer’s precious file');
    const fp = fingerprint(file);
    const listing = siblings(file);
    const err = await app.fail('workspace.create', { ...base, path: file });
    expect(err.code).toBe('WORKSPACE_EXISTS');
    expect(err.details).toEqual({ path: file });
    // the same file named without its extension
    expect((await app.fail('workspace.create', { ...base, path: file.replace(/\.dsw$/, '') })).code).toBe('WORKSPACE_EXISTS');
    expect(fingerprint(file)).toEqual(fp);
    expect(siblings(file)).toEqual(listing);
  });

  it('refusing an existing file does not close the workspace that is open', async () => {
    const app = apps.app();
    const first = apps.wsPath();
    await app.call('workspace.create', { ...base, path: first });
    const other = apps.wsPath();
    fs.writeFileSync(other, 'x');
    expect((await app.fail('workspace.create', { ...base, path: other })).code).toBe('WORKSPACE_EXISTS');
    expect(await app.call('workspace.status', {})).toMatchObject({ state: 'open', path: first });
  });

  it('an existing workspace is not overwritten either', async () => {
    const app = apps.app();
    const file = apps.wsPath();
    await app.call('workspace.create', { ...base, path: file });
    await app.call('workspace.close', {});
    const fp = fingerprint(file);
    expect((await app.fail('workspace.create', { ...base, path: file, passphrase: 'another passphrase' })).code).toBe('WORKSPACE_EXISTS');
    expect(fingerprint(file)).toEqual(fp);
    expect((await app.call('workspace.unlock', { path: file, passphrase: PASS })).state).toBe('open');
  });

  it.each(['ws.dsw', './ws.dsw', '../ws.dsw', 'sub/ws', '~/ws.dsw'])('refuses the relative path %j (PATH_NOT_ABSOLUTE), creating nothing', async (rel) => {
    const app = apps.app();
    const err = await app.fail('workspace.create', { ...base, path: rel });
    expect(err.code).toBe('PATH_NOT_ABSOLUTE');
    expect(err.details).toEqual({ path: rel });
    expect(fs.existsSync(path.resolve(rel.endsWith('.dsw') ? rel : `${rel}.dsw`))).toBe(false);
  });

  it.each([
    ['', 'PASSPHRASE_TOO_SHORT'],
    ['short', 'PASSPHRASE_TOO_SHORT'],
    ['1234567', 'PASSPHRASE_TOO_SHORT'],
    ['七个汉字的口令', 'PASSPHRASE_TOO_SHORT'], // 7 characters
    ['😀😀😀😀😀😀😀', 'PASSPHRASE_TOO_SHORT'], // 14 UTF-16 units, 7 characters
    [' leading space', 'PASSPHRASE_WHITESPACE'],
    ['trailing space ', 'PASSPHRASE_WHITESPACE'],
  ])('refuses the weak passphrase %j (%s) and creates no file', async (passphrase, code) => {
    const app = apps.app();
    const file = apps.wsPath();
    const err = await app.fail('workspace.create', { ...base, path: file, passphrase });
    expect(err.code).toBe(code);
    expect(siblings(file)).toEqual([]);
  });

  it('accepts an 8-character passphrase in Chinese', async () => {
    const app = apps.app();
    const file = apps.wsPath();
    await app.call('workspace.create', { ...base, path: file, passphrase: '八个汉字的好口令' });
    await app.call('workspace.close', {});
    expect((await app.call('workspace.unlock', { path: file, passphrase: '八个汉字的好口令' })).state).toBe('open');
  });

  it('creates missing parent folders', async () => {
    const app = apps.app();
    const file = path.join(path.dirname(apps.wsPath()), 'a', 'b', 'c', 'ws.dsw');
    await app.call('workspace.create', { ...base, path: file });
    expect(fs.existsSync(file)).toBe(true);
  });
});
