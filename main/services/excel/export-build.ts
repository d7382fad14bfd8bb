/**
 * The workspace as the bureau template: sheet 1 from the unit profile, sheet 2 from the live
 * entries (each resource row followed by its items), sheet 3 from the listed catalog rows; the
 * code lists as drop-downs, the unit and export time in the page header, and the document
 * properties that carry the watermark.
 */
import { SHEET1_LABELS, SHEET2_COLUMNS, SHEET3_COLUMNS, SHEET_NAMES, columnLetter, EXCEL_MAX_ROWS } from '../../domain/sheets/layout';
import { dropDownsOf, headerRow, sheet1DropDowns, sheet1Rows, sheet2Row, sheet3Row, toCsv, type OutCell } from '../../domain/sheets/export';
import type { CatalogEntry, Entry } from '../../domain/inventory';
import type { PackageEntry } from '../../domain/package/index';
import type { UnitProfile } from '../../domain/profile';
import type { EntryRecord } from '../../db/repos/inventory-repo';
import type { Store } from '../../db/store';
import { catalogEntryOf } from '../catalog-service';
import type { OutDropDown, OutProps, OutSheet } from './xlsx-write';

/** Live entries in template order: resources by 数据编号, each followed by its items by 数据编号. */
export function entriesInOrder(store: Store): EntryRecord[] {
  const all = store.inventory.getMany(store.inventory.ids({}));
  const resources = new Map<number, EntryRecord>();
  for (const e of all) if (e.kind === 'resource') resources.set(e.id, e);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return all.sort((a, b) => {
    const ra = resources.get(a.resourceId)?.dataId ?? a.dataId;
    const rb = resources.get(b.resourceId)?.dataId ?? b.dataId;
    if (ra !== rb) return cmp(ra, rb);
    if (a.resourceId !== b.resourceId) return a.resourceId - b.resourceId;
    if (a.kind !== b.kind) return a.kind === 'resource' ? -1 : 1;
    return cmp(a.dataId, b.dataId);
  });
}

export function catalogInOrder(store: Store): CatalogEntry[] {
  return sheetCatalogOf(store.catalog.listed());
}

/** Sheet 3's rows from the listed catalog rows (as `store.catalog.listed()` gives them). */
export function sheetCatalogOf(listed: ReturnType<Store['catalog']['listed']>): CatalogEntry[] {
  return listed.filter((r) => r.resourceLive).map(catalogEntryOf);
}

/**
 * What a sheet-2 row is made of: the template's columns (and the two levels behind 是否调整).
 * Both the inventory's rows (Entry) and a filing package's rows (PackageEntry, the same live rows
 * in the same order, read once for data/inventory.json and the workbook) have these fields.
 */
type Sheet2Key = Exclude<(typeof SHEET2_COLUMNS)[number]['key'], 'seq' | 'adjusted'> | 'level' | 'suggestedLevel';
export type SheetEntry = Pick<Entry, Sheet2Key>;
const _packageRowsFit: PackageEntry extends SheetEntry ? true : never = true;
void _packageRowsFit;

function localStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function* rowsOf<T>(items: readonly T[], fn: (x: T, seq: number) => OutCell[]): Generator<OutCell[]> {
  let seq = 0;
  for (const x of items) yield fn(x, ++seq);
}

const sqrefColumn = (i: number) => `${columnLetter(i)}2:${columnLetter(i)}${EXCEL_MAX_ROWS}`;

function dropDowns(columns: typeof SHEET2_COLUMNS | typeof SHEET3_COLUMNS): OutDropDown[] {
  return dropDownsOf(columns).map((d) => ({ sqref: sqrefColumn(d.column), list: d.list, strict: !d.multi, prompt: d.prompt_zh }));
}

export interface ExportModel {
  sheets: OutSheet[];
  props: OutProps;
  counts: { inventory: number; catalog: number };
}

export function buildExport(
  input: { profile: UnitProfile; entries: readonly SheetEntry[]; catalog: readonly CatalogEntry[]; catalogOnly: boolean; now: Date; appVersion: string; workspaceName: string },
): ExportModel {
  const unit = input.profile.unitName || input.workspaceName || '填报单位';
  const stamp = localStamp(input.now);
  const hf = { left: unit, right: `导出时间：${stamp}`, footerLeft: 'DataSteward 导出 · 仅供向区数据局报送' };
  const sheets: OutSheet[] = [];
  if (!input.catalogOnly) {
    sheets.push({
      name: SHEET_NAMES.unit,
      widths: [22, 48],
      rows: sheet1Rows(input.profile),
      labelColumn: true,
      dropDowns: sheet1DropDowns().map((d) => ({ sqref: `B${d.row}`, list: d.list, strict: true, prompt: `请从下拉列表中选择${SHEET1_LABELS[d.row - 1]!.label}` })),
      headerFooter: hf,
    });
    sheets.push({
      name: SHEET_NAMES.inventory,
      widths: SHEET2_COLUMNS.map((c) => c.width),
      header: headerRow(SHEET2_COLUMNS),
      // sheet2Row reads only the SheetEntry fields (its columns and the two levels).
      rows: rowsOf(input.entries, (e, seq) => sheet2Row(e as Entry, seq)),
      dropDowns: dropDowns(SHEET2_COLUMNS),
      headerFooter: hf,
    });
  }
  sheets.push({
    name: SHEET_NAMES.catalog,
    widths: SHEET3_COLUMNS.map((c) => c.width),
    header: headerRow(SHEET3_COLUMNS),
    rows: rowsOf(input.catalog, sheet3Row),
    dropDowns: dropDowns(SHEET3_COLUMNS),
    headerFooter: hf,
  });
  const watermark = `由 DataSteward 于 ${stamp} 导出；填报单位：${unit}${input.profile.uscc ? `（${input.profile.uscc}）` : ''}；仅供向区数据局报送`;
  const props: OutProps = {
    title: input.catalogOnly ? `重要数据目录 — ${unit}` : `数据分类分级备案表 — ${unit}`,
    subject: input.catalogOnly ? '重要数据目录' : '数据分类分级备案',
    author: unit,
    company: unit,
    keywords: '数据分类分级;重要数据目录;DataSteward',
    description: watermark,
    created: input.now,
    custom: {
      水印: watermark,
      填报单位: unit,
      统一社会信用代码: input.profile.uscc,
      导出时间: input.now.toISOString(),
      导出工具: `DataSteward ${input.appVersion}`,
      数据条数: String(input.entries.length),
      重要数据目录条数: String(input.catalog.length),
    },
  };
  return { sheets, props, counts: { inventory: input.catalogOnly ? 0 : input.entries.length, catalog: input.catalog.length } };
}

/** Sheet 2 (or sheet 3 alone) as CSV, UTF-8 with a BOM. */
export function buildCsv(input: { entries: readonly SheetEntry[]; catalog: readonly CatalogEntry[]; catalogOnly: boolean }): string {
  if (input.catalogOnly) return toCsv([headerRow(SHEET3_COLUMNS), ...rowsOf(input.catalog, sheet3Row)]);
  return toCsv([headerRow(SHEET2_COLUMNS), ...rowsOf(input.entries, (e, seq) => sheet2Row(e as Entry, seq))]);
}
