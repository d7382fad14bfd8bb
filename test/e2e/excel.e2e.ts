/**
 * Excel round trip, end to end: a unit workspace made through the UI; a template with problems
 * (written at test time by the project's own .xlsx writer) previewed, its problems pointing at
 * cells; the file fixed while the preview is open (the stale preview is refused and previewed
 * again); imported; the entries seen in the inventory; the template exported through the UI and
 * opened and re-saved by LibreOffice, its drop-downs still there.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { WelcomePage } from './page-models/welcome-page';
import { ShellPage } from './page-models/shell-page';
import { InventoryPage } from './page-models/inventory-page';
import { ExcelPage } from './page-models/excel-page';
import { SHEET2_COLUMNS, SHEET_NAMES } from '../../main/domain/sheets/layout';
import type { OutCell } from '../../main/domain/sheets/export';
import { writeXlsx } from '../../main/services/excel/xlsx-write';
import { inflateEntry, readZipDirectory } from '../../main/services/excel/zip';

const PASS = '导入口令-2026';
const SHEET2 = SHEET_NAMES.inventory;

/** A sheet-2 row by field key (the hospital's patient table, as the LibreOffice fixtures have it). */
function row(seq: number, dataId: string, item: string, over: Record<string, OutCell> = {}): OutCell[] {
  const base: Record<string, OutCell> = {
    seq, dataId, systemName: '医院信息系统(HIS)', resourceName: '患者基本信息表', itemName: item, itemCode: item ? `F${seq}` : '',
    description: item ? `患者基本信息表的${item}字段` : '医院信息系统(HIS)中的患者基本信息表', industry: '卫生健康', category1: '基础资源类', category2: '个人属性',
    categoryCode: '1.01', processingDegree: '原始数据', impactObjects: item ? '个人权益' : '', impactDegree: item ? '严重危害' : '', suggestedLevel: '一般数据3级',
    level: '一般数据3级', adjusted: '否', isPersonalInfo: '是', isSensitivePersonalInfo: '否', recordCount: 120000, personCount: 50000, dataSource: '本单位采集',
    storageLocation: '本单位机房', sharing: '有条件共享', openness: '不予开放', updateFrequency: '实时', ownerDepartment: '信息中心', ownerPerson: '张伟',
    reviewedAt: '2026-06-01',
  };
  const r = { ...base, ...over };
  return SHEET2_COLUMNS.map((c) => r[c.key] ?? null);
}

const ITEMS = ['患者姓名', '性别', '联系电话', '出生日期', '家庭住址', '就诊卡号', '民族', '职业', '婚姻状况', '工作单位'];

/** 1 resource and 10 items: rows 2 to 12 of the sheet. `broken` plants two problems: N12 and AF5. */
function writeTemplate(file: string, broken: boolean, edit?: (rows: OutCell[][]) => void): void {
  const rows: OutCell[][] = [row(1, 'SYS01-T001', '')];
  ITEMS.forEach((item, i) => rows.push(row(i + 2, `SYS01-T001-F${String(i + 1).padStart(3, '0')}`, item)));
  if (broken) {
    rows[10]![SHEET2_COLUMNS.findIndex((c) => c.key === 'processingDegree')] = '原始'; // row 12, column N: not in the code list
    rows[3]![SHEET2_COLUMNS.findIndex((c) => c.key === 'reviewedAt')] = '2026-02-30'; // row 5, column AF: no such date
  }
  edit?.(rows);
  writeXlsx(
    file,
    [{ name: SHEET2, widths: SHEET2_COLUMNS.map((c) => c.width), header: SHEET2_COLUMNS.map((c) => c.header), rows }],
    { title: 't', subject: 's', author: 'a', company: 'c', keywords: '', description: '', created: new Date(), custom: {} },
  );
}

function unzip(file: string): (name: string) => string {
  const buf = fs.readFileSync(file);
  const dir = readZipDirectory(buf);
  return (name) => inflateEntry(buf, dir.get(name)!).toString('utf8');
}

test('imports a template through the UI: problems at their cells, a fix, the import, the export re-saved by LibreOffice with its drop-downs', async ({ page, app, tmp }) => {
  test.setTimeout(90_000);
  const welcome = new WelcomePage(page);
  await welcome.goto(app.url);
  await welcome.createWorkspace({ name: '区人民医院', passphrase: PASS, role: 'unit', operator: '张三' });
  const shell = new ShellPage(page);
  await expect(shell.heading()).toHaveText('单位信息');

  const excel = new ExcelPage(page);
  await excel.open();
  await expect(shell.heading()).toHaveText('Excel 导入导出');
  await expect(shell.heading()).toBeFocused();
  // The tabs move with the arrow keys.
  await page.getByTestId('excel-tab-import').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('excel-tab-mapping')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('excel-tab-mapping')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('excel-panel-import')).toBeVisible();

  // 1. The file with problems: the preview points at the cells, and nothing can be imported as it is.
  const file = path.join(tmp, '备案表.xlsx');
  writeTemplate(file, true);
  await excel.preview(file);
  await expect(excel.summary()).toHaveAttribute('data-blocking', '2');
  const n12 = excel.problemAt(`${SHEET2}!N12`);
  await expect(n12).toHaveCount(1);
  await expect(n12).toHaveAttribute('data-code', 'VALUE_NOT_IN_LIST');
  await expect(n12).toContainText(`${SHEET2}!N12`);
  await expect(n12).toContainText('原始');
  const af5 = excel.problemAt(`${SHEET2}!AF5`);
  await expect(af5).toHaveAttribute('data-code', 'DATE_INVALID');
  await expect(page.locator('[data-testid="excel-problem-group"][data-code="VALUE_NOT_IN_LIST"]')).toHaveAttribute('data-count', '1');
  // Filter by code: only that problem stays.
  await page.getByTestId('excel-filter-code').selectOption('DATE_INVALID');
  await expect(excel.problems()).toHaveCount(1);
  await expect(excel.problems().first()).toHaveAttribute('data-cell', `${SHEET2}!AF5`);
  await page.getByTestId('excel-filter-clear').click();
  await expect(excel.counts('inventory')).toHaveAttribute('data-added', '9');
  await expect(excel.counts('inventory')).toHaveAttribute('data-skipped', '2');
  await expect(excel.commitButton()).toBeDisabled();
  await expect(page.getByTestId('excel-blocked-hint')).toBeVisible();

  // 2. Skip those rows… but the officer fixes the file first: the preview is stale, previewed again.
  await page.getByTestId('excel-skip-blocking').check();
  await expect(excel.commitButton()).toBeEnabled();
  writeTemplate(file, false);
  await excel.commit();
  await expect(excel.error()).toBeVisible();
  await expect(excel.error().locator('[data-code]')).toHaveAttribute('data-code', 'IMPORT_STALE');
  await page.getByTestId('excel-rerun').click();
  await expect(excel.error()).toHaveCount(0);
  await expect(excel.previewResult()).toHaveAttribute('data-importable', 'true');
  await expect(excel.counts('inventory')).toHaveAttribute('data-added', '11');
  await expect(excel.problems().filter({ has: page.locator('[data-severity="blocking"]') })).toHaveCount(0);
  await expect(page.locator('[data-testid="excel-problem"][data-severity="blocking"]')).toHaveCount(0);

  // 3. Confirm: a summary, and a hint that it can be undone.
  await excel.commit();
  await expect(excel.result()).toBeVisible();
  await expect(page.getByTestId('excel-result-entries')).toHaveAttribute('data-added', '11');
  await expect(page.getByTestId('excel-undo-hint')).toBeVisible();

  // 4. The entries are in the inventory.
  await page.getByTestId('excel-open-inventory').click();
  const inv = new InventoryPage(page);
  await inv.expectShown();
  await expect(inv.rows()).toHaveCount(11);
  await expect(inv.total()).toContainText('11');

  // 5. Another file changes one field: the preview shows it old → new; cancelling writes nothing.
  await excel.open();
  await page.getByRole('button', { name: '导入另一个文件' }).click();
  const edited = path.join(tmp, '备案表-修改.xlsx');
  writeTemplate(edited, false, (rows) => {
    rows[1]![SHEET2_COLUMNS.findIndex((c) => c.key === 'ownerPerson')] = '王芳';
  });
  await excel.preview(edited);
  await expect(excel.counts('inventory')).toHaveAttribute('data-changed', '1');
  await expect(excel.counts('inventory')).toHaveAttribute('data-unchanged', '10');
  const changed = page.locator('[data-testid="excel-row"][data-status="changed"]');
  await expect(changed).toHaveAttribute('data-id', 'SYS01-T001-F001');
  await changed.locator('summary').press('Enter');
  const owner = changed.locator('[data-testid="excel-change"][data-field="ownerPerson"]');
  await expect(owner).toBeVisible();
  await expect(owner.locator('.excel-old')).toHaveText('张伟');
  await expect(owner.locator('.excel-new')).toHaveText('王芳');
  await page.getByTestId('excel-cancel').click();
  await expect(page.getByTestId('excel-status')).toContainText('未写入任何内容');
  await expect(excel.previewResult()).toHaveCount(0);
  await excel.preview(edited);
  await expect(excel.counts('inventory')).toHaveAttribute('data-changed', '1'); // still to do: nothing was written

  // 6. Export the template through the UI; it says where it was written.
  await excel.tab('export');
  const outDir = path.join(tmp, 'export');
  fs.mkdirSync(outDir);
  const exported = path.join(outDir, '数据分类分级备案表.xlsx');
  const done = await excel.export('template', exported);
  await expect(done).toContainText(exported);
  await expect(done).toContainText('11');
  expect(fs.readFileSync(exported).subarray(0, 2).toString()).toBe('PK');
  const findings = path.join(outDir, 'findings.xlsx');
  await expect(await excel.export('findings', findings)).toContainText(findings);
  expect(fs.existsSync(findings)).toBe(true);

  // 7. LibreOffice opens the export and saves it again: the drop-downs survive.
  const loOut = path.join(tmp, 'lo-out');
  const r = spawnSync('soffice', [`-env:UserInstallation=file://${path.join(tmp, 'lo-profile')}`, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', loOut, exported], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(r.status, r.stderr).toBe(0);
  const part = unzip(path.join(loOut, '数据分类分级备案表.xlsx'));
  const sheets = [...part('xl/workbook.xml').matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  expect(sheets).toEqual([SHEET_NAMES.unit, SHEET_NAMES.inventory, SHEET_NAMES.catalog]);
  const s2 = part('xl/worksheets/sheet2.xml').replaceAll('&quot;', '"');
  expect([...s2.matchAll(/<dataValidation /g)].length).toBeGreaterThanOrEqual(10);
  expect(s2).toContain('<formula1>"核心数据,重要数据,一般数据4级,一般数据3级,一般数据2级,一般数据1级"</formula1>');
  expect(s2).toContain('<formula1>"原始数据,');
  expect(part('xl/sharedStrings.xml')).toContain('SYS01-T001-F010');
});
