/** Display names for quality rules and for the field a finding is about. */
import { QUALITY_RULES, type Finding } from '../../../main/domain/quality';
import type { Lang, TFunction } from '../../i18n/index';
import { CATALOG_FIELD_LABEL_KEYS, ENTRY_FIELD_LABEL_KEYS, lookup } from '../../i18n/codes';

/**
 * A rule's message in the interface language, from QUALITY_RULES, its {field} and {x} left as an
 * ellipsis (one rule covers many fields and values). An unknown code is shown as it is.
 */
export function ruleLabel(lang: Lang, code: string): string {
  if (!Object.prototype.hasOwnProperty.call(QUALITY_RULES, code)) return code;
  const def = QUALITY_RULES[code as keyof typeof QUALITY_RULES];
  return (lang === 'en' ? def.en : def.zh).replace(/\{field\}|\{x\}/g, '…');
}

/** The field's label on its sheet, or '' when the finding is about the whole row. */
export function findingFieldLabel(t: TFunction, f: Pick<Finding, 'sheet' | 'field'>): string {
  if (!f.field) return '';
  const key = lookup(f.sheet === 3 ? CATALOG_FIELD_LABEL_KEYS : ENTRY_FIELD_LABEL_KEYS, f.field);
  return key ? t(key) : f.field;
}
