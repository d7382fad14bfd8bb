import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/db/connection';
import { migration012 } from '../../../main/db/migrations/012-export-order';
import { MIGRATIONS } from '../../../main/db/migrations/index';
import { createAuditRepo } from '../../../main/db/repos/audit-repo';
import { createFilingRepo } from '../../../main/db/repos/filing-repo';
import { tempDir } from '../../helpers/tmp';
import { dbAtVersion, migrateOneStep, objectsOf, userVersion } from '../../helpers/migrations';

const root = tempDir('ds-mig012-');
let db: Db | undefined;
afterEach(() => db?.close());

const T = '2026-01-05T01:00:00.000Z';

describe('migration 012: the index the filing export reads its order from', () => {
  it('is the twelfth migration', () => {
    expect(MIGRATIONS[11]).toBe(migration012);
  });

  it('adds entry_export over live entries; keeps the entries and the audit chain of 011', () => {
    const at11 = dbAtVersion(root, 11);
    db = at11.db;
    db.transaction(() => createAuditRepo(db!).append({ actor: 'a', action: 'workspace.create', entity: 'workspace' })).immediate();
    db.prepare('INSERT INTO system (id, name, created_at) VALUES (1, ?, ?)').run('系统', T);
    const put = db.prepare('INSERT INTO entry (id, kind, system_id, resource_id, data_id, resource_name, created_at, updated_at, deleted_at) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?)');
    put.run(1, 'resource', 1, 'R1', '表', T, T, null);
    put.run(2, 'item', 1, 'R1-2', '表', T, T, null);
    put.run(3, 'item', 1, 'R1-1', '表', T, T, T);
    const before = objectsOf(db);
    migrateOneStep(db, at11.file, 12);
    expect(userVersion(db)).toBe(12);
    expect(objectsOf(db).filter((o) => !before.some((b) => b.name === o.name))).toEqual([{ type: 'index', name: 'entry_export' }]);
    // the index lists live rows only, in (resource_id, kind DESC, data_id) order
    expect(db.prepare('SELECT id FROM entry INDEXED BY entry_export WHERE deleted_at IS NULL AND resource_id = 1 ORDER BY kind DESC, data_id').pluck().all()).toEqual([1, 2]);
    expect(createFilingRepo(db).exportEntries().map((e) => e.dataId)).toEqual(['R1', 'R1-2']);
    expect(createAuditRepo(db).verify()).toMatchObject({ ok: true, count: 1 });
  });
});
