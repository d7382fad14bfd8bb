/**
 * Legacy .xls workbooks (BIFF, Excel 97–2003, still written by WPS and old templates) through
 * SheetJS, and the compound-file check that tells an .xls from a password-protected .xlsx
 * (an OOXML workbook with an open password is a compound file holding EncryptionInfo and
 * EncryptedPackage streams).
 */
import * as XLSX from 'xlsx';
import type { RawCell } from '../../domain/sheets/cells';
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from '../../domain/sheets/layout';
import { excelError } from './errors';
import type { RowData, WorkbookSource } from './source';

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function isCompoundFile(buf: Buffer): boolean {
  return buf.length >= 8 && buf.subarray(0, 8).equals(CFB_MAGIC);
}

interface CfbEntry {
  name: string;
  size: number;
  type: number;
}

/** What a compound file holds: an encrypted OOXML package, a BIFF workbook, or something else. */
export function inspectCompoundFile(buf: Buffer): 'encrypted' | 'workbook' | 'other' {
  let cfb: { FileIndex: CfbEntry[] };
  try {
    cfb = (XLSX.CFB as { read(b: Buffer, o: { type: string }): { FileIndex: CfbEntry[] } }).read(buf, { type: 'buffer' });
  } catch {
    throw excelError('FILE_TRUNCATED');
  }
  const names = new Set(cfb.FileIndex.map((e) => e.name));
  if (names.has('EncryptedPackage') || names.has('EncryptionInfo')) return 'encrypted';
  if (names.has('Workbook') || names.has('Book') || names.has('WORKBOOK') || names.has('BOOK')) return 'workbook';
  return 'other';
}

interface SheetJsCell {
  t: string;
  v?: unknown;
  w?: string;
}

function cellOf(c: SheetJsCell | undefined): RawCell {
  if (!c || c.v === undefined || c.v === null) return null;
  switch (c.t) {
    case 's':
      return String(c.v);
    case 'n':
      return typeof c.v === 'number' ? c.v : Number(c.v);
    case 'b':
      return Boolean(c.v);
    case 'e':
      return { error: c.w ?? '#ERROR' };
    case 'd':
      return c.v instanceof Date ? c.v.toISOString() : String(c.v);
    default:
      return null;
  }
}

export function openXls(buf: Buffer): WorkbookSource {
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(buf, { type: 'buffer', dense: true, cellFormula: false, cellHTML: false, cellText: false, cellDates: false, cellStyles: false, bookVBA: false });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password|encrypt/i.test(msg)) throw excelError('FILE_ENCRYPTED');
    if (/unsupported|not a|unrecognized/i.test(msg)) throw excelError('NOT_A_SPREADSHEET');
    throw excelError('FILE_CORRUPT', { reason: msg.slice(0, 200) });
  }
  const hidden = new Map((wb.Workbook?.Sheets ?? []).map((s) => [s.name ?? '', Boolean(s.Hidden)]));
  return {
    format: 'xls',
    date1904: Boolean(wb.Workbook?.WBProps?.date1904),
    sheets: wb.SheetNames.map((name) => ({ name, hidden: hidden.get(name) ?? false })),
    async *rows(sheet: string) {
      const ws = wb.Sheets[sheet] as (XLSX.WorkSheet & { '!data'?: (SheetJsCell | undefined)[][] }) | undefined;
      if (!ws) throw excelError('FILE_CORRUPT', { sheet });
      const data = ws['!data'] ?? [];
      if (data.length > EXCEL_MAX_ROWS) throw excelError('TOO_MANY_ROWS', { sheet });
      for (let r = 0; r < data.length; r++) {
        const row = data[r];
        if (!row) continue;
        if (row.length > EXCEL_MAX_COLUMNS) throw excelError('TOO_MANY_COLUMNS', { sheet, max: EXCEL_MAX_COLUMNS.toLocaleString('en') });
        const cells: RawCell[] = [];
        let any = false;
        for (let c = 0; c < row.length; c++) {
          const v = cellOf(row[c]);
          if (v !== null) {
            cells[c] = v;
            any = true;
          }
        }
        if (any) yield { row: r + 1, cells } satisfies RowData;
      }
    },
  };
}
