/**
 * The detail panel's form: every editable sheet-2 field as text, the changes to send, the checks
 * done before sending (the backend checks again), and the field errors an answer carries.
 */
import type { EntryChanges } from '../../../main/api/contract/inventory';
import type { ErrorInfo } from '../../../main/domain/errors';
import { EDITABLE_FIELDS, type EditableField, type Entry } from '../../../main/domain/inventory';
import { isLevel } from '../../../main/domain/levels';
import { YES_NO } from '../../../main/domain/code-lists';
import { isLowering } from '../../../main/domain/grading';
import type { Bilingual } from '../../i18n/index';
import type { MessageKey } from '../../i18n/zh-CN';

export type EntryForm = Record<EditableField, string>;

const NUMBER_FIELDS = new Set<EditableField>(['recordCount', 'personCount']);
const FIELD_SET = new Set<string>(EDITABLE_FIELDS);
const YES = YES_NO[0];

export function isEditableField(f: unknown): f is EditableField {
  return typeof f === 'string' && FIELD_SET.has(f);
}

export function toForm(e: Entry): EntryForm {
  const out = {} as EntryForm;
  for (const f of EDITABLE_FIELDS) {
    const v = e[f];
    out[f] = v === null || v === undefined ? '' : String(v);
  }
  return out;
}

export function sameForm(a: EntryForm, b: EntryForm): boolean {
  return EDITABLE_FIELDS.every((f) => a[f] === b[f]);
}

/** Reload under unsaved edits: fields the user did not touch take the new saved value. */
export function mergeReload(values: EntryForm, oldSaved: EntryForm, newSaved: EntryForm): EntryForm {
  const out = { ...values };
  for (const f of EDITABLE_FIELDS) if (values[f] === oldSaved[f]) out[f] = newSaved[f];
  return out;
}

function toValue(f: EditableField, v: string): unknown {
  if (NUMBER_FIELDS.has(f)) return v.trim() === '' ? null : Number(v.trim());
  if (f === 'reviewedAt' || f === 'dataId') return v.trim();
  return v;
}

/** Only the fields that differ from the saved entry. */
export function formChanges(values: EntryForm, saved: EntryForm): EntryChanges {
  const out: Record<string, unknown> = {};
  for (const f of EDITABLE_FIELDS) if (values[f] !== saved[f]) out[f] = toValue(f, values[f]);
  return out as EntryChanges;
}

/** Chosen fields, for a bulk edit. */
export function pickChanges(values: Partial<EntryForm>, fields: Iterable<EditableField>): EntryChanges {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = toValue(f, values[f] ?? '');
  return out as EntryChanges;
}

export type FormProblems = Partial<Record<EditableField, MessageKey>>;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
export function isDate(v: string): boolean {
  const m = DATE.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** What must be right before saving. Missing optional facts are the quality checks' business. */
export function checkForm(v: Partial<EntryForm>, kind: Entry['kind'] | 'bulk', only?: ReadonlySet<EditableField>): FormProblems {
  const p: FormProblems = {};
  const on = (f: EditableField) => !only || only.has(f);
  if (kind !== 'bulk' && on('dataId') && !(v.dataId ?? '').trim()) p.dataId = 'entry.error.dataIdRequired';
  if (kind === 'item' && on('itemName') && !(v.itemName ?? '').trim()) p.itemName = 'entry.error.itemNameRequired';
  for (const f of ['recordCount', 'personCount'] as const) {
    const s = (v[f] ?? '').trim();
    if (on(f) && s !== '' && !/^\d{1,13}$/.test(s)) p[f] = 'entry.error.count';
  }
  const r = (v.reviewedAt ?? '').trim();
  if (on('reviewedAt') && r !== '' && !isDate(r)) p.reviewedAt = 'entry.error.date';
  if (on('level') && v.level && !isLevel(v.level)) p.level = 'entry.error.level';
  if (on('isSensitivePersonalInfo') && v.isSensitivePersonalInfo === YES && v.isPersonalInfo !== YES && (kind !== 'bulk' || on('isPersonalInfo')))
    p.isSensitivePersonalInfo = 'entry.error.sensitiveNeedsPi';
  return p;
}

/** A level below the suggestion with no reason written: the backend will refuse it. */
export function loweringWithoutReason(v: Pick<EntryForm, 'level' | 'rationale'>, suggested: Entry['suggestedLevel']): boolean {
  const level = isLevel(v.level) ? v.level : '';
  return isLowering(level, suggested) && v.rationale.trim() === '';
}

export interface FieldMessage extends Bilingual {
  field: EditableField;
}

/**
 * The fields an error answer is about: `details.issues` ([{field, message_zh, message_en}]),
 * `details.field`, or the code itself (LOWERING_NEEDS_RATIONALE → 定级理由, DATA_ID_TAKEN → 数据编号).
 */
export function fieldErrorsFromError(error: ErrorInfo): FieldMessage[] {
  const details = (error.details ?? {}) as { issues?: unknown; field?: unknown; fields?: unknown };
  const out: FieldMessage[] = [];
  if (Array.isArray(details.issues)) {
    for (const i of details.issues as unknown[]) {
      const it = i as Partial<FieldMessage> | null;
      if (it && isEditableField(it.field))
        out.push({
          field: it.field,
          message_zh: typeof it.message_zh === 'string' ? it.message_zh : error.message_zh,
          message_en: typeof it.message_en === 'string' ? it.message_en : error.message_en,
        });
    }
  }
  if (out.length === 0 && isEditableField(details.field)) out.push({ field: details.field, message_zh: error.message_zh, message_en: error.message_en });
  if (out.length === 0 && Array.isArray(details.fields))
    for (const f of details.fields as unknown[]) if (isEditableField(f)) out.push({ field: f, message_zh: error.message_zh, message_en: error.message_en });
  if (out.length === 0) {
    const byCode: Record<string, EditableField> = { LOWERING_NEEDS_RATIONALE: 'rationale', DATA_ID_TAKEN: 'dataId', LEVEL_BELOW_ITEMS: 'level' };
    const f = byCode[error.code];
    if (f) out.push({ field: f, message_zh: error.message_zh, message_en: error.message_en });
  }
  return out;
}
