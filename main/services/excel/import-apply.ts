/**
 * Write an analysed import, inside the caller's transaction: systems, new resources and items,
 * changed entries, removals (soft deletes, if chosen), the roll-up of every touched resource
 * (就高从严), the catalog rows, the unit profile, ONE undoable edit batch for all of it (entries in
 * edit_change, catalog rows and the profile in edit_side_change),
 * and the audit entries (one for the import with the batch's SM3 digest; the profile's own).
 * Rows with blocking problems are never written (the caller has refused, or the officer chose to
 * skip them).
 */
import { canonicalJson } from '../../domain/canonical-json';
import type { Level } from '../../domain/code-lists';
import type { CatalogFields, LevelSource, LevelState } from '../../domain/inventory';
import { levelRank } from '../../domain/levels';
import { PROFILE_FIELDS } from '../../domain/profile';
import { normalizeText } from '../../domain/text';
import { sm3Hex } from '../../crypto/sm3';
import { levelOfRank, PATCH_KEYS, type EntryPatch, type EntryRecord, type NewEntry, type RollupCandidate } from '../../db/repos/inventory-repo';
import type { Store } from '../../db/store';
import type { CatalogRow } from '../../db/repos/catalog-repo';
import type { SideChangeRow } from '../../db/repos/inventory-batch-repo';
import { changesDigest } from '../inventory-service';
import type { ImportResult } from '../../domain/sheets/results';
import type { ImportAnalysis } from './import-analysis';

export interface ApplyOptions {
  at: string;
  actor: string;
  removeMissing: boolean;
  fileName: string;
  fileDigest: string;
  format: string;
  /** How many undoable batches are kept (the inventory service's depth). */
  undoDepth?: number;
}

export type ApplyResult = Omit<ImportResult, 'file' | 'ms'>;

interface Change {
  id: number;
  dataId: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

const officerDecided = (e: Pick<EntryRecord, 'levelState' | 'levelSource' | 'level'>) =>
  e.level !== '' && (e.levelState === 'confirmed' || e.levelSource === 'manual' || e.levelSource === 'import');

/** The inventory service's roll-up decision (就高从严), for resources whose items this import changed. */
function rollupDecision(c: RollupCandidate): { patch: EntryPatch; reason: string } {
  const rank = Math.max(c.ownRank, c.itemRank);
  const suggested = levelOfRank(rank);
  const patch: EntryPatch = { suggestedLevel: suggested };
  if (!officerDecided(c)) {
    patch.level = suggested;
    patch.levelSource = suggested ? (c.itemRank > c.ownRank ? 'rollup' : c.levelSource && c.levelSource !== 'rollup' ? c.levelSource : 'matrix') : '';
    patch.levelState = suggested ? 'suggested' : '';
  } else if (c.levelRank < c.itemRank) {
    patch.level = suggested;
    patch.levelSource = 'rollup';
    patch.levelState = 'suggested';
  }
  return { patch, reason: patch.levelSource === 'rollup' ? `就高从严：数据项最高为${levelOfRank(c.itemRank)}` : '按定级规则（参考级别）' };
}

export function applyImport(store: Store, a: ImportAnalysis, opts: ApplyOptions): ApplyResult {
  const { at, actor } = opts;
  const changes = new Map<number, Change>();
  let levelChanges = 0;
  const record = (cur: Partial<EntryRecord> & { id: number; dataId: string }, patch: EntryPatch, reason: string): boolean => {
    const keys = (Object.keys(patch) as (keyof EntryPatch)[]).filter((k) => patch[k] !== undefined && patch[k] !== cur[k]);
    if (keys.length === 0) return false;
    const p: Record<string, unknown> = {};
    for (const k of keys) p[k] = patch[k];
    store.inventory.patch(cur.id, p as EntryPatch, at);
    let c = changes.get(cur.id);
    if (!c) changes.set(cur.id, (c = { id: cur.id, dataId: cur.dataId, before: {}, after: {} }));
    for (const k of keys) {
      if (!(k in c.before)) c.before[k] = cur[k] ?? (k === 'schemeVersion' || k === 'deletedAt' ? null : '');
      c.after[k] = p[k];
    }
    if ('level' in p || 'levelState' in p || 'levelSource' in p) {
      levelChanges++;
      store.inventory.addHistory({
        entryId: cur.id, at, actor, from: cur.level ?? '', to: (p.level as string | undefined) ?? cur.level ?? '',
        source: ((p.levelSource as LevelSource | undefined) ?? cur.levelSource ?? '') as LevelSource,
        state: ((p.levelState as LevelState | undefined) ?? cur.levelState ?? '') as LevelState,
        reason,
      });
    }
    return true;
  };

  const entries = { added: 0, changed: 0, removed: 0, unchanged: 0, skipped: 0 };
  const touched = new Set(a.touchedResources);
  let nextId = store.inventory.nextId();
  // Systems by their normalised name (a name stored before normalisation still matches).
  const systemIds = new Map<string, number>();
  for (const sys of store.inventory.listSystems()) if (!systemIds.has(normalizeText(sys.name))) systemIds.set(normalizeText(sys.name), sys.id);
  const systemId = (name: string) => {
    const key = normalizeText(name);
    let id = systemIds.get(key);
    if (id === undefined) {
      id = store.inventory.insertSystem(key, '', at);
      systemIds.set(key, id);
    }
    return id;
  };
  const newResourceIds = new Map<string, number>();
  const parentSystems = new Map<number, number>();
  const create = (op: ImportAnalysis['entryOps'][number], sysId: number, resourceId: number | undefined) => {
    const p = op.planned!;
    const id = nextId++;
    const e: NewEntry = {
      ...(p.next as NewEntry),
      id, kind: op.kind, systemId: sysId, resourceId: resourceId ?? id, resourceName: op.row.fields.resourceName, createdAt: at, updatedAt: at,
    };
    store.inventory.insert(e);
    // Created = undeleted: undo deletes it again (softly), redo brings it back.
    changes.set(id, { id, dataId: e.dataId, before: { deletedAt: at }, after: { deletedAt: null } });
    if (e.level) {
      levelChanges++;
      store.inventory.addHistory({ entryId: id, at, actor, from: '', to: e.level, source: e.levelSource as LevelSource, state: e.levelState as LevelState, reason: p.reason || '导入' });
    }
    return id;
  };

  // New resources first (their items need their ids), then everything else in file order; the
  // search index of the new rows (and, for a large load, the entry indexes) built once at the end.
  const firstId = nextId;
  const newRows = a.entryOps.filter((op) => op.status === 'added' && op.planned).length;
  store.imports.withBulkLoad(firstId, newRows, () => writeEntries());
  function writeEntries() {
    for (const op of a.entryOps) {
      if (op.status === 'skipped') entries.skipped++;
      else if (op.status === 'unchanged') entries.unchanged++;
      if (op.kind !== 'resource' || op.status !== 'added' || !op.planned) continue;
      const sys = systemId(op.row.fields.systemName);
      const id = create(op, sys, undefined);
      newResourceIds.set(op.row.fields.dataId, id);
      parentSystems.set(id, sys);
      entries.added++;
    }
    for (const op of a.entryOps) {
      if (!op.planned) continue;
      if (op.status === 'added' && op.kind === 'item') {
        const parentId = op.parent?.id ?? newResourceIds.get(op.parent?.dataId ?? '');
        if (parentId === undefined) continue; // cannot happen: the analysis blocks such rows
        let parentSystem = parentSystems.get(parentId);
        if (parentSystem === undefined) parentSystems.set(parentId, (parentSystem = store.inventory.get(parentId)!.systemId));
        create(op, parentSystem, parentId);
        if (!newResourceIds.has(op.parent?.dataId ?? '')) touched.add(parentId);
        entries.added++;
      } else if (op.status === 'changed' && op.existing) {
        const patch: EntryPatch = {};
        for (const k of PATCH_KEYS) if (k in op.planned.patch) (patch as Record<string, unknown>)[k] = (op.planned.patch as Record<string, unknown>)[k];
        record(op.existing, patch, op.planned.reason || '导入');
        touched.add(op.existing.resourceId);
        entries.changed++;
      }
    }
    for (const [, id] of newResourceIds) touched.add(id);
  }

  if (opts.removeMissing) {
    for (const e of a.removals) if (record(e, { deletedAt: at }, '导入：文件中已无此行')) entries.removed++;
  }

  // 就高从严 for every resource this import touched.
  let resourcesRaised = 0;
  for (const c of store.inventory.rollupCandidates([...touched])) {
    const { patch, reason } = rollupDecision(c);
    const before = c.levelRank;
    record(c, patch, reason);
    if (patch.level !== undefined && levelRank(patch.level as Level) > before) resourcesRaised++;
  }

  // One undoable batch for all of it.
  const list = [...changes.values()]
    .sort((x, y) => x.id - y.id)
    .map((c) => {
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const k of Object.keys(c.after)) if (c.after[k] !== c.before[k]) [before[k], after[k]] = [c.before[k], c.after[k]];
      return { ...c, before, after };
    })
    .filter((c) => Object.keys(c.after).length > 0);
  const digest = changesDigest(list as never);

  // Sheet 3. Each row's state before and after goes into the batch, so undo puts it back.
  const side: SideChangeRow[] = [];
  const catalogState = (row: CatalogRow | undefined) => (row ? { fields: row.fields, answers: row.answers, listed: row.listed } : null);
  const putCatalog = (resourceId: number, before: CatalogRow | undefined, next: { fields: Partial<CatalogFields>; answers: CatalogRow['answers']; listed: boolean }) => {
    store.catalog.put({ resourceId, ...next, updatedAt: at });
    side.push({ target: 'catalog', targetId: resourceId, beforeJson: JSON.stringify(catalogState(before)), afterJson: JSON.stringify(next) });
  };
  const catalog = { added: 0, changed: 0, removed: 0, unchanged: 0, skipped: 0 };
  const catalogWritten: { dataId: string; fields: Partial<CatalogFields> }[] = [];
  for (const op of a.catalogOps) {
    if (op.status === 'skipped') {
      catalog.skipped++;
      continue;
    }
    if (op.status === 'unchanged') {
      catalog.unchanged++;
      continue;
    }
    const resourceId = op.resource.id ?? newResourceIds.get(op.resource.dataId);
    if (resourceId === undefined) {
      catalog.skipped++;
      continue;
    }
    const row = store.catalog.get(resourceId);
    const fields = { ...(row?.listed ? row.fields : {}), ...op.fields };
    putCatalog(resourceId, row, { fields, answers: row?.answers ?? {}, listed: true });
    catalogWritten.push({ dataId: op.resource.dataId, fields: op.fields });
    if (op.status === 'added') catalog.added++;
    else catalog.changed++;
  }
  if (opts.removeMissing) {
    for (const r of a.catalogRemovals) {
      const row = store.catalog.get(r.resourceId);
      if (!row?.listed) continue;
      putCatalog(r.resourceId, row, { fields: {}, answers: row.answers, listed: false });
      catalog.removed++;
    }
  }

  // Sheet 1.
  const profileChanged: string[] = [];
  if (a.profile && !a.profile.blocking && a.profile.changes.length > 0) {
    const { profile: prev } = store.profile.get();
    const keys = PROFILE_FIELDS.map((f) => f.key).filter((k) => prev[k] !== a.profile!.next[k]);
    if (keys.length > 0) {
      store.profile.save(a.profile.next, at);
      side.push({ target: 'profile', targetId: 1, beforeJson: JSON.stringify(prev), afterJson: JSON.stringify(a.profile.next) });
      store.audit.append({
        actor, action: 'profile.update', entity: 'unit_profile', entityId: '1', at,
        before: Object.fromEntries(keys.map((k) => [k, prev[k]])),
        after: { ...Object.fromEntries(keys.map((k) => [k, a.profile!.next[k]])), source: 'excel.import' },
      });
      profileChanged.push(...keys);
    }
  }

  // One undoable batch for all of it: entries, catalog rows and the profile.
  let batchId: number | null = null;
  if (list.length > 0 || side.length > 0) {
    store.batches.discardRedo();
    store.batches.limitDepth((opts.undoDepth ?? 100) - 1);
    const more = [catalog.added + catalog.changed + catalog.removed > 0 ? [`，重要数据目录 ${catalog.added + catalog.changed + catalog.removed} 行`, `, ${catalog.added + catalog.changed + catalog.removed} catalog rows`] : null, profileChanged.length > 0 ? ['，单位信息', ', the unit profile'] : null].filter(
      (x): x is string[] => x !== null,
    );
    batchId = store.batches.insert(
      {
        at, actor,
        label: `导入“${opts.fileName}”：新增 ${entries.added} 条，修改 ${entries.changed} 条${entries.removed ? `，删除 ${entries.removed} 条` : ''}${more.map((m) => m[0]).join('')}`,
        labelEn: `Import of "${opts.fileName}": ${entries.added} added, ${entries.changed} changed${entries.removed ? `, ${entries.removed} removed` : ''}${more.map((m) => m[1]).join('')}`,
      },
      list.map((c) => ({ entryId: c.id, beforeJson: JSON.stringify(c.before), afterJson: JSON.stringify(c.after) })),
    );
    if (side.length > 0) store.batches.insertSide(batchId, side);
  }

  const catalogDigest = sm3Hex(canonicalJson(catalogWritten));
  store.audit.append({
    actor,
    action: 'excel.import',
    entity: batchId !== null ? 'edit_batch' : 'workspace',
    entityId: batchId !== null ? String(batchId) : null,
    at,
    after: {
      file: opts.fileName, fileDigest: opts.fileDigest, format: opts.format, batchId, digest, entries, levelChanges, resourcesRaised,
      catalog: { ...catalog, digest: catalogDigest }, profileChanged, removeMissing: opts.removeMissing,
    },
  });
  return { batchId, entries, catalog, profileChanged, resourcesRaised, digest };
}
