import { describe, expect, it } from 'vitest';
import { appFactory, PASS, VALID_PROFILE } from '../helpers/backend';
import { containsBytes, dbFiles, openKeyed } from '../helpers/files';

const apps = appFactory('ds-rekey-');
const NEXT = '新的口令 another-passphrase';

describe('change passphrase', () => {
  it('refuses a wrong current passphrase, an unchanged one and a weak new one; nothing changes', async () => {
    const app = apps.app();
    const file = apps.wsPath();
    await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: 'n', operator: '' });
    const total = async () => (await app.call('audit.list', { offset: 0, limit: 10 })).total;
    const n = await total();
    expect((await app.fail('workspace.changePassphrase', { current: 'not the passphrase', next: NEXT })).code).toBe('WRONG_PASSPHRASE');
    expect((await app.fail('workspace.changePassphrase', { current: PASS, next: PASS })).code).toBe('PASSPHRASE_UNCHANGED');
    expect((await app.fail('workspace.changePassphrase', { current: PASS, next: 'short' })).code).toBe('PASSPHRASE_TOO_SHORT');
    expect((await app.fail('workspace.changePassphrase', { current: PASS, next: ' padded passphrase ' })).code).toBe('PASSPHRASE_WHITESPACE');
    expect(await total()).toBe(n);
    await app.call('workspace.close', {});
    expect((await app.call('workspace.unlock', { path: file, passphrase: PASS })).state).toBe('open');
  });

  it('afterwards the old passphrase fails and the new one works, data intact, with an audit entry', async () => {
    const app = apps.app();
    const file = apps.wsPath();
    await app.call('workspace.create', { path: file, passphrase: PASS, role: 'bureau', name: '换口令', operator: '管理员' });
    await app.call('profile.save', { profile: VALID_PROFILE });
    expect(await app.call('workspace.changePassphrase', { current: PASS, next: NEXT })).toEqual({ changed: true });

    // Still open and usable on the re-keyed connection.
    await app.call('profile.save', { profile: { ...VALID_PROFILE, address: '改口令之后' } });
    const e = (await app.call('audit.list', { offset: 0, limit: 5 })).entries.find((x) => x.action === 'workspace.passphrase.change');
    expect(e).toMatchObject({ actor: '管理员', entity: 'workspace' });
    expect(JSON.stringify(await app.call('audit.list', { offset: 0, limit: 500 }))).not.toContain(NEXT);

    await app.call('workspace.lock', {});
    expect(dbFiles(file)).toEqual([file]);
    expect(containsBytes(file, 'SQLite format 3')).toBe(false);
    expect(containsBytes(file, '改口令之后')).toBe(false);

    expect((await app.fail('workspace.unlock', { passphrase: PASS })).code).toBe('WRONG_PASSPHRASE');
    expect((await app.call('workspace.unlock', { passphrase: NEXT })).state).toBe('open');
    expect((await app.call('profile.get', {})).profile).toEqual({ ...VALID_PROFILE, address: '改口令之后' });
    expect(await app.call('audit.verify', {})).toMatchObject({ ok: true });

    // From outside the app as well.
    await app.call('workspace.close', {});
    const old = openKeyed(file, PASS);
    try {
      expect(() => old.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    } finally {
      old.close();
    }
    const fresh = openKeyed(file, NEXT);
    try {
      expect(fresh.prepare('SELECT address FROM unit_profile').get()).toEqual({ address: '改口令之后' });
    } finally {
      fresh.close();
    }
  });

  it('needs an open workspace', async () => {
    const app = apps.app();
    expect((await app.fail('workspace.changePassphrase', { current: PASS, next: NEXT })).code).toBe('NO_WORKSPACE');
  });
});
