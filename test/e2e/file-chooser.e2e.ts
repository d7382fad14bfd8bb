/**
 * The in-app file chooser as a user meets it in the Excel area: it opens in the folder typed in
 * the path box, lists only folders and files of the accepted extensions, goes up and into
 * folders, and puts the chosen file's full path in the box; in save mode it proposes the export's
 * file name beside the open workspace; a folder that does not exist is named in the error and the
 * default folder is listed instead of an empty list. Also the Excel tab strip by keyboard.
 */
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { WelcomePage } from './page-models/welcome-page';
import { ShellPage } from './page-models/shell-page';
import { ExcelPage } from './page-models/excel-page';

const PASS = '选择文件-口令-2026';

test('chooses files by browsing, proposes the save name, and survives a missing folder', async ({ page, app, tmp }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));

  // Some files to choose from: two spreadsheets, a text file and a sub-folder.
  const files = path.join(tmp, '台账');
  fs.mkdirSync(path.join(files, '2025'), { recursive: true });
  fs.writeFileSync(path.join(files, '资产台账.xlsx'), 'PK');
  fs.writeFileSync(path.join(files, 'ledger.csv'), 'a,b\n');
  fs.writeFileSync(path.join(files, 'notes.txt'), 'x');
  fs.writeFileSync(path.join(files, '2025', '旧台账.xls'), 'x');

  const welcome = new WelcomePage(page);
  await welcome.goto(app.url);
  await welcome.createWorkspace({ name: '区档案馆', passphrase: PASS, role: 'unit', operator: '李四' });
  const shell = new ShellPage(page);
  await expect(shell.heading()).toHaveText('单位信息');
  const excel = new ExcelPage(page);
  await excel.open();

  // ---- The tab strip: arrow keys, End and Home move the selection and the focus.
  await page.getByTestId('excel-tab-import').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('excel-tab-mapping')).toBeFocused();
  await expect(page.getByTestId('excel-panel-mapping')).toBeVisible();
  await page.keyboard.press('End');
  await expect(page.getByTestId('excel-tab-export')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('excel-tab-import')).toBeFocused();
  await expect(page.getByTestId('excel-panel-import')).toBeVisible();

  // ---- Open mode: starts in the typed folder, filtered by extension.
  const chooser = page.getByTestId('excel-import-path-chooser');
  const entries = chooser.getByTestId('excel-import-path-chooser-entry');
  await page.getByTestId('excel-import-path').fill(files);
  await page.getByTestId('excel-import-path-browse').click();
  await expect(chooser).toBeVisible();
  await expect(page.getByTestId('excel-import-path-chooser-dir')).toHaveValue(files);
  await expect(entries).toHaveCount(3);
  expect((await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).sort()).toEqual(['2025', 'ledger.csv', '资产台账.xlsx']);
  await expect(chooser.getByTestId('excel-import-path-chooser-ok')).toBeDisabled();

  // Up one folder, back in, into the sub-folder and up again.
  await page.getByTestId('excel-import-path-chooser-up').click();
  await expect(page.getByTestId('excel-import-path-chooser-dir')).toHaveValue(tmp);
  await entries.and(page.locator('[data-name="台账"]')).click();
  await expect(page.getByTestId('excel-import-path-chooser-dir')).toHaveValue(files);
  await entries.and(page.locator('[data-name="2025"]')).click();
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toHaveAttribute('data-name', '旧台账.xls');
  await page.getByTestId('excel-import-path-chooser-up').click();

  // Choose a file: its full path lands in the box.
  await entries.and(page.locator('[data-name="资产台账.xlsx"]')).click();
  await chooser.getByTestId('excel-import-path-chooser-ok').click();
  await expect(chooser).toBeHidden();
  await expect(page.getByTestId('excel-import-path')).toHaveValue(path.join(files, '资产台账.xlsx'));

  // ---- A folder that does not exist: the error names it, and the default folder is listed.
  await page.getByTestId('excel-import-path').fill(path.join(tmp, 'gone', 'x.xlsx'));
  await page.getByTestId('excel-import-path-browse').click();
  await expect(page.getByTestId('excel-import-path-chooser-error')).toContainText(path.join(tmp, 'gone'));
  await expect(page.getByTestId('excel-import-path-chooser-dir')).not.toHaveValue('');
  await expect(page.getByTestId('excel-import-path-chooser-up')).toBeEnabled();
  await page.getByTestId('excel-import-path-chooser-cancel').click();
  await expect(chooser).toBeHidden();

  // ---- Save mode: the export proposes its file name beside the workspace.
  await excel.tab('export');
  const proposed = await page.getByTestId('excel-export-template-path').inputValue();
  expect(path.basename(proposed)).toBe('数据分类分级备案表.xlsx');
  expect(proposed.startsWith(app.workspaceDir)).toBe(true);
  await page.getByTestId('excel-export-template-path-browse').click();
  await expect(page.getByTestId('excel-export-template-path-chooser-name')).toHaveValue('数据分类分级备案表.xlsx');
  await expect(page.getByTestId('excel-export-template-path-chooser-name')).toBeFocused();
  await expect(page.getByTestId('excel-export-template-path-chooser-dir')).toHaveValue(path.dirname(proposed));
  // Saving into another folder under another name, without typing the extension.
  await page.getByTestId('excel-export-template-path-chooser-dir').fill(files);
  await page.getByTestId('excel-export-template-path-chooser-go').click();
  await expect(page.getByTestId('excel-export-template-path-chooser-dir')).toHaveValue(files);
  await expect(page.getByTestId('excel-export-template-path-chooser-entry').and(page.locator('[data-name="资产台账.xlsx"]'))).toHaveCount(1);
  // Going to a folder did not submit the export card around the chooser.
  await expect(page.getByTestId('excel-export-template-done')).toHaveCount(0);
  expect(fs.existsSync(proposed)).toBe(false);
  await page.getByTestId('excel-export-template-path-chooser-name').fill('备案表-2026');
  await page.getByTestId('excel-export-template-path-chooser-ok').click();
  await expect(page.getByTestId('excel-export-template-path')).toHaveValue(path.join(files, '备案表-2026.xlsx'));
  const done = await excel.export('template', path.join(files, '备案表-2026.xlsx'));
  await expect(done).toContainText('备案表-2026.xlsx');
  expect(fs.readFileSync(path.join(files, '备案表-2026.xlsx')).subarray(0, 2).toString()).toBe('PK');

  expect(problems).toEqual([]);
});
