/**
 * Finding the template's columns in a real sheet: the header row may sit below a title row (and
 * merged title cells), headers may carry full-width brackets, spaces, line breaks, a * or （必填）
 * mark, or a synonym (字段名称 for 数据项名称). Pure.
 */
import { cellText, type RawCell } from './cells';
import { CARRIER_SYSTEM_HEADER, SHEET2_COLUMNS, SHEET3_COLUMNS, SHEET_NAMES, type ColumnDef, type SheetKey } from './layout';

/** The form headers are compared in: NFKC (full-width → half-width), no spaces, marks removed. */
export function headerKey(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[*＊※★]/g, '')
    .replace(/[(（]?(必填|选填|必填项|可选|非必填)[)）]?/g, '')
    .replace(/[:：]$/, '')
    .replace(/[【\[]/g, '(')
    .replace(/[】\]]/g, ')')
    .toLowerCase();
}

/** Sheet names compare the same way. */
export const sheetNameKey = headerKey;

function keyMap<K extends string>(columns: readonly ColumnDef<K>[]): Map<string, K> {
  const m = new Map<string, K>();
  // Headers first, so that a synonym never shadows another column's own header.
  for (const col of columns) m.set(headerKey(col.header), col.key);
  for (const col of columns) for (const s of col.synonyms ?? []) if (!m.has(headerKey(s))) m.set(headerKey(s), col.key);
  return m;
}
const SHEET2_KEYS = keyMap(SHEET2_COLUMNS);
const SHEET3_KEYS = keyMap(SHEET3_COLUMNS);
const CARRIER_SYSTEM_KEYS = new Set([headerKey(CARRIER_SYSTEM_HEADER), headerKey('数据载体系统'), headerKey('载体系统'), headerKey('所在系统')]);

export type TableSheet = Extract<SheetKey, 'inventory' | 'catalog'>;

export function columnsOf(sheet: TableSheet): readonly ColumnDef[] {
  return sheet === 'inventory' ? SHEET2_COLUMNS : SHEET3_COLUMNS;
}

/** Which template column a header names, if any. */
export function matchHeader(sheet: TableSheet, raw: string): string | undefined {
  const k = headerKey(raw);
  if (!k) return undefined;
  if (sheet === 'catalog' && CARRIER_SYSTEM_KEYS.has(k)) return 'carrierSystem';
  return (sheet === 'inventory' ? SHEET2_KEYS : SHEET3_KEYS).get(k);
}

export interface HeaderMap {
  /** The 1-based row number of the header row. */
  row: number;
  /** Template column key → 0-based column index in the sheet. */
  columns: Map<string, number>;
  /** Column index → the header as written, for every non-empty header cell. */
  headers: Map<number, string>;
  /** Headers that appear twice: the first one is used. */
  duplicates: { key: string; index: number }[];
  /** Non-empty headers that name no template column (ignored). */
  ignored: { index: number; header: string }[];
}

/** Columns that must be found for a sheet to be read at all. */
export const KEY_COLUMNS: Record<TableSheet, readonly string[]> = {
  inventory: ['dataId', 'systemName', 'resourceName'],
  catalog: ['dataId'],
};

/** Map one row as a header row. */
export function mapHeaderRow(sheet: TableSheet, rowNumber: number, cells: readonly RawCell[]): HeaderMap {
  const columns = new Map<string, number>();
  const headers = new Map<number, string>();
  const duplicates: { key: string; index: number }[] = [];
  const ignored: { index: number; header: string }[] = [];
  cells.forEach((cell, index) => {
    const text = cellText(cell);
    if (!text) return;
    headers.set(index, typeof cell === 'string' ? cell.trim() : text); // as written, for messages
    const key = matchHeader(sheet, text);
    if (key === undefined) ignored.push({ index, header: text });
    else if (columns.has(key)) duplicates.push({ key, index });
    else columns.set(key, index);
  });
  return { row: rowNumber, columns, headers, duplicates, ignored };
}

/** How well a row looks like the header row of a sheet: the number of template columns it names. */
export function headerScore(sheet: TableSheet, cells: readonly RawCell[]): number {
  const seen = new Set<string>();
  for (const cell of cells) {
    if (typeof cell !== 'string') continue;
    const key = matchHeader(sheet, cell);
    if (key !== undefined) seen.add(key);
  }
  return seen.size;
}

/** How many rows from the top the header row is looked for in. */
export const HEADER_SEARCH_ROWS = 20;
/** At least this many template columns make a header row. */
export const MIN_HEADER_MATCHES: Record<TableSheet, number> = { inventory: 4, catalog: 4 };

export interface HeaderGuess {
  sheet: TableSheet;
  row: number;
  score: number;
}

/**
 * The best header row among the first rows of a sheet, for sheet 2 or 3. Sheet 2 and 3 share
 * headers (数据编号, 数据级别, 数据描述 …): the sheet whose own headers match more wins.
 */
export function findHeaderRow(rows: readonly { row: number; cells: readonly RawCell[] }[], only?: TableSheet): HeaderGuess | undefined {
  let best: HeaderGuess | undefined;
  for (const r of rows.slice(0, HEADER_SEARCH_ROWS)) {
    for (const sheet of only ? [only] : (['inventory', 'catalog'] as const)) {
      const score = headerScore(sheet, r.cells);
      if (score < MIN_HEADER_MATCHES[sheet]) continue;
      // Relative to the sheet's width, so that a 27-column catalog is not outvoted by the 32-column inventory.
      const rel = score / columnsOf(sheet).length;
      const bestRel = best ? best.score / columnsOf(best.sheet).length : -1;
      if (!best || rel > bestRel) best = { sheet, row: r.row, score };
    }
  }
  return best;
}

/** Which template sheet a sheet's name is, if it is one of the three names. */
export function sheetByName(name: string): SheetKey | undefined {
  const k = sheetNameKey(name);
  for (const [key, n] of Object.entries(SHEET_NAMES) as [SheetKey, string][]) if (sheetNameKey(n) === k) return key;
  // Common variants: 表1 填报单位信息, 附表2-数据分类分级清单, 重要数据目录（附件3）…
  for (const [key, n] of Object.entries(SHEET_NAMES) as [SheetKey, string][]) if (k.includes(sheetNameKey(n))) return key;
  return undefined;
}
