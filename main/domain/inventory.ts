/**
 * The inventory: information systems → data resources → data items. Each resource and each item
 * is one row of sheet 2 of the bureau template (an "entry"); a resource's own row has an empty
 * 数据项名称. Field names follow the glossary; values of code-list fields are the template's strings.
 */
import type { Level } from './code-lists';

export type EntryKind = 'resource' | 'item';
/** Where a level came from. */
export type LevelSource = 'manual' | 'matrix' | 'recognizer' | 'import' | 'rollup';
/** A level is suggested until the officer confirms it. */
export type LevelState = 'suggested' | 'confirmed';

export interface InventorySystem {
  id: number;
  name: string;
  /** 所在系统等保级别 (sheet 3), kept per system. */
  mlpsLevel: string;
  resourceCount: number;
  itemCount: number;
}

/** The editable columns of a sheet-2 row, in template order (序号 and 参考级别/是否调整 are derived). */
export interface EntryFields {
  dataId: string; // 数据编号
  systemName: string; // 所属信息系统
  resourceName: string; // 数据资源名称
  itemName: string; // 数据项名称 ('' for a resource row)
  itemCode: string; // 数据项编码
  description: string; // 数据描述
  industry: string; // 行业领域
  category1: string;
  category2: string;
  category3: string;
  category4: string;
  categoryCode: string; // 分类编码
  processingDegree: string; // 数据加工程度
  impactObjects: string; // 影响对象, joined by 、
  impactDegree: string; // 影响程度
  level: Level | ''; // 数据级别
  rationale: string; // 定级理由
  isPersonalInfo: '' | '是' | '否';
  isSensitivePersonalInfo: '' | '是' | '否';
  recordCount: number | null; // 数据量（条）
  personCount: number | null; // 涉及人数
  dataSource: string; // 数据来源
  storageLocation: string; // 存储位置
  sharing: string; // 共享属性
  openness: string; // 开放属性
  updateFrequency: string; // 更新频率
  ownerDepartment: string; // 责任部门
  ownerPerson: string; // 责任人
  reviewedAt: string; // 最近复核日期 yyyy-mm-dd
}

export interface Entry extends EntryFields {
  id: number;
  kind: EntryKind;
  systemId: number;
  /** For an item, its resource's entry id; for a resource, its own id. */
  resourceId: number;
  /** 参考级别: what the rules suggest, and why (see grading.ts). */
  suggestedLevel: Level | '';
  levelSource: LevelSource | '';
  levelState: LevelState | '';
  schemeId: string;
  schemeVersion: number | null;
  deleted: boolean;
  updatedAt: string;
}

/** Sheet-2 fields that an edit may change, and the ones a bulk edit may set on many entries. */
export const EDITABLE_FIELDS = [
  'dataId', 'resourceName', 'itemName', 'itemCode', 'description', 'industry', 'category1', 'category2', 'category3', 'category4',
  'categoryCode', 'processingDegree', 'impactObjects', 'impactDegree', 'level', 'rationale', 'isPersonalInfo',
  'isSensitivePersonalInfo', 'recordCount', 'personCount', 'dataSource', 'storageLocation', 'sharing', 'openness',
  'updateFrequency', 'ownerDepartment', 'ownerPerson', 'reviewedAt',
] as const satisfies readonly (keyof EntryFields)[];
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const BULK_FIELDS = [
  'industry', 'category1', 'category2', 'category3', 'category4', 'categoryCode', 'processingDegree', 'impactObjects',
  'impactDegree', 'level', 'rationale', 'isPersonalInfo', 'isSensitivePersonalInfo', 'dataSource', 'storageLocation',
  'sharing', 'openness', 'updateFrequency', 'ownerDepartment', 'ownerPerson', 'reviewedAt',
] as const satisfies readonly EditableField[];
export type BulkField = (typeof BULK_FIELDS)[number];

/** Sheet-2 headers, in the template's order, for each field (序号, 参考级别, 是否调整 are derived). */
export const SHEET2_HEADERS: Record<keyof EntryFields, string> = {
  dataId: '数据编号',
  systemName: '所属信息系统',
  resourceName: '数据资源名称',
  itemName: '数据项名称',
  itemCode: '数据项编码',
  description: '数据描述',
  industry: '行业领域',
  category1: '一级类别',
  category2: '二级类别',
  category3: '三级类别',
  category4: '四级类别',
  categoryCode: '分类编码',
  processingDegree: '数据加工程度',
  impactObjects: '影响对象',
  impactDegree: '影响程度',
  level: '数据级别',
  rationale: '定级理由',
  isPersonalInfo: '是否个人信息',
  isSensitivePersonalInfo: '是否敏感个人信息',
  recordCount: '数据量（条）',
  personCount: '涉及人数',
  dataSource: '数据来源',
  storageLocation: '存储位置',
  sharing: '共享属性',
  openness: '开放属性',
  updateFrequency: '更新频率',
  ownerDepartment: '责任部门',
  ownerPerson: '责任人',
  reviewedAt: '最近复核日期',
};

/** Sheet-2 field names in English (labels of the UI's English interface, messages, batch labels). */
export const SHEET2_HEADERS_EN: Record<keyof EntryFields, string> = {
  dataId: 'data ID', systemName: 'system', resourceName: 'resource name', itemName: 'item name', itemCode: 'item code',
  description: 'description', industry: 'industry', category1: 'category (level 1)', category2: 'category (level 2)',
  category3: 'category (level 3)', category4: 'category (level 4)', categoryCode: 'category code', processingDegree: 'processing degree',
  impactObjects: 'impact objects', impactDegree: 'impact degree', level: 'level', rationale: 'grading rationale',
  isPersonalInfo: 'personal information', isSensitivePersonalInfo: 'sensitive personal information', recordCount: 'records',
  personCount: 'people concerned', dataSource: 'data source', storageLocation: 'storage location', sharing: 'sharing',
  openness: 'openness', updateFrequency: 'update frequency', ownerDepartment: 'responsible department',
  ownerPerson: 'responsible person', reviewedAt: 'last review date',
};

/** Sheet 3 (重要数据目录): one row per important or core resource, completed by the officer. */
export interface CatalogFields {
  name: string; // 数据名称
  category: string; // 数据类别 (path joined by /)
  level: '' | '重要数据' | '核心数据';
  description: string;
  carrierKind: string; // 数据载体 kind
  carrierSystem: string; // 数据载体 system name
  dataSource: string;
  recordCount: number | null;
  volumeGb: number | null;
  personCount: number | null;
  coverage: string; // 覆盖范围
  timeSpan: string; // 时间跨度
  purpose: string; // 处理目的
  processingMethods: string; // 处理方式, joined by 、
  usageScope: string; // 使用范围
  provision: string; // 对外提供或委托处理情况
  crossBorder: '' | '是' | '否';
  crossBorderAssessment: string;
  retention: string; // 存储期限
  securityMeasures: string; // 安全保护措施, joined by 、
  mlpsLevel: string; // 所在系统等保级别
  basis: string; // 识别依据
  identifiedAt: string; // 识别日期
  department: string;
  person: string;
  phone: string;
}

export interface CatalogEntry extends CatalogFields {
  resourceId: number;
  dataId: string;
  updatedAt: string;
}
