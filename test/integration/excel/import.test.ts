/**
 * Importing into a workspace that already has entries: matched by 数据编号, changes field by field,
 * removals only if asked for (soft, undoable), one transaction, refused when stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { appFactory, PASS } from '../../helpers/backend';
import { allEntries, unitApp } from './helpers';

const apps = appFactory('ds-excel-import-');
const CLEAN = path.join(__dirname, '..', '..', 'fixtures', 'excel', 'clean.xlsx');

/** Rewrite sheet 2 of a workbook through SheetJS (another writer than ours and LibreOffice). */
function editSheet2(src: string, dst: string, edit: (rows: unknown[][]) => void): void {
  const book = XLSX.read(fs.readFileSync(src), { type: 'buffer' });
  const name = '数据分类分级清单';
  const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[name]!, { header: 1, raw: true, defval: null });
  edit(rows);
  book.Sheets[name] = XLSX.utils.aoa_to_sheet(rows);
  fs.writeFileSync(dst, XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }));
}

const col = (header: string) => ['序号', '数据编号', '所属信息系统', '数据资源名称', '数据项名称', '数据项编码', '数据描述', '行业领域', '一级类别', '二级类别', '三级类别', '四级类别', '分类编码', '数据加工程度', '影响对象', '影响程度', '参考级别', '数据级别', '是否调整', '定级理由', '是否个人信息', '是否敏感个人信息', '数据量（条）', '涉及人数', '数据来源', '存储位置', '共享属性', '开放属性', '更新频率', '责任部门', '责任人', '最近复核日期'].indexOf(header);

async function withClean() {
  const w = await unitApp(apps);
  const p = await w.app.call('excel.dryRun', { path: CLEAN });
  await w.app.call('excel.commit', { path: CLEAN, token: p.token });
  return w;
}

describe('import into a workspace with entries', () => {
  it('shows rows added, changed field by field, and absent; removes only when asked; one undo takes it all back', async () => {
    const { app } = await withClean();
    const file = path.join(apps.root, 'edited.xlsx');
    editSheet2(CLEAN, file, (rows) => {
      const byId = (id: string) => rows.find((r) => r[col('数据编号')] === id)!;
      byId('SYS01-T001-F001')[col('责任人')] = '王芳';
      byId('SYS01-T001-F003')[col('数据量（条）')] = '130,000';
      rows.splice(rows.indexOf(byId('SYS02-T001-F001')), 1);
      const added = [...byId('SYS01-T001-F003')];
      added[col('数据编号')] = 'SYS01-T001-F004';
      added[col('数据项名称')] = '家庭住址';
      rows.push(added);
    });
    const preview = await app.call('excel.dryRun', { path: file });
    expect(preview.counts).toMatchObject({ added: 1, changed: 2, removed: 1, unchanged: 3, skipped: 0 });
    const changed = preview.rows.filter((r) => r.status === 'changed').map((r) => [r.dataId, r.changes]);
    expect(changed).toEqual([
      ['SYS01-T001-F001', [{ field: 'ownerPerson', header: '责任人', before: '张伟', after: '王芳' }]],
      ['SYS01-T001-F003', [{ field: 'recordCount', header: '数据量（条）', before: 120000, after: 130000 }]],
    ]);
    expect(preview.rows.find((r) => r.status === 'removed')).toMatchObject({ dataId: 'SYS02-T001-F001', row: 0, kind: 'item' });
    expect(preview.rows.find((r) => r.status === 'added')).toMatchObject({ dataId: 'SYS01-T001-F004', name: '家庭住址' });

    // Without removeMissing the absent row stays.
    const kept = await app.call('excel.commit', { path: file, token: preview.token });
    expect(kept.entries).toMatchObject({ added: 1, changed: 2, removed: 0 });
    expect((await allEntries(app)).map((e) => e.dataId)).toContain('SYS02-T001-F001');
    const after = new Map((await allEntries(app)).map((e) => [e.dataId, e]));
    expect(after.get('SYS01-T001-F001')!.ownerPerson).toBe('王芳');
    expect(after.get('SYS01-T001-F003')!.recordCount).toBe(130000);

    // With removeMissing it is deleted (softly: it can be restored, and undone).
    const again = await app.call('excel.dryRun', { path: file });
    expect(again.counts).toMatchObject({ added: 0, changed: 0, removed: 1 });
    const removed = await app.call('excel.commit', { path: file, token: again.token, removeMissing: true });
    expect(removed.entries.removed).toBe(1);
    expect((await allEntries(app)).map((e) => e.dataId)).not.toContain('SYS02-T001-F001');
    expect((await app.call('inventory.query', { filter: { deleted: true } })).rows.map((e) => e.dataId)).toEqual(['SYS02-T001-F001']);
    await app.call('inventory.undo', {});
    expect((await allEntries(app)).map((e) => e.dataId)).toContain('SYS02-T001-F001');
    await app.call('inventory.undo', {});
    const undone = new Map((await allEntries(app)).map((e) => [e.dataId, e]));
    expect(undone.has('SYS01-T001-F004')).toBe(false);
    expect(undone.get('SYS01-T001-F001')!.ownerPerson).toBe('张伟');
    expect(await app.call('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('keeps a lowering without a 定级理由 as the officer wrote it, with a warning the quality check follows up', async () => {
    const { app } = await withClean();
    const file = path.join(apps.root, 'lowered.xlsx');
    editSheet2(CLEAN, file, (rows) => {
      const r = rows.find((x) => x[col('数据编号')] === 'SYS01-T001-F001')!;
      r[col('数据级别')] = '一般数据1级';
    });
    const preview = await app.call('excel.dryRun', { path: file });
    expect(preview.blocking).toBe(0);
    expect(preview.problems).toContainEqual(expect.objectContaining({ code: 'LOWERING_WITHOUT_RATIONALE', severity: 'warning', row: 3, column: 'T' }));
    await app.call('excel.commit', { path: file, token: preview.token });
    const e = (await allEntries(app)).find((x) => x.dataId === 'SYS01-T001-F001')!;
    expect(e).toMatchObject({ level: '一般数据1级', suggestedLevel: '一般数据3级', levelSource: 'import', levelState: 'confirmed', rationale: '' });
  });

  it('refuses to move an entry to another resource; the rest of the file can still be imported', async () => {
    const { app } = await withClean();
    const file = path.join(apps.root, 'moved.xlsx');
    editSheet2(CLEAN, file, (rows) => {
      const r = rows.find((x) => x[col('数据编号')] === 'SYS02-T001-F001')!;
      r[col('数据资源名称')] = '患者基本信息表';
      r[col('所属信息系统')] = '医院信息系统(HIS)';
      rows.find((x) => x[col('数据编号')] === 'SYS01-T001-F002')![col('责任人')] = '李娜';
    });
    const preview = await app.call('excel.dryRun', { path: file });
    expect(preview.problems.filter((p) => p.severity === 'blocking')).toEqual([expect.objectContaining({ code: 'ENTRY_MOVED', dataId: 'SYS02-T001-F001', column: 'C' })]);
    const r = await app.call('excel.commit', { path: file, token: preview.token, skipBlockingRows: true });
    expect(r.entries).toMatchObject({ changed: 1, skipped: 1 });
  });

  it('refuses a commit when the workspace changed after the preview (IMPORT_STALE), and imports nothing', async () => {
    const { app } = await withClean();
    const file = path.join(apps.root, 'stale.xlsx');
    editSheet2(CLEAN, file, (rows) => {
      rows.find((x) => x[col('数据编号')] === 'SYS01-T001-F001')![col('责任人')] = '王芳';
    });
    const preview = await app.call('excel.dryRun', { path: file });
    const target = (await allEntries(app)).find((e) => e.dataId === 'SYS01-T001-F002')!;
    await app.call('inventory.update', { id: target.id, changes: { ownerPerson: '赵敏' } });
    expect((await app.fail('excel.commit', { path: file, token: preview.token })).code).toBe('IMPORT_STALE');
    expect((await allEntries(app)).find((e) => e.dataId === 'SYS01-T001-F001')!.ownerPerson).toBe('张伟');
    expect((await app.fail('excel.commit', { path: file, token: 'not-a-token' })).code).toBe('IMPORT_STALE');
  });

  it('is for unit workspaces', async () => {
    const app = apps.app();
    await app.call('workspace.create', { path: apps.wsPath('bureau'), passphrase: PASS, role: 'bureau', name: '区数据局', operator: '审核员' });
    expect((await app.fail('excel.dryRun', { path: CLEAN })).code).toBe('WRONG_ROLE');
  });
});
