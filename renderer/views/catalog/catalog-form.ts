/**
 * The catalog form (sheet 3, 重要数据目录): every field as text, the changes to send, the checks
 * done before sending (numbers and dates; missing values are the quality check's business, so an
 * incomplete draft can be saved), and the layout of the fields in sections.
 */
import type { CatalogChanges } from '../../../main/api/contract/quality';
import type { CatalogEntry, CatalogFields } from '../../../main/domain/inventory';
import type { Proposal } from '../../../main/domain/identification';
import type { MessageKey } from '../../i18n/zh-CN';
import { isMainlandPhone } from '../../../main/domain/contact';
import { isDate } from '../inventory/entry-form';

export type CatalogField = keyof CatalogFields;
export type CatalogForm = Record<CatalogField, string>;

export const CATALOG_FIELDS: readonly CatalogField[] = [
  'name', 'category', 'level', 'description', 'carrierKind', 'carrierSystem', 'dataSource', 'recordCount', 'volumeGb',
  'personCount', 'coverage', 'timeSpan', 'purpose', 'processingMethods', 'usageScope', 'provision', 'crossBorder',
  'crossBorderAssessment', 'retention', 'securityMeasures', 'mlpsLevel', 'basis', 'identifiedAt', 'department', 'person', 'phone',
];

/** Sheet-3 fields the template requires (the quality check reports them when empty). */
export const CATALOG_REQUIRED: ReadonlySet<CatalogField> = new Set<CatalogField>(['name', 'level', 'description', 'purpose', 'department', 'person', 'phone']);

export const CATALOG_SECTIONS: { title: MessageKey; fields: CatalogField[] }[] = [
  { title: 'catalog.section.basic', fields: ['name', 'category', 'level', 'description', 'basis', 'identifiedAt'] },
  { title: 'catalog.section.carrier', fields: ['carrierKind', 'carrierSystem', 'mlpsLevel', 'dataSource', 'recordCount', 'volumeGb', 'personCount', 'coverage', 'timeSpan'] },
  { title: 'catalog.section.processing', fields: ['purpose', 'processingMethods', 'usageScope', 'provision', 'crossBorder', 'crossBorderAssessment', 'retention', 'securityMeasures'] },
  { title: 'catalog.section.owner', fields: ['department', 'person', 'phone'] },
];

/** Longest text the contract accepts per field. */
export const CATALOG_MAX_LENGTH: Partial<Record<CatalogField, number>> = {
  name: 200, category: 400, description: 2000, carrierSystem: 200, coverage: 500, timeSpan: 100, purpose: 1000,
  usageScope: 1000, provision: 2000, crossBorderAssessment: 2000, retention: 200, basis: 1000, department: 100, person: 50, phone: 40,
};

export const INTEGER_FIELDS: ReadonlySet<CatalogField> = new Set<CatalogField>(['recordCount', 'personCount']);
export const NUMBER_FIELDS: ReadonlySet<CatalogField> = new Set<CatalogField>(['recordCount', 'personCount', 'volumeGb']);
export const TEXTAREA_FIELDS: ReadonlySet<CatalogField> = new Set<CatalogField>(['description', 'purpose', 'usageScope', 'provision', 'crossBorderAssessment', 'basis']);
export const MULTI_FIELDS: ReadonlySet<CatalogField> = new Set<CatalogField>(['processingMethods', 'securityMeasures']);

export function toCatalogForm(e: CatalogEntry): CatalogForm {
  const out = {} as CatalogForm;
  for (const f of CATALOG_FIELDS) {
    const v = e[f];
    out[f] = v === null || v === undefined ? '' : String(v);
  }
  return out;
}

export function sameCatalogForm(a: CatalogForm, b: CatalogForm): boolean {
  return CATALOG_FIELDS.every((f) => a[f] === b[f]);
}

/** Reload under unsaved edits: fields the user did not touch take the new saved value. */
export function mergeCatalogReload(values: CatalogForm, oldSaved: CatalogForm, newSaved: CatalogForm): CatalogForm {
  const out = { ...values };
  for (const f of CATALOG_FIELDS) if (values[f] === oldSaved[f]) out[f] = newSaved[f];
  return out;
}

/** Only the fields that differ from the saved row; numbers as numbers ('' → null). */
export function catalogChanges(values: CatalogForm, saved: CatalogForm): CatalogChanges {
  const out: Record<string, unknown> = {};
  for (const f of CATALOG_FIELDS) {
    if (values[f] === saved[f]) continue;
    const v = values[f];
    if (NUMBER_FIELDS.has(f)) out[f] = v.trim() === '' ? null : Number(v.trim());
    else if (f === 'identifiedAt' || f === 'phone') out[f] = v.trim();
    else out[f] = v;
  }
  return out as CatalogChanges;
}

export type CatalogProblems = Partial<Record<CatalogField, MessageKey>>;

/** What must be right before saving: numbers and dates the backend would refuse. */
export function checkCatalogForm(v: CatalogForm): CatalogProblems {
  const p: CatalogProblems = {};
  for (const f of INTEGER_FIELDS) {
    const s = v[f].trim();
    if (s !== '' && !/^\d{1,13}$/.test(s)) p[f] = 'entry.error.count';
  }
  const gb = v.volumeGb.trim();
  if (gb !== '' && !(/^\d+(\.\d+)?$/.test(gb) && Number(gb) <= 1e9)) p.volumeGb = 'catalog.error.volume';
  const d = v.identifiedAt.trim();
  if (d !== '' && !isDate(d)) p.identifiedAt = 'entry.error.date';
  const phone = v.phone.trim();
  if (phone !== '' && !isMainlandPhone(phone)) p.phone = 'catalog.error.phone';
  return p;
}

/** The first required field still empty (where the officer continues after a draft). */
export function firstMissingRequired(e: CatalogFields): CatalogField | null {
  for (const s of CATALOG_SECTIONS) for (const f of s.fields) if (CATALOG_REQUIRED.has(f) && String(e[f] ?? '').trim() === '') return f;
  return null;
}

export const catalogInputId = (f: CatalogField) => `catalog-${f}`;

/** Focus a field of the form; a checkbox group by its first box. */
export function focusCatalogField(f: string): boolean {
  const el = document.getElementById(MULTI_FIELDS.has(f as CatalogField) ? `catalog-${f}-0` : `catalog-${f}`);
  if (!el) return false;
  el.focus();
  return true;
}

export function isCatalogField(f: unknown): f is CatalogField {
  return typeof f === 'string' && (CATALOG_FIELDS as readonly string[]).includes(f);
}

/** How a proposal is shown: important (drafts a catalog row), open (待定) or general. */
export function proposalTone(p: Proposal): 'important' | 'open' | 'general' {
  if (p === '重要数据' || p === '核心数据') return 'important';
  return p === '待定' ? 'open' : 'general';
}
