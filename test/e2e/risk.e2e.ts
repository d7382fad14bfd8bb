/**
 * The annual data security risk assessment, end to end on a demo workspace (made with the CLI,
 * `datasteward demo`, then opened in the browser host): a project created for a year with its
 * scope defaulting to the important and core resources, phases, team, one more resource added to
 * the scope, registers filled, checklist items concluded by keyboard and by mouse with notes and an
 * attached file, risks rated live from the matrix (one of them overdue), the heat map filtering the
 * list, a narrative section written, and the report generated as .docx and as PDF: the .docx is a
 * zip whose word/document.xml holds the seven parts of art. 33, the PDF starts with %PDF and its
 * text (pdftotext) holds them too.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect, SCREENSHOT_DIR } from './fixtures';
import { WelcomePage } from './page-models/welcome-page';
import { ShellPage } from './page-models/shell-page';
import { RiskPage } from './page-models/risk-page';
import { ART33_HEADINGS } from '../../main/domain/risk-report';
import { inflateEntry, readZipDirectory } from '../../main/services/excel/zip';

const PASS = '风险评估-口令-2026';
const root = path.resolve(__dirname, '..', '..');
const YEAR = 2026;
const NARRATIVE = '本年度评估由信息中心牵头，覆盖全部重要数据资源。';

function hasTool(cmd: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Text without any white space (PDF text extraction breaks lines and spaces CJK text freely). */
const squeeze = (s: string) => s.replace(/\s+/g, '');

test('creates an assessment on a demo workspace, fills checklist items and risks, and generates the report as .docx and PDF', async ({ page, app, tmp }) => {
  test.setTimeout(180_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));

  // ---- A demo workspace (a hospital, 2000 items) from the command line.
  const ws = path.join(tmp, 'demo-hospital.dsw');
  execFileSync(process.execPath, [path.join(root, 'bin', 'datasteward.cjs'), 'demo', '--path', ws, '--items', '2000'], {
    env: { ...process.env, DATASTEWARD_PASSPHRASE: PASS, DATASTEWARD_CONFIG_DIR: path.join(tmp, 'cli-config') },
    stdio: 'pipe',
  });
  expect(fs.existsSync(ws)).toBe(true);

  const welcome = new WelcomePage(page);
  await welcome.goto(app.url);
  await welcome.openWorkspace(ws, PASS);
  const shell = new ShellPage(page);
  await expect(shell.workspaceName()).toBeVisible();

  // ---- A project for the year: the scope starts with the important and core resources.
  const risk = new RiskPage(page);
  await risk.open();
  await expect(shell.heading()).toHaveText('风险评估');
  await expect(page.getByTestId('risk-no-projects')).toBeVisible();
  await risk.createProject(YEAR);
  await expect(shell.heading()).toContainText(String(YEAR));
  await expect(page.getByTestId('risk-status')).toContainText('已创建');
  const inScope = await risk.scopeCount();
  expect(inScope).toBeGreaterThan(0);
  await expect(page.getByTestId('risk-scope-total')).toHaveAttribute('data-total', String(inScope));
  await expect(risk.scopeRows().first()).toHaveAttribute('data-in-scope', 'true');

  // Phases as a stepper, saved at once.
  await expect(page.getByTestId('risk-phase')).toHaveCount(5);
  await expect(risk.phase(0)).toHaveAttribute('data-phase', '评估准备');
  await expect(risk.phase(4)).toHaveAttribute('data-phase', '评估总结');
  await risk.setPhase(0, '已完成');
  await risk.setPhase(1, '进行中');

  // The team.
  await risk.addTeamMember(0, { name: '王敏', role: '评估组长', organisation: '信息中心' });
  await risk.addTeamMember(1, { name: '赵磊', role: '技术检测' });
  await risk.saveTeam();
  await expect(page.getByTestId('risk-team-status')).toContainText('2');

  // One more resource, not important, taken into the scope.
  await page.getByTestId('risk-scope-only').uncheck();
  await expect(page.getByTestId('risk-scope-total')).not.toHaveAttribute('data-total', String(inScope));
  const outside = page.locator('[data-testid="risk-scope-row"][data-in-scope="false"]').first();
  const outsideId = await outside.getAttribute('data-resource-id');
  await outside.getByTestId('risk-scope-toggle').click();
  await expect(page.getByTestId('risk-scope-count')).toHaveAttribute('data-count', String(inScope + 1));
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'risk-overview.png'), fullPage: true });
  await expect(page.locator(`[data-testid="risk-scope-row"][data-resource-id="${outsideId}"]`)).toHaveAttribute('data-in-scope', 'true');

  // ---- Registers, each linked to resources of the scope.
  await risk.tab('registers');
  await risk.register('activity');
  await expect(page.getByTestId('risk-reg-empty')).toBeVisible();
  await risk.addRecord({ activity: '存储', purpose: '电子病历长期保存', systems: '电子病历系统', parties: '信息中心' }, { selects: ['activity'], resources: 2 });
  await expect(risk.registerRows().first()).toContainText('电子病历长期保存');
  await risk.register('measure');
  await risk.addRecord({ measure: '访问控制', description: '按岗位授权，季度复核', effectiveness: '部分有效' }, { selects: ['measure', 'effectiveness'], resources: 1 });
  await expect(risk.registerRows().first()).toContainText('部分有效');
  // A record added by mistake, deleted after confirming.
  await risk.register('provision');
  await risk.addRecord({ mode: '委托处理', recipient: '某云服务商', purpose: '影像数据托管' }, { selects: ['mode'], resources: 1 });
  await risk.registerRows().first().getByTestId('risk-reg-delete').click();
  await expect(page.getByTestId('confirm-dialog')).toContainText('某云服务商');
  await page.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('risk-reg-empty')).toBeVisible();
  await risk.register('source');
  await risk.addRecord({ name: '外部攻击者', kind: '外部攻击', description: '针对互联网医院接口的攻击' }, { selects: ['kind'] });
  await risk.register('incident');
  await risk.addRecord({ title: '运维账号弱口令', occurredAt: `${YEAR}-03-14`, severity: '一般', handling: '已重置口令并开启双因素认证', status: '已处置' }, { selects: ['severity', 'status'], resources: 1 });
  // Edit a record: the form comes back filled.
  await risk.registerRows().first().getByTestId('risk-reg-edit').click();
  await expect(page.getByTestId('risk-reg-f-title')).toHaveValue('运维账号弱口令');
  await page.getByTestId('risk-reg-f-reported').selectOption('是');
  await page.getByTestId('risk-reg-save').click();
  await expect(page.getByTestId('risk-reg-form')).toBeHidden();
  await expect(page.getByTestId('risk-reg-status')).toContainText('运维账号弱口令');

  // ---- Checklist: quick conclusion keys on the list, a radio in the detail, notes, an attachment.
  await risk.tab('checklist');
  await expect(risk.checkRows().first()).toBeVisible();
  const total = Number(await risk.progress().getAttribute('data-total'));
  expect(total).toBeGreaterThanOrEqual(4);
  await expect(risk.progress()).toHaveAttribute('data-assessed', '0');
  const first = risk.checkRows().nth(0);
  const second = risk.checkRows().nth(1);
  const firstId = (await first.getAttribute('data-item-id'))!;
  const secondId = (await second.getAttribute('data-item-id'))!;
  await first.focus();
  await page.keyboard.press('1');
  await expect(first).toHaveAttribute('data-conclusion', '符合');
  await page.keyboard.press('ArrowDown');
  await expect(second).toBeFocused();
  await expect(risk.detail()).toHaveAttribute('data-item-id', secondId);
  await page.keyboard.press('3');
  await expect(second).toHaveAttribute('data-conclusion', '不符合');
  await expect(risk.progress()).toHaveAttribute('data-assessed', '2');
  // The third item by mouse, with evidence notes and a file.
  const third = risk.checkRows().nth(2);
  const thirdId = (await third.getAttribute('data-item-id'))!;
  await third.click();
  await expect(risk.detail()).toHaveAttribute('data-item-id', thirdId);
  await page.getByTestId('risk-check-conclusion-2').check();
  await expect(third).toHaveAttribute('data-conclusion', '部分符合');
  await page.getByTestId('risk-check-notes').fill('查阅了《数据安全管理制度》2026 版，部分条款未覆盖委托处理。');
  await page.getByTestId('risk-check-notes-save').click();
  await expect(page.getByTestId('risk-check-status')).toContainText(thirdId);
  const evidence = path.join(tmp, '制度文件清单.txt');
  fs.writeFileSync(evidence, '数据安全管理制度（2026 版）\n数据分类分级管理办法\n');
  await page.getByTestId('risk-attach-path').fill(evidence);
  await page.getByTestId('risk-attach-add').click();
  await expect(page.locator('[data-testid="risk-attachment"][data-filename="制度文件清单.txt"]')).toBeVisible();
  await expect(page.getByTestId('risk-attach-path')).toHaveValue('');
  await expect(risk.progress()).toHaveAttribute('data-assessed', '3');
  await expect(page.locator('[data-testid="risk-check-count"][data-conclusion="不符合"]')).toHaveAttribute('data-count', '1');
  // Progress per area adds up.
  const areas = page.getByTestId('risk-check-area');
  await expect(areas).toHaveCount(4);
  let assessedByArea = 0;
  for (const a of await areas.all()) assessedByArea += Number(await a.getAttribute('data-assessed'));
  expect(assessedByArea).toBe(3);
  // Notes and conclusions are kept: reopen the tab.
  await risk.tab('overview');
  await risk.tab('checklist');
  await expect(risk.checkRow(firstId)).toHaveAttribute('data-conclusion', '符合');
  await risk.checkRow(thirdId).click();
  await expect(page.getByTestId('risk-check-notes')).toHaveValue(/委托处理/);
  await expect(page.getByTestId('risk-attachment')).toHaveCount(1);
  // The item on transfers abroad: with nothing in the cross-border register it says it may not
  // apply, and one click concludes 不适用 with the reason in the notes.
  await risk.checkRow('I-09').click();
  await expect(page.getByTestId('risk-check-na-hint')).toContainText('数据出境');
  await page.getByTestId('risk-check-mark-na').click();
  await expect(risk.checkRow('I-09')).toHaveAttribute('data-conclusion', '不适用');
  await expect(page.getByTestId('risk-check-notes')).toHaveValue(/数据出境/);
  await expect(page.getByTestId('risk-check-na-hint')).toHaveCount(0);
  await expect(page.locator('[data-testid="risk-check-count"][data-conclusion="不适用"]')).toHaveAttribute('data-count', '1');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'risk-checklist.png'), fullPage: true });

  // ---- Risks: level computed live from the matrix; an overdue one stands out; the heat map filters.
  await risk.tab('risks');
  await expect(risk.heatMap()).toBeVisible();
  await expect(page.getByTestId('risk-heat-cell')).toHaveCount(25);
  await risk.addRisk(
    {
      title: '互联网医院接口遭受撞库攻击导致患者信息泄露',
      description: '接口未限制登录频率',
      likelihood: 5,
      impact: 5,
      owner: '信息中心 李强',
      remediation: '接口增加频率限制和验证码，接入态势感知平台',
      deadline: '2026-01-15',
      sources: ['外部攻击者'],
      items: [secondId],
      resources: 1,
    },
    '很高',
  );
  await risk.addRisk({ title: '备份介质未加密', likelihood: 2, impact: 3, owner: '运维组', deadline: '2099-12-31', status: '整改中' }, '低');
  await expect(risk.riskRows()).toHaveCount(2);
  // Highest level first; the past deadline is marked.
  await expect(risk.riskRows().first()).toHaveAttribute('data-level', '很高');
  await expect(risk.riskRows().first()).toHaveAttribute('data-overdue', 'true');
  await expect(risk.riskRows().first().getByTestId('risk-overdue')).toBeVisible();
  await expect(risk.riskRows().nth(1)).toHaveAttribute('data-overdue', 'false');
  await expect(page.getByTestId('risk-overdue-banner')).toContainText('1');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'risk-risks.png'), fullPage: true });
  await expect(risk.heatCell(5, 5)).toHaveAttribute('data-count', '1');
  await expect(risk.heatCell(2, 3)).toHaveAttribute('data-count', '1');
  await expect(risk.heatCell(1, 1)).toHaveAttribute('data-count', '0');
  await risk.heatCell(2, 3).click();
  await expect(risk.heatCell(2, 3)).toHaveAttribute('aria-pressed', 'true');
  await expect(risk.riskRows()).toHaveCount(1);
  await expect(risk.riskRows().first()).toContainText('备份介质未加密');
  await risk.heatMap().screenshot({ path: path.join(SCREENSHOT_DIR, 'risk-heatmap.png') });
  await page.getByTestId('risk-cell-filter-clear').click();
  await expect(risk.riskRows()).toHaveCount(2);

  // The matrix is data the team can edit: a cell raised, the risk in it rated again.
  await risk.tab('overview');
  await page.getByTestId('risk-matrix').locator('summary').click();
  // A cell lower than the one below it is refused before saving.
  await page.getByTestId('risk-matrix-cell-1-1').selectOption({ label: '很高' });
  await expect(page.getByTestId('risk-matrix-issues')).toBeVisible();
  await expect(page.getByTestId('risk-matrix-save')).toBeDisabled();
  await page.getByTestId('risk-matrix-cell-1-1').selectOption({ label: '很低' });
  await expect(page.getByTestId('risk-matrix-issues')).toHaveCount(0);
  await page.getByTestId('risk-matrix-cell-2-3').selectOption({ label: '中' });
  await page.getByTestId('risk-matrix-save').click();
  await expect(page.getByTestId('risk-matrix-status')).toContainText('重新定级');
  await page.getByTestId('risk-matrix').screenshot({ path: path.join(SCREENSHOT_DIR, 'risk-matrix.png') });
  await risk.tab('risks');
  await expect(risk.heatCell(2, 3)).toHaveAttribute('data-level', '中');
  await expect(page.locator('[data-testid="risk-risk-row"][data-likelihood="2"][data-impact="3"]')).toHaveAttribute('data-level', '中');

  // ---- The report: a narrative section written and saved, then both formats.
  await risk.tab('report');
  await expect(page.getByTestId('risk-report-section').first()).toBeVisible();
  await risk.narrative('overview').fill(NARRATIVE);
  await page.getByTestId('risk-report-save').click();
  await expect(page.getByTestId('risk-report-status')).toContainText('已保存');
  await expect(page.getByTestId('risk-report-save')).toBeDisabled();

  const docx = path.join(tmp, 'out', `${YEAR}年度数据安全风险评估报告.docx`);
  const pdf = path.join(tmp, 'out', `${YEAR}年度数据安全风险评估报告.pdf`);
  fs.mkdirSync(path.dirname(docx), { recursive: true });
  const writtenDocx = await risk.generate('docx', docx);
  await expect(writtenDocx).toContainText(docx);
  const writtenPdf = await risk.generate('pdf', pdf);
  await expect(writtenPdf).toContainText(pdf);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'risk-report.png'), fullPage: true });

  // The .docx: a zip with word/document.xml holding the seven parts and the team's text.
  const zip = fs.readFileSync(docx);
  const entries = readZipDirectory(zip);
  const documentXml = entries.get('word/document.xml');
  expect(documentXml).toBeDefined();
  const xmlText = inflateEntry(zip, documentXml!).toString('utf8').replace(/<[^>]+>/g, '');
  // Word numbers the headings itself (一、二、… from word/numbering.xml): the text holds the titles.
  for (const h of ART33_HEADINGS) expect(xmlText).toContain(h.replace(/^[一二三四五六七八九十]+、/, ''));
  expect(entries.has('word/numbering.xml')).toBe(true);
  expect(xmlText).toContain(NARRATIVE);
  expect(xmlText).toContain('互联网医院接口遭受撞库攻击导致患者信息泄露');

  // The PDF: a PDF, whose text holds the seven parts.
  const pdfBytes = fs.readFileSync(pdf);
  expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  if (hasTool('pdftotext')) {
    const text = squeeze(execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }));
    for (const h of ART33_HEADINGS) expect(text).toContain(squeeze(h));
    expect(text).toContain(squeeze(NARRATIVE));
    if (hasTool('pdftoppm')) execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(SCREENSHOT_DIR, 'risk-report-page1')]);
  } else test.info().annotations.push({ type: 'skipped-check', description: 'pdftotext is not installed: PDF text not checked' });

  // The project list shows the year with its counts.
  await page.getByTestId('risk-back').click();
  await expect(risk.projectRows()).toHaveCount(1);
  await expect(risk.projectRows().first()).toHaveAttribute('data-year', String(YEAR));
  await expect(risk.projectRows().first()).toContainText('逾期 1 项');

  // ---- The next year starts from this one: scope, team, registers and open risks come along.
  await risk.createProject(YEAR + 1, true);
  await expect(page.getByTestId('risk-scope-count')).toHaveAttribute('data-count', String(inScope + 1));
  await expect(page.getByTestId('risk-team-name-0')).toHaveValue('王敏');
  await expect(risk.phase(0)).toHaveAttribute('data-status', '未开始');
  await risk.tab('registers');
  await risk.register('activity');
  await expect(risk.registerRows()).toHaveCount(1);
  // Incidents belong to their year.
  await risk.register('incident');
  await expect(page.getByTestId('risk-reg-empty')).toBeVisible();
  // Conclusions start afresh; the evidence notes come along.
  await risk.tab('checklist');
  await expect(risk.progress()).toHaveAttribute('data-assessed', '0');
  await risk.checkRow(thirdId).click();
  await expect(page.getByTestId('risk-check-notes')).toHaveValue(/委托处理/);
  await risk.tab('risks');
  await expect(risk.riskRows()).toHaveCount(2);

  // The same page in English: labels from the English catalogue, stored values named in English.
  await shell.switchLanguage();
  await expect(page.getByTestId('risk-tab-checklist')).toHaveText('Checklist');
  await expect(page.getByTestId('risk-heatmap')).toContainText('Heat map');
  await expect(risk.riskRows().first()).toContainText('To remediate');
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'risk-risks-en.png'), fullPage: true });
  await shell.switchLanguage();
  await expect(page.getByTestId('risk-tab-checklist')).toHaveText('检查项');
  await page.getByTestId('risk-back').click();
  await expect(risk.projectRows()).toHaveCount(2);
  await expect(risk.projectRows().first()).toHaveAttribute('data-year', String(YEAR + 1));

  expect(problems).toEqual([]);
});
