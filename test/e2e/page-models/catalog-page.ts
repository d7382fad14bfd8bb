/** 重要数据目录: the catalog table, the row form with its findings, and the identification questionnaire. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { CatalogFields } from '../../../main/domain/inventory';

type CatalogField = keyof CatalogFields;
const SELECTS = new Set<CatalogField>(['level', 'carrierKind', 'dataSource', 'crossBorder', 'mlpsLevel']);

export class CatalogPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-catalog').click();
    await expect(this.page.getByTestId('nav-catalog')).toHaveAttribute('aria-current', 'page');
    await expect(this.page.getByTestId('catalog-page')).toBeVisible();
  }

  table() {
    return this.page.getByTestId('catalog-table');
  }

  rows() {
    return this.page.getByTestId('catalog-row');
  }

  row(dataId: string): Locator {
    return this.page.locator(`[data-testid="catalog-row"][data-data-id="${dataId}"]`);
  }

  form() {
    return this.page.getByTestId('catalog-form');
  }

  panel() {
    return this.page.getByTestId('catalog-form-panel');
  }

  /** Open a row's form and wait for it. */
  async openRow(dataId: string) {
    await this.row(dataId).getByTestId('catalog-row-open').click();
    await this.expectRowOpen(dataId);
  }

  async expectRowOpen(dataId: string) {
    await expect(this.panel()).toHaveAttribute('data-data-id', dataId);
    await expect(this.form()).toBeVisible();
  }

  field(f: CatalogField) {
    return this.page.locator(`#catalog-${f}`);
  }

  async set(f: CatalogField, value: string) {
    if (SELECTS.has(f)) await this.field(f).selectOption(value);
    else await this.field(f).fill(value);
  }

  /** Tick the given options of a checkbox group (处理方式, 安全保护措施); untick the others. */
  async setChecks(f: 'processingMethods' | 'securityMeasures', options: string[]) {
    const group = this.page.getByTestId(`catalog-field-${f}`);
    for (const box of await group.locator('input[type="checkbox"]').all()) {
      const o = (await box.getAttribute('data-testid'))!.replace(`catalog-${f}-`, '');
      if (options.includes(o)) await box.check();
      else await box.uncheck();
    }
  }

  finding(f: CatalogField) {
    return this.page.getByTestId(`catalog-finding-${f}`);
  }

  async save() {
    await this.page.getByTestId('catalog-save').click();
  }

  async saveAndWait() {
    await this.save();
    await expect(this.page.getByTestId('catalog-status')).toContainText('已保存');
    await expect(this.page.getByTestId('catalog-dirty')).toHaveCount(0);
  }

  status() {
    return this.page.getByTestId('catalog-page-status');
  }

  // ---- identification questionnaire

  /** Pick a resource in the toolbar and open its questionnaire. */
  async identify(resource: { dataId: string; name: string }) {
    await this.page.getByTestId('identify-resource-pick').selectOption({ label: `${resource.dataId} ${resource.name}` });
    await this.page.getByTestId('identify-open').click();
    await this.expectQuestionnaire();
  }

  async expectQuestionnaire() {
    await expect(this.page.getByTestId('identify-page')).toBeVisible();
    await expect(this.proposal()).toBeVisible();
  }

  async answer(factorId: string, a: 'yes' | 'no' | 'unsure') {
    const radio = this.page.getByTestId(`factor-${factorId}-${a}`);
    await radio.check();
    await expect(radio).toBeChecked();
  }

  proposal() {
    return this.page.getByTestId('identify-proposal');
  }

  async saveIdentification() {
    await this.page.getByTestId('identify-save').click();
  }
}
