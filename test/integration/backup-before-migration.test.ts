import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatabase, openDatabase } from '../../main/db/connection';
import { migrate } from '../../main/db/migrate';
import { LATEST_VERSION, MIGRATIONS } from '../../main/db/migrations/index';
import { createAuditRepo } from '../../main/db/repos/audit-repo';
import { createWorkspaceRepo } from '../../main/db/repos/workspace-repo';
import { EMPTY_PROFILE } from '../../main/domain/profile';
import { appFactory, PASS, TestClock } from '../helpers/backend';
import { containsBytes, siblings } from '../helpers/files';

const apps = appFactory('ds-backup-');

/** A workspace as an app of schema version 2 would have written it. */
function craftVersion2Workspace(file: string): void {
  const db = createDatabase(file, PASS); // sets application_id
  try {
    migrate(db, file, 0, { migrations: MIGRATIONS.slice(0, 2) });
    // Not createStore: it expects the latest schema (unit_profile does not exist yet at version 2).
    const workspace = createWorkspaceRepo(db);
    const audit = createAuditRepo(db, () => new Date('2025-06-01T08:00:00Z'));
    db.transaction(() => {
      workspace.insert({ uid: 'uid-v2', role: 'unit', name: '旧版工作区', createdAt: '2025-06-01T08:00:00Z', createdByApp: '0.0.9' });
      workspace.putSetting('operator', '赵六');
      workspace.putSetting('idle_lock_minutes', '15');
      audit.append({ actor: '赵六', action: 'workspace.create', entity: 'workspace', entityId: 'uid-v2', after: { role: 'unit' } });
    }).immediate();
  } finally {
    db.close();
  }
}

describe('backup before migration', () => {
  it('unlocking a version-2 workspace backs it up beside itself, migrates it, and audits the migration', async () => {
    const clock = new TestClock(Date.UTC(2026, 0, 5, 9, 8, 7));
    const app = apps.app({ now: clock.now });
    const file = apps.wsPath('old');
    craftVersion2Workspace(file);
    const originalBytes = fs.readFileSync(file);

    const st = await app.call('workspace.unlock', { path: file, passphrase: PASS });
    expect(st).toMatchObject({ state: 'open', name: '旧版工作区', role: 'unit', operator: '赵六', idleLockMinutes: 15, schemaVersion: LATEST_VERSION, migratedFrom: 2 });
    const base = path.basename(file, '.dsw');
    expect(st.backupPath).toBe(path.join(path.dirname(file), `${base}.backup-v2-20260105T090807000Z.dsw`));
    expect(siblings(file).filter((f) => /\.backup-v2-.*\.dsw$/.test(f))).toEqual([path.basename(st.backupPath!)]);

    // The backup is the encrypted version-2 file: same passphrase, user_version 2, no plain text.
    const backup = st.backupPath!;
    expect(fs.readFileSync(backup).equals(originalBytes)).toBe(true);
    expect(containsBytes(backup, 'SQLite format 3')).toBe(false);
    expect(containsBytes(backup, '旧版工作区')).toBe(false);
    const b = openDatabase(backup, PASS);
    try {
      expect(b.userVersion).toBe(2);
      expect(b.db.prepare('SELECT name FROM workspace').get()).toEqual({ name: '旧版工作区' });
      expect(b.db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE name = 'unit_profile'`).get()).toEqual({ n: 0 });
    } finally {
      b.db.close();
    }

    // The workspace itself is now at the latest version, with the new table and the old data.
    expect((await app.call('profile.get', {})).profile).toEqual(EMPTY_PROFILE);
    const audit = await app.call('audit.list', { offset: 0, limit: 100 });
    expect(audit.entries.map((e) => e.action)).toEqual(['workspace.unlock', 'workspace.migrate', 'workspace.create']);
    const mig = audit.entries.find((e) => e.action === 'workspace.migrate')!;
    expect(mig.actor).toBe('赵六');
    expect(mig.before).toEqual({ schema: 2 });
    expect(mig.after).toEqual({ schema: LATEST_VERSION, backup: st.backupPath });
    expect(await app.call('audit.verify', {})).toMatchObject({ ok: true, count: 3 });

    await app.call('workspace.lock', {});
    const after = openDatabase(file, PASS);
    try {
      expect(after.userVersion).toBe(LATEST_VERSION);
    } finally {
      after.db.close();
    }

    // A second unlock finds nothing to migrate: no new backup, no migratedFrom.
    clock.advanceMinutes(1);
    const again = await app.call('workspace.unlock', { passphrase: PASS });
    expect(again.migratedFrom).toBeUndefined();
    expect(again.backupPath).toBeUndefined();
    expect(siblings(file).filter((f) => f.includes('.backup-'))).toHaveLength(1);
  });

  it('a newly created workspace needs no migration and gets no backup', async () => {
    const app = apps.app();
    const file = apps.wsPath();
    const st = await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: 'n', operator: '' });
    expect(st.migratedFrom).toBeUndefined();
    await app.call('workspace.close', {});
    const again = await app.call('workspace.unlock', { path: file, passphrase: PASS });
    expect(again.migratedFrom).toBeUndefined();
    expect(siblings(file).some((f) => f.includes('.backup-'))).toBe(false);
  });
});
