/**
 * Risk-assessment fixtures: a demo unit workspace (the hospital inventory) with a profile and
 * some resources put into the important-data catalog through catalog.save, as an officer would.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PASS, TestClock, VALID_PROFILE, type AppFactory, type TestApp } from '../../helpers/backend';

export interface RiskWorkspace {
  app: TestApp;
  file: string;
  clock: TestClock;
  /** Resource ids put into the catalog: the first `core` as 核心数据, the rest as 重要数据. */
  catalogued: number[];
}

export async function riskWorkspace(apps: AppFactory, opts: { items?: number; important?: number; core?: number } = {}): Promise<RiskWorkspace> {
  const clock = new TestClock(Date.UTC(2026, 10, 20, 2, 0, 0));
  const app = apps.app({ now: clock.now });
  const file = apps.wsPath('risk');
  await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: '示例医院', operator: '王评估' });
  await app.call('profile.save', { profile: VALID_PROFILE });
  await app.call('demo.generate', { items: opts.items ?? 300, seed: 3 });
  const n = (opts.important ?? 4) + (opts.core ?? 1);
  const catalogued: number[] = [];
  for (let offset = 0; catalogued.length < n; offset += 500) {
    const page = await app.call('inventory.query', { filter: { kind: 'resource' }, offset, limit: 500 });
    if (page.rows.length === 0) break;
    for (const r of page.rows) if (catalogued.length < n) catalogued.push(r.id);
  }
  for (const [i, id] of catalogued.entries()) {
    await app.call('catalog.save', {
      resourceId: id,
      changes: {
        name: `重要数据资源${i + 1}`,
        level: i < (opts.core ?? 1) ? '核心数据' : '重要数据',
        category: '健康医疗数据/诊疗数据',
        purpose: '诊疗服务和医院管理',
        processingMethods: '收集、存储、使用、传输',
        usageScope: '本院临床和管理部门',
        retention: '30年',
        recordCount: 120000 + i,
        volumeGb: 12.5,
        carrierSystem: '院内数据中心',
      },
    });
  }
  return { app, file, clock, catalogued };
}

/** pdftotext of a PDF (layout off: the text in reading order, line breaks kept). */
export function pdfText(pdf: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Convert a .docx to PDF with LibreOffice (its own profile folder, so parallel runs do not clash). */
export function sofficeToPdf(docx: string, outDir: string): string {
  const profile = fs.mkdtempSync(path.join(outDir, 'lo-profile-'));
  const said = execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, docx], { encoding: 'utf8', stdio: 'pipe', timeout: 180_000 });
  const pdf = path.join(outDir, `${path.basename(docx, path.extname(docx))}.pdf`);
  if (!fs.existsSync(pdf)) throw new Error(`soffice wrote no ${pdf}: ${said}`);
  return pdf;
}

/** Render one page as PNG for a person to look at (test-results/risk/NAME-1.png). */
export function pageToPng(pdf: string, name: string, page = 1): string {
  const dir = path.resolve('test-results', 'risk');
  fs.mkdirSync(dir, { recursive: true });
  const prefix = path.join(dir, name);
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix]);
  return `${prefix}.png`;
}

/** Remove all whitespace: pdftotext may break a line or space out CJK text. */
export const squash = (s: string) => s.replace(/\s+/g, '');
