/**
 * The column-mapping wizard end to end: an officer's own ledger (made by LibreOffice, not the
 * template) read from a typed path; the header row found below the title; columns proposed by
 * name and synonyms with their confidence; the recognisers run on unmapped columns only after the
 * consent box is ticked, showing counts; levels written 三级 / L4 mapped to codes; the dry run's
 * problem pointing at the ledger's own cell; fixed by mapping the value; the mapping saved;
 * imported; and the saved mapping proposed again for the same ledger saved as .xls.
 */
import path from 'node:path';
import { test, expect, SCREENSHOT_DIR } from './fixtures';
import { WelcomePage } from './page-models/welcome-page';
import { ShellPage } from './page-models/shell-page';
import { MappingPage } from './page-models/mapping-page';

const PASS = '映射口令-2026';
const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'excel');
const LEDGER = path.join(FIXTURES, 'mapping-ledger.xlsx');
const LEDGER_XLS = path.join(FIXTURES, 'mapping-ledger.xls');

test('imports an own ledger through the mapping wizard, with a saved mapping reused', async ({ page, app }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));

  const welcome = new WelcomePage(page);
  await welcome.goto(app.url);
  await welcome.createWorkspace({ name: '区人民医院', passphrase: PASS, role: 'unit', operator: '张三' });
  const shell = new ShellPage(page);
  await expect(shell.heading()).toHaveText('单位信息');
  const wizard = new MappingPage(page);
  await wizard.open();

  // ---- 1. File: typed, submitted with Enter.
  await page.getByTestId('mapping-path').fill(LEDGER);
  await page.getByTestId('mapping-path').press('Enter');

  // ---- 2. Sheet and header row: row 3, below the merged title.
  await expect(wizard.stepHeading()).toContainText('工作表与表头行');
  await expect(wizard.stepHeading()).toBeFocused();
  await expect(page.getByTestId('mapping-sheet')).toHaveValue('资产台账');
  await expect(page.getByTestId('mapping-header-row')).toHaveValue('3');
  await expect(page.getByTestId('mapping-sheet-summary')).toContainText('6');
  await expect(page.getByTestId('mapping-top')).toContainText('数据资产台账');
  await wizard.next();

  // ---- 3. Columns: proposals with confidence and samples.
  await expect(wizard.stepHeading()).toContainText('列映射');
  await expect(wizard.target('D')).toHaveValue('itemName');
  await expect(wizard.confidence('D')).toContainText('95%');
  await expect(wizard.target('G')).toHaveValue('level');
  await expect(wizard.confidence('G')).toContainText('90%');
  await expect(wizard.target('J')).toHaveValue('');
  await expect(page.getByTestId('mapping-col-D')).toContainText('患者姓名 | 身份证号');
  // No recogniser ran before consent.
  await expect(wizard.recognised('J')).toHaveCount(0);
  await page.getByTestId('mapping-rec-consent').check();
  await expect(wizard.recognised('J')).toContainText('1/6');
  await page.getByTestId('mapping-pi-J').check();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'mapping-columns.png'), fullPage: true });
  // A field chosen twice is refused until fixed.
  await wizard.target('K').selectOption('level');
  await expect(page.getByTestId('mapping-duplicate')).toBeVisible();
  await expect(page.getByTestId('mapping-next')).toBeDisabled();
  await wizard.target('K').selectOption('');
  await wizard.next();

  // ---- 4. Values: 三级, L4 proposed; 机密 left as it is.
  await expect(wizard.stepHeading()).toContainText('代码值映射');
  await expect(wizard.valueSelect('G', '三级')).toHaveValue('一般数据3级');
  await expect(wizard.valueSelect('G', 'L4')).toHaveValue('一般数据4级');
  await expect(wizard.valueSelect('H', '是')).toHaveValue('是');
  await expect(page.getByTestId('mapping-values-unmapped')).toBeVisible();
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'mapping-values.png'), fullPage: true });
  await wizard.dryRun();

  // ---- 5. Dry run: the problem at the ledger's own cell; cancel writes nothing.
  await expect(wizard.problemAt('资产台账!G9')).toBeVisible();
  await expect(wizard.problemAt('资产台账!G9')).toContainText('机密');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'mapping-preview.png'), fullPage: true });
  await expect(page.getByTestId('mapping-commit')).toBeDisabled();
  await page.getByTestId('mapping-cancel').click();
  await expect(page.getByTestId('mapping-notice')).toBeVisible();
  await expect(wizard.stepHeading()).toContainText('代码值映射');
  await wizard.valueSelect('G', '机密').selectOption('重要数据');
  await expect(page.getByTestId('mapping-values-unmapped')).toHaveCount(0);
  await wizard.dryRun();
  await expect(page.getByTestId('excel-problems-summary')).toHaveAttribute('data-blocking', '0');
  await expect(page.getByTestId('excel-counts-inventory')).toContainText('8');

  // Save the mapping, then import.
  await page.getByTestId('mapping-save-name').fill('医院台账');
  await page.getByTestId('mapping-save').click();
  await expect(page.getByTestId('mapping-notice')).toContainText('医院台账');
  await page.getByTestId('mapping-commit').click();
  await expect(page.getByTestId('mapping-done')).toContainText('8');

  // ---- The same ledger as .xls: the saved mapping is found and applied.
  await page.getByTestId('mapping-restart').click();
  await page.getByTestId('mapping-path').fill(LEDGER_XLS);
  await page.getByTestId('mapping-open').click();
  await expect(page.getByTestId('mapping-saved-found')).toContainText('医院台账');
  await wizard.next();
  await expect(wizard.confidence('G')).toContainText('100%');
  await wizard.next();
  await expect(wizard.valueSelect('G', '机密')).toHaveValue('重要数据');
  await wizard.dryRun();
  await expect(page.getByTestId('excel-counts-inventory')).toContainText('8');

  // The entries are in the inventory.
  await page.getByTestId('mapping-cancel').click();
  await shell.goTo('inventory');
  await expect(page.getByText('门诊患者表').first()).toBeVisible();

  expect(problems).toEqual([]);
});

test('the wizard can be driven from the keyboard alone', async ({ page, app }) => {
  const welcome = new WelcomePage(page);
  await welcome.goto(app.url);
  await welcome.createWorkspace({ name: '区人民医院', passphrase: PASS, role: 'unit', operator: '张三' });
  const wizard = new MappingPage(page);
  await wizard.open();

  /** Tab forward until the element with this test id has the focus (at most 60 presses). */
  const tabTo = async (testId: string) => {
    for (let i = 0; i < 60; i++) {
      if ((await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) === testId) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`${testId} not reachable with Tab`);
  };

  await page.getByTestId('excel-tab-mapping').focus();
  await tabTo('mapping-path');
  await page.keyboard.type(LEDGER);
  await page.keyboard.press('Enter');
  await expect(wizard.stepHeading()).toBeFocused();
  await tabTo('mapping-next');
  await page.keyboard.press('Enter');
  await expect(wizard.stepHeading()).toContainText('列映射');
  await expect(wizard.stepHeading()).toBeFocused();
  await tabTo('mapping-rec-consent');
  await page.keyboard.press('Space');
  await expect(wizard.recognised('J')).toContainText('1/6');
  await tabTo('mapping-next');
  await page.keyboard.press('Enter');
  await expect(wizard.stepHeading()).toContainText('代码值映射');
  await tabTo('mapping-dry-run');
  await page.keyboard.press('Enter');
  await expect(wizard.problemAt('资产台账!G9')).toBeVisible();
  await tabTo('mapping-skip');
  await page.keyboard.press('Space');
  await tabTo('mapping-commit');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('mapping-done')).toContainText('7');
});
