/** Small helpers of the Excel area: cell pointers as Excel writes them, file sizes. */
import type { ImportProblem } from '../../../main/domain/sheets/problems';

/** 'Sheet2!F12' for a cell, 'Sheet2!12:12' for a whole row, 'Sheet2' for a whole sheet. */
export function cellRef(p: Pick<ImportProblem, 'sheet' | 'row' | 'column'>): string {
  const sheet = /[\s!'()-]/.test(p.sheet) ? `'${p.sheet.replaceAll("'", "''")}'` : p.sheet;
  if (p.row > 0 && p.column) return `${sheet}!${p.column}${p.row}`;
  if (p.row > 0) return `${sheet}!${p.row}:${p.row}`;
  if (p.column) return `${sheet}!${p.column}:${p.column}`;
  return sheet;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
