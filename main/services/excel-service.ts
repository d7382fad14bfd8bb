/**
 * Excel round trip with the bureau's template (issue #4).
 *
 * - dryRun: read the file (xlsx, xls, csv in UTF-8 or GBK), find the template's sheets and
 *   headers, parse and check every row, compare with the workspace by 数据编号, and say what an
 *   import would do (rows added, changed field by field, removed) and every problem, pointing at
 *   its cell. Nothing is written.
 * - commit: the same analysis, then everything in ONE transaction (entries, one undoable batch,
 *   roll-up, catalog rows, unit profile, audit entries), or nothing. Rows with blocking problems
 *   are skipped only if the officer chose so; otherwise the import is refused (IMPORT_BLOCKED).
 * - export: the workspace as the template (.xlsx with drop-downs, frozen headers, page header and
 *   footer, properties as a watermark), or sheet 2 / sheet 3 as CSV (UTF-8 with a BOM).
 *
 * A dry run is kept (one slot) so that the commit that follows it does not read the file again
 * when its bytes have not changed, nor analyse again when the workspace has not changed.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { columnLetter } from '../domain/sheets/layout';
import { MAX_PREVIEW_ROWS, MAX_PROBLEMS, type ExportResult, type FindingsExportResult, type ImportCounts, type ImportPreview, type ImportResult, type PreviewRow } from '../domain/sheets/results';
import { sm3Hex } from '../crypto/sm3';
import type { Store } from '../db/store';
import { wrongRole } from './errors';
import type { Grading } from './grading-service';
import type { InventoryService } from './inventory-service';
import type { QualityService } from './quality-service';
import type { Session } from './session';
import { excelError } from './excel/errors';
import { buildCsv, buildExport, catalogInOrder, entriesInOrder } from './excel/export-build';
import { buildFindingsExport } from './excel/findings-export';
import { analyzeImport, type ImportAnalysis } from './excel/import-analysis';
import { applyImport, type ApplyResult } from './excel/import-apply';
import { readFileBounded } from './excel/open';
import { readTemplate, type ParsedFile } from './excel/read-template';
import { writeTextFile, writeXlsx } from './excel/xlsx-write';

export interface ExcelDeps {
  session: Session;
  actor: (operator: string) => string;
  now: () => Date;
  grading: Grading;
  inventory: () => InventoryService;
  /** For the findings report (质量检查问题清单). */
  quality?: (() => QualityService) | undefined;
  appVersion: string;
}

interface Cached {
  token: string;
  path: string;
  workspace: string;
  parsed: ParsedFile;
  auditSeq: number;
  analysis: ImportAnalysis;
}

/** How many audit entries the workspace has: a kept dry run is stale once anything else was written. */
export function auditSeq(store: Store): number {
  return store.audit.list(0, 1).total;
}

/** Refuses an import with blocking problems unless the officer chose to skip those rows (IMPORT_BLOCKED). */
export function refuseBlocking(analysis: ImportAnalysis, skipBlockingRows: boolean | undefined): void {
  const blocking = analysis.problems.filter((p) => p.severity === 'blocking').length;
  if (blocking > 0 && !skipBlockingRows) throw excelError('IMPORT_BLOCKED', { count: blocking });
}

/** What an import answers: what was written, the file it came from, and how long it took since `t0`. */
export function importResult(result: ApplyResult, parsed: ParsedFile, t0: number): ImportResult {
  return { ...result, file: { name: parsed.name, digest: parsed.digest }, ms: Math.round(performance.now() - t0) };
}

function counts(a: ImportAnalysis): { entries: ImportCounts; catalog: ImportCounts } {
  const entries: ImportCounts = { added: 0, changed: 0, removed: a.removals.length, unchanged: 0, skipped: 0 };
  for (const op of a.entryOps) entries[op.status]++;
  const catalog: ImportCounts = { added: 0, changed: 0, removed: a.catalogRemovals.length, unchanged: 0, skipped: 0 };
  for (const op of a.catalogOps) catalog[op.status]++;
  return { entries, catalog };
}

export function previewOf(parsed: ParsedFile, a: ImportAnalysis, filePath: string, token: string, ms: number): ImportPreview {
  const c = counts(a);
  const rows: PreviewRow[] = [];
  let rowsTotal = 0;
  const push = (r: PreviewRow) => {
    rowsTotal++;
    if (rows.length < MAX_PREVIEW_ROWS) rows.push(r);
  };
  if (a.profile && a.profile.changes.length > 0)
    push({ sheetKey: 'unit', sheet: a.profile.sheet, row: 0, dataId: '', name: '', kind: 'profile', status: a.profile.blocking ? 'skipped' : 'changed', changes: a.profile.changes });
  for (const op of a.entryOps) {
    if (op.status === 'unchanged') continue;
    push({
      sheetKey: 'inventory', sheet: parsed.inventory!.sheet, row: op.row.row, dataId: op.row.fields.dataId, name: op.row.fields.itemName || op.row.fields.resourceName,
      kind: op.kind, status: op.status === 'skipped' ? 'skipped' : op.status, changes: op.changes,
    });
  }
  for (const e of a.removals)
    push({ sheetKey: 'inventory', sheet: parsed.inventory?.sheet ?? '', row: 0, dataId: e.dataId, name: e.itemName || e.resourceName, kind: e.kind, status: 'removed', changes: [] });
  for (const op of a.catalogOps) {
    if (op.status === 'unchanged') continue;
    push({ sheetKey: 'catalog', sheet: parsed.catalog!.sheet, row: op.row.row, dataId: op.row.dataId, name: op.row.fields.name, kind: 'catalog', status: op.status === 'skipped' ? 'skipped' : op.status, changes: op.changes });
  }
  for (const r of a.catalogRemovals) push({ sheetKey: 'catalog', sheet: parsed.catalog?.sheet ?? '', row: 0, dataId: r.dataId, name: '', kind: 'catalog', status: 'removed', changes: [] });

  let blocking = 0;
  for (const p of a.problems) if (p.severity === 'blocking') blocking++;
  const sheets: ImportPreview['sheets'] = [];
  if (parsed.unit) sheets.push({ key: 'unit', name: parsed.unit.sheet, headerRow: 0, rows: Object.keys(parsed.unit.parsed.values).length, ignoredColumns: [] });
  for (const key of ['inventory', 'catalog'] as const) {
    const t = parsed[key];
    if (!t) continue;
    sheets.push({ key, name: t.sheet, headerRow: t.header.row, rows: t.rows.length, ignoredColumns: t.header.ignored.map((i) => ({ column: columnLetter(i.index), header: i.header })) });
  }
  return {
    token,
    file: { name: parsed.name, path: filePath, bytes: parsed.bytes, format: parsed.format, encoding: parsed.encoding, digest: parsed.digest },
    sheets,
    counts: c.entries,
    catalogCounts: c.catalog,
    profileChanges: a.profile?.changes ?? [],
    rows,
    rowsTotal,
    problems: a.problems.slice(0, MAX_PROBLEMS),
    problemsTotal: a.problems.length,
    blocking,
    warnings: a.problems.length - blocking,
    blockingRows: c.entries.skipped + c.catalog.skipped + (a.profile?.blocking ? 1 : 0),
    importable: blocking === 0,
    ms,
  };
}

export function createExcelService(deps: ExcelDeps) {
  let cache: Cached | undefined;

  function openUnit() {
    const s = deps.session.requireOpen();
    if (s.info.role !== 'unit') throw wrongRole('填报单位');
    return s;
  }

  async function parse(filePath: string): Promise<{ parsed: ParsedFile; reused: boolean }> {
    const buf = readFileBounded(filePath);
    if (cache && cache.path === filePath && cache.parsed.bytes === buf.length && cache.parsed.digest === sm3Hex(buf)) return { parsed: cache.parsed, reused: true };
    return { parsed: await readTemplate(buf, path.basename(filePath)), reused: false };
  }

  return {
    async dryRun(input: { path: string }): Promise<ImportPreview> {
      const t0 = performance.now();
      openUnit();
      const filePath = path.resolve(input.path);
      const { parsed } = await parse(filePath);
      // Everything below is synchronous: the workspace cannot change while it is compared.
      const s = openUnit();
      const analysis = analyzeImport(s.store, parsed, { inventory: deps.inventory(), grading: deps.grading });
      const token = crypto.randomBytes(12).toString('hex');
      cache = { token, path: filePath, workspace: s.path, parsed, auditSeq: auditSeq(s.store), analysis };
      return previewOf(parsed, analysis, filePath, token, Math.round(performance.now() - t0));
    },

    async commit(input: { path: string; token?: string | undefined; removeMissing?: boolean | undefined; skipBlockingRows?: boolean | undefined }): Promise<ImportResult> {
      const t0 = performance.now();
      openUnit();
      const filePath = path.resolve(input.path);
      if (input.token !== undefined && (!cache || cache.token !== input.token || cache.path !== filePath)) throw excelError('IMPORT_STALE');
      const { parsed, reused } = await parse(filePath);
      const s = openUnit();
      const seq = auditSeq(s.store);
      if (input.token !== undefined && (!reused || cache!.auditSeq !== seq || cache!.workspace !== s.path)) throw excelError('IMPORT_STALE');
      const analysis = reused && cache!.auditSeq === seq && cache!.workspace === s.path ? cache!.analysis : analyzeImport(s.store, parsed, { inventory: deps.inventory(), grading: deps.grading });
      refuseBlocking(analysis, input.skipBlockingRows);
      const at = deps.now().toISOString();
      const result = s.store.tx(() =>
        applyImport(s.store, analysis, {
          at, actor: deps.actor(s.operator), removeMissing: Boolean(input.removeMissing), fileName: parsed.name, fileDigest: parsed.digest, format: parsed.format,
        }),
      );
      cache = undefined;
      return importResult(result, parsed, t0);
    },

    /** Forget the kept dry run (the officer cancelled): nothing was written, and its memory is freed. */
    cancel(): { cancelled: boolean } {
      const had = cache !== undefined;
      cache = undefined;
      return { cancelled: had };
    },

    export(input: { path: string; catalogOnly?: boolean | undefined; format?: 'xlsx' | 'csv' | undefined }): ExportResult {
      const t0 = performance.now();
      const s = deps.session.requireOpen();
      const out = path.resolve(input.path);
      const format = input.format ?? (out.toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx');
      const catalogOnly = Boolean(input.catalogOnly);
      const entries = catalogOnly ? [] : entriesInOrder(s.store);
      const catalog = catalogInOrder(s.store);
      const now = deps.now();
      let bytes: number;
      if (format === 'csv') bytes = writeTextFile(out, buildCsv({ entries, catalog, catalogOnly }));
      else {
        const model = buildExport({ profile: s.store.profile.get().profile, entries, catalog, catalogOnly, now, appVersion: deps.appVersion, workspaceName: s.info.name });
        bytes = writeXlsx(out, model.sheets, model.props).bytes;
      }
      const rows = { inventory: entries.length, catalog: catalog.length };
      s.store.tx(() =>
        s.store.audit.append({
          actor: deps.actor(s.operator), action: 'excel.export', entity: 'workspace', entityId: null, at: now.toISOString(),
          after: { file: path.basename(out), format, catalogOnly, rows },
        }),
      );
      return { path: out, format, bytes, rows, ms: Math.round(performance.now() - t0) };
    },

    /**
     * The quality findings and scores as a workbook (质量检查问题清单), each finding pointing at its
     * cell as a template exported now numbers the rows.
     */
    exportFindings(input: { path: string }): FindingsExportResult {
      const t0 = performance.now();
      const s = deps.session.requireOpen();
      if (!deps.quality) throw new Error('excel service: no quality service');
      const out = path.resolve(input.path);
      const quality = deps.quality();
      const summary = quality.summary();
      const { findings } = quality.findings({ offset: 0, limit: summary.errors + summary.warnings });
      const entryRows = new Map(entriesInOrder(s.store).map((e, i) => [e.id, i + 2]));
      const catalogRows = new Map(catalogInOrder(s.store).map((c, i) => [c.resourceId, i + 2]));
      const now = deps.now();
      const profile = s.store.profile.get().profile;
      const model = buildFindingsExport({
        findings, scores: summary.scores, errors: summary.errors, warnings: summary.warnings, checkedAt: summary.checkedAt, entryRows, catalogRows,
        unit: profile.unitName || s.info.name, now, appVersion: deps.appVersion,
      });
      const bytes = writeXlsx(out, model.sheets, model.props).bytes;
      s.store.tx(() =>
        s.store.audit.append({
          actor: deps.actor(s.operator), action: 'excel.exportFindings', entity: 'workspace', entityId: null, at: now.toISOString(),
          after: { file: path.basename(out), findings: findings.length, errors: summary.errors, warnings: summary.warnings, overall: summary.scores.overall },
        }),
      );
      return { path: out, bytes, findings: findings.length, errors: summary.errors, warnings: summary.warnings, scores: summary.scores, ms: Math.round(performance.now() - t0) };
    },
  };
}

export type ExcelService = ReturnType<typeof createExcelService>;
