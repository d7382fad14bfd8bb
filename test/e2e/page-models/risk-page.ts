/** 风险评估: projects by year, the phases and scope, registers, checklist, risks with the heat map, and the report. */
import { expect, type Locator, type Page } from '@playwright/test';

export type RiskTab = 'overview' | 'registers' | 'checklist' | 'risks' | 'report';
export type RegisterKind = 'activity' | 'measure' | 'provision' | 'crossBorder' | 'incident' | 'source';

export interface RiskInput {
  title: string;
  description?: string;
  likelihood: number;
  impact: number;
  owner?: string;
  remediation?: string;
  deadline?: string;
  status?: string;
  /** Labels (or parts of them) of options to tick in the pickers. */
  sources?: string[];
  items?: string[];
  resources?: number;
}

export class RiskPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.getByTestId('nav-risk').click();
    await expect(this.page.getByTestId('nav-risk')).toHaveAttribute('aria-current', 'page');
    await expect(this.page.getByTestId('risk-page').or(this.page.getByTestId('risk-project'))).toBeVisible();
  }

  projectRows() {
    return this.page.getByTestId('risk-project-row');
  }

  project() {
    return this.page.getByTestId('risk-project');
  }

  async createProject(year: number, fromPrevious = false) {
    await this.page.getByTestId('risk-new').click();
    const dialog = this.page.getByTestId('risk-create-dialog');
    await expect(dialog).toBeVisible();
    await this.page.getByTestId('risk-create-year').fill(String(year));
    if (!fromPrevious && (await this.page.getByTestId('risk-create-from').count()) > 0) await this.page.getByTestId('risk-create-from').selectOption('');
    await this.page.getByTestId('risk-create-submit').click();
    await expect(dialog).toBeHidden();
    await expect(this.project()).toHaveAttribute('data-year', String(year));
  }

  async scopeCount(): Promise<number> {
    return Number(await this.page.getByTestId('risk-scope-count').getAttribute('data-count'));
  }

  async tab(name: RiskTab) {
    await this.page.getByTestId(`risk-tab-${name}`).click();
    await expect(this.page.getByTestId(`risk-tab-${name}`)).toHaveAttribute('aria-selected', 'true');
    await expect(this.page.getByTestId(`risk-panel-${name}`)).toBeVisible();
  }

  phase(i: number): Locator {
    return this.page.getByTestId('risk-phase').nth(i);
  }

  async setPhase(i: number, status: string) {
    await this.page.getByTestId(`risk-phase-status-${i}`).selectOption(status);
    await expect(this.phase(i)).toHaveAttribute('data-status', status);
  }

  async addTeamMember(i: number, m: { name: string; role: string; organisation?: string }) {
    await this.page.getByTestId('risk-team-add').click();
    await expect(this.page.getByTestId(`risk-team-name-${i}`)).toBeFocused();
    await this.page.getByTestId(`risk-team-name-${i}`).fill(m.name);
    await this.page.getByTestId(`risk-team-role-${i}`).fill(m.role);
    if (m.organisation) await this.page.getByTestId(`risk-team-org-${i}`).fill(m.organisation);
  }

  async saveTeam() {
    await this.page.getByTestId('risk-team-save').click();
    await expect(this.page.getByTestId('risk-team-status')).not.toBeEmpty();
    await expect(this.page.getByTestId('risk-team-save')).toBeDisabled();
  }

  scopeRows() {
    return this.page.getByTestId('risk-scope-row');
  }

  // ---- registers

  async register(kind: RegisterKind) {
    await this.page.getByTestId(`risk-reg-tab-${kind}`).click();
    await expect(this.page.getByTestId(`risk-register-${kind}`)).toBeVisible();
  }

  registerRows() {
    return this.page.getByTestId('risk-reg-row');
  }

  /** Add a record: text fields are filled, select fields chosen (by value); the first `resources` scope resources ticked. */
  async addRecord(values: Record<string, string>, opts: { selects?: string[]; resources?: number } = {}) {
    const before = await this.registerRows().count();
    await this.page.getByTestId('risk-reg-add').click();
    const form = this.page.getByTestId('risk-reg-form');
    await expect(form).toBeVisible();
    for (const [k, v] of Object.entries(values)) {
      const control = form.getByTestId(`risk-reg-f-${k}`);
      if (opts.selects?.includes(k)) await control.selectOption(v);
      else await control.fill(v);
    }
    const boxes = form.getByTestId('risk-reg-resources-option');
    for (let i = 0; i < (opts.resources ?? 0); i++) await boxes.nth(i).check();
    await form.getByTestId('risk-reg-save').click();
    await expect(form).toBeHidden();
    await expect(this.registerRows()).toHaveCount(before + 1);
  }

  // ---- checklist

  checkRow(id: string): Locator {
    return this.page.locator(`[data-testid="risk-check-row"][data-item-id="${id}"]`);
  }

  checkRows() {
    return this.page.getByTestId('risk-check-row');
  }

  progress() {
    return this.page.getByTestId('risk-check-progress');
  }

  detail() {
    return this.page.getByTestId('risk-check-detail');
  }

  // ---- risks

  heatMap() {
    return this.page.getByTestId('risk-heatmap');
  }

  heatCell(likelihood: number, impact: number): Locator {
    return this.page.locator(`[data-testid="risk-heat-cell"][data-likelihood="${likelihood}"][data-impact="${impact}"]`);
  }

  riskRows() {
    return this.page.getByTestId('risk-risk-row');
  }

  async addRisk(r: RiskInput, expectLevel?: string) {
    const before = await this.riskRows().count();
    await this.page.getByTestId('risk-risk-add').click();
    const form = this.page.getByTestId('risk-risk-form');
    await expect(form).toBeVisible();
    await expect(form.getByTestId('risk-f-title')).toBeFocused();
    await form.getByTestId('risk-f-title').fill(r.title);
    if (r.description) await form.getByTestId('risk-f-description').fill(r.description);
    await form.getByTestId('risk-f-likelihood').selectOption(String(r.likelihood));
    await form.getByTestId('risk-f-impact').selectOption(String(r.impact));
    if (expectLevel) await expect(form.getByTestId('risk-f-level')).toHaveAttribute('data-level', expectLevel);
    for (const s of r.sources ?? []) await form.getByTestId('risk-f-sources').getByLabel(s).check();
    for (const s of r.items ?? []) await form.locator(`[data-testid="risk-f-items-option"][data-value="${s}"]`).check();
    for (let i = 0; i < (r.resources ?? 0); i++) await form.getByTestId('risk-f-resources-option').nth(i).check();
    if (r.owner) await form.getByTestId('risk-f-owner').fill(r.owner);
    if (r.remediation) await form.getByTestId('risk-f-remediation').fill(r.remediation);
    if (r.deadline) await form.getByTestId('risk-f-deadline').fill(r.deadline);
    if (r.status) await form.getByTestId('risk-f-status').selectOption(r.status);
    await form.getByTestId('risk-risk-save').click();
    await expect(form).toBeHidden();
    await expect(this.page.getByTestId('risk-risk-total')).toHaveAttribute('data-total', String(before + 1));
  }

  // ---- report

  narrative(key: string) {
    return this.page.getByTestId(`risk-narrative-${key}`);
  }

  /** Generate one format to a path; returns the alert that says where it was written. */
  async generate(format: 'docx' | 'pdf', path: string): Promise<Locator> {
    await this.page.getByTestId(`risk-report-path-${format}`).fill(path);
    await this.page.getByTestId(`risk-report-generate-${format}`).click();
    const written = this.page.getByTestId(`risk-report-written-${format}`);
    await expect(written.or(this.page.getByTestId(`risk-report-error-${format}`))).toBeVisible({ timeout: 60_000 });
    return written;
  }
}
