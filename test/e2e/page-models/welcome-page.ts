/** The welcome screen and the create / open workspace forms, as a user sees them. */
import { expect, type Page } from '@playwright/test';

export interface NewWorkspace {
  name: string;
  passphrase: string;
  role: 'unit' | 'bureau';
  operator: string;
  path?: string;
}

export class WelcomePage {
  constructor(readonly page: Page) {}

  async goto(url: string) {
    await this.page.goto(url);
    await expect(this.page.getByTestId('welcome')).toBeVisible();
  }

  heading() {
    return this.page.getByTestId('page-heading');
  }

  async createWorkspace(ws: NewWorkspace) {
    await this.page.getByTestId('welcome-create').click();
    await expect(this.page.getByTestId('create-page')).toBeVisible();
    await this.page.locator('#create-name').fill(ws.name);
    if (ws.path) await this.page.locator('#create-path').fill(ws.path);
    await this.page.locator('#create-passphrase').fill(ws.passphrase);
    await this.page.locator('#create-passphrase-confirm').fill(ws.passphrase);
    await this.page.locator(`#create-role-${ws.role}`).check();
    await this.page.locator('#create-operator').fill(ws.operator);
    await this.page.getByTestId('create-submit').click();
  }

  async suggestedPath(): Promise<string> {
    return this.page.locator('#create-path').inputValue();
  }

  async openWorkspace(path: string, passphrase: string) {
    await this.page.getByTestId('welcome-open').click();
    await this.page.locator('#open-path').fill(path);
    await this.page.locator('#open-passphrase').fill(passphrase);
    await this.page.getByTestId('open-submit').click();
  }

  recentItems() {
    return this.page.getByTestId('recent-item');
  }
}
