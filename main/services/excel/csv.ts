/**
 * CSV as Excel and WPS write it on Chinese Windows: UTF-8 with or without a BOM, GBK (the ANSI
 * code page, Excel's default "CSV (逗号分隔)"), or UTF-16 with a BOM ("Unicode 文本", tab-separated).
 * The encoding is detected: a BOM, else valid UTF-8, else GBK. RFC 4180 quoting; the separator
 * is the one the header line uses most of (comma, tab or semicolon).
 */
import { unneutraliseCsv } from '../../domain/sheets/export';
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from '../../domain/sheets/layout';
import type { RawCell } from '../../domain/sheets/cells';
import { excelError } from './errors';
import type { RowData, WorkbookSource } from './source';

export function decodeText(buf: Buffer): { text: string; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'gbk' } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(buf.subarray(3)), encoding: 'utf-8' };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buf.subarray(2)), encoding: 'utf-16le' };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buf.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buf), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(buf), encoding: 'gbk' };
  }
}

/** Text that is not a spreadsheet's: NUL bytes or many control characters in the first 8 KiB. */
export function looksBinary(buf: Buffer): boolean {
  const head = buf.subarray(0, 8192);
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) return false;
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  return control > head.length / 20;
}

function guessSeparator(text: string): string {
  const firstLines = text.slice(0, 64 * 1024).split(/\r?\n/).slice(0, 12);
  let best = ',';
  let bestCount = 0;
  for (const sep of [',', '\t', ';']) {
    const n = Math.max(...firstLines.map((l) => l.split(sep).length - 1));
    if (n > bestCount) [best, bestCount] = [sep, n];
  }
  return best;
}

/** Parse CSV text into rows (each a list of cells), records numbered from 1. */
export function* parseCsv(text: string, sep = guessSeparator(text)): Generator<RowData> {
  const n = text.length;
  let i = 0;
  let row = 0;
  const sepCode = sep.charCodeAt(0);
  while (i < n) {
    row++;
    if (row > EXCEL_MAX_ROWS) throw excelError('TOO_MANY_ROWS', { sheet: 'CSV' });
    const cells: RawCell[] = [];
    let any = false;
    for (;;) {
      let value: string;
      if (text.charCodeAt(i) === 34 /* " */) {
        let j = i + 1;
        let out = '';
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) {
            out += text.slice(j);
            j = n;
            break;
          }
          out += text.slice(j, q);
          if (text.charCodeAt(q + 1) === 34) {
            out += '"';
            j = q + 2;
          } else {
            j = q + 1;
            break;
          }
        }
        // Anything between the closing quote and the separator is kept (lenient, like Excel).
        let k = j;
        while (k < n && text.charCodeAt(k) !== sepCode && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13) k++;
        value = out + text.slice(j, k);
        i = k;
      } else {
        let k = i;
        while (k < n && text.charCodeAt(k) !== sepCode && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13) k++;
        value = text.slice(i, k);
        i = k;
      }
      if (cells.length >= EXCEL_MAX_COLUMNS) throw excelError('TOO_MANY_COLUMNS', { sheet: 'CSV', max: EXCEL_MAX_COLUMNS.toLocaleString('en') });
      if (value !== '') {
        cells[cells.length] = unneutraliseCsv(value);
        any = true;
      } else cells.length++;
      if (i < n && text.charCodeAt(i) === sepCode) {
        i++;
        continue;
      }
      // end of record
      if (i < n && text.charCodeAt(i) === 13) i++;
      if (i < n && text.charCodeAt(i) === 10) i++;
      break;
    }
    if (any) yield { row, cells };
  }
}

export function openCsv(buf: Buffer, name: string): WorkbookSource {
  const { text, encoding } = decodeText(buf);
  const sheetName = name.replace(/\.[^.]*$/, '') || 'CSV';
  return {
    format: 'csv',
    date1904: false,
    encoding,
    sheets: [{ name: sheetName, hidden: false }],
    async *rows() {
      yield* parseCsv(text);
    },
  };
}
