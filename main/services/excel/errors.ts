/** Refusals of a whole file (before any row is read): a stable code and a message in Chinese and English. */
import { DomainError } from '../../domain/errors';

export const EXCEL_ERRORS = {
  FILE_NOT_FOUND: ['找不到该文件，或无法读取', 'The file does not exist or cannot be read'],
  FILE_EMPTY: ['文件是空的', 'The file is empty'],
  FILE_TOO_LARGE: ['文件过大（超过 {max}），无法导入', 'The file is too large (over {max}) to import'],
  NOT_A_SPREADSHEET: ['这不是电子表格文件（支持 .xlsx、.xls、.csv）', 'This is not a spreadsheet (.xlsx, .xls and .csv are supported)'],
  UNSUPPORTED_FORMAT: ['不支持该文件格式，请在 Excel 或 WPS 中另存为 .xlsx 后再导入', 'This file format is not supported; save it as .xlsx in Excel or WPS and import that'],
  FILE_ENCRYPTED: ['工作簿设置了打开密码（已加密），请在 Excel 或 WPS 中取消密码后另存再导入', 'The workbook is password-protected (encrypted); remove the password in Excel or WPS, save, and import again'],
  FILE_TRUNCATED: ['文件不完整（可能在复制或下载时被截断），请重新获取该文件', 'The file is incomplete (probably cut off while copying or downloading); get the file again'],
  FILE_CORRUPT: ['文件已损坏，无法读取', 'The file is damaged and cannot be read'],
  ZIP_BOMB: ['文件解压后的大小异常（疑似压缩炸弹），已拒绝', 'The file would expand to an abnormal size (a suspected zip bomb) and was refused'],
  TOO_MANY_ROWS: ['工作表“{sheet}”超过 1,048,576 行，不是有效的工作表', 'Sheet {sheet} has more than 1,048,576 rows: not a valid worksheet'],
  IMPORT_TOO_LARGE: [
    '工作表“{sheet}”有超过 {max} 行数据，一次最多导入 {max} 行，请分成几个文件导入',
    'Sheet {sheet} has more than {max} rows of data; at most {max} rows are imported at a time: split the file',
  ],
  TOO_MANY_COLUMNS: ['工作表“{sheet}”的列数异常（超过 {max} 列）', 'Sheet {sheet} has an abnormal number of columns (more than {max})'],
  WRONG_SHEETS: [
    '文件中没有可识别的备案模板工作表（需要“数据分类分级清单”或“重要数据目录”及其表头）。文件中的工作表：{sheets}',
    'The file has no sheet of the filing template (数据分类分级清单 or 重要数据目录 with their headers). Sheets in the file: {sheets}',
  ],
  IMPORT_BLOCKED: [
    '有 {count} 个阻断性问题，未导入任何内容。请修改文件，或选择跳过有问题的行',
    '{count} blocking problems: nothing was imported. Fix the file, or choose to skip the rows with problems',
  ],
  IMPORT_STALE: [
    '文件或工作区在预览之后发生了变化，请重新预览后再导入',
    'The file or the workspace changed after the preview; preview again before importing',
  ],
  EXPORT_FAILED: ['无法写入导出文件：{reason}', 'The export file could not be written: {reason}'],
} as const;

export type ExcelErrorCode = keyof typeof EXCEL_ERRORS;

export function excelError(code: ExcelErrorCode, details: Record<string, unknown> = {}): DomainError {
  const [zh, en] = EXCEL_ERRORS[code];
  const fill = (t: string) => t.replace(/\{(\w+)\}/g, (_, k: string) => String(details[k] ?? ''));
  return new DomainError(code, fill(zh), fill(en), Object.keys(details).length > 0 ? details : undefined);
}
