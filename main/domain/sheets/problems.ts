/**
 * Problems found in an imported sheet, each pointing at a cell as Excel shows it (sheet name,
 * 1-based row, column letter and header), with a stable code, a severity and a message in
 * Chinese and English. A blocking problem makes its row (or sheet) unusable; a warning does not.
 */
import type { SheetKey } from './layout';

export type ProblemSeverity = 'blocking' | 'warning';

export interface ImportProblem {
  /** The sheet's name as written in the file (for a CSV: the file's name). */
  sheet: string;
  sheetKey: SheetKey;
  /** 1-based, as Excel shows it; 0 when the problem is about the whole sheet. */
  row: number;
  /** Column letter (A, B … AF); '' when the problem is about a row or a sheet. */
  column: string;
  /** The column's header as written in the file ('' when none). */
  header: string;
  /** The template field (EntryFields / CatalogFields / UnitProfile key), when there is one. */
  field?: string | undefined;
  code: ImportProblemCode;
  severity: ProblemSeverity;
  message_zh: string;
  message_en: string;
  /** 数据编号 of the row, when known. */
  dataId?: string | undefined;
}

interface ProblemDef {
  severity: ProblemSeverity;
  /** {header} is the column's header, {value} the cell's value, {x} a detail. */
  zh: string;
  en: string;
}

export const IMPORT_PROBLEMS = {
  // sheets and headers
  SHEET_MISSING: { severity: 'warning', zh: '文件中没有“{x}”工作表，该部分不导入', en: 'The file has no "{x}" sheet; that part is not imported' },
  HEADER_MISSING: { severity: 'blocking', zh: '找不到必需的列“{header}”，该工作表无法导入', en: 'Required column {header} not found: the sheet cannot be imported' },
  HEADER_DUPLICATE: { severity: 'warning', zh: '列“{header}”出现了两次，只读取第一列', en: 'Column {header} appears twice; only the first one is read' },
  FORMULA_ERROR: { severity: 'blocking', zh: '“{header}”是公式，结果为错误值 {value}', en: '{header} is a formula whose result is the error {value}' },
  // values
  REQUIRED_MISSING: { severity: 'blocking', zh: '“{header}”未填写，该行无法导入', en: '{header} is empty: the row cannot be imported' },
  RECOMMENDED_MISSING: { severity: 'warning', zh: '“{header}”未填写（必填项，可导入后补充）', en: '{header} is empty (required for filing; it can be completed after the import)' },
  LEVEL_EMPTY: { severity: 'warning', zh: '数据级别未填写，导入后采用参考级别，须确认', en: 'No level given: the suggested level is used and must be confirmed' },
  VALUE_NOT_IN_LIST: { severity: 'blocking', zh: '“{header}”的值“{value}”不在代码表中（可选：{x}）', en: 'The value "{value}" of {header} is not in its code list ({x})' },
  DATE_INVALID: { severity: 'blocking', zh: '“{header}”的值“{value}”不是有效日期（应为 yyyy-mm-dd）', en: 'The value "{value}" of {header} is not a valid date (yyyy-mm-dd)' },
  NUMBER_INVALID: { severity: 'blocking', zh: '“{header}”的值“{value}”不是数字', en: 'The value "{value}" of {header} is not a number' },
  NUMBER_NOT_INTEGER: { severity: 'blocking', zh: '“{header}”的值“{value}”应为非负整数', en: 'The value "{value}" of {header} must be a non-negative whole number' },
  NUMBER_NEGATIVE: { severity: 'blocking', zh: '“{header}”的值“{value}”不能为负数', en: 'The value "{value}" of {header} cannot be negative' },
  YESNO_INVALID: { severity: 'blocking', zh: '“{header}”的值“{value}”应为“是”或“否”', en: 'The value "{value}" of {header} must be 是 or 否' },
  TOO_LONG: { severity: 'blocking', zh: '“{header}”超过 {x} 个字符', en: '{header} is longer than {x} characters' },
  SENSITIVE_WITHOUT_PI: { severity: 'blocking', zh: '是否敏感个人信息为“是”，是否个人信息却为“否”（敏感个人信息必然是个人信息）', en: 'Sensitive personal information is marked 是 but personal information is 否 (sensitive PI is PI)' },
  CATEGORY_CODE_AS_NUMBER: { severity: 'warning', zh: '分类编码被表格存成了数字（{value}），已按类别路径读作“{x}”', en: 'The category code was stored as a number ({value}); read as {x} from the category path' },
  // rows against each other and against the workspace
  DATA_ID_DUPLICATE: { severity: 'blocking', zh: '数据编号“{value}”与第 {x} 行重复', en: 'The data ID {value} repeats row {x}' },
  RESOURCE_DUPLICATE: { severity: 'blocking', zh: '同一信息系统中已有名为“{value}”的数据资源行（第 {x} 行）', en: 'The system already has a resource row named {value} (row {x})' },
  ITEM_WITHOUT_RESOURCE: { severity: 'blocking', zh: '数据项所属的数据资源“{value}”既不在表中（数据项名称为空的行），也不在工作台中', en: 'The item\'s resource {value} is neither in the sheet (a row with an empty item name) nor in the workspace' },
  ENTRY_MOVED: { severity: 'blocking', zh: '数据编号“{value}”在工作台中属于{x}；导入不能移动或改名数据资源，请在工作台中操作', en: 'The data ID {value} belongs to {x} in the workspace; an import cannot move or rename resources (do it in the workbench)' },
  LOWERING_WITHOUT_RATIONALE: { severity: 'warning', zh: '数据级别（{x}）低于参考级别（{value}）属降级，须填写定级理由；导入后请补充', en: 'The level ({x}) is below the suggested level ({value}): a lowering needs a grading rationale; add it after the import' },
  ENTRY_REFUSED: { severity: 'blocking', zh: '{x}', en: '{x}' },
  RESOURCE_KEPT: { severity: 'warning', zh: '数据资源“{value}”不在表中，但其数据项在表中，因此不会删除', en: 'The resource {value} is not in the sheet but some of its items are, so it is not removed' },
  // sheet 3
  CATALOG_RESOURCE_UNKNOWN: { severity: 'blocking', zh: '数据编号“{value}”在分类分级清单中不存在（或不是数据资源行）', en: 'The data ID {value} is not a resource of the inventory' },
  CATALOG_DUPLICATE: { severity: 'blocking', zh: '数据编号“{value}”在重要数据目录中重复（第 {x} 行）', en: 'The data ID {value} repeats catalog row {x}' },
  CATALOG_LEVEL_MISMATCH: { severity: 'warning', zh: '重要数据目录的数据级别与清单不一致（清单为“{x}”）', en: 'The catalog level differs from the inventory ({x})' },
  // sheet 1
  PROFILE_INVALID: { severity: 'blocking', zh: '{x}', en: '{x}' },
  PROFILE_INCOMPLETE: { severity: 'warning', zh: '{x}', en: '{x}' },
} as const satisfies Record<string, ProblemDef>;

export type ImportProblemCode = keyof typeof IMPORT_PROBLEMS;

export interface ProblemAt {
  sheet: string;
  sheetKey: SheetKey;
  row: number;
  column?: string | undefined;
  header?: string | undefined;
  field?: string | undefined;
  dataId?: string | undefined;
}

/** Build a problem from its code; `x` may differ by language ([zh, en]). */
export function problem(
  code: ImportProblemCode,
  at: ProblemAt,
  args: { value?: string; x?: string | [string, string]; headerEn?: string } = {},
  severity?: ProblemSeverity,
): ImportProblem {
  const def: ProblemDef = IMPORT_PROBLEMS[code];
  const [xZh, xEn] = Array.isArray(args.x) ? args.x : [args.x ?? '', args.x ?? ''];
  const value = clip(args.value ?? '');
  const fill = (t: string, x: string, header: string) => t.replaceAll('{header}', header).replaceAll('{value}', value).replaceAll('{x}', x);
  return {
    sheet: at.sheet,
    sheetKey: at.sheetKey,
    row: at.row,
    column: at.column ?? '',
    header: at.header ?? '',
    ...(at.field !== undefined ? { field: at.field } : {}),
    ...(at.dataId ? { dataId: at.dataId } : {}),
    code,
    severity: severity ?? def.severity,
    message_zh: fill(def.zh, xZh, at.header ?? ''),
    message_en: fill(def.en, xEn, args.headerEn ?? at.header ?? ''),
  };
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}
