/** The lock screen: passphrase to unlock, or close the workspace. */
import { expect, type Page } from '@playwright/test';

export class UnlockPage {
  constructor(readonly page: Page) {}

  async expectShown() {
    await expect(this.page.getByTestId('unlock-page')).toBeVisible();
  }

  async unlock(passphrase: string) {
    await this.page.locator('#unlock-passphrase').fill(passphrase);
    await this.page.getByTestId('unlock-submit').click();
  }

  error() {
    return this.page.getByTestId('unlock-error');
  }

  async close() {
    await this.page.getByTestId('unlock-close').click();
  }
}
