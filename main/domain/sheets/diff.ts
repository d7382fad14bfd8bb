/**
 * What an import would change, matched by 数据编号: rows added, rows changed field by field, rows
 * unchanged, and workspace entries absent from the file (removed only if the officer opts in).
 * Only the fields whose column is in the file are compared. Pure.
 */
import type { CatalogFields, EntryFields } from '../inventory';
import type { UnitProfile } from '../profile';
import { normalizeText } from '../text';
import { SHEET2_COLUMNS, SHEET3_COLUMNS, SHEET1_LABELS } from './layout';

export interface FieldChange {
  field: string;
  /** The template header of the field. */
  header: string;
  before: string | number | null;
  after: string | number | null;
}

/** Sheet-2 fields an import compares and writes (序号, 参考级别, 是否调整 are the tool's). */
export const IMPORTED_ENTRY_FIELDS = SHEET2_COLUMNS.filter((c) => c.kind !== 'derived').map((c) => c.key as keyof EntryFields);
const ENTRY_HEADER = new Map(SHEET2_COLUMNS.map((c) => [c.key as string, c.header]));
const CATALOG_HEADER = new Map<string, string>([
  ...SHEET3_COLUMNS.map((c) => [c.key as string, c.header] as [string, string]),
  ['carrierKind', '数据载体'],
  ['carrierSystem', '数据载体（系统）'],
]);
const PROFILE_HEADER = new Map(SHEET1_LABELS.map((l) => [l.key as string, l.label]));

const empty = (v: unknown) => v === '' || v === null || v === undefined;
/**
 * Equal as the workspace stores values: every text is kept normalised (NFC, half-width, trimmed),
 * so a value stored before normalisation (（HIS） written by a tool) equals its normalised form.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if ((a ?? null) === (b ?? null) || (empty(a) && empty(b))) return true;
  return typeof a === 'string' && typeof b === 'string' && normalizeText(a) === normalizeText(b);
}
const same = sameValue;

export function diffEntry(file: EntryFields, present: ReadonlySet<keyof EntryFields>, current: EntryFields): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of IMPORTED_ENTRY_FIELDS) {
    if (!present.has(f)) continue;
    if (!same(file[f], current[f])) out.push({ field: f, header: ENTRY_HEADER.get(f) ?? f, before: current[f] ?? null, after: file[f] ?? null });
  }
  return out;
}

export const CATALOG_FIELD_KEYS: readonly (keyof CatalogFields)[] = [
  'name', 'category', 'level', 'description', 'carrierKind', 'carrierSystem', 'dataSource', 'recordCount', 'volumeGb', 'personCount', 'coverage',
  'timeSpan', 'purpose', 'processingMethods', 'usageScope', 'provision', 'crossBorder', 'crossBorderAssessment', 'retention', 'securityMeasures',
  'mlpsLevel', 'basis', 'identifiedAt', 'department', 'person', 'phone',
];

export function diffCatalog(file: CatalogFields, present: ReadonlySet<keyof CatalogFields>, current: CatalogFields | undefined): FieldChange[] {
  const out: FieldChange[] = [];
  for (const f of CATALOG_FIELD_KEYS) {
    if (!present.has(f)) continue;
    const before = current ? current[f] : null;
    if (!same(file[f], before)) out.push({ field: f, header: CATALOG_HEADER.get(f) ?? f, before: before ?? null, after: file[f] ?? null });
  }
  return out;
}

export function diffProfile(next: UnitProfile, changed: readonly (keyof UnitProfile)[], current: UnitProfile): FieldChange[] {
  return changed.map((f) => ({ field: f, header: PROFILE_HEADER.get(f) ?? f, before: current[f] ?? '', after: next[f] ?? '' }));
}

export interface DiffCounts {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
}
