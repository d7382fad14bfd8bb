/** Catalogue keys for code values, roles, profile fields, audit actions and audit fields. */
import type { FilingKind, ProfileField, UnitType } from '../../main/domain/profile';
import type { WorkspaceRole } from '../../main/domain/workspace';
import type { AuditVerifyResult } from '../../main/domain/audit';
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

export const AUDIT_ACTION_KEYS: Record<string, MessageKey> = {
  'workspace.create': 'audit.action.workspace.create',
  'workspace.unlock': 'audit.action.workspace.unlock',
  'workspace.migrate': 'audit.action.workspace.migrate',
  'workspace.passphrase.change': 'audit.action.workspace.passphrase.change',
  'settings.update': 'audit.action.settings.update',
  'profile.update': 'audit.action.profile.update',
};

export const AUDIT_FIELD_KEYS: Record<string, MessageKey> = {
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
