/**
 * Quality checks of the inventory (sheet 2) and the important-data catalog (sheet 3) before
 * filing, in the four dimensions the bureau scores: completeness (完整性), consistency (一致性),
 * conformity to the rules (规范性) and timeliness (及时性). Pure: rows in, findings out. Every
 * rule has a stable code; thresholds and severities are data (resources/quality.json).
 *
 * Built for a few hundred thousand rows: one pass over the entries, one over the resources, one
 * over the catalog; messages are built once per code and field, not once per row.
 */
import { z } from 'zod';
import {
  CARRIER_KINDS, CATALOG_LEVELS, DATA_SOURCES, IMPACT_DEGREES, IMPACT_OBJECTS, LEVELS_43697, MLPS_LEVELS, OPENNESS_ATTRIBUTES,
  PROCESSING_DEGREES, PROCESSING_METHODS, SECURITY_MEASURES, SHARING_ATTRIBUTES, STORAGE_LOCATIONS, UPDATE_FREQUENCIES, YES_NO,
  splitMulti, type Level,
} from './code-lists';
import { isMainlandPhone, normalizeDate } from './contact';
import { isLowering } from './grading';
import { SHEET2_HEADERS, SHEET2_HEADERS_EN, type CatalogEntry, type CatalogFields, type Entry, type EntryFields, type InventorySystem } from './inventory';
import { isImportant, levelRank } from './levels';
import { findValueKinds, TEXT_VALUE_KINDS, type TextValueKind } from './recognizers';
import type { FlatCategory } from './scheme';

export type QualityDimension = 'completeness' | 'consistency' | 'conformity' | 'timeliness';
export const QUALITY_DIMENSIONS: readonly QualityDimension[] = ['completeness', 'consistency', 'conformity', 'timeliness'];
export type Severity = 'error' | 'warning';

export interface Finding {
  code: QualityCode;
  dimension: QualityDimension;
  severity: Severity;
  /** The sheet-2 row (for sheet-3 findings: the resource's own row, when it exists). */
  entryId?: number | undefined;
  resourceId?: number | undefined;
  dataId?: string | undefined;
  sheet: 2 | 3;
  /** Field name (EntryFields / CatalogFields key), when the finding is about one cell. */
  field?: string | undefined;
  message_zh: string;
  message_en: string;
}

// ---------------------------------------------------------------------------------------------
// Rules

interface RuleDef {
  dimension: QualityDimension;
  severity: Severity;
  /** {field} is replaced by the field's header, {x} by the finding's detail. */
  zh: string;
  en: string;
}

/** Every rule, with its default severity. The codes are stable: services, filters and the UI key on them. */
export const QUALITY_RULES = {
  // completeness
  REQUIRED_MISSING: { dimension: 'completeness', severity: 'error', zh: '必填项“{field}”未填写', en: 'Required field {field} is empty' },
  PERSON_COUNT_MISSING: { dimension: 'completeness', severity: 'error', zh: '是否个人信息为“是”时须填写涉及人数', en: 'The number of people concerned is required when the row holds personal information' },
  RATIONALE_REQUIRED_IMPORTANT: { dimension: 'completeness', severity: 'error', zh: '数据级别为{x}，须填写定级理由', en: 'The level is {x}: a grading rationale is required' },
  RATIONALE_REQUIRED_LOWERING: { dimension: 'completeness', severity: 'error', zh: '数据级别低于参考级别（{x}），属降级，须填写定级理由', en: 'The level is below the suggested level ({x}): a lowering needs a grading rationale' },
  LEVEL_NOT_CONFIRMED: { dimension: 'completeness', severity: 'warning', zh: '数据级别仍是系统建议，尚未确认', en: 'The level is still a suggestion and has not been confirmed' },
  CATALOG_REQUIRED_MISSING: { dimension: 'completeness', severity: 'error', zh: '重要数据目录必填项“{field}”未填写', en: 'Required catalog field {field} is empty' },
  CATALOG_RECOMMENDED_MISSING: { dimension: 'completeness', severity: 'warning', zh: '重要数据目录“{field}”未填写，审核时会被询问', en: 'Catalog field {field} is empty; the reviewer will ask for it' },
  CROSS_BORDER_ASSESSMENT_MISSING: { dimension: 'completeness', severity: 'error', zh: '是否出境为“是”时须填写出境安全评估情况', en: 'Cross-border transfer is 是: the export security assessment must be described' },
  // consistency
  CATALOG_ROW_MISSING: { dimension: 'consistency', severity: 'error', zh: '数据资源含{x}，但重要数据目录中没有对应行', en: 'The resource holds {x} but has no row in the important-data catalog' },
  CATALOG_RESOURCE_UNKNOWN: { dimension: 'consistency', severity: 'error', zh: '重要数据目录行对应的数据资源在分类分级清单中不存在', en: 'The catalog row refers to a resource that is not in the inventory' },
  CATALOG_DATA_ID_MISMATCH: { dimension: 'consistency', severity: 'error', zh: '重要数据目录的数据编号与清单中该数据资源的数据编号不一致', en: 'The catalog row’s data ID differs from the resource’s data ID in the inventory' },
  CATALOG_LEVEL_MISMATCH: { dimension: 'consistency', severity: 'error', zh: '重要数据目录的数据级别与分类分级清单不一致（{x}）', en: 'The catalog level differs from the inventory ({x})' },
  RESOURCE_BELOW_ITEMS: { dimension: 'consistency', severity: 'error', zh: '数据资源的级别低于其数据项的最高级别（{x}），不符合就高从严', en: 'The resource is graded below its highest item ({x}); the resource takes the highest level' },
  SENSITIVE_PI_BELOW_FLOOR: { dimension: 'consistency', severity: 'error', zh: '敏感个人信息低于一般数据4级，且未填写定级理由', en: 'Sensitive personal information is below 一般数据4级 without a grading rationale' },
  SENSITIVE_WITHOUT_PI: { dimension: 'consistency', severity: 'error', zh: '是否敏感个人信息为“是”，是否个人信息也应为“是”', en: 'Sensitive personal information is personal information: 是否个人信息 must be 是' },
  LEVEL_RAISED_NO_RATIONALE: { dimension: 'consistency', severity: 'warning', zh: '数据级别高于参考级别（是否调整=是），建议填写定级理由供审核', en: 'The level is above the suggested level (adjusted); give a rationale for the reviewer' },
  CATEGORY_CODE_UNKNOWN: { dimension: 'consistency', severity: 'error', zh: '分类编码“{x}”不在分类方案中', en: 'Category code {x} is not in the classification scheme' },
  CATEGORY_CODE_PATH_MISMATCH: { dimension: 'consistency', severity: 'error', zh: '分类编码与类别不一致：该编码对应“{x}”', en: 'The category code and the category path disagree: the code stands for {x}' },
  CATEGORY_PATH_UNKNOWN: { dimension: 'consistency', severity: 'warning', zh: '类别路径不在分类方案中', en: 'The category path is not in the classification scheme' },
  IMPORTANT_NO_SECURITY_MEASURES: { dimension: 'consistency', severity: 'warning', zh: '重要数据未填写安全保护措施', en: 'Important data without security measures' },
  IMPORTANT_MLPS_BELOW_MIN: { dimension: 'consistency', severity: 'warning', zh: '重要数据所在系统等保级别为“{x}”，低于要求', en: 'Important data sits in a system whose MLPS level is {x}, below the requirement' },
  // conformity
  CODE_LIST_INVALID: { dimension: 'conformity', severity: 'error', zh: '“{field}”的取值不在代码表中', en: 'The value of {field} is not in its code list' },
  DATE_INVALID: { dimension: 'conformity', severity: 'error', zh: '“{field}”不是有效日期（应为 yyyy-mm-dd）', en: '{field} is not a valid date (yyyy-mm-dd)' },
  DATE_IN_FUTURE: { dimension: 'conformity', severity: 'warning', zh: '“{field}”晚于今天', en: '{field} is later than today' },
  COUNT_INVALID: { dimension: 'conformity', severity: 'error', zh: '“{field}”应为非负{x}', en: '{field} must be a non-negative {x}' },
  DATA_ID_DUPLICATE: { dimension: 'conformity', severity: 'error', zh: '数据编号在清单中重复', en: 'The data ID is used by more than one row' },
  CATALOG_DUPLICATE: { dimension: 'conformity', severity: 'error', zh: '同一数据资源在重要数据目录中有多行', en: 'The resource has more than one catalog row' },
  DESCRIPTION_HAS_VALUES: { dimension: 'conformity', severity: 'error', zh: '数据描述中疑似含有真实数据（{x}）；数据描述只说明数据，不得含真实值', en: 'The description seems to contain real values ({x}); a description describes data and never holds it' },
  PHONE_INVALID: { dimension: 'conformity', severity: 'error', zh: '联系电话不是有效的手机或固定电话号码', en: 'The phone number is not a valid mobile or landline number' },
  // timeliness
  REVIEW_DATE_MISSING: { dimension: 'timeliness', severity: 'warning', zh: '未填写最近复核日期', en: 'No last review date' },
  REVIEW_DATE_STALE: { dimension: 'timeliness', severity: 'warning', zh: '最近复核日期已超过{x}个月', en: 'Last reviewed more than {x} months ago' },
} as const satisfies Record<string, RuleDef>;

export type QualityCode = keyof typeof QUALITY_RULES;
const RULE_CODES = Object.keys(QUALITY_RULES) as QualityCode[];

// ---------------------------------------------------------------------------------------------
// Settings (resources/quality.json)

export const QUALITY_SETTINGS_FORMAT = 'datasteward-quality/1';

export const qualitySettingsSchema = z.strictObject({
  format: z.literal(QUALITY_SETTINGS_FORMAT),
  source: z.string().max(2000).optional(),
  /** 最近复核日期 older than this many months is stale. */
  reviewMaxAgeMonths: z.number().int().min(1).max(120),
  /** Kinds of real values looked for inside 数据描述. */
  descriptionValueKinds: z.array(z.enum(TEXT_VALUE_KINDS)).max(TEXT_VALUE_KINDS.length),
  /** Important data in a system graded below this MLPS level is flagged. */
  minMlpsForImportant: z.enum(['第一级', '第二级', '第三级', '第四级']),
  severityOverrides: z.record(z.string(), z.enum(['error', 'warning'])).default({}),
  disabledRules: z.array(z.string()).max(100).default([]),
});
export type QualitySettings = z.output<typeof qualitySettingsSchema>;

/** The same values as resources/quality.json, for callers (and tests) that have no file. */
export const DEFAULT_QUALITY_SETTINGS: QualitySettings = {
  format: QUALITY_SETTINGS_FORMAT,
  reviewMaxAgeMonths: 12,
  descriptionValueKinds: ['cn_resident_id', 'cn_mobile', 'bank_card', 'email', 'cn_passport'],
  minMlpsForImportant: '第三级',
  severityOverrides: {},
  disabledRules: [],
};

export function parseQualitySettings(raw: unknown):
  | { ok: true; settings: QualitySettings }
  | { ok: false; problems: { path: string; message_zh: string; message_en: string }[] } {
  const r = qualitySettingsSchema.safeParse(raw);
  if (!r.success)
    return { ok: false, problems: r.error.issues.slice(0, 50).map((i) => ({ path: i.path.join('.'), message_zh: `格式不符：${i.message}`, message_en: `Malformed: ${i.message}` })) };
  const problems: { path: string; message_zh: string; message_en: string }[] = [];
  const known = new Set<string>(RULE_CODES);
  for (const c of [...Object.keys(r.data.severityOverrides), ...r.data.disabledRules])
    if (!known.has(c)) problems.push({ path: 'severityOverrides/disabledRules', message_zh: `未知的规则编码 ${c}`, message_en: `Unknown rule code ${c}` });
  return problems.length ? { ok: false, problems } : { ok: true, settings: r.data };
}

// ---------------------------------------------------------------------------------------------
// Field labels

const SHEET2_EN = SHEET2_HEADERS_EN;

/** Sheet-3 headers as the template writes them. */
export const SHEET3_HEADERS: Record<keyof CatalogFields, string> = {
  name: '数据名称', category: '数据类别', level: '数据级别', description: '数据描述', carrierKind: '数据载体',
  carrierSystem: '数据载体（系统）', dataSource: '数据来源', recordCount: '数据量（条）', volumeGb: '数据量（GB）',
  personCount: '涉及人数', coverage: '覆盖范围', timeSpan: '时间跨度', purpose: '处理目的', processingMethods: '处理方式',
  usageScope: '使用范围', provision: '对外提供或委托处理情况', crossBorder: '是否出境', crossBorderAssessment: '出境安全评估情况',
  retention: '存储期限', securityMeasures: '安全保护措施', mlpsLevel: '所在系统等保级别', basis: '识别依据', identifiedAt: '识别日期',
  department: '责任部门', person: '责任人', phone: '联系电话',
};
const SHEET3_EN: Record<keyof CatalogFields, string> = {
  name: 'data name', category: 'data category', level: 'level', description: 'description', carrierKind: 'carrier',
  carrierSystem: 'carrier system', dataSource: 'data source', recordCount: 'records', volumeGb: 'volume (GB)',
  personCount: 'people concerned', coverage: 'coverage', timeSpan: 'time span', purpose: 'purpose of processing',
  processingMethods: 'processing methods', usageScope: 'scope of use', provision: 'provision or entrusted processing',
  crossBorder: 'cross-border transfer', crossBorderAssessment: 'export security assessment', retention: 'retention period',
  securityMeasures: 'security measures', mlpsLevel: 'MLPS level of the system', basis: 'identification basis',
  identifiedAt: 'identification date', department: 'responsible department', person: 'responsible person', phone: 'phone',
};

const VALUE_KIND_LABELS: Record<TextValueKind, [string, string]> = {
  cn_resident_id: ['身份证号码', 'resident ID number'],
  cn_mobile: ['手机号码', 'mobile number'],
  cn_landline: ['固定电话号码', 'landline number'],
  bank_card: ['银行卡号', 'bank card number'],
  email: ['电子邮箱', 'e-mail address'],
  uscc: ['统一社会信用代码', 'unified social credit code'],
  cn_passport: ['护照号码', 'passport number'],
  cn_plate: ['车牌号码', 'licence plate'],
};

// ---------------------------------------------------------------------------------------------
// The check

/** Flattened categories of the schemes the entries are classified under. */
export interface QualityCategories {
  /** Used for entries whose schemeId is empty or unknown. */
  activeSchemeId: string;
  bySchemeId: Readonly<Record<string, readonly FlatCategory[]>>;
}

export interface QualityInput {
  entries: readonly Entry[];
  catalog: readonly CatalogEntry[];
  systems: readonly Pick<InventorySystem, 'id' | 'mlpsLevel'>[];
  /** yyyy-mm-dd, in the user's time zone: the pure domain has no clock. */
  today: string;
  settings?: QualitySettings | undefined;
  /** Without it, category codes and paths are not checked against a scheme. */
  categories?: QualityCategories | undefined;
}

export interface QualityTotals {
  /** Live sheet-2 rows checked (deleted entries are not). */
  sheet2Rows: number;
  sheet3Rows: number;
}

export interface QualityReport {
  findings: Finding[];
  totals: QualityTotals;
}

const REQUIRED_SHEET2 = ['dataId', 'systemName', 'resourceName', 'description', 'category1', 'category2', 'level', 'ownerDepartment', 'ownerPerson'] as const satisfies readonly (keyof EntryFields)[];
const REQUIRED_SHEET3 = ['name', 'level', 'description', 'purpose', 'department', 'person', 'phone'] as const satisfies readonly (keyof CatalogFields)[];
const RECOMMENDED_SHEET3 = ['category', 'carrierKind', 'dataSource', 'processingMethods', 'basis', 'identifiedAt'] as const satisfies readonly (keyof CatalogFields)[];

const SINGLE_LISTS_SHEET2: [keyof EntryFields, readonly string[]][] = [
  ['level', LEVELS_43697], ['processingDegree', PROCESSING_DEGREES], ['impactDegree', IMPACT_DEGREES], ['isPersonalInfo', YES_NO],
  ['isSensitivePersonalInfo', YES_NO], ['dataSource', DATA_SOURCES], ['storageLocation', STORAGE_LOCATIONS], ['sharing', SHARING_ATTRIBUTES],
  ['openness', OPENNESS_ATTRIBUTES], ['updateFrequency', UPDATE_FREQUENCIES],
];
const MULTI_LISTS_SHEET2: [keyof EntryFields, readonly string[]][] = [['impactObjects', IMPACT_OBJECTS]];
const SINGLE_LISTS_SHEET3: [keyof CatalogFields, readonly string[]][] = [
  ['level', CATALOG_LEVELS], ['carrierKind', CARRIER_KINDS], ['dataSource', DATA_SOURCES], ['crossBorder', YES_NO], ['mlpsLevel', MLPS_LEVELS],
];
const MULTI_LISTS_SHEET3: [keyof CatalogFields, readonly string[]][] = [['processingMethods', PROCESSING_METHODS], ['securityMeasures', SECURITY_MEASURES]];

const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** yyyy-mm-dd minus whole months, the day clamped to the month's end. */
export function monthsBefore(date: string, months: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const total = y * 12 + (m - 1) - months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** 是否调整 as the exporter writes it: 是 when the level differs from the suggested level. */
export function adjustedFlag(e: Pick<Entry, 'level' | 'suggestedLevel'>): '是' | '否' | '' {
  if (!e.level || !e.suggestedLevel) return '';
  return e.level === e.suggestedLevel ? '否' : '是';
}

const MLPS_RANK: Record<string, number> = { 第一级: 1, 第二级: 2, 第三级: 3, 第四级: 4 };

export function checkQuality(input: QualityInput): QualityReport {
  const settings = input.settings ?? DEFAULT_QUALITY_SETTINGS;
  const today = input.today;
  const staleBefore = monthsBefore(today, settings.reviewMaxAgeMonths);
  const minMlps = MLPS_RANK[settings.minMlpsForImportant]!;
  const disabled = new Set(settings.disabledRules);
  const findings: Finding[] = [];

  // Messages: once per (code, field, detail), never per row.
  const messages = new Map<string, [string, string]>();
  const message = (code: QualityCode, sheet: 2 | 3, field: string | undefined, x: string, xEn: string): [string, string] => {
    const key = `${code}\u0001${sheet}\u0001${field ?? ''}\u0001${x}\u0001${xEn}`;
    let m = messages.get(key);
    if (!m) {
      const def: RuleDef = QUALITY_RULES[code];
      const zhField = field ? (sheet === 2 ? SHEET2_HEADERS[field as keyof EntryFields] : SHEET3_HEADERS[field as keyof CatalogFields]) ?? field : '';
      const enField = field ? (sheet === 2 ? SHEET2_EN[field as keyof EntryFields] : SHEET3_EN[field as keyof CatalogFields]) ?? field : '';
      m = [def.zh.replace('{field}', zhField).replace('{x}', x), def.en.replace('{field}', enField).replace('{x}', xEn)];
      messages.set(key, m);
    }
    return m;
  };
  const emit = (
    code: QualityCode,
    sheet: 2 | 3,
    entryId: number | undefined,
    resourceId: number | undefined,
    dataId: string | undefined,
    field?: string,
    x = '',
    xEn = x,
  ) => {
    if (disabled.has(code)) return;
    const def = QUALITY_RULES[code];
    const [zh, en] = message(code, sheet, field, x, xEn);
    findings.push({
      code,
      dimension: def.dimension,
      severity: settings.severityOverrides[code] ?? def.severity,
      entryId,
      resourceId,
      dataId,
      sheet,
      field,
      message_zh: zh,
      message_en: en,
    });
  };

  // Validity of code-list cells, per distinct value (a column holds few distinct values).
  const listCache = new Map<readonly string[], Map<string, boolean>>();
  const inList = (list: readonly string[], v: string, multi: boolean): boolean => {
    let c = listCache.get(list);
    if (!c) listCache.set(list, (c = new Map()));
    let ok = c.get(v);
    if (ok === undefined) {
      ok = multi ? splitMulti(v).every((p) => list.includes(p)) : list.includes(v);
      c.set(v, ok);
    }
    return ok;
  };
  const dateCache = new Map<string, string | null>();
  const dateOf = (raw: string): string | null => {
    let d = dateCache.get(raw);
    if (d === undefined) dateCache.set(raw, (d = normalizeDate(raw) ?? null));
    return d;
  };
  const kinds = settings.descriptionValueKinds;
  const valuesIn = (text: string): [string, string] | undefined => {
    if (kinds.length === 0 || !text) return undefined;
    const found = findValueKinds(text, kinds);
    if (found.length === 0) return undefined;
    return [found.map((k) => VALUE_KIND_LABELS[k][0]).join('、'), found.map((k) => VALUE_KIND_LABELS[k][1]).join(', ')];
  };

  // Category lookups per scheme, built on first use.
  // byCode holds each category with its path key (joined once here, not once per row).
  const catIndex = new Map<string, { byCode: Map<string, [FlatCategory, string]>; byPath: Set<string> } | null>();
  const categoriesFor = (schemeId: string) => {
    const cats = input.categories;
    if (!cats) return null;
    const id = schemeId && cats.bySchemeId[schemeId] ? schemeId : cats.activeSchemeId;
    let idx = catIndex.get(id);
    if (idx === undefined) {
      const list = cats.bySchemeId[id];
      idx = list ? { byCode: new Map(list.map((c) => [c.code, [c, c.path.join('\u0001')]])), byPath: new Set(list.map((c) => c.path.join('\u0001'))) } : null;
      catIndex.set(id, idx);
    }
    return idx;
  };

  const catalogByResource = new Map<number, CatalogEntry>();
  const catalogDuplicates: CatalogEntry[] = [];
  for (const c of input.catalog) {
    if (catalogByResource.has(c.resourceId)) catalogDuplicates.push(c);
    else catalogByResource.set(c.resourceId, c);
  }

  // ---- pass 1: every sheet-2 row on its own, and what the later passes need
  const resources = new Map<number, Entry>();
  const topItem = new Map<number, Level>();
  const importantResources = new Map<number, Level>();
  /** dataId → the first row with it, or null once that row has been reported as a duplicate. */
  const dataIds = new Map<string, Entry | null>();
  let sheet2Rows = 0;

  for (const e of input.entries) {
    if (e.deleted) continue;
    sheet2Rows++;
    const id = e.id;
    const rid = e.resourceId;
    const did = e.dataId || undefined;

    if (e.kind === 'resource') resources.set(rid, e);
    else if (e.level && levelRank(e.level) > levelRank(topItem.get(rid))) topItem.set(rid, e.level);
    if (isImportant(e.level) && levelRank(e.level) > levelRank(importantResources.get(rid))) importantResources.set(rid, e.level as Level);

    if (e.dataId) {
      const first = dataIds.get(e.dataId);
      if (first === undefined) dataIds.set(e.dataId, e);
      else {
        if (first) {
          emit('DATA_ID_DUPLICATE', 2, first.id, first.resourceId, first.dataId, 'dataId');
          dataIds.set(e.dataId, null);
        }
        emit('DATA_ID_DUPLICATE', 2, id, rid, did, 'dataId');
      }
    }

    // completeness
    for (const f of REQUIRED_SHEET2) if (blank(e[f])) emit('REQUIRED_MISSING', 2, id, rid, did, f);
    if (e.isPersonalInfo === '是' && (e.personCount === null || e.personCount === undefined)) emit('PERSON_COUNT_MISSING', 2, id, rid, did, 'personCount');
    const noRationale = blank(e.rationale);
    if (noRationale) {
      if (isLowering(e.level, e.suggestedLevel)) emit('RATIONALE_REQUIRED_LOWERING', 2, id, rid, did, 'rationale', e.suggestedLevel);
      else if (isImportant(e.level)) emit('RATIONALE_REQUIRED_IMPORTANT', 2, id, rid, did, 'rationale', e.level);
    }
    if (e.level && e.levelState === 'suggested') emit('LEVEL_NOT_CONFIRMED', 2, id, rid, did, 'level');

    // consistency (within the row)
    if (e.isSensitivePersonalInfo === '是') {
      if (e.isPersonalInfo !== '是') emit('SENSITIVE_WITHOUT_PI', 2, id, rid, did, 'isPersonalInfo');
      if (e.level && levelRank(e.level) < levelRank('一般数据4级') && noRationale) emit('SENSITIVE_PI_BELOW_FLOOR', 2, id, rid, did, 'level');
    }
    if (noRationale && e.level && e.suggestedLevel && levelRank(e.level) > levelRank(e.suggestedLevel))
      emit('LEVEL_RAISED_NO_RATIONALE', 2, id, rid, did, 'rationale');
    if (input.categories) {
      const idx = categoriesFor(e.schemeId);
      if (idx) {
        const path = [e.category1, e.category2, e.category3, e.category4];
        while (path.length && blank(path[path.length - 1])) path.pop();
        const key = path.join('\u0001');
        if (!blank(e.categoryCode)) {
          const found = idx.byCode.get(e.categoryCode.trim());
          const flat = found?.[0];
          if (!flat) emit('CATEGORY_CODE_UNKNOWN', 2, id, rid, did, 'categoryCode', e.categoryCode);
          else if (path.length && found![1] !== key)
            emit('CATEGORY_CODE_PATH_MISMATCH', 2, id, rid, did, 'categoryCode', flat.path.join(' › '));
        } else if (path.length && !idx.byPath.has(key)) emit('CATEGORY_PATH_UNKNOWN', 2, id, rid, did, 'category1');
      }
    }

    // conformity
    for (const [f, list] of SINGLE_LISTS_SHEET2) {
      const v = e[f];
      if (typeof v === 'string' && v !== '' && !inList(list, v, false)) emit('CODE_LIST_INVALID', 2, id, rid, did, f);
    }
    for (const [f, list] of MULTI_LISTS_SHEET2) {
      const v = e[f];
      if (typeof v === 'string' && v !== '' && !inList(list, v, true)) emit('CODE_LIST_INVALID', 2, id, rid, did, f);
    }
    if (!validCount(e.recordCount)) emit('COUNT_INVALID', 2, id, rid, did, 'recordCount', '整数', 'integer');
    if (!validCount(e.personCount)) emit('COUNT_INVALID', 2, id, rid, did, 'personCount', '整数', 'integer');
    const found = valuesIn(e.description);
    if (found) emit('DESCRIPTION_HAS_VALUES', 2, id, rid, did, 'description', found[0], found[1]);

    // timeliness (an unreadable date is a conformity error, not also a stale one)
    if (blank(e.reviewedAt)) emit('REVIEW_DATE_MISSING', 2, id, rid, did, 'reviewedAt');
    else {
      const d = dateOf(e.reviewedAt.trim());
      if (!d) emit('DATE_INVALID', 2, id, rid, did, 'reviewedAt');
      else if (d > today) emit('DATE_IN_FUTURE', 2, id, rid, did, 'reviewedAt');
      else if (d < staleBefore) emit('REVIEW_DATE_STALE', 2, id, rid, did, 'reviewedAt', String(settings.reviewMaxAgeMonths));
    }
  }

  // ---- pass 2: each resource against its items and the catalog
  for (const [rid, r] of resources) {
    const top = topItem.get(rid);
    if (top && r.level && levelRank(r.level) < levelRank(top)) emit('RESOURCE_BELOW_ITEMS', 2, r.id, rid, r.dataId || undefined, 'level', top);
  }
  for (const [rid, level] of importantResources) {
    if (catalogByResource.has(rid)) continue;
    const r = resources.get(rid);
    emit('CATALOG_ROW_MISSING', 2, r?.id ?? rid, rid, r?.dataId || undefined, undefined, level);
  }

  // ---- pass 3: sheet 3
  const mlpsBySystem = new Map<number, string>();
  for (const s of input.systems) mlpsBySystem.set(s.id, s.mlpsLevel);
  for (const c of catalogDuplicates) emit('CATALOG_DUPLICATE', 3, resources.get(c.resourceId)?.id, c.resourceId, c.dataId || undefined);
  let sheet3Rows = 0;
  for (const c of input.catalog) {
    sheet3Rows++;
    const rid = c.resourceId;
    const r = resources.get(rid);
    const eid = r?.id;
    const did = c.dataId || undefined;
    if (!r) emit('CATALOG_RESOURCE_UNKNOWN', 3, undefined, rid, did, 'dataId');
    else {
      if (c.dataId && r.dataId && c.dataId !== r.dataId) emit('CATALOG_DATA_ID_MISMATCH', 3, eid, rid, did, 'dataId');
      if (c.level && c.level !== r.level) emit('CATALOG_LEVEL_MISMATCH', 3, eid, rid, did, 'level', `目录：${c.level}，清单：${r.level || '未定级'}`, `catalog ${c.level}, inventory ${r.level || 'none'}`);
    }

    for (const f of REQUIRED_SHEET3) if (blank(c[f])) emit('CATALOG_REQUIRED_MISSING', 3, eid, rid, did, f);
    for (const f of RECOMMENDED_SHEET3) if (blank(c[f])) emit('CATALOG_RECOMMENDED_MISSING', 3, eid, rid, did, f);
    if (c.crossBorder === '是' && blank(c.crossBorderAssessment)) emit('CROSS_BORDER_ASSESSMENT_MISSING', 3, eid, rid, did, 'crossBorderAssessment');

    if (isImportant(c.level)) {
      if (blank(c.securityMeasures)) emit('IMPORTANT_NO_SECURITY_MEASURES', 3, eid, rid, did, 'securityMeasures');
      // The catalog's own 等保 cell first; the system's grading when the cell is empty.
      const mlps = (c.mlpsLevel || (r ? mlpsBySystem.get(r.systemId) : '') || '').trim();
      if ((MLPS_RANK[mlps] ?? 0) < minMlps) emit('IMPORTANT_MLPS_BELOW_MIN', 3, eid, rid, did, 'mlpsLevel', mlps || '未填写', mlps || 'not given');
    }

    for (const [f, list] of SINGLE_LISTS_SHEET3) {
      const v = c[f];
      if (typeof v === 'string' && v !== '' && !inList(list, v, false)) emit('CODE_LIST_INVALID', 3, eid, rid, did, f);
    }
    for (const [f, list] of MULTI_LISTS_SHEET3) {
      const v = c[f];
      if (typeof v === 'string' && v !== '' && !inList(list, v, true)) emit('CODE_LIST_INVALID', 3, eid, rid, did, f);
    }
    if (!validCount(c.recordCount)) emit('COUNT_INVALID', 3, eid, rid, did, 'recordCount', '整数', 'integer');
    if (!validCount(c.personCount)) emit('COUNT_INVALID', 3, eid, rid, did, 'personCount', '整数', 'integer');
    if (c.volumeGb !== null && c.volumeGb !== undefined && !(Number.isFinite(c.volumeGb) && c.volumeGb >= 0))
      emit('COUNT_INVALID', 3, eid, rid, did, 'volumeGb', '数', 'number');
    if (!blank(c.identifiedAt)) {
      const d = dateOf(c.identifiedAt.trim());
      if (!d) emit('DATE_INVALID', 3, eid, rid, did, 'identifiedAt');
      else if (d > today) emit('DATE_IN_FUTURE', 3, eid, rid, did, 'identifiedAt');
    }
    if (!blank(c.phone) && !isMainlandPhone(c.phone)) emit('PHONE_INVALID', 3, eid, rid, did, 'phone');
    const found = valuesIn(c.description);
    if (found) emit('DESCRIPTION_HAS_VALUES', 3, eid, rid, did, 'description', found[0], found[1]);
  }

  return { findings, totals: { sheet2Rows, sheet3Rows } };
}

function validCount(v: number | null | undefined): boolean {
  return v === null || v === undefined || (Number.isInteger(v) && v >= 0);
}

// ---------------------------------------------------------------------------------------------
// Scores

export interface DimensionScores {
  completeness: number;
  consistency: number;
  conformity: number;
  timeliness: number;
  /** The mean of the four dimensions. */
  overall: number;
}

/** A row's key: its entry id on sheet 2, minus its resource id on sheet 3 (ids are positive). */
function rowKey(f: Finding): number | undefined {
  return f.sheet === 2 ? f.entryId : f.resourceId === undefined ? undefined : -f.resourceId;
}

function scoresFrom(penalties: Map<number, number>[], rows: number): DimensionScores {
  const dims = penalties.map((m) => {
    if (rows <= 0) return 100;
    let sum = 0;
    for (const p of m.values()) sum += p;
    return Math.max(0, Math.round(1000 * (1 - sum / rows)) / 10);
  });
  const [completeness, consistency, conformity, timeliness] = dims as [number, number, number, number];
  return { completeness, consistency, conformity, timeliness, overall: Math.round(10 * ((completeness + consistency + conformity + timeliness) / 4)) / 10 };
}

const DIM_INDEX: Record<QualityDimension, number> = { completeness: 0, consistency: 1, conformity: 2, timeliness: 3 };

function addPenalty(m: Map<number, number>, key: number, severity: Severity) {
  const p = severity === 'error' ? 1 : 0.5;
  if ((m.get(key) ?? 0) < p) m.set(key, p);
}

/**
 * Scores 0–100 per dimension: the share of checked rows (sheet 2 plus sheet 3) free of findings in
 * that dimension, where a row with an error counts as failed and a row with only warnings as half
 * failed. A row with several findings in one dimension counts once, at its worst. No rows: 100.
 */
export function scoreFindings(findings: readonly Finding[], totals: QualityTotals): DimensionScores {
  const penalties = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
  for (const f of findings) {
    const key = rowKey(f);
    if (key !== undefined) addPenalty(penalties[DIM_INDEX[f.dimension]]!, key, f.severity);
  }
  return scoresFrom(penalties, totals.sheet2Rows + totals.sheet3Rows);
}

/** The same scores per resource: its own row, its items' rows and its catalog row. */
export function scoreByResource(
  findings: readonly Finding[],
  entries: readonly Pick<Entry, 'resourceId' | 'deleted'>[],
  catalog: readonly Pick<CatalogEntry, 'resourceId'>[],
): Map<number, DimensionScores> {
  const rows = new Map<number, number>();
  for (const e of entries) if (!e.deleted) rows.set(e.resourceId, (rows.get(e.resourceId) ?? 0) + 1);
  for (const c of catalog) if (rows.has(c.resourceId)) rows.set(c.resourceId, rows.get(c.resourceId)! + 1);
  const perResource = new Map<number, Map<number, number>[]>();
  for (const f of findings) {
    if (f.resourceId === undefined || !rows.has(f.resourceId)) continue;
    const key = rowKey(f);
    if (key === undefined) continue;
    let p = perResource.get(f.resourceId);
    if (!p) perResource.set(f.resourceId, (p = [new Map(), new Map(), new Map(), new Map()]));
    addPenalty(p[DIM_INDEX[f.dimension]]!, key, f.severity);
  }
  const empty = [new Map<number, number>(), new Map<number, number>(), new Map<number, number>(), new Map<number, number>()];
  const out = new Map<number, DimensionScores>();
  for (const [rid, n] of rows) out.set(rid, scoresFrom(perResource.get(rid) ?? empty, n));
  return out;
}
