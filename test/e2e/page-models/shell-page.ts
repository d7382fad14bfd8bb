/** The main window once a workspace is open: header, navigation, lock. */
import { expect, type Page } from '@playwright/test';

export type Area = 'home' | 'profile' | 'inventory' | 'catalog' | 'filing' | 'review' | 'risk' | 'audit' | 'settings';

export class ShellPage {
  constructor(readonly page: Page) {}

  heading() {
    return this.page.getByTestId('page-heading');
  }

  async goTo(area: Area) {
    await this.page.getByTestId(`nav-${area}`).click();
    await expect(this.page.getByTestId(`nav-${area}`)).toHaveAttribute('aria-current', 'page');
  }

  async lock() {
    await this.page.getByTestId('lock-button').click();
    await expect(this.page.getByTestId('unlock-page')).toBeVisible();
  }

  workspaceName() {
    return this.page.getByTestId('header-workspace-name');
  }

  role() {
    return this.page.getByTestId('header-role');
  }

  async switchLanguage() {
    await this.page.getByTestId('lang-switch').click();
  }
}
