/**
 * Importing any sheet through a column mapping (issue #4 point 3).
 *
 * open → the file's sheets, the chosen sheet's header row, each column with samples and distinct
 * values (shown, never stored), a proposed target with a confidence, and the saved mappings made
 * on the same headers (the newest is proposed). recognize → with the officer's consent, the
 * recognisers' counts over up to N values of unmapped columns (the values are dropped; the audit
 * entry keeps the counts). dryRun / commit → the sheet through the mapping in the template's shape,
 * then the template import's own analysis (the same ImportPreview, problems at the source sheet's
 * cells) and its own write, in one transaction, or nothing. save / remove → named mappings, audited.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { canonicalJson } from '../../domain/canonical-json';
import { DomainError } from '../../domain/errors';
import type { RawCell } from '../../domain/sheets/cells';
import { columnLetter } from '../../domain/sheets/layout';
import {
  headerSignatureText, headerTexts, MAX_MAPPING_COLUMNS, proposalsFromSaved, proposeColumns, type MappingRules, type MappingSheetView,
  type MappingSummary, type RecognizeColumnView, type SavedMapping,
} from '../../domain/sheets/mapping';
import { findRecognizer, scanSamples, type RecognizerPack } from '../../domain/recognizers';
import type { ImportPreview, ImportResult } from '../../domain/sheets/results';
import { normalizeText } from '../../domain/text';
import { sm3Hex } from '../../crypto/sm3';
import type { MappingRow } from '../../db/repos/mapping-repo';
import type { Store } from '../../db/store';
import { wrongRole } from '../errors';
import { auditSeq, importResult, previewOf, refuseBlocking } from '../excel-service';
import type { Grading } from '../grading-service';
import type { InventoryService } from '../inventory-service';
import type { Session } from '../session';
import { excelError } from './errors';
import { analyzeImport, type ImportAnalysis } from './import-analysis';
import { applyImport } from './import-apply';
import { columnValues, headerRowCells, likeliestSheet, readMapped, scanSheet } from './mapping-read';
import { MAPPING_SYNONYMS } from './mapping-synonyms';
import { openWorkbook, readFileBounded } from './open';
import type { ParsedFile } from './read-template';
import type { WorkbookSource } from './source';

export interface MappingDeps {
  session: Session;
  actor: (operator: string) => string;
  now: () => Date;
  grading: Grading;
  inventory: () => InventoryService;
  /** The open workspace's recogniser pack. */
  recognizers: () => RecognizerPack;
}

export interface MappingImportInput {
  path: string;
  sheet: string;
  headerRow: number;
  rules: MappingRules;
  /** Columns whose values mark a row as personal information (recognisers; consent given). */
  piColumns: number[];
  /** The saved mapping used, if any (for the audit entry). */
  mappingName?: string | undefined;
}

interface Cached {
  token: string;
  key: string;
  workspace: string;
  auditSeq: number;
  parsed: ParsedFile;
  analysis: ImportAnalysis;
}

/** Values looked at per column by the recognisers, at most. */
export const MAX_RECOGNIZE_VALUES = 1000;

const mappingNotFound = (id: number | string) => new DomainError('MAPPING_NOT_FOUND', '找不到该映射方案', 'No such saved mapping', { id });
const mappingExists = (name: string) =>
  new DomainError('MAPPING_NAME_TAKEN', `已有名为“${name}”的映射方案`, `A mapping named "${name}" already exists`, { name });
const consentNeeded = () =>
  new DomainError('RECOGNIZER_CONSENT_REQUIRED', '用识别器检查未映射的列需要您的同意', 'Checking unmapped columns with the recognisers needs your consent');

function savedOf(row: MappingRow): SavedMapping {
  return {
    id: row.id, name: row.name, signature: row.signature, createdAt: row.createdAt, updatedAt: row.updatedAt,
    rules: JSON.parse(row.rulesJson) as MappingRules, headers: JSON.parse(row.headersJson) as string[],
  };
}

function summaryOf(row: MappingRow): MappingSummary {
  return { id: row.id, name: row.name, signature: row.signature, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

export function signatureOf(headers: readonly string[]): string {
  return sm3Hex(Buffer.from(headerSignatureText(headers), 'utf8'));
}

export function createMappingService(deps: MappingDeps) {
  let cache: Cached | undefined;

  /**
   * Run one of this service's own audited writes (a saved mapping, a recogniser count): they do not
   * touch the inventory, so a dry run kept from before stays valid when nothing else was written.
   */
  function ownWrite<T>(store: Store, fn: () => T): T {
    const fresh = cache !== undefined && cache.auditSeq === auditSeq(store);
    const out = store.tx(fn);
    if (fresh && cache) cache.auditSeq = auditSeq(store);
    return out;
  }

  function openUnit() {
    const s = deps.session.requireOpen();
    if (s.info.role !== 'unit') throw wrongRole('填报单位');
    return s;
  }

  async function load(filePath: string): Promise<{ buf: Buffer; source: WorkbookSource; abs: string }> {
    const abs = path.resolve(filePath);
    const buf = readFileBounded(abs);
    return { buf, abs, source: await openWorkbook(buf, path.basename(abs)) };
  }

  /** The workspace's 数据编号 by names: an imported row that names an existing entry keeps its ID. */
  function lookupOf(store: Store) {
    const live = store.inventory.getMany(store.inventory.ids({}));
    const byNames = new Map<string, string>();
    for (const e of live) byNames.set([e.systemName, e.resourceName, e.kind === 'item' ? e.itemName : ''].map((x) => normalizeText(x)).join('\u0001'), e.dataId);
    return (system: string, resource: string, item: string) => byNames.get([system, resource, item].join('\u0001'));
  }

  /** Per row: does any personal-information recogniser accept the value of one of the consented columns? */
  function personalInfoOf(pack: RecognizerPack, columns: readonly number[]) {
    if (columns.length === 0) return undefined;
    const ids = pack.recognizers.filter((r) => r.personalInfo && r.detector && !r.detector.contextOnly).map((r) => r.id);
    return (cells: readonly RawCell[]) => {
      let pi = false;
      let sensitive = false;
      for (const c of columns) {
        const v = cells[c];
        if (v === null || v === undefined || typeof v === 'object') continue;
        for (const r of scanSamples(pack, ids, [String(v)])) {
          if (r.matched === 0) continue;
          pi = true;
          if (findRecognizer(pack, r.recognizerId)?.sensitive) sensitive = true;
        }
      }
      return { pi, sensitive };
    };
  }

  async function parseMapped(input: MappingImportInput, store: Store): Promise<{ parsed: ParsedFile; key: string }> {
    const { buf, source, abs } = await load(input.path);
    const digest = sm3Hex(buf);
    const parsed = await readMapped(source, {
      name: path.basename(abs), bytes: buf.length, digest, sheet: input.sheet, headerRow: input.headerRow, rules: input.rules,
      lookup: lookupOf(store), personalInfo: personalInfoOf(deps.recognizers(), input.piColumns),
    });
    const key = canonicalJson({ path: abs, digest, sheet: input.sheet, headerRow: input.headerRow, rules: input.rules, pi: input.piColumns });
    return { parsed, key };
  }

  return {
    async open(input: { path: string; sheet?: string | undefined; headerRow?: number | undefined }): Promise<MappingSheetView> {
      const s = openUnit();
      const { buf, source, abs } = await load(input.path);
      const sheets = source.sheets.map((x) => ({ name: x.name, hidden: x.hidden }));
      const sheet = input.sheet ?? (await likeliestSheet(source, MAPPING_SYNONYMS)) ?? '';
      const scan = await scanSheet(source, sheet, input.headerRow, MAPPING_SYNONYMS);
      const signature = signatureOf(scan.headers);
      const saved = s.store.mappings.bySignature(signature).map(savedOf);
      const proposals = saved[0] ? proposalsFromSaved(scan.headers, saved[0].rules) : proposeColumns(scan.headers, MAPPING_SYNONYMS);
      return {
        file: { name: path.basename(abs), path: abs, bytes: buf.length, format: source.format, encoding: source.encoding },
        sheets, sheet, headerRow: scan.headerRow, topRows: scan.topRows, rows: scan.rows, signature, saved, synonyms: MAPPING_SYNONYMS,
        columns: scan.columns.map((c) => ({ ...c, proposal: proposals[c.index] ?? { target: '', confidence: 0, basis: 'none' } })),
      };
    },

    /**
     * The recognisers over up to `limit` values of each given column. Only with consent; the values
     * are counted and dropped; the audit entry records the counts, never a value.
     */
    async recognize(input: { path: string; sheet: string; headerRow: number; columns: number[]; limit: number; consent: boolean }): Promise<RecognizeColumnView[]> {
      const s = openUnit();
      if (!input.consent) throw consentNeeded();
      const { source, abs } = await load(input.path);
      const headers = headerTexts(await headerRowCells(source, input.sheet, input.headerRow));
      const columns = [...new Set(input.columns)].filter((c) => c < MAX_MAPPING_COLUMNS).sort((a, b) => a - b);
      const values = await columnValues(source, input.sheet, input.headerRow, columns, Math.min(input.limit, MAX_RECOGNIZE_VALUES));
      const pack = deps.recognizers();
      const out: RecognizeColumnView[] = [];
      for (const c of columns) {
        const results = scanSamples(pack, undefined, values.get(c) ?? []);
        values.delete(c); // dropped as soon as counted
        out.push({
          column: c, letter: columnLetter(c), header: headers[c] ?? '', total: results[0]?.total ?? 0,
          results: results
            .filter((r) => r.matched > 0)
            .sort((a, b) => b.matched - a.matched)
            .map((r) => {
              const rec = findRecognizer(pack, r.recognizerId)!;
              return { recognizerId: r.recognizerId, name: rec.name, nameEn: rec.nameEn, personalInfo: rec.personalInfo, sensitive: rec.sensitive, matched: r.matched, total: r.total, hit: r.hit };
            }),
        });
      }
      ownWrite(s.store, () =>
        s.store.audit.append({
          actor: deps.actor(s.operator), action: 'mapping.recognize', entity: 'workspace', entityId: null, at: deps.now().toISOString(),
          after: { file: path.basename(abs), sheet: input.sheet, pack: pack.id, columns: out.map((c) => ({ column: c.letter, total: c.total, matched: Object.fromEntries(c.results.map((r) => [r.recognizerId, r.matched])) })) },
        }),
      );
      return out;
    },

    async dryRun(input: MappingImportInput): Promise<ImportPreview> {
      const t0 = performance.now();
      const s0 = openUnit();
      const { parsed, key } = await parseMapped(input, s0.store);
      const s = openUnit();
      const analysis = analyzeImport(s.store, parsed, { inventory: deps.inventory(), grading: deps.grading });
      const token = crypto.randomBytes(12).toString('hex');
      cache = { token, key, workspace: s.path, auditSeq: auditSeq(s.store), parsed, analysis };
      return previewOf(parsed, analysis, path.resolve(input.path), token, Math.round(performance.now() - t0));
    },

    async commit(input: MappingImportInput & { token?: string | undefined; skipBlockingRows?: boolean | undefined }): Promise<ImportResult> {
      const t0 = performance.now();
      const s0 = openUnit();
      if (input.token !== undefined && (!cache || cache.token !== input.token)) throw excelError('IMPORT_STALE');
      const { parsed, key } = await parseMapped(input, s0.store);
      const s = openUnit();
      const seq = auditSeq(s.store);
      const same = cache !== undefined && cache.key === key && cache.auditSeq === seq && cache.workspace === s.path;
      if (input.token !== undefined && !same) throw excelError('IMPORT_STALE');
      const analysis = same ? cache!.analysis : analyzeImport(s.store, parsed, { inventory: deps.inventory(), grading: deps.grading });
      refuseBlocking(analysis, input.skipBlockingRows);
      const at = deps.now().toISOString();
      const actor = deps.actor(s.operator);
      const result = s.store.tx(() => {
        const r = applyImport(s.store, analysis, { at, actor, removeMissing: false, fileName: parsed.name, fileDigest: parsed.digest, format: parsed.format });
        s.store.audit.append({
          actor, action: 'mapping.import', entity: 'workspace', entityId: null, at,
          after: {
            file: parsed.name, sheet: input.sheet, headerRow: input.headerRow, mapping: input.mappingName ?? null,
            columns: input.rules.columns.length, piColumns: input.piColumns.length, batchId: r.batchId, entries: r.entries,
          },
        });
        return r;
      });
      cache = undefined;
      return importResult(result, parsed, t0);
    },

    cancel(): { cancelled: boolean } {
      const had = cache !== undefined;
      cache = undefined;
      return { cancelled: had };
    },

    list(): MappingSummary[] {
      return openUnit().store.mappings.list().map(summaryOf);
    },

    get(input: { id: number }): SavedMapping {
      const row = openUnit().store.mappings.get(input.id);
      if (!row) throw mappingNotFound(input.id);
      return savedOf(row);
    },

    /** Save the rules under a name, for sheets with the same headers as this one (replace: overwrite a mapping of that name). */
    async save(input: { name: string; path: string; sheet: string; headerRow: number; rules: MappingRules; replace: boolean }): Promise<MappingSummary> {
      openUnit();
      const { source } = await load(input.path);
      const headers = headerTexts(await headerRowCells(source, input.sheet, input.headerRow)).slice(0, MAX_MAPPING_COLUMNS);
      const signature = signatureOf(headers);
      const s = openUnit();
      const name = normalizeText(input.name);
      const at = deps.now().toISOString();
      const rulesJson = canonicalJson(input.rules);
      const headersJson = JSON.stringify(headers);
      return ownWrite(s.store, () => {
        const existing = s.store.mappings.byName(name);
        if (existing && !input.replace) throw mappingExists(name);
        let id: number;
        if (existing) {
          s.store.mappings.update(existing.id, { signature, headersJson, rulesJson, at });
          id = existing.id;
        } else id = s.store.mappings.insert({ name, signature, headersJson, rulesJson, at });
        s.store.audit.append({
          actor: deps.actor(s.operator), action: existing ? 'mapping.update' : 'mapping.save', entity: 'import_mapping', entityId: String(id), at,
          ...(existing ? { before: { name, signature: existing.signature, rules: JSON.parse(existing.rulesJson) as unknown } } : {}),
          after: { name, signature, columns: input.rules.columns.length, rules: input.rules },
        });
        return summaryOf(s.store.mappings.get(id)!);
      });
    },

    remove(input: { id: number }): { deleted: boolean } {
      const s = openUnit();
      return ownWrite(s.store, () => {
        const row = s.store.mappings.get(input.id);
        if (!row) throw mappingNotFound(input.id);
        s.store.mappings.delete(input.id);
        s.store.audit.append({
          actor: deps.actor(s.operator), action: 'mapping.delete', entity: 'import_mapping', entityId: String(row.id), at: deps.now().toISOString(),
          before: { name: row.name, signature: row.signature },
        });
        return { deleted: true };
      });
    },
  };
}

export type MappingService = ReturnType<typeof createMappingService>;
