/** 审计日志: the list of audit entries and the integrity check. */
import type { Page } from '@playwright/test';

export class AuditPage {
  constructor(readonly page: Page) {}

  rows() {
    return this.page.getByTestId('audit-row');
  }

  async verify() {
    await this.page.getByTestId('audit-verify').click();
    return this.page.getByTestId('audit-verify-result');
  }
}
