/**
 * Benchmark: the annual risk assessment report of a 200-resource assessment, as .docx and as PDF
 * (Chromium). Prints its figures; run with `npm run bench -- risk`. The target: each under 10 s.
 * A demo inventory (seed 1) with BENCH_RESOURCES (default 200) resources put into the catalog,
 * one project scoped to exactly those, and full registers: an activity per resource, measures,
 * provisions, transfers, incidents, sources, 150 risks and every checklist item concluded.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../main/services/index';
import { ACTIVITY_KINDS, CHECK_CONCLUSIONS, MEASURE_KINDS, RISK_STATUSES } from '../../main/domain/risk';
import { findChromium } from '../../main/services/risk/pdf-chromium';

const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 200);
const PASS = 'bench-passphrase';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-bench-risk-'));
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pages = (pdf: string) => {
  try {
    return /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1] ?? '?';
  } catch {
    return '?';
  }
};

async function main() {
  const s = createServices({ appVersion: 'bench', configDir: dir });
  const file = path.join(dir, 'risk.dsw');
  s.workspace.create({ path: file, passphrase: PASS, role: 'unit', name: '示例医院', operator: '张三' });
  s.profile.save({
    unitName: '某某市第一人民医院', uscc: '91110000600037341L', unitType: '事业单位', competentDepartment: '某某市卫生健康委员会', address: '某某市人民路1号',
    officerName: '张三', officerTitle: '副院长', officerPhone: '13800138000', officerEmail: 'zhangsan@example.cn', managementBody: '信息中心', preparerName: '李四',
    preparerPhone: '010-62345678', filingKind: '首次报送', filingDate: '2026-01-05',
  } as never);
  let t0 = process.hrtime.bigint();
  s.demo.generate({ items: RESOURCES * 20, seed: 1 });
  const ids = s.inventory.query({ filter: { kind: 'resource' }, sort: 'dataId', desc: false, offset: 0, limit: RESOURCES }).rows.map((r) => r.id);
  if (ids.length < RESOURCES) throw new Error(`the demo has only ${ids.length} resources`);
  for (const [i, id] of ids.entries())
    s.catalog.save(id, {
      name: `重要数据资源${i + 1}`, level: i % 20 === 0 ? '核心数据' : '重要数据', category: '健康医疗数据/诊疗数据', purpose: '诊疗服务和医院管理',
      processingMethods: '收集、存储、使用、传输', usageScope: '本院临床和管理部门', retention: '30年', recordCount: 100_000 + i, volumeGb: 3.5, carrierSystem: '院内数据中心',
    });
  const setupMs = ms(t0);

  t0 = process.hrtime.bigint();
  const p = s.risk.createProject({ year: 2026 });
  const extra = s.risk.scopeList({ projectId: p.id, inScopeOnly: true, offset: 0, limit: 500 }).rows.map((r) => r.resourceId).filter((id) => !ids.includes(id));
  s.risk.scopeSet({ projectId: p.id, add: [], remove: extra });
  s.risk.updateProject({ projectId: p.id, team: Array.from({ length: 6 }, (_, i) => ({ name: `成员${i + 1}`, role: i === 0 ? '组长' : '组员', organisation: '信息中心' })) });
  const acts = ids.map((id, i) => s.risk.registerSave({ projectId: p.id, kind: 'activity', fields: { resourceIds: [id], activity: ACTIVITY_KINDS[i % 8]!, purpose: '诊疗服务', scope: '全院', systems: 'HIS', parties: '本院', notes: '' } }));
  for (let i = 0; i < 60; i++)
    s.risk.registerSave({ projectId: p.id, kind: 'measure', fields: { resourceIds: ids.slice(i * 3, i * 3 + 10), measure: MEASURE_KINDS[i % MEASURE_KINDS.length]!, description: '按制度执行并定期检查', effectiveness: i % 5 === 0 ? '部分有效' : '有效', notes: '' } });
  for (let i = 0; i < 20; i++)
    s.risk.registerSave({ projectId: p.id, kind: 'provision', fields: { resourceIds: [ids[i]!], mode: '委托处理', recipient: `受托单位${i + 1}`, purpose: '运维', agreement: '委托协议', assessed: '是', assessmentNotes: '已评估' } });
  for (let i = 0; i < 5; i++)
    s.risk.registerSave({ projectId: p.id, kind: 'crossBorder', fields: { resourceIds: [ids[i]!], recipient: `境外机构${i + 1}`, country: '新加坡', purpose: '科研合作', volume: '500条', basis: '安全评估', reference: '', notes: '' } });
  for (let i = 0; i < 10; i++)
    s.risk.registerSave({ projectId: p.id, kind: 'incident', fields: { resourceIds: [ids[i]!], title: `事件${i + 1}`, occurredAt: '2026-05-01', severity: '一般', description: '', handling: '已处置', reported: '是', status: '已处置' } });
  const sources = Array.from({ length: 20 }, (_, i) => s.risk.registerSave({ projectId: p.id, kind: 'source', fields: { resourceIds: [], name: `风险源${i + 1}`, kind: '外部攻击', description: '' } }));
  const items = s.risk.checklistGet(p.id).items;
  for (const [i, it] of items.entries()) s.risk.checklistSave({ projectId: p.id, itemId: it.id, conclusion: CHECK_CONCLUSIONS[i % 4]!, notes: '经访谈和文档审查确认' });
  for (let i = 0; i < 150; i++)
    s.risk.riskSave({
      projectId: p.id,
      fields: {
        title: `风险${i + 1}`, description: '说明', weakness: '', sourceIds: [sources[i % 20]!.id], itemIds: [items[i % items.length]!.id], resourceIds: [ids[i % ids.length]!],
        activityIds: [acts[i]!.id], likelihood: (i % 5) + 1, impact: ((i * 3) % 5) + 1, owner: '信息中心', remediation: '按计划整改', deadline: i % 3 === 0 ? '2026-01-31' : '2026-12-31',
        status: RISK_STATUSES[i % 4]!,
      },
    });
  const fillMs = ms(t0);
  const scope = s.risk.getProject(p.id).scopeCount;

  t0 = process.hrtime.bigint();
  const doc = s.risk.reportDoc(p.id);
  const modelMs = ms(t0);
  const docx = await s.risk.reportGenerate({ projectId: p.id, format: 'docx', path: path.join(dir, 'report.docx'), overwrite: false });
  console.log(`setup: demo + ${RESOURCES} catalog rows ${(setupMs / 1000).toFixed(1)} s; project and registers ${(fillMs / 1000).toFixed(1)} s`);
  console.log(`assessment: ${scope} resources in scope, ${acts.length} activities, 60 measures, 20 provisions, 5 transfers, 10 incidents, 20 sources, 150 risks, ${items.length} checklist items`);
  console.log(`report model (read + build): ${modelMs.toFixed(0)} ms, ${doc.blocks.length} blocks`);
  console.log(`docx: ${docx.ms} ms, ${(docx.bytes / 1024).toFixed(0)} KiB  ${docx.ms < 10_000 ? 'OK < 10 s' : 'SLOWER THAN 10 s'}`);
  if (findChromium()) {
    const pdf = await s.risk.reportGenerate({ projectId: p.id, format: 'pdf', path: path.join(dir, 'report.pdf'), overwrite: false });
    console.log(`pdf (Chromium): ${pdf.ms} ms, ${(pdf.bytes / 1024).toFixed(0)} KiB, ${pages(pdf.path)} pages  ${pdf.ms < 10_000 ? 'OK < 10 s' : 'SLOWER THAN 10 s'}`);
  } else console.log('pdf: no Chromium found, skipped');
  try {
    t0 = process.hrtime.bigint();
    const profile = fs.mkdtempSync(path.join(dir, 'lo-'));
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx.path], { stdio: 'pipe' });
    console.log(`(for reference) LibreOffice opens the .docx and converts it to PDF: ${ms(t0).toFixed(0)} ms, ${pages(path.join(dir, 'report.pdf'))} pages`);
  } catch {
    console.log('(LibreOffice not available)');
  }
  s.dispose();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(dir, { recursive: true, force: true }));
