/**
 * Read a workbook as the bureau template, before any comparison with the workspace: find which
 * sheet is which (by name, else by its headers), find each header row (below a title row if
 * there is one), map the columns, and parse every row into fields and cell problems.
 */
import { sm3Hex } from '../../crypto/sm3';
import { cellText, type RawCell } from '../../domain/sheets/cells';
import {
  findHeaderRow, HEADER_SEARCH_ROWS, KEY_COLUMNS, mapHeaderRow, matchHeader, sheetByName, columnsOf, headerKey, type HeaderMap, type TableSheet,
} from '../../domain/sheets/headers';
import { columnLetter, SHEET1_LABELS, SHEET_NAMES, SHEET_NAMES_EN, type SheetKey } from '../../domain/sheets/layout';
import { problem, type ImportProblem } from '../../domain/sheets/problems';
import {
  parseCatalogRow, parseEntryRow, parseProfileSheet, SHEET1_MAX_ROWS, type ParsedCatalogRow, type ParsedEntryRow, type ParsedProfile,
} from '../../domain/sheets/rows';
import { excelError } from './errors';
import { openWorkbook } from './open';
import type { RowData, WorkbookSource } from './source';
import type { ZipLimits } from './zip';

/**
 * Rows of data read from one file at most: memory grows with the rows kept for the comparison
 * (≈ 6 KiB a row with the analysis, 660 MiB at 100,000 rows), and a bureau's whole district is
 * a few hundred thousand rows.
 */
export const MAX_IMPORT_ROWS = 300_000;

export interface ParsedTable<R> {
  sheet: string;
  header: HeaderMap;
  rows: R[];
}

export interface ParsedFile {
  name: string;
  format: WorkbookSource['format'];
  encoding?: string | undefined;
  bytes: number;
  /** SM3 of the file's bytes. */
  digest: string;
  sheetNames: string[];
  inventory?: ParsedTable<ParsedEntryRow> | undefined;
  catalog?: ParsedTable<ParsedCatalogRow> | undefined;
  unit?: { sheet: string; parsed: ParsedProfile } | undefined;
  /** Problems about whole sheets and headers (row problems are on the rows). */
  problems: ImportProblem[];
  ms: number;
}

/** Rows of a sheet's top, for finding its header row (or sheet 1's labels). */
async function topRows(source: WorkbookSource, sheet: string, maxRows: number, maxRowNumber: number): Promise<RowData[]> {
  const out: RowData[] = [];
  for await (const r of source.rows(sheet)) {
    if (r.row > maxRowNumber) break;
    out.push(r);
    if (out.length >= maxRows) break;
  }
  return out;
}

/**
 * Header rows split over two rows: a group header merged across columns (基本信息 over
 * 数据编号 … 数据描述) above the real headers, with the columns outside a group merged down over
 * both rows, so that their header sits in the upper row only. Each row is given, in its empty
 * cells, the template headers of the row right above it; the header row then names every column.
 * (A data row below the header gains at most what the header row itself has, and the earlier row
 * wins a tie, so the header row is still the one found.)
 */
export function withHeadersAbove(rows: readonly RowData[]): RowData[] {
  return rows.map((r, i) => {
    const above = i > 0 && rows[i - 1]!.row === r.row - 1 ? rows[i - 1]!.cells : undefined;
    if (!above) return r;
    let cells: RawCell[] | undefined;
    above.forEach((c, j) => {
      const own = r.cells[j];
      if (typeof c !== 'string' || (own !== undefined && own !== null && cellText(own) !== '')) return;
      if (matchHeader('inventory', c) === undefined && matchHeader('catalog', c) === undefined) return;
      (cells ??= [...r.cells])[j] = c;
    });
    return cells ? { row: r.row, cells } : r;
  });
}

const LABEL_KEYS = new Set(SHEET1_LABELS.flatMap((l) => [l.label, ...(l.synonyms ?? [])].map(headerKey)));

function labelCount(rows: readonly RowData[]): number {
  const seen = new Set<string>();
  for (const r of rows) for (const c of r.cells) if (typeof c === 'string' && LABEL_KEYS.has(headerKey(c))) seen.add(headerKey(c));
  return seen.size;
}

export async function readTemplate(buf: Buffer, name: string, limits?: ZipLimits): Promise<ParsedFile> {
  const t0 = performance.now();
  const source = await openWorkbook(buf, name, limits);
  const digest = sm3Hex(buf);
  const problems: ImportProblem[] = [];
  const sheetNames = source.sheets.map((s) => s.name);

  // The top of every sheet: its header row, or sheet 1's labels.
  const tops = new Map<string, RowData[]>();
  for (const s of source.sheets) tops.set(s.name, await topRows(source, s.name, Math.max(HEADER_SEARCH_ROWS, SHEET1_MAX_ROWS), 200));
  // The same rows for finding a header row that a group header row splits in two.
  const headerTops = new Map([...tops].map(([name, rows]) => [name, withHeadersAbove(rows.slice(0, HEADER_SEARCH_ROWS))]));

  const named = new Map<SheetKey, string>();
  for (const s of source.sheets) {
    const k = sheetByName(s.name);
    if (k && !named.has(k)) named.set(k, s.name);
  }
  const chosen = new Map<TableSheet, { sheet: string; row: number }>();
  const used = new Set<string>();
  for (const key of ['inventory', 'catalog'] as const) {
    const byName = named.get(key);
    if (byName) {
      const g = findHeaderRow(headerTops.get(byName)!, key);
      if (g) {
        chosen.set(key, { sheet: byName, row: g.row });
        used.add(byName);
        continue;
      }
    }
  }
  // Sheets not named as the template names them: by their headers.
  for (const key of ['inventory', 'catalog'] as const) {
    if (chosen.has(key)) continue;
    let best: { sheet: string; row: number; score: number } | undefined;
    for (const s of source.sheets) {
      if (used.has(s.name)) continue;
      if (named.get(key === 'inventory' ? 'catalog' : 'inventory') === s.name) continue;
      const g = findHeaderRow(headerTops.get(s.name)!);
      if (g && g.sheet === key && (!best || g.score > best.score)) best = { sheet: s.name, row: g.row, score: g.score };
    }
    if (best) {
      chosen.set(key, best);
      used.add(best.sheet);
    }
  }

  if (!chosen.has('inventory') && !chosen.has('catalog')) {
    throw excelError('WRONG_SHEETS', { sheets: sheetNames.map((n) => `“${n}”`).join('、') || '—', sheetNames });
  }

  const date1904 = source.date1904;
  const result: ParsedFile = {
    name, format: source.format, encoding: source.encoding, bytes: buf.length, digest, sheetNames, problems, ms: 0,
  };

  for (const key of ['inventory', 'catalog'] as const) {
    const c = chosen.get(key);
    const namedSheet = named.get(key);
    if (!c) {
      if (namedSheet) {
        // The sheet is there by name, but its header row is not.
        for (const col of KEY_COLUMNS[key]) {
          const def = columnsOf(key).find((d) => d.key === col)!;
          problems.push(problem('HEADER_MISSING', { sheet: namedSheet, sheetKey: key, row: 0, header: def.header, field: col }, { headerEn: def.headerEn }));
        }
      } else if (source.format !== 'csv') {
        problems.push(problem('SHEET_MISSING', { sheet: SHEET_NAMES[key], sheetKey: key, row: 0 }, { x: [SHEET_NAMES[key], `${SHEET_NAMES[key]} (${SHEET_NAMES_EN[key]})`] }));
      }
      continue;
    }
    const headerCells = headerTops.get(c.sheet)!.find((r) => r.row === c.row)!.cells;
    const header = mapHeaderRow(key, c.row, headerCells);
    const missing = KEY_COLUMNS[key].filter((k) => !header.columns.has(k));
    for (const col of missing) {
      const def = columnsOf(key).find((d) => d.key === col)!;
      problems.push(problem('HEADER_MISSING', { sheet: c.sheet, sheetKey: key, row: c.row, header: def.header, field: col }, { headerEn: def.headerEn }));
    }
    for (const d of header.duplicates) {
      problems.push(problem('HEADER_DUPLICATE', { sheet: c.sheet, sheetKey: key, row: c.row, column: columnLetter(d.index), header: header.headers.get(d.index) ?? '', field: d.key }));
    }
    if (missing.length > 0) continue;
    const ctx = { sheet: c.sheet, sheetKey: key, header, date1904 };
    if (key === 'inventory') {
      const rows: ParsedEntryRow[] = [];
      for await (const r of source.rows(c.sheet)) {
        if (r.row <= c.row) continue;
        const p = parseEntryRow(ctx, r.row, r.cells);
        if (p && rows.push(p) > MAX_IMPORT_ROWS) throw excelError('IMPORT_TOO_LARGE', { sheet: c.sheet, max: MAX_IMPORT_ROWS.toLocaleString('en') });
      }
      result.inventory = { sheet: c.sheet, header, rows };
    } else {
      const rows: ParsedCatalogRow[] = [];
      for await (const r of source.rows(c.sheet)) {
        if (r.row <= c.row) continue;
        const p = parseCatalogRow(ctx, r.row, r.cells);
        if (p && rows.push(p) > MAX_IMPORT_ROWS) throw excelError('IMPORT_TOO_LARGE', { sheet: c.sheet, max: MAX_IMPORT_ROWS.toLocaleString('en') });
      }
      result.catalog = { sheet: c.sheet, header, rows };
    }
  }

  // Sheet 1: by name, else a sheet not used above whose top holds several of its labels.
  let unitSheet = named.get('unit');
  if (!unitSheet || used.has(unitSheet)) {
    unitSheet = source.sheets.map((s) => s.name).find((n) => !used.has(n) && labelCount(tops.get(n)!) >= 3);
  }
  if (unitSheet) {
    result.unit = { sheet: unitSheet, parsed: parseProfileSheet(tops.get(unitSheet)!.map((r) => ({ row: r.row, cells: r.cells })), date1904) };
  } else if (source.format !== 'csv') {
    problems.push(problem('SHEET_MISSING', { sheet: SHEET_NAMES.unit, sheetKey: 'unit', row: 0 }, { x: [SHEET_NAMES.unit, `${SHEET_NAMES.unit} (${SHEET_NAMES_EN.unit})`] }));
  }
  result.ms = Math.round(performance.now() - t0);
  return result;
}
