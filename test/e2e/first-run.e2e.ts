/** The first run of a new officer: workspace, passphrase, role, unit profile; lock and unlock. */
import path from 'node:path';
import fs from 'node:fs';
import { test, expect } from './fixtures';
import { WelcomePage } from './page-models/welcome-page';
import { ShellPage } from './page-models/shell-page';
import { ProfilePage } from './page-models/profile-page';
import { UnlockPage } from './page-models/unlock-page';
import { AuditPage } from './page-models/audit-page';
import type { UnitProfile } from '../../main/domain/profile';

const PASS = '正确的口令-2026';

const PROFILE: Partial<UnitProfile> & { unitName: string; officerPhone: string } = {
  unitName: '上海市某区卫生健康委员会',
  unitType: '机关',
  competentDepartment: '区人民政府',
  address: '上海市某区某路100号',
  officerName: '李四',
  officerTitle: '副主任',
  officerPhone: '13800138000',
  officerEmail: 'lisi@example.gov.cn',
  managementBody: '信息中心',
  preparerName: '王五',
  preparerPhone: '021-62345678',
  filingKind: '首次报送',
  filingDate: '2026-11-20',
};

test('creates a workspace, fixes a bad credit code, saves the profile, locks, unlocks and sees it again', async ({ page, app }) => {
  const welcome = new WelcomePage(page);
  await welcome.goto(app.url);
  // The UI is in Chinese by default, and the secret has left the address bar.
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(welcome.heading()).toHaveText('数据分类分级备案工作台');
  expect(page.url()).not.toContain('#k=');

  await welcome.createWorkspace({ name: '区卫健委', passphrase: PASS, role: 'unit', operator: '张三' });
  const shell = new ShellPage(page);
  const profile = new ProfilePage(page);
  await profile.expectShown();
  await expect(shell.heading()).toHaveText('单位信息');
  await expect(shell.workspaceName()).toHaveText('区卫健委');
  await expect(shell.role()).toHaveText('填报单位');
  const file = path.join(app.workspaceDir, '区卫健委.dsw');
  expect(fs.existsSync(file)).toBe(true);

  await profile.fill(PROFILE);
  await profile.set('uscc', '91110000600037341N');
  await expect(profile.errorFor('uscc')).toBeVisible();
  await expect(profile.errorFor('uscc')).toContainText('校验位错误');
  await expect(profile.field('uscc')).toHaveAttribute('aria-invalid', 'true');

  // Saving with the error is refused; nothing is written.
  await profile.save();
  await expect(profile.errorFor('uscc')).toBeVisible();

  // Full-width characters and spaces are normalised.
  await profile.set('uscc', '９１１１ 0000 6000 3734 1L');
  await expect(profile.errorFor('uscc')).toHaveCount(0);
  await profile.save();
  await expect(profile.status()).toContainText('已保存');
  await expect(profile.field('uscc')).toHaveValue('91110000600037341L');

  await shell.lock();
  const unlock = new UnlockPage(page);
  await unlock.unlock('这不是口令-0000');
  await expect(unlock.error()).toContainText('口令错误');
  await unlock.unlock(PASS);

  await shell.goTo('profile');
  await expect(profile.field('unitName')).toHaveValue(PROFILE.unitName);
  await expect(profile.field('uscc')).toHaveValue('91110000600037341L');
  await expect(profile.field('officerPhone')).toHaveValue(PROFILE.officerPhone);
  await expect(profile.field('filingKind')).toHaveValue('首次报送');
  await expect(profile.field('filingDate')).toHaveValue('2026-11-20');

  // The audit log holds the creation, the profile change and the unlock, and its chain is whole.
  await shell.goTo('audit');
  const audit = new AuditPage(page);
  await expect(audit.rows()).toHaveCount(3);
  await expect(page.getByTestId('audit-table')).toContainText('91110000600037341L');
  await expect(await audit.verify()).toContainText('完整');

  // The profile text is nowhere in the file on disk: it is encrypted.
  for (const f of [file, `${file}-wal`]) {
    if (!fs.existsSync(f)) continue;
    const bytes = fs.readFileSync(f);
    expect(bytes.includes(Buffer.from(PROFILE.unitName))).toBe(false);
    expect(bytes.includes(Buffer.from('91110000600037341L'))).toBe(false);
  }
});

test('a bureau workspace starts at the home page, with the bureau role', async ({ page, app }) => {
  const welcome = new WelcomePage(page);
  await welcome.goto(app.url);
  await welcome.createWorkspace({ name: '某区数据局', passphrase: PASS, role: 'bureau', operator: '赵六' });
  const shell = new ShellPage(page);
  await expect(shell.role()).toHaveText('区数据局');
  await expect(page.getByTestId('home-page')).toBeVisible();
});

test('opens an existing workspace from the recent list after closing it', async ({ page, app }) => {
  const welcome = new WelcomePage(page);
  await welcome.goto(app.url);
  await welcome.createWorkspace({ name: '甲单位', passphrase: PASS, role: 'unit', operator: '张三' });
  const shell = new ShellPage(page);
  await shell.lock();
  await new UnlockPage(page).close();
  await expect(page.getByTestId('welcome')).toBeVisible();
  await expect(welcome.recentItems()).toHaveCount(1);
  await welcome.recentItems().first().getByTestId('recent-open').click();
  await page.locator('#open-passphrase').fill(PASS);
  await page.getByTestId('open-submit').click();
  await expect(shell.workspaceName()).toHaveText('甲单位');
});

test('refuses to create a workspace with a short passphrase and says why next to the field', async ({ page, app }) => {
  const welcome = new WelcomePage(page);
  await welcome.goto(app.url);
  await welcome.createWorkspace({ name: '乙单位', passphrase: 'short', role: 'unit', operator: '张三' });
  await expect(page.getByTestId('field-error-create-passphrase')).toContainText('至少');
  await expect(page.getByTestId('create-page')).toBeVisible();
  expect(fs.existsSync(path.join(app.workspaceDir, '乙单位.dsw'))).toBe(false);
});
