/**
 * The bureau template's layout (../shared/domain/filing-template.md): the three sheet names, the
 * columns of sheets 2 and 3 in the template's order with their kind, code list, width and the
 * synonyms an officer's own header may use, and the labels of sheet 1. Pure data.
 */
import {
  CARRIER_KINDS, CATALOG_LEVELS, DATA_SOURCES, IMPACT_DEGREES, IMPACT_OBJECTS, LEVELS_43697, MLPS_LEVELS, OPENNESS_ATTRIBUTES,
  PROCESSING_DEGREES, PROCESSING_METHODS, SECURITY_MEASURES, SHARING_ATTRIBUTES, STORAGE_LOCATIONS, UPDATE_FREQUENCIES, YES_NO,
} from '../code-lists';
import type { CatalogFields, EntryFields } from '../inventory';
import { FILING_KINDS, PROFILE_FIELDS, UNIT_TYPES } from '../profile';

export const SHEET_NAMES = {
  unit: '填报单位信息',
  inventory: '数据分类分级清单',
  catalog: '重要数据目录',
} as const;
export type SheetKey = keyof typeof SHEET_NAMES;
export const SHEET_KEYS: readonly SheetKey[] = ['unit', 'inventory', 'catalog'];
export const SHEET_NAMES_EN: Record<SheetKey, string> = {
  unit: 'unit information',
  inventory: 'classification and grading inventory',
  catalog: 'important-data catalog',
};

/**
 * How a column's cells are read and written:
 * text — free text; id — an identifier (numbers become their digits); int — a non-negative whole
 * number; number — a non-negative number; date — yyyy-mm-dd (text or an Excel date); yesno — 是/否;
 * code — one value of `list`; multi — one or more values of `list` joined by 、; carrier — a
 * 数据载体 kind followed by the system's name; derived — written by the tool, ignored on import.
 */
export type ColumnKind = 'text' | 'id' | 'int' | 'number' | 'date' | 'yesno' | 'code' | 'multi' | 'carrier' | 'derived';

export interface ColumnDef<K extends string = string> {
  key: K;
  /** The header, exactly as the template writes it. */
  header: string;
  headerEn: string;
  kind: ColumnKind;
  list?: readonly string[];
  /** Width in characters, for export. */
  width: number;
  /** Other headers officers use for the same column (matched after normalisation). */
  synonyms?: readonly string[];
  /** Longest accepted value (text kinds). */
  maxLength?: number;
}

export type Sheet2Key = keyof EntryFields | 'seq' | 'suggestedLevel' | 'adjusted';
export type Sheet3Key = Exclude<keyof CatalogFields, 'carrierKind' | 'carrierSystem'> | 'seq' | 'dataId' | 'carrier';

const c = <K extends string>(key: K, header: string, headerEn: string, kind: ColumnKind, width: number, more: Partial<ColumnDef<K>> = {}): ColumnDef<K> => ({
  key, header, headerEn, kind, width, ...more,
});

/** Sheet 2 — 数据分类分级清单, 32 columns in the template's order. */
export const SHEET2_COLUMNS: readonly ColumnDef<Sheet2Key>[] = [
  c('seq', '序号', 'No.', 'derived', 6, { synonyms: ['序', '行号', 'No', 'No.'] }),
  c('dataId', '数据编号', 'data ID', 'id', 20, { synonyms: ['数据标识', '数据ID', '数据代码', '编号'], maxLength: 100 }),
  c('systemName', '所属信息系统', 'system', 'text', 22, { synonyms: ['信息系统', '所属系统', '信息系统名称', '系统名称'], maxLength: 200 }),
  c('resourceName', '数据资源名称', 'resource name', 'text', 22, { synonyms: ['数据资源', '资源名称', '数据集名称', '数据表名称', '表名称'], maxLength: 200 }),
  c('itemName', '数据项名称', 'item name', 'text', 16, { synonyms: ['数据项', '字段名称', '字段名', '数据元名称'], maxLength: 200 }),
  c('itemCode', '数据项编码', 'item code', 'id', 14, { synonyms: ['字段编码', '字段代码', '字段英文名', '数据项代码'], maxLength: 200 }),
  c('description', '数据描述', 'description', 'text', 30, { synonyms: ['描述', '数据说明', '说明', '数据内容描述'], maxLength: 2000 }),
  c('industry', '行业领域', 'industry', 'text', 10, { synonyms: ['行业', '所属行业', '所属领域', '行业类别'], maxLength: 50 }),
  c('category1', '一级类别', 'category 1', 'text', 12, { synonyms: ['一级分类', '类别一', '一级'], maxLength: 100 }),
  c('category2', '二级类别', 'category 2', 'text', 12, { synonyms: ['二级分类', '类别二', '二级'], maxLength: 100 }),
  c('category3', '三级类别', 'category 3', 'text', 12, { synonyms: ['三级分类', '类别三', '三级'], maxLength: 100 }),
  c('category4', '四级类别', 'category 4', 'text', 12, { synonyms: ['四级分类', '类别四', '四级'], maxLength: 100 }),
  c('categoryCode', '分类编码', 'category code', 'id', 11, { synonyms: ['类别编码', '分类代码', '类别代码'], maxLength: 40 }),
  c('processingDegree', '数据加工程度', 'processing degree', 'code', 12, { list: PROCESSING_DEGREES, synonyms: ['加工程度'] }),
  c('impactObjects', '影响对象', 'impact objects', 'multi', 16, { list: IMPACT_OBJECTS, synonyms: ['影响对象（可多选）'] }),
  c('impactDegree', '影响程度', 'impact degree', 'code', 12, { list: IMPACT_DEGREES, synonyms: ['危害程度'] }),
  c('suggestedLevel', '参考级别', 'suggested level', 'derived', 12, { synonyms: ['建议级别', '参考分级'] }),
  c('level', '数据级别', 'level', 'code', 12, { list: LEVELS_43697, synonyms: ['级别', '数据分级', '定级结果', '数据等级', '分级'] }),
  c('adjusted', '是否调整', 'adjusted', 'derived', 9, { synonyms: ['是否调整级别'] }),
  c('rationale', '定级理由', 'grading rationale', 'text', 24, { synonyms: ['定级依据', '调整理由', '定级说明'], maxLength: 2000 }),
  c('isPersonalInfo', '是否个人信息', 'personal information', 'yesno', 10, { list: YES_NO, synonyms: ['个人信息', '是否涉及个人信息', '是否含个人信息'] }),
  c('isSensitivePersonalInfo', '是否敏感个人信息', 'sensitive personal information', 'yesno', 12, {
    list: YES_NO, synonyms: ['敏感个人信息', '是否涉及敏感个人信息', '是否含敏感个人信息'],
  }),
  c('recordCount', '数据量（条）', 'records', 'int', 12, { synonyms: ['数据量', '数据条数', '记录数', '数据量(条数)', '记录条数'] }),
  c('personCount', '涉及人数', 'people concerned', 'int', 11, { synonyms: ['人数', '涉及人员数量', '涉及人数（人）'] }),
  c('dataSource', '数据来源', 'data source', 'code', 12, { list: DATA_SOURCES, synonyms: ['来源'] }),
  c('storageLocation', '存储位置', 'storage location', 'code', 12, { list: STORAGE_LOCATIONS, synonyms: ['存储地点', '存放位置'] }),
  c('sharing', '共享属性', 'sharing', 'code', 12, { list: SHARING_ATTRIBUTES, synonyms: ['共享类型'] }),
  c('openness', '开放属性', 'openness', 'code', 12, { list: OPENNESS_ATTRIBUTES, synonyms: ['开放类型'] }),
  c('updateFrequency', '更新频率', 'update frequency', 'code', 10, { list: UPDATE_FREQUENCIES, synonyms: ['更新周期'] }),
  c('ownerDepartment', '责任部门', 'responsible department', 'text', 12, { synonyms: ['责任处室', '归口部门', '负责部门'], maxLength: 100 }),
  c('ownerPerson', '责任人', 'responsible person', 'text', 9, { synonyms: ['负责人'], maxLength: 50 }),
  c('reviewedAt', '最近复核日期', 'last review date', 'date', 13, { synonyms: ['复核日期', '最近复核时间', '最近更新日期'] }),
];

/**
 * Sheet 3 — 重要数据目录, 27 columns. 数据载体 is one column whose value is a kind from its list
 * followed by the system's name (数据库：医院信息系统); a separate 数据载体（系统） column is accepted too.
 */
export const SHEET3_COLUMNS: readonly ColumnDef<Sheet3Key>[] = [
  c('seq', '序号', 'No.', 'derived', 6, { synonyms: ['序', '行号'] }),
  c('dataId', '数据编号', 'data ID', 'id', 20, { synonyms: ['数据标识', '数据ID', '编号'], maxLength: 100 }),
  c('name', '数据名称', 'data name', 'text', 22, { synonyms: ['名称', '数据资源名称', '重要数据名称'], maxLength: 200 }),
  c('category', '数据类别', 'data category', 'text', 26, { synonyms: ['类别', '数据分类'], maxLength: 400 }),
  c('level', '数据级别', 'level', 'code', 10, { list: CATALOG_LEVELS, synonyms: ['级别'] }),
  c('description', '数据描述', 'description', 'text', 30, { synonyms: ['描述', '数据说明'], maxLength: 2000 }),
  c('carrier', '数据载体', 'carrier', 'carrier', 24, { list: CARRIER_KINDS, synonyms: ['载体', '数据载体形式'] }),
  c('dataSource', '数据来源', 'data source', 'code', 12, { list: DATA_SOURCES, synonyms: ['来源'] }),
  c('recordCount', '数据量（条）', 'records', 'int', 12, { synonyms: ['数据量', '数据条数', '记录数'] }),
  c('volumeGb', '数据量（GB）', 'volume (GB)', 'number', 12, { synonyms: ['数据量(G)', '数据大小（GB）', '存储量（GB）'] }),
  c('personCount', '涉及人数', 'people concerned', 'int', 11, { synonyms: ['人数'] }),
  c('coverage', '覆盖范围', 'coverage', 'text', 16, { synonyms: ['覆盖地域', '覆盖人群'], maxLength: 500 }),
  c('timeSpan', '时间跨度', 'time span', 'text', 12, { synonyms: ['时间范围'], maxLength: 100 }),
  c('purpose', '处理目的', 'purpose of processing', 'text', 20, { synonyms: ['目的'], maxLength: 1000 }),
  c('processingMethods', '处理方式', 'processing methods', 'multi', 18, { list: PROCESSING_METHODS, synonyms: ['处理活动'] }),
  c('usageScope', '使用范围', 'scope of use', 'text', 16, { maxLength: 1000 }),
  c('provision', '对外提供或委托处理情况', 'provision or entrusted processing', 'text', 24, { synonyms: ['对外提供情况', '委托处理情况'], maxLength: 2000 }),
  c('crossBorder', '是否出境', 'cross-border transfer', 'yesno', 9, { list: YES_NO, synonyms: ['出境'] }),
  c('crossBorderAssessment', '出境安全评估情况', 'export security assessment', 'text', 20, { synonyms: ['出境评估情况'], maxLength: 2000 }),
  c('retention', '存储期限', 'retention period', 'text', 12, { synonyms: ['保存期限'], maxLength: 200 }),
  c('securityMeasures', '安全保护措施', 'security measures', 'multi', 24, { list: SECURITY_MEASURES, synonyms: ['安全措施', '保护措施'] }),
  c('mlpsLevel', '所在系统等保级别', 'MLPS level of the system', 'code', 12, { list: MLPS_LEVELS, synonyms: ['等保级别', '等级保护级别', '系统等保级别'] }),
  c('basis', '识别依据', 'identification basis', 'text', 24, { maxLength: 1000 }),
  c('identifiedAt', '识别日期', 'identification date', 'date', 12, { synonyms: ['识别时间'] }),
  c('department', '责任部门', 'responsible department', 'text', 12, { synonyms: ['负责部门'], maxLength: 100 }),
  c('person', '责任人', 'responsible person', 'text', 9, { synonyms: ['负责人'], maxLength: 50 }),
  c('phone', '联系电话', 'phone', 'text', 14, { synonyms: ['电话', '联系方式'], maxLength: 40 }),
];

/** The extra header accepted on import for the system part of 数据载体. */
export const CARRIER_SYSTEM_HEADER = '数据载体（系统）';

/** Sheet 1 — label in column A, value in column B, in the template's order. */
export interface Sheet1Label {
  key: (typeof PROFILE_FIELDS)[number]['key'];
  label: string;
  labelEn: string;
  list?: readonly string[];
  date?: boolean;
  synonyms?: readonly string[];
}
const SHEET1_SYNONYMS: Partial<Record<Sheet1Label['key'], readonly string[]>> = {
  unitName: ['填报单位', '单位全称', '填报单位名称'],
  uscc: ['社会信用代码', '统一社会信用代码证号', '信用代码'],
  officerName: ['数据安全负责人姓名'],
  officerPhone: ['负责人联系电话'],
  officerEmail: ['负责人电子邮箱'],
  preparerName: ['填报人姓名', '联系人'],
  preparerPhone: ['填报人联系电话', '联系人电话'],
  filingDate: ['填报时间', '报送日期'],
};
export const SHEET1_LABELS: readonly Sheet1Label[] = PROFILE_FIELDS.map((f) => ({
  key: f.key,
  label: f.templateLabel,
  labelEn: f.labelEn,
  ...(f.kind === 'unitType' ? { list: UNIT_TYPES } : f.kind === 'filingKind' ? { list: FILING_KINDS } : {}),
  ...(f.kind === 'date' ? { date: true } : {}),
  ...(SHEET1_SYNONYMS[f.key] ? { synonyms: SHEET1_SYNONYMS[f.key] } : {}),
}));

/** Excel's limits: more rows or columns than these cannot come from a real workbook. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;

/** 0 → A, 25 → Z, 26 → AA … */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A → 0, AA → 26; -1 when not a column. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const code = letters.charCodeAt(i);
    if (code < 65 || code > 90) return -1;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}
