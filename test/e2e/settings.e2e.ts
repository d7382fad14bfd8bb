/** Settings a user relies on: changing the passphrase, and the language switch. */
import { test, expect } from './fixtures';
import { WelcomePage } from './page-models/welcome-page';
import { ShellPage } from './page-models/shell-page';
import { SettingsPage } from './page-models/settings-page';
import { UnlockPage } from './page-models/unlock-page';

const PASS = 'first-passphrase-1';
const NEXT = 'second-passphrase-2';

test('after changing the passphrase, the old one no longer unlocks and the new one does', async ({ page, app }) => {
  const welcome = new WelcomePage(page);
  await welcome.goto(app.url);
  await welcome.createWorkspace({ name: '丙单位', passphrase: PASS, role: 'unit', operator: '张三' });
  const shell = new ShellPage(page);
  await shell.goTo('settings');
  const settings = new SettingsPage(page);
  await settings.changePassphrase('not-the-passphrase', NEXT);
  await expect(settings.error()).toContainText('当前口令不正确');
  await settings.changePassphrase(PASS, NEXT);
  await expect(settings.done()).toBeVisible();

  await shell.lock();
  const unlock = new UnlockPage(page);
  await unlock.unlock(PASS);
  await expect(unlock.error()).toBeVisible();
  await unlock.unlock(NEXT);
  await expect(shell.workspaceName()).toHaveText('丙单位');
});

test('switches the whole interface to English and back to Chinese', async ({ page, app }) => {
  const welcome = new WelcomePage(page);
  await welcome.goto(app.url);
  await welcome.createWorkspace({ name: '丁单位', passphrase: PASS, role: 'unit', operator: '张三' });
  const shell = new ShellPage(page);
  await shell.switchLanguage();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(shell.heading()).toHaveText('Unit profile');
  await expect(page.getByTestId('nav-audit')).toContainText('Audit log');
  // Backend messages follow the language too.
  await page.locator('#profile-uscc').fill('A1110000600037341L');
  await page.locator('#profile-uscc').blur();
  await expect(page.getByTestId('field-error-uscc')).toContainText('Check character');
  await shell.switchLanguage();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(shell.heading()).toHaveText('单位信息');
});
