/**
 * The annual report, checked as a person would: the .docx opened by LibreOffice (converted to
 * PDF) and the PDF printed by Chromium, both read back with pdftotext for the seven parts of
 * 条例 art. 33; page 1 of each saved as PNG under test-results/risk/ for a person to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ART33_HEADINGS } from '../../../main/domain/risk-report';
import { readZipDirectory, readZipEntry } from '../../../main/services/package/zip';
import { findChromium } from '../../../main/services/risk/pdf-chromium';
import { appFactory } from '../../helpers/backend';
import { tempDir } from '../../helpers/tmp';
import { pageToPng, pdfText, riskWorkspace, sofficeToPdf, squash, type RiskWorkspace } from './helpers';

const apps = appFactory('ds-risk-report-');
const out = tempDir('ds-risk-out-');

async function filledProject(ws: RiskWorkspace) {
  const { app, catalogued } = ws;
  const p = await app.call('risk.project.create', { year: 2026 });
  await app.call('risk.project.update', {
    projectId: p.id,
    team: [
      { name: '王评估', role: '评估组长', organisation: '网络与数据安全科' },
      { name: '赵技术', role: '技术检测', organisation: '信息中心' },
    ],
    phases: [{ phase: '评估准备', status: '已完成', note: '制定评估方案' }],
    narrative: { other: '本年度按主管部门要求补充报告：已完成数据安全应急演练一次。' },
  });
  const act = await app.call('risk.register.save', { projectId: p.id, kind: 'activity', fields: { resourceIds: [catalogued[0]!], activity: '传输', purpose: '向医保平台上报结算数据', systems: 'HIS', parties: '医保中心' } });
  await app.call('risk.register.save', { projectId: p.id, kind: 'measure', fields: { resourceIds: catalogued, measure: '加密存储', description: '数据库透明加密（SM4）', effectiveness: '有效' } });
  await app.call('risk.register.save', { projectId: p.id, kind: 'measure', fields: { resourceIds: [catalogued[1]!], measure: '数据备份', description: '每日增量、每周全量，异地保存', effectiveness: '部分有效' } });
  await app.call('risk.register.save', { projectId: p.id, kind: 'provision', fields: { resourceIds: [catalogued[2]!], mode: '委托处理', recipient: '某云服务有限公司', purpose: '影像云存储', agreement: '委托处理协议（2026）', assessed: '是', assessmentNotes: '2026-03 完成事前评估' } });
  await app.call('risk.register.save', { projectId: p.id, kind: 'crossBorder', fields: { resourceIds: [catalogued[3]!], recipient: '某国际多中心临床试验机构', country: '新加坡', purpose: '多中心临床研究', volume: '约500条', basis: '安全评估', reference: '网信数出〔2026〕1号' } });
  await app.call('risk.register.save', { projectId: p.id, kind: 'incident', fields: { resourceIds: [catalogued[0]!], title: '外包人员违规导出统计报表', occurredAt: '2026-05-12', severity: '一般', handling: '收回权限，约谈外包单位，完善导出审批', reported: '是', status: '已处置' } });
  const src = await app.call('risk.register.save', { projectId: p.id, kind: 'source', fields: { name: '外包运维人员', kind: '第三方', description: '具有数据库运维权限' } });
  await app.call('risk.checklist.save', { projectId: p.id, itemId: 'M-01', conclusion: '符合', notes: '已任命副院长为数据安全负责人' });
  await app.call('risk.checklist.save', { projectId: p.id, itemId: 'T-05', conclusion: '不符合', notes: '存在长期未用的特权账号' });
  const ev = path.join(out, '任命文件.txt');
  fs.writeFileSync(ev, '关于任命数据安全负责人的通知');
  await app.call('risk.attachment.add', { projectId: p.id, itemId: 'M-01', path: ev });
  await app.call('risk.risk.save', {
    projectId: p.id,
    fields: { title: '特权账号未及时清理', sourceIds: [src.id], itemIds: ['T-05'], resourceIds: [catalogued[0]!], activityIds: [act.id], likelihood: 4, impact: 4, owner: '赵技术', remediation: '清理特权账号，启用双因素认证', deadline: '2026-09-30' },
  });
  await app.call('risk.risk.save', { projectId: p.id, fields: { title: '备份恢复未演练', likelihood: 2, impact: 3, owner: '信息中心', remediation: '每季度恢复演练', deadline: '2026-12-31', status: '整改中' } });
  return p;
}

const chromium = findChromium();

describe('risk report', () => {
  it('writes a .docx that LibreOffice opens, with the seven parts of art. 33, tables, heat map, page numbers and watermark', async () => {
    const ws = await riskWorkspace(apps);
    const p = await filledProject(ws);
    const docx = path.join(out, 'report-2026.docx');
    const r = await ws.app.call('risk.report.generate', { projectId: p.id, format: 'docx', path: docx });
    expect(r).toMatchObject({ format: 'docx', draft: false, path: docx });
    expect(r.sm3).toMatch(/^[0-9a-f]{64}$/);

    // The parts are there, and the XML of each is well-formed enough for LibreOffice.
    const buf = fs.readFileSync(docx);
    const dir = readZipDirectory(buf);
    expect(dir.problems).toEqual([]);
    const entry = (n: string) => {
      const r = readZipEntry(buf, dir.entries.find((e) => e.name === n)!);
      return 'data' in r ? r.data.toString('utf8') : '';
    };
    const names = dir.entries.map((e) => e.name);
    for (const n of ['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'word/numbering.xml', 'word/header1.xml', 'word/footer1.xml']) expect(names).toContain(n);
    expect(entry('word/footer1.xml')).toContain(' PAGE ');
    expect(entry('word/styles.xml')).toContain('w:eastAsia="宋体"');
    expect(entry('word/header1.xml')).toContain('string="某某区大数据发展管理局 内部资料"');
    expect(entry('word/numbering.xml')).toContain('chineseCounting');

    const pdf = sofficeToPdf(docx, fs.mkdtempSync(path.join(out, 'lo-')));
    const text = squash(pdfText(pdf));
    for (const h of ART33_HEADINGS) expect(text, h).toContain(squash(h.replace(/^[一二三四五六七八九十]+、/, '')));
    // Numbered headings (一、 … 十、) come from numbering.xml in Chinese counting.
    expect(text).toContain('二、数据处理者');
    expect(text).toContain('某某区大数据发展管理局');
    expect(text).toContain('外包人员违规导出统计报表');
    expect(text).toContain('影像云存储');
    expect(text).toContain('新加坡');
    expect(text).toContain('特权账号未及时清理');
    expect(text).toContain('已逾期'); // deadline 2026-09-30 passed on 2026-11-20
    expect(text).toContain('风险热力图');
    expect(text).toContain('已完成数据安全应急演练一次');
    expect(text).toContain('第1页');
    expect(text).not.toContain('草稿');
    const png = pageToPng(pdf, 'docx-via-libreoffice', 3);
    pageToPng(pdf, 'docx-via-libreoffice-p7', 7);
    expect(fs.statSync(png).size).toBeGreaterThan(5000);

    const audit = await ws.app.call('audit.list', { offset: 0, limit: 1 });
    expect(audit.entries[0]).toMatchObject({ action: 'risk.report.generate', after: { format: 'docx', sm3: r.sm3 } });
  }, 240_000);

  it.skipIf(!chromium)('prints the same report to PDF with Chromium: seven parts, page numbers, Chinese fonts embedded', async () => {
    const ws = await riskWorkspace(apps);
    const p = await filledProject(ws);
    const file = path.join(fs.mkdtempSync(path.join(out, 'pdf-')), 'report-2026.pdf');
    const r = await ws.app.call('risk.report.generate', { projectId: p.id, format: 'pdf', path: file });
    expect(r.format).toBe('pdf');
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = squash(pdfText(file));
    for (const h of ART33_HEADINGS) expect(text, h).toContain(squash(h));
    expect(text).toContain('第1页/共');
    expect(text).toContain('某某区大数据发展管理局2026年度数据安全风险评估报告'); // the page header
    expect(text).toContain('外包人员违规导出统计报表');
    const fonts = execText('pdffonts', [file]);
    expect(fonts).toMatch(/WenQuanYi|Noto|CJK|SimSun|YaHei|Droid/i);
    expect(fonts.split('\n').filter((l) => /WenQuanYi|Noto|CJK|SimSun|YaHei|Droid/i.test(l)).every((l) => /\syes\s/.test(l))).toBe(true);
    pageToPng(file, 'pdf-chromium', 1);
    pageToPng(file, 'pdf-chromium-p3', 3);
    // Refuses to overwrite unless asked.
    expect((await ws.app.fail('risk.report.generate', { projectId: p.id, format: 'pdf', path: file })).code).toBe('FILE_EXISTS');
  }, 240_000);
});

import { execFileSync } from 'node:child_process';
function execText(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8' });
}
