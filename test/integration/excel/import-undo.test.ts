/**
 * An import is one undoable batch: its entries, its catalog rows (sheet 3) and the unit profile
 * (sheet 1) all go back with one undo and come again with redo (migration 011).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { appFactory } from '../../helpers/backend';
import { allEntries, unitApp } from './helpers';

const apps = appFactory('ds-excel-undo-');
const CLEAN = path.join(__dirname, '..', '..', 'fixtures', 'excel', 'clean.xlsx');

/** clean.xlsx with another 主管部门 (sheet 1), 处理目的 of the catalog row (sheet 3) and 责任人 of one item (sheet 2). */
function edited(dst: string): void {
  const book = XLSX.read(fs.readFileSync(CLEAN), { type: 'buffer' });
  const edit = (name: string, fn: (rows: unknown[][]) => void) => {
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[name]!, { header: 1, raw: true, defval: null });
    fn(rows);
    book.Sheets[name] = XLSX.utils.aoa_to_sheet(rows);
  };
  edit('填报单位信息', (rows) => {
    rows.find((r) => r[0] === '主管部门')![1] = '某某区数据局';
  });
  edit('重要数据目录', (rows) => {
    rows[1]![rows[0]!.indexOf('处理目的')] = '科研统计';
  });
  edit('数据分类分级清单', (rows) => {
    rows.find((r) => r[1] === 'SYS01-T001-F001')![rows[0]!.indexOf('责任人')] = '王芳';
  });
  fs.writeFileSync(dst, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
}

describe('undo of an import', () => {
  it('takes back the entries, the catalog rows and the unit profile in one step; redo brings them again', async () => {
    const { app } = await unitApp(apps, { profile: false });
    const first = await app.call('excel.dryRun', { path: CLEAN });
    await app.call('excel.commit', { path: CLEAN, token: first.token });
    const snapshot = async () => ({
      profile: (await app.call('profile.get', {})).profile,
      catalog: (await app.call('catalog.list', { offset: 0, limit: 100 })).rows.map(({ updatedAt: _u, ...r }) => r),
      owner: (await allEntries(app)).find((e) => e.dataId === 'SYS01-T001-F001')!.ownerPerson,
    });
    const before = await snapshot();
    expect(Object.values(before.profile)).not.toContain('某某区数据局');
    expect(before.catalog).toHaveLength(1);

    const file = path.join(apps.root, 'edited.xlsx');
    edited(file);
    const p = await app.call('excel.dryRun', { path: file });
    expect(p.counts.changed).toBe(1);
    expect(p.catalogCounts.changed).toBe(1);
    expect(p.profileChanges.map((c) => c.after)).toContain('某某区数据局');
    const r = await app.call('excel.commit', { path: file, token: p.token });
    expect(r.profileChanged).toHaveLength(1);
    expect(r.catalog.changed).toBe(1);

    const after = await snapshot();
    expect(after.owner).toBe('王芳');
    expect(after.catalog[0]!.purpose).toBe('科研统计');
    expect(Object.values(after.profile)).toContain('某某区数据局');
    const state = await app.call('inventory.undoState', {});
    expect(state.undo).toContain('重要数据目录 1 行');
    expect(state.undo).toContain('单位信息');

    const undo = await app.call('inventory.undo', {});
    expect(undo?.label).toContain('edited.xlsx');
    expect(await snapshot()).toEqual(before);

    await app.call('inventory.redo', {});
    expect(await snapshot()).toEqual(after);

    // Undo of the first import: the catalog row it created leaves the catalog again.
    await app.call('inventory.undo', {});
    await app.call('inventory.undo', {});
    expect((await app.call('catalog.list', { offset: 0, limit: 100 })).rows).toEqual([]);
    expect(await allEntries(app)).toEqual([]);
  });
});
