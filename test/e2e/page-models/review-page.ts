/**
 * 审核 (bureau): trust registry, intake, the review of one filing with its keyboard worklist, the
 * decision and the receipt; and, on the unit side, importing a receipt (回执) and seeing each
 * entry's status.
 */
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

export type ReviewPageName = 'filings' | 'intake' | 'trust' | 'district' | 'versions';

export class ReviewPage {
  constructor(readonly page: Page) {}

  async open(sub: ReviewPageName = 'filings') {
    await this.page.getByTestId('nav-review').click();
    await expect(this.page.getByTestId('review-page')).toBeVisible();
    await this.tab(sub);
  }

  async tab(sub: ReviewPageName) {
    await this.page.getByTestId(`review-tab-${sub}`).click();
    await expect(this.page.getByTestId('review-page')).toHaveAttribute('data-page', sub);
  }

  // ---- trust registry

  /** Generate the bureau's key (when it has none) and export its public key; returns the fingerprint shown. */
  async ensureOwnKey(pemPath: string): Promise<string> {
    const gen = this.page.getByTestId('own-key-generate');
    await expect(gen.or(this.page.getByTestId('own-key-fingerprint'))).toBeVisible();
    if (await gen.isVisible()) await gen.click();
    const fp = this.page.getByTestId('own-key-fingerprint');
    await expect(fp).toBeVisible();
    await this.page.locator('#own-key-path').fill(pemPath);
    await this.page.getByTestId('own-key-export').click();
    await expect(this.page.getByTestId('own-key-status')).toContainText(pemPath);
    return (await fp.textContent())!.trim();
  }

  /** Fill the "register a unit" dialog (PEM from a file) and submit with the typed fingerprint. */
  async registerUnit(u: { uscc: string; name: string; pemFile: string; fingerprint: string; contactName?: string }) {
    await this.page.getByTestId('trust-add-unit').click();
    await expect(this.dialog()).toBeVisible();
    await this.page.locator('#trust-uscc').fill(u.uscc);
    await this.page.locator('#trust-name').fill(u.name);
    if (u.contactName) await this.page.locator('#trust-contact-name').fill(u.contactName);
    await this.page.locator('#trust-pem-path').fill(u.pemFile);
    await this.page.getByTestId('trust-pem-read').click();
    await expect(this.page.locator('#trust-pem')).toHaveValue(/BEGIN PUBLIC KEY/);
    await this.typeFingerprint(u.fingerprint);
  }

  async typeFingerprint(fp: string) {
    await this.page.locator('#trust-fingerprint').fill(fp);
    await this.page.getByTestId('trust-submit').click();
  }

  dialog() {
    return this.page.getByTestId('trust-dialog');
  }

  fingerprintError() {
    return this.page.getByTestId('trust-fingerprint-error');
  }

  unit(uscc: string): Locator {
    return this.page.locator(`[data-testid="trust-unit"][data-uscc="${uscc}"]`);
  }

  // ---- intake

  /** Take in packages by typing their paths; waits until the job is finished. */
  async intake(paths: string[]) {
    await this.page.getByTestId('intake-typed').fill(paths.join('\n'));
    await this.startAndWait(paths.length);
  }

  /** Start, and wait for this job (not the last one shown) to finish. */
  private async startAndWait(count: number) {
    const progress = this.page.getByTestId('intake-progress');
    const before = (await progress.count()) > 0 ? await progress.getAttribute('data-job-id') : null;
    await this.page.getByTestId('intake-start').click();
    if (before) await expect(progress).not.toHaveAttribute('data-job-id', before);
    await expect(progress).toHaveAttribute('data-state', 'done');
    await expect(this.page.getByTestId('intake-result')).toHaveCount(count);
  }

  /** Pick package files in the in-app chooser (folder typed, files clicked) and start; waits until done. */
  async intakeChosen(dir: string, names: string[]) {
    await this.page.getByTestId('intake-choose-files').click();
    const chooser = this.page.getByTestId('intake-chooser');
    await expect(chooser).toBeVisible();
    // As a user does: the folder is typed once the dialog has listed its first folder, and the files
    // are clicked once the typed folder is listed.
    const list = this.page.getByTestId('intake-chooser-list');
    await expect(list).toHaveAttribute('aria-busy', 'false');
    await this.page.getByTestId('intake-chooser-dir').fill(dir);
    await this.page.getByTestId('intake-chooser-go').click();
    await expect(list).toHaveAttribute('data-dir', path.resolve(dir));
    for (const n of names) await chooser.locator(`[data-testid="intake-chooser-entry"][data-name="${n}"]`).click();
    await this.page.getByTestId('intake-chooser-ok').click();
    await expect(chooser).toBeHidden();
    await expect(this.page.getByTestId('intake-paths').locator('li')).toHaveCount(names.length);
    await this.startAndWait(names.length);
  }

  result(fileName: string): Locator {
    return this.page.locator(`[data-testid="intake-result"][data-file="${fileName}"]`);
  }

  async openReviewFrom(fileName: string) {
    await this.result(fileName).getByTestId('intake-open-review').click();
    await expect(this.page.getByTestId('filing-review')).toBeVisible();
    await expect(this.page.getByTestId('review-header')).toBeVisible();
  }

  // ---- the review of one filing

  async reviewTab(tab: 'changes' | 'flags' | 'quality') {
    await this.page.getByTestId(`filing-tab-${tab}`).click();
    await expect(this.page.getByTestId(`filing-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
  }

  worklist() {
    return this.page.getByTestId('worklist');
  }

  workRows() {
    return this.page.getByTestId('worklist-row');
  }

  workRow(dataId: string): Locator {
    return this.page.locator(`[data-testid="worklist-row"][data-data-id="${dataId}"]`);
  }

  /** Show every entry of the filing (not only flagged ones) and wait for the list. */
  async showAllEntries() {
    await this.page.getByTestId('worklist-all').check();
    await expect(this.page.getByTestId('worklist-total')).not.toHaveAttribute('data-total', '');
    await expect(this.workRows().first()).not.toHaveAttribute('data-data-id', '');
  }

  /** The data ID of the row the keyboard cursor is on. */
  async cursorDataId(): Promise<string> {
    const row = this.page.locator('[data-testid="worklist-row"][aria-selected="true"]');
    await expect(row).not.toHaveAttribute('data-data-id', '');
    return (await row.getAttribute('data-data-id'))!;
  }

  /** Keyboard only: from the focused list, move down until the cursor is on dataId. */
  async moveTo(dataId: string, max = 200) {
    await this.worklist().focus();
    for (let i = 0; i < max; i++) {
      if ((await this.cursorDataId()) === dataId) return;
      await this.page.keyboard.press('j');
    }
    throw new Error(`row ${dataId} not reached`);
  }

  /** Keyboard: r, the comment, Enter. */
  async returnWithComment(comment: string) {
    await this.page.keyboard.press('r');
    await expect(this.page.getByTestId('review-comment')).toBeFocused();
    await this.page.keyboard.type(comment);
    await this.page.keyboard.press('Enter');
    await expect(this.worklist()).toBeFocused();
  }

  async decide(decision: 'accepted' | 'returned' | 'accepted_with_remarks', comment = '') {
    await this.page.getByTestId(`decide-${decision}`).check();
    if (comment) await this.page.getByTestId('decide-comment').fill(comment);
    await this.page.getByTestId('decide-save').click();
    await expect(this.page.getByTestId('review-status')).toHaveAttribute('data-status', decision);
  }

  async issueReceipt(outPath: string) {
    await this.page.locator('#receipt-path').fill(outPath);
    await this.page.getByTestId('receipt-issue').click();
    await expect(this.page.getByTestId('receipt-result')).toHaveAttribute('data-path', outPath);
  }

  diffRows() {
    return this.page.getByTestId('diff-row');
  }
}

/** Unit side: the receipt import (in 备案) and the status of an entry in the 清单 detail panel. */
export class ReceiptPanel {
  constructor(readonly page: Page) {}

  root() {
    return this.page.getByTestId('receipt-import');
  }

  async importReceipt(path: string) {
    await this.page.locator('#receipt-import-path').fill(path);
    await this.page.getByTestId('receipt-import-submit').click();
    await expect(this.page.getByTestId('receipt-import-status')).toBeVisible();
  }

  returned(dataId: string): Locator {
    return this.page.locator(`[data-testid="receipt-returned-entry"][data-data-id="${dataId}"]`);
  }

  latestStatus() {
    return this.page.getByTestId('receipt-latest');
  }

  entryStatus() {
    return this.page.getByTestId('entry-receipt-status');
  }
}

/**
 * The unit's 备案 area, as far as this test needs it (the area is another helper's; its own page
 * model may replace this): the signing key, the bureau key, making a package.
 */
export class FilingPanel {
  constructor(readonly page: Page) {}

  /** Generate the unit's key; returns its fingerprint as shown. */
  async generateKey(): Promise<string> {
    await this.page.getByTestId('filing-key-generate').click();
    const fp = this.page.getByTestId('filing-own-fingerprint');
    await expect(fp).toBeVisible();
    return (await fp.getAttribute('data-fingerprint'))!;
  }

  async exportPublicKey(outPath: string) {
    await this.page.locator('#filing-export-path').fill(outPath);
    await this.page.getByTestId('filing-export-public').click();
    await expect(this.page.getByTestId('filing-key-status')).toBeVisible();
  }

  /** Read the bureau's PEM, type the fingerprint heard on the phone, import. */
  async importBureauKey(pemPath: string, fingerprint: string) {
    await this.page.locator('#filing-bureau-path').fill(pemPath);
    await this.page.getByTestId('filing-bureau-read').click();
    await this.page.getByTestId('filing-bureau-typed').fill(fingerprint);
    await this.page.getByTestId('filing-bureau-import').click();
    await expect(this.page.getByTestId('filing-bureau-key')).toHaveCount(1);
  }

  async build(kind: 'initial' | 'change' | 'annual', outPath: string) {
    await this.page.getByTestId(`filing-kind-${kind}`).check();
    // Sealed for the bureau by default (its key is known by now): nothing to tick.
    await expect(this.page.getByTestId('filing-seal')).toBeChecked();
    await this.page.locator('#filing-out-path').fill(outPath);
    await this.page.getByTestId('filing-build').click();
    await expect(this.page.getByTestId('filing-result')).toHaveAttribute('data-path', outPath);
  }
}
