import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CatalogEntry, Entry } from '../../../main/domain/inventory';
import {
  adjustedFlag, checkQuality, DEFAULT_QUALITY_SETTINGS, monthsBefore, parseQualitySettings, QUALITY_RULES, scoreByResource, scoreFindings,
  type Finding, type QualityCode, type QualityInput,
} from '../../../main/domain/quality';
import { flattenCategories, parseScheme } from '../../../main/domain/scheme';
import { makeResidentId, rng } from './id-vectors';

const health = parseScheme(JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../resources/schemes/health.json'), 'utf8')));
if (!health.ok) throw new Error('health scheme');
const CATEGORIES = { activeSchemeId: 'health', bySchemeId: { health: flattenCategories(health.scheme) } };
const TODAY = '2025-06-30';

const RESOURCE: Entry = {
  id: 1, kind: 'resource', systemId: 1, resourceId: 1,
  dataId: 'SYS01-T001', systemName: '区域卫生信息平台', resourceName: '居民健康档案表', itemName: '', itemCode: 'T_JKDA',
  description: '居民健康档案主表，记录居民基本信息与健康状况', industry: '卫生健康',
  category1: '基础资源类', category2: '健康状况', category3: '居民健康档案', category4: '', categoryCode: '1.02.001',
  processingDegree: '原始数据', impactObjects: '公共利益、个人权益', impactDegree: '严重危害', level: '重要数据',
  rationale: '覆盖全区常住人口的健康档案，泄露将对公共利益造成严重危害', isPersonalInfo: '是', isSensitivePersonalInfo: '是',
  recordCount: 1_200_000, personCount: 800_000, dataSource: '本单位采集', storageLocation: '政务云', sharing: '有条件共享',
  openness: '不予开放', updateFrequency: '每日', ownerDepartment: '信息中心', ownerPerson: '张三', reviewedAt: '2025-03-01',
  suggestedLevel: '重要数据', levelSource: 'matrix', levelState: 'confirmed', schemeId: 'health', schemeVersion: 1, deleted: false,
  updatedAt: '2025-03-01T08:00:00Z',
};
const ITEM: Entry = {
  ...RESOURCE, id: 2, kind: 'item', dataId: 'SYS01-T001-F001', itemName: '身份证号', itemCode: 'SFZH', description: '居民身份证件号码',
  category1: '基础资源类', category2: '个人属性', category3: '患者敏感信息', categoryCode: '1.01.002', impactObjects: '个人权益',
  impactDegree: '特别严重危害', level: '一般数据4级', suggestedLevel: '一般数据4级', rationale: '',
};
const CATALOG: CatalogEntry = {
  resourceId: 1, dataId: 'SYS01-T001', name: '居民健康档案表', category: '基础资源类/健康状况/居民健康档案', level: '重要数据',
  description: '居民健康档案主表', carrierKind: '数据库', carrierSystem: '区域卫生信息平台', dataSource: '本单位采集', recordCount: 1_200_000,
  volumeGb: 12.5, personCount: 800_000, coverage: '全区常住人口', timeSpan: '2015-至今', purpose: '基本公共卫生服务', processingMethods: '收集、存储、使用',
  usageScope: '区卫生健康委及社区卫生服务中心', provision: '无', crossBorder: '否', crossBorderAssessment: '', retention: '长期',
  securityMeasures: '加密存储、访问控制、安全审计', mlpsLevel: '第三级', basis: 'GB/T 43697-2024 附录G（要点）：反映人口、群体健康…', identifiedAt: '2025-01-10',
  department: '信息中心', person: '张三', phone: '021-62345678', updatedAt: '2025-03-01T08:00:00Z',
};

function input(over: { resource?: Partial<Entry>; item?: Partial<Entry>; catalog?: Partial<CatalogEntry> | null; extra?: Entry[]; mlps?: string } = {}): QualityInput {
  return {
    entries: [{ ...RESOURCE, ...over.resource }, { ...ITEM, ...over.item }, ...(over.extra ?? [])],
    catalog: over.catalog === null ? [] : [{ ...CATALOG, ...over.catalog }],
    systems: [{ id: 1, mlpsLevel: over.mlps ?? '第三级' }],
    today: TODAY,
    categories: CATEGORIES,
  };
}
const run = (i: QualityInput) => checkQuality(i).findings;
const codes = (i: QualityInput) => run(i).map((f) => f.code);
const one = (i: QualityInput, code: QualityCode): Finding => {
  const f = run(i).filter((x) => x.code === code);
  expect(f, code).toHaveLength(1);
  return f[0]!;
};

describe('checkQuality: a complete, consistent inventory', () => {
  it('has no findings', () => {
    expect(run(input())).toEqual([]);
    expect(checkQuality(input()).totals).toEqual({ sheet2Rows: 2, sheet3Rows: 1 });
  });

  it('skips deleted entries', () => {
    const r = checkQuality(input({ extra: [{ ...ITEM, id: 3, ownerPerson: '', deleted: true }] }));
    expect(r.findings).toEqual([]);
    expect(r.totals.sheet2Rows).toBe(2);
  });
});

describe('completeness', () => {
  it('REQUIRED_MISSING: each required sheet-2 field, with its header in the message', () => {
    for (const field of ['dataId', 'systemName', 'resourceName', 'description', 'category1', 'category2', 'level', 'ownerDepartment', 'ownerPerson'] as const) {
      const i = input({ item: { [field]: field === 'level' ? '' : '  ' } });
      const f = run(i).find((x) => x.code === 'REQUIRED_MISSING');
      expect(f, field).toMatchObject({ field, sheet: 2, entryId: 2, resourceId: 1, severity: 'error', dimension: 'completeness' });
    }
    expect(one(input({ item: { ownerPerson: '' } }), 'REQUIRED_MISSING').message_zh).toBe('必填项“责任人”未填写');
    expect(codes(input({ item: { itemName: '', itemCode: '', category3: '' , categoryCode: '1.01' } }))).not.toContain('REQUIRED_MISSING');
  });

  it('PERSON_COUNT_MISSING: only when the row holds personal information', () => {
    expect(one(input({ item: { personCount: null } }), 'PERSON_COUNT_MISSING').field).toBe('personCount');
    expect(codes(input({ item: { personCount: null, isPersonalInfo: '否', isSensitivePersonalInfo: '否' } }))).not.toContain('PERSON_COUNT_MISSING');
  });

  it('RATIONALE_REQUIRED_IMPORTANT: 重要数据 and 核心数据 need a 定级理由', () => {
    expect(one(input({ resource: { rationale: '' } }), 'RATIONALE_REQUIRED_IMPORTANT').message_zh).toBe('数据级别为重要数据，须填写定级理由');
    expect(codes(input())).not.toContain('RATIONALE_REQUIRED_IMPORTANT');
  });

  it('RATIONALE_REQUIRED_LOWERING: a level below the suggestion needs a 定级理由', () => {
    const f = one(input({ item: { level: '一般数据3级', isSensitivePersonalInfo: '否' } }), 'RATIONALE_REQUIRED_LOWERING');
    expect(f.message_zh).toContain('一般数据4级');
    expect(codes(input({ item: { level: '一般数据3级', isSensitivePersonalInfo: '否', rationale: '字段已脱敏，仅保留前6位' } }))).not.toContain('RATIONALE_REQUIRED_LOWERING');
  });

  it('LEVEL_NOT_CONFIRMED: a level still only suggested is a warning', () => {
    expect(one(input({ item: { levelState: 'suggested' } }), 'LEVEL_NOT_CONFIRMED').severity).toBe('warning');
  });

  it('CATALOG_REQUIRED_MISSING and CATALOG_RECOMMENDED_MISSING on sheet 3', () => {
    expect(one(input({ catalog: { purpose: '' } }), 'CATALOG_REQUIRED_MISSING')).toMatchObject({ field: 'purpose', sheet: 3, entryId: 1, resourceId: 1, severity: 'error' });
    expect(one(input({ catalog: { basis: '' } }), 'CATALOG_RECOMMENDED_MISSING')).toMatchObject({ field: 'basis', severity: 'warning' });
    expect(one(input({ catalog: { basis: '' } }), 'CATALOG_RECOMMENDED_MISSING').message_zh).toContain('识别依据');
  });

  it('CROSS_BORDER_ASSESSMENT_MISSING: 是否出境=是 needs the assessment', () => {
    expect(one(input({ catalog: { crossBorder: '是' } }), 'CROSS_BORDER_ASSESSMENT_MISSING').sheet).toBe(3);
    expect(codes(input({ catalog: { crossBorder: '是', crossBorderAssessment: '2024年通过国家网信办数据出境安全评估' } }))).toEqual([]);
  });
});

describe('consistency', () => {
  it('CATALOG_ROW_MISSING: a resource with important data needs a sheet-3 row, once per resource', () => {
    const f = one(input({ catalog: null, extra: [{ ...ITEM, id: 3, dataId: 'SYS01-T001-F002', level: '核心数据', suggestedLevel: '核心数据', rationale: 'x' }], resource: { level: '核心数据', suggestedLevel: '核心数据' } }), 'CATALOG_ROW_MISSING');
    expect(f).toMatchObject({ entryId: 1, resourceId: 1, dataId: 'SYS01-T001', sheet: 2 });
    expect(f.message_zh).toContain('核心数据');
    const general = { level: '一般数据4级' as const, suggestedLevel: '一般数据4级' as const };
    expect(codes(input({ catalog: null, resource: general }))).toEqual([]);
  });

  it('CATALOG_RESOURCE_UNKNOWN: a catalog row must point at a resource of sheet 2', () => {
    const f = run(input({ catalog: { resourceId: 99 } })).filter((x) => x.code === 'CATALOG_RESOURCE_UNKNOWN');
    expect(f).toEqual([expect.objectContaining({ sheet: 3, resourceId: 99, entryId: undefined })]);
  });

  it('CATALOG_DATA_ID_MISMATCH and CATALOG_LEVEL_MISMATCH', () => {
    expect(one(input({ catalog: { dataId: 'SYS01-T009' } }), 'CATALOG_DATA_ID_MISMATCH').field).toBe('dataId');
    const f = one(input({ catalog: { level: '核心数据' } }), 'CATALOG_LEVEL_MISMATCH');
    expect(f.message_zh).toBe('重要数据目录的数据级别与分类分级清单不一致（目录：核心数据，清单：重要数据）');
  });

  it('RESOURCE_BELOW_ITEMS: a resource is never below its highest item (就高从严)', () => {
    const f = one(input({ item: { level: '核心数据', suggestedLevel: '核心数据', rationale: 'x' } }), 'RESOURCE_BELOW_ITEMS');
    expect(f).toMatchObject({ entryId: 1, field: 'level' });
    expect(f.message_zh).toContain('核心数据');
    expect(codes(input({ item: { level: '重要数据', suggestedLevel: '重要数据', rationale: 'x' } }))).not.toContain('RESOURCE_BELOW_ITEMS');
  });

  it('SENSITIVE_PI_BELOW_FLOOR: sensitive PI below 一般数据4级 unless a rationale explains it', () => {
    const low = { level: '一般数据3级' as const, suggestedLevel: '一般数据3级' as const };
    expect(one(input({ item: low }), 'SENSITIVE_PI_BELOW_FLOOR').entryId).toBe(2);
    expect(codes(input({ item: { ...low, rationale: '仅含出生年份，已不能识别个人' } }))).toEqual([]);
  });

  it('SENSITIVE_WITHOUT_PI: 是否敏感个人信息=是 implies 是否个人信息=是', () => {
    expect(one(input({ item: { isPersonalInfo: '否' } }), 'SENSITIVE_WITHOUT_PI').field).toBe('isPersonalInfo');
  });

  it('LEVEL_RAISED_NO_RATIONALE: a raised level (是否调整=是) should say why', () => {
    const i = input({ item: { suggestedLevel: '一般数据3级' } });
    expect(one(i, 'LEVEL_RAISED_NO_RATIONALE').severity).toBe('warning');
    expect(codes(input({ item: { suggestedLevel: '一般数据3级', rationale: '与住址、电话同表，就高' } }))).toEqual([]);
  });

  it('CATEGORY_CODE_UNKNOWN, CATEGORY_CODE_PATH_MISMATCH, CATEGORY_PATH_UNKNOWN against the scheme', () => {
    expect(one(input({ item: { categoryCode: '9.99' } }), 'CATEGORY_CODE_UNKNOWN').message_zh).toBe('分类编码“9.99”不在分类方案中');
    const m = one(input({ item: { categoryCode: '1.01.001' } }), 'CATEGORY_CODE_PATH_MISMATCH');
    expect(m.message_zh).toContain('基础资源类 › 个人属性 › 患者信息');
    expect(one(input({ item: { categoryCode: '', category3: '不存在的类别' } }), 'CATEGORY_PATH_UNKNOWN').severity).toBe('warning');
    expect(codes(input({ item: { categoryCode: '' } }))).toEqual([]);
    // Without scheme categories, no category check at all.
    expect(codes({ ...input({ item: { categoryCode: '9.99' } }), categories: undefined })).toEqual([]);
    // An entry of another scheme is checked against that scheme.
    const other = { activeSchemeId: 'health', bySchemeId: { ...CATEGORIES.bySchemeId, x: [{ code: '9.99', path: ['基础资源类', '个人属性', '患者敏感信息'], depth: 3 }] } };
    expect(codes({ ...input({ item: { categoryCode: '9.99', schemeId: 'x' } }), categories: other })).toEqual([]);
  });

  it('IMPORTANT_NO_SECURITY_MEASURES: important data without 安全保护措施', () => {
    expect(one(input({ catalog: { securityMeasures: '' } }), 'IMPORTANT_NO_SECURITY_MEASURES')).toMatchObject({ sheet: 3, severity: 'warning' });
  });

  it('IMPORTANT_MLPS_BELOW_MIN: the catalog’s 等保级别, or the system’s when the cell is empty, below 第三级', () => {
    expect(one(input({ catalog: { mlpsLevel: '第二级' } }), 'IMPORTANT_MLPS_BELOW_MIN').message_zh).toContain('第二级');
    expect(one(input({ catalog: { mlpsLevel: '' }, mlps: '未定级' }), 'IMPORTANT_MLPS_BELOW_MIN').message_zh).toContain('未定级');
    expect(codes(input({ catalog: { mlpsLevel: '' }, mlps: '第四级' }))).toEqual([]);
  });
});

describe('conformity', () => {
  it('CODE_LIST_INVALID: single and multi-value code lists on both sheets', () => {
    expect(one(input({ item: { storageLocation: '云上' } }), 'CODE_LIST_INVALID').field).toBe('storageLocation');
    expect(one(input({ item: { impactObjects: '国家安全、其他' } }), 'CODE_LIST_INVALID').field).toBe('impactObjects');
    expect(one(input({ catalog: { processingMethods: '收集、偷看' } }), 'CODE_LIST_INVALID')).toMatchObject({ field: 'processingMethods', sheet: 3 });
    expect(one(input({ item: { level: '二级' as Entry['level'] } }), 'CODE_LIST_INVALID').field).toBe('level');
    expect(codes(input({ item: { impactObjects: '个人权益、组织权益' } }))).toEqual([]);
  });

  it('DATE_INVALID and DATE_IN_FUTURE', () => {
    expect(one(input({ item: { reviewedAt: '2025-02-30' } }), 'DATE_INVALID').field).toBe('reviewedAt');
    expect(one(input({ catalog: { identifiedAt: '昨天' } }), 'DATE_INVALID').sheet).toBe(3);
    expect(one(input({ item: { reviewedAt: '2025-07-01' } }), 'DATE_IN_FUTURE').severity).toBe('warning');
    expect(codes(input({ item: { reviewedAt: '2025/6/30' } }))).toEqual([]);
  });

  it('COUNT_INVALID: counts are non-negative integers, GB a non-negative number', () => {
    expect(one(input({ item: { recordCount: -1 } }), 'COUNT_INVALID').field).toBe('recordCount');
    expect(one(input({ item: { personCount: 1.5 } }), 'COUNT_INVALID').field).toBe('personCount');
    expect(one(input({ catalog: { volumeGb: -0.1 } }), 'COUNT_INVALID').message_en).toContain('non-negative number');
    expect(codes(input({ catalog: { volumeGb: 0.25, recordCount: 0 } }))).toEqual([]);
  });

  it('DATA_ID_DUPLICATE: both rows are flagged', () => {
    const f = run(input({ extra: [{ ...ITEM, id: 3 }] })).filter((x) => x.code === 'DATA_ID_DUPLICATE');
    expect(f.map((x) => x.entryId)).toEqual([2, 3]);
    const three = run(input({ extra: [{ ...ITEM, id: 3 }, { ...ITEM, id: 4 }] })).filter((x) => x.code === 'DATA_ID_DUPLICATE');
    expect(three.map((x) => x.entryId)).toEqual([2, 3, 4]);
  });

  it('CATALOG_DUPLICATE: one catalog row per resource', () => {
    const i = input();
    expect(codes({ ...i, catalog: [CATALOG, CATALOG] })).toContain('CATALOG_DUPLICATE');
  });

  it('DESCRIPTION_HAS_VALUES: a real ID or mobile number in 数据描述, on both sheets, without echoing it', () => {
    const id = makeResidentId(rng(9));
    const f = one(input({ item: { description: `居民身份证件号码，例如${id}` } }), 'DESCRIPTION_HAS_VALUES');
    expect(f).toMatchObject({ severity: 'error', dimension: 'conformity', field: 'description' });
    expect(f.message_zh).toContain('身份证号码');
    expect(f.message_zh + f.message_en).not.toContain(id);
    expect(one(input({ catalog: { description: '联系人电话13812345678' } }), 'DESCRIPTION_HAS_VALUES').sheet).toBe(3);
    expect(codes(input({ item: { description: '居民身份证件号码，18位，末位为校验码' } }))).toEqual([]);
  });

  it('PHONE_INVALID: sheet-3 联系电话 must be a mobile or landline number', () => {
    expect(one(input({ catalog: { phone: '12345' } }), 'PHONE_INVALID').field).toBe('phone');
    expect(codes(input({ catalog: { phone: '13812345678' } }))).toEqual([]);
  });
});

describe('timeliness', () => {
  it('REVIEW_DATE_MISSING', () => {
    expect(one(input({ item: { reviewedAt: '' } }), 'REVIEW_DATE_MISSING')).toMatchObject({ severity: 'warning', dimension: 'timeliness' });
  });

  it('REVIEW_DATE_STALE: older than 12 months; the threshold is a setting', () => {
    expect(one(input({ item: { reviewedAt: '2024-06-29' } }), 'REVIEW_DATE_STALE').message_zh).toBe('最近复核日期已超过12个月');
    expect(codes(input({ item: { reviewedAt: '2024-06-30' } }))).toEqual([]);
    const six = { ...DEFAULT_QUALITY_SETTINGS, reviewMaxAgeMonths: 6 };
    expect(codes({ ...input({ item: { reviewedAt: '2024-12-29' } }), settings: six })).toEqual(['REVIEW_DATE_STALE']);
  });
});

describe('settings', () => {
  it('a rule can be disabled or have its severity changed', () => {
    const i = input({ item: { reviewedAt: '' } });
    expect(codes({ ...i, settings: { ...DEFAULT_QUALITY_SETTINGS, disabledRules: ['REVIEW_DATE_MISSING'] } })).toEqual([]);
    const f = run({ ...i, settings: { ...DEFAULT_QUALITY_SETTINGS, severityOverrides: { REVIEW_DATE_MISSING: 'error' } } });
    expect(f[0]!.severity).toBe('error');
  });

  it('the description check looks only for the kinds listed', () => {
    const i = input({ item: { description: '电话13812345678' } });
    expect(codes({ ...i, settings: { ...DEFAULT_QUALITY_SETTINGS, descriptionValueKinds: ['cn_resident_id'] } })).toEqual([]);
  });

  it('parseQualitySettings refuses unknown rule codes and kinds', () => {
    const bad = parseQualitySettings({ ...DEFAULT_QUALITY_SETTINGS, disabledRules: ['NO_SUCH_RULE'] });
    expect(bad.ok).toBe(false);
    expect(parseQualitySettings({ ...DEFAULT_QUALITY_SETTINGS, descriptionValueKinds: ['dna'] }).ok).toBe(false);
    expect(parseQualitySettings(DEFAULT_QUALITY_SETTINGS).ok).toBe(true);
  });

  it('every rule has Chinese and English messages', () => {
    for (const [code, r] of Object.entries(QUALITY_RULES)) {
      expect(r.zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(r.en, code).toMatch(/^[\x20-\x7e\u2019\u2026\u4e00-\u9fff]+$/);
    }
  });
});

describe('helpers', () => {
  it('monthsBefore clamps to the end of the month', () => {
    expect(monthsBefore('2025-06-30', 12)).toBe('2024-06-30');
    expect(monthsBefore('2025-03-31', 1)).toBe('2025-02-28');
    expect(monthsBefore('2024-02-29', 12)).toBe('2023-02-28');
    expect(monthsBefore('2025-01-15', 1)).toBe('2024-12-15');
  });

  it('adjustedFlag: 是 when the level differs from the suggestion', () => {
    expect(adjustedFlag({ level: '一般数据4级', suggestedLevel: '一般数据3级' })).toBe('是');
    expect(adjustedFlag({ level: '一般数据3级', suggestedLevel: '一般数据3级' })).toBe('否');
    expect(adjustedFlag({ level: '', suggestedLevel: '一般数据3级' })).toBe('');
  });
});

describe('scores', () => {
  const f = (dimension: Finding['dimension'], severity: Finding['severity'], entryId: number, sheet: 2 | 3 = 2, resourceId = 1): Finding => ({
    code: 'REQUIRED_MISSING', dimension, severity, entryId, resourceId, sheet, message_zh: '', message_en: '',
  });
  const totals = { sheet2Rows: 3, sheet3Rows: 1 };

  it('no findings: 100 everywhere; no rows: 100', () => {
    expect(scoreFindings([], totals)).toEqual({ completeness: 100, consistency: 100, conformity: 100, timeliness: 100, overall: 100 });
    expect(scoreFindings([], { sheet2Rows: 0, sheet3Rows: 0 }).overall).toBe(100);
  });

  it('a row with an error fails its dimension, a warning counts half, a row counts once at its worst', () => {
    expect(scoreFindings([f('completeness', 'error', 1)], totals).completeness).toBe(75);
    expect(scoreFindings([f('completeness', 'warning', 1)], totals).completeness).toBe(87.5);
    expect(scoreFindings([f('completeness', 'warning', 1), f('completeness', 'error', 1), f('completeness', 'error', 1)], totals).completeness).toBe(75);
    // Sheet 3 row of resource 1 is another row than entry 1.
    expect(scoreFindings([f('consistency', 'error', 1), f('consistency', 'error', 1, 3)], totals).consistency).toBe(50);
    const s = scoreFindings([f('timeliness', 'warning', 1), f('timeliness', 'warning', 2)], totals);
    expect(s).toEqual({ completeness: 100, consistency: 100, conformity: 100, timeliness: 75, overall: 93.8 });
  });

  it('scores each resource over its own rows', () => {
    const entries = [{ resourceId: 1, deleted: false }, { resourceId: 1, deleted: false }, { resourceId: 5, deleted: false }, { resourceId: 5, deleted: true }];
    const by = scoreByResource([f('completeness', 'error', 2, 2, 1), f('conformity', 'error', 1, 3, 1)], entries, [{ resourceId: 1 }]);
    expect(by.get(1)).toMatchObject({ completeness: 66.7, conformity: 66.7, consistency: 100 });
    expect(by.get(5)).toMatchObject({ overall: 100 });
    expect(by.size).toBe(2);
  });

  it('scores a real report', () => {
    const r = checkQuality(input({ item: { reviewedAt: '', ownerPerson: '' } }));
    const s = scoreFindings(r.findings, r.totals);
    expect(s.completeness).toBeCloseTo(66.7);
    expect(s.timeliness).toBeCloseTo(83.3);
  });
});
