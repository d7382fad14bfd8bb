/**
 * One sheet row → the template's fields and the problems of its cells. Sheet 2 rows become
 * EntryFields, sheet 3 rows CatalogFields, sheet 1 label/value pairs a partial UnitProfile. Only
 * the columns found in the file are "present": an import never blanks a field whose column the
 * officer's sheet does not have. Pure.
 */
import type { CatalogFields, EntryFields } from '../inventory';
import { checkProfile, EMPTY_PROFILE, type UnitProfile } from '../profile';
import { normalizeText } from '../text';
import {
  cellText, isBlank, isCellError, parseCarrier, parseCode, parseCount, parseDateCell, parseDecimal, parseMulti, parseYesNo,
  type Parsed, type RawCell,
} from './cells';
import { headerKey, type HeaderMap, type TableSheet } from './headers';
import { columnLetter, SHEET1_LABELS, SHEET2_COLUMNS, SHEET3_COLUMNS, type ColumnDef, type SheetKey } from './layout';
import { problem, type ImportProblem, type ProblemAt } from './problems';

export interface SheetContext {
  /** The sheet's name in the file. */
  sheet: string;
  sheetKey: SheetKey;
  header: HeaderMap;
  date1904: boolean;
}

interface ParsedRowBase {
  /** 1-based row number in the sheet. */
  row: number;
  problems: ImportProblem[];
  blocking: boolean;
}

export interface ParsedEntryRow extends ParsedRowBase {
  fields: EntryFields;
  /** The fields whose column is in the file. */
  present: ReadonlySet<keyof EntryFields>;
  /** When 分类编码 was a number cell (1.01 for "1.01", or 2.1 for "2.10"): the number. */
  categoryCodeNumber?: number | undefined;
}

export interface ParsedCatalogRow extends ParsedRowBase {
  dataId: string;
  fields: CatalogFields;
  present: ReadonlySet<keyof CatalogFields>;
}

/** A sheet-2 row with every field empty. */
export const EMPTY_ENTRY: EntryFields = {
  dataId: '', systemName: '', resourceName: '', itemName: '', itemCode: '', description: '', industry: '', category1: '', category2: '',
  category3: '', category4: '', categoryCode: '', processingDegree: '', impactObjects: '', impactDegree: '', level: '', rationale: '',
  isPersonalInfo: '', isSensitivePersonalInfo: '', recordCount: null, personCount: null, dataSource: '', storageLocation: '', sharing: '',
  openness: '', updateFrequency: '', ownerDepartment: '', ownerPerson: '', reviewedAt: '',
};

export const EMPTY_CATALOG: CatalogFields = {
  name: '', category: '', level: '', description: '', carrierKind: '', carrierSystem: '', dataSource: '', recordCount: null, volumeGb: null,
  personCount: null, coverage: '', timeSpan: '', purpose: '', processingMethods: '', usageScope: '', provision: '', crossBorder: '',
  crossBorderAssessment: '', retention: '', securityMeasures: '', mlpsLevel: '', basis: '', identifiedAt: '', department: '', person: '', phone: '',
};

/** Sheet-2 fields without which a row cannot be placed in the inventory. */
export const BLOCKING_REQUIRED_SHEET2: readonly (keyof EntryFields)[] = ['dataId', 'systemName', 'resourceName'];
/** Sheet-2 fields the filing needs, which may be completed after the import. */
export const RECOMMENDED_SHEET2: readonly (keyof EntryFields)[] = ['description', 'category1', 'category2', 'ownerDepartment', 'ownerPerson'];
export const BLOCKING_REQUIRED_SHEET3: readonly string[] = ['dataId'];
export const RECOMMENDED_SHEET3: readonly (keyof CatalogFields)[] = ['name', 'description', 'purpose', 'department', 'person', 'phone'];

type Cells = readonly RawCell[];

/** Reads the cells of the mapped columns of one row and collects their problems. */
class RowReader {
  readonly problems: ImportProblem[] = [];
  dataId = '';
  constructor(
    private readonly ctx: SheetContext,
    readonly row: number,
    private readonly cells: Cells,
  ) {}

  at(col: ColumnDef, index: number | undefined): ProblemAt {
    return {
      sheet: this.ctx.sheet,
      sheetKey: this.ctx.sheetKey,
      row: this.row,
      column: index === undefined ? '' : columnLetter(index),
      header: index === undefined ? col.header : (this.ctx.header.headers.get(index) ?? col.header),
      field: col.key,
      dataId: this.dataId || undefined,
    };
  }

  raw(index: number | undefined): RawCell {
    return index === undefined ? null : (this.cells[index] ?? null);
  }

  /** The cell of a column read by its kind; undefined when it has a problem (recorded). */
  read(col: ColumnDef): string | number | null | undefined {
    const index = this.ctx.header.columns.get(col.key);
    const v = this.raw(index);
    const fail = (p: Parsed<unknown>) => {
      if (p.ok) return;
      const at = this.at(col, index);
      const shown = cellText(v);
      const args = { value: shown, headerEn: col.headerEn };
      switch (p.reason) {
        case 'error':
          this.problems.push(problem('FORMULA_ERROR', at, { ...args, value: isCellError(v) ? v.error : '' }));
          break;
        case 'date':
          this.problems.push(problem('DATE_INVALID', at, args));
          break;
        case 'number':
          this.problems.push(problem('NUMBER_INVALID', at, args));
          break;
        case 'integer':
          this.problems.push(problem('NUMBER_NOT_INTEGER', at, args));
          break;
        case 'negative':
          this.problems.push(problem('NUMBER_NEGATIVE', at, args));
          break;
        case 'yesno':
          this.problems.push(problem('YESNO_INVALID', at, args));
          break;
        case 'list':
        default:
          this.problems.push(problem('VALUE_NOT_IN_LIST', at, { ...args, x: [(col.list ?? []).join('、'), (col.list ?? []).join(', ')] }));
      }
    };
    let p: Parsed<string | number | null>;
    switch (col.kind) {
      case 'int':
        p = parseCount(v);
        break;
      case 'number':
        p = parseDecimal(v);
        break;
      case 'date':
        p = parseDateCell(v, this.ctx.date1904);
        break;
      case 'yesno':
        p = parseYesNo(v);
        break;
      case 'code':
        p = parseCode(v, col.list ?? []);
        break;
      case 'multi':
        p = parseMulti(v, col.list ?? []);
        break;
      default: {
        if (isCellError(v)) p = { ok: false, reason: 'error' };
        else {
          const text = cellText(v);
          if (col.maxLength !== undefined && text.length > col.maxLength) {
            this.problems.push(problem('TOO_LONG', this.at(col, index), { x: String(col.maxLength), headerEn: col.headerEn }));
            return undefined;
          }
          p = { ok: true, value: text };
        }
      }
    }
    if (!p.ok) {
      fail(p);
      return undefined;
    }
    return p.value;
  }

  missing(col: ColumnDef, code: 'REQUIRED_MISSING' | 'RECOMMENDED_MISSING' | 'LEVEL_EMPTY') {
    const index = this.ctx.header.columns.get(col.key);
    this.problems.push(problem(code, this.at(col, index), { headerEn: col.headerEn }));
  }
}

const SHEET2_BY_KEY = new Map(SHEET2_COLUMNS.map((c) => [c.key, c]));
const SHEET3_BY_KEY = new Map(SHEET3_COLUMNS.map((c) => [c.key, c]));

/** True when no mapped, non-derived column of the row has a value (a blank or pre-numbered row). */
function blankRow(header: HeaderMap, columns: readonly ColumnDef[], cells: Cells): boolean {
  for (const col of columns) {
    if (col.kind === 'derived') continue;
    const i = header.columns.get(col.key);
    if (i !== undefined && !isBlank(cells[i])) return false;
  }
  if (header.columns.has('carrierSystem') && !isBlank(cells[header.columns.get('carrierSystem')!])) return false;
  return true;
}

/** The fields whose column a header row has (one set per header row, shared by its rows: never mutated). */
const PRESENT2 = new WeakMap<HeaderMap, ReadonlySet<keyof EntryFields>>();
function present2(header: HeaderMap): ReadonlySet<keyof EntryFields> {
  let p = PRESENT2.get(header);
  if (!p) {
    p = new Set(SHEET2_COLUMNS.filter((c) => c.kind !== 'derived' && header.columns.has(c.key)).map((c) => c.key as keyof EntryFields));
    PRESENT2.set(header, p);
  }
  return p;
}

/** A sheet-2 row; undefined for a blank row. */
export function parseEntryRow(ctx: SheetContext, row: number, cells: Cells): ParsedEntryRow | undefined {
  if (blankRow(ctx.header, SHEET2_COLUMNS, cells)) return undefined;
  const r = new RowReader(ctx, row, cells);
  const fields: EntryFields = { ...EMPTY_ENTRY };
  const present = present2(ctx.header);
  const idCol = SHEET2_BY_KEY.get('dataId')!;
  const id = r.read(idCol);
  r.dataId = typeof id === 'string' ? id : '';
  let categoryCodeNumber: number | undefined;
  for (const col of SHEET2_COLUMNS) {
    if (col.kind === 'derived') continue;
    const key = col.key as keyof EntryFields;
    const index = ctx.header.columns.get(key);
    if (index === undefined) continue;
    const v = key === 'dataId' ? id : r.read(col);
    if (v === undefined) continue;
    (fields as unknown as Record<string, unknown>)[key] = v;
    if (key === 'categoryCode' && typeof cells[index] === 'number') categoryCodeNumber = cells[index];
  }
  for (const key of BLOCKING_REQUIRED_SHEET2) if (fields[key] === '' && !r.problems.some((p) => p.field === key)) r.missing(SHEET2_BY_KEY.get(key)!, 'REQUIRED_MISSING');
  for (const key of RECOMMENDED_SHEET2) if (present.has(key) && fields[key] === '' && !r.problems.some((p) => p.field === key)) r.missing(SHEET2_BY_KEY.get(key)!, 'RECOMMENDED_MISSING');
  if (present.has('level') && fields.level === '' && !r.problems.some((p) => p.field === 'level')) r.missing(SHEET2_BY_KEY.get('level')!, 'LEVEL_EMPTY');
  if (fields.isSensitivePersonalInfo === '是' && fields.isPersonalInfo === '否') {
    const col = SHEET2_BY_KEY.get('isPersonalInfo')!;
    r.problems.push(problem('SENSITIVE_WITHOUT_PI', r.at(col, ctx.header.columns.get('isPersonalInfo'))));
  }
  return { row, fields, present, problems: r.problems, blocking: r.problems.some((p) => p.severity === 'blocking'), categoryCodeNumber };
}

/** A sheet-3 row; undefined for a blank row. */
export function parseCatalogRow(ctx: SheetContext, row: number, cells: Cells): ParsedCatalogRow | undefined {
  if (blankRow(ctx.header, SHEET3_COLUMNS, cells)) return undefined;
  const r = new RowReader(ctx, row, cells);
  const fields: CatalogFields = { ...EMPTY_CATALOG };
  const present = new Set<keyof CatalogFields>();
  const id = r.read(SHEET3_BY_KEY.get('dataId')!);
  r.dataId = typeof id === 'string' ? id : '';
  for (const col of SHEET3_COLUMNS) {
    if (col.kind === 'derived' || col.key === 'dataId') continue;
    const index = ctx.header.columns.get(col.key);
    if (index === undefined) continue;
    if (col.kind === 'carrier') {
      present.add('carrierKind');
      present.add('carrierSystem');
      const v = r.raw(index);
      const p = parseCarrier(v, col.list ?? []);
      if (p.ok) {
        fields.carrierKind = p.value.kind;
        fields.carrierSystem = p.value.system;
      } else if (p.reason === 'error') {
        r.problems.push(problem('FORMULA_ERROR', r.at(col, index), { value: isCellError(v) ? v.error : '', headerEn: col.headerEn }));
      } else {
        r.problems.push(problem('VALUE_NOT_IN_LIST', r.at(col, index), { value: cellText(v), x: [`${(col.list ?? []).join('、')}，后接系统名称`, `${(col.list ?? []).join(', ')}, then the system's name`], headerEn: col.headerEn }));
      }
      continue;
    }
    const key = col.key as keyof CatalogFields;
    present.add(key);
    const v = r.read(col);
    if (v !== undefined) (fields as unknown as Record<string, unknown>)[key] = v;
  }
  // A separate 数据载体（系统） column: the system's name.
  const sysIndex = ctx.header.columns.get('carrierSystem');
  if (sysIndex !== undefined) {
    present.add('carrierSystem');
    const s = cellText(r.raw(sysIndex));
    if (s) fields.carrierSystem = s;
  }
  if (fields.level !== '' && fields.level !== '重要数据' && fields.level !== '核心数据') fields.level = '';
  const dataId = typeof id === 'string' ? id : '';
  if (dataId === '' && !r.problems.some((p) => p.field === 'dataId')) r.missing(SHEET3_BY_KEY.get('dataId')!, 'REQUIRED_MISSING');
  for (const key of RECOMMENDED_SHEET3) {
    const col = SHEET3_BY_KEY.get(key as never)!;
    if (present.has(key) && fields[key] === '' && !r.problems.some((p) => p.field === key)) r.missing(col, 'RECOMMENDED_MISSING');
  }
  return { row, dataId, fields, present, problems: r.problems, blocking: r.problems.some((p) => p.severity === 'blocking') };
}

// ------------------------------------------------------------------------------------------------
// Sheet 1

export interface ParsedProfile {
  /** Values found in the file, as text (dates as yyyy-mm-dd). */
  values: Partial<UnitProfile>;
  /** Where each value was found. */
  cells: Partial<Record<keyof UnitProfile, { row: number; column: string; label: string }>>;
}

const LABEL_KEYS = (() => {
  const m = new Map<string, (typeof SHEET1_LABELS)[number]>();
  for (const l of SHEET1_LABELS) m.set(headerKey(l.label), l);
  for (const l of SHEET1_LABELS) for (const s of l.synonyms ?? []) if (!m.has(headerKey(s))) m.set(headerKey(s), l);
  return m;
})();

/** How many rows of sheet 1 are looked at. */
export const SHEET1_MAX_ROWS = 80;

/**
 * Sheet 1: a label in one cell and its value in the next non-empty cell to its right (the
 * template puts them in A and B; a title row above and a unit's own layout are tolerated).
 */
export function parseProfileSheet(rows: readonly { row: number; cells: Cells }[], date1904: boolean): ParsedProfile {
  const values: Partial<UnitProfile> = {};
  const cells: ParsedProfile['cells'] = {};
  for (const { row, cells: rowCells } of rows.slice(0, SHEET1_MAX_ROWS)) {
    for (let i = 0; i < rowCells.length; i++) {
      const c = rowCells[i];
      if (typeof c !== 'string') continue;
      const def = LABEL_KEYS.get(headerKey(c));
      if (!def || def.key in values) continue;
      let j = i + 1;
      while (j < rowCells.length && isBlank(rowCells[j]) && j - i <= 3) j++;
      const v = j < rowCells.length && j - i <= 3 ? (rowCells[j] ?? null) : null;
      let text: string;
      if (def.date) {
        const d = parseDateCell(v, date1904);
        text = d.ok ? d.value : cellText(v);
      } else text = cellText(v);
      if (LABEL_KEYS.has(headerKey(text))) text = ''; // the next cell is another label: this value is empty
      values[def.key] = text as never;
      cells[def.key] = { row, column: columnLetter(v === null ? i + 1 : j), label: normalizeText(c) };
      i = v === null ? i : j;
    }
  }
  return { values, cells };
}

/**
 * The profile an import would save (the workspace's values, overwritten by the file's), the
 * fields it changes, and the problems of the file's values.
 */
export function checkImportedProfile(
  parsed: ParsedProfile,
  current: UnitProfile,
  sheet: string,
): { next: UnitProfile; changed: (keyof UnitProfile)[]; problems: ImportProblem[]; blocking: boolean } {
  const merged: UnitProfile = { ...EMPTY_PROFILE, ...current };
  for (const [k, v] of Object.entries(parsed.values) as [keyof UnitProfile, string][]) (merged as unknown as Record<string, string>)[k] = v;
  const check = checkProfile(merged);
  const problems: ImportProblem[] = [];
  for (const issue of check.issues) {
    const where = parsed.cells[issue.field];
    if (!where) continue; // about a value the file does not give
    problems.push(
      problem(issue.severity === 'error' ? 'PROFILE_INVALID' : 'PROFILE_INCOMPLETE', {
        sheet, sheetKey: 'unit', row: where.row, column: where.column, header: where.label, field: issue.field,
      }, { x: [issue.message_zh, issue.message_en] }),
    );
  }
  const next = check.normalized;
  const changed = (Object.keys(parsed.values) as (keyof UnitProfile)[]).filter((k) => next[k] !== (current[k] ?? ''));
  return { next, changed, problems, blocking: problems.some((p) => p.severity === 'blocking') };
}

export function sheetProblemAt(sheet: string, sheetKey: SheetKey, row = 0): ProblemAt {
  return { sheet, sheetKey, row };
}

export type { TableSheet };
