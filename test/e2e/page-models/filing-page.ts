/** 备案: the signing key, the bureau key, making a package, the filing history. */
import { expect, type Page } from '@playwright/test';

export class FilingPage {
  constructor(readonly page: Page) {}

  async expectShown() {
    await expect(this.page.getByTestId('filing-page')).toBeVisible();
    await expect(this.page.getByTestId('filing-key-section')).toBeVisible();
  }

  /** Generate the signing key; returns the fingerprint as shown (16 groups of four). */
  async generateKey(): Promise<string> {
    await this.page.getByTestId('filing-key-generate').click();
    const fp = this.page.getByTestId('filing-own-fingerprint');
    await expect(fp).toBeVisible();
    return (await fp.getAttribute('data-fingerprint'))!;
  }

  async exportPublicKey(path: string) {
    await this.page.locator('#filing-export-path').fill(path);
    await this.page.getByTestId('filing-export-public').click();
    await expect(this.page.getByTestId('filing-key-status')).toContainText(path);
  }

  /** Read the bureau key file, type the fingerprint the bureau read out, import. */
  async importBureauKey(pemPath: string, typedFingerprint: string) {
    await this.page.locator('#filing-bureau-path').fill(pemPath);
    await this.page.getByTestId('filing-bureau-read').click();
    await expect(this.page.getByTestId('filing-bureau-read-fingerprint')).toBeVisible();
    await this.page.getByTestId('filing-bureau-typed').fill(typedFingerprint);
    await this.page.getByTestId('filing-bureau-import').click();
  }

  async build(opts: { kind: 'initial' | 'change' | 'annual' | 'deregistration'; path: string; seal?: boolean }) {
    await this.page.getByTestId(`filing-kind-${opts.kind}`).check();
    const seal = this.page.getByTestId('filing-seal');
    if (opts.seal !== undefined && (await seal.isEnabled())) await seal.setChecked(opts.seal);
    await this.page.locator('#filing-out-path').fill(opts.path);
    await this.page.getByTestId('filing-build').click();
  }

  result() {
    return this.page.getByTestId('filing-result');
  }

  historyRows() {
    return this.page.getByTestId('filing-history-row');
  }
}
