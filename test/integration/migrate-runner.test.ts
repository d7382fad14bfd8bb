import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../main/db/connection';
import { backupPathFor, migrate } from '../../main/db/migrate';
import { LATEST_VERSION, MIGRATIONS } from '../../main/db/migrations/index';
import type { Migration } from '../../main/db/migrations/types';
import { isDomainError } from '../../main/domain/errors';
import { tempDir } from '../helpers/tmp';
import { fingerprint, listDir } from '../helpers/files';
import { dbAtVersion, MIG_PASS, objectsOf, userVersion } from '../helpers/migrations';

const root = tempDir('ds-runner-');
let db: Db | undefined;
afterEach(() => db?.close());

describe('migrate (the runner)', () => {
  it('numbers the migrations 1, 2, 3, … and LATEST_VERSION is the last', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('runs every pending step in one transaction: a failing step leaves the database as it was', () => {
    const { db: d, file } = dbAtVersion(root, 1);
    db = d;
    const broken: Migration = {
      version: 3,
      name: 'broken',
      up(x) {
        x.exec('CREATE TABLE half_done (x)');
        throw new Error('step 3 failed');
      },
    };
    expect(() => migrate(d, file, 1, { migrations: [MIGRATIONS[0]!, MIGRATIONS[1]!, broken] })).toThrow('step 3 failed');
    expect(userVersion(d)).toBe(1);
    expect(objectsOf(d).map((o) => o.name)).toEqual(['setting', 'workspace']); // no audit_log, no half_done
    // and it can be migrated properly afterwards
    migrate(d, file, 1, { now: new Date('2026-01-05T00:00:01Z') });
    expect(userVersion(d)).toBe(LATEST_VERSION);
  });

  it('refuses a newer database with WORKSPACE_TOO_NEW and changes nothing', () => {
    const { db: d, file } = dbAtVersion(root, LATEST_VERSION);
    d.pragma('wal_checkpoint(TRUNCATE)');
    const fp = fingerprint(file);
    const files = listDir(path.dirname(file));
    let err: unknown;
    try {
      migrate(d, file, LATEST_VERSION + 1);
    } catch (e) {
      err = e;
    }
    d.close();
    expect(isDomainError(err) && err.code).toBe('WORKSPACE_TOO_NEW');
    expect(isDomainError(err) && err.details).toEqual({ found: LATEST_VERSION + 1, known: LATEST_VERSION });
    expect(fingerprint(file)).toEqual(fp);
    expect(listDir(path.dirname(file))).toEqual(files.filter((f) => !f.endsWith('-wal') && !f.endsWith('-shm')));
  });

  it('does nothing at the latest version (no backup)', () => {
    const { db: d, file } = dbAtVersion(root, LATEST_VERSION);
    db = d;
    expect(migrate(d, file, LATEST_VERSION)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
    expect(listDir(path.dirname(file)).filter((f) => f.includes('backup'))).toEqual([]);
  });

  it('backs up an existing database before migrating it; the backup opens with the same passphrase', () => {
    const { db: d, file } = dbAtVersion(root, 2);
    db = d;
    const now = new Date('2026-01-05T09:08:07.654Z');
    const report = migrate(d, file, 2, { now });
    expect(report).toEqual({ from: 2, to: LATEST_VERSION, backupPath: path.join(path.dirname(file), 'ws.backup-v2-20260105T090807654Z.dsw') });
    expect(backupPathFor(file, 2, now)).toBe(report.backupPath);
    const backup = openDatabase(report.backupPath!, MIG_PASS);
    try {
      expect(backup.userVersion).toBe(2);
      expect(objectsOf(backup.db).map((o) => o.name)).not.toContain('unit_profile');
    } finally {
      backup.db.close();
    }
  });

  it('never overwrites an existing backup', () => {
    const { db: d, file } = dbAtVersion(root, 2);
    db = d;
    const now = new Date('2026-01-05T09:08:07Z');
    const taken = backupPathFor(file, 2, now);
    fs.writeFileSync(taken, 'someone else’s file');
    expect(() => migrate(d, file, 2, { now })).toThrow(/EEXIST/);
    expect(fs.readFileSync(taken, 'utf8')).toBe('someone else’s file');
    expect(userVersion(d)).toBe(2);
  });
});
