/**
 * The column-mapping wizard's rules (issue #4 point 3): any sheet's columns matched to the fields of
 * the template's sheet 2 by name and synonyms with a confidence, code-list values matched value by
 * value, the header row of an arbitrary sheet, the signature a saved mapping is found by, and the
 * mapping itself as a zod schema (shared by the API contract and the stored form). Pure.
 */
import { z } from 'zod';
import type { EntryFields } from '../inventory';
import { cellText, matchCode, parseYesNo, type RawCell } from './cells';
import { findHeaderRow, headerKey, HEADER_SEARCH_ROWS } from './headers';
import { SHEET2_COLUMNS, type ColumnDef } from './layout';

/** A sheet-2 field a column can be mapped to, or 'hierarchy': one column holding 系统/资源/数据项. */
export type MappingField = Exclude<keyof EntryFields, never>;
export type MappingTarget = MappingField | 'hierarchy';

const FIELD_COLUMNS = SHEET2_COLUMNS.filter((c) => c.kind !== 'derived') as readonly ColumnDef<MappingField>[];
export const MAPPING_FIELDS: readonly MappingField[] = FIELD_COLUMNS.map((c) => c.key);
export const MAPPING_TARGETS = ['hierarchy', ...MAPPING_FIELDS] as [MappingTarget, ...MappingTarget[]];
const COLUMN_OF = new Map<string, ColumnDef>(FIELD_COLUMNS.map((c) => [c.key, c]));

/** The template column of a field (undefined for 'hierarchy'). */
export function targetColumn(target: MappingTarget): ColumnDef | undefined {
  return COLUMN_OF.get(target);
}

/** The closed list a target's values must come from, or undefined when it is free text, a number or a date. */
export function codeListOf(target: MappingTarget): readonly string[] | undefined {
  const col = COLUMN_OF.get(target);
  if (!col) return undefined;
  if (col.kind === 'code' || col.kind === 'yesno' || col.kind === 'multi') return col.list;
  return undefined;
}

/** Multi-value targets (影响对象): values are mapped part by part. */
export function isMultiTarget(target: MappingTarget): boolean {
  return COLUMN_OF.get(target)?.kind === 'multi';
}

// ------------------------------------------------------------------------------------------------
// Synonyms (resources/mapping-synonyms.json)

export const MAPPING_SYNONYMS_FORMAT = 'datasteward-mapping-synonyms/1';
const targetEnum = z.enum(MAPPING_TARGETS);
export const mappingSynonymsSchema = z.strictObject({
  format: z.literal(MAPPING_SYNONYMS_FORMAT),
  headers: z.partialRecord(targetEnum, z.array(z.string().min(1).max(60)).max(200)),
  values: z.partialRecord(targetEnum, z.record(z.string().min(1).max(60), z.array(z.string().min(1).max(60)).max(100))),
});
export type MappingSynonyms = z.output<typeof mappingSynonymsSchema>;

/** Checks a synonyms table: every value's code must be in its target's list. */
export function parseMappingSynonyms(raw: unknown): MappingSynonyms {
  const s = mappingSynonymsSchema.parse(raw);
  for (const [target, codes] of Object.entries(s.values) as [MappingTarget, Record<string, string[]>][]) {
    const list = codeListOf(target);
    if (!list) throw new Error(`mapping synonyms: ${target} has no code list`);
    for (const code of Object.keys(codes)) if (!list.includes(code)) throw new Error(`mapping synonyms: ${code} is not in the list of ${target}`);
  }
  return s;
}

// ------------------------------------------------------------------------------------------------
// Columns

export type MatchBasis = 'header' | 'template-synonym' | 'synonym' | 'partial' | 'saved' | 'none';

export interface ColumnProposal {
  target: MappingTarget | '';
  /** 0..1: 1 the template's own header, 0.95 a template synonym, 0.9 a synonym of the table, less a partial match. */
  confidence: number;
  basis: MatchBasis;
}

interface Candidate {
  column: number;
  target: MappingTarget;
  confidence: number;
  basis: MatchBasis;
}

interface HeaderIndex {
  exact: Map<string, { target: MappingTarget; confidence: number; basis: MatchBasis }>;
  /** For partial matches: every name (≥ 2 characters) of every target. */
  names: { key: string; target: MappingTarget }[];
}

const indexes = new WeakMap<MappingSynonyms, HeaderIndex>();
function indexOf(syn: MappingSynonyms): HeaderIndex {
  let ix = indexes.get(syn);
  if (ix) return ix;
  const exact: HeaderIndex['exact'] = new Map();
  const names: HeaderIndex['names'] = [];
  const put = (raw: string, target: MappingTarget, confidence: number, basis: MatchBasis) => {
    const k = headerKey(raw);
    if (!k) return;
    if (!exact.has(k)) exact.set(k, { target, confidence, basis });
    if (k.length >= 2) names.push({ key: k, target });
  };
  for (const c of FIELD_COLUMNS) put(c.header, c.key, 1, 'header');
  for (const c of FIELD_COLUMNS) for (const s of c.synonyms ?? []) put(s, c.key, 0.95, 'template-synonym');
  for (const [target, list] of Object.entries(syn.headers) as [MappingTarget, string[]][]) for (const s of list) put(s, target, 0.9, 'synonym');
  // Longer names first: 是否敏感个人信息 before 个人信息.
  names.sort((a, b) => b.key.length - a.key.length);
  ix = { exact, names };
  indexes.set(syn, ix);
  return ix;
}

/** The best target for one header, before the columns compete for targets. */
export function matchColumnHeader(raw: string, syn: MappingSynonyms): ColumnProposal {
  const k = headerKey(raw);
  if (!k) return { target: '', confidence: 0, basis: 'none' };
  const ix = indexOf(syn);
  const hit = ix.exact.get(k);
  if (hit) return { ...hit };
  // A header that contains a known name (个人信息（是/否）, 字段名称(中文)): the larger the share of the header, the surer.
  for (const n of ix.names) {
    if (k.includes(n.key)) return { target: n.target, confidence: Math.round((0.5 + 0.35 * (n.key.length / k.length)) * 100) / 100, basis: 'partial' };
  }
  return { target: '', confidence: 0, basis: 'none' };
}

/**
 * A target for each column: each header's best match, then each target given to one column only
 * (the surest wins; the others are left unmapped). Columns without a header are not proposed.
 */
export function proposeColumns(headers: readonly string[], syn: MappingSynonyms): ColumnProposal[] {
  const cands: Candidate[] = [];
  headers.forEach((h, column) => {
    const p = matchColumnHeader(h, syn);
    if (p.target) cands.push({ column, target: p.target, confidence: p.confidence, basis: p.basis });
  });
  cands.sort((a, b) => b.confidence - a.confidence || a.column - b.column);
  const out: ColumnProposal[] = headers.map(() => ({ target: '', confidence: 0, basis: 'none' }));
  const taken = new Set<MappingTarget>();
  for (const c of cands) {
    if (taken.has(c.target)) continue;
    taken.add(c.target);
    out[c.column] = { target: c.target, confidence: c.confidence, basis: c.basis };
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Values

/** The form a source value is kept in a value map (and compared by): half-width, trimmed, no inner spaces. */
export function valueKey(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

export interface ValueProposal {
  /** The code, or '' when none is proposed. */
  code: string;
  confidence: number;
  basis: 'exact' | 'normalised' | 'synonym' | 'none';
}

const valueIndexes = new WeakMap<MappingSynonyms, Map<string, Map<string, string>>>();
function valueIndex(syn: MappingSynonyms, target: MappingTarget): Map<string, string> {
  let all = valueIndexes.get(syn);
  if (!all) valueIndexes.set(syn, (all = new Map()));
  let m = all.get(target);
  if (!m) {
    m = new Map();
    const codes = syn.values[target] ?? {};
    for (const [code, list] of Object.entries(codes)) for (const s of list) if (!m.has(valueKey(s))) m.set(valueKey(s), code);
    all.set(target, m);
  }
  return m;
}

/** A code for one source value of a code-list target: exact, after normalisation (全角, spaces, 一般数据三级), or by a synonym (三级, L3). */
export function proposeValue(target: MappingTarget, raw: string, syn: MappingSynonyms): ValueProposal {
  const list = codeListOf(target);
  const none: ValueProposal = { code: '', confidence: 0, basis: 'none' };
  if (!list) return none;
  const text = raw.trim();
  if (!text) return none;
  if (list.includes(text)) return { code: text, confidence: 1, basis: 'exact' };
  const m = matchCode(list, text);
  if (m) return { code: m, confidence: 0.95, basis: 'normalised' };
  const bySyn = valueIndex(syn, target).get(valueKey(text));
  if (bySyn) return { code: bySyn, confidence: 0.85, basis: 'synonym' };
  if (list === targetColumn('isPersonalInfo')?.list) {
    const yn = parseYesNo(text);
    if (yn.ok && yn.value) return { code: yn.value, confidence: 0.9, basis: 'normalised' };
  }
  return none;
}

// ------------------------------------------------------------------------------------------------
// Header row and signature

/** Rows whose cells look like a header row: text, not numbers or dates. */
function textCells(cells: readonly RawCell[]): number {
  let n = 0;
  for (const c of cells) if (typeof c === 'string' && cellText(c) !== '' && !/^[\d.,\-/:\s]+$/.test(cellText(c))) n++;
  return n;
}

/**
 * The header row of an arbitrary sheet among its first rows: the template's own detection when
 * the sheet names enough template columns; otherwise the row that names the most known fields,
 * then the one with the most text cells (a title row above has one cell). 1-based; 0 when the
 * sheet has no rows.
 */
export function guessHeaderRow(rows: readonly { row: number; cells: readonly RawCell[] }[], syn: MappingSynonyms): number {
  const top = rows.slice(0, HEADER_SEARCH_ROWS);
  const t = findHeaderRow(top, 'inventory');
  if (t) return t.row;
  let best = { row: top[0]?.row ?? 0, score: -1 };
  for (const r of top) {
    const headers = r.cells.map((c) => (typeof c === 'string' ? c : ''));
    const known = proposeColumns(headers, syn).filter((p) => p.confidence >= 0.6).length;
    const score = known * 10 + textCells(r.cells);
    if (score > best.score) best = { row: r.row, score };
  }
  return best.row;
}

/**
 * How much a sheet looks like an inventory of data items: the most columns of one of its first
 * rows that the synonyms map with confidence (the bureau template's item sheet counts as all).
 * Used to open the right sheet of a workbook first (not a cover sheet or the unit's profile).
 */
export function inventorySheetScore(rows: readonly { row: number; cells: readonly RawCell[] }[], syn: MappingSynonyms): number {
  const top = rows.slice(0, HEADER_SEARCH_ROWS);
  if (findHeaderRow(top, 'inventory')) return Number.MAX_SAFE_INTEGER;
  let best = 0;
  for (const r of top) {
    const headers = r.cells.map((c) => (typeof c === 'string' ? c : ''));
    best = Math.max(best, proposeColumns(headers, syn).filter((p) => p.confidence >= 0.6).length);
  }
  return best;
}

/** The headers of a header row as text, trailing empty cells dropped. */
export function headerTexts(cells: readonly RawCell[]): string[] {
  const out = cells.map((c) => cellText(c));
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** What a saved mapping is found by: the header row's normalised headers in order (hashed by the service). */
export function headerSignatureText(headers: readonly string[]): string {
  return headers.map((h) => headerKey(h)).join('\u001f');
}

// ------------------------------------------------------------------------------------------------
// The mapping

/** Distinct values kept per column for the value mapping (more make it free text, not a code list). */
export const MAX_DISTINCT_VALUES = 60;
/** Sample values shown per column. */
export const MAX_SAMPLE_VALUES = 5;
/** At most this many columns of a sheet are offered for mapping. */
export const MAX_MAPPING_COLUMNS = 200;
const columnIndex = z.number().int().min(0).max(MAX_MAPPING_COLUMNS - 1);
const shortText = z.string().max(200);

/** What the officer chose: which column goes to which field, value maps, defaults for what the sheet lacks. */
export const mappingRulesSchema = z
  .strictObject({
    columns: z.array(z.strictObject({ column: columnIndex, target: targetEnum })).max(MAPPING_TARGETS.length),
    /** Per code-list target: source value (as valueKey) → code ('' = leave empty). */
    values: z.partialRecord(targetEnum, z.record(z.string().max(200), z.string().max(50))).default({}),
    /** Used when no column gives the system's or the resource's name. */
    defaults: z.strictObject({ systemName: shortText.default(''), resourceName: shortText.default('') }).default({ systemName: '', resourceName: '' }),
    /** Prefix of the 数据编号 made for rows when no column gives one. */
    dataIdPrefix: z.string().regex(/^[A-Za-z0-9_-]{1,20}$/).default('MAP'),
  })
  .superRefine((m, ctx) => {
    const seenCol = new Set<number>();
    const seenTarget = new Set<string>();
    for (const c of m.columns) {
      if (seenCol.has(c.column)) ctx.addIssue({ code: 'custom', message: `column ${c.column} is mapped twice`, path: ['columns'] });
      if (seenTarget.has(c.target)) ctx.addIssue({ code: 'custom', message: `${c.target} is mapped from two columns`, path: ['columns'] });
      seenCol.add(c.column);
      seenTarget.add(c.target);
    }
    for (const [target, map] of Object.entries(m.values) as [MappingTarget, Record<string, string>][]) {
      const list = codeListOf(target);
      if (!list) {
        ctx.addIssue({ code: 'custom', message: `${target} has no code list`, path: ['values', target] });
        continue;
      }
      for (const [k, code] of Object.entries(map)) if (code !== '' && !list.includes(code)) ctx.addIssue({ code: 'custom', message: `${code} is not a value of ${target}`, path: ['values', target, k] });
    }
  });
export type MappingRules = z.output<typeof mappingRulesSchema>;
export type MappingRulesInput = z.input<typeof mappingRulesSchema>;

/** Which sheet of a file, and which row holds its headers. */
export const sheetChoiceSchema = z.strictObject({
  sheet: z.string().min(1).max(255),
  headerRow: z.number().int().min(1).max(1_048_576),
});

export interface MappingSummary {
  id: number;
  name: string;
  signature: string;
  createdAt: string;
  updatedAt: string;
}

export interface SavedMapping extends MappingSummary {
  rules: MappingRules;
  /** The headers the mapping was made on (for display). */
  headers: string[];
}

/** A mapping for the same headers: the saved rules, each column's proposal marked 'saved'. */
export function proposalsFromSaved(headers: readonly string[], rules: MappingRules): ColumnProposal[] {
  const out: ColumnProposal[] = headers.map(() => ({ target: '', confidence: 0, basis: 'none' }));
  for (const c of rules.columns) if (c.column < out.length) out[c.column] = { target: c.target, confidence: 1, basis: 'saved' };
  return out;
}

// ------------------------------------------------------------------------------------------------
// What the wizard is answered (types shared by the service, the API contract and the UI)

export interface ColumnScan {
  index: number;
  letter: string;
  header: string;
  /** Up to 5 distinct non-blank values, for the preview (never stored). */
  samples: string[];
  nonBlank: number;
  /** Distinct values with their counts, most frequent first (bounded; distinctMore when there are more). */
  distinct: { value: string; count: number }[];
  distinctMore: boolean;
}

export interface MappingColumnView extends ColumnScan {
  proposal: ColumnProposal;
}

export interface MappingSheetView {
  file: { name: string; path: string; bytes: number; format: string; encoding?: string | undefined };
  sheets: { name: string; hidden: boolean }[];
  sheet: string;
  headerRow: number;
  /** The sheet's first rows as text (clipped), for choosing the header row. */
  topRows: { row: number; cells: string[] }[];
  columns: MappingColumnView[];
  /** Data rows below the header row. */
  rows: number;
  /** SM3 of the normalised headers: what saved mappings are found by. */
  signature: string;
  /** Saved mappings made on the same headers, the newest first; the first one's rules are proposed. */
  saved: SavedMapping[];
  /** The synonyms table (resources/mapping-synonyms.json): the wizard proposes codes for values with it. */
  synonyms: MappingSynonyms;
}

export interface RecognizeColumnView {
  column: number;
  letter: string;
  header: string;
  /** Non-blank values looked at. */
  total: number;
  /** The recognisers that accepted at least one value: counts only. */
  results: { recognizerId: string; name: string; nameEn: string; personalInfo: boolean; sensitive: boolean; matched: number; total: number; hit: boolean }[];
}
