/**
 * An imported template against the open workspace: each sheet-2 row matched by 数据编号 to an
 * entry (added, changed field by field, unchanged), the entries the file no longer has (removed,
 * if the officer opts in), the catalog rows and the unit profile likewise — and every row checked
 * exactly as the inventory service would check an edit (code lists, category code against the
 * scheme, a lowering without a 定级理由, a resource below its items), so the dry run shows every
 * refusal the commit would meet. Nothing is written here.
 */
import { DomainError } from '../../domain/errors';
import type { CatalogEntry, CatalogFields, EditableField, EntryFields, EntryKind } from '../../domain/inventory';
import { EDITABLE_FIELDS } from '../../domain/inventory';
import type { Level } from '../../domain/code-lists';
import { levelRank } from '../../domain/levels';
import { EMPTY_PROFILE, type UnitProfile } from '../../domain/profile';
import { CATALOG_FIELD_KEYS, diffCatalog, diffEntry, diffProfile, type FieldChange } from '../../domain/sheets/diff';
import { columnLetter, SHEET2_COLUMNS, SHEET3_COLUMNS } from '../../domain/sheets/layout';
import { problem, type ImportProblem, type ProblemAt } from '../../domain/sheets/problems';
import { checkImportedProfile, type ParsedCatalogRow, type ParsedEntryRow } from '../../domain/sheets/rows';
import { normalizeText } from '../../domain/text';
import type { EntryRecord, RecognizerHitRow } from '../../db/repos/inventory-repo';
import type { Store } from '../../db/store';
import { catalogEntryOf, normalizeCatalogChanges } from '../catalog-service';
import type { Grading } from '../grading-service';
import { normalizeChanges, type EntryChangesInput, type InventoryService, type Planned } from '../inventory-service';
import type { ParsedFile } from './read-template';

export type RowStatus = 'added' | 'changed' | 'unchanged' | 'skipped';

export interface EntryOp {
  row: ParsedEntryRow;
  kind: EntryKind;
  status: RowStatus;
  existing?: EntryRecord | undefined;
  /** A new item's resource: an entry id, or the 数据编号 of a resource created by this import. */
  parent?: { id?: number | undefined; dataId: string } | undefined;
  changes: FieldChange[];
  planned?: Planned | undefined;
}

export interface CatalogOp {
  row: ParsedCatalogRow;
  status: RowStatus;
  /** The resource: an entry id, or the 数据编号 of a resource created by this import. */
  resource: { id?: number | undefined; dataId: string };
  existing?: CatalogEntry | undefined;
  fields: Partial<CatalogFields>;
  changes: FieldChange[];
}

export interface ImportAnalysis {
  entryOps: EntryOp[];
  /** Live entries absent from the file (a resource takes its items with it). */
  removals: EntryRecord[];
  catalogOps: CatalogOp[];
  /** Listed catalog rows absent from the file. */
  catalogRemovals: { resourceId: number; dataId: string }[];
  profile?: { next: UnitProfile; changes: FieldChange[]; blocking: boolean; sheet: string } | undefined;
  problems: ImportProblem[];
  /** Resources of changed items: their roll-up is redone after the writes. */
  touchedResources: Set<number>;
}

const EDITABLE = new Set<string>(EDITABLE_FIELDS);
/** Fields an item takes from its resource when its own cell is empty (as the inventory service does). */
const INHERITED: readonly (keyof EntryFields)[] = ['industry', 'dataSource', 'storageLocation', 'sharing', 'openness', 'updateFrequency', 'ownerDepartment', 'ownerPerson'];
const COL2 = new Map(SHEET2_COLUMNS.map((c) => [c.key as string, c]));
const COL3 = new Map(SHEET3_COLUMNS.map((c) => [c.key as string, c]));

const resKey = (system: string, resource: string) => `${normalizeText(system)}\u0001${normalizeText(resource)}`;

export function blankRecord(kind: EntryKind): EntryRecord {
  return {
    id: 0, kind, systemId: 0, resourceId: 0, dataId: '', systemName: '', resourceName: '', itemName: '', itemCode: '',
    description: '', industry: '', category1: '', category2: '', category3: '', category4: '', categoryCode: '',
    processingDegree: '', impactObjects: '', impactDegree: '', level: '', rationale: '', isPersonalInfo: '',
    isSensitivePersonalInfo: '', recordCount: null, personCount: null, dataSource: '', storageLocation: '', sharing: '',
    openness: '', updateFrequency: '', ownerDepartment: '', ownerPerson: '', reviewedAt: '', suggestedLevel: '',
    levelSource: '', levelState: '', schemeId: '', schemeVersion: null, deleted: false, updatedAt: '', levelRank: 0,
    suggestedRank: 0, ownRank: 0, findingCount: 0, createdAt: '', deletedAt: null,
  };
}

export interface AnalysisDeps {
  inventory: InventoryService;
  grading: Grading;
}

export function analyzeImport(store: Store, file: ParsedFile, deps: AnalysisDeps): ImportAnalysis {
  const problems: ImportProblem[] = [...file.problems];
  const entryOps: EntryOp[] = [];
  const touchedResources = new Set<number>();
  const inv = file.inventory;

  // The workspace's live entries.
  const live = store.inventory.getMany(store.inventory.ids({}));
  const byDataId = new Map(live.map((e) => [e.dataId, e]));
  const liveResources = new Map<string, EntryRecord>();
  for (const e of live) if (e.kind === 'resource') liveResources.set(resKey(e.systemName, e.resourceName), e);

  const addProblem = (op: { row: { problems: ImportProblem[]; blocking: boolean } }, p: ImportProblem) => {
    op.row.problems.push(p);
    if (p.severity === 'blocking') op.row.blocking = true;
  };
  const at2 = (r: ParsedEntryRow, field?: string): ProblemAt => {
    const idx = field ? inv!.header.columns.get(field) : undefined;
    const col = field ? COL2.get(field) : undefined;
    return {
      sheet: inv!.sheet, sheetKey: 'inventory', row: r.row, column: idx === undefined ? '' : columnLetter(idx),
      header: idx === undefined ? (col?.header ?? '') : (inv!.header.headers.get(idx) ?? col?.header ?? ''), field, dataId: r.fields.dataId || undefined,
    };
  };

  if (inv) {
    // 1. 数据编号 unique in the file; one resource row per system and name.
    const firstRow = new Map<string, ParsedEntryRow>();
    const resourceRows = new Map<string, ParsedEntryRow>();
    for (const r of inv.rows) {
      const op: EntryOp = { row: r, kind: r.fields.itemName === '' ? 'resource' : 'item', status: 'added', changes: [] };
      entryOps.push(op);
      const id = r.fields.dataId;
      if (id) {
        const first = firstRow.get(id);
        if (first) addProblem(op, problem('DATA_ID_DUPLICATE', at2(r, 'dataId'), { value: id, x: String(first.row) }));
        else firstRow.set(id, r);
      }
      if (op.kind === 'resource' && r.fields.systemName && r.fields.resourceName) {
        const k = resKey(r.fields.systemName, r.fields.resourceName);
        const first = resourceRows.get(k);
        if (first) addProblem(op, problem('RESOURCE_DUPLICATE', at2(r, 'resourceName'), { value: r.fields.resourceName, x: String(first.row) }));
        else resourceRows.set(k, r);
      }
    }

    // 2. Match each row to the workspace; place new items under their resource.
    for (const op of entryOps) {
      const r = op.row;
      const f = r.fields;
      if (!f.dataId || !f.systemName || !f.resourceName) continue; // already blocking (REQUIRED_MISSING)
      const ex = byDataId.get(f.dataId);
      if (ex) {
        op.existing = ex;
        const moved =
          ex.kind !== op.kind ? [`${ex.kind === 'resource' ? '数据资源' : '数据项'}“${ex.itemName || ex.resourceName}”`, `the ${ex.kind} "${ex.itemName || ex.resourceName}"`]
          : normalizeText(ex.systemName) !== f.systemName || normalizeText(ex.resourceName) !== f.resourceName
            ? [`信息系统“${ex.systemName}”的数据资源“${ex.resourceName}”`, `the resource "${ex.resourceName}" of the system "${ex.systemName}"`]
            : undefined;
        if (moved) addProblem(op, problem('ENTRY_MOVED', at2(r, ex.kind !== op.kind ? 'itemName' : normalizeText(ex.systemName) !== f.systemName ? 'systemName' : 'resourceName'), { value: f.dataId, x: moved as [string, string] }));
      }
      if (op.kind === 'item') {
        const k = resKey(f.systemName, f.resourceName);
        const fileRes = resourceRows.get(k);
        const wsRes = liveResources.get(k);
        if (ex && ex.kind === 'item') op.parent = { id: ex.resourceId, dataId: '' };
        else if (wsRes) op.parent = { id: wsRes.id, dataId: wsRes.dataId };
        else if (fileRes) {
          op.parent = { dataId: fileRes.fields.dataId };
          if (fileRes.blocking) addProblem(op, problem('ENTRY_REFUSED', at2(r, 'resourceName'), { x: [`所属数据资源行（第 ${fileRes.row} 行）有阻断性问题，本行无法导入`, `The row of its resource (row ${fileRes.row}) has blocking problems, so this row cannot be imported`] }));
        } else addProblem(op, problem('ITEM_WITHOUT_RESOURCE', at2(r, 'resourceName'), { value: `${f.systemName} / ${f.resourceName}` }));
        // A new item takes what its sheet has no column for from its resource (as a new item in the
        // workbench does). An empty cell stays empty: the file says so.
        const src: Partial<EntryFields> | undefined = fileRes?.fields ?? wsRes;
        if (!ex && src) {
          let present: Set<keyof EntryFields> | undefined;
          for (const k2 of INHERITED) {
            if (r.present.has(k2) || !src[k2]) continue;
            (f as unknown as Record<string, unknown>)[k2] = src[k2];
            (present ??= new Set(r.present)).add(k2); // the row's own copy: the header's set is shared
          }
          if (present) r.present = present;
        }
      }
    }

    // 3. A 分类编码 that the spreadsheet stored as a number (2.10 → 2.1): read it back from the scheme.
    const schemes = new Map<string, ReturnType<Grading['schemeFor']>>();
    for (const op of entryOps) {
      const r = op.row;
      if (r.categoryCodeNumber === undefined || r.blocking) continue;
      const industry = r.fields.industry || op.existing?.industry || '';
      if (!schemes.has(industry)) schemes.set(industry, deps.grading.schemeFor(store, industry));
      const scheme = schemes.get(industry);
      if (!scheme || scheme.byCode.has(r.fields.categoryCode)) continue;
      const path = [r.fields.category1, r.fields.category2, r.fields.category3, r.fields.category4].filter(Boolean);
      const candidates = [...scheme.byCode.keys()].filter((code) => Number(code) === r.categoryCodeNumber);
      const byPath = path.length > 0 ? candidates.find((code) => scheme.byCode.get(code)!.path.join('/') === path.join('/')) : undefined;
      const fixed = byPath ?? (candidates.length === 1 ? candidates[0] : undefined);
      if (fixed) {
        addProblem(op, problem('CATEGORY_CODE_AS_NUMBER', at2(r, 'categoryCode'), { value: String(r.categoryCodeNumber), x: fixed }));
        r.fields.categoryCode = fixed;
      }
    }

    // 4. What changes, checked as the inventory service checks it: items first, then resources
    //    (a resource is never below its items after the import).
    const changedIds = entryOps.filter((o) => o.existing && !o.row.blocking).map((o) => o.existing!.id);
    const hits = store.inventory.hitsByEntry(changedIds);
    const plannedItemRank = new Map<string, number>(); // resource key (id or new dataId) → highest planned item level
    const plannedItemIds = new Set<number>();
    const parentKey = (p: { id?: number | undefined; dataId: string }) => (p.id !== undefined ? `#${p.id}` : `@${p.dataId}`);

    const planOne = (op: EntryOp, itemRank: number) => {
      const r = op.row;
      const cur: EntryRecord = op.existing ?? { ...blankRecord(op.kind), systemName: r.fields.systemName, resourceName: r.fields.resourceName };
      const input: EntryChangesInput = {};
      if (op.existing) {
        op.changes = diffEntry(r.fields, r.present, op.existing);
        const editable = op.changes.filter((c) => EDITABLE.has(c.field));
        if (op.changes.length === 0) {
          op.status = 'unchanged';
          return;
        }
        op.status = 'changed';
        for (const c of editable) (input as Record<string, unknown>)[c.field] = r.fields[c.field as EditableField];
      } else {
        op.status = 'added';
        for (const k of EDITABLE_FIELDS) {
          if (!r.present.has(k)) continue;
          const v = r.fields[k];
          if (v !== '' && v !== null) (input as Record<string, unknown>)[k] = v;
        }
        input.dataId = r.fields.dataId;
        input.itemName = r.fields.itemName;
      }
      try {
        const ch = normalizeChanges(input);
        const curHits = op.existing ? (hits.get(op.existing.id) ?? []) : ([] as RecognizerHitRow[]);
        let p = deps.inventory.plan(store, cur, ch, curHits, itemRank, !op.existing);
        if (!('patch' in p)) {
          // A lowering without a 定级理由: the officer's level is kept (as the sheet says) and the
          // quality check will ask for the reason (RATIONALE_REQUIRED_LOWERING); it is not a reason
          // to leave the row out.
          const l = p as unknown as { level: Level; suggested: Level };
          addProblem(op, problem('LOWERING_WITHOUT_RATIONALE', at2(r, 'rationale'), { x: [l.level, l.level], value: l.suggested }));
          p = deps.inventory.plan(store, cur, { ...ch, rationale: '\u0000' }, curHits, itemRank, !op.existing) as Planned;
          if (!('patch' in p)) return;
          p.next.rationale = '';
          if (op.existing && op.existing.rationale !== '') p.patch.rationale = '';
          else delete p.patch.rationale;
          p.reason = '导入：降级，未填写定级理由';
        }
        // A level written in the officer's sheet is kept as imported (and confirmed).
        if (ch.level) {
          p.next.levelSource = 'import';
          p.next.levelState = 'confirmed';
          if (op.existing) {
            if (op.existing.levelSource !== 'import') p.patch.levelSource = 'import';
            else delete p.patch.levelSource;
            if (op.existing.levelState !== 'confirmed') p.patch.levelState = 'confirmed';
            else delete p.patch.levelState;
          }
        }
        op.planned = p;
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const field = (e.details as { field?: string } | undefined)?.field;
        addProblem(op, problem('ENTRY_REFUSED', at2(r, field && COL2.has(field) ? field : undefined), { x: [e.message_zh, e.message_en] }));
      }
    };

    for (const op of entryOps) {
      if (op.kind !== 'item' || op.row.blocking) continue;
      planOne(op, 0);
      if (op.row.blocking) continue;
      if (op.status === 'unchanged') continue;
      const parent = op.parent ?? (op.existing ? { id: op.existing.resourceId, dataId: '' } : undefined);
      if (!parent) continue;
      const level = op.planned ? op.planned.next.level : (op.existing?.level ?? '');
      const k = parentKey(parent);
      plannedItemRank.set(k, Math.max(plannedItemRank.get(k) ?? 0, levelRank(level)));
      if (op.existing) plannedItemIds.add(op.existing.id);
      if (parent.id !== undefined) touchedResources.add(parent.id);
    }
    const existingResourceIds = entryOps.filter((o) => o.kind === 'resource' && o.existing && !o.row.blocking).map((o) => o.existing!.id);
    const storedItemRank = store.inventory.maxItemRanks(existingResourceIds, [...plannedItemIds]);
    for (const op of entryOps) {
      if (op.kind !== 'resource' || op.row.blocking) continue;
      const own = op.existing ? Math.max(storedItemRank.get(op.existing.id) ?? 0, plannedItemRank.get(`#${op.existing.id}`) ?? 0) : 0;
      const rank = Math.max(own, plannedItemRank.get(`@${op.row.fields.dataId}`) ?? 0);
      planOne(op, rank);
      if (op.existing && op.status !== 'unchanged' && !op.row.blocking) touchedResources.add(op.existing.id);
    }
    // A new item whose new resource row turned out blocking cannot be created either.
    const blockedNewResources = new Set(entryOps.filter((o) => o.kind === 'resource' && !o.existing && o.row.blocking).map((o) => o.row.fields.dataId));
    for (const op of entryOps) {
      if (op.kind === 'item' && !op.row.blocking && op.parent && op.parent.id === undefined && blockedNewResources.has(op.parent.dataId)) {
        addProblem(op, problem('ENTRY_REFUSED', at2(op.row, 'resourceName'), { x: ['所属数据资源行有阻断性问题，本行无法导入', 'The row of its resource has blocking problems, so this row cannot be imported'] }));
      }
    }
    for (const op of entryOps) if (op.row.blocking) op.status = 'skipped';
  }

  // 5. Entries the file does not have (removed only if the officer opts in).
  const removals: EntryRecord[] = [];
  if (inv) {
    const inFile = new Set(inv.rows.map((r) => r.fields.dataId).filter(Boolean));
    const keptResources = new Set<number>();
    for (const op of entryOps) {
      if (op.kind === 'item' && op.existing) keptResources.add(op.existing.resourceId);
      else if (op.kind === 'item' && op.parent?.id !== undefined) keptResources.add(op.parent.id);
    }
    const removedResources = new Set<number>();
    for (const e of live) {
      if (e.kind !== 'resource' || inFile.has(e.dataId)) continue;
      if (keptResources.has(e.id)) {
        problems.push(problem('RESOURCE_KEPT', { sheet: inv.sheet, sheetKey: 'inventory', row: 0, dataId: e.dataId }, { value: `${e.dataId} ${e.resourceName}` }));
        continue;
      }
      removedResources.add(e.id);
      removals.push(e);
    }
    for (const e of live) {
      if (e.kind !== 'item') continue;
      if (removedResources.has(e.resourceId)) removals.push(e);
      else if (!inFile.has(e.dataId)) {
        removals.push(e);
        touchedResources.add(e.resourceId);
      }
    }
  }

  // 6. Sheet 3: one row per resource of the inventory (in the file or the workspace).
  const catalogOps: CatalogOp[] = [];
  const catalogRemovals: { resourceId: number; dataId: string }[] = [];
  const cat = file.catalog;
  if (cat) {
    const fileResources = new Map<string, EntryOp>();
    for (const op of entryOps) if (op.kind === 'resource' && op.row.fields.dataId && !fileResources.has(op.row.fields.dataId)) fileResources.set(op.row.fields.dataId, op);
    const seen = new Map<string, number>();
    const at3 = (r: ParsedCatalogRow, field?: string): ProblemAt => {
      const key = field === 'carrierKind' || field === 'carrierSystem' ? (cat.header.columns.has('carrier') ? 'carrier' : field) : field;
      const idx = key ? cat.header.columns.get(key) : undefined;
      const col = key ? COL3.get(key) : undefined;
      return {
        sheet: cat.sheet, sheetKey: 'catalog', row: r.row, column: idx === undefined ? '' : columnLetter(idx),
        header: idx === undefined ? (col?.header ?? '') : (cat.header.headers.get(idx) ?? col?.header ?? ''), field, dataId: r.dataId || undefined,
      };
    };
    for (const r of cat.rows) {
      const op: CatalogOp = { row: r, status: 'added', resource: { dataId: r.dataId }, fields: {}, changes: [] };
      catalogOps.push(op);
      if (!r.dataId) continue;
      const first = seen.get(r.dataId);
      if (first !== undefined) addProblem(op, problem('CATALOG_DUPLICATE', at3(r, 'dataId'), { value: r.dataId, x: String(first) }));
      else seen.set(r.dataId, r.row);
      const fileRes = fileResources.get(r.dataId);
      const ex = byDataId.get(r.dataId);
      const usable = (fileRes && !fileRes.row.blocking) || (ex && ex.kind === 'resource');
      if (!usable || (ex && ex.kind !== 'resource')) {
        addProblem(op, problem('CATALOG_RESOURCE_UNKNOWN', at3(r, 'dataId'), { value: r.dataId }));
        continue;
      }
      if (ex) op.resource = { id: ex.id, dataId: r.dataId };
      const inventoryLevel = fileRes && fileRes.row.present.has('level') && fileRes.row.fields.level ? fileRes.row.fields.level : (fileRes?.planned?.next.level ?? ex?.level ?? '');
      if (r.present.has('level') && r.fields.level && inventoryLevel && r.fields.level !== inventoryLevel)
        addProblem(op, problem('CATALOG_LEVEL_MISMATCH', at3(r, 'level'), { x: inventoryLevel }));
      const input: Record<string, unknown> = {};
      for (const k of CATALOG_FIELD_KEYS) if (r.present.has(k)) input[k] = r.fields[k];
      try {
        op.fields = normalizeCatalogChanges(input);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const field = (e.details as { field?: string } | undefined)?.field;
        addProblem(op, problem('ENTRY_REFUSED', at3(r, field), { x: [e.message_zh, e.message_en] }));
        continue;
      }
      const row = ex ? store.catalog.get(ex.id) : undefined;
      op.existing = row && row.listed ? catalogEntryOf(row) : undefined;
      const normalized = { ...r.fields, ...op.fields } as CatalogFields;
      op.changes = diffCatalog(normalized, r.present, op.existing);
      op.status = !op.existing ? 'added' : op.changes.length === 0 ? 'unchanged' : 'changed';
    }
    for (const op of catalogOps) if (op.row.blocking) op.status = 'skipped';
    const inFile = new Set(cat.rows.map((r) => r.dataId).filter(Boolean));
    for (const row of store.catalog.listed()) if (row.dataId && !inFile.has(row.dataId)) catalogRemovals.push({ resourceId: row.resourceId, dataId: row.dataId });
  }

  // 7. Sheet 1.
  let profile: ImportAnalysis['profile'];
  if (file.unit && Object.keys(file.unit.parsed.values).length > 0) {
    const current = { ...EMPTY_PROFILE, ...store.profile.get().profile };
    const checked = checkImportedProfile(file.unit.parsed, current, file.unit.sheet);
    problems.push(...checked.problems);
    profile = { next: checked.next, changes: diffProfile(checked.next, checked.changed, current), blocking: checked.blocking, sheet: file.unit.sheet };
  }

  for (const op of entryOps) problems.push(...op.row.problems);
  for (const op of catalogOps) problems.push(...op.row.problems);
  const sheetOrder = { unit: 0, inventory: 1, catalog: 2 } as const;
  problems.sort((a, b) => sheetOrder[a.sheetKey] - sheetOrder[b.sheetKey] || a.row - b.row || a.column.length - b.column.length || a.column.localeCompare(b.column));
  return { entryOps, removals, catalogOps, catalogRemovals, profile, problems, touchedResources };
}
