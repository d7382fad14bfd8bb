/**
 * Important data, the catalog, the quality check and the recognisers, end to end: a resource with
 * an item made through the UI; the identification questionnaire answered from the 清单 detail
 * panel (a yes factor → 重要数据), the catalog row drafted and completed; the quality check's
 * scores, and a finding (an item's missing 责任人) that lands on the field in the 清单; sample
 * values pasted into the sample check of an item, counted by the mobile-number recogniser.
 */
import { test, expect } from './fixtures';
import { WelcomePage } from './page-models/welcome-page';
import { ShellPage } from './page-models/shell-page';
import { InventoryPage } from './page-models/inventory-page';
import { CatalogPage } from './page-models/catalog-page';
import { QualityPage } from './page-models/quality-page';

const PASS = '目录口令-2026';
const RESOURCE = { name: '参保人员信息表', dataId: 'SYS01-T001' };
const ITEM = { name: '联系电话', dataId: 'SYS01-T001-F001', code: 'mobile', description: '参保人员本人的手机号码' };

test('identifies important data, completes the drafted catalog row, jumps from a quality finding to its field, and counts pasted samples', async ({ page, app }) => {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));

  const welcome = new WelcomePage(page);
  await welcome.goto(app.url);
  await welcome.createWorkspace({ name: '区人社局', passphrase: PASS, role: 'unit', operator: '张三' });
  const shell = new ShellPage(page);
  await expect(shell.heading()).toHaveText('单位信息');
  await shell.goTo('inventory');
  const inv = new InventoryPage(page);
  await inv.expectShown();
  await inv.addSystem('社会保障信息系统');
  await inv.addResource({ ...RESOURCE, description: '参保人员的基本信息和缴费记录' });
  await inv.addItem(ITEM);

  // ---- The questionnaire, from the resource's detail panel.
  await inv.open(RESOURCE.dataId);
  await page.getByTestId('identify-resource').click();
  const catalog = new CatalogPage(page);
  await catalog.expectQuestionnaire();
  await expect(page.getByTestId('nav-catalog')).toHaveAttribute('aria-current', 'page');
  await expect(shell.heading()).toContainText(RESOURCE.name);
  await expect(shell.heading()).toBeFocused();
  await expect(catalog.proposal()).toHaveAttribute('data-proposal', '待定');
  // A yes to an important-data factor; the core question open: still 待定, at least important.
  await catalog.answer('G05', 'yes');
  await expect(catalog.proposal()).toHaveAttribute('data-proposal', '待定');
  await expect(page.getByTestId('identify-reasons')).toContainText('G05');
  // The core question answered no: 重要数据.
  await catalog.answer('C01', 'no');
  await expect(catalog.proposal()).toHaveAttribute('data-proposal', '重要数据');
  await expect(catalog.proposal()).toHaveText('重要数据');
  await expect(page.getByTestId('identify-basis')).not.toBeEmpty();
  await catalog.saveIdentification();

  // ---- The drafted row: in the table and in the form, the first empty required field focused.
  await catalog.expectRowOpen(RESOURCE.dataId);
  await expect(page.getByTestId('identify-page')).toHaveCount(0);
  await expect(catalog.row(RESOURCE.dataId)).toBeVisible();
  await expect(catalog.status()).toContainText('重要数据');
  await expect(catalog.field('name')).toHaveValue(RESOURCE.name);
  await expect(catalog.field('level')).toHaveValue('重要数据');
  await expect(catalog.field('basis')).not.toHaveValue('');
  await expect(catalog.field('purpose')).toBeFocused();
  await expect(catalog.finding('purpose')).toBeVisible();
  await expect(catalog.finding('phone')).toBeVisible();

  // Complete the required fields (and a few more) and save: their findings go.
  await catalog.set('purpose', '参保登记、待遇核定与发放');
  await catalog.set('department', '社会保险科');
  await catalog.set('person', '李四');
  await catalog.set('phone', '13800138000');
  await catalog.set('carrierKind', '数据库');
  await catalog.set('mlpsLevel', '第三级');
  await catalog.setChecks('processingMethods', ['收集', '存储', '使用']);
  await catalog.setChecks('securityMeasures', ['加密存储', '访问控制', '安全审计']);
  // Edited fields hide their old findings until the next check.
  await expect(catalog.finding('purpose')).toHaveCount(0);
  await catalog.saveAndWait();
  for (const f of ['purpose', 'department', 'person', 'phone', 'securityMeasures', 'processingMethods'] as const) await expect(catalog.finding(f)).toHaveCount(0);
  await expect(page.getByTestId('catalog-field-securityMeasures')).toHaveAttribute('data-value', '加密存储、访问控制、安全审计');
  await expect(catalog.row(RESOURCE.dataId)).toContainText('社会保险科');

  // ---- The quality check: scores, counts, rules; the item's missing 责任人 → the field in the 清单.
  const quality = new QualityPage(page);
  await quality.open();
  await expect(shell.heading()).toHaveText('质量检查');
  for (const k of ['overall', 'completeness', 'consistency', 'conformity', 'timeliness'] as const) {
    const v = await quality.scoreValue(k);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(100);
  }
  expect(await quality.scoreValue('completeness')).toBeLessThan(100);
  await expect(quality.errors()).not.toHaveAttribute('data-count', '0');
  await expect(quality.code('REQUIRED_MISSING')).toBeVisible();
  await expect(quality.resourceRows()).toHaveCount(1);
  await quality.filterByCode('REQUIRED_MISSING');
  const missingPerson = quality.finding({ code: 'REQUIRED_MISSING', field: 'ownerPerson', dataId: ITEM.dataId });
  await expect(missingPerson).toHaveCount(1);
  await expect(missingPerson).toContainText('责任人');
  await quality.openFinding(missingPerson);
  await inv.expectShown();
  await expect(inv.detail()).toHaveAttribute('data-data-id', ITEM.dataId);
  await expect(inv.field('ownerPerson')).toBeFocused();
  await expect(inv.row(ITEM.dataId)).toBeVisible();

  // Fix it there; the check afterwards no longer lists it.
  await page.keyboard.type('王五');
  await inv.saveAndWait();
  await quality.open();
  await expect(quality.code('REQUIRED_MISSING')).toHaveAttribute('aria-pressed', 'true');
  await expect(quality.finding({ code: 'REQUIRED_MISSING', field: 'ownerPerson', dataId: ITEM.dataId })).toHaveCount(0);

  // ---- Sample check of the item: values are counted, not kept.
  await shell.goTo('inventory');
  await inv.expectShown();
  await inv.open(ITEM.dataId);
  await expect(page.getByTestId('recognizer-section')).toBeVisible();
  await page.getByTestId('samples-open').click();
  const dialog = page.getByTestId('samples-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('samples-privacy')).toContainText('不会保存');
  await expect(page.getByTestId('samples-text')).toBeFocused();
  await page.getByTestId('samples-text').fill(['13800138000', '13912345678', '15800001111', '18600002222', '17700003333', '13600004444'].join('\n'));
  await expect(page.getByTestId('samples-count')).toHaveAttribute('data-count', '6');
  await page.getByTestId('samples-submit').click();
  const mobile = page.locator('[data-testid="samples-result-row"][data-recognizer="mobile"]');
  await expect(mobile).toHaveAttribute('data-hit', 'true');
  await expect(mobile).toHaveAttribute('data-matched', '6');
  await expect(mobile).toHaveAttribute('data-total', '6');
  await expect(page.getByTestId('samples-result')).not.toContainText('13800138000');
  await expect(page.getByTestId('samples-text')).toHaveValue('');
  await page.getByTestId('samples-close').click();
  await expect(dialog).toBeHidden();
  // The counts are kept as a hit, and the recognisers suggest personal information.
  const mobileHit = page.locator('[data-testid="recognizer-hit"][data-recognizer="mobile"]');
  await expect(mobileHit.locator('[data-basis="sample"]')).toContainText('6 / 6');
  // Recognisers whose samples matched nothing are only counted.
  await expect(page.getByTestId('recognizer-unmatched')).toBeVisible();
  await expect(page.getByTestId('recognizer-suggestion')).toHaveAttribute('data-pi', 'true');
  await page.getByTestId('recognizer-accept').click();
  await expect(inv.field('isPersonalInfo')).toHaveValue('是');
  await expect(page.getByTestId('recognizer-accept')).toHaveCount(0);

  // ---- Field-name recognition from the bulk toolbar.
  await inv.select([ITEM.dataId]);
  await page.getByTestId('bulk-scan-names').click();
  await expect(inv.status()).toContainText('已按字段名识别 1 条');
  await expect(mobileHit.locator('[data-basis="name"]')).toBeVisible();

  expect(problems).toEqual([]);
});
