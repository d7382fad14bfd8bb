import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../main/domain/canonical-json';
import { sm3Hex } from '../../../main/crypto/sm3';
import { appFactory } from '../../helpers/backend';
import { auditTotal, inventoryApp, item, lastAudit, openState, type Inventory } from './fixtures';

const apps = appFactory('ds-inv-batch-');

/** The resource with `n` items graded 一般数据3级 by the matrix. */
async function withItems(n: number): Promise<Inventory & { ids: number[] }> {
  const inv = await inventoryApp(apps);
  const ids: number[] = [];
  for (let i = 1; i <= n; i++) ids.push((await item(inv, `F${String(i).padStart(3, '0')}`, `字段${i}`, { impactObjects: '个人权益', impactDegree: '严重危害' })).id);
  return { ...inv, ids };
}

const levels = async (inv: Inventory) => (await inv.app.call('inventory.query', { filter: { kind: 'item' }, limit: 500 })).rows.map((r) => r.level);

describe('bulk update', () => {
  it('changes the selection in one transaction: one batch, one audit entry with the SM3 digest of the changes, a history row per level change', async () => {
    const inv = await withItems(5);
    const { app } = inv;
    const n = await auditTotal(app);
    const r = await app.call('inventory.bulkUpdate', { selection: { ids: inv.ids.slice(0, 3) }, changes: { level: '一般数据4级', ownerPerson: '王芳' } });
    expect(r).toEqual({ batchId: expect.any(Number), count: 3 });
    expect(await levels(inv)).toEqual(['一般数据4级', '一般数据4级', '一般数据4级', '一般数据3级', '一般数据3级']);
    expect(await auditTotal(app)).toBe(n + 1);
    const a = await lastAudit(app);
    expect(a).toMatchObject({ action: 'inventory.bulkUpdate', entity: 'edit_batch', entityId: String(r.batchId) });
    const after = a.after as { count: number; changes: unknown; batchId: number; digest: string; entries: number; rollup: { count: number } };
    expect(after).toMatchObject({ count: 3, changes: { level: '一般数据4级', ownerPerson: '王芳' }, batchId: r.batchId, entries: 4, rollup: { count: 1 } });

    // The digest is SM3 over the canonical JSON of the per-entry changes, as kept for undo.
    const db = openState(app).store.db;
    const rows = db.prepare('SELECT c.entry_id, e.data_id, c.before_json, c.after_json FROM edit_change c JOIN entry e ON e.id = c.entry_id WHERE c.batch_id = ? ORDER BY c.entry_id').all(r.batchId) as { entry_id: number; data_id: string; before_json: string; after_json: string }[];
    expect(rows).toHaveLength(4); // 3 items + their resource raised by the roll-up
    const changes = rows.map((c) => ({ id: c.entry_id, dataId: c.data_id, before: JSON.parse(c.before_json), after: JSON.parse(c.after_json) }));
    expect(after.digest).toBe(sm3Hex(canonicalJson(changes)));
    expect(changes[1]).toMatchObject({ before: { level: '一般数据3级', levelSource: 'matrix', levelState: 'suggested', ownerPerson: '张伟' }, after: { level: '一般数据4级', levelSource: 'manual', levelState: 'confirmed', ownerPerson: '王芳' } });

    const h = (await app.call('inventory.get', { id: inv.ids[0]! })).history;
    expect(h[0]).toMatchObject({ from: '一般数据3级', to: '一般数据4级', source: 'manual', state: 'confirmed', actor: '张三' });
    expect((await app.call('inventory.get', { id: inv.resourceId })).entry).toMatchObject({ level: '一般数据4级', levelSource: 'rollup' });
  });

  it('selects by filter too; entries that would not change are not counted', async () => {
    const inv = await withItems(4);
    await inv.app.call('inventory.update', { id: inv.ids[0]!, changes: { ownerDepartment: '医务处' } });
    const r = await inv.app.call('inventory.bulkUpdate', { selection: { filter: { kind: 'item', search: '字段' } }, changes: { ownerDepartment: '医务处' } });
    expect(r.count).toBe(3);
    const none = await inv.app.call('inventory.bulkUpdate', { selection: { filter: { kind: 'item' } }, changes: { ownerDepartment: '医务处' } });
    expect(none).toEqual({ batchId: null, count: 0 });
  });

  it('a lowering without a 定级理由 refuses the whole batch, listing up to 20 数据编号; nothing is written', async () => {
    const inv = await withItems(25);
    const { app } = inv;
    const n = await auditTotal(app);
    const err = await app.fail('inventory.bulkUpdate', { selection: { filter: { kind: 'item' } }, changes: { level: '一般数据1级' } });
    expect(err.code).toBe('LOWERING_NEEDS_RATIONALE');
    expect(err.message_zh).toContain('25 条数据的级别低于参考级别');
    expect(err.details).toMatchObject({ count: 25 });
    expect((err.details as { dataIds: string[] }).dataIds).toEqual(Array.from({ length: 20 }, (_, i) => `F${String(i + 1).padStart(3, '0')}`));
    expect(new Set(await levels(inv))).toEqual(new Set(['一般数据3级']));
    expect(await auditTotal(app)).toBe(n);
    const ok = await app.call('inventory.bulkUpdate', { selection: { filter: { kind: 'item' } }, changes: { level: '一般数据1级', rationale: '字段已脱敏' } });
    expect(ok.count).toBe(25);
  });

  it('refuses fields that are not bulk fields, and a resource below its items', async () => {
    const inv = await withItems(2);
    const err = await inv.app.fail('inventory.bulkUpdate', { selection: { ids: inv.ids }, changes: { dataId: 'X' } });
    expect(err).toMatchObject({ code: 'INVALID_FIELD', details: { field: 'dataId' } });
    const below = await inv.app.fail('inventory.bulkUpdate', { selection: { ids: [inv.resourceId] }, changes: { level: '一般数据2级', rationale: '理由' } });
    expect(below.code).toBe('LEVEL_BELOW_ITEMS');
    // Lowering items and their resource together is consistent, so it is accepted.
    const r = await inv.app.call('inventory.bulkUpdate', { selection: { ids: [inv.resourceId, ...inv.ids] }, changes: { level: '一般数据2级', rationale: '理由' } });
    expect(r.count).toBe(3);
  });
});

describe('undo and redo', () => {
  it('undo puts back the values before the latest batch, redo applies it again; both are audited and keep the history', async () => {
    const inv = await withItems(3);
    const { app } = inv;
    expect(await app.call('inventory.undoState', {})).toEqual({ undo: '新建数据项“字段3”', redo: null, undo_en: 'New item "字段3"', redo_en: null });
    await app.call('inventory.bulkUpdate', { selection: { ids: inv.ids }, changes: { level: '重要数据', rationale: '汇聚' } });
    const state = await app.call('inventory.undoState', {});
    expect(state.undo).toBe('批量修改 3 条：数据级别、定级理由');
    expect(state.redo).toBeNull();

    const u = await app.call('inventory.undo', {});
    expect(u).toEqual({ label: '批量修改 3 条：数据级别、定级理由', label_en: 'Bulk edit of 3 entries: level, grading rationale', count: 4 });
    expect(await levels(inv)).toEqual(['一般数据3级', '一般数据3级', '一般数据3级']);
    expect((await app.call('inventory.get', { id: inv.resourceId })).entry.level).toBe('一般数据3级');
    expect((await app.call('inventory.get', { id: inv.ids[0]! })).entry).toMatchObject({ rationale: '', levelSource: 'matrix', levelState: 'suggested' });
    expect(await app.call('inventory.undoState', {})).toEqual({ undo: '新建数据项“字段3”', redo: '批量修改 3 条：数据级别、定级理由', undo_en: 'New item "字段3"', redo_en: 'Bulk edit of 3 entries: level, grading rationale' });
    expect(await lastAudit(app)).toMatchObject({ action: 'inventory.undo', after: { label: '批量修改 3 条：数据级别、定级理由', count: 4 } });
    const h = (await app.call('inventory.get', { id: inv.ids[0]! })).history;
    expect(h.slice(0, 2).map((x) => [x.from, x.to])).toEqual([['重要数据', '一般数据3级'], ['一般数据3级', '重要数据']]);
    expect(h[0]!.reason).toBe('撤销：批量修改 3 条：数据级别、定级理由');

    expect(await app.call('inventory.redo', {})).toEqual({ label: '批量修改 3 条：数据级别、定级理由', label_en: 'Bulk edit of 3 entries: level, grading rationale', count: 4 });
    expect(await levels(inv)).toEqual(['重要数据', '重要数据', '重要数据']);
    expect((await app.call('inventory.get', { id: inv.resourceId })).entry.level).toBe('重要数据');
    expect(await lastAudit(app)).toMatchObject({ action: 'inventory.redo' });
    expect(await app.call('inventory.redo', {})).toBeNull();
    expect(await app.call('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('a new edit clears what could be redone', async () => {
    const inv = await withItems(2);
    const { app } = inv;
    await app.call('inventory.bulkUpdate', { selection: { ids: inv.ids }, changes: { ownerPerson: '李娜' } });
    await app.call('inventory.undo', {});
    expect((await app.call('inventory.undoState', {})).redo).not.toBeNull();
    await app.call('inventory.update', { id: inv.ids[0]!, changes: { description: '新的描述' } });
    expect(await app.call('inventory.undoState', {})).toEqual({ undo: '修改“字段1”', redo: null, undo_en: 'Edit "字段1"', redo_en: null });
    expect(await app.call('inventory.redo', {})).toBeNull();
    const left = openState(app).store.db.prepare('SELECT count(*) AS n FROM edit_change c JOIN edit_batch b ON b.id = c.batch_id WHERE b.undone = 2').get() as { n: number };
    expect(left.n).toBe(0);
  });

  it('undo walks back creation, edits and deletion in order; undoing a creation deletes the entry (softly)', async () => {
    const inv = await withItems(1);
    const { app } = inv;
    const id = inv.ids[0]!;
    await app.call('inventory.update', { id, changes: { description: '改过的描述' } });
    await app.call('inventory.delete', { selection: { ids: [id] } });
    expect((await app.call('inventory.query', { filter: { kind: 'item' } })).total).toBe(0);
    expect((await app.call('inventory.undo', {}))?.label).toBe('删除 1 条');
    expect((await app.call('inventory.get', { id })).entry).toMatchObject({ deleted: false, description: '改过的描述' });
    expect((await app.call('inventory.undo', {}))?.label).toBe('修改“字段1”');
    expect((await app.call('inventory.get', { id })).entry.description).toBe('字段1字段');
    expect((await app.call('inventory.undo', {}))?.label).toBe('新建数据项“字段1”');
    expect((await app.call('inventory.get', { id })).entry.deleted).toBe(true);
    expect((await app.call('inventory.get', { id: inv.resourceId })).entry.level).toBe('');
    expect((await app.call('inventory.redo', {}))?.label).toBe('新建数据项“字段1”');
    expect((await app.call('inventory.get', { id: inv.resourceId })).entry.level).toBe('一般数据3级');
  });
});

describe('regrade', () => {
  it('recomputes every suggestion under the active scheme versions and rolls up every resource, as one undoable batch', async () => {
    const inv = await withItems(2);
    const { app } = inv;
    await app.call('inventory.update', { id: inv.ids[1]!, changes: { level: '一般数据4级' } }); // confirmed by the officer
    expect(await app.call('inventory.regrade', {})).toMatchObject({ entries: 0, resourcesRaised: 0 });

    // A new version of the scheme: 个人权益 × 严重危害 is now 一般数据4级.
    const { TEST_SCHEME } = await import('./fixtures');
    const v2 = { ...TEST_SCHEME, matrix: TEST_SCHEME.matrix.map((m) => (m.object === '个人权益' && m.degree === '严重危害' ? { ...m, level: '一般数据4级' as const } : m)) };
    await app.call('scheme.import', { json: JSON.stringify(v2) });
    await app.call('scheme.activate', { id: 'test-scheme', version: 2 });
    expect((await app.call('inventory.get', { id: inv.ids[0]! })).entry).toMatchObject({ level: '一般数据3级', schemeVersion: 1 });

    const r = await app.call('inventory.regrade', {});
    expect(r.entries).toBe(2); // the two items; the resource grades the same under version 2 and keeps its stamp
    expect(r.ms).toBeGreaterThanOrEqual(0);
    expect((await app.call('inventory.get', { id: inv.ids[0]! })).entry).toMatchObject({ level: '一般数据4级', suggestedLevel: '一般数据4级', schemeVersion: 2 });
    expect((await app.call('inventory.get', { id: inv.ids[1]! })).entry).toMatchObject({ level: '一般数据4级', levelSource: 'manual', schemeVersion: 2 });
    expect((await app.call('inventory.get', { id: inv.resourceId })).entry).toMatchObject({ level: '一般数据4级', schemeVersion: 1 });
    expect(await lastAudit(app)).toMatchObject({ action: 'inventory.regrade', after: expect.objectContaining({ entries: 2, schemes: expect.arrayContaining([{ id: 'test-scheme', version: 2, inUse: true }]) }) });
    expect((await app.call('inventory.undo', {}))?.label).toBe('重新定级');
    expect((await app.call('inventory.get', { id: inv.ids[0]! })).entry).toMatchObject({ level: '一般数据3级', schemeVersion: 1 });
  });
});
