/** 分类分级规则: schemes with versions and usage, import (check, then import), activation, export, the recogniser pack. */
import { expect, type Locator, type Page } from '@playwright/test';

export class SchemesPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-schemes').click();
    await expect(this.page.getByTestId('nav-schemes')).toHaveAttribute('aria-current', 'page');
    await expect(this.page.getByTestId('schemes-page')).toBeVisible();
    await expect(this.page.getByTestId('scheme-row').first()).toBeVisible();
  }

  scheme(id: string): Locator {
    return this.page.locator(`[data-testid="scheme-row"][data-scheme="${id}"]`);
  }

  version(id: string, version: number): Locator {
    return this.scheme(id).locator(`[data-testid="scheme-version"][data-version="${version}"]`);
  }

  /** Open the import dialog, fill the path and check the file; returns the dialog. */
  async checkFile(path: string): Promise<Locator> {
    const dialog = this.page.getByTestId('scheme-import-dialog');
    if (!(await dialog.isVisible())) await this.page.getByTestId('scheme-import-open').click();
    await expect(dialog).toBeVisible();
    await this.page.getByTestId('scheme-import-path').fill(path);
    await this.page.getByTestId('scheme-import-check').click();
    await expect(dialog.getByTestId('scheme-import-problems').or(dialog.getByTestId('scheme-import-preview'))).toBeVisible();
    return dialog;
  }

  problems(): Locator {
    return this.page.getByTestId('scheme-problem');
  }

  async importChecked() {
    await this.page.getByTestId('scheme-import-submit').click();
    await expect(this.page.getByTestId('scheme-import-dialog')).toBeHidden();
    await expect(this.page.getByTestId('schemes-status')).toBeVisible();
  }

  /** Activate a version: the dialog says how many entries it regrades; returns that number. */
  async activate(id: string, version: number): Promise<number> {
    await this.version(id, version).getByTestId('scheme-activate').click();
    const preview = this.page.getByTestId('scheme-activate-preview');
    await expect(preview).toBeVisible();
    const entries = Number(await preview.getAttribute('data-entries'));
    await this.page.getByTestId('scheme-activate-submit').click();
    await expect(this.page.getByTestId('scheme-activate-dialog')).toBeHidden();
    return entries;
  }

  async view(id: string, version: number) {
    await this.version(id, version).getByTestId('scheme-view').click();
    await expect(this.page.getByTestId('scheme-detail')).toHaveAttribute('data-version', String(version));
  }

  async export(id: string, version: number, path: string, format: 'xlsx' | 'json' = 'xlsx') {
    await this.version(id, version).getByTestId('scheme-export').click();
    await this.page.getByTestId(`scheme-export-format-${format}`).check();
    await this.page.getByTestId('scheme-export-path').fill(path);
    await this.page.getByTestId('scheme-export-submit').click();
    await expect(this.page.getByTestId('scheme-export-dialog')).toBeHidden();
  }

  pack(): Locator {
    return this.page.getByTestId('recognizer-pack');
  }

  /** Import a recogniser pack file; the dialog stays open when the pack is refused. */
  async importPack(path: string) {
    await this.page.getByTestId('pack-import-open').click();
    await this.page.getByTestId('pack-import-path').fill(path);
    await this.page.getByTestId('pack-import-submit').click();
  }
}
