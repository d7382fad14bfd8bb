/**
 * Reading any sheet for the mapping wizard, with the template import's own file opening (xlsx,
 * xls, csv in UTF-8 or GBK, bounded) and row readers:
 *  - scanSheet: the header row (guessed, or the officer's), each column's header, up to 5 sample
 *    values and its distinct values with counts (bounded), for the wizard to show. Nothing of it
 *    is stored.
 *  - readMapped: every row through the mapping into the template's shape (ParsedFile), for the
 *    template import's analysis and write.
 *  - columnValues: up to N non-blank values of some columns, for the recognisers (counted, dropped).
 */
import { cellText, type RawCell } from '../../domain/sheets/cells';
import { HEADER_SEARCH_ROWS } from '../../domain/sheets/headers';
import { columnLetter } from '../../domain/sheets/layout';
import { guessHeaderRow, headerTexts, inventorySheetScore, MAX_DISTINCT_VALUES, MAX_MAPPING_COLUMNS, MAX_SAMPLE_VALUES, type ColumnScan, type MappingRules, type MappingSynonyms } from '../../domain/sheets/mapping';
import { addMissingResources, mappedHeader, mapRow, type DataIdLookup, type MapRowOptions } from '../../domain/sheets/mapping-rows';
import type { ParsedEntryRow } from '../../domain/sheets/rows';
import { DomainError } from '../../domain/errors';
import { excelError } from './errors';
import { MAX_IMPORT_ROWS, type ParsedFile } from './read-template';
import type { RowData, WorkbookSource } from './source';

/** Values are shown clipped to this many characters. */
const CLIP = 60;

export interface SheetScan {
  sheet: string;
  headerRow: number;
  /** The first rows (as text, clipped), for choosing the header row. */
  topRows: { row: number; cells: string[] }[];
  headers: string[];
  columns: ColumnScan[];
  /** Data rows below the header row. */
  rows: number;
}

const clip = (s: string) => (s.length > CLIP ? `${s.slice(0, CLIP - 1)}…` : s);

export function noSuchSheet(sheet: string, sheets: readonly string[]): DomainError {
  return new DomainError('SHEET_NOT_FOUND', `文件中没有工作表“${sheet}”（有：${sheets.join('、')}）`, `The file has no sheet "${sheet}" (it has: ${sheets.join(', ')})`, { sheet });
}

function checkSheet(source: WorkbookSource, sheet: string): void {
  if (!source.sheets.some((s) => s.name === sheet)) throw noSuchSheet(sheet, source.sheets.map((s) => s.name));
}

function headerRowMissing(row: number): DomainError {
  return new DomainError('HEADER_ROW_EMPTY', `第 ${row} 行是空行或不在前 ${HEADER_SEARCH_ROWS} 行内，不能作为表头行`, `Row ${row} is empty or not among the first ${HEADER_SEARCH_ROWS} rows, so it cannot be the header row`, { row });
}

export async function scanSheet(source: WorkbookSource, sheet: string, headerRow: number | undefined, syn: MappingSynonyms): Promise<SheetScan> {
  checkSheet(source, sheet);
  const top: RowData[] = [];
  let header: RowData | undefined;
  let chosen = headerRow ?? 0;
  let columns: (ColumnScan & { seen: Map<string, number> })[] = [];
  let rows = 0;
  const start = () => {
    if (chosen === 0) chosen = guessHeaderRow(top, syn);
    header = top.find((r) => r.row === chosen);
    if (!header && headerRow !== undefined) throw headerRowMissing(headerRow);
    const texts = header ? headerTexts(header.cells).slice(0, MAX_MAPPING_COLUMNS) : [];
    columns = texts.map((h, index) => ({ index, letter: columnLetter(index), header: h, samples: [], nonBlank: 0, distinct: [], distinctMore: false, seen: new Map() }));
  };
  const take = (r: RowData) => {
    if (r.row <= chosen) return;
    if (++rows > MAX_IMPORT_ROWS) throw excelError('IMPORT_TOO_LARGE', { sheet, max: MAX_IMPORT_ROWS.toLocaleString('en') });
    for (let i = 0; i < r.cells.length && i < MAX_MAPPING_COLUMNS; i++) {
      const text = cellText(r.cells[i] as RawCell);
      if (!text) continue;
      while (columns.length <= i) columns.push({ index: columns.length, letter: columnLetter(columns.length), header: '', samples: [], nonBlank: 0, distinct: [], distinctMore: false, seen: new Map() });
      const c = columns[i]!;
      c.nonBlank++;
      const v = clip(text);
      const n = c.seen.get(v);
      if (n !== undefined) c.seen.set(v, n + 1);
      else if (c.seen.size < MAX_DISTINCT_VALUES) {
        c.seen.set(v, 1);
        if (c.samples.length < MAX_SAMPLE_VALUES) c.samples.push(v);
      } else c.distinctMore = true;
    }
  };
  // The first rows are kept to find (or check) the header row; then every row is counted.
  let started = false;
  const begin = () => {
    start();
    started = true;
    for (const t of top) take(t);
  };
  for await (const r of source.rows(sheet)) {
    if (started) take(r);
    else if (top.push(r) >= HEADER_SEARCH_ROWS) begin();
  }
  if (!started) begin();
  return {
    sheet,
    headerRow: chosen,
    topRows: top.map((r) => ({ row: r.row, cells: r.cells.slice(0, 30).map((c) => clip(cellText(c))) })),
    headers: columns.map((c) => c.header),
    columns: columns.map(({ seen, ...c }) => ({ ...c, distinct: [...seen].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count) })),
    rows,
  };
}

/** The cells of the header row (undefined when the row is empty or beyond the sheet). */
/** The visible sheet that looks most like an inventory (first rows only; at most 30 sheets looked at). */
export async function likeliestSheet(source: WorkbookSource, syn: MappingSynonyms): Promise<string | undefined> {
  const visible = source.sheets.filter((x) => !x.hidden);
  if (visible.length <= 1) return visible[0]?.name ?? source.sheets[0]?.name;
  let best: { name: string; score: number } | undefined;
  for (const sh of visible.slice(0, 30)) {
    const top: RowData[] = [];
    for await (const r of source.rows(sh.name)) {
      top.push(r);
      if (top.length >= HEADER_SEARCH_ROWS) break;
    }
    const score = inventorySheetScore(top, syn);
    if (!best || score > best.score) best = { name: sh.name, score };
  }
  return best?.name;
}

export async function headerRowCells(source: WorkbookSource, sheet: string, headerRow: number): Promise<RawCell[]> {
  checkSheet(source, sheet);
  for await (const r of source.rows(sheet)) {
    if (r.row === headerRow) return r.cells;
    if (r.row > headerRow) break;
  }
  throw headerRowMissing(headerRow);
}

export interface ReadMappedInput {
  name: string;
  bytes: number;
  digest: string;
  sheet: string;
  headerRow: number;
  rules: MappingRules;
  lookup: DataIdLookup;
  personalInfo?: MapRowOptions['personalInfo'];
}

/** Every row of the sheet through the mapping, as the template reader would give sheet 2. */
export async function readMapped(source: WorkbookSource, input: ReadMappedInput): Promise<ParsedFile> {
  const t0 = performance.now();
  const headerCells = await headerRowCells(source, input.sheet, input.headerRow);
  const mapped = mappedHeader(input.rules, input.headerRow, headerCells);
  const ctx = { sheet: input.sheet, sheetKey: 'inventory' as const, header: mapped.header, date1904: source.date1904 };
  const opts: MapRowOptions = { lookup: input.lookup, personalInfo: input.personalInfo };
  let rows: ParsedEntryRow[] = [];
  for await (const r of source.rows(input.sheet)) {
    if (r.row <= input.headerRow) continue;
    const p = mapRow(mapped, ctx, r.row, r.cells, opts);
    if (p && rows.push(p) > MAX_IMPORT_ROWS) throw excelError('IMPORT_TOO_LARGE', { sheet: input.sheet, max: MAX_IMPORT_ROWS.toLocaleString('en') });
  }
  rows = addMissingResources(rows, input.rules, input.lookup);
  return {
    name: input.name, format: source.format, encoding: source.encoding, bytes: input.bytes, digest: input.digest, sheetNames: source.sheets.map((s) => s.name),
    inventory: { sheet: input.sheet, header: mapped.header, rows }, problems: [], ms: Math.round(performance.now() - t0),
  };
}

/** Up to `limit` non-blank values of each of some columns below the header row. */
export async function columnValues(source: WorkbookSource, sheet: string, headerRow: number, columns: readonly number[], limit: number): Promise<Map<number, string[]>> {
  checkSheet(source, sheet);
  const out = new Map(columns.map((c) => [c, [] as string[]]));
  let open = columns.length;
  for await (const r of source.rows(sheet)) {
    if (r.row <= headerRow) continue;
    for (const [c, list] of out) {
      if (list.length >= limit) continue;
      const v = cellText(r.cells[c] ?? null);
      if (!v) continue;
      list.push(v);
      if (list.length === limit) open--;
    }
    if (open === 0) break;
  }
  return out;
}
