/** Keyboard only: an officer who does not use a mouse can create a workspace and save the profile. */
import { test, expect } from './fixtures';

test('creates a workspace and saves the profile with the keyboard alone', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByTestId('welcome')).toBeVisible();

  // Tab until 新建工作区 has focus, then Enter.
  for (let i = 0; i < 10 && !(await page.getByTestId('welcome-create').evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(page.getByTestId('welcome-create')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('create-page')).toBeVisible();

  // The form fields are reachable in order; typing and Enter submits.
  await page.locator('#create-name').focus();
  await page.keyboard.type('键盘单位');
  await page.keyboard.press('Tab');
  await expect(page.locator('#create-path')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.locator('#create-passphrase')).toBeFocused();
  await page.keyboard.type('keyboard-pass-1');
  await page.keyboard.press('Tab');
  await expect(page.locator('#create-passphrase-confirm')).toBeFocused();
  await page.keyboard.type('keyboard-pass-1');
  await page.keyboard.press('Enter');

  // After creation focus lands on the page heading of 单位信息.
  await expect(page.getByTestId('page-heading')).toHaveText('单位信息');
  await expect(page.getByTestId('page-heading')).toBeFocused();

  await page.locator('#profile-unitName').focus();
  await page.keyboard.type('键盘单位');
  await page.keyboard.press('Tab');
  await expect(page.locator('#profile-uscc')).toBeFocused();
  await page.keyboard.type('91310115MA1K3BTP2B');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('profile-status')).toContainText('已保存');

  // The skip link is the first tab stop of the page and moves focus to the main content.
  const firstStop = await page.evaluate(() => {
    const first = document.querySelector<HTMLElement>('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])');
    return first?.dataset.testid;
  });
  expect(firstStop).toBe('skip-link');
  await page.getByTestId('skip-link').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
  // Navigation works from the keyboard: focus the 审计日志 entry and press Enter.
  await page.getByTestId('nav-audit').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('page-heading')).toHaveText('审计日志');
  await expect(page.getByTestId('audit-row')).toHaveCount(2);
});
