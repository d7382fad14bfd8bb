/**
 * The inventory, end to end: systems, resources and items made through the UI; a level suggested
 * by the matrix with its explanation; confirming it; a lowering refused without a rationale and
 * accepted with one; a bulk edit undone and redone; a Chinese search.
 */
import { test, expect } from './fixtures';
import { WelcomePage } from './page-models/welcome-page';
import { ShellPage } from './page-models/shell-page';
import { InventoryPage } from './page-models/inventory-page';
import { UnlockPage } from './page-models/unlock-page';

const PASS = '清单口令-2026';

test('builds an inventory, grades an item by the matrix, refuses an unexplained lowering, bulk-edits, undoes and searches', async ({ page, app }) => {
  // The grid positions rows with CSSOM styles, which the strict CSP allows: no violation is reported.
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
  await expect(shell.heading()).toHaveText('数据分类分级清单');
  await expect(shell.heading()).toBeFocused();
  await expect(page.getByTestId('tree-empty')).toBeVisible();

  // A system, a resource and three items, through the UI.
  await inv.addSystem('社会保障信息系统');
  await inv.addResource({ name: '参保人员信息表', dataId: 'SYS01-T001', description: '参保人员的基本信息' });
  await inv.addItem({ name: '参保险种', dataId: 'SYS01-T001-F001', code: 'insurance_type', description: '参保的险种名称' });
  await inv.addItem({ name: '缴费基数', dataId: 'SYS01-T001-F002', code: 'base', description: '月缴费基数' });
  await inv.addItem({ name: '公民身份证号码', dataId: 'SYS01-T001-F003', code: 'id_no', description: '参保人员身份证件号码' });
  await expect(inv.rows()).toHaveCount(4);
  await expect(inv.total()).toContainText('4');
  await expect(inv.treeItem('社会保障信息系统')).toHaveAttribute('aria-level', '2');
  await expect(inv.treeItem('参保人员信息表')).toHaveAttribute('aria-level', '3');

  // 影响对象 个人权益 + 影响程度 严重危害 → 参考级别 一般数据3级, explained by the matrix.
  await inv.open('SYS01-T001-F001');
  await inv.setImpactObjects(['个人权益']);
  await inv.set('impactDegree', '严重危害');
  await inv.saveAndWait();
  await expect(inv.suggestedLevel()).toHaveAttribute('data-level', '一般数据3级');
  await expect(inv.level()).toHaveAttribute('data-level', '一般数据3级');
  await expect(inv.explanation()).toContainText('个人权益 × 严重危害');
  const decisive = inv.decisive().filter({ hasText: '矩阵' });
  await expect(decisive).toHaveCount(1);
  await expect(decisive).toContainText('个人权益 × 严重危害');
  await expect(decisive).toHaveAttribute('data-source', 'matrix');
  await expect(inv.levelState()).toHaveAttribute('data-state', 'suggested');
  await expect(inv.cell('SYS01-T001-F001', 'level')).toContainText('一般数据3级');

  // Confirm it.
  await inv.confirmLevel();
  await expect(inv.levelState()).toHaveAttribute('data-state', 'confirmed');
  await expect(page.getByTestId('confirm-level')).toHaveCount(0);
  await expect(inv.cell('SYS01-T001-F001', 'state')).toContainText('已确认');
  await expect(inv.history().first()).toBeVisible();

  // Lowering below the suggestion without a rationale is refused, the message next to 定级理由.
  await inv.set('level', '一般数据2级');
  await inv.save();
  await expect(inv.errorFor('rationale')).toBeVisible();
  await expect(inv.errorFor('rationale')).toContainText('定级理由');
  await expect(inv.field('rationale')).toBeFocused();
  await expect(inv.field('rationale')).toHaveAttribute('aria-invalid', 'true');
  await expect(inv.level()).toHaveAttribute('data-level', '一般数据3级');
  // With a reason it is accepted.
  await inv.set('rationale', '险种名称为公开信息，泄露不会对个人权益造成严重危害');
  await inv.saveAndWait();
  await expect(inv.errorFor('rationale')).toHaveCount(0);
  await expect(inv.level()).toHaveAttribute('data-level', '一般数据2级');
  await expect(page.getByTestId('detail-level-source')).toHaveAttribute('data-source', 'manual');
  await expect(inv.history().filter({ hasText: '险种名称为公开信息' })).toHaveCount(1);
  await expect(inv.cell('SYS01-T001-F001', 'level')).toContainText('一般数据2级');

  // Bulk edit 责任部门 of two items; undo puts the values back; redo again.
  await inv.select(['SYS01-T001-F002', 'SYS01-T001-F003']);
  await expect(inv.bulkToolbar()).toContainText('已选择 2 条');
  await inv.bulkEdit({ ownerDepartment: '社会保险科' });
  await expect(inv.status()).toContainText('已修改 2 条');
  await inv.open('SYS01-T001-F002');
  await expect(inv.field('ownerDepartment')).toHaveValue('社会保险科');
  await expect(inv.undoButton()).toBeEnabled();
  await expect(inv.undoButton()).toHaveAttribute('title', /批量修改/);
  await inv.undo();
  await expect(inv.field('ownerDepartment')).toHaveValue('');
  await inv.open('SYS01-T001-F003');
  await expect(inv.field('ownerDepartment')).toHaveValue('');
  await inv.redo();
  await expect(inv.field('ownerDepartment')).toHaveValue('社会保险科');

  // Keyboard: Ctrl+Z outside text fields undoes too.
  await inv.grid().focus();
  await page.keyboard.press('Control+z');
  await expect(inv.status()).toContainText('已撤销');
  await expect(inv.field('ownerDepartment')).toHaveValue('');
  await page.keyboard.press('Control+Shift+z');
  await expect(inv.status()).toContainText('已重做');
  await expect(inv.field('ownerDepartment')).toHaveValue('社会保险科');

  // Search by a Chinese substring.
  await inv.search('身份证');
  await expect(inv.rows()).toHaveCount(1);
  await expect(inv.rows().first()).toHaveAttribute('data-data-id', 'SYS01-T001-F003');
  await expect(inv.total()).toContainText('1');
  await inv.search('');
  await expect(inv.rows()).toHaveCount(4);

  // The level filter narrows the grid.
  // (the resource row is there too: it rolls up to its highest item, 就高从严).
  await page.getByTestId('filter-level-一般数据2级').check();
  await expect(inv.rows()).toHaveCount(2);
  await expect(inv.row('SYS01-T001-F001')).toBeVisible();
  await expect(inv.row('SYS01-T001')).toBeVisible();
  await expect(inv.cell('SYS01-T001', 'level')).toContainText('一般数据2级');
  await page.getByTestId('filter-level-一般数据2级').uncheck();
  await expect(inv.rows()).toHaveCount(4);
  expect(problems).toEqual([]);
});

test('moves through the grid and the tree with the keyboard, selects all matching and deletes to the recycle bin', async ({ page, app }) => {
  const welcome = new WelcomePage(page);
  await welcome.goto(app.url);
  await welcome.createWorkspace({ name: '键盘清单', passphrase: PASS, role: 'unit', operator: '李四' });
  const shell = new ShellPage(page);
  await expect(shell.heading()).toHaveText('单位信息');
  await shell.goTo('inventory');
  const inv = new InventoryPage(page);
  await inv.expectShown();
  await inv.addSystem('办公系统');
  await inv.addResource({ name: '公文表', dataId: 'OA-T001' });
  await inv.addItem({ name: '标题', dataId: 'OA-T001-F001' });
  await inv.addItem({ name: '正文', dataId: 'OA-T001-F002' });
  await inv.addSystem('门户网站');
  await expect(inv.treeItem('门户网站')).toHaveAttribute('aria-selected', 'true');
  await expect(inv.rows()).toHaveCount(0);
  await expect(page.getByTestId('grid-empty')).toBeVisible();

  // Tree: focus 全部, ↓ to the first system, Enter selects it.
  const all = page.getByTestId('tree-all');
  await all.focus();
  await page.keyboard.press('Enter');
  await expect(all).toHaveAttribute('aria-selected', 'true');
  await expect(inv.rows()).toHaveCount(3);
  await page.keyboard.press('ArrowDown');
  const oa = inv.treeItem('办公系统');
  await expect(oa).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(oa).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(inv.rows()).toHaveCount(3);
  await page.keyboard.press('ArrowLeft');
  await expect(oa).toBeFocused();

  // Grid: ↓, Enter opens the details with the first field focused.
  await inv.grid().focus();
  await page.keyboard.press('ArrowDown');
  await expect(inv.grid()).toHaveAttribute('aria-activedescendant', 'inv-row-1');
  await page.keyboard.press('Enter');
  await expect(inv.field('dataId')).toBeFocused();
  await expect(inv.detail()).toHaveAttribute('data-data-id', 'OA-T001-F001');

  // Ctrl+A: all matching the filter.
  await inv.grid().focus();
  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('bulk-count')).toHaveText('已选择全部 3 条');
  await page.keyboard.press('Escape');
  await expect(inv.bulkToolbar()).toHaveCount(0);

  // Space selects the focused row; delete asks first; the recycle bin shows it and restores it.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('bulk-count')).toHaveText('已选择 1 条');
  await page.getByTestId('bulk-delete').click();
  await expect(page.getByTestId('confirm-dialog')).toBeVisible();
  await page.getByTestId('confirm-ok').click();
  await expect(inv.rows()).toHaveCount(2);
  await page.getByTestId('filter-deleted').check();
  await expect(inv.rows()).toHaveCount(1);
  await expect(inv.rows().first()).toHaveAttribute('data-data-id', 'OA-T001-F002');
  await inv.select(['OA-T001-F002']);
  await page.getByTestId('bulk-restore').click();
  await expect(page.getByTestId('grid-empty')).toBeVisible();
  await page.getByTestId('filter-deleted').uncheck();
  await expect(inv.rows()).toHaveCount(3);

  // Unsaved edits in the details survive a lock; leaving the page asks first.
  await inv.open('OA-T001-F001');
  await inv.set('ownerPerson', '王五');
  await expect(page.getByTestId('detail-dirty')).toBeVisible();
  await shell.lock();
  await new UnlockPage(page).unlock(PASS);
  await inv.expectShown();
  await expect(inv.field('ownerPerson')).toHaveValue('王五');
  await expect(page.getByTestId('detail-dirty')).toBeVisible();
  await page.getByTestId('nav-home').click();
  await expect(page.getByTestId('confirm-dialog')).toBeVisible();
  await page.getByTestId('confirm-cancel').click();
  await inv.saveAndWait();

  // English: level names and code values are translated, stored values stay Chinese.
  await shell.switchLanguage();
  await expect(shell.heading()).toHaveText('Data classification inventory');
  await inv.set('impactDegree', '一般危害');
  await expect(inv.field('impactDegree').locator('option:checked')).toHaveText('General harm');
  await inv.setImpactObjects(['个人权益']);
  await inv.save();
  await expect(inv.suggestedLevel()).toHaveText(/General data L/);
  await expect(page.getByTestId('grid-total')).toContainText('3 entries');
  await expect(inv.explanation()).toContainText('Individuals’ rights × General harm');
});
