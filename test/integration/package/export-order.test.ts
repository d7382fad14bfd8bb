/**
 * The order of data/inventory.json's entries (filings.exportEntries): each live resource by
 * 数据编号, then its live items by 数据编号, compared as SQLite compares text (BINARY: the bytes
 * of UTF-8) — checked here against an order computed independently in JavaScript from UTF-8
 * bytes, over 数据编号 in several scripts, a character outside the BMP and characters from the
 * top of the BMP (where UTF-16 code-unit order and UTF-8 byte order disagree).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../main/db/connection';
import { LATEST_VERSION } from '../../../main/db/migrations/index';
import { EXPORT_ENTRY_SQL, createFilingRepo } from '../../../main/db/repos/filing-repo';
import { tempDir } from '../../helpers/tmp';
import { dbAtVersion } from '../../helpers/migrations';

const root = tempDir('ds-export-order-');
let db: Db | undefined;
afterEach(() => db?.close());

const T = '2026-01-05T01:00:00.000Z';
const utf8Order = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** 数据编号 in mixed scripts: Latin upper/lower, digits, accented, CJK, fullwidth (U+FFxx), private use (U+E000), astral (U+20000). */
const IDS = ['Z9', 'a1', '10', '9', 'é', '数据', '𠀀', '\uFF01表', '\uE000', 'A-1', 'Ａ', '𠀀𠀁', '数', 'ｚ'];

function seed(d: Db) {
  d.prepare('INSERT INTO system (id, name, created_at) VALUES (1, ?, ?), (2, ?, ?)').run('甲系统', T, 'System B', T);
  const put = d.prepare(
    'INSERT INTO entry (id, kind, system_id, resource_id, data_id, resource_name, item_name, description, level, record_count, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let id = 0;
  const expected: { dataId: string; resourceDataId: string; kind: string; systemName: string }[] = [];
  // resources inserted in an order unrelated to their 数据编号; each with items in mixed scripts
  const resources = [...IDS].reverse();
  const byResource: { rid: string; items: string[] }[] = [];
  resources.forEach((rid, ri) => {
    const resId = ++id;
    const system = (ri % 2) + 1;
    put.run(resId, 'resource', system, resId, rid, `表${ri}`, '', `资源${ri}`, '一般数据3级', ri, T, T, null);
    const items = IDS.map((x, k) => `${rid}-${x}${k % 3 === 0 ? '𠀀' : ''}`).filter((_, k) => (k + ri) % 3 !== 0);
    // inserted shuffled; one deleted item that must not appear
    for (const x of [...items].reverse()) put.run(++id, 'item', system, resId, x, `表${ri}`, `字段${x}`, `说明${x}`, '', null, T, T, null);
    put.run(++id, 'item', system, resId, `${rid}-已删除`, `表${ri}`, '', '', '', null, T, T, T);
    byResource.push({ rid, items });
  });
  // a deleted resource with a deleted item: neither appears
  put.run(++id, 'resource', 1, id, '0-deleted', '删', '', '', '', null, T, T, T);
  put.run(id + 1, 'item', 1, id, '0-deleted-1', '删', '', '', '', null, T, T, T);
  for (const { rid, items } of byResource.sort((a, b) => utf8Order(a.rid, b.rid))) {
    const systemName = resources.indexOf(rid) % 2 === 0 ? '甲系统' : 'System B';
    expected.push({ dataId: rid, resourceDataId: rid, kind: 'resource', systemName });
    for (const x of [...items].sort(utf8Order)) expected.push({ dataId: x, resourceDataId: rid, kind: 'item', systemName });
  }
  return expected;
}

/** The query the export used before migration 012: the joined rows sorted by SQLite. */
const SORTED_SQL = EXPORT_ENTRY_SQL.replace(/FROM[\s\S]*$/, `FROM entry e JOIN entry r ON r.id = e.resource_id JOIN system s ON s.id = e.system_id
  WHERE e.deleted_at IS NULL ORDER BY r.data_id, e.kind = 'item', e.data_id`);

describe('filings.exportEntries: order and content', () => {
  it('lists each live resource by 数据编号 (UTF-8 byte order), then its live items by 数据编号, as the sorting query does', () => {
    ({ db } = dbAtVersion(root, LATEST_VERSION));
    const expected = seed(db);
    // the independent order disagrees with JavaScript's default (UTF-16) sort on these ids
    expect([...IDS].sort()).not.toEqual([...IDS].sort(utf8Order));
    const rows = createFilingRepo(db).exportEntries();
    expect(rows.map((r) => ({ dataId: r.dataId, resourceDataId: r.resourceDataId, kind: r.kind, systemName: r.systemName }))).toEqual(expected);
    // identical rows (every column, same key order) to the former sorting query
    const sorted = db.prepare(SORTED_SQL).all();
    expect(JSON.stringify(rows)).toBe(JSON.stringify(sorted));
    expect(rows.find((r) => r.dataId === '𠀀')).toMatchObject({ description: `资源${[...IDS].reverse().indexOf('𠀀')}`, level: '一般数据3级' });
  });

  it('is read in index order: no sort of the rows', () => {
    ({ db } = dbAtVersion(root, LATEST_VERSION));
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${EXPORT_ENTRY_SQL}`).all().map((r) => (r as { detail: string }).detail).join('\n');
    expect(plan).toMatch(/USING INDEX entry_data_id/);
    expect(plan).toMatch(/USING INDEX entry_export/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('still lists a live item whose resource is deleted (which the services never leave), as the sorting query does', () => {
    ({ db } = dbAtVersion(root, LATEST_VERSION));
    seed(db);
    const rid = db.prepare("SELECT id FROM entry WHERE kind = 'resource' AND data_id = 'é'").pluck().get() as number;
    db.prepare('UPDATE entry SET deleted_at = ? WHERE id = ?').run(T, rid);
    const rows = createFilingRepo(db).exportEntries();
    expect(rows.some((r) => r.resourceDataId === 'é' && r.kind === 'item')).toBe(true);
    expect(JSON.stringify(rows)).toBe(JSON.stringify(db.prepare(SORTED_SQL).all()));
  });
});
