import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/db/connection';
import { migration005 } from '../../../main/db/migrations/005-quality';
import { MIGRATIONS } from '../../../main/db/migrations/index';
import { createAuditRepo } from '../../../main/db/repos/audit-repo';
import { tempDir } from '../../helpers/tmp';
import { columnsOf, dbAtVersion, migrateOneStep, objectsOf, userVersion } from '../../helpers/migrations';

const root = tempDir('ds-mig005-');
let db: Db | undefined;
afterEach(() => db?.close());

const T = '2026-01-05T01:00:00.000Z';

function seed004(d: Db) {
  d.prepare('INSERT INTO system (id, name, created_at) VALUES (1, ?, ?)').run('医院信息系统', T);
  const entry = d.prepare(
    `INSERT INTO entry (id, kind, system_id, resource_id, data_id, resource_name, item_name, created_at, updated_at) VALUES (?, ?, 1, ?, ?, '患者基本信息表', ?, ?, ?)`,
  );
  entry.run(1, 'resource', 1, 'T1', '', T, T);
  entry.run(2, 'item', 1, 'T1-F1', '身份证号', T, T);
  d.prepare('INSERT INTO catalog_entry (resource_id, fields_json, answers_json, updated_at) VALUES (1, ?, ?, ?)').run('{"name":"患者基本信息表"}', '{"G01":"yes"}', T);
  d.prepare(`INSERT INTO recognizer_hit (entry_id, recognizer_id, basis, matched, total, at) VALUES (2, 'resident_id', 'sample', 9, 10, ?)`).run(T);
  d.prepare(`INSERT INTO edit_batch (at, actor, label, entry_count) VALUES (?, 'a', '修改“身份证号”', 1)`).run(T);
}

const dirty = (d: Db) => d.prepare('SELECT entry_id FROM entry_dirty ORDER BY entry_id').pluck().all();

describe('migration 005: quality, recognisers, catalog', () => {
  it('is the fifth migration', () => {
    expect(MIGRATIONS[4]).toBe(migration005);
  });

  it('adds the English batch label, the catalog listed flag, name-hit details, the user recogniser pack and the written-entries list; keeps the rows of 004', () => {
    const at4 = dbAtVersion(root, 4);
    db = at4.db;
    seed004(db);
    db.transaction(() => createAuditRepo(db!).append({ actor: 'a', action: 'inventory.update', entity: 'entry' })).immediate();
    const before = objectsOf(db);
    migrateOneStep(db, at4.file, 5);
    expect(userVersion(db)).toBe(5);
    const added = objectsOf(db).filter((o) => !before.some((b) => b.name === o.name));
    expect(added.filter((o) => o.type === 'table').map((o) => o.name)).toEqual(['entry_dirty', 'recognizer_pack']);
    expect(added.filter((o) => o.type === 'trigger').map((o) => o.name)).toEqual(['entry_dirty_delete', 'entry_dirty_insert', 'entry_dirty_update']);
    expect(columnsOf(db, 'edit_batch').find((c) => c.name === 'label_en')).toMatchObject({ notnull: 1, dflt_value: "''" });
    expect(columnsOf(db, 'catalog_entry').find((c) => c.name === 'listed')).toMatchObject({ notnull: 1, dflt_value: '1' });
    expect(columnsOf(db, 'recognizer_hit').map((c) => c.name)).toEqual(['entry_id', 'recognizer_id', 'basis', 'matched', 'total', 'at', 'score', 'terms_json', 'context_json']);

    // Rows written before keep their values and get the defaults.
    expect(db.prepare('SELECT label, label_en FROM edit_batch').get()).toEqual({ label: '修改“身份证号”', label_en: '' });
    expect(db.prepare('SELECT fields_json, answers_json, listed FROM catalog_entry').get()).toEqual({ fields_json: '{"name":"患者基本信息表"}', answers_json: '{"G01":"yes"}', listed: 1 });
    expect(db.prepare('SELECT matched, total, score, terms_json FROM recognizer_hit').get()).toEqual({ matched: 9, total: 10, score: null, terms_json: '[]' });
    expect(createAuditRepo(db).verify()).toMatchObject({ ok: true, count: 1 });
    // Entries written before the migration are not listed: the first check reads everything anyway.
    expect(dirty(db)).toEqual([]);
    expect(() => db!.prepare(`UPDATE catalog_entry SET listed = 2`).run()).toThrow(/CHECK/);
    expect(() => db!.prepare(`INSERT INTO recognizer_pack (slot, pack_id, name, version, pack_json, digest, imported_at) VALUES (2, 'p', 'p', 1, '{}', 'd', ?)`).run(T)).toThrow(/CHECK/);
  });

  it('the triggers list every entry inserted, changed or deleted, but not a finding-count update', () => {
    ({ db } = dbAtVersion(root, 5));
    seed004(db);
    expect(dirty(db)).toEqual([1, 2]);
    db.exec('DELETE FROM entry_dirty');
    db.prepare('UPDATE entry SET finding_count = 3 WHERE id = 2').run();
    expect(dirty(db)).toEqual([]);
    db.prepare(`UPDATE entry SET description = '公民身份号码', updated_at = ? WHERE id = 2`).run(T);
    db.prepare(`UPDATE entry SET deleted_at = ? WHERE id = 1`).run(T);
    expect(dirty(db)).toEqual([1, 2]);
    db.exec('DELETE FROM entry_dirty; DELETE FROM recognizer_hit; DELETE FROM catalog_entry;');
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM entry WHERE id = 2').run();
    expect(dirty(db)).toEqual([2]);
  });
});
