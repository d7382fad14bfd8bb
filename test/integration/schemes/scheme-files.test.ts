/**
 * Schemes from and to files: the xlsx layout round trip (our writer, LibreOffice re-saving it,
 * our reader), problems pointed at sheet/row/column, import of a corrected file as a new version,
 * activation with the regrade, and the entries counted per version.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../main/domain/canonical-json';
import { schemeToSheets } from '../../../main/domain/scheme-sheet';
import type { SchemeDefinition } from '../../../main/domain/scheme';
import { BUILTIN_SCHEMES } from '../../../main/services/builtin-resources';
import { writeXlsx } from '../../../main/services/excel/xlsx-write';
import { appFactory, PASS } from '../../helpers/backend';
import { auditTotal, inventoryApp, item, lastAudit, TEST_INDUSTRY, TEST_SCHEME } from '../inventory/fixtures';

const apps = appFactory('ds-scheme-files-');
const health = BUILTIN_SCHEMES.find((s) => s.id === 'health')!;

async function fresh() {
  const app = apps.app();
  const file = apps.wsPath();
  await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: '规则', operator: '李四' });
  return { app, file };
}

/** A workbook in the layout from sheets we change by hand (as a user would in Excel). */
function writeLayout(file: string, def: SchemeDefinition, edit: (sheets: ReturnType<typeof schemeToSheets>) => void = () => {}): string {
  const sheets = schemeToSheets(def, 1);
  edit(sheets);
  writeXlsx(file, sheets.map((s) => ({ name: s.name, widths: s.widths, rows: s.rows, ...(s.header ? { header: s.header } : {}) })), {
    title: 't', subject: '', author: '', company: '', keywords: '', description: '', created: new Date(Date.UTC(2026, 0, 1)), custom: {},
  });
  return file;
}

const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

describe('scheme export and import in the xlsx layout', () => {
  it('exports the built-in health scheme as JSON and as xlsx; both read back as the same scheme (nothing new to import)', async () => {
    const { app } = await fresh();
    const json = path.join(apps.root, 'health.json');
    const xlsx = path.join(apps.root, 'health.xlsx');
    const n = await auditTotal(app);
    expect(await app.call('scheme.export', { id: 'health', path: json })).toMatchObject({ format: 'json', version: 1 });
    expect(await app.call('scheme.export', { id: 'health', path: xlsx })).toMatchObject({ format: 'xlsx', version: 1 });
    expect(await auditTotal(app)).toBe(n + 2);
    expect(await lastAudit(app)).toMatchObject({ action: 'scheme.export', entityId: 'health', after: { version: 1, format: 'xlsx', file: 'health.xlsx' } });
    expect(JSON.parse(fs.readFileSync(json, 'utf8'))).toEqual(JSON.parse(canonicalJson(health)));
    for (const f of [json, xlsx]) {
      const p = await app.call('scheme.previewFile', { path: f });
      expect(p.problems).toEqual([]);
      expect(canonicalJson(p.definition)).toBe(canonicalJson(health));
      expect(p.effect).toMatchObject({ kind: 'unchanged', sameAs: 1 });
      expect(p.summary).toMatchObject({ matrixCells: health.matrix.length, floorRules: health.floorRules.length, aggregationRules: health.aggregationRules.length });
    }
    // Importing it again changes nothing.
    const before = await auditTotal(app);
    const again = await app.call('scheme.importFile', { path: xlsx });
    expect(again.versions.map((v) => v.version)).toEqual([1]);
    expect(await auditTotal(app)).toBe(before);
  });

  it.skipIf(!hasSoffice)('survives LibreOffice: export, re-save with soffice --headless --convert-to xlsx, import: the same scheme content', async () => {
    const { app } = await fresh();
    const dir = fs.mkdtempSync(path.join(apps.root, 'lo-'));
    const xlsx = path.join(dir, 'health.xlsx');
    await app.call('scheme.export', { id: 'health', path: xlsx });
    const out = path.join(dir, 'out');
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', out, xlsx], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const resaved = path.join(out, 'health.xlsx');
    expect(fs.readFileSync(resaved).equals(fs.readFileSync(xlsx))).toBe(false);
    const p = await app.call('scheme.previewFile', { path: resaved });
    expect(p.problems).toEqual([]);
    expect(p.definition).toEqual(JSON.parse(canonicalJson(health)));
    expect(p.effect).toMatchObject({ kind: 'unchanged', sameAs: 1 });
  }, 180_000);

  it('points each problem at its sheet, row and column, and imports nothing', async () => {
    const { app } = await fresh();
    const file = writeLayout(path.join(apps.root, 'bad.xlsx'), health, (sheets) => {
      const cats = sheets.find((s) => s.name === '分类')!;
      (cats.rows[2] as (string | number | null)[])[4] = '二级'; // row 4: not a level
      (cats.rows[5] as (string | number | null)[])[1] = '9.99'; // row 7: no such parent
      const rules = sheets.find((s) => s.name === '汇聚规则')!;
      (rules.rows[0] as (string | number | null)[])[5] = '很多'; // row 2: not a number
    });
    const p = await app.call('scheme.previewFile', { path: file });
    expect(p.ok).toBe(false);
    // The parent problem is found while building the tree; the others by the checker after it is fixed.
    expect(p.problems).toEqual([expect.objectContaining({ sheet: '分类', row: 7, column: 'B' })]);
    const n = await auditTotal(app);
    const err = await app.fail('scheme.importFile', { path: file });
    expect(err.code).toBe('SCHEME_INVALID');
    expect((err.details as { problems: { sheet: string; row: number }[] }).problems[0]).toMatchObject({ sheet: '分类', row: 7 });
    expect(await auditTotal(app)).toBe(n);

    const file2 = writeLayout(path.join(apps.root, 'bad2.xlsx'), health, (sheets) => {
      const cats = sheets.find((s) => s.name === '分类')!;
      (cats.rows[2] as (string | number | null)[])[4] = '二级';
      const rules = sheets.find((s) => s.name === '汇聚规则')!;
      (rules.rows[0] as (string | number | null)[])[5] = '很多';
      const m = sheets.find((s) => s.name === '定级矩阵')!;
      (m.rows[3] as (string | number | null)[])[0] = '国家利益';
    });
    const p2 = await app.call('scheme.previewFile', { path: file2 });
    const at = p2.problems.map((x) => `${x.sheet}!${x.column}${x.row}`).sort();
    expect(at).toEqual(['分类!E4', '定级矩阵!A5', '汇聚规则!F2']);
    expect(p2.problems.every((x) => x.message_zh && x.message_en)).toBe(true);
  });

  it('reports a missing sheet, a wrong header and a file that is no scheme', async () => {
    const { app } = await fresh();
    const noLevels = writeLayout(path.join(apps.root, 'nolevels.xlsx'), health, (sheets) => {
      sheets.splice(sheets.findIndex((s) => s.name === '级别'), 1);
      (sheets.find((s) => s.name === '定级矩阵')! as { header?: readonly string[] }).header = ['影响对象', '程度', '级别'];
    });
    const p = await app.call('scheme.previewFile', { path: noLevels });
    expect(p.problems).toEqual(expect.arrayContaining([
      expect.objectContaining({ sheet: '级别', message_zh: expect.stringContaining('缺少工作表') }),
      expect.objectContaining({ sheet: '定级矩阵', row: 1, column: 'B' }),
    ]));
    const csv = path.join(apps.root, 'other.csv');
    fs.writeFileSync(csv, 'a,b\n1,2\n');
    expect((await app.call('scheme.previewFile', { path: csv })).problems[0]!.message_en).toContain('no sheet of the scheme layout');
    const badJson = path.join(apps.root, 'bad.json');
    fs.writeFileSync(badJson, JSON.stringify({ ...health, id: 'Bad Id' }));
    expect((await app.call('scheme.previewFile', { path: badJson })).problems).toEqual([expect.objectContaining({ path: 'id' })]);
  });
});

describe('a corrected file as a new version, activated with the regrade', () => {
  it('imports an edited xlsx as version 2, says how many entries activation regrades, activates it and regrades them, counting entries per version', async () => {
    const inv = await inventoryApp(apps);
    const { app } = inv;
    await item(inv, 'SYS01-T001-001', '就诊说明', { categoryCode: '2.01', impactObjects: '组织权益', impactDegree: '一般危害' });
    await item(inv, 'SYS01-T001-002', '经营数据', { categoryCode: '2.01', impactObjects: '组织权益', impactDegree: '一般危害' });
    let ov = (await app.call('scheme.overview', {})).find((s) => s.id === TEST_SCHEME.id)!;
    expect(ov).toMatchObject({ activeVersion: 1, inUse: true, industryEntries: 3 });
    expect(ov.versions).toEqual([expect.objectContaining({ version: 1, entries: 3 })]);

    // The officer exports, raises the reference level of 2.01 in Excel, imports.
    const xlsx = path.join(apps.root, 'test-scheme.xlsx');
    await app.call('scheme.export', { id: TEST_SCHEME.id, path: xlsx });
    const edited = writeLayout(path.join(apps.root, 'test-scheme-v2.xlsx'), TEST_SCHEME, (sheets) => {
      const cats = sheets.find((s) => s.name === '分类')!;
      const row = cats.rows.find((r) => r[0] === '2.01') as (string | number | null)[];
      row[4] = '一般数据3级';
    });
    const p = await app.call('scheme.previewFile', { path: edited });
    expect(p.effect).toMatchObject({ kind: 'new-version', version: 2 });
    ov = await app.call('scheme.importFile', { path: edited });
    expect(ov).toMatchObject({ activeVersion: 1, versions: [expect.objectContaining({ version: 1 }), expect.objectContaining({ version: 2, origin: 'import', entries: 0 })] });

    expect(await app.call('scheme.activationPreview', { id: TEST_SCHEME.id, version: 2 })).toMatchObject({ industry: TEST_INDUSTRY, alreadyActive: false, entriesToRegrade: 3, entriesUnderOtherVersions: 3 });
    const r = await app.call('scheme.activateAndRegrade', { id: TEST_SCHEME.id, version: 2 });
    expect(r.scheme.activeVersion).toBe(2);
    expect(r.regrade.entries).toBeGreaterThanOrEqual(2);
    const rows = (await app.call('inventory.query', { filter: { kind: 'item' } })).rows;
    expect(rows.map((e) => [e.suggestedLevel, e.schemeVersion])).toEqual([['一般数据3级', 2], ['一般数据3级', 2]]);
    const audit = (await app.call('audit.list', { offset: 0, limit: 5 })).entries.map((e) => e.action);
    expect(audit.slice(0, 2)).toEqual(['inventory.regrade', 'scheme.activate']);
    const v = (await app.call('scheme.overview', {})).find((s) => s.id === TEST_SCHEME.id)!.versions;
    // The items are graded under version 2; the resource row, graded as before, keeps its stamp.
    expect(v.find((x) => x.version === 2)!.entries).toBe(2);
    expect(v.reduce((n, x) => n + x.entries, 0)).toBe(3);
  });

  it('an activation that fails writes nothing', async () => {
    const { app } = await fresh();
    const n = await auditTotal(app);
    expect((await app.fail('scheme.activateAndRegrade', { id: 'health', version: 9 })).code).toBe('SCHEME_NOT_FOUND');
    expect(await auditTotal(app)).toBe(n);
  });
});
