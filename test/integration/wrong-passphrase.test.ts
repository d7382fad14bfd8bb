import { describe, expect, it } from 'vitest';
import { appFactory, PASS, VALID_PROFILE } from '../helpers/backend';
import { dbFiles, fingerprint, siblings } from '../helpers/files';

const apps = appFactory('ds-wrongpw-');

describe('a wrong passphrase opens nothing', () => {
  it('WRONG_PASSPHRASE, the file unchanged (bytes and mtime), then the right passphrase works', async () => {
    const app = apps.app();
    const file = apps.wsPath();
    await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: '口令测试', operator: '' });
    await app.call('profile.save', { profile: VALID_PROFILE });
    await app.call('workspace.close', {});
    expect(dbFiles(file)).toEqual([file]);
    const fp = fingerprint(file);
    const listing = siblings(file);

    for (const wrong of ['wrong passphrase', PASS + ' ', PASS.toUpperCase(), PASS.slice(0, -1), '正确的口令 horse-batterY']) {
      const err = await app.fail('workspace.unlock', { path: file, passphrase: wrong });
      expect(err.code).toBe('WRONG_PASSPHRASE');
      expect(err.message_zh).toContain('口令错误');
      expect(JSON.stringify(err)).not.toContain(wrong);
      expect((await app.call('workspace.status', {})).state).toBe('closed');
    }
    expect(fingerprint(file)).toEqual(fp);
    expect(siblings(file)).toEqual(listing); // no -wal / -shm / backup left behind

    const st = await app.call('workspace.unlock', { path: file, passphrase: PASS });
    expect(st.state).toBe('open');
    expect((await app.call('profile.get', {})).profile).toEqual(VALID_PROFILE);
  });

  it('a wrong passphrase on a locked workspace leaves it locked; the right one opens it', async () => {
    const app = apps.app();
    const file = apps.wsPath();
    await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: 'w', operator: '' });
    await app.call('workspace.lock', {});
    const fp = fingerprint(file);
    expect((await app.fail('workspace.unlock', { passphrase: 'not the passphrase' })).code).toBe('WRONG_PASSPHRASE');
    expect(await app.call('workspace.status', {})).toMatchObject({ state: 'locked', path: file, lockReason: 'manual' });
    expect((await app.fail('profile.get', {})).code).toBe('WORKSPACE_LOCKED');
    expect(fingerprint(file)).toEqual(fp);
    expect((await app.call('workspace.unlock', { passphrase: PASS })).state).toBe('open');
  });

  it('the passphrase is compared in NFC: a decomposed é opens a workspace made with a composed one', async () => {
    const app = apps.app();
    const file = apps.wsPath();
    await app.call('workspace.create', { path: file, passphrase: 'caf\u00e9-passe-1', role: 'unit', name: 'w', operator: '' });
    await app.call('workspace.close', {});
    expect((await app.call('workspace.unlock', { path: file, passphrase: 'cafe\u0301-passe-1' })).state).toBe('open');
  });

  it('a missing file is WORKSPACE_NOT_FOUND, and nothing is created', async () => {
    const app = apps.app();
    const file = apps.wsPath();
    expect((await app.fail('workspace.unlock', { path: file, passphrase: PASS })).code).toBe('WORKSPACE_NOT_FOUND');
    expect(dbFiles(file)).toEqual([]);
  });
});
