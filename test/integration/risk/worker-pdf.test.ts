/**
 * PDF printed by the host (as Electron does with printToPDF): the backend worker sends the report
 * HTML to the host by message, the host prints it, the PDF comes back. Here the host's printer is
 * Chromium itself; a printer that fails becomes PDF_UNAVAILABLE and the worker keeps answering.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/backend/backend';
import { createWorkerBackend, type HostPdfPrinter } from '../../../main/backend/worker-backend';
import type { Result } from '../../../main/api/result';
import { createChromiumPdf, findChromium } from '../../../main/services/risk/pdf-chromium';
import { appFactory, PASS } from '../../helpers/backend';
import { bundleWorker } from '../../helpers/bundle';
import { pdfText, squash } from './helpers';

const apps = appFactory('ds-risk-worker-');
let script = '';
const workers: Backend[] = [];

beforeAll(async () => {
  script = await bundleWorker(apps.root);
});
afterAll(async () => {
  for (const w of workers) await w.dispose().catch(() => {});
});

function worker(printer: HostPdfPrinter): Backend {
  const w = createWorkerBackend(script, { appVersion: '0.1.0-test', configDir: fs.mkdtempSync(path.join(apps.root, 'cfg-')), host: 'cli', defaultWorkspaceDir: apps.root, idleCheckMs: 0, osUser: 'tester' }, printer);
  workers.push(w);
  return w;
}

async function call<T>(w: Backend, channel: string, input: unknown): Promise<T> {
  const r: Result<unknown> = await w.invoke(channel, input, { via: 'test' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

async function projectIn(w: Backend): Promise<number> {
  await call(w, 'workspace.create', { path: apps.wsPath(), passphrase: PASS, role: 'unit', name: '线程', operator: '甲' });
  await call(w, 'demo.generate', { items: 200, seed: 2 });
  return (await call<{ id: number }>(w, 'risk.project.create', { year: 2026 })).id;
}

describe('PDF printed by the host of the worker', () => {
  it.skipIf(!findChromium())('the worker asks the host; the host prints; the report is written', async () => {
    const chromium = createChromiumPdf();
    const seen: string[] = [];
    const w = worker({ print: (html, opts) => (seen.push(html), chromium.print(html, opts)) });
    const projectId = await projectIn(w);
    const out = path.join(apps.root, 'via-host.pdf');
    const r = await call<{ format: string; bytes: number }>(w, 'risk.report.generate', { projectId, format: 'pdf', path: out });
    expect(r.format).toBe('pdf');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain('<div class="watermark">');
    expect(squash(pdfText(out))).toContain('七、数据出境情况');
  }, 120_000);

  it('a host that cannot print gives PDF_UNAVAILABLE, writes no file, and the worker keeps answering', async () => {
    const w = worker({ print: () => Promise.reject(new Error('no window')) });
    const projectId = await projectIn(w);
    const out = path.join(apps.root, 'never.pdf');
    const r = await w.invoke('risk.report.generate', { projectId, format: 'pdf', path: out }, { via: 'test' });
    expect(r).toMatchObject({ ok: false, error: { code: 'PDF_UNAVAILABLE' } });
    expect(!r.ok && r.error.message_en).toContain('no window');
    expect(fs.existsSync(out)).toBe(false);
    expect((await call<{ year: number }[]>(w, 'risk.project.list', {})).map((p) => p.year)).toEqual([2026]);
  }, 120_000);
});
