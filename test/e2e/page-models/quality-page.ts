/** 质量检查: scores per dimension, rules with counts, the findings list with its way to each row and field. */
import { expect, type Locator, type Page } from '@playwright/test';

export type ScoreKey = 'overall' | 'completeness' | 'consistency' | 'conformity' | 'timeliness';

export class QualityPage {
  constructor(readonly page: Page) {}

  /** Open the area and wait for the check that runs on opening to finish. */
  async open() {
    await this.page.getByTestId('nav-quality').click();
    await expect(this.page.getByTestId('nav-quality')).toHaveAttribute('aria-current', 'page');
    await expect(this.page.getByTestId('quality-page')).toBeVisible();
    await this.expectChecked();
  }

  async expectChecked() {
    await expect(this.page.getByTestId('quality-page')).toHaveAttribute('aria-busy', 'false');
    await expect(this.score('overall')).toBeVisible();
    await expect(this.page.getByTestId('quality-findings-total')).not.toHaveAttribute('data-total', '');
  }

  score(k: ScoreKey): Locator {
    return this.page.getByTestId(`quality-score-${k}`);
  }

  async scoreValue(k: ScoreKey): Promise<number> {
    return Number(await this.score(k).getAttribute('data-score'));
  }

  errors() {
    return this.page.getByTestId('quality-errors');
  }

  warnings() {
    return this.page.getByTestId('quality-warnings');
  }

  code(code: string) {
    return this.page.getByTestId(`quality-code-${code}`);
  }

  /** Filter the findings by a rule and wait until the list shows only that rule. */
  async filterByCode(code: string) {
    await this.code(code).click();
    await expect(this.code(code)).toHaveAttribute('aria-pressed', 'true');
    await expect(this.page.getByTestId('quality-filter-code')).toHaveAttribute('data-code', code);
    await expect(this.findings().first()).toHaveAttribute('data-code', code);
    await expect(this.findings().and(this.page.locator(`:not([data-code="${code}"])`))).toHaveCount(0);
  }

  findings() {
    return this.page.getByTestId('finding-row');
  }

  /** A finding by rule, field and the data ID of its row. */
  finding(f: { code: string; field?: string; dataId: string }): Locator {
    const sel = `[data-testid="finding-row"][data-code="${f.code}"]${f.field ? `[data-field="${f.field}"]` : ''}`;
    return this.page.locator(sel).filter({ hasText: f.dataId });
  }

  async openFinding(row: Locator) {
    await row.getByTestId('finding-open').click();
  }

  async rerun() {
    const before = await this.page.getByTestId('quality-checked-at').getAttribute('data-checked-at');
    await this.page.getByTestId('quality-rerun').click();
    await expect(this.page.getByTestId('quality-checked-at')).not.toHaveAttribute('data-checked-at', before ?? '');
    await this.expectChecked();
  }

  resourceRows() {
    return this.page.getByTestId('quality-resource-row');
  }
}
