import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/db/connection';
import { migration011 } from '../../../main/db/migrations/011-import-undo';
import { MIGRATIONS } from '../../../main/db/migrations/index';
import { createAuditRepo } from '../../../main/db/repos/audit-repo';
import { createInventoryBatchRepo } from '../../../main/db/repos/inventory-batch-repo';
import { tempDir } from '../../helpers/tmp';
import { columnsOf, dbAtVersion, migrateOneStep, objectsOf, userVersion } from '../../helpers/migrations';

const root = tempDir('ds-mig011-');
let db: Db | undefined;
afterEach(() => db?.close());

const T = '2026-01-05T01:00:00.000Z';

describe('migration 011: undo of an import’s catalog rows and profile', () => {
  it('is the eleventh migration', () => {
    expect(MIGRATIONS[10]).toBe(migration011);
  });

  it('adds edit_side_change; keeps the batches and the audit chain of 010', () => {
    const at10 = dbAtVersion(root, 10);
    db = at10.db;
    db.transaction(() => createAuditRepo(db!).append({ actor: 'a', action: 'workspace.create', entity: 'workspace' })).immediate();
    const batchId = createInventoryBatchRepo(db).insert({ at: T, actor: 'a', label: 'x' }, []);
    const before = objectsOf(db);
    migrateOneStep(db, at10.file, 11);
    expect(userVersion(db)).toBe(11);
    expect(objectsOf(db).filter((o) => !before.some((b) => b.name === o.name))).toEqual([{ type: 'table', name: 'edit_side_change' }]);
    expect(columnsOf(db, 'edit_side_change').map((c) => c.name)).toEqual(['batch_id', 'seq', 'target', 'target_id', 'before_json', 'after_json']);
    expect(createInventoryBatchRepo(db).get(batchId)).toMatchObject({ label: 'x', undone: 0 });
    expect(createAuditRepo(db).verify()).toMatchObject({ ok: true, count: 1 });
  });

  it('keeps a batch’s side changes in order, refuses an unknown target or batch, and drops them with a discarded batch', () => {
    ({ db } = dbAtVersion(root, 11));
    db.pragma('foreign_keys = ON');
    const batches = createInventoryBatchRepo(db);
    const id = batches.insert({ at: T, actor: 'a', label: 'import' }, []);
    const side = [
      { target: 'catalog' as const, targetId: 7, beforeJson: 'null', afterJson: '{"listed":true}' },
      { target: 'profile' as const, targetId: 1, beforeJson: '{"unitName":"a"}', afterJson: '{"unitName":"b"}' },
    ];
    batches.insertSide(id, side);
    expect(batches.sideChanges(id)).toEqual(side);
    expect(() => batches.insertSide(id, [{ ...side[0]!, target: 'entry' as never }])).toThrow(/CHECK|UNIQUE|PRIMARY/);
    expect(() => batches.insertSide(999, side)).toThrow(/FOREIGN KEY/);
    batches.setUndone(id, true);
    expect(batches.discardRedo()).toBe(1);
    expect(batches.sideChanges(id)).toEqual([]);
  });
});
