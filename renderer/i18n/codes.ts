/** Catalogue keys for code values, roles, profile fields, audit actions and audit fields. */
import { FILING_AUDIT_ACTION_KEYS } from './areas/filing';
import { RISK_AUDIT_ACTION_KEYS } from './areas/risk';
import { REVIEW_AUDIT_ACTION_KEYS } from './areas/review';
import type { FilingKind, ProfileField, UnitType } from '../../main/domain/profile';
import type { WorkspaceRole } from '../../main/domain/workspace';
import type { AuditVerifyResult } from '../../main/domain/audit';
import type { CatalogFields, EntryFields, LevelSource, LevelState } from '../../main/domain/inventory';
import type { QualityDimension, Severity } from '../../main/domain/quality';
import type { Proposal } from '../../main/domain/identification';
import {
  CARRIER_KINDS,
  CATALOG_LEVELS,
  type PROCESSING_METHODS,
  type SECURITY_MEASURES,
  DATA_SOURCES,
  IMPACT_DEGREES,
  LEVELS_43697,
  MLPS_LEVELS,
  OPENNESS_ATTRIBUTES,
  PROCESSING_DEGREES,
  SHARING_ATTRIBUTES,
  STORAGE_LOCATIONS,
  UPDATE_FREQUENCIES,
  YES_NO,
  type ImpactDegree,
  type ImpactObject,
  type Level,
} from '../../main/domain/code-lists';
import type { MessageKey } from './zh-CN';

export const FIELD_LABEL_KEYS: Record<ProfileField, MessageKey> = {
  unitName: 'field.unitName',
  uscc: 'field.uscc',
  unitType: 'field.unitType',
  competentDepartment: 'field.competentDepartment',
  address: 'field.address',
  officerName: 'field.officerName',
  officerTitle: 'field.officerTitle',
  officerPhone: 'field.officerPhone',
  officerEmail: 'field.officerEmail',
  managementBody: 'field.managementBody',
  preparerName: 'field.preparerName',
  preparerPhone: 'field.preparerPhone',
  filingKind: 'field.filingKind',
  filingDate: 'field.filingDate',
};

export const FIELD_HINT_KEYS: Partial<Record<ProfileField, MessageKey>> = {
  uscc: 'hint.uscc',
  officerPhone: 'hint.officerPhone',
  preparerPhone: 'hint.preparerPhone',
};

export const UNIT_TYPE_KEYS: Record<UnitType, MessageKey> = {
  机关: 'code.unitType.organ',
  事业单位: 'code.unitType.institution',
  群团组织: 'code.unitType.mass',
  国有企业: 'code.unitType.soe',
  其他: 'code.unitType.other',
};

export const FILING_KIND_KEYS: Record<FilingKind, MessageKey> = {
  首次报送: 'code.filingKind.initial',
  变更报送: 'code.filingKind.change',
  年度报送: 'code.filingKind.annual',
  注销报送: 'code.filingKind.deregistration',
};

export const ROLE_KEYS: Record<WorkspaceRole, MessageKey> = {
  unit: 'role.unit',
  bureau: 'role.bureau',
};

export const ENTRY_FIELD_LABEL_KEYS: Record<keyof EntryFields, MessageKey> = {
  dataId: 'entry.field.dataId',
  systemName: 'entry.field.systemName',
  resourceName: 'entry.field.resourceName',
  itemName: 'entry.field.itemName',
  itemCode: 'entry.field.itemCode',
  description: 'entry.field.description',
  industry: 'entry.field.industry',
  category1: 'entry.field.category1',
  category2: 'entry.field.category2',
  category3: 'entry.field.category3',
  category4: 'entry.field.category4',
  categoryCode: 'entry.field.categoryCode',
  processingDegree: 'entry.field.processingDegree',
  impactObjects: 'entry.field.impactObjects',
  impactDegree: 'entry.field.impactDegree',
  level: 'entry.field.level',
  rationale: 'entry.field.rationale',
  isPersonalInfo: 'entry.field.isPersonalInfo',
  isSensitivePersonalInfo: 'entry.field.isSensitivePersonalInfo',
  recordCount: 'entry.field.recordCount',
  personCount: 'entry.field.personCount',
  dataSource: 'entry.field.dataSource',
  storageLocation: 'entry.field.storageLocation',
  sharing: 'entry.field.sharing',
  openness: 'entry.field.openness',
  updateFrequency: 'entry.field.updateFrequency',
  ownerDepartment: 'entry.field.ownerDepartment',
  ownerPerson: 'entry.field.ownerPerson',
  reviewedAt: 'entry.field.reviewedAt',
};

/** Sheet-3 (重要数据目录) field labels, exactly the template's headers in Chinese. */
export const CATALOG_FIELD_LABEL_KEYS: Record<keyof CatalogFields, MessageKey> = {
  name: 'catalog.field.name',
  category: 'catalog.field.category',
  level: 'catalog.field.level',
  description: 'catalog.field.description',
  carrierKind: 'catalog.field.carrierKind',
  carrierSystem: 'catalog.field.carrierSystem',
  dataSource: 'catalog.field.dataSource',
  recordCount: 'catalog.field.recordCount',
  volumeGb: 'catalog.field.volumeGb',
  personCount: 'catalog.field.personCount',
  coverage: 'catalog.field.coverage',
  timeSpan: 'catalog.field.timeSpan',
  purpose: 'catalog.field.purpose',
  processingMethods: 'catalog.field.processingMethods',
  usageScope: 'catalog.field.usageScope',
  provision: 'catalog.field.provision',
  crossBorder: 'catalog.field.crossBorder',
  crossBorderAssessment: 'catalog.field.crossBorderAssessment',
  retention: 'catalog.field.retention',
  securityMeasures: 'catalog.field.securityMeasures',
  mlpsLevel: 'catalog.field.mlpsLevel',
  basis: 'catalog.field.basis',
  identifiedAt: 'catalog.field.identifiedAt',
  department: 'catalog.field.department',
  person: 'catalog.field.person',
  phone: 'catalog.field.phone',
};

export const AUDIT_ACTION_KEYS: Record<string, MessageKey> = {
  'workspace.create': 'audit.action.workspace.create',
  'workspace.unlock': 'audit.action.workspace.unlock',
  'workspace.migrate': 'audit.action.workspace.migrate',
  'workspace.passphrase.change': 'audit.action.workspace.passphrase.change',
  'settings.update': 'audit.action.settings.update',
  'profile.update': 'audit.action.profile.update',
  'inventory.system.create': 'audit.action.inventory.system.create',
  'inventory.system.update': 'audit.action.inventory.system.update',
  'inventory.create': 'audit.action.inventory.create',
  'inventory.update': 'audit.action.inventory.update',
  'inventory.bulkUpdate': 'audit.action.inventory.bulkUpdate',
  'inventory.confirmLevels': 'audit.action.inventory.confirmLevels',
  'inventory.delete': 'audit.action.inventory.delete',
  'inventory.restore': 'audit.action.inventory.restore',
  'inventory.undo': 'audit.action.inventory.undo',
  'inventory.redo': 'audit.action.inventory.redo',
  'inventory.regrade': 'audit.action.inventory.regrade',
  'scheme.import': 'audit.action.scheme.import',
  'scheme.activate': 'audit.action.scheme.activate',
  'identification.save': 'audit.action.identification.save',
  'catalog.create': 'audit.action.catalog.create',
  'catalog.save': 'audit.action.catalog.save',
  'catalog.remove': 'audit.action.catalog.remove',
  'recognizer.scanNames': 'audit.action.recognizer.scanNames',
  'recognizer.scanSamples': 'audit.action.recognizer.scanSamples',
  'recognizer.accept': 'audit.action.recognizer.accept',
  'recognizer.importPack': 'audit.action.recognizer.importPack',
  'recognizer.resetPack': 'audit.action.recognizer.resetPack',
  'scheme.export': 'audit.action.scheme.export',
  'demo.batch': 'audit.action.demo.batch',
  'demo.generate': 'audit.action.demo.generate',
  'excel.import': 'audit.action.excel.import',
  'excel.export': 'audit.action.excel.export',
  'excel.exportFindings': 'audit.action.excel.exportFindings',
  'mapping.save': 'audit.action.mapping.save',
  'mapping.update': 'audit.action.mapping.update',
  'mapping.delete': 'audit.action.mapping.delete',
  'mapping.recognize': 'audit.action.mapping.recognize',
  'mapping.import': 'audit.action.mapping.import',
  ...FILING_AUDIT_ACTION_KEYS,
  ...RISK_AUDIT_ACTION_KEYS,
  ...REVIEW_AUDIT_ACTION_KEYS,
};

export const AUDIT_FIELD_KEYS: Record<string, MessageKey> = {
  ...CATALOG_FIELD_LABEL_KEYS,
  ...ENTRY_FIELD_LABEL_KEYS,
  ...FIELD_LABEL_KEYS,
  operator: 'audit.field.operator',
  idleLockMinutes: 'audit.field.idleLockMinutes',
  role: 'audit.field.role',
  name: 'audit.field.name',
  app: 'audit.field.app',
  schema: 'audit.field.schema',
  backup: 'audit.field.backup',
};

export const VERIFY_REASON_KEYS: Record<NonNullable<AuditVerifyResult['brokenAt']>['reason'], MessageKey> = {
  hash: 'audit.reason.hash',
  prev: 'audit.reason.prev',
  gap: 'audit.reason.gap',
  head: 'audit.reason.head',
};

/** Own-property lookup (so 'constructor' and friends are not found). */
export function lookup(map: Record<string, MessageKey>, k: string): MessageKey | undefined {
  return Object.prototype.hasOwnProperty.call(map, k) ? map[k] : undefined;
}

// ---- Inventory: sheet-2 fields, level set, code lists, level provenance ----

export const LEVEL_KEYS: Record<Level, MessageKey> = {
  核心数据: 'code.level.core',
  重要数据: 'code.level.important',
  一般数据4级: 'code.level.general4',
  一般数据3级: 'code.level.general3',
  一般数据2级: 'code.level.general2',
  一般数据1级: 'code.level.general1',
};

export const PROCESSING_DEGREE_KEYS: Record<(typeof PROCESSING_DEGREES)[number], MessageKey> = {
  原始数据: 'code.processing.raw',
  衍生数据: 'code.processing.derived',
  统计数据: 'code.processing.statistical',
  脱敏数据: 'code.processing.masked',
};

export const IMPACT_OBJECT_KEYS: Record<ImpactObject, MessageKey> = {
  国家安全: 'code.impactObject.nationalSecurity',
  经济运行: 'code.impactObject.economy',
  社会秩序: 'code.impactObject.socialOrder',
  公共利益: 'code.impactObject.publicInterest',
  组织权益: 'code.impactObject.organisation',
  个人权益: 'code.impactObject.individual',
};

export const IMPACT_DEGREE_KEYS: Record<ImpactDegree, MessageKey> = {
  特别严重危害: 'code.impactDegree.especiallySerious',
  严重危害: 'code.impactDegree.serious',
  一般危害: 'code.impactDegree.general',
  无危害: 'code.impactDegree.none',
};

export const YES_NO_KEYS: Record<(typeof YES_NO)[number], MessageKey> = {
  是: 'code.yes',
  否: 'code.no',
};

export const DATA_SOURCE_KEYS: Record<(typeof DATA_SOURCES)[number], MessageKey> = {
  本单位采集: 'code.dataSource.own',
  其他部门共享: 'code.dataSource.shared',
  上级下发: 'code.dataSource.higher',
  社会采购: 'code.dataSource.purchased',
  公开获取: 'code.dataSource.public',
  其他: 'code.dataSource.other',
};

export const STORAGE_LOCATION_KEYS: Record<(typeof STORAGE_LOCATIONS)[number], MessageKey> = {
  本单位机房: 'code.storage.own',
  政务云: 'code.storage.govCloud',
  第三方机房: 'code.storage.thirdParty',
  境外: 'code.storage.abroad',
};

export const SHARING_KEYS: Record<(typeof SHARING_ATTRIBUTES)[number], MessageKey> = {
  无条件共享: 'code.sharing.unconditional',
  有条件共享: 'code.sharing.conditional',
  不予共享: 'code.sharing.none',
};

export const OPENNESS_KEYS: Record<(typeof OPENNESS_ATTRIBUTES)[number], MessageKey> = {
  无条件开放: 'code.openness.unconditional',
  有条件开放: 'code.openness.conditional',
  不予开放: 'code.openness.none',
};

export const UPDATE_FREQUENCY_KEYS: Record<(typeof UPDATE_FREQUENCIES)[number], MessageKey> = {
  实时: 'code.frequency.realtime',
  每日: 'code.frequency.daily',
  每周: 'code.frequency.weekly',
  每月: 'code.frequency.monthly',
  每季度: 'code.frequency.quarterly',
  每年: 'code.frequency.yearly',
  不定期: 'code.frequency.irregular',
  不更新: 'code.frequency.never',
};

export const MLPS_KEYS: Record<(typeof MLPS_LEVELS)[number], MessageKey> = {
  第一级: 'code.mlps.1',
  第二级: 'code.mlps.2',
  第三级: 'code.mlps.3',
  第四级: 'code.mlps.4',
  未定级: 'code.mlps.none',
};

export const LEVEL_SOURCE_KEYS: Record<LevelSource, MessageKey> = {
  manual: 'level.source.manual',
  matrix: 'level.source.matrix',
  recognizer: 'level.source.recognizer',
  import: 'level.source.import',
  rollup: 'level.source.rollup',
};

export const LEVEL_STATE_KEYS: Record<LevelState, MessageKey> = {
  suggested: 'level.state.suggested',
  confirmed: 'level.state.confirmed',
};

/** The code list of each sheet-2 field that has one, with the keys of its display names. */
export const ENTRY_CODE_LISTS: Partial<Record<keyof EntryFields, { values: readonly string[]; keys: Record<string, MessageKey> }>> = {
  processingDegree: { values: PROCESSING_DEGREES, keys: PROCESSING_DEGREE_KEYS },
  impactDegree: { values: IMPACT_DEGREES, keys: IMPACT_DEGREE_KEYS },
  level: { values: LEVELS_43697, keys: LEVEL_KEYS },
  isPersonalInfo: { values: YES_NO, keys: YES_NO_KEYS },
  isSensitivePersonalInfo: { values: YES_NO, keys: YES_NO_KEYS },
  dataSource: { values: DATA_SOURCES, keys: DATA_SOURCE_KEYS },
  storageLocation: { values: STORAGE_LOCATIONS, keys: STORAGE_LOCATION_KEYS },
  sharing: { values: SHARING_ATTRIBUTES, keys: SHARING_KEYS },
  openness: { values: OPENNESS_ATTRIBUTES, keys: OPENNESS_KEYS },
  updateFrequency: { values: UPDATE_FREQUENCIES, keys: UPDATE_FREQUENCY_KEYS },
};

/** Display name of a stored code value; a value outside the list is shown as it is. */
export function codeLabel(t: (key: MessageKey) => string, keys: Record<string, MessageKey>, value: string): string {
  const k = lookup(keys, value);
  return k ? t(k) : value;
}

// ---- Important-data catalog (sheet 3), quality dimensions ----

export const CARRIER_KIND_KEYS: Record<(typeof CARRIER_KINDS)[number], MessageKey> = {
  数据库: 'code.carrier.database',
  文件: 'code.carrier.file',
  纸质: 'code.carrier.paper',
  其他: 'code.carrier.other',
};

export const PROCESSING_METHOD_KEYS: Record<(typeof PROCESSING_METHODS)[number], MessageKey> = {
  收集: 'code.processingMethod.collect',
  存储: 'code.processingMethod.store',
  使用: 'code.processingMethod.use',
  加工: 'code.processingMethod.process',
  传输: 'code.processingMethod.transmit',
  提供: 'code.processingMethod.provide',
  公开: 'code.processingMethod.disclose',
  删除: 'code.processingMethod.delete',
};

export const SECURITY_MEASURE_KEYS: Record<(typeof SECURITY_MEASURES)[number], MessageKey> = {
  加密存储: 'code.measure.encryptedStorage',
  加密传输: 'code.measure.encryptedTransfer',
  访问控制: 'code.measure.accessControl',
  身份鉴别: 'code.measure.authentication',
  安全审计: 'code.measure.audit',
  数据备份: 'code.measure.backup',
  数据脱敏: 'code.measure.masking',
  数据标识: 'code.measure.labelling',
  数据水印: 'code.measure.watermark',
};

/** The code list of each sheet-3 field shown as a select. */
export const CATALOG_CODE_LISTS: Partial<Record<keyof CatalogFields, { values: readonly string[]; keys: Record<string, MessageKey> }>> = {
  level: { values: CATALOG_LEVELS, keys: LEVEL_KEYS },
  carrierKind: { values: CARRIER_KINDS, keys: CARRIER_KIND_KEYS },
  dataSource: { values: DATA_SOURCES, keys: DATA_SOURCE_KEYS },
  crossBorder: { values: YES_NO, keys: YES_NO_KEYS },
  mlpsLevel: { values: MLPS_LEVELS, keys: MLPS_KEYS },
};

export const DIMENSION_KEYS: Record<QualityDimension | 'overall', MessageKey> = {
  overall: 'quality.dim.overall',
  completeness: 'quality.dim.completeness',
  consistency: 'quality.dim.consistency',
  conformity: 'quality.dim.conformity',
  timeliness: 'quality.dim.timeliness',
};

export const SEVERITY_KEYS: Record<Severity, MessageKey> = {
  error: 'quality.severity.error',
  warning: 'quality.severity.warning',
};

export const PROPOSAL_KEYS: Record<Proposal, MessageKey> = {
  重要数据: 'code.level.important',
  核心数据: 'code.level.core',
  一般数据: 'identify.proposal.general',
  待定: 'identify.proposal.open',
};
