/**
 * Classification rules end to end: the officer opens 分类分级规则, exports the health scheme as
 * xlsx, checks an edited copy with a mistake (the error points at its sheet, row and column), fixes
 * it, imports it as version 2, activates it (told how many entries it regrades) and sees it in use;
 * views the version read only; imports a recogniser pack with a mistake (refused, the problem shown),
 * then a good one, then goes back to the built-in pack. And sample values read from a sheet column.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { WelcomePage } from './page-models/welcome-page';
import { ShellPage } from './page-models/shell-page';
import { InventoryPage } from './page-models/inventory-page';
import { SchemesPage } from './page-models/schemes-page';
import { schemeToSheets } from '../../main/domain/scheme-sheet';
import { residentIdCheckChar } from '../../main/domain/checksums';
import { BUILTIN_RECOGNIZER_PACK, BUILTIN_SCHEMES } from '../../main/services/builtin-resources';
import { writeXlsx } from '../../main/services/excel/xlsx-write';

const PASS = '规则口令-2026';
const health = BUILTIN_SCHEMES.find((s) => s.id === 'health')!;
const PROPS = { title: '', subject: '', author: '', company: '', keywords: '', description: '', created: new Date(Date.UTC(2026, 0, 1)), custom: {} };

/** The health scheme as the officer edited it in Excel: a new name, and the level of the third 分类 row. */
function editedScheme(file: string, level: string) {
  const sheets = schemeToSheets({ ...health, name: '卫生健康数据分类分级方案（本院）' }, 1);
  (sheets.find((s) => s.name === '分类')!.rows[1] as (string | number | null)[])[4] = level;
  writeXlsx(file, sheets.map((s) => ({ name: s.name, widths: s.widths, rows: s.rows, ...(s.header ? { header: s.header } : {}) })), PROPS);
  return file;
}

test('imports a scheme from xlsx (error shown at its row, fixed, imported), activates it, and manages the recogniser pack', async ({ page, app, tmp }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  const welcome = new WelcomePage(page);
  await welcome.goto(app.url);
  await welcome.createWorkspace({ name: '区人民医院', passphrase: PASS, role: 'unit', operator: '王五' });
  const shell = new ShellPage(page);
  await expect(shell.heading()).toHaveText('单位信息');
  // One item of the health industry, graded under the health scheme.
  await shell.goTo('inventory');
  const inv = new InventoryPage(page);
  await inv.expectShown();
  await inv.addSystem('医院信息系统');
  await inv.addResource({ name: '患者登记表', dataId: 'SYS01-T001', description: '门诊患者登记' });
  await inv.addItem({ name: '患者姓名', dataId: 'SYS01-T001-F001', code: 'hzxm', description: '患者本人姓名' });
  await inv.open('SYS01-T001-F001');
  await inv.set('industry', '卫生健康');
  await inv.set('categoryCode', '1.01');
  await inv.saveAndWait();
  await expect(inv.suggestedLevel()).toContainText('一般数据3级');

  const rules = new SchemesPage(page);
  await rules.open();
  await expect(shell.heading()).toHaveText('分类分级规则');
  await expect(rules.scheme('health')).toHaveAttribute('data-in-use', 'true');
  await expect(rules.scheme('health').getByTestId('scheme-in-use')).toHaveText('在用：版本 1');
  await expect(rules.version('health', 1)).toHaveAttribute('data-active', 'true');

  // Export as xlsx, as an officer would before editing it.
  const exported = path.join(tmp, 'health-v1.xlsx');
  await rules.export('health', 1, exported);
  await expect(page.getByTestId('schemes-status')).toContainText('health-v1.xlsx');
  expect(fs.statSync(exported).size).toBeGreaterThan(1000);

  // A copy with a mistake: the problem points at sheet 分类, row 3, column E.
  const bad = editedScheme(path.join(tmp, 'health-edited.xlsx'), '三级');
  const dialog = await rules.checkFile(bad);
  await expect(dialog.getByTestId('scheme-import-invalid')).toBeVisible();
  const problem = rules.problems().first();
  await expect(problem).toHaveAttribute('data-sheet', '分类');
  await expect(problem).toHaveAttribute('data-row', '3');
  await expect(problem).toHaveAttribute('data-column', 'E');
  await expect(problem).toContainText('第 3 行');
  await expect(page.getByTestId('scheme-import-submit')).toBeDisabled();

  // Fixed in Excel, checked again: a new version 2; imported.
  editedScheme(bad, '一般数据4级');
  await rules.checkFile(bad);
  await expect(page.getByTestId('scheme-import-preview')).toHaveAttribute('data-kind', 'new-version');
  await expect(page.getByTestId('scheme-import-effect')).toContainText('版本 2');
  await rules.importChecked();
  await expect(rules.version('health', 2)).toBeVisible();
  await expect(rules.version('health', 2)).toHaveAttribute('data-active', 'false');

  // Activate version 2: told how many entries it regrades; then it is the version in use.
  await expect(rules.version('health', 1)).toHaveAttribute('data-entries', '1');
  const entries = await rules.activate('health', 2);
  expect(entries).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId('schemes-status')).toContainText('已启用');
  await expect(rules.scheme('health')).toHaveAttribute('data-active-version', '2');
  await expect(rules.scheme('health').getByTestId('scheme-in-use')).toHaveText('在用：版本 2');
  await expect(rules.scheme('health')).toContainText('卫生健康数据分类分级方案（本院）');
  await expect(rules.version('health', 2)).toHaveAttribute('data-entries', '1');
  // …and the item follows the new reference level of 1.01.
  await shell.goTo('inventory');
  await inv.open('SYS01-T001-F001');
  await expect(inv.suggestedLevel()).toContainText('一般数据4级');
  await rules.open();

  // The version, read only: its tree, matrix and rules.
  await rules.view('health', 2);
  const detail = page.getByTestId('scheme-detail');
  await expect(detail.locator('[data-testid="scheme-category"][data-code="1.01.001"]')).toBeVisible();
  await expect(detail.locator('[data-object="国家安全"][data-degree="特别严重危害"]')).toContainText('核心数据');
  await expect(detail.getByTestId('scheme-aggregation-rules')).toContainText('pi-10m-people');

  // Recogniser pack: the built-in one, with its context words and thresholds.
  await expect(rules.pack()).toHaveAttribute('data-source', 'builtin');
  await expect(rules.pack().locator('[data-recognizer="resident_id"]')).toContainText('cn_resident_id');
  const badPack = path.join(tmp, 'bad-pack.json');
  fs.writeFileSync(badPack, JSON.stringify({ ...BUILTIN_RECOGNIZER_PACK, id: 'hospital', recognizers: [{ ...BUILTIN_RECOGNIZER_PACK.recognizers[0], id: 'Staff-No' }] }));
  await rules.importPack(badPack);
  await expect(page.getByTestId('pack-import-error')).toBeVisible();
  await expect(page.locator('[data-testid="pack-import-problems"] [data-testid="scheme-problem"]').first()).toHaveAttribute('data-path', 'recognizers.0.id');
  const goodPack = path.join(tmp, 'pack.json');
  const own = { ...BUILTIN_RECOGNIZER_PACK.recognizers[0]!, id: 'staff_no', name: '工号', nameEn: 'Staff number', names: { words: ['工号', '职工编号'], codes: ['gh'], context: ['职工'], exclude: [] } };
  fs.writeFileSync(goodPack, JSON.stringify({ format: 'datasteward-recognizers/1', id: 'hospital', name: '本院识别器', version: 1, recognizers: [own] }));
  await page.getByTestId('pack-import-path').fill(goodPack);
  await page.getByTestId('pack-import-submit').click();
  await expect(page.getByTestId('pack-import-dialog')).toBeHidden();
  await expect(rules.pack()).toHaveAttribute('data-source', 'workspace');
  await expect(rules.pack().locator('[data-recognizer="staff_no"]')).toContainText('职工编号');
  await page.getByTestId('pack-reset').click();
  await page.getByTestId('confirm-dialog').getByRole('button', { name: '恢复内置识别器包' }).click();
  await expect(rules.pack()).toHaveAttribute('data-source', 'builtin');
  await expect(rules.pack().locator('[data-recognizer="staff_no"]')).toHaveCount(0);

  // The audit log names the new actions.
  await shell.goTo('audit');
  await expect(page.getByText('导出分类方案').first()).toBeVisible();
  await expect(page.getByText('恢复内置识别器包').first()).toBeVisible();
  expect(problems).toEqual([]);
});

test('reads sample values from a column of a spreadsheet: headers and masked previews only, counts kept', async ({ page, app, tmp }) => {
  const welcome = new WelcomePage(page);
  await welcome.goto(app.url);
  await welcome.createWorkspace({ name: '区人民医院', passphrase: PASS, role: 'unit', operator: '王五' });
  const shell = new ShellPage(page);
  await shell.goTo('inventory');
  const inv = new InventoryPage(page);
  await inv.expectShown();
  await inv.addSystem('医院信息系统');
  await inv.addResource({ name: '患者登记表', dataId: 'SYS01-T001', description: '门诊患者登记' });
  await inv.addItem({ name: '证件号码', dataId: 'SYS01-T001-F001', code: 'zjhm', description: '患者证件号码' });

  const ids = Array.from({ length: 6 }, (_, i) => `1101011990030${7 + i}`.slice(0, 14) + String(210 + i)).map((d) => d + residentIdCheckChar(d)!);
  const file = path.join(tmp, 'patients.xlsx');
  writeXlsx(file, [{ name: '患者', widths: [8, 22], header: ['序号', '身份证号'], rows: ids.map((v, i) => [i + 1, v]) }], PROPS);

  await inv.open('SYS01-T001-F001');
  await page.getByTestId('sample-file-open-dialog').click();
  await page.getByTestId('sample-file-path').fill(file);
  await page.getByTestId('sample-file-open').click();
  const col = page.locator('[data-testid="sample-file-column"][data-letter="B"]');
  await expect(col).toContainText('身份证号');
  await expect(col).toContainText(`1${'*'.repeat(12)}`);
  for (const v of ids) await expect(page.getByTestId('sample-file-dialog')).not.toContainText(v);
  await page.getByTestId('sample-file-col-B').check();
  await page.getByTestId('sample-file-scan').click();
  await expect(page.getByTestId('sample-file-result')).toHaveAttribute('data-read', '6');
  const row = page.locator('[data-testid="sample-file-result-row"][data-recognizer="resident_id"]');
  await expect(row).toHaveAttribute('data-hit', 'true');
  await expect(row).toHaveAttribute('data-matched', '6');
  for (const v of ids) await expect(page.getByTestId('sample-file-dialog')).not.toContainText(v);
  await page.getByTestId('sample-file-close').click();
  await expect(page.locator('[data-testid="recognizer-hit"][data-recognizer="resident_id"]')).toBeVisible();
});
