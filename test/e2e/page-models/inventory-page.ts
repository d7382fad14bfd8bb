/** 清单: the tree of systems and resources, the virtualised grid, the detail panel, bulk edit, undo. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { EditableField } from '../../../main/domain/inventory';

const SELECTS = new Set<EditableField>([
  'processingDegree',
  'impactDegree',
  'level',
  'isPersonalInfo',
  'isSensitivePersonalInfo',
  'dataSource',
  'storageLocation',
  'sharing',
  'openness',
  'updateFrequency',
]);

export class InventoryPage {
  constructor(readonly page: Page) {}

  async expectShown() {
    await expect(this.page.getByTestId('inventory-page')).toBeVisible();
    await expect(this.page.getByTestId('inventory-grid')).toBeVisible();
  }

  tree() {
    return this.page.getByTestId('inventory-tree');
  }

  /** A system or resource of the tree by its name. */
  treeItem(name: string) {
    return this.tree().locator(`xpath=.//li[@role="treeitem"][div[@class="tree-label"]/span[@class="tree-name"][normalize-space()="${name}"]]`);
  }

  async addSystem(name: string) {
    await this.page.getByTestId('add-system').click();
    const form = this.page.getByTestId('add-system-form');
    await expect(form).toBeVisible();
    await this.page.locator('#new-system-name').fill(name);
    await this.page.getByTestId('add-system-submit').click();
    await expect(form).toBeHidden();
    await expect(this.tree().locator('.tree-name', { hasText: name })).toBeVisible();
  }

  async addResource(r: { name: string; dataId: string; system?: string; description?: string }) {
    await this.page.getByTestId('add-resource').click();
    const form = this.page.getByTestId('add-resource-form');
    await expect(form).toBeVisible();
    if (r.system) await this.page.locator('#new-resource-system').selectOption({ label: r.system });
    await this.page.locator('#new-resource-name').fill(r.name);
    await this.page.locator('#new-dataId').fill(r.dataId);
    if (r.description) await this.page.locator('#new-resource-description').fill(r.description);
    await this.page.getByTestId('add-resource-submit').click();
    await expect(form).toBeHidden();
    await expect(this.row(r.dataId)).toBeVisible();
  }

  async addItem(i: { name: string; dataId: string; code?: string; description?: string }) {
    await this.page.getByTestId('add-item').click();
    const form = this.page.getByTestId('add-item-form');
    await expect(form).toBeVisible();
    await this.page.locator('#new-item-name').fill(i.name);
    await this.page.locator('#new-dataId').fill(i.dataId);
    if (i.code) await this.page.locator('#new-item-code').fill(i.code);
    if (i.description) await this.page.locator('#new-item-description').fill(i.description);
    await this.page.getByTestId('add-item-submit').click();
    await expect(form).toBeHidden();
    await expect(this.row(i.dataId)).toBeVisible();
  }

  grid() {
    return this.page.getByTestId('inventory-grid');
  }

  rows() {
    return this.page.getByTestId('grid-row');
  }

  row(dataId: string) {
    return this.page.locator(`[data-testid="grid-row"][data-data-id="${dataId}"]`);
  }

  total() {
    return this.page.getByTestId('grid-total');
  }

  detail() {
    return this.page.getByTestId('detail-panel');
  }

  /** Click a row and wait for its details. */
  async open(dataId: string) {
    await this.row(dataId).locator('[role="gridcell"][data-col="dataId"]').click();
    await expect(this.detail()).toHaveAttribute('data-data-id', dataId);
    await expect(this.field('dataId')).toHaveValue(dataId);
  }

  field(f: EditableField) {
    return this.page.locator(`#entry-${f}`);
  }

  async set(f: EditableField, value: string) {
    const el = this.field(f);
    if (SELECTS.has(f)) await el.selectOption(value);
    else await el.fill(value);
  }

  async setImpactObjects(objects: string[]) {
    const group = this.page.getByTestId('detail-field-impactObjects');
    for (const box of await group.locator('input[type="checkbox"]').all()) {
      const id = (await box.getAttribute('data-testid'))!.replace('detail-impact-', '');
      if (objects.includes(id)) await box.check();
      else await box.uncheck();
    }
  }

  async save() {
    await this.page.getByTestId('detail-save').click();
  }

  async saveAndWait() {
    await this.save();
    await expect(this.page.getByTestId('detail-status')).toContainText('已保存');
    await expect(this.page.getByTestId('detail-dirty')).toHaveCount(0);
  }

  errorFor(f: EditableField) {
    return this.page.getByTestId(`detail-error-${f}`);
  }

  suggestedLevel() {
    return this.page.getByTestId('detail-suggested-level');
  }

  level() {
    return this.page.getByTestId('detail-level');
  }

  levelState() {
    return this.page.getByTestId('detail-level-state');
  }

  explanation() {
    return this.page.getByTestId('explanation');
  }

  decisive() {
    return this.page.getByTestId('explanation-decisive');
  }

  history() {
    return this.page.getByTestId('history-row');
  }

  async confirmLevel() {
    await this.page.getByTestId('confirm-level').click();
  }

  /** Tick the rows' checkboxes (adds them to the selection). */
  async select(dataIds: string[]) {
    for (const d of dataIds) await this.row(d).getByTestId('grid-row-check').check();
  }

  bulkToolbar() {
    return this.page.getByTestId('bulk-toolbar');
  }

  async bulkEdit(values: Partial<Record<EditableField, string>>) {
    await this.page.getByTestId('bulk-edit').click();
    const dialog = this.page.getByTestId('bulk-dialog');
    await expect(dialog).toBeVisible();
    for (const [f, v] of Object.entries(values)) {
      const el = this.page.locator(`#bulk-${f}`);
      if (SELECTS.has(f as EditableField)) await el.selectOption(v);
      else await el.fill(v);
      await expect(this.page.getByTestId(`bulk-set-${f}`)).toBeChecked();
    }
    await this.page.getByTestId('bulk-apply').click();
    await expect(dialog).toBeHidden();
  }

  undoButton(): Locator {
    return this.page.getByTestId('undo');
  }

  redoButton(): Locator {
    return this.page.getByTestId('redo');
  }

  async undo() {
    await this.undoButton().click();
    await expect(this.status()).toContainText('已撤销');
  }

  async redo() {
    await this.redoButton().click();
    await expect(this.status()).toContainText('已重做');
  }

  status() {
    return this.page.getByTestId('inventory-status');
  }

  async search(text: string) {
    await this.page.getByTestId('inventory-search').fill(text);
  }

  /** One cell of the row, by its column key (dataId, item, level, state, suggested, pi, category, resource, system, reviewedAt). */
  cell(dataId: string, column: string) {
    return this.row(dataId).locator(`[role="gridcell"][data-col="${column}"]`);
  }
}
