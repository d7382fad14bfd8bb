/** 设置: passphrase, idle lock, operator, language. */
import type { Page } from '@playwright/test';

export class SettingsPage {
  constructor(readonly page: Page) {}

  async changePassphrase(current: string, next: string) {
    await this.page.locator('#settings-current').fill(current);
    await this.page.locator('#settings-new').fill(next);
    await this.page.locator('#settings-confirm').fill(next);
    await this.page.getByTestId('settings-passphrase-submit').click();
  }

  done() {
    return this.page.getByTestId('settings-passphrase-done');
  }

  error() {
    return this.page.getByTestId('settings-passphrase-error');
  }
}
