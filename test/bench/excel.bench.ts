/**
 * Benchmark: the Excel round trip at 100,000 rows. Run with `npm run bench -- excel`.
 *
 * 1. A 100,000-row template (sheet 2) written by LibreOffice: a CSV made from the demo generator
 *    (levels graded by the services' grading), converted to .xlsx by `soffice` (cached in
 *    .tmp/bench-excel/ so later runs reuse it).
 * 2. Side by side: LibreOffice opening that .xlsx and converting it to CSV
 *    (`soffice --headless --convert-to csv`), and DataSteward's dry run plus import of the same
 *    file into a fresh workspace. Prints both times and their ratio, and the peak RSS of this
 *    process during the import (sampled every 10 ms by a worker thread, so synchronous phases
 *    are sampled too).
 * 3. Export of the imported workspace (100,000 rows) to .xlsx and to CSV.
 * Needs soffice (Debian: libreoffice-calc) on the PATH; without it, says so and measures the rest
 * on a file written by DataSteward's own exporter.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createServices } from '../../main/services/index';
import { generateDemo } from '../../main/services/demo/generate';
import { flattenCategories } from '../../main/domain/scheme';
import { levelRank } from '../../main/domain/levels';
import { levelOfRank } from '../../main/db/repos/inventory-repo';
import { SHEET2_COLUMNS } from '../../main/domain/sheets/layout';
import { sheet2Row, toCsv } from '../../main/domain/sheets/export';
import type { Entry, EntryFields } from '../../main/domain/inventory';
import type { Level } from '../../main/domain/code-lists';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const root = process.cwd();
const cacheDir = path.join(root, '.tmp', 'bench-excel');
fs.mkdirSync(cacheDir, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-bench-excel-'));
const PASS = 'bench-passphrase';
const ms = (t0: number) => performance.now() - t0;
const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
const loProfile = `file://${path.join(cacheDir, 'lo-profile')}`;

function soffice(args: string[]): void {
  execFileSync('soffice', [`-env:UserInstallation=${loProfile}`, '--headless', '--norestore', ...args], { stdio: ['ignore', 'ignore', 'ignore'], timeout: 600_000 });
}

/** Peak RSS of the whole process, sampled from a worker thread (so it sees synchronous phases). */
function rssSampler(): { stop(): Promise<number> } {
  const w = new Worker(
    `const { parentPort } = require('node:worker_threads');
     let peak = 0;
     const t = setInterval(() => { const r = process.memoryUsage().rss; if (r > peak) peak = r; }, 10);
     parentPort.on('message', () => { clearInterval(t); parentPort.postMessage(Math.max(peak, process.memoryUsage().rss)); });`,
    { eval: true },
  );
  return {
    stop: () =>
      new Promise<number>((resolve) => {
        w.once('message', (peak: number) => {
          void w.terminate();
          resolve(peak);
        });
        w.postMessage('stop');
      }),
  };
}

const services = createServices({ appVersion: 'bench', configDir: work });

/** The 100,000-row template written by LibreOffice (made once, then cached). */
function templateFile(): { file: string; made: boolean; csvBytes: number } {
  const xlsx = path.join(cacheDir, `template-${ROWS}.xlsx`);
  const csv = path.join(cacheDir, `template-${ROWS}.csv`);
  if (fs.existsSync(xlsx) && fs.existsSync(csv)) return { file: xlsx, made: false, csvBytes: fs.statSync(csv).size };
  // Rows from the demo generator, graded as the workspace would grade them.
  const s = services;
  s.workspace.create({ path: path.join(work, 'grading.dsw'), passphrase: PASS, role: 'unit', name: 'grading', operator: 'bench' });
  const store = s.session.requireOpen().store;
  const scheme = s.grading.schemeFor(store, '卫生健康')!;
  const demo = generateDemo({ items: ROWS, seed: 42, categories: flattenCategories(scheme.def), industry: '卫生健康', today: new Date(Date.UTC(2026, 10, 1)), mistakeRate: 0.01 });
  const memo = new Map<string, Level | ''>();
  const grade = (kind: 'item' | 'resource', f: EntryFields): Level | '' => {
    const key = [kind, f.categoryCode, f.impactObjects, f.impactDegree, f.isPersonalInfo, f.isSensitivePersonalInfo, f.personCount ?? '', f.recordCount ?? ''].join('|');
    let l = memo.get(key);
    if (l === undefined) memo.set(key, (l = s.grading.ownSuggestion(scheme, { kind, ...f }).level ?? ''));
    return l;
  };
  const itemsOf = new Map<number, EntryFields[]>();
  for (const it of demo.items) {
    const list = itemsOf.get(it.resource) ?? [];
    list.push(it.fields);
    itemsOf.set(it.resource, list);
  }
  const rows: Entry[] = [];
  const asEntry = (f: EntryFields, suggested: Level | ''): Entry =>
    ({ ...f, level: f.level || suggested, suggestedLevel: suggested, rationale: f.level && levelRank(f.level) < levelRank(suggested) ? '' : f.rationale } as unknown as Entry);
  for (const [r, res] of demo.resources.entries()) {
    if (rows.length >= ROWS) break;
    const items = (itemsOf.get(r) ?? []).map((f) => ({ f, l: grade('item', f) }));
    const top = Math.max(levelRank(grade('resource', res.fields)), ...items.map((i) => levelRank(i.f.level || i.l)));
    rows.push(asEntry(res.fields, levelOfRank(top)));
    for (const i of items) if (rows.length < ROWS) rows.push(asEntry(i.f, i.l));
  }
  s.workspace.close();
  fs.writeFileSync(csv, toCsv([SHEET2_COLUMNS.map((c) => c.header), ...rows.map((e, i) => sheet2Row(e, i + 1))]));
  if (hasSoffice) {
    // UTF-8, comma-separated, quoted: LibreOffice's CSV import would otherwise assume the locale's charset.
    soffice(['--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', cacheDir, csv]);
    return { file: xlsx, made: true, csvBytes: fs.statSync(csv).size };
  }
  return { file: csv, made: true, csvBytes: fs.statSync(csv).size };
}

async function main() {
  const row = (label: string, value: string) => console.log(`${label.padEnd(52)} ${value}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  if (!hasSoffice) console.log('soffice not found: LibreOffice figures are skipped, the CSV template is imported instead');
  const t0 = performance.now();
  const tpl = templateFile();
  row(`template (${ROWS} rows)`, `${path.relative(root, tpl.file)}, ${(fs.statSync(tpl.file).size / 2 ** 20).toFixed(1)} MiB${tpl.made ? ` (made in ${(ms(t0) / 1000).toFixed(1)} s)` : ' (cached)'}`);

  // LibreOffice: open the .xlsx and write it as CSV.
  let loMs = NaN;
  if (hasSoffice && tpl.file.endsWith('.xlsx')) {
    const out = path.join(work, 'lo-out');
    soffice(['--convert-to', 'csv', '--outdir', out, tpl.file]); // warm the profile and the page cache
    fs.rmSync(out, { recursive: true, force: true });
    const runs: number[] = [];
    for (let i = 0; i < 2; i++) {
      const t = performance.now();
      soffice(['--convert-to', 'csv', '--outdir', out, tpl.file]);
      runs.push(ms(t));
      fs.rmSync(out, { recursive: true, force: true });
    }
    loMs = Math.min(...runs);
    row('LibreOffice: open .xlsx and convert to CSV (best of 2)', `${(loMs / 1000).toFixed(2)} s`);
  }

  // DataSteward: dry run, then import, into a fresh workspace.
  const s = services;
  const file = path.join(work, 'import.dsw');
  s.workspace.create({ path: file, passphrase: PASS, role: 'unit', name: '某区人民医院', operator: '张三' });
  const baseRss = process.memoryUsage().rss;
  const sampler = rssSampler();
  let preview: Awaited<ReturnType<typeof s.excel.dryRun>>;
  let result: Awaited<ReturnType<typeof s.excel.commit>>;
  let dryMs: number;
  let commitMs: number;
  let peak: number;
  try {
    const tDry = performance.now();
    preview = await s.excel.dryRun({ path: tpl.file });
    dryMs = ms(tDry);
    const tCommit = performance.now();
    result = await s.excel.commit({ path: tpl.file, token: preview.token, skipBlockingRows: true });
    commitMs = ms(tCommit);
  } finally {
    peak = await sampler.stop();
  }
  const total = dryMs + commitMs;
  row('DataSteward: dry run (read, check, compare)', `${(dryMs / 1000).toFixed(2)} s  (${preview.counts.added} to add, ${preview.blocking} blocking, ${preview.warnings} warnings)`);
  row('DataSteward: import (one transaction)', `${(commitMs / 1000).toFixed(2)} s  (${result.entries.added} added, ${result.entries.skipped} skipped)`);
  row('DataSteward: dry run + import', `${(total / 1000).toFixed(2)} s`);
  if (!Number.isNaN(loMs)) row('ratio (DataSteward / LibreOffice)', `${(total / loMs).toFixed(2)}  (${total < loMs ? 'faster' : 'slower'} than LibreOffice)`);
  row('peak RSS during dry run + import', `${(peak / 2 ** 20).toFixed(0)} MiB  (before: ${(baseRss / 2 ** 20).toFixed(0)} MiB)`);

  // A second dry run of the same file against the filled workspace: everything unchanged.
  const tAgain = performance.now();
  const again = await s.excel.dryRun({ path: tpl.file });
  row('dry run again (100k rows, all unchanged)', `${(ms(tAgain) / 1000).toFixed(2)} s  (${again.counts.unchanged} unchanged)`);

  // Export of the imported workspace.
  const outX = path.join(work, 'export.xlsx');
  const tX = performance.now();
  const ex = s.excel.export({ path: outX });
  row(`export ${ex.rows.inventory} rows to .xlsx`, `${(ms(tX) / 1000).toFixed(2)} s  (${(ex.bytes / 2 ** 20).toFixed(1)} MiB)`);
  const outC = path.join(work, 'export.csv');
  const tC = performance.now();
  const ec = s.excel.export({ path: outC, format: 'csv' });
  row(`export ${ec.rows.inventory} rows to CSV`, `${(ms(tC) / 1000).toFixed(2)} s  (${(ec.bytes / 2 ** 20).toFixed(1)} MiB)`);
  if (hasSoffice) {
    const t = performance.now();
    soffice(['--convert-to', 'csv', '--outdir', path.join(work, 'lo-export'), outX]);
    row('LibreOffice opens the exported .xlsx (convert to CSV)', `${(ms(t) / 1000).toFixed(2)} s`);
  }
  s.dispose();
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(work, { recursive: true, force: true }));
