/** Labels of the review area: bilingual domain labels in the interface language, field names, short fingerprints. */
import { useCallback } from 'react';
import { ENTRY_DECISION_LABELS, FILING_STATUS_LABELS, REVIEW_FLAG_LABELS, type EntryDecision, type FilingStatus, type ReviewFlagCode } from '../../../main/domain/bureau';
import { FILING_KIND_LABELS, type FilingKindCode } from '../../../main/domain/package/index';
import { useLang, type Lang, type TFunction } from '../../i18n/index';
import { CATALOG_FIELD_LABEL_KEYS, ENTRY_FIELD_LABEL_KEYS, lookup } from '../../i18n/codes';

type Bi = { zh: string; en: string };
export const bi = (lang: Lang, x: Bi): string => (lang === 'en' ? x.en : x.zh);

export interface ReviewLabels {
  status(s: FilingStatus | 'awaiting'): string;
  kind(k: FilingKindCode): string;
  decision(d: EntryDecision): string;
  flag(c: ReviewFlagCode): string;
}

export function useReviewLabels(t: TFunction): ReviewLabels {
  const lang = useLang();
  const status = useCallback((s: FilingStatus | 'awaiting') => (s === 'awaiting' ? t('review.status.awaiting') : bi(lang, FILING_STATUS_LABELS[s])), [lang, t]);
  const kind = useCallback((k: FilingKindCode) => bi(lang, FILING_KIND_LABELS[k]), [lang]);
  const decision = useCallback((d: EntryDecision) => bi(lang, ENTRY_DECISION_LABELS[d]), [lang]);
  const flag = useCallback((c: ReviewFlagCode) => bi(lang, REVIEW_FLAG_LABELS[c]), [lang]);
  return { status, kind, decision, flag };
}

/** The label of a sheet-2 or sheet-3 field as the template names it; the key itself when unknown. */
export function fieldLabel(t: TFunction, section: 'entry' | 'catalog', field: string): string {
  const key = section === 'catalog' ? (lookup(CATALOG_FIELD_LABEL_KEYS, field) ?? lookup(ENTRY_FIELD_LABEL_KEYS, field)) : (lookup(ENTRY_FIELD_LABEL_KEYS, field) ?? lookup(CATALOG_FIELD_LABEL_KEYS, field));
  return key ? t(key) : field;
}

/** A value of a diff as text ('' and null read as the empty mark). */
export function valueText(v: unknown, none: string): string {
  if (v === null || v === undefined || v === '') return none;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** "ABCD EFGH …" → the first and last groups, for tables (the full print is in the title). */
export function shortFingerprint(fp: string): string {
  const groups = fp.split(' ');
  return groups.length > 4 ? `${groups.slice(0, 2).join(' ')} … ${groups.slice(-2).join(' ')}` : fp;
}

export const shortDigest = (d: string | null | undefined): string => (d ? `${d.slice(0, 12)}…` : '');

/** A proposed path for a file the reviewer saves: the open workspace's folder and the name. */
export function proposedPath(workspacePath: string | undefined, name: string): string {
  if (!workspacePath) return '';
  const i = Math.max(workspacePath.lastIndexOf('/'), workspacePath.lastIndexOf('\\'));
  return i >= 0 ? workspacePath.slice(0, i + 1) + name : '';
}
