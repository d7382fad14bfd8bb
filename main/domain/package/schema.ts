/**
 * The JSON payload of a filing package (data/profile.json, data/inventory.json,
 * data/catalog.json): zod schemas, strict (unknown keys are refused), from which the published
 * JSON Schemas in docs/package-schema/ are generated (a unit test keeps them equal).
 *
 * Every file is canonical JSON (canonical-json.ts: sorted keys, NFC strings, no insignificant
 * white space), so the same workspace state always gives the same bytes. Internal row ids are
 * not exported: entries are linked by 数据编号 (dataId), which is unique among live entries.
 */
import { z } from 'zod';
import { LEVELS_43697 } from '../code-lists';
import type { CatalogFields, EntryFields } from '../inventory';
import type { UnitProfile } from '../profile';

export const PROFILE_FORMAT = 'datasteward-profile/1';
export const INVENTORY_FORMAT = 'datasteward-inventory/1';
export const CATALOG_FORMAT = 'datasteward-catalog/1';

const text = (max: number) => z.string().max(max);
const yesNo = z.enum(['', '是', '否']);
const count = z.number().int().min(0).max(1e15).nullable();
const level = z.enum([...LEVELS_43697, '']);

export const profileSchema = z.strictObject({
  unitName: text(400),
  uscc: text(80),
  unitType: text(40),
  competentDepartment: text(400),
  address: text(600),
  officerName: text(100),
  officerTitle: text(200),
  officerPhone: text(80),
  officerEmail: text(300),
  managementBody: text(400),
  preparerName: text(100),
  preparerPhone: text(80),
  filingKind: z.enum(['首次报送', '变更报送', '年度报送', '注销报送']),
  filingDate: text(40),
});
type _AllProfileFields = [Exclude<keyof UnitProfile, keyof z.infer<typeof profileSchema>>] extends [never] ? true : never;
const _allProfileFields: _AllProfileFields = true;
void _allProfileFields;

export const profileFileSchema = z.strictObject({
  format: z.literal(PROFILE_FORMAT),
  profile: profileSchema,
});
export type ProfileFile = z.infer<typeof profileFileSchema>;

export const systemSchema = z.strictObject({
  name: text(200),
  mlpsLevel: text(20),
});

/** One sheet-2 row: a resource (itemName '') or an item. */
export const entrySchema = z.strictObject({
  kind: z.enum(['resource', 'item']),
  dataId: text(100).min(1),
  /** The resource's 数据编号 (for a resource, its own). */
  resourceDataId: text(100).min(1),
  systemName: text(200),
  resourceName: text(200),
  itemName: text(200),
  itemCode: text(200),
  description: text(2000),
  industry: text(50),
  category1: text(100),
  category2: text(100),
  category3: text(100),
  category4: text(100),
  categoryCode: text(40),
  processingDegree: text(20),
  impactObjects: text(100),
  impactDegree: text(20),
  level,
  /** 参考级别 as the rules suggested it. */
  suggestedLevel: level,
  levelSource: z.enum(['manual', 'matrix', 'recognizer', 'import', 'rollup', '']),
  levelState: z.enum(['suggested', 'confirmed', '']),
  rationale: text(2000),
  isPersonalInfo: yesNo,
  isSensitivePersonalInfo: yesNo,
  recordCount: count,
  personCount: count,
  dataSource: text(50),
  storageLocation: text(50),
  sharing: text(50),
  openness: text(50),
  updateFrequency: text(50),
  ownerDepartment: text(200),
  ownerPerson: text(100),
  reviewedAt: text(20),
  schemeId: text(100),
  schemeVersion: z.number().int().min(1).nullable(),
});
export type PackageEntry = z.infer<typeof entrySchema>;
// Every sheet-2 field is exported: adding one to EntryFields without adding it here fails to compile.
type _AllFields = [Exclude<keyof EntryFields, keyof PackageEntry>] extends [never] ? true : never;
const _allFields: _AllFields = true;
void _allFields;

/**
 * The same rules as entrySchema, as a table, for a hand-written check of every row of a large
 * inventory (zod takes about 0.5 s for 100,000 rows; this, a tenth of that). A unit test keeps
 * the two in agreement, row by row, on valid and altered rows.
 */
type FieldRule =
  | { t: 'text'; max: number; min?: number }
  | { t: 'enum'; values: readonly string[] }
  | { t: 'count' }
  | { t: 'version' };
const T = (max: number, min?: number): FieldRule => (min === undefined ? { t: 'text', max } : { t: 'text', max, min });
const E = (values: readonly string[]): FieldRule => ({ t: 'enum', values });
const LEVEL_VALUES = [...LEVELS_43697, ''];
export const ENTRY_RULES: Record<keyof PackageEntry, FieldRule> = {
  kind: E(['resource', 'item']),
  dataId: T(100, 1),
  resourceDataId: T(100, 1),
  systemName: T(200),
  resourceName: T(200),
  itemName: T(200),
  itemCode: T(200),
  description: T(2000),
  industry: T(50),
  category1: T(100),
  category2: T(100),
  category3: T(100),
  category4: T(100),
  categoryCode: T(40),
  processingDegree: T(20),
  impactObjects: T(100),
  impactDegree: T(20),
  level: E(LEVEL_VALUES),
  suggestedLevel: E(LEVEL_VALUES),
  levelSource: E(['manual', 'matrix', 'recognizer', 'import', 'rollup', '']),
  levelState: E(['suggested', 'confirmed', '']),
  rationale: T(2000),
  isPersonalInfo: E(['', '是', '否']),
  isSensitivePersonalInfo: E(['', '是', '否']),
  recordCount: { t: 'count' },
  personCount: { t: 'count' },
  dataSource: T(50),
  storageLocation: T(50),
  sharing: T(50),
  openness: T(50),
  updateFrequency: T(50),
  ownerDepartment: T(200),
  ownerPerson: T(100),
  reviewedAt: T(20),
  schemeId: T(100),
  schemeVersion: { t: 'version' },
};
const RULE_KEYS = Object.keys(ENTRY_RULES) as (keyof PackageEntry)[];
const RULE_SETS = new Map(RULE_KEYS.map((k) => [k, ENTRY_RULES[k].t === 'enum' ? new Set((ENTRY_RULES[k] as { values: readonly string[] }).values) : undefined]));

function fieldOk(rule: FieldRule, v: unknown, set: Set<string> | undefined): boolean {
  switch (rule.t) {
    case 'text':
      return typeof v === 'string' && v.length <= rule.max && v.length >= (rule.min ?? 0);
    case 'enum':
      return typeof v === 'string' && set!.has(v);
    case 'count':
      return v === null || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= 1e15);
    case 'version':
      return v === null || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 1);
  }
}

/** The keys in canonical (sorted) order, as JSON.parse gives them back from a canonical file. */
const SORTED_KEYS = [...RULE_KEYS].sort();
const SORTED_RULES = SORTED_KEYS.map((k) => [ENTRY_RULES[k], RULE_SETS.get(k)] as const);

/** The first problem of one inventory row (a key or '' for the row itself), or undefined if it is valid. */
export function checkEntryRow(row: unknown): { key: string; message: string } | undefined {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return { key: '', message: 'expected an object' };
  const r = row as Record<string, unknown>;
  // Fast path: the keys exactly, in canonical order; then the values by position.
  const keys = Object.keys(r);
  let same = keys.length === SORTED_KEYS.length;
  for (let i = 0; same && i < keys.length; i++) same = keys[i] === SORTED_KEYS[i];
  if (same) {
    const values = Object.values(r);
    for (let i = 0; i < values.length; i++) {
      const [rule, set] = SORTED_RULES[i]!;
      if (!fieldOk(rule, values[i], set)) return { key: SORTED_KEYS[i]!, message: 'invalid value' };
    }
    return undefined;
  }
  let present = 0;
  for (const k of RULE_KEYS) {
    const v = r[k];
    if (v === undefined || !Object.prototype.hasOwnProperty.call(r, k)) return { key: k, message: 'missing' };
    present++;
    if (!fieldOk(ENTRY_RULES[k], v, RULE_SETS.get(k))) return { key: k, message: 'invalid value' };
  }
  if (Object.keys(r).length !== present) {
    const extra = Object.keys(r).find((k) => !(k in ENTRY_RULES));
    return { key: extra ?? '', message: 'unknown key' };
  }
  return undefined;
}

export const inventoryFileSchema = z.strictObject({
  format: z.literal(INVENTORY_FORMAT),
  systems: z.array(systemSchema).max(100_000),
  entries: z.array(entrySchema).max(2_000_000),
});
export type InventoryFile = z.infer<typeof inventoryFileSchema>;

/** One sheet-3 row (重要数据目录): each catalog row of a live resource, by the resource's 数据编号. */
export const catalogEntrySchema = z.strictObject({
  /** The resource's 数据编号 (an entry of data/inventory.json with kind "resource"). */
  dataId: text(100).min(1),
  /** The resource's level in the inventory at export time (the catalog's own level is `level`). */
  inventoryLevel: level,
  name: text(200),
  category: text(400),
  level: z.enum(['', '重要数据', '核心数据']),
  description: text(2000),
  carrierKind: text(50),
  carrierSystem: text(200),
  dataSource: text(50),
  recordCount: count,
  volumeGb: z.number().min(0).max(1e15).nullable(),
  personCount: count,
  coverage: text(200),
  timeSpan: text(200),
  purpose: text(1000),
  processingMethods: text(200),
  usageScope: text(1000),
  provision: text(1000),
  crossBorder: yesNo,
  crossBorderAssessment: text(1000),
  retention: text(200),
  securityMeasures: text(400),
  mlpsLevel: text(20),
  basis: text(2000),
  identifiedAt: text(20),
  department: text(200),
  person: text(100),
  phone: text(80),
});
export type PackageCatalogEntry = z.infer<typeof catalogEntrySchema>;
type _AllCatalogFields = [Exclude<keyof CatalogFields, keyof PackageCatalogEntry>] extends [never] ? true : never;
const _allCatalogFields: _AllCatalogFields = true;
void _allCatalogFields;

/** The catalog fields of a row nobody has filled in yet. */
export const EMPTY_CATALOG_FIELDS: CatalogFields = {
  name: '',
  category: '',
  level: '',
  description: '',
  carrierKind: '',
  carrierSystem: '',
  dataSource: '',
  recordCount: null,
  volumeGb: null,
  personCount: null,
  coverage: '',
  timeSpan: '',
  purpose: '',
  processingMethods: '',
  usageScope: '',
  provision: '',
  crossBorder: '',
  crossBorderAssessment: '',
  retention: '',
  securityMeasures: '',
  mlpsLevel: '',
  basis: '',
  identifiedAt: '',
  department: '',
  person: '',
  phone: '',
};

export const catalogFileSchema = z.strictObject({
  format: z.literal(CATALOG_FORMAT),
  entries: z.array(catalogEntrySchema).max(1_000_000),
});
export type CatalogFile = z.infer<typeof catalogFileSchema>;

/** The published JSON Schemas (draft 2020-12), by payload file name. */
export function payloadJsonSchemas(): Record<string, unknown> {
  const withId = (name: string, schema: z.ZodType) => ({
    $id: `https://datasteward.invalid/schema/package/v1/${name}.schema.json`,
    ...z.toJSONSchema(schema, { target: 'draft-2020-12' }),
  });
  return {
    profile: withId('profile', profileFileSchema),
    inventory: withId('inventory', inventoryFileSchema),
    catalog: withId('catalog', catalogFileSchema),
  };
}
