/**
 * The classification-rules screen and CLI on top of the scheme and recogniser services: schemes
 * from and to files (JSON, or the simple xlsx layout), what activating a version would do and
 * doing it with the regrade, the recogniser pack in use, a pack from a file, the built-in pack
 * again, and sample values read from a column of a spreadsheet or CSV.
 *
 * Sample values read from a file go straight into the recogniser service's scanSamples, which
 * keeps only counts. The column chooser sees each value masked (first and last character), and
 * nothing of a value is stored, logged or audited.
 */
import path from 'node:path';
import { canonicalJson } from '../domain/canonical-json';
import { DomainError } from '../domain/errors';
import { parseScheme, flattenCategories, type SchemeDefinition } from '../domain/scheme';
import type { SchemeFileProblem } from '../domain/scheme-sheet';
import type {
  ActivationPreview, ActivationResult, FileColumns, RecognizerPackView, SampleFileScan, SchemeExportResult, SchemeFilePreview, SchemeOverview,
} from '../domain/scheme-views';
import type { RecognizerPack } from '../domain/recognizers';
import { cellText, isBlank } from '../domain/sheets/cells';
import { columnLetter } from '../domain/sheets/layout';
import type { Store } from '../db/store';
import { openWorkbook, readFileBounded } from './excel/open';
import { writeTextFile } from './excel/xlsx-write';
import type { Grading } from './grading-service';
import type { InventoryService } from './inventory-service';
import type { RecognizerService } from './recognizer-service';
import { schemeDigest, type SchemeService } from './scheme-service';
import { readSchemeWorkbook, writeSchemeWorkbook } from './scheme-xlsx';
import type { Session } from './session';

/** Rule files are small; a larger file is not one. */
const MAX_RULE_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_SAMPLE_VALUES = 10_000;
export const DEFAULT_SAMPLE_VALUES = 1000;

const schemeInvalid = (problems: SchemeFileProblem[]) =>
  new DomainError('SCHEME_INVALID', '分类方案文件有错误，未导入', 'The classification scheme has errors and was not imported', { problems });

/** A value as the column chooser may show it: its first and last character, the rest hidden. */
export function maskValue(v: string): string {
  const chars = [...v];
  if (chars.length === 0) return '';
  if (chars.length <= 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 2, 12))}${chars[chars.length - 1]}`;
}

function isJsonFile(file: string, buf: Buffer): boolean {
  if (file.toLowerCase().endsWith('.json')) return true;
  const head = buf.subarray(0, 64).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('{');
}

export function createSchemeFileService(deps: {
  session: Session;
  actor: (operator: string) => string;
  now: () => Date;
  appVersion: string;
  scheme: SchemeService;
  recognizer: RecognizerService;
  inventory: () => InventoryService;
  builtinPack: RecognizerPack;
  grading: Grading;
}) {
  async function readScheme(file: string): Promise<{ format: 'json' | 'xlsx'; result: { ok: true; scheme: SchemeDefinition } | { ok: false; problems: SchemeFileProblem[] } }> {
    const buf = readFileBounded(file, MAX_RULE_FILE_BYTES);
    if (isJsonFile(file, buf)) {
      let raw: unknown;
      try {
        raw = JSON.parse(buf.toString('utf8').replace(/^\uFEFF/, ''));
      } catch (e) {
        return { format: 'json', result: { ok: false, problems: [{ path: '', message_zh: `不是有效的 JSON：${(e as Error).message}`, message_en: `Not valid JSON: ${(e as Error).message}` }] } };
      }
      return { format: 'json', result: parseScheme(raw) };
    }
    return { format: 'xlsx', result: await readSchemeWorkbook(buf, path.basename(file)) };
  }

  function overview(store: Store): SchemeOverview[] {
    const usage = store.schemeUsage.entriesByVersion();
    const industries = store.schemeUsage.entriesByIndustry();
    return deps.scheme.list().map((s) => ({
      ...s,
      industryEntries: industries.get(s.industry) ?? 0,
      versions: s.versions.map((v) => ({ ...v, entries: usage.find((u) => u.schemeId === s.id && u.version === v.version)?.entries ?? 0 })),
    }));
  }

  return {
    overview(): SchemeOverview[] {
      return overview(deps.session.requireOpen().store);
    },

    /** Read and check a scheme file and say what importing it would do. Writes nothing. */
    async preview(file: string): Promise<SchemeFilePreview> {
      const { store } = deps.session.requireOpen();
      const abs = path.resolve(file);
      const { format, result } = await readScheme(abs);
      const base = { file: { name: path.basename(abs), format } };
      if (!result.ok) return { ...base, ok: false, problems: result.problems };
      const def = result.scheme;
      const digest = schemeDigest(def);
      const existing = store.schemes.get(def.id);
      const versions = existing ? store.schemes.versions(def.id) : [];
      const same = versions.find((v) => v.digest === digest);
      const inUse = store.schemes.inUseFor(def.industry);
      return {
        ...base,
        ok: true,
        problems: [],
        definition: def,
        summary: { categories: flattenCategories(def).length, matrixCells: def.matrix.length, floorRules: def.floorRules.length, aggregationRules: def.aggregationRules.length },
        effect: {
          kind: same ? 'unchanged' : existing ? 'new-version' : 'new-scheme',
          version: same ? same.version : versions.reduce((m, v) => Math.max(m, v.version), 0) + 1,
          sameAs: same?.version,
          industryInUse: inUse !== undefined && inUse !== def.id ? inUse : undefined,
        },
      };
    },

    /** Import a scheme file (JSON or xlsx) as a new scheme or version; refused with SCHEME_INVALID and its problems. */
    async importFile(file: string): Promise<SchemeOverview> {
      deps.session.requireOpen();
      const { result } = await readScheme(path.resolve(file));
      if (!result.ok) throw schemeInvalid(result.problems);
      const summary = deps.scheme.import(canonicalJson(result.scheme));
      return overview(deps.session.requireOpen().store).find((s) => s.id === summary.id)!;
    },

    /** A scheme version as JSON or as the xlsx layout (by the file's extension unless given). */
    export(input: { id: string; version?: number | undefined; path: string; format?: 'json' | 'xlsx' | undefined }): SchemeExportResult {
      const s = deps.session.requireOpen();
      const { version, definition } = deps.scheme.get(input.id, input.version);
      const out = path.resolve(input.path);
      const format = input.format ?? (out.toLowerCase().endsWith('.json') ? 'json' : 'xlsx');
      const now = deps.now();
      const bytes = format === 'json'
        ? writeTextFile(out, `${JSON.stringify(definition, null, 2)}\n`)
        : writeSchemeWorkbook(out, definition, version, { now, author: s.operator || deps.actor(s.operator), appVersion: deps.appVersion });
      s.store.tx(() =>
        s.store.audit.append({
          actor: deps.actor(s.operator), action: 'scheme.export', entity: 'scheme', entityId: input.id, at: now.toISOString(),
          after: { version, format, file: path.basename(out), digest: schemeDigest(definition) },
        }),
      );
      return { path: out, format, bytes, version };
    },

    /** What activating a version would do: how many entries would be regraded. */
    activationPreview(id: string, version: number): ActivationPreview {
      const { store } = deps.session.requireOpen();
      const scheme = store.schemes.get(id);
      const { definition } = deps.scheme.get(id, version);
      const usage = store.schemeUsage.entriesByVersion();
      const inUse = store.schemes.inUseFor(definition.industry);
      return {
        id,
        version,
        industry: definition.industry,
        alreadyActive: scheme?.activeVersion === version && scheme.inUse,
        replaces: inUse !== undefined && inUse !== id ? inUse : undefined,
        entriesToRegrade: store.schemeUsage.entriesByIndustry().get(definition.industry) ?? 0,
        entriesUnderOtherVersions: usage.filter((u) => u.schemeId === id && u.version !== version).reduce((n, u) => n + u.entries, 0),
      };
    },

    /** Activate a version and regrade every entry under the active schemes: all of it, or nothing. */
    activate(id: string, version: number): ActivationResult {
      const s = deps.session.requireOpen();
      let regrade: ActivationResult['regrade'];
      try {
        // The regrade's large page cache lasts until this transaction has committed.
        regrade = s.store.inventory.withLargeCache(() =>
          s.store.tx(() => {
            deps.scheme.activate(id, version);
            return deps.inventory().regrade();
          }),
        );
      } catch (e) {
        // Rolled back: the grading caches must not keep the version that was never committed.
        deps.grading.invalidate(s.store);
        throw e;
      }
      return { scheme: overview(s.store).find((x) => x.id === id)!, regrade };
    },

    packView(): RecognizerPackView {
      const { store } = deps.session.requireOpen();
      const stored = store.recognizers.pack();
      return { source: stored ? 'workspace' : 'builtin', importedAt: stored?.importedAt, pack: deps.recognizer.pack(), builtinId: deps.builtinPack.id };
    },

    /** Import a recogniser pack from a JSON file; refused with RECOGNIZER_PACK_INVALID and its problems. */
    importPackFile(file: string): RecognizerPackView {
      const buf = readFileBounded(path.resolve(file), MAX_RULE_FILE_BYTES);
      deps.recognizer.importPack(buf.toString('utf8').replace(/^\uFEFF/, ''));
      return this.packView();
    },

    resetPack(): RecognizerPackView {
      deps.recognizer.resetPack();
      return this.packView();
    },

    /** The sheets of a spreadsheet or CSV, each column's header and up to three masked values. */
    async fileColumns(file: string): Promise<FileColumns> {
      const abs = path.resolve(file);
      const wb = await openWorkbook(readFileBounded(abs), path.basename(abs));
      const sheets: FileColumns['sheets'] = [];
      for (const info of wb.sheets) {
        if (info.hidden) continue;
        let header: { row: number; cells: string[] } | undefined;
        const preview: string[][] = [];
        for await (const r of wb.rows(info.name)) {
          if (!header) header = { row: r.row, cells: r.cells.map((c) => cellText(c)) };
          else {
            r.cells.forEach((c, i) => {
              if (isBlank(c)) return;
              const col = (preview[i] ??= []);
              if (col.length < 3) col.push(maskValue(cellText(c)));
            });
            if (preview.length >= header.cells.length && preview.every((p) => p.length >= 3)) break;
          }
        }
        if (!header) continue;
        const width = Math.max(header.cells.length, preview.length);
        sheets.push({
          name: info.name,
          headerRow: header.row,
          columns: Array.from({ length: width }, (_, i) => ({ index: i, letter: columnLetter(i), header: header.cells[i] ?? '', preview: preview[i] ?? [] })),
        });
      }
      return { file: path.basename(abs), format: wb.format, sheets };
    },

    /**
     * Read up to `limit` non-blank values of one column (below the header row) and scan them as
     * samples of the entry. The values live only in this call.
     */
    async scanSampleFile(input: { entryId: number; path: string; sheet?: string | undefined; column: number; limit?: number | undefined }): Promise<SampleFileScan> {
      deps.session.requireOpen();
      const abs = path.resolve(input.path);
      const wb = await openWorkbook(readFileBounded(abs), path.basename(abs));
      const sheet = input.sheet ?? wb.sheets.find((s) => !s.hidden)?.name;
      if (sheet === undefined || !wb.sheets.some((s) => s.name === sheet))
        throw new DomainError('SHEET_NOT_FOUND', `文件中没有工作表“${input.sheet ?? ''}”`, `The file has no sheet ${input.sheet ?? ''}`, { sheet: input.sheet ?? null });
      const limit = Math.min(input.limit ?? DEFAULT_SAMPLE_VALUES, MAX_SAMPLE_VALUES);
      let values: string[] = [];
      let header: string | undefined;
      for await (const r of wb.rows(sheet)) {
        if (header === undefined) {
          header = cellText(r.cells[input.column]);
          continue;
        }
        const v = r.cells[input.column];
        if (isBlank(v)) continue;
        values.push(cellText(v));
        if (values.length >= limit) break;
      }
      const read = values.length;
      const results = deps.recognizer.scanSamples(input.entryId, values);
      values = [];
      return { sheet, column: `${columnLetter(input.column)}${header ? ` ${header}` : ''}`, read, results };
    },
  };
}

export type SchemeFileService = ReturnType<typeof createSchemeFileService>;
