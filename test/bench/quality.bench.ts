/**
 * Benchmark: the quality check at bureau scale. Prints its figures; run with `npm run bench -- quality`.
 * Writes the demo inventory (BENCH_ITEMS items, default 200,000; demo-service, seed 1) into a
 * fresh workspace, then times the whole check as quality.summary runs it: the first one (which
 * also stores the finding counts of ~77,000 entries), the first after unlocking again (the stored
 * summary), the first page of findings then (cold: every live row read into memory, checkQuality,
 * the catalog and the systems), a repeated one (the kept report), one after a single edit and one
 * after a bulk edit of 10,000 items (only the written rows read again), the pages of findings and
 * resources, the grid's "with findings" filter, the parts of a cold check (reading, the pure
 * rules), and recognizer.scanNames over every item. Wall and CPU times: on a shared machine the
 * wall time also waits for the CPU.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices } from '../../main/services/index';
import { checkQuality } from '../../main/domain/quality';
import { BUILTIN_QUALITY_SETTINGS } from '../../main/services/builtin-resources';
import { qualityCategories, localDate } from '../../main/services/quality-service';
import { catalogEntryOf } from '../../main/services/catalog-service';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 200_000);
const PASS = 'bench-passphrase';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ds-bench-quality-'));
/** CPU milliseconds of the last `time` call: on a shared machine, wall time waits for the CPU too. */
let lastCpu = 0;
const time = <T>(fn: () => T): [T, number] => {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const r = fn();
  const c = process.cpuUsage(c0);
  lastCpu = (c.user + c.system) / 1000;
  return [r, Number(process.hrtime.bigint() - t0) / 1e6];
};
const cpu = () => `cpu ${lastCpu.toFixed(0)} ms`;

try {
  const s = createServices({ appVersion: 'bench', configDir: dir });
  const file = path.join(dir, 'quality.dsw');
  s.workspace.create({ path: file, passphrase: PASS, role: 'unit', name: '示例医院', operator: '张三' });
  const [demo, demoMs] = time(() => s.demo.generate({ items: ITEMS, seed: 1 }));

  // The first check of a new inventory also stores a finding count for every entry with findings.
  const [, firstMs] = time(() => s.quality.summary());
  // Reopen: the first summary of the session is the stored one (nothing was written since); the
  // first page of findings then checks cold (every row read from an empty page cache into memory).
  s.workspace.lock();
  s.workspace.unlock({ passphrase: PASS });
  const [stored, storedMs] = time(() => s.quality.summary());
  const storedCpu = cpu();
  const [page, checkMs] = time(() => s.quality.findings({ offset: 0, limit: 100 }));
  const checkCpu = cpu();
  const [summary, againMs] = time(() => s.quality.summary());
  if (JSON.stringify(stored.scores) !== JSON.stringify(summary.scores) || stored.errors !== summary.errors) throw new Error('stored summary differs from the check');
  const store = s.session.requireOpen().store;
  const [, pageMs] = time(() => s.quality.findings({ offset: 0, limit: 100 }));
  const [, filteredMs] = time(() => s.quality.findings({ offset: 0, limit: 100, code: 'REQUIRED_MISSING' }));
  const [worst, byResourceMs] = time(() => s.quality.byResource({ offset: 0, limit: 50 }));
  const [withFindings, withFindingsMs] = time(() => s.inventory.query({ filter: { withFindings: true }, sort: 'dataId', desc: false, offset: 0, limit: 100 }));
  // One edit makes the report stale; the next check reads that row again (not all of them) and
  // writes only the counts that moved.
  const first = s.inventory.query({ filter: { kind: 'item' }, sort: 'dataId', desc: false, offset: 0, limit: 1 }).rows[0]!;
  s.inventory.update(first.id, { ownerPerson: first.ownerPerson ? '' : '王五' });
  const [, afterEditMs] = time(() => s.quality.summary());
  // A bulk edit of 10,000 items, then the check.
  const ids = store.inventory.ids({ kind: 'item' }).slice(0, 10_000);
  s.inventory.bulkUpdate({ ids }, { reviewedAt: localDate(new Date()) });
  const [, afterBulkMs] = time(() => s.quality.summary());
  // The parts of a cold check: reading every live row, and the pure rules over them.
  const [entries, loadMs] = time(() => store.quality.liveEntries());
  const names = new Map(store.quality.systems().map((x) => [x.id, x.name]));
  for (const e of entries) e.systemName = names.get(e.systemId) ?? '';
  const catalog = store.catalog.listed().map(catalogEntryOf);
  const [pure, pureMs] = time(() =>
    checkQuality({ entries, catalog, systems: store.quality.systems(), today: localDate(new Date()), settings: BUILTIN_QUALITY_SETTINGS, categories: qualityCategories(store) }),
  );
  // The field-name recognisers over every item (hits replaced, every scanned entry regraded), twice.
  const [scan, scanMs] = time(() => s.recognizer.scanNames({ filter: {} }));
  const scanCpu = cpu();
  const [, scanAgainMs] = time(() => s.recognizer.scanNames({ filter: {} }));
  const scanAgainCpu = cpu();
  s.dispose();

  const row = (label: string, value: string) => console.log(`${label.padEnd(50)} ${value}`);
  const sc = summary.scores;
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
  row(`demo: ${demo.items} items, ${demo.resources} resources, ${demo.systems} systems`, `${(demoMs / 1000).toFixed(1)} s  (regrade ${demo.regradeMs} ms, ${demo.batches} batches)`);
  row('planted mistakes', Object.entries(demo.mistakes).map(([k, n]) => `${k} ${n}`).join(', '));
  row('first quality.summary after the demo (stores counts)', `${firstMs.toFixed(0)} ms`);
  row('quality.summary after unlock (stored summary)', `${storedMs.toFixed(1)} ms  (${storedCpu})`);
  row('quality.findings after unlock (cold: read all + check)', `${checkMs.toFixed(0)} ms  (${checkCpu}; reported ${summary.ms} ms)`);
  row('  of which: read every live entry (warm page cache)', `${loadMs.toFixed(0)} ms`);
  row('  of which: checkQuality alone', `${pureMs.toFixed(0)} ms  (${pure.findings.length} findings)`);
  row('quality.summary again (kept report)', `${againMs.toFixed(2)} ms`);
  row('quality.summary after one edit (re-reads 1 row)', `${afterEditMs.toFixed(0)} ms`);
  row('quality.summary after a bulk edit of 10,000 items', `${afterBulkMs.toFixed(0)} ms`);
  row('findings', `${summary.errors + summary.warnings} (${summary.errors} errors, ${summary.warnings} warnings), rows ${summary.totals.sheet2Rows} + ${summary.totals.sheet3Rows}`);
  row('scores', `completeness ${sc.completeness}, consistency ${sc.consistency}, conformity ${sc.conformity}, timeliness ${sc.timeliness}, overall ${sc.overall}`);
  row('rules fired', summary.byCode.map((c) => `${c.code} ${c.count}`).join(', '));
  row('quality.findings page of 100 / filtered by code', `${pageMs.toFixed(2)} / ${filteredMs.toFixed(2)} ms  (total ${page.total})`);
  row('quality.byResource first page (scores all resources)', `${byResourceMs.toFixed(0)} ms  (worst ${worst.rows[0]?.dataId} ${worst.rows[0]?.scores.overall})`);
  row(`recognizer.scanNames, all ${scan.scanned} items (${scan.withHits} with hits)`, `${scanMs.toFixed(0)} ms  (${scanCpu}); again ${scanAgainMs.toFixed(0)} ms  (${scanAgainCpu})`);
  row('load average (1 min) at the end', os.loadavg()[0]!.toFixed(1));
  row('inventory.query withFindings, first page + total', `${withFindingsMs.toFixed(1)} ms  (total ${withFindings.total})`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
