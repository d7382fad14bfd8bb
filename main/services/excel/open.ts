/**
 * Open a file as a workbook, whatever its extension says: the first bytes decide. A ZIP is read
 * as .xlsx, a compound file as .xls (or refused as an encrypted .xlsx), SpreadsheetML 2003 and
 * HTML tables saved as ".xls" by web systems through SheetJS, other text as CSV. Anything else is
 * refused with a clear code before a row is read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openCsv, looksBinary } from './csv';
import { excelError } from './errors';
import type { WorkbookSource } from './source';
import { inspectCompoundFile, isCompoundFile, openXls } from './xls-read';
import { openXlsx } from './xlsx-read';
import { isZip, type ZipLimits } from './zip';

/** Larger files are refused before they are read. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

export function readFileBounded(file: string, max = MAX_FILE_BYTES): Buffer {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw excelError('FILE_NOT_FOUND', { path: file });
  }
  if (!st.isFile()) throw excelError('FILE_NOT_FOUND', { path: file });
  if (st.size > max) throw excelError('FILE_TOO_LARGE', { max: `${Math.round(max / 1024 / 1024)} MB`, size: st.size });
  try {
    return fs.readFileSync(file);
  } catch {
    throw excelError('FILE_NOT_FOUND', { path: file });
  }
}

export async function openWorkbook(buf: Buffer, name: string, limits?: ZipLimits): Promise<WorkbookSource> {
  if (buf.length === 0) throw excelError('FILE_EMPTY');
  if (isZip(buf)) return openXlsx(buf, limits);
  if (isCompoundFile(buf)) {
    const kind = inspectCompoundFile(buf);
    if (kind === 'encrypted') throw excelError('FILE_ENCRYPTED');
    if (kind === 'other') throw excelError('NOT_A_SPREADSHEET');
    return openXls(buf);
  }
  // A ZIP cut off before its first header, or the start of one: PK\x05\x06 (empty) or PK\x07\x08.
  if (buf.length >= 2 && buf[0] === 0x50 && buf[1] === 0x4b && buf.length < 30) throw excelError('FILE_TRUNCATED');
  if (looksBinary(buf)) throw excelError('NOT_A_SPREADSHEET');
  const head = buf.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if ((head.startsWith('<?xml') && head.includes('urn:schemas-microsoft-com:office:spreadsheet')) || head.startsWith('<html') || head.startsWith('<!doctype html') || head.startsWith('<table'))
    return openXls(buf);
  return openCsv(buf, path.basename(name));
}
