/**
 * A regrade (here through scheme.activateAndRegrade) and its undo write their entries in a few
 * batched statements with a temporarily larger page cache: every moved entry, its derived ranks,
 * its level history in entry order, the undo batch and the audit digest must be as if each row
 * had been written on its own, and the cache must be back to its size afterwards.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../main/domain/canonical-json';
import { levelRank } from '../../../main/domain/levels';
import { sm3Hex } from '../../../main/crypto/sm3';
import { appFactory } from '../../helpers/backend';
import { inventoryApp, item, lastAudit, openState, TEST_SCHEME } from './fixtures';

const apps = appFactory('ds-inv-regrade-');

interface Row {
  id: number;
  kind: string;
  level: string;
  level_rank: number;
  level_source: string;
  level_state: string;
  suggested_level: string;
  suggested_rank: number;
  own_suggested_rank: number;
  scheme_version: number | null;
}

describe('regrade after a scheme change', () => {
  it('moves every entry it must, keeps the officer\'s confirmed levels, records history, batch and digest, and undo/redo put it all back', async () => {
    const inv = await inventoryApp(apps);
    const { app } = inv;
    const ids: number[] = [];
    for (let i = 1; i <= 12; i++) ids.push((await item(inv, `SYS01-T001-F${String(i).padStart(3, '0')}`, `字段${i}`, { impactObjects: '个人权益', impactDegree: '严重危害' })).id);
    await app.call('inventory.confirmLevels', { selection: { ids: ids.slice(0, 4) } });

    const db = openState(app).store.db;
    const snapshot = () =>
      db.prepare('SELECT id, kind, level, level_rank, level_source, level_state, suggested_level, suggested_rank, own_suggested_rank, scheme_version FROM entry ORDER BY id').all() as Row[];
    const historyCount = () => (db.prepare('SELECT count(*) AS n FROM level_history').get() as { n: number }).n;
    const before = snapshot();
    expect(before.filter((r) => r.kind === 'item').every((r) => r.level === '一般数据3级')).toBe(true);
    const history0 = historyCount();
    const cache = db.pragma('cache_size', { simple: true });

    const v2 = { ...TEST_SCHEME, matrix: TEST_SCHEME.matrix.map((m) => (m.object === '个人权益' && m.degree === '严重危害' ? { ...m, level: '重要数据' as const } : m)) };
    await app.call('scheme.import', { json: JSON.stringify(v2) });
    const r = await app.call('scheme.activateAndRegrade', { id: TEST_SCHEME.id, version: 2 });
    expect(r.regrade).toMatchObject({ entries: 13, resourcesRaised: 1 });
    expect(db.pragma('cache_size', { simple: true })).toBe(cache);

    const after = snapshot();
    for (const e of after) {
      expect(e.level_rank, `level_rank of ${e.id}`).toBe(levelRank(e.level as never));
      expect(e.suggested_rank, `suggested_rank of ${e.id}`).toBe(levelRank(e.suggested_level as never));
    }
    const byId = new Map(after.map((e) => [e.id, e]));
    for (const id of ids.slice(0, 4))
      expect(byId.get(id)).toMatchObject({ level: '一般数据3级', level_state: 'confirmed', suggested_level: '重要数据', own_suggested_rank: levelRank('重要数据'), scheme_version: 2 });
    for (const id of ids.slice(4))
      expect(byId.get(id)).toMatchObject({ level: '重要数据', level_source: 'matrix', level_state: 'suggested', suggested_level: '重要数据', scheme_version: 2 });
    expect(byId.get(inv.resourceId)).toMatchObject({ level: '重要数据', level_source: 'rollup', level_state: 'suggested', suggested_level: '重要数据' });

    // One history row per level change: the eight items that follow the suggestion, in entry
    // order, then the resource raised by the roll-up.
    const history = db.prepare('SELECT entry_id, actor, from_level, to_level, source, state, reason FROM level_history WHERE id > (SELECT max(id) FROM level_history) - ? ORDER BY id').all(9) as {
      entry_id: number; actor: string; from_level: string; to_level: string; source: string; state: string; reason: string;
    }[];
    expect(historyCount()).toBe(history0 + 9);
    expect(history.map((h) => h.entry_id)).toEqual([...ids.slice(4), inv.resourceId]);
    expect(history[0]).toMatchObject({ actor: '张三', from_level: '一般数据3级', to_level: '重要数据', source: 'matrix', state: 'suggested', reason: '按定级规则（参考级别）' });
    expect(history[8]).toMatchObject({ from_level: '一般数据3级', to_level: '重要数据', source: 'rollup', reason: '就高从严：数据项最高为重要数据' });

    // The batch and the audit entry with the SM3 digest of its changes.
    const audit = await lastAudit(app);
    expect(audit).toMatchObject({ action: 'inventory.regrade', entity: 'edit_batch', after: { entries: 13, levelChanges: 9, resourcesRaised: 1 } });
    const batchId = (audit.after as { batchId: number }).batchId;
    const changes = (db.prepare('SELECT c.entry_id, e.data_id, c.before_json, c.after_json FROM edit_change c JOIN entry e ON e.id = c.entry_id WHERE c.batch_id = ? ORDER BY c.entry_id').all(batchId) as {
      entry_id: number; data_id: string; before_json: string; after_json: string;
    }[]).map((c) => ({ id: c.entry_id, dataId: c.data_id, before: JSON.parse(c.before_json) as unknown, after: JSON.parse(c.after_json) as unknown }));
    expect(changes).toHaveLength(13);
    expect((audit.after as { digest: string }).digest).toBe(sm3Hex(canonicalJson(changes)));

    // Undo puts back every column (ranks included) and records the level changes back; redo again.
    expect(await app.call('inventory.undo', {})).toMatchObject({ count: 13 });
    expect(snapshot()).toEqual(before);
    expect(historyCount()).toBe(history0 + 18);
    expect(db.pragma('cache_size', { simple: true })).toBe(cache);
    expect(await app.call('inventory.redo', {})).toMatchObject({ count: 13 });
    expect(snapshot()).toEqual(after);
    expect(historyCount()).toBe(history0 + 27);
  });

  it('the large page cache covers the file while the work runs, nested calls keep it, and the size before comes back (after an error too)', async () => {
    const inv = await inventoryApp(apps);
    const { store } = openState(inv.app);
    const db = store.db;
    db.pragma('cache_size = -100'); // a cache smaller than the file, as at 200,000 items
    const fileKib = ((db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number)) / 1024;
    const seen: number[] = [];
    store.inventory.withLargeCache(() => {
      seen.push(db.pragma('cache_size', { simple: true }) as number);
      store.inventory.withLargeCache(() => seen.push(db.pragma('cache_size', { simple: true }) as number));
      seen.push(db.pragma('cache_size', { simple: true }) as number);
    });
    expect(-seen[0]!).toBeGreaterThanOrEqual(fileKib);
    expect(seen).toEqual([seen[0], seen[0], seen[0]]);
    expect(db.pragma('cache_size', { simple: true })).toBe(-100);
    expect(() => store.inventory.withLargeCache(() => { throw new Error('boom'); })).toThrow('boom');
    expect(db.pragma('cache_size', { simple: true })).toBe(-100);
    // Through the service: a regrade leaves the size as it found it.
    await inv.app.call('inventory.regrade', {});
    expect(db.pragma('cache_size', { simple: true })).toBe(-100);
  });
});
