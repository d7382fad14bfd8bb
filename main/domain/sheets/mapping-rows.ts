/**
 * A mapped sheet's rows in the template's shape, so that they run through the template import's
 * own parsing, checks, comparison and write (nothing is checked twice, nothing differently).
 *
 * - The header map sends each template field to the SOURCE column, so every problem points at
 *   the officer's own sheet: its name, row and column letter.
 * - Code-list cells are replaced by the code their value is mapped to before parsing; a value left
 *   unmapped is parsed as it is (and refused with VALUE_NOT_IN_LIST at its cell when not a code).
 * - What the sheet has no column for is put in virtual cells after its last column: a system or
 *   resource name from the defaults or from a 系统/资源/数据项 path, and a 数据编号 (the
 *   workspace's own for a row it already has, else a stable one made from the names). Problems on
 *   virtual cells point at the path column, or at no column.
 * - Items whose resource has no row of its own get one (at the row of the resource's first item).
 * Pure.
 */
import type { EntryFields } from '../inventory';
import { normalizeText } from '../text';
import { cellText, isBlank, type RawCell } from './cells';
import type { HeaderMap } from './headers';
import { columnLetter } from './layout';
import { codeListOf, isMultiTarget, targetColumn, valueKey, type MappingRules, type MappingTarget } from './mapping';
import { EMPTY_ENTRY, parseEntryRow, type ParsedEntryRow, type SheetContext } from './rows';
import { splitMulti, joinMulti } from '../code-lists';

/** Virtual cells (after the sheet's own columns) for fields the sheet has no column for. */
const VIRTUAL_FIELDS = ['systemName', 'resourceName', 'itemName', 'dataId'] as const;
type VirtualField = (typeof VIRTUAL_FIELDS)[number];

export interface MappedSheet {
  header: HeaderMap;
  /** Index of the first virtual cell. */
  width: number;
  /** Virtual field → its cell index, for the fields the sheet has no column for. */
  virtual: Map<VirtualField, number>;
  hierarchyColumn?: number | undefined;
  rules: MappingRules;
}

/** Looks up the workspace's 数据编号 of an entry by its names (normalised); item '' = the resource row. */
export type DataIdLookup = (system: string, resource: string, item: string) => string | undefined;

/** The header map of a mapped sheet: field → source column; fields from defaults, paths or made IDs → virtual cells. */
export function mappedHeader(rules: MappingRules, headerRow: number, headerCells: readonly RawCell[]): MappedSheet {
  const width = Math.max(headerCells.length, ...rules.columns.map((c) => c.column + 1));
  const columns = new Map<string, number>();
  const headers = new Map<number, string>();
  headerCells.forEach((c, i) => {
    const t = cellText(c);
    if (t) headers.set(i, typeof c === 'string' ? c.trim() : t);
  });
  let hierarchyColumn: number | undefined;
  for (const c of rules.columns) {
    if (c.target === 'hierarchy') hierarchyColumn = c.column;
    else columns.set(c.target, c.column);
  }
  const virtual = new Map<VirtualField, number>();
  let next = width;
  for (const f of VIRTUAL_FIELDS) {
    if (columns.has(f)) continue;
    const needed = f === 'dataId' || hierarchyColumn !== undefined || (f === 'systemName' && rules.defaults.systemName !== '') || (f === 'resourceName' && rules.defaults.resourceName !== '');
    if (!needed) continue;
    virtual.set(f, next);
    columns.set(f, next);
    const shown = hierarchyColumn !== undefined && f !== 'dataId' ? (headers.get(hierarchyColumn) ?? '') : (targetColumn(f)?.header ?? f);
    headers.set(next, shown);
    next++;
  }
  const mapped = new Set(rules.columns.map((c) => c.column));
  const ignored = [...headers.entries()].filter(([i]) => i < width && !mapped.has(i)).map(([index, header]) => ({ index, header }));
  return { header: { row: headerRow, columns, headers, duplicates: [], ignored }, width, virtual, hierarchyColumn, rules };
}

/** A path cell (医院信息系统/门诊挂号表/身份证号, also with > | \ or ＞) as system, resource, item. */
export function splitHierarchy(text: string): { system: string; resource: string; item: string } {
  const parts = text.split(/\s*[/\\>|＞｜→]\s*/).map((p) => p.trim()).filter(Boolean);
  if (parts.length >= 3) return { system: parts[0]!, resource: parts[1]!, item: parts.slice(2).join('/') };
  if (parts.length === 2) return { system: parts[0]!, resource: parts[1]!, item: '' };
  return { system: '', resource: parts[0] ?? '', item: '' };
}

/** FNV-1a, 32 bits, as 7 base-36 digits. */
function fnv(s: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}

/** A stable 数据编号 for a row with no ID column: the same names give the same ID at every import. */
export function madeDataId(prefix: string, system: string, resource: string, item: string): string {
  const key = [system, resource, item].map((s) => normalizeText(s)).join('\u0001');
  const res = fnv([system, resource].map((s) => normalizeText(s)).join('\u0001'), 0x811c9dc5).toUpperCase();
  return item ? `${prefix}-${res}-${fnv(key, 0x2f1c9dc5).toUpperCase()}` : `${prefix}-${res}`;
}

/** One code-list cell through its value map (part by part for a multi-value target). */
function mapValue(target: MappingTarget, cell: RawCell, map: Record<string, string> | undefined): RawCell {
  if (!map || isBlank(cell) || typeof cell === 'object') return cell;
  const text = cellText(cell);
  if (isMultiTarget(target)) {
    const parts = splitMulti(text).map((p) => map[valueKey(p)] ?? p).filter((p) => p !== '');
    return joinMulti([...new Set(parts)]);
  }
  const code = map[valueKey(text)];
  return code === undefined ? cell : code;
}

export interface MapRowOptions {
  lookup: DataIdLookup;
  /** Personal-information flags for the row from the recognisers, when the officer consented. */
  personalInfo?: ((cells: readonly RawCell[]) => { pi: boolean; sensitive: boolean }) | undefined;
}

/** One source row as a parsed sheet-2 row; undefined for a row with nothing in its mapped columns. */
export function mapRow(sheet: MappedSheet, ctx: SheetContext, row: number, cells: readonly RawCell[], opts: MapRowOptions): ParsedEntryRow | undefined {
  const { rules, virtual } = sheet;
  if (rules.columns.every((c) => isBlank(cells[c.column]))) return undefined;
  const out: RawCell[] = cells.slice(0, sheet.width);
  while (out.length < sheet.width) out.push(null);
  for (const c of rules.columns) {
    if (c.target === 'hierarchy' || !codeListOf(c.target)) continue;
    out[c.column] = mapValue(c.target, cells[c.column] ?? null, rules.values[c.target]);
  }
  // Names from the path column and the defaults.
  const names = { systemName: '', resourceName: '', itemName: '' };
  if (sheet.hierarchyColumn !== undefined) {
    const p = splitHierarchy(cellText(cells[sheet.hierarchyColumn]));
    names.systemName = p.system;
    names.resourceName = p.resource;
    names.itemName = p.item;
  }
  if (!names.systemName) names.systemName = rules.defaults.systemName;
  if (!names.resourceName) names.resourceName = rules.defaults.resourceName;
  for (const f of ['systemName', 'resourceName', 'itemName'] as const) {
    const i = virtual.get(f);
    if (i !== undefined) out[i] = names[f];
  }
  const idIndex = virtual.get('dataId');
  if (idIndex !== undefined) {
    const text = (f: 'systemName' | 'resourceName' | 'itemName') => normalizeText(cellText(out[sheet.header.columns.get(f) ?? -1]));
    const [s, r, it] = [text('systemName'), text('resourceName'), text('itemName')];
    out[idIndex] = s && r ? (opts.lookup(s, r, it) ?? madeDataId(rules.dataIdPrefix, s, r, it)) : '';
  }
  const parsed = parseEntryRow(ctx, row, out);
  if (!parsed) return undefined;
  // Problems on virtual cells: at the path column, or at no column.
  if (virtual.size > 0) {
    const letters = new Map([...virtual.values()].map((i) => [columnLetter(i), i]));
    const pathLetter = sheet.hierarchyColumn !== undefined ? columnLetter(sheet.hierarchyColumn) : '';
    for (const p of parsed.problems) if (letters.has(p.column)) p.column = p.field === 'dataId' ? '' : pathLetter;
  }
  if (opts.personalInfo) {
    const f = opts.personalInfo(cells);
    if (f.pi) {
      const present = new Set(parsed.present);
      if (parsed.fields.isPersonalInfo !== '是') {
        parsed.fields.isPersonalInfo = '是';
        present.add('isPersonalInfo');
      }
      if (f.sensitive && parsed.fields.isSensitivePersonalInfo !== '是') {
        parsed.fields.isSensitivePersonalInfo = '是';
        present.add('isSensitivePersonalInfo');
      }
      parsed.present = present;
    }
  }
  return parsed;
}

/**
 * Resource rows for items whose resource has no row of its own in the sheet: placed at the row of
 * the resource's first item, carrying only the names and the 数据编号 (the workspace's, or made).
 */
export function addMissingResources(rows: ParsedEntryRow[], rules: MappingRules, lookup: DataIdLookup): ParsedEntryRow[] {
  const key = (f: EntryFields) => `${normalizeText(f.systemName)}\u0001${normalizeText(f.resourceName)}`;
  const have = new Set<string>();
  for (const r of rows) if (r.fields.itemName === '' && r.fields.systemName && r.fields.resourceName) have.add(key(r.fields));
  const out: ParsedEntryRow[] = [];
  const present: ReadonlySet<keyof EntryFields> = new Set<keyof EntryFields>(['dataId', 'systemName', 'resourceName', 'itemName']);
  for (const r of rows) {
    const f = r.fields;
    if (f.itemName !== '' && f.systemName && f.resourceName && !have.has(key(f))) {
      have.add(key(f));
      const s = normalizeText(f.systemName);
      const res = normalizeText(f.resourceName);
      const dataId = lookup(s, res, '') ?? madeDataId(rules.dataIdPrefix, s, res, '');
      out.push({ row: r.row, fields: { ...EMPTY_ENTRY, dataId, systemName: f.systemName, resourceName: f.resourceName }, present, problems: [], blocking: false });
    }
    out.push(r);
  }
  return out;
}
