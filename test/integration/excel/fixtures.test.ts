/**
 * The import against files made by LibreOffice on this machine (test/fixtures/excel/, made by
 * make-fixtures.mjs): every tolerance of real sheets, and every bad file refused with its own code,
 * in bounded time, with no change to the workspace.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFactory } from '../../helpers/backend';
import { allEntries, unitApp } from './helpers';

const apps = appFactory('ds-excel-fx-');
const FIX = path.join(__dirname, '..', '..', 'fixtures', 'excel');
const fx = (name: string) => path.join(FIX, name);

/** The six entries every good fixture holds, by 数据编号, as the workspace should store them. */
const EXPECTED = {
  'SYS01-T001': { kind: 'resource', systemName: '医院信息系统(HIS)', resourceName: '患者基本信息表', itemName: '', level: '重要数据', recordCount: 120000, personCount: 50000, reviewedAt: '2026-06-01', categoryCode: '1.01' },
  'SYS01-T001-F001': { kind: 'item', itemName: '患者姓名', processingDegree: '原始数据', level: '一般数据3级', isPersonalInfo: '是', personCount: 50000, reviewedAt: '2026-06-02' },
  'SYS01-T001-F002': { kind: 'item', itemName: '性别', level: '一般数据3级', rationale: '与姓名关联后可识别个人', reviewedAt: '2026-06-03' },
  'SYS01-T001-F003': { kind: 'item', itemName: '联系电话', recordCount: 120000, reviewedAt: '2026-06-04' },
  'SYS02-T001': { kind: 'resource', systemName: '财务管理系统', resourceName: '采购合同', level: '一般数据2级', categoryCode: '2.04', personCount: null, reviewedAt: '2026-05-20' },
  'SYS02-T001-F001': { kind: 'item', itemName: '合同金额', impactObjects: '组织权益', categoryCode: '2.04', reviewedAt: '2026-05-21' },
} as const;

async function importsCleanly(file: string, opts: { catalog?: boolean; profile?: boolean } = {}) {
  const { app } = await unitApp(apps, { profile: false });
  const preview = await app.call('excel.dryRun', { path: file });
  const blocking = preview.problems.filter((p) => p.severity === 'blocking');
  expect(blocking).toEqual([]);
  expect(preview.counts).toMatchObject({ added: 6, changed: 0, skipped: 0 });
  if (opts.catalog !== false) expect(preview.catalogCounts.added).toBe(1);
  await app.call('excel.commit', { path: file, token: preview.token });
  const entries = new Map((await allEntries(app)).map((e) => [e.dataId, e]));
  expect([...entries.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  for (const [dataId, want] of Object.entries(EXPECTED)) expect({ dataId, ...entries.get(dataId) }).toMatchObject({ dataId, ...want });
  if (opts.catalog !== false) {
    const cat = await app.call('catalog.list', { offset: 0, limit: 10 });
    expect(cat.rows).toEqual([
      expect.objectContaining({ dataId: 'SYS01-T001', name: '患者基本信息', level: '重要数据', carrierKind: '数据库', carrierSystem: '医院信息系统(HIS)', recordCount: 120000, volumeGb: 2.5, processingMethods: '收集、存储、使用', securityMeasures: '加密存储、访问控制', identifiedAt: '2026-01-02', phone: '13800138000' }),
    ]);
  }
  if (opts.profile !== false) {
    const profile = (await app.call('profile.get', {})).profile;
    expect(profile).toMatchObject({ unitName: '某某区人民医院', uscc: '91110000600037341L', unitType: '事业单位', filingKind: '首次报送', filingDate: '2026-07-01', preparerPhone: '010-62345678' });
  }
  return { app, preview };
}

describe('fixtures written by LibreOffice: what real sheets look like', () => {
  it('the clean template: three sheets, nothing to forgive', async () => {
    const { preview } = await importsCleanly(fx('clean.xlsx'));
    expect(preview.file.format).toBe('xlsx');
    expect(preview.sheets.map((s) => [s.key, s.name, s.headerRow])).toEqual([['unit', '填报单位信息', 0], ['inventory', '数据分类分级清单', 1], ['catalog', '重要数据目录', 1]]);
    expect(preview.profileChanges.map((c) => c.field)).toContain('unitName');
    expect(preview.problems).toEqual([]);
  });

  it('a merged title row, a blank row, the table shifted to column B, blank rows between the data, a 备注 column', async () => {
    const { preview } = await importsCleanly(fx('title-merged.xlsx'));
    const inv = preview.sheets.find((s) => s.key === 'inventory')!;
    expect(inv.headerRow).toBe(3);
    expect(inv.ignoredColumns).toEqual([{ column: 'AH', header: '备注' }]);
    expect(preview.sheets.find((s) => s.key === 'catalog')!.headerRow).toBe(2);
  });

  it('headers over two rows: group headers merged across columns, 序号 and 数据编号 merged down over both rows', async () => {
    const { preview } = await importsCleanly(fx('two-row-header.xlsx'));
    const inv = preview.sheets.find((s) => s.key === 'inventory')!;
    expect(inv.headerRow).toBe(2);
    expect(inv.rows).toBe(6);
    expect(inv.ignoredColumns).toEqual([]);
    const cat = preview.sheets.find((s) => s.key === 'catalog')!;
    expect(cat.headerRow).toBe(2);
    expect(cat.ignoredColumns).toEqual([]);
    expect(preview.problems.filter((p) => p.code === 'HEADER_MISSING' || p.code === 'HEADER_DUPLICATE')).toEqual([]);
  });

  it('full-width letters, digits and punctuation, trailing and full-width spaces, spaced code values', async () => {
    await importsCleanly(fx('fullwidth-spaces.xlsx'));
  });

  it('dates as date cells (serials) and as text: 2026/6/4, 2026年5月20日, 20260521', async () => {
    await importsCleanly(fx('dates.xlsx'));
  });

  it('numbers stored as text (120,000, 12万, full-width digits) and a category code stored as a number', async () => {
    const { app } = await importsCleanly(fx('numbers-as-text.xlsx'));
    const f001 = (await allEntries(app)).find((e) => e.dataId === 'SYS01-T001-F001')!;
    expect(f001.recordCount).toBe(120000);
  });

  it('formulas: their cached values are read; a formula that gives #N/A points at its cell', async () => {
    const { app } = await unitApp(apps);
    const preview = await app.call('excel.dryRun', { path: fx('formulas.xlsx') });
    expect(preview.problems.filter((p) => p.severity === 'blocking')).toEqual([
      expect.objectContaining({ sheet: '数据分类分级清单', row: 7, column: 'G', header: '数据描述', code: 'FORMULA_ERROR', dataId: 'SYS02-T001-F001' }),
    ]);
    expect(preview.problems.find((p) => p.code === 'FORMULA_ERROR')!.message_zh).toContain('#N/A');
    expect(preview.counts).toMatchObject({ added: 5, skipped: 1 });
    expect((await app.fail('excel.commit', { path: fx('formulas.xlsx'), token: preview.token })).code).toBe('IMPORT_BLOCKED');
    expect(await allEntries(app)).toEqual([]);
    const r = await app.call('excel.commit', { path: fx('formulas.xlsx'), token: preview.token, skipBlockingRows: true });
    expect(r.entries).toMatchObject({ added: 5, skipped: 1 });
    const byId = new Map((await allEntries(app)).map((e) => [e.dataId, e]));
    expect(byId.get('SYS01-T001-F001')!.personCount).toBe(50000);
    expect(byId.get('SYS01-T001-F002')!.level).toBe('一般数据3级');
    expect(byId.has('SYS01-T001-F003')).toBe(true);
  });

  it('hidden columns are read like the others; an extra helper column is ignored', async () => {
    const { preview } = await importsCleanly(fx('hidden-columns.xlsx'));
    expect(preview.sheets.find((s) => s.key === 'inventory')!.ignoredColumns).toEqual([{ column: 'H', header: '辅助列' }]);
  });

  it('a legacy .xls (Excel 97–2003)', async () => {
    const { preview } = await importsCleanly(fx('legacy.xls'));
    expect(preview.file.format).toBe('xls');
  });

  it('sheet 2 as a CSV in GBK, as Excel writes it on Chinese Windows', async () => {
    const { preview } = await importsCleanly(fx('inventory-gbk.csv'), { catalog: false, profile: false });
    expect(preview.file).toMatchObject({ format: 'csv', encoding: 'gbk' });
    expect(preview.problems).toEqual([]);
  });

  it('sheet 2 as a CSV in UTF-8 with a BOM', async () => {
    const { preview } = await importsCleanly(fx('inventory-utf8-bom.csv'), { catalog: false, profile: false });
    expect(preview.file).toMatchObject({ format: 'csv', encoding: 'utf-8' });
  });

  it('rows with problems: each problem points at its sheet, row, column and header, in both languages', async () => {
    const { app } = await unitApp(apps);
    const preview = await app.call('excel.dryRun', { path: fx('problems.xlsx') });
    const at = (p: (typeof preview.problems)[number]) => `${p.row}${p.column} ${p.code}`;
    const blocking = preview.problems.filter((p) => p.severity === 'blocking').map(at);
    expect(blocking).toEqual(expect.arrayContaining([
      '3N VALUE_NOT_IN_LIST', '4AF DATE_INVALID', '5B DATA_ID_DUPLICATE', '6C REQUIRED_MISSING', '7W NUMBER_NEGATIVE', '8D ITEM_WITHOUT_RESOURCE',
    ]));
    for (const p of preview.problems) {
      expect(p.sheet).toBe(p.sheetKey === 'catalog' ? '重要数据目录' : '数据分类分级清单');
      expect(p.message_zh).not.toBe('');
      expect(p.message_en).not.toBe('');
    }
    const list = preview.problems.find((p) => p.code === 'VALUE_NOT_IN_LIST')!;
    expect(list).toMatchObject({ header: '数据加工程度', field: 'processingDegree', dataId: 'SYS01-T001-F001' });
    expect(list.message_zh).toContain('原始');
    expect(preview.importable).toBe(false);
    expect((await app.fail('excel.commit', { path: fx('problems.xlsx') })).code).toBe('IMPORT_BLOCKED');
    expect(await allEntries(app)).toEqual([]);
  });
});

describe('bad files: a clear code, bounded time, and no change to the workspace', () => {
  const cases: [string, string][] = [
    ['not-a-spreadsheet.xlsx', 'NOT_A_SPREADSHEET'],
    ['password.xlsx', 'FILE_ENCRYPTED'],
    ['password.xls', 'FILE_ENCRYPTED'],
    ['truncated.xlsx', 'FILE_TRUNCATED'],
    ['zip-bomb.xlsx', 'ZIP_BOMB'],
    ['too-many-rows.xlsx', 'TOO_MANY_ROWS'],
    ['too-many-columns.xlsx', 'TOO_MANY_COLUMNS'],
    ['wrong-sheets.xlsx', 'WRONG_SHEETS'],
  ];
  for (const [file, code] of cases) {
    it(`${file} → ${code}`, async () => {
      const { app } = await unitApp(apps);
      const auditBefore = (await app.call('audit.list', { offset: 0, limit: 1 })).total;
      const t0 = performance.now();
      const err = await app.fail('excel.dryRun', { path: fx(file) });
      expect(err.code).toBe(code);
      expect(err.message_zh).not.toBe('');
      expect(err.message_en).not.toBe('');
      expect((await app.fail('excel.commit', { path: fx(file), skipBlockingRows: true })).code).toBe(code);
      expect(performance.now() - t0).toBeLessThan(5_000);
      expect(await allEntries(app)).toEqual([]);
      expect((await app.call('audit.list', { offset: 0, limit: 1 })).total).toBe(auditBefore);
    });
  }

  it('the wrong sheets are named in the message', async () => {
    const { app } = await unitApp(apps);
    const err = await app.fail('excel.dryRun', { path: fx('wrong-sheets.xlsx') });
    expect(err.message_zh).toContain('“Sheet1”、“预算表”');
  });

  it('more rows of data than one import takes: refused before anything is compared', async () => {
    const { app } = await unitApp(apps);
    const file = path.join(apps.root, 'huge.csv');
    const lines = ['数据编号,所属信息系统,数据资源名称,数据项名称'];
    for (let i = 0; i <= 300_000; i++) lines.push(`X-${i},系统,表,字段${i}`);
    fs.writeFileSync(file, lines.join('\n'));
    const err = await app.fail('excel.dryRun', { path: file });
    expect(err.code).toBe('IMPORT_TOO_LARGE');
    expect(err.message_zh).toContain('300,000');
  }, 60_000);

  it('a cancelled preview cannot be committed', async () => {
    const { app } = await unitApp(apps);
    const preview = await app.call('excel.dryRun', { path: fx('clean.xlsx') });
    expect(await app.call('excel.cancel', {})).toEqual({ cancelled: true });
    expect((await app.fail('excel.commit', { path: fx('clean.xlsx'), token: preview.token })).code).toBe('IMPORT_STALE');
    expect(await allEntries(app)).toEqual([]);
  });

  it('a missing file', async () => {
    const { app } = await unitApp(apps);
    expect((await app.fail('excel.dryRun', { path: fx('no-such-file.xlsx') })).code).toBe('FILE_NOT_FOUND');
  });
});
