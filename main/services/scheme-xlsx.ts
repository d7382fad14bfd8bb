/**
 * Schemes as workbooks (the simple layout of main/domain/scheme-sheet.ts, documented in
 * resources/README.md): read with the project's own workbook readers (so an .xlsx saved by
 * Excel, WPS or LibreOffice, or an .xls), written with its .xlsx writer.
 */
import type { SchemeDefinition } from '../domain/scheme';
import { SCHEME_SHEETS, schemeToSheets, sheetsToScheme, type SchemeFileProblem, type SheetIn } from '../domain/scheme-sheet';
import { openWorkbook } from './excel/open';
import { writeXlsx } from './excel/xlsx-write';

/** A scheme never has this many rows in a sheet (at most 500 categories per level); more is not a scheme. */
const MAX_ROWS_PER_SHEET = 20_000;

/** Read a workbook in the layout and check it; problems point at sheet, row and column. */
export async function readSchemeWorkbook(buf: Buffer, name: string): Promise<{ ok: true; scheme: SchemeDefinition } | { ok: false; problems: SchemeFileProblem[] }> {
  const wb = await openWorkbook(buf, name);
  const wanted = new Set<string>(Object.values(SCHEME_SHEETS));
  const sheets: SheetIn[] = [];
  for (const info of wb.sheets) {
    if (!wanted.has(info.name.trim())) continue;
    const rows: SheetIn['rows'] = [];
    for await (const r of wb.rows(info.name)) {
      if (rows.length >= MAX_ROWS_PER_SHEET)
        return { ok: false, problems: [{ path: '', sheet: info.name, row: r.row, message_zh: `工作表“${info.name}”行数过多（超过 ${MAX_ROWS_PER_SHEET} 行）`, message_en: `Sheet ${info.name} has too many rows (over ${MAX_ROWS_PER_SHEET})` }] };
      rows.push({ row: r.row, cells: r.cells });
    }
    sheets.push({ name: info.name, rows });
  }
  if (sheets.length === 0)
    return {
      ok: false,
      problems: [{
        path: '',
        message_zh: `文件中没有分类方案工作表（需要“${SCHEME_SHEETS.scheme}”“${SCHEME_SHEETS.categories}”等）。文件中的工作表：${wb.sheets.map((s) => s.name).join('、')}`,
        message_en: `The file has no sheet of the scheme layout (${SCHEME_SHEETS.scheme}, ${SCHEME_SHEETS.categories} …). Sheets in the file: ${wb.sheets.map((s) => s.name).join(', ')}`,
      }],
    };
  return sheetsToScheme(sheets);
}

/** Write the scheme in the layout (through a temporary file, renamed at the end). */
export function writeSchemeWorkbook(file: string, def: SchemeDefinition, version: number, meta: { now: Date; author: string; appVersion?: string }): number {
  const sheets = schemeToSheets(def, version).map((s) => ({ name: s.name, widths: s.widths, rows: s.rows, ...(s.header ? { header: s.header } : { labelColumn: true }) }));
  return writeXlsx(file, sheets, {
    title: `${def.name}（版本 ${version}）`,
    subject: '数据分类分级方案 / Classification scheme',
    author: meta.author,
    company: '',
    keywords: `datasteward-scheme ${def.id}`,
    description: '可在 Excel 或 WPS 中编辑后作为新版本导入 DataSteward / Edit in Excel or WPS and import into DataSteward as a new version',
    created: meta.now,
    custom: { schemeId: def.id, schemeVersion: String(version), ...(meta.appVersion ? { generator: `DataSteward ${meta.appVersion}` } : {}) },
  }).bytes;
}
