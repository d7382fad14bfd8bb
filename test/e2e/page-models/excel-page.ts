/** Excel 导入导出: the template import (preview, problems, options, confirm / cancel) and the exports. */
import { expect, type Locator, type Page } from '@playwright/test';

export type ExportKind = 'template' | 'catalog' | 'csv' | 'findings';

export class ExcelPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-excel').click();
    await expect(this.page.getByTestId('nav-excel')).toHaveAttribute('aria-current', 'page');
    await expect(this.page.getByTestId('excel-page')).toBeVisible();
  }

  async tab(k: 'import' | 'mapping' | 'export') {
    await this.page.getByTestId(`excel-tab-${k}`).click();
    await expect(this.page.getByTestId(`excel-panel-${k}`)).toBeVisible();
  }

  /** Type the file's path and run the dry run; waits for its result. */
  async preview(file: string) {
    await this.page.getByTestId('excel-import-path').fill(file);
    await this.page.getByTestId('excel-preview').click();
    await expect(this.previewResult()).toBeVisible();
  }

  previewResult(): Locator {
    return this.page.getByTestId('excel-preview-result');
  }

  problems(): Locator {
    return this.page.getByTestId('excel-problem');
  }

  /** The problem pointing at a cell such as '数据分类分级清单!N12'. */
  problemAt(cell: string): Locator {
    return this.page.locator(`[data-testid="excel-problem"][data-cell="${cell}"]`);
  }

  summary(): Locator {
    return this.page.getByTestId('excel-problems-summary');
  }

  counts(sheet: 'inventory' | 'catalog'): Locator {
    return this.page.getByTestId(`excel-counts-${sheet}`);
  }

  commitButton(): Locator {
    return this.page.getByTestId('excel-commit');
  }

  async commit() {
    await this.commitButton().click();
  }

  error(): Locator {
    return this.page.getByTestId('excel-error');
  }

  result(): Locator {
    return this.page.getByTestId('excel-result');
  }

  async export(kind: ExportKind, file: string): Promise<Locator> {
    await this.page.getByTestId(`excel-export-${kind}-path`).fill(file);
    await this.page.getByTestId(`excel-export-${kind}-run`).click();
    const done = this.page.getByTestId(`excel-export-${kind}-done`);
    await expect(done).toBeVisible();
    return done;
  }
}
