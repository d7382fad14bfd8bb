/** The wizard's choices as the API's mapping rules, and the checks the wizard makes before a dry run. */
import { splitMulti } from '../../../../main/domain/code-lists';
import type { EntryFields } from '../../../../main/domain/inventory';
import {
  codeListOf, isMultiTarget, MAPPING_FIELDS, proposeValue, valueKey, type MappingColumnView, type MappingRulesInput, type MappingSynonyms, type MappingTarget,
} from '../../../../main/domain/sheets/mapping';
import type { MessageKey } from '../../../i18n/index';
import { ENTRY_CODE_LISTS, ENTRY_FIELD_LABEL_KEYS, IMPACT_OBJECT_KEYS } from '../../../i18n/codes';

export type Targets = Record<number, MappingTarget | ''>;
export type ValueMaps = Partial<Record<MappingTarget, Record<string, string>>>;

export interface Choices {
  targets: Targets;
  values: ValueMaps;
  systemName: string;
  resourceName: string;
  prefix: string;
}

export const TARGET_OPTIONS: readonly MappingTarget[] = ['hierarchy', ...MAPPING_FIELDS];

export function targetLabelKey(target: MappingTarget): MessageKey {
  return target === 'hierarchy' ? 'mapping.columns.hierarchy' : ENTRY_FIELD_LABEL_KEYS[target as keyof EntryFields];
}

/** Catalogue keys of a target's code values (for display), if it has them. */
export function codeKeysOf(target: MappingTarget): Record<string, MessageKey> {
  if (target === 'impactObjects') return IMPACT_OBJECT_KEYS;
  return ENTRY_CODE_LISTS[target as keyof EntryFields]?.keys ?? {};
}

/** The distinct values of a column as the value map sees them (part by part for a multi-value field). */
export function valuesOf(column: MappingColumnView, target: MappingTarget): { value: string; count: number }[] {
  if (!isMultiTarget(target)) return column.distinct;
  const m = new Map<string, number>();
  for (const d of column.distinct) for (const p of splitMulti(d.value)) m.set(p, (m.get(p) ?? 0) + d.count);
  return [...m].map(([value, count]) => ({ value, count }));
}

/** The code-list columns among the mapped ones. */
export function codeColumns(columns: readonly MappingColumnView[], targets: Targets): { column: MappingColumnView; target: MappingTarget }[] {
  const out: { column: MappingColumnView; target: MappingTarget }[] = [];
  for (const c of columns) {
    const t = targets[c.index];
    if (t && codeListOf(t)) out.push({ column: c, target: t });
  }
  return out;
}

/** Proposed codes for the values not decided yet (a value already decided is left as it is). */
export function proposeMissing(columns: readonly MappingColumnView[], choices: Choices, syn: MappingSynonyms, done: ReadonlySet<string>): ValueMaps {
  const next: ValueMaps = { ...choices.values };
  for (const { column, target } of codeColumns(columns, choices.targets)) {
    if (done.has(target)) continue;
    const map = { ...(next[target] ?? {}) };
    for (const v of valuesOf(column, target)) {
      const k = valueKey(v.value);
      if (k in map) continue;
      const p = proposeValue(target, v.value, syn);
      if (p.code) map[k] = p.code;
    }
    next[target] = map;
  }
  return next;
}

export function rulesOf(choices: Choices): MappingRulesInput {
  const columns = Object.entries(choices.targets)
    .filter(([, t]) => t !== '')
    .map(([c, t]) => ({ column: Number(c), target: t as MappingTarget }))
    .sort((a, b) => a.column - b.column);
  const mapped = new Set(columns.map((c) => c.target));
  const values: ValueMaps = {};
  for (const [t, m] of Object.entries(choices.values) as [MappingTarget, Record<string, string>][]) if (mapped.has(t) && codeListOf(t) && Object.keys(m).length > 0) values[t] = m;
  return { columns, values, defaults: { systemName: choices.systemName.trim(), resourceName: choices.resourceName.trim() }, dataIdPrefix: choices.prefix.trim() || 'MAP' };
}

/** What stops the columns step: a field chosen twice, or no way to name the resource. */
export function columnProblems(choices: Choices): { duplicate?: MappingTarget | undefined; needNames: boolean } {
  const seen = new Set<MappingTarget>();
  let duplicate: MappingTarget | undefined;
  for (const t of Object.values(choices.targets)) {
    if (!t) continue;
    if (seen.has(t) && !duplicate) duplicate = t;
    seen.add(t);
  }
  const needNames = !seen.has('resourceName') && !seen.has('hierarchy') && choices.resourceName.trim() === '';
  return { duplicate, needNames };
}
