import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
import { LATEST_VERSION } from '../../main/db/migrations/index';
import { appFactory, PASS } from '../helpers/backend';
import { dbFiles, fingerprint, siblings } from '../helpers/files';

const apps = appFactory('ds-toonew-');

describe('a workspace from a newer DataSteward', () => {
  it('is refused with WORKSPACE_TOO_NEW naming both versions; bytes, mtime and folder unchanged', async () => {
    const app = apps.app();
    const file = apps.wsPath();
    await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: '新版本', operator: '' });
    await app.call('workspace.close', {});

    const newer = LATEST_VERSION + 1;
    const { db } = openDatabase(file, PASS);
    db.pragma(`user_version = ${newer}`);
    db.close();
    expect(dbFiles(file)).toEqual([file]);
    const fp = fingerprint(file);
    const listing = siblings(file);

    const err = await app.fail('workspace.unlock', { path: file, passphrase: PASS });
    expect(err.code).toBe('WORKSPACE_TOO_NEW');
    expect(err.message_en).toContain(`schema ${newer}`);
    expect(err.message_en).toContain(`up to ${LATEST_VERSION}`);
    expect(err.message_zh).toContain(`数据库版本 ${newer}`);
    expect(err.message_zh).toContain(`支持到 ${LATEST_VERSION}`);
    expect(err.details).toEqual({ found: newer, known: LATEST_VERSION });
    expect((await app.call('workspace.status', {})).state).toBe('closed');

    expect(fingerprint(file)).toEqual(fp);
    expect(siblings(file)).toEqual(listing);
    expect(listing.some((f) => f.includes('backup'))).toBe(false);

    // Refused again, from the locked state too, still unchanged.
    expect((await app.fail('workspace.unlock', { path: file, passphrase: PASS })).code).toBe('WORKSPACE_TOO_NEW');
    expect(fingerprint(file)).toEqual(fp);

    // The file is intact: set back to the known version, it opens.
    const back = openDatabase(file, PASS);
    back.db.pragma(`user_version = ${LATEST_VERSION}`);
    back.db.close();
    expect((await app.call('workspace.unlock', { path: file, passphrase: PASS })).state).toBe('open');
  });

  it('a wrong passphrase on a too-new file is WRONG_PASSPHRASE (the version is not readable without the key)', async () => {
    const app = apps.app();
    const file = apps.wsPath();
    await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: 'n', operator: '' });
    await app.call('workspace.close', {});
    const { db } = openDatabase(file, PASS);
    db.pragma(`user_version = ${LATEST_VERSION + 5}`);
    db.close();
    expect((await app.fail('workspace.unlock', { path: file, passphrase: 'another passphrase' })).code).toBe('WRONG_PASSPHRASE');
  });
});
