/**
 * What an export writes: the rows of each sheet in the template's column order, the code lists
 * as drop-downs, and the rule that no text cell may run as a formula. Pure: the writer in
 * main/services/excel turns this into a file.
 */
import type { CatalogEntry, Entry } from '../inventory';
import type { UnitProfile } from '../profile';
import { adjustedFlag } from '../quality';
import { formatCarrier } from './cells';
import { columnLetter, SHEET1_LABELS, SHEET2_COLUMNS, SHEET3_COLUMNS, SHEET_NAMES, type ColumnDef } from './layout';

export type OutCell = string | number | null;

/** A text that a spreadsheet would take as a formula (or a DDE call) if typed: = + - @ tab CR. */
export function isFormulaLike(s: string): boolean {
  return /^[=+\-@\t\r]/.test(s);
}

/** For CSV, where a cell has no type: the text prefixed with ' so that it cannot run. */
export function neutraliseForCsv(s: string): string {
  return isFormulaLike(s) ? `'${s}` : s;
}

/** The reverse, on import of a CSV this tool (or another careful one) wrote. */
export function unneutraliseCsv(s: string): string {
  return s.length > 1 && s[0] === "'" && isFormulaLike(s.slice(1)) ? s.slice(1) : s;
}

export function sheet2Row(e: Entry, seq: number): OutCell[] {
  return SHEET2_COLUMNS.map((col) => {
    switch (col.key) {
      case 'seq':
        return seq;
      case 'suggestedLevel':
        return e.suggestedLevel || null;
      case 'adjusted':
        return adjustedFlag(e) || null;
      default: {
        const v = e[col.key];
        return v === '' || v === undefined ? null : (v as string | number | null);
      }
    }
  });
}

export function sheet3Row(c: CatalogEntry, seq: number): OutCell[] {
  return SHEET3_COLUMNS.map((col) => {
    switch (col.key) {
      case 'seq':
        return seq;
      case 'dataId':
        return c.dataId || null;
      case 'carrier':
        return formatCarrier(c.carrierKind, c.carrierSystem) || null;
      default: {
        const v = c[col.key];
        return v === '' || v === undefined ? null : (v as string | number | null);
      }
    }
  });
}

export function sheet1Rows(p: UnitProfile): OutCell[][] {
  return SHEET1_LABELS.map((l) => [l.label, p[l.key] || null]);
}

export function headerRow(columns: readonly ColumnDef[]): string[] {
  return columns.map((c) => c.header);
}

export interface DropDown {
  /** 0-based column. */
  column: number;
  list: readonly string[];
  /** Several values may be joined by 、: the list helps but does not refuse. */
  multi: boolean;
  prompt_zh: string;
}

export function dropDownsOf(columns: readonly ColumnDef[]): DropDown[] {
  const out: DropDown[] = [];
  columns.forEach((c, column) => {
    if (!c.list || c.kind === 'derived') return;
    if (c.kind === 'code' || c.kind === 'yesno') out.push({ column, list: c.list, multi: false, prompt_zh: `请从下拉列表中选择${c.header}` });
    else if (c.kind === 'multi') out.push({ column, list: c.list, multi: true, prompt_zh: `可多选，多个值用“、”分隔` });
    else if (c.kind === 'carrier') out.push({ column, list: c.list, multi: true, prompt_zh: `选择载体类型后可接系统名称，如“数据库：某系统”` });
  });
  return out;
}

/** Sheet 1's drop-downs: the rows of 单位类型 and 报送类型, value column B. */
export function sheet1DropDowns(): { row: number; list: readonly string[] }[] {
  const out: { row: number; list: readonly string[] }[] = [];
  SHEET1_LABELS.forEach((l, i) => {
    if (l.list) out.push({ row: i + 1, list: l.list });
  });
  return out;
}

/** RFC 4180 CSV, CRLF line ends, UTF-8 with a BOM (what Excel on Chinese Windows opens correctly). */
export function toCsv(rows: Iterable<readonly OutCell[]>): string {
  const lines: string[] = [];
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function csvCell(v: OutCell): string {
  if (v === null) return '';
  const s = typeof v === 'number' ? String(v) : neutraliseForCsv(v);
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

export const EXPORT_SHEETS = SHEET_NAMES;
export { columnLetter };
