/**
 * Sample values read from a column of a spreadsheet or CSV: the column chooser sees headers and
 * masked values only; the scan keeps counts only; no value reaches the database, the audit log
 * or the file's bytes. And the recogniser pack from a file, with its problems, and back to the built-in one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../../../main/domain/checksums';
import { writeXlsx } from '../../../main/services/excel/xlsx-write';
import { BUILTIN_RECOGNIZER_PACK } from '../../../main/services/builtin-resources';
import { appFactory, PASS } from '../../helpers/backend';
import { dbFiles, openKeyed } from '../../helpers/files';
import { auditTotal, lastAudit, unitApp } from '../quality/fixtures';

const apps = appFactory('ds-sample-file-');

/** Checksum-valid resident ID numbers, distinctive enough to be found if they were stored. */
const IDS = ['11010119900307', '31011519851122', '44030419770815', '51010719930101', '32050219880606', '61011319791230', '21020219950520', '37010219660918']
  .map((d, i) => `${d}${String(370 + i).padStart(3, '0')}`)
  .map((d) => d + residentIdCheckChar(d)!);
const PHONES = ['13907310101', '15817240102', '18629350103', '17746180104', '13557920105', '19938470106', '13907310107', '15817240108'];

function allText(file: string): string {
  const db = openKeyed(file, PASS);
  try {
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).pluck().all() as string[];
    const out: string[] = [];
    for (const t of tables) {
      let rows: unknown[][];
      try {
        rows = db.prepare(`SELECT * FROM "${t}"`).raw(true).all() as unknown[][];
      } catch {
        continue; // a contentless FTS table has no columns to read back
      }
      for (const row of rows) out.push(row.map((v) => (v instanceof Buffer ? v.toString('latin1') : String(v))).join('\t'));
    }
    return out.join('\n');
  } finally {
    db.close();
  }
}

describe('sample values from a file', () => {
  it('lists sheets and columns with masked values, scans one column, keeps only counts (no value in any table, the audit log or the file)', async () => {
    const u = await unitApp(apps, { 证件号码: {} });
    const id = u.ids['证件号码']!;
    const xlsx = path.join(apps.root, 'patients.xlsx');
    writeXlsx(xlsx, [
      { name: '说明', widths: [20], rows: [['导出自 HIS']] },
      { name: '患者', widths: [10, 20, 14], header: ['序号', '身份证号', '手机'], rows: IDS.map((v, i) => [i + 1, v, PHONES[i]!]) },
    ], { title: '', subject: '', author: '', company: '', keywords: '', description: '', created: new Date(Date.UTC(2026, 0, 1)), custom: {} });

    const cols = await u.app.call('recognizer.fileColumns', { path: xlsx });
    expect(cols.format).toBe('xlsx');
    const sheet = cols.sheets.find((s) => s.name === '患者')!;
    expect(sheet.headerRow).toBe(1);
    expect(sheet.columns.map((c) => [c.letter, c.header])).toEqual([['A', '序号'], ['B', '身份证号'], ['C', '手机']]);
    const idCol = sheet.columns[1]!;
    expect(idCol.preview).toHaveLength(3);
    expect(idCol.preview[0]).toBe(`${IDS[0]![0]}${'*'.repeat(12)}${IDS[0]!.at(-1)}`);
    const shown = JSON.stringify(cols);
    for (const v of [...IDS, ...PHONES]) expect(shown).not.toContain(v);

    const n = await auditTotal(u.app);
    const scan = await u.app.call('recognizer.scanSampleFile', { entryId: id, path: xlsx, sheet: '患者', column: 1, limit: 5 });
    expect(scan).toMatchObject({ sheet: '患者', column: 'B 身份证号', read: 5 });
    expect(scan.results.find((r) => r.recognizerId === 'resident_id')).toEqual({ recognizerId: 'resident_id', matched: 5, total: 5, ratio: 1, threshold: 0.6, hit: true });
    expect(await auditTotal(u.app)).toBeGreaterThan(n);
    const all = await u.app.call('recognizer.scanSampleFile', { entryId: id, path: xlsx, sheet: '患者', column: 1 });
    expect(all.read).toBe(IDS.length);
    expect((await u.app.call('inventory.get', { id })).recognizerHits.find((h) => h.recognizerId === 'resident_id')).toMatchObject({ basis: 'sample', matched: 8, total: 8 });
    expect(await u.app.call('recognizer.suggestion', { entryId: id })).toMatchObject({ isSensitivePersonalInfo: true });

    // A CSV works the same way (first sheet is the file).
    const csv = path.join(apps.root, 'phones.csv');
    fs.writeFileSync(csv, `手机\n${PHONES.join('\n')}\n`);
    const c2 = await u.app.call('recognizer.fileColumns', { path: csv });
    expect(c2.sheets[0]!.columns[0]!.header).toBe('手机');
    const s2 = await u.app.call('recognizer.scanSampleFile', { entryId: id, path: csv, column: 0 });
    expect(s2.results.find((r) => r.recognizerId === 'mobile')).toMatchObject({ matched: 8, total: 8, hit: true });

    const auditText = JSON.stringify((await u.app.call('audit.list', { offset: 0, limit: 500 })).entries);
    for (const v of [...IDS, ...PHONES]) expect(auditText).not.toContain(v);
    await u.app.call('workspace.lock', {});
    const text = allText(u.file);
    expect(text).toContain('证件号码');
    for (const v of [...IDS, ...PHONES]) expect(text, v).not.toContain(v);
    for (const f of dbFiles(u.file)) for (const v of IDS) expect(fs.readFileSync(f).includes(Buffer.from(v)), `${f} ${v}`).toBe(false);
  });

  it('refuses a sheet the file does not have, and a file that is no spreadsheet, storing nothing', async () => {
    const u = await unitApp(apps, { 证件号码: {} });
    const csv = path.join(apps.root, 'x.csv');
    fs.writeFileSync(csv, 'a\n1\n');
    const n = await auditTotal(u.app);
    expect((await u.app.fail('recognizer.scanSampleFile', { entryId: u.ids['证件号码'], path: csv, sheet: '没有', column: 0 })).code).toBe('SHEET_NOT_FOUND');
    expect((await u.app.fail('recognizer.fileColumns', { path: path.join(apps.root, 'nope.xlsx') })).code).toBe('FILE_NOT_FOUND');
    expect(await auditTotal(u.app)).toBe(n);
  });
});

describe('recogniser pack from a file', () => {
  it('shows the pack in use, refuses a pack with problems (listing them), imports a good one, and goes back to the built-in pack', async () => {
    const u = await unitApp(apps, {});
    let view = await u.app.call('recognizer.pack', {});
    expect(view).toMatchObject({ source: 'builtin', builtinId: 'default' });
    expect(view.pack.recognizers.find((r) => r.id === 'person_name')!.names.context).toContain('患者');

    const bad = path.join(apps.root, 'bad-pack.json');
    fs.writeFileSync(bad, JSON.stringify({ ...BUILTIN_RECOGNIZER_PACK, id: 'mine', recognizers: [{ ...BUILTIN_RECOGNIZER_PACK.recognizers[0], id: 'Bad-Id' }] }));
    const n = await auditTotal(u.app);
    const err = await u.app.fail('recognizer.importPackFile', { path: bad });
    expect(err.code).toBe('RECOGNIZER_PACK_INVALID');
    expect((err.details as { problems: { path: string }[] }).problems[0]!.path).toBe('recognizers.0.id');
    expect(await auditTotal(u.app)).toBe(n);

    const good = path.join(apps.root, 'pack.json');
    const own = { ...BUILTIN_RECOGNIZER_PACK.recognizers[0]!, id: 'staff_no', name: '工号', nameEn: 'Staff number', names: { words: ['工号'], codes: ['gh'], context: ['职工'], exclude: [] } };
    fs.writeFileSync(good, JSON.stringify({ format: 'datasteward-recognizers/1', id: 'unit-extra', name: '本单位识别器', version: 1, recognizers: [own] }));
    view = await u.app.call('recognizer.importPackFile', { path: good });
    expect(view.source).toBe('workspace');
    expect(view.pack.recognizers[0]!.id).toBe('staff_no');
    expect(view.pack.recognizers.length).toBe(BUILTIN_RECOGNIZER_PACK.recognizers.length + 1);

    view = await u.app.call('recognizer.resetPack', {});
    expect(view.source).toBe('builtin');
    expect(view.pack.recognizers.map((r) => r.id)).not.toContain('staff_no');
    expect(await lastAudit(u.app)).toMatchObject({ action: 'recognizer.resetPack', before: { id: 'unit-extra' } });
    // Already built-in: nothing to do, nothing audited.
    const m = await auditTotal(u.app);
    await u.app.call('recognizer.resetPack', {});
    expect(await auditTotal(u.app)).toBe(m);
  });
});
