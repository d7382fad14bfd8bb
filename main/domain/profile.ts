/**
 * 填报单位信息 (sheet 1 of the bureau template): the fields, their code lists and their rules.
 * A missing required value makes the profile incomplete (it can be saved, but not filed);
 * a malformed value is an error (it cannot be saved).
 */
import { checkUscc, describeUsccProblem } from './uscc';
import { isEmail, isMainlandPhone, normalizeDate, normalizePhone } from './contact';
import { normalizeText } from './text';

export const UNIT_TYPES = ['机关', '事业单位', '群团组织', '国有企业', '其他'] as const;
export const FILING_KINDS = ['首次报送', '变更报送', '年度报送', '注销报送'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
export type FilingKind = (typeof FILING_KINDS)[number];

export interface UnitProfile {
  unitName: string;
  uscc: string;
  unitType: UnitType | '';
  competentDepartment: string;
  address: string;
  officerName: string;
  officerTitle: string;
  officerPhone: string;
  officerEmail: string;
  managementBody: string;
  preparerName: string;
  preparerPhone: string;
  filingKind: FilingKind | '';
  filingDate: string;
}

export type ProfileField = keyof UnitProfile;

type FieldKind = 'text' | 'uscc' | 'phone' | 'email' | 'date' | 'unitType' | 'filingKind';

export interface ProfileFieldDef {
  key: ProfileField;
  /** The label in column A of sheet 1, exactly as the bureau's template writes it. */
  templateLabel: string;
  /** The English label, for messages in English. */
  labelEn: string;
  required: boolean;
  kind: FieldKind;
  maxLength: number;
}

/** Sheet 1 in the template's order. */
export const PROFILE_FIELDS: readonly ProfileFieldDef[] = [
  { key: 'unitName', labelEn: 'Unit name', templateLabel: '单位名称', required: true, kind: 'text', maxLength: 200 },
  { key: 'uscc', labelEn: 'Unified social credit code', templateLabel: '统一社会信用代码', required: true, kind: 'uscc', maxLength: 40 },
  { key: 'unitType', labelEn: 'Unit type', templateLabel: '单位类型', required: false, kind: 'unitType', maxLength: 20 },
  { key: 'competentDepartment', labelEn: 'Competent department', templateLabel: '主管部门', required: false, kind: 'text', maxLength: 200 },
  { key: 'address', labelEn: 'Unit address', templateLabel: '单位地址', required: false, kind: 'text', maxLength: 300 },
  { key: 'officerName', labelEn: 'Data security officer', templateLabel: '数据安全负责人', required: true, kind: 'text', maxLength: 50 },
  { key: 'officerTitle', labelEn: "Officer's post", templateLabel: '负责人职务', required: true, kind: 'text', maxLength: 100 },
  { key: 'officerPhone', labelEn: "Officer's phone", templateLabel: '负责人电话', required: true, kind: 'phone', maxLength: 40 },
  { key: 'officerEmail', labelEn: "Officer's e-mail", templateLabel: '负责人邮箱', required: false, kind: 'email', maxLength: 254 },
  { key: 'managementBody', labelEn: 'Data security management body', templateLabel: '数据安全管理机构', required: true, kind: 'text', maxLength: 200 },
  { key: 'preparerName', labelEn: 'Preparer', templateLabel: '填报人', required: true, kind: 'text', maxLength: 50 },
  { key: 'preparerPhone', labelEn: "Preparer's phone", templateLabel: '填报人电话', required: true, kind: 'phone', maxLength: 40 },
  { key: 'filingKind', labelEn: 'Filing kind', templateLabel: '报送类型', required: false, kind: 'filingKind', maxLength: 20 },
  { key: 'filingDate', labelEn: 'Filing date', templateLabel: '填报日期', required: false, kind: 'date', maxLength: 20 },
];

export const EMPTY_PROFILE: UnitProfile = {
  unitName: '',
  uscc: '',
  unitType: '',
  competentDepartment: '',
  address: '',
  officerName: '',
  officerTitle: '',
  officerPhone: '',
  officerEmail: '',
  managementBody: '',
  preparerName: '',
  preparerPhone: '',
  filingKind: '',
  filingDate: '',
};

export type IssueSeverity = 'error' | 'incomplete' | 'warning';

export interface FieldIssue {
  field: ProfileField;
  severity: IssueSeverity;
  code: string;
  message_zh: string;
  message_en: string;
}

export interface ProfileCheck {
  /** The profile as it will be stored: normalised text, codes and dates. */
  normalized: UnitProfile;
  issues: FieldIssue[];
  /** No 'error' issue: the profile may be saved. */
  savable: boolean;
  /** No 'error' and no 'incomplete' issue: the profile may go into a filing. */
  complete: boolean;
}

/** Validate and normalise a profile. Pure; the form and the service call the same function. */
export function checkProfile(input: UnitProfile): ProfileCheck {
  const issues: FieldIssue[] = [];
  const out: UnitProfile = { ...EMPTY_PROFILE };
  const add = (field: ProfileField, severity: IssueSeverity, code: string, zh: string, en: string) =>
    issues.push({ field, severity, code, message_zh: zh, message_en: en });

  for (const def of PROFILE_FIELDS) {
    const raw = normalizeText(String(input[def.key] ?? ''));
    const label = def.templateLabel;
    const labelEn = def.labelEn;
    if (raw === '') {
      (out as unknown as Record<string, string>)[def.key] = '';
      if (def.required) add(def.key, 'incomplete', 'REQUIRED', `请填写${label}`, `${labelEn} is required`);
      continue;
    }
    if (raw.length > def.maxLength) {
      add(def.key, 'error', 'TOO_LONG', `${label}不能超过${def.maxLength}个字符`, `${labelEn} may have at most ${def.maxLength} characters`);
    }
    let value = raw;
    switch (def.kind) {
      case 'uscc': {
        const r = checkUscc(raw);
        value = r.normalized;
        if (!r.valid && r.problem) {
          const d = describeUsccProblem(r.problem);
          add(def.key, 'error', r.problem.code, d.zh, d.en);
        } else if (r.orgCodeWarning) {
          add(def.key, 'warning', 'USCC_ORG_CODE', '第9–17位组织机构代码的校验未通过，请核对', 'The organisation code inside (characters 9–17) fails its own check; please double-check');
        }
        break;
      }
      case 'phone':
        value = normalizePhone(raw);
        if (!isMainlandPhone(raw))
          add(def.key, 'error', 'PHONE_INVALID', `${label}应为手机号码（11位）或带区号的固定电话`, `${labelEn} must be a mobile number (11 digits) or a landline with its area code`);
        break;
      case 'email':
        if (!isEmail(raw)) add(def.key, 'error', 'EMAIL_INVALID', `${label}格式不正确`, `${labelEn} is not a valid e-mail address`);
        break;
      case 'date': {
        const d = normalizeDate(raw);
        if (d) value = d;
        else add(def.key, 'error', 'DATE_INVALID', `${label}应为有效日期（yyyy-mm-dd）`, `${labelEn} must be a real date (yyyy-mm-dd)`);
        break;
      }
      case 'unitType':
        if (!(UNIT_TYPES as readonly string[]).includes(raw))
          add(def.key, 'error', 'NOT_IN_LIST', `${label}应为：${UNIT_TYPES.join('、')}`, `${labelEn} must be one of: ${UNIT_TYPES.join(', ')}`);
        break;
      case 'filingKind':
        if (!(FILING_KINDS as readonly string[]).includes(raw))
          add(def.key, 'error', 'NOT_IN_LIST', `${label}应为：${FILING_KINDS.join('、')}`, `${labelEn} must be one of: ${FILING_KINDS.join(', ')}`);
        break;
      case 'text':
        break;
    }
    (out as unknown as Record<string, string>)[def.key] = value;
  }
  const savable = !issues.some((i) => i.severity === 'error');
  return { normalized: out, issues, savable, complete: savable && !issues.some((i) => i.severity === 'incomplete') };
}

/** The profile as the UI receives it: stored values plus what is still wrong or missing. */
export interface ProfileView {
  profile: UnitProfile;
  updatedAt: string | null;
  issues: FieldIssue[];
  complete: boolean;
}
