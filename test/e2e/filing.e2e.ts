/**
 * Filing, end to end: a unit workspace with a complete profile and a small inventory made through
 * the UI; the signing key generated (from the keyboard) and its fingerprint shown in groups of
 * four; the public key exported; the bureau's key imported only once the fingerprint typed matches
 * (a wrong one is refused); an initial package made through the UI, seen in the history, and its
 * signature checked by OpenSSL 3 (`openssl dgst -sm3 -verify … -sigopt distid:1234567812345678`)
 * over tagmanifest-sm3.txt taken from the written file; then marked 未报送, and the next package
 * takes the same sequence number.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './fixtures';
import { WelcomePage } from './page-models/welcome-page';
import { ShellPage } from './page-models/shell-page';
import { ProfilePage } from './page-models/profile-page';
import { InventoryPage } from './page-models/inventory-page';
import { FilingPage } from './page-models/filing-page';
import { readZipDirectory, readZipEntry } from '../../main/services/package/zip';
import type { UnitProfile } from '../../main/domain/profile';

const PASS = '备案口令-2026';
const PROFILE: Partial<UnitProfile> = {
  unitName: '某某区卫生健康委员会',
  uscc: '91110000600037341L',
  unitType: '机关',
  competentDepartment: '某某区人民政府',
  address: '某某市某某区人民路1号',
  officerName: '张三',
  officerTitle: '副主任',
  officerPhone: '13800138000',
  officerEmail: 'zhangsan@example.gov.cn',
  managementBody: '网络与数据安全科',
  preparerName: '李四',
  preparerPhone: '010-62345678',
  filingKind: '首次报送',
  filingDate: '2026-11-20',
};

function openssl(args: string[], input?: Buffer) {
  const r = spawnSync('openssl', args, { input, encoding: 'buffer' });
  return { status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), out: r.stdout };
}

/** One file of the bag inside the package zip (under its base directory). */
function bagFile(zip: Buffer, name: string): Buffer {
  const dir = readZipDirectory(zip);
  expect(dir.problems).toEqual([]);
  const e = dir.entries.find((x) => x.name.endsWith(`/${name}`) && x.name.split('/').length === 2);
  if (!e) throw new Error(`${name} not in the package`);
  const r = readZipEntry(zip, e);
  if ('problem' in r) throw new Error(JSON.stringify(r.problem));
  return r.data;
}

test('generates the key, confirms the bureau key by fingerprint, exports a package that OpenSSL verifies, and marks it as not sent', async ({ page, app, tmp }) => {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));

  const welcome = new WelcomePage(page);
  await welcome.goto(app.url);
  await welcome.createWorkspace({ name: '区卫健委', passphrase: PASS, role: 'unit', operator: '张三' });
  const shell = new ShellPage(page);
  const profile = new ProfilePage(page);
  await profile.expectShown();
  await profile.fill(PROFILE);
  await profile.save();
  await expect(profile.status()).toContainText('已保存');

  await shell.goTo('inventory');
  const inv = new InventoryPage(page);
  await inv.expectShown();
  await inv.addSystem('医院信息系统');
  await inv.addResource({ name: '患者基本信息表', dataId: 'SYS01-T001', description: '门诊患者的基本信息' });
  await inv.addItem({ name: '联系电话', dataId: 'SYS01-T001-F001', code: 'mobile', description: '患者本人的手机号码' });

  // ---- the filing area: no key yet; generated from the keyboard
  await shell.goTo('filing');
  const filing = new FilingPage(page);
  await filing.expectShown();
  await expect(page.getByTestId('nav-filing')).not.toHaveClass(/nav-soon/);
  await expect(filing.historyRows()).toHaveCount(0);
  await page.getByTestId('filing-key-generate').focus();
  await page.keyboard.press('Enter');
  const fpShown = page.getByTestId('filing-own-fingerprint');
  await expect(fpShown).toBeVisible();
  const fingerprint = (await fpShown.getAttribute('data-fingerprint'))!;
  expect(fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
  await expect(fpShown.locator('.filing-fp-group')).toHaveCount(16);
  await expect(fpShown).toHaveText(fingerprint.replace(/ /g, ''));

  // ---- the public key: exported through the UI, readable by OpenSSL, with this fingerprint
  const pubPem = path.join(tmp, 'unit-public.pem');
  await filing.exportPublicKey(pubPem);
  const der = openssl(['pkey', '-pubin', '-in', pubPem, '-outform', 'DER']);
  expect(der.status).toBe(0);
  const dgst = openssl(['dgst', '-sm3', '-r'], der.out);
  expect(dgst.stdout.slice(0, 64).toUpperCase()).toBe(fingerprint.replace(/ /g, ''));

  // ---- the bureau's key: a wrong fingerprint is refused, the right one (any case, no spaces) imports
  const bureauKey = path.join(tmp, 'bureau.key');
  const bureauPem = path.join(tmp, 'bureau.pem');
  expect(openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', bureauKey]).status).toBe(0);
  expect(openssl(['pkey', '-in', bureauKey, '-pubout', '-out', bureauPem]).status).toBe(0);
  const bureauFp = openssl(['dgst', '-sm3', '-r'], openssl(['pkey', '-pubin', '-in', bureauPem, '-outform', 'DER']).out).stdout.slice(0, 64);
  const wrong = (bureauFp[0] === 'a' ? 'b' : 'a') + bureauFp.slice(1);
  await filing.importBureauKey(bureauPem, wrong);
  await expect(page.getByTestId('filing-bureau-error')).toContainText('指纹');
  await expect(page.getByTestId('filing-bureau-none')).toBeVisible();
  await expect(page.getByTestId('filing-bureau-read-fingerprint')).toHaveAttribute('data-fingerprint', bureauFp.toUpperCase().match(/.{4}/g)!.join(' '));
  await page.getByTestId('filing-bureau-typed').fill(bureauFp);
  await page.getByTestId('filing-bureau-import').click();
  await expect(page.getByTestId('filing-bureau-status')).toContainText('已导入');
  await expect(page.getByTestId('filing-bureau-key')).toHaveCount(1);
  // Sealing is on by default once a bureau key is known.
  await expect(page.getByTestId('filing-seal')).toBeChecked();

  // ---- the quality check is shown before building
  const quality = page.getByTestId('filing-quality');
  await expect(quality).toHaveAttribute('data-errors', /^\d+$/);
  if (Number(await quality.getAttribute('data-errors')) > 0) await expect(page.getByTestId('filing-quality-warning')).toBeVisible();

  // ---- an initial package, not sealed (so anyone can check it), through the UI
  const out = path.join(tmp, 'out', 'p1.dsp');
  fs.mkdirSync(path.dirname(out));
  await filing.build({ kind: 'initial', path: out, seal: false });
  await expect(filing.result()).toBeVisible();
  await expect(filing.result()).toHaveAttribute('data-sequence', '1');
  const digest = (await filing.result().getAttribute('data-digest'))!;
  expect(digest).toMatch(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId('filing-result-path')).toHaveText(out);
  await expect(filing.historyRows()).toHaveCount(1);
  await expect(filing.historyRows().first()).toHaveAttribute('data-digest', digest);
  await expect(filing.historyRows().first()).toHaveAttribute('data-status', 'filed');
  await expect(filing.historyRows().first()).toContainText('首次报送');

  // ---- OpenSSL 3 verifies the signature over tagmanifest-sm3.txt taken from the written file
  const zip = fs.readFileSync(out);
  const tm = path.join(tmp, 'tagmanifest-sm3.txt');
  const sig = path.join(tmp, 'signature.der');
  fs.writeFileSync(tm, bagFile(zip, 'tagmanifest-sm3.txt'));
  fs.writeFileSync(sig, bagFile(zip, 'signature.der'));
  const ok = openssl(['dgst', '-sm3', '-verify', pubPem, '-sigopt', 'distid:1234567812345678', '-signature', sig, tm]);
  expect(ok.stdout).toContain('Verified OK');
  expect(ok.status).toBe(0);
  expect(openssl(['dgst', '-sm3', '-r', tm]).stdout.slice(0, 64)).toBe(digest);
  fs.appendFileSync(tm, ' ');
  expect(openssl(['dgst', '-sm3', '-verify', pubPem, '-sigopt', 'distid:1234567812345678', '-signature', sig, tm]).status).not.toBe(0);

  // ---- 未报送: the package never reached the bureau; the next one takes sequence 1 again
  await page.getByTestId('filing-withdraw').click();
  await page.getByTestId('filing-withdraw-reason').fill('U 盘遗失');
  await page.getByTestId('filing-withdraw-confirm').click();
  await expect(page.getByTestId('filing-history-status')).toContainText('未报送');
  await expect(filing.historyRows().first()).toHaveAttribute('data-status', 'withdrawn');
  const out2 = path.join(tmp, 'out', 'p1-again.dsp');
  await filing.build({ kind: 'initial', path: out2 });
  await expect(filing.result()).toHaveAttribute('data-path', out2);
  await expect(filing.result()).toHaveAttribute('data-sequence', '1');
  await expect(filing.historyRows()).toHaveCount(2);
  await expect(filing.historyRows().first()).toHaveAttribute('data-status', 'filed');
  // Sealed for the bureau by default: the outer file names the recipient.
  const sealed = fs.readFileSync(out2);
  expect(readZipDirectory(sealed).entries.map((e) => e.name).sort()).toEqual(['datasteward-sealed.json', 'payload.sm4']);

  expect(problems).toEqual([]);
});
