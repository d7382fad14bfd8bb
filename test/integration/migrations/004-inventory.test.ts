import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/db/connection';
import { migration004 } from '../../../main/db/migrations/004-inventory';
import { MIGRATIONS } from '../../../main/db/migrations/index';
import { createAuditRepo } from '../../../main/db/repos/audit-repo';
import { createProfileRepo } from '../../../main/db/repos/profile-repo';
import { VALID_PROFILE } from '../../helpers/fixtures';
import { tempDir } from '../../helpers/tmp';
import { columnsOf, dbAtVersion, migrateOneStep, objectsOf, userVersion } from '../../helpers/migrations';

const root = tempDir('ds-mig004-');
let db: Db | undefined;
afterEach(() => db?.close());

const T = '2026-01-05T01:00:00.000Z';

function insertSystem(d: Db, name = '医院信息系统'): number {
  return Number(d.prepare('INSERT INTO system (name, created_at) VALUES (?, ?)').run(name, T).lastInsertRowid);
}

function insertEntry(d: Db, e: { id: number; kind: 'resource' | 'item'; systemId: number; resourceId: number; dataId: string; resourceName: string; itemName?: string; description?: string; deletedAt?: string | null }) {
  d.prepare(
    `INSERT INTO entry (id, kind, system_id, resource_id, data_id, resource_name, item_name, description, created_at, updated_at, deleted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(e.id, e.kind, e.systemId, e.resourceId, e.dataId, e.resourceName, e.itemName ?? '', e.description ?? '', T, T, e.deletedAt ?? null);
}

const ftsIds = (d: Db, q: string) => d.prepare('SELECT rowid FROM entry_fts WHERE entry_fts MATCH ? ORDER BY rowid').pluck().all(`"${q}"`);
const prefixIds = (d: Db, p: string) => d.prepare('SELECT DISTINCT doc FROM entry_fts_terms WHERE term >= ? AND term < ? ORDER BY doc').pluck().all(p, `${p}\u{10ffff}`);

describe('migration 004: the inventory', () => {
  it('is the fourth migration', () => {
    expect(MIGRATIONS[3]).toBe(migration004);
  });

  it('adds the inventory tables, their indexes, the full-text index and its triggers; keeps the data and audit chain of 003', () => {
    const at3 = dbAtVersion(root, 3);
    db = at3.db;
    createProfileRepo(db).save(VALID_PROFILE, T);
    db.transaction(() => createAuditRepo(db!).append({ actor: 'a', action: 'profile.update', entity: 'unit_profile' })).immediate();
    const before = objectsOf(db);
    migrateOneStep(db, at3.file, 4);
    expect(userVersion(db)).toBe(4);
    const added = objectsOf(db).filter((o) => !before.some((b) => b.name === o.name));
    expect(added.filter((o) => o.type === 'table').map((o) => o.name)).toEqual([
      'catalog_entry', 'edit_batch', 'edit_change', 'entry', 'entry_fts', 'entry_fts_config', 'entry_fts_data', 'entry_fts_docsize',
      'entry_fts_idx', 'entry_fts_terms', 'level_history', 'recognizer_hit', 'scheme', 'scheme_version', 'system',
    ]);
    expect(added.filter((o) => o.type === 'trigger').map((o) => o.name)).toEqual(['entry_fts_delete', 'entry_fts_insert', 'entry_fts_update']);
    expect(added.filter((o) => o.type === 'index').map((o) => o.name)).toEqual([
      'edit_batch_state', 'entry_category', 'entry_data_id', 'entry_deleted', 'entry_findings', 'entry_grid', 'entry_item_name', 'entry_level',
      'entry_lowering', 'entry_pi', 'entry_resource', 'entry_resource_name', 'entry_sensitive_pi', 'entry_state', 'entry_tree', 'entry_updated',
      'level_history_entry', 'scheme_in_use', 'system_name',
    ]);
    const entryCols = columnsOf(db, 'entry').map((c) => c.name);
    for (const c of ['data_id', 'resource_id', 'level', 'level_rank', 'suggested_level', 'suggested_rank', 'own_suggested_rank', 'finding_count', 'scheme_id', 'scheme_version', 'deleted_at'])
      expect(entryCols).toContain(c);
    expect(createProfileRepo(db).get().profile).toEqual(VALID_PROFILE);
    expect(createAuditRepo(db).verify()).toMatchObject({ ok: true, count: 1 });
    expect(db.prepare('SELECT count(*) AS n FROM scheme').get()).toEqual({ n: 0 }); // built-in schemes come from the service
  });

  it('a 数据编号 is unique among live entries only, and a resource row points to itself', () => {
    ({ db } = dbAtVersion(root, 4));
    const s = insertSystem(db);
    insertEntry(db, { id: 1, kind: 'resource', systemId: s, resourceId: 1, dataId: 'T1', resourceName: '患者基本信息表' });
    insertEntry(db, { id: 2, kind: 'item', systemId: s, resourceId: 1, dataId: 'T1-F1', resourceName: '患者基本信息表', itemName: '姓名' });
    expect(() => insertEntry(db!, { id: 3, kind: 'item', systemId: s, resourceId: 1, dataId: 'T1-F1', resourceName: 'x', itemName: 'y' })).toThrow(/UNIQUE/);
    insertEntry(db, { id: 4, kind: 'item', systemId: s, resourceId: 1, dataId: 'T1-F1', resourceName: 'x', itemName: 'y', deletedAt: T });
    expect(() => insertEntry(db!, { id: 5, kind: 'other' as 'item', systemId: s, resourceId: 1, dataId: 'T1-F5', resourceName: 'x' })).toThrow(/CHECK/);
    // The resource_id reference is checked at commit (a resource is inserted pointing to itself).
    expect(() => db!.transaction(() => insertEntry(db!, { id: 6, kind: 'item', systemId: s, resourceId: 99, dataId: 'T9', resourceName: 'x' })).immediate()).toThrow(/FOREIGN KEY/);
    expect(() => db!.prepare('INSERT INTO system (name, created_at) VALUES (?, ?)').run('医院信息系统', T)).toThrow(/UNIQUE/);
    expect(() => db!.prepare('INSERT INTO edit_batch (at, actor, label, entry_count, undone) VALUES (?, ?, ?, ?, ?)').run(T, 'a', 'l', 0, 3)).toThrow(/CHECK/);
  });

  it('the triggers keep the trigram index in step with inserts, updates and deletes; 1–2 characters are found as term prefixes', () => {
    ({ db } = dbAtVersion(root, 4));
    const s = insertSystem(db);
    insertEntry(db, { id: 1, kind: 'resource', systemId: s, resourceId: 1, dataId: 'T1', resourceName: '检验结果表' });
    insertEntry(db, { id: 2, kind: 'item', systemId: s, resourceId: 1, dataId: 'T1-F1', resourceName: '检验结果表', itemName: '患者姓名', description: '门诊患者' });
    expect(ftsIds(db, '患者姓')).toEqual([2]);
    expect(ftsIds(db, '检验结果')).toEqual([1, 2]);
    expect(prefixIds(db, '姓名')).toEqual([2]); // at the end of 患者姓名: padded
    expect(prefixIds(db, '名')).toEqual([2]);
    expect(prefixIds(db, 't1')).toEqual([1, 2]); // case folded
    db.prepare("UPDATE entry SET item_name = '身份证号' WHERE id = 2").run();
    expect(ftsIds(db, '患者姓')).toEqual([]);
    expect(ftsIds(db, '身份证')).toEqual([2]);
    expect(ftsIds(db, '门诊患')).toEqual([2]);
    db.prepare("UPDATE entry SET level = '一般数据3级', level_rank = 3 WHERE id = 2").run(); // not a text column: index untouched
    expect(ftsIds(db, '身份证')).toEqual([2]);
    db.prepare('DELETE FROM entry WHERE id = 2').run();
    expect(ftsIds(db, '身份证')).toEqual([]);
    expect(prefixIds(db, '号')).toEqual([]);
  });
});
