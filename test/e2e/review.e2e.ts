/**
 * Both sides of a filing, end to end, on two browser hosts (a unit's and a bureau's, each with its
 * own workspace): the unit files an initial package; the bureau registers the unit's key by typing
 * its fingerprint (a wrong one is refused first), takes the package in, returns two items with
 * comments from the keyboard worklist, decides 退回修改 and issues a receipt; the unit imports the
 * receipt, sees the comments on the two entries, fixes them and files a change package; the bureau
 * sees exactly those two changes, accepts (已备案) and issues a receipt; the unit sees 已备案.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, startHost, SCREENSHOT_DIR, type AppHost } from './fixtures';
import { WelcomePage } from './page-models/welcome-page';
import { ShellPage } from './page-models/shell-page';
import { ProfilePage } from './page-models/profile-page';
import { InventoryPage } from './page-models/inventory-page';
import { ReviewPage, ReceiptPanel, FilingPanel } from './page-models/review-page';
import { VALID_PROFILE } from '../helpers/fixtures';

const PASS = '审核口令-2026';
const UNIT = { ...VALID_PROFILE, unitName: '某区卫生健康委员会' };

async function shot(p: Page, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await p.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** A call to the page's own backend (the secret is the one the page keeps): setup steps only. */
async function api<T = unknown>(page: Page, channel: string, input: unknown): Promise<T> {
  const r = await page.evaluate(
    async ({ channel, input }) => {
      const secret = sessionStorage.getItem('ds.secret');
      const res = await fetch('/api/invoke', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` }, body: JSON.stringify({ channel, input }) });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string; message_en: string } };
    },
    { channel, input },
  );
  if (!r.ok) throw new Error(`${channel}: ${r.error?.code} ${r.error?.message_en}`);
  return r.value as T;
}

test('a unit files, the bureau returns two items with comments, the unit fixes them, and the bureau accepts exactly those changes', async ({ page, app, tmp, browser }) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  const exchange = path.join(tmp, 'exchange');
  fs.mkdirSync(exchange, { recursive: true });
  const bureauHost: AppHost = await startHost(path.join(tmp, 'bureau-host'));
  const bureauContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  const bpage = await bureauContext.newPage();
  for (const p of [page, bpage]) {
    p.on('pageerror', (e) => problems.push(e.message));
    p.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
  }

  try {
    // ---- The unit: a workspace with a complete profile, a small inventory and a signing key.
    await new WelcomePage(page).goto(app.url);
    await new WelcomePage(page).createWorkspace({ name: UNIT.unitName, passphrase: PASS, role: 'unit', operator: '张三' });
    const ushell = new ShellPage(page);
    await expect(ushell.heading()).toHaveText('单位信息');
    const profile = new ProfilePage(page);
    await profile.fill(UNIT);
    await profile.save();
    await expect(profile.status()).toBeVisible();
    await api(page, 'demo.generate', { items: 24, seed: 7 });
    // Its key, made and exported in 备案.
    const filing = new FilingPanel(page);
    await ushell.goTo('filing');
    const unitKey = { fingerprint: await filing.generateKey() };
    const unitPem = path.join(exchange, 'unit.pem');
    await filing.exportPublicKey(unitPem);

    // ---- The bureau: its workspace and key; the unit's key registered after typing the fingerprint.
    await new WelcomePage(bpage).goto(bureauHost.url);
    await new WelcomePage(bpage).createWorkspace({ name: '某区数据局', passphrase: PASS, role: 'bureau', operator: '王五' });
    await expect(new ShellPage(bpage).role()).toHaveAttribute('data-role', 'bureau');
    const review = new ReviewPage(bpage);
    await review.open('trust');
    const bureauPem = path.join(exchange, 'bureau.pem');
    const bureauFingerprint = await review.ensureOwnKey(bureauPem);

    // A misread fingerprint is refused and nothing is registered.
    const wrong = unitKey.fingerprint.replace(/^(.)/, (c) => (c === 'A' ? 'B' : 'A'));
    await review.registerUnit({ uscc: UNIT.uscc, name: UNIT.unitName, pemFile: unitPem, fingerprint: wrong, contactName: UNIT.officerName });
    await expect(review.fingerprintError()).toContainText('指纹不一致');
    await expect(review.dialog()).toBeVisible();
    // Read back correctly (lower case, without spaces: a person may type it so).
    await review.typeFingerprint(unitKey.fingerprint.replace(/\s/g, '').toLowerCase());
    await expect(review.dialog()).toBeHidden();
    await expect(review.unit(UNIT.uscc).getByTestId('trust-key')).toHaveAttribute('data-retired', 'false');

    // ---- The unit confirms the bureau key, and files its initial package (sealed to the bureau).
    await filing.importBureauKey(bureauPem, bureauFingerprint);
    const initialPkg = path.join(exchange, 'initial.dsp');
    await filing.build('initial', initialPkg);

    // ---- The bureau takes it in and reviews it.
    await review.tab('intake');
    await review.intake([initialPkg]);
    await expect(review.result('initial.dsp')).toHaveAttribute('data-outcome', 'accepted');
    await expect(review.result('initial.dsp')).toContainText(UNIT.unitName);
    await review.openReviewFrom('initial.dsp');
    await expect(bpage.getByTestId('review-sequence')).toHaveText('1');
    await expect(bpage.getByTestId('review-base')).toContainText('首次备案');
    await review.reviewTab('flags');
    await expect(bpage.getByTestId('worklist-help')).toContainText('a 通过');
    await review.showAllEntries();

    // Two items, picked from the list: the first two item rows (resources carry no item name).
    const ids = await review.workRows().evaluateAll((rows) => rows.map((r) => ({ id: r.getAttribute('data-data-id') ?? '', resource: r.classList.contains('rv-row-resource') })));
    const items = ids.filter((r) => r.id && !r.resource).map((r) => r.id);
    expect(items.length).toBeGreaterThanOrEqual(3);
    const [first, second, third] = items as [string, string, string];
    const comments: Record<string, string> = { [first]: '描述过于笼统，请写明该数据项的具体内容。', [second]: '请补充数据项描述，说明采集来源。' };

    // Keyboard: move to the item, r, the comment, Enter; the cursor moves on.
    await review.moveTo(first);
    await review.returnWithComment(comments[first]!);
    await expect(review.workRow(first)).toHaveAttribute('data-decision', 'return');
    await review.moveTo(second);
    await review.returnWithComment(comments[second]!);
    await expect(review.workRow(second)).toHaveAttribute('data-decision', 'return');
    // a accepts the row under the cursor.
    await review.moveTo(third);
    await bpage.keyboard.press('a');
    await expect(review.workRow(third)).toHaveAttribute('data-decision', 'accept');
    // A return without a comment is not saved: the comment box asks for one.
    await bpage.keyboard.press('r');
    await bpage.keyboard.press('Enter');
    await expect(bpage.getByTestId('review-comment-error')).toBeVisible();
    await bpage.keyboard.press('Escape');
    await expect(review.worklist()).toBeFocused();
    await expect(bpage.getByTestId('review-progress')).toHaveAttribute('data-returned', '2');
    await shot(bpage, 'review - the keyboard worklist with two items returned');

    await review.decide('returned', '请按逐项意见修改后重新报送。');
    const receipt1 = path.join(exchange, 'receipt-1.dsp');
    await review.issueReceipt(receipt1);

    // ---- The unit imports the receipt and sees the two comments, in 备案 and in the 清单.
    await ushell.goTo('filing');
    const receipts = new ReceiptPanel(page);
    await expect(receipts.root()).toBeVisible();
    await receipts.importReceipt(receipt1);
    await expect(receipts.latestStatus()).toHaveAttribute('data-status', 'returned');
    for (const id of [first, second]) await expect(receipts.returned(id)).toContainText(comments[id]!);
    await expect(page.getByTestId('receipt-returned-entry')).toHaveCount(2);

    // The 清单's 被退回 filter shows exactly those two.
    const inv = new InventoryPage(page);
    await ushell.goTo('inventory');
    await page.getByTestId('filter-returned').check();
    await expect(inv.rows()).toHaveCount(2);
    expect((await inv.rows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-data-id')))).sort()).toEqual([first, second].sort());
    await page.getByTestId('filter-returned').uncheck();
    await expect(inv.rows()).not.toHaveCount(2);

    // Fix each from its comment: open it in the 清单 (the comment shows there too) and describe it.
    for (const id of [first, second]) {
      await ushell.goTo('filing');
      await receipts.returned(id).getByTestId('receipt-open-entry').click();
      await expect(page.getByTestId('nav-inventory')).toHaveAttribute('aria-current', 'page');
      await expect(inv.detail()).toHaveAttribute('data-data-id', id);
      await expect(receipts.entryStatus()).toHaveAttribute('data-decision', 'return');
      await expect(page.getByTestId('entry-receipt-comment')).toHaveText(comments[id]!);
      await inv.set('description', `已按区数据局意见补充：${id} 的具体内容与采集来源。`);
      await inv.save();
      await expect(page.getByTestId('detail-dirty')).toHaveCount(0);
    }

    // ---- The unit files the change package.
    const changePkg = path.join(exchange, 'change.dsp');
    await ushell.goTo('filing');
    await filing.build('change', changePkg);

    // ---- The bureau sees exactly those two changes, and accepts.
    await review.open('intake');
    await review.intake([changePkg]);
    await expect(review.result('change.dsp')).toHaveAttribute('data-outcome', 'accepted');
    await review.openReviewFrom('change.dsp');
    await expect(bpage.getByTestId('review-sequence')).toHaveText('2');
    await review.reviewTab('changes');
    await expect(bpage.getByTestId('diff')).toHaveAttribute('data-total', '2');
    await expect(bpage.getByTestId('diff-count-changed-items')).toHaveAttribute('data-count', '2');
    for (const k of ['added-resources', 'added-items', 'removed-resources', 'removed-items', 'changed-resources', 'catalog', 'raised', 'lowered'])
      await expect(bpage.getByTestId(`diff-count-${k}`)).toHaveAttribute('data-count', '0');
    await expect(review.diffRows()).toHaveCount(2);
    expect((await review.diffRows().evaluateAll((rows) => rows.map((r) => r.getAttribute('data-data-id')))).sort()).toEqual([first, second].sort());
    for (const row of await review.diffRows().all()) await expect(row).toHaveAttribute('data-fields', 'description');
    // The two fixed items are accepted one by one from the keyboard, then the filing.
    await review.reviewTab('flags');
    await review.showAllEntries();
    for (const id of [first, second]) {
      await review.moveTo(id);
      await bpage.keyboard.press('a');
      await expect(review.workRow(id)).toHaveAttribute('data-decision', 'accept');
    }
    // The rest in one go, after confirming.
    await bpage.getByTestId('worklist-accept-rest').click();
    await expect(bpage.getByTestId('confirm-dialog')).toContainText('25');
    await bpage.getByTestId('confirm-ok').click();
    await expect(bpage.getByTestId('worklist-status')).toContainText('25');
    await expect(review.workRows().and(bpage.locator('[data-decision=""]'))).toHaveCount(0);
    await review.decide('accepted');
    const receipt2 = path.join(exchange, 'receipt-2.dsp');
    await review.issueReceipt(receipt2);

    // ---- The unit sees 已备案.
    await ushell.goTo('filing');
    await receipts.importReceipt(receipt2);
    await expect(receipts.latestStatus()).toHaveAttribute('data-status', 'accepted');
    await expect(page.getByTestId('receipt-latest-status')).toHaveText('已备案');
    await expect(page.getByTestId('receipt-returned-entry')).toHaveCount(0);
    // The history of outcomes: the first filing returned, the change accepted.
    await expect(page.locator('[data-testid="receipt-outcome"][data-sequence="1"]')).toHaveAttribute('data-status', 'returned');
    await expect(page.locator('[data-testid="receipt-outcome"][data-sequence="2"]')).toHaveAttribute('data-status', 'accepted');
    // And in the 清单, the fixed item now shows the bureau's acceptance.
    await ushell.goTo('inventory');
    await inv.open(first);
    await expect(receipts.entryStatus()).toHaveAttribute('data-decision', 'accept');
    await expect(receipts.entryStatus()).toHaveAttribute('data-sequence', '2');

    // ---- The bureau's other pages: both versions compared, the district view, the key retired.
    await review.tab('versions');
    await expect(bpage.getByTestId('versions-unit')).toHaveValue(UNIT.uscc);
    await expect(bpage.getByTestId('versions-diff')).toHaveAttribute('data-total', '2');
    await review.tab('district');
    await expect(bpage.getByTestId('district-units')).toHaveAttribute('data-count', '1');
    await expect(bpage.getByTestId('district-items')).toHaveAttribute('data-count', '24');
    await expect(bpage.getByTestId('chart-levels')).toBeVisible();
    // The chart is saved by the backend where the user chose (as in the desktop window).
    const pngFile = path.join(exchange, 'levels.png');
    await bpage.locator('#chart-levels-path').fill(path.join(exchange, 'levels.jpg'));
    await bpage.getByTestId('chart-levels-png').click();
    await expect(bpage.getByTestId('district-png-error')).toContainText('.png');
    await bpage.locator('#chart-levels-path').fill(pngFile);
    await bpage.getByTestId('chart-levels-png').click();
    await expect(bpage.getByTestId('district-png-status')).toContainText(pngFile);
    await expect(bpage.getByTestId('district-png-error')).toHaveCount(0);
    expect(fs.readFileSync(pngFile).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(fs.existsSync(path.join(exchange, 'levels.jpg'))).toBe(false);
    await shot(bpage, 'review - the district view');
    fs.copyFileSync(pngFile, path.join(SCREENSHOT_DIR, 'review - district chart exported as PNG.png'));
    const xlsx = path.join(exchange, 'catalog.xlsx');
    await bpage.locator('#catalog-export-path').fill(xlsx);
    await bpage.getByTestId('catalog-export').click();
    await expect(bpage.getByTestId('catalog-export-status')).toContainText(xlsx);
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    await review.tab('trust');
    await review.unit(UNIT.uscc).getByTestId('trust-key-retire').click();
    await bpage.getByTestId('confirm-ok').click();
    await expect(review.unit(UNIT.uscc).getByTestId('trust-key')).toHaveAttribute('data-retired', 'true');

    expect(problems).toEqual([]);
  } finally {
    await shot(bpage, 'review - the bureau side at the end').catch(() => undefined);
    await bureauContext.close();
    bureauHost.process.kill('SIGTERM');
    await new Promise((r) => bureauHost.process.once('exit', r));
  }
});

test('intake: an unknown signer is registered only with the right fingerprint typed, a replay is refused, and an announced key change is applied after confirmation', async ({ page, app, tmp, browser }) => {
  test.setTimeout(90_000);
  const exchange = path.join(tmp, 'exchange');
  fs.mkdirSync(exchange, { recursive: true });
  const bureauHost = await startHost(path.join(tmp, 'bureau-host'));
  const bureauContext = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
  const bpage = await bureauContext.newPage();
  try {
    // A unit with a key and a plain (unsealed) initial package; set up through its API.
    await new WelcomePage(page).goto(app.url);
    await new WelcomePage(page).createWorkspace({ name: UNIT.unitName, passphrase: PASS, role: 'unit', operator: '张三' });
    await expect(new ShellPage(page).heading()).toHaveText('单位信息');
    await api(page, 'profile.save', { profile: UNIT });
    await api(page, 'demo.generate', { items: 6, seed: 3 });
    const key = await api<{ fingerprint: string }>(page, 'keys.generate', {});
    const pkg = path.join(exchange, 'first.dsp');
    await api(page, 'package.build', { kind: 'initial', outPath: pkg, seal: false });

    await new WelcomePage(bpage).goto(bureauHost.url);
    await new WelcomePage(bpage).createWorkspace({ name: '某区数据局', passphrase: PASS, role: 'bureau', operator: '王五' });
    const review = new ReviewPage(bpage);
    await review.open('intake');
    await review.intakeChosen(exchange, ['first.dsp']);
    const result = review.result('first.dsp');
    await expect(result).toHaveAttribute('data-outcome', 'refused');
    await expect(result).toHaveAttribute('data-codes', /PKG_UNKNOWN_SIGNER/);
    await expect(result).toContainText(UNIT.unitName);

    // The dialog shows who the package says it is from; a wrong fingerprint registers nothing.
    await result.getByTestId('intake-register').click();
    const dialog = bpage.getByTestId('register-dialog');
    await expect(dialog).toBeVisible();
    await expect(bpage.getByTestId('register-uscc')).toHaveText(UNIT.uscc);
    await expect(bpage.getByTestId('register-package-fingerprint')).toHaveText(key.fingerprint);
    await expect(bpage.locator('#register-fingerprint')).toBeFocused();
    await bpage.keyboard.type('0000 1111 2222 3333 4444 5555 6666 7777 8888 9999 AAAA BBBB CCCC DDDD EEEE FFFF');
    await bpage.keyboard.press('Enter');
    await expect(bpage.getByTestId('register-error')).toContainText('指纹不一致');
    await bpage.locator('#register-fingerprint').fill(key.fingerprint);
    await bpage.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(result).toHaveAttribute('data-outcome', 'accepted');
    await expect(bpage.getByTestId('intake-status')).toContainText('已登记');

    // The same package again: refused as a replay; still one filing.
    await review.intake([pkg]);
    await expect(review.result('first.dsp')).toHaveAttribute('data-outcome', 'refused');
    await expect(review.result('first.dsp')).toHaveAttribute('data-codes', /PKG_REPLAY/);
    await review.tab('filings');
    await expect(bpage.getByTestId('review-filing-row')).toHaveCount(1);
    await review.tab('trust');
    await expect(review.unit(UNIT.uscc).getByTestId('trust-key')).toHaveAttribute('data-fingerprint', key.fingerprint);

    // The unit announces a new key in its next package (signed with the current one); the bureau
    // applies it once the new fingerprint is typed: the new key active, the old one retired.
    const next = path.join(exchange, 'second.dsp');
    await api(page, 'package.build', { kind: 'change', outPath: next, seal: false, rotateKey: true });
    const rotated = (await api<{ own: { fingerprint: string } }>(page, 'keys.status', {})).own.fingerprint;
    expect(rotated).not.toBe(key.fingerprint);
    await review.tab('intake');
    await review.intake([next]);
    await expect(review.result('second.dsp')).toHaveAttribute('data-outcome', 'accepted');
    await review.tab('trust');
    await bpage.getByTestId('trust-rotation-apply').click();
    await expect(bpage.getByTestId('rotation-new-fingerprint')).toHaveText(rotated);
    await expect(bpage.locator('#trust-fingerprint')).toBeFocused();
    await bpage.keyboard.type(rotated);
    await bpage.keyboard.press('Enter');
    await expect(bpage.getByTestId('rotation-dialog')).toBeHidden();
    await expect(bpage.getByTestId('trust-rotation')).toHaveCount(0);
    await expect(review.unit(UNIT.uscc).locator(`[data-testid="trust-key"][data-fingerprint="${rotated}"]`)).toHaveAttribute('data-retired', 'false');
    await expect(review.unit(UNIT.uscc).locator(`[data-testid="trust-key"][data-fingerprint="${key.fingerprint}"]`)).toHaveAttribute('data-retired', 'true');

    // English second.
    await new ShellPage(bpage).switchLanguage();
    await expect(bpage.getByTestId('review-tab-trust')).toHaveText('Trust registry');
    await expect(bpage.getByTestId('page-heading')).toHaveText('Trust registry');
    await shot(bpage, 'review - trust registry in English after a key change');
  } finally {
    await bureauContext.close();
    bureauHost.process.kill('SIGTERM');
    await new Promise((r) => bureauHost.process.once('exit', r));
  }
});
