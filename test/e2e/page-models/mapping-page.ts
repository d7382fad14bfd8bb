/** The column-mapping wizard in the Excel area (any sheet: columns → fields, values → codes, dry run, commit). */
import { expect, type Locator, type Page } from '@playwright/test';

export class MappingPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-excel').click();
    await expect(this.page.getByTestId('excel-page')).toBeVisible();
    await this.page.getByTestId('excel-tab-mapping').click();
    await expect(this.page.getByTestId('mapping-wizard')).toBeVisible();
  }

  stepHeading(): Locator {
    return this.page.getByTestId('mapping-step-heading');
  }

  target(letter: string): Locator {
    return this.page.getByTestId(`mapping-target-${letter}`);
  }

  confidence(letter: string): Locator {
    return this.page.getByTestId(`mapping-confidence-${letter}`);
  }

  recognised(letter: string): Locator {
    return this.page.getByTestId(`mapping-rec-${letter}`);
  }

  /** The select of a value in the value-mapping table of a column, by the value's text. */
  valueSelect(letter: string, value: string): Locator {
    return this.page.getByTestId(`mapping-values-${letter}`).locator('tr', { has: this.page.locator('th', { hasText: value }) }).locator('select');
  }

  async next() {
    await this.page.getByTestId('mapping-next').click();
  }

  async dryRun() {
    await this.page.getByTestId('mapping-dry-run').click();
    await expect(this.page.getByTestId('mapping-preview')).toBeVisible();
  }

  problemAt(cell: string): Locator {
    return this.page.locator(`[data-testid="excel-problem"][data-cell="${cell}"]`);
  }

  error(): Locator {
    return this.page.getByTestId('mapping-error');
  }
}
