/**
 * The inventory: systems → resources → items (sheet 2), graded as they are written.
 *
 * Every write is checked here first (code lists, dates, 数据编号 unique, category code against
 * the scheme tree, sensitive PI implies PI), then graded (suggestLevel under the active scheme of
 * the entry's 行业领域; the officer's level is kept, a lowering needs a 定级理由), then written
 * in ONE transaction with: the level history of every level change, the undoable batch (before
 * and after values of each changed entry), the roll-up of the touched resources (就高从严: a
 * resource is never below its highest item), and ONE audit entry for the user's action.
 */
import {
  DATA_SOURCES, IMPACT_DEGREES, IMPACT_OBJECTS, isIn, joinMulti, OPENNESS_ATTRIBUTES, PROCESSING_DEGREES, SHARING_ATTRIBUTES,
  splitMulti, STORAGE_LOCATIONS, UPDATE_FREQUENCIES, type Level,
} from '../domain/code-lists';
import { canonicalJson } from '../domain/canonical-json';
import { normalizeDate } from '../domain/contact';
import { DomainError } from '../domain/errors';
import { isLowering, rollupLevel, type Contribution } from '../domain/grading';
import {
  BULK_FIELDS, SHEET2_HEADERS, SHEET2_HEADERS_EN, type EditableField, type Entry, type EntryFields, type EntryKind, type InventorySystem, type LevelSource,
  type LevelState,
} from '../domain/inventory';
import { levelRank, maxLevel } from '../domain/levels';
import { normalizeText } from '../domain/text';
import { sm3Hex } from '../crypto/sm3';
import {
  levelOfRank, PATCH_KEYS, type EntryPatch, type EntryQueryFilter, type EntryRecord, type EntrySortKey, type GradingRow,
  type LevelHistoryRow, type RecognizerHitRow, type RollupCandidate,
} from '../db/repos/inventory-repo';
import type { Store } from '../db/store';
import { categoryPath, pathKey, sourceOf, type CompiledScheme, type Grading } from './grading-service';
import type { OpenState, Session } from './session';
import { applySideChanges } from './excel/import-undo';

/** The editable fields of one change, as the API's entryChangesSchema gives them. */
export type EntryChangesInput = {
  [K in EditableField]?: K extends 'level' ? Level | '' : K extends 'recordCount' | 'personCount' ? number | null : string;
};
export type SelectionInput = { ids: readonly number[] } | { filter: EntryQueryFilter };

export interface InventoryDeps {
  session: Session;
  actor: (operator: string) => string;
  now: () => Date;
  grading: Grading;
  /** How many batches undo can go back (older ones are discarded). */
  undoDepth?: number;
}

type Changes = Partial<Pick<EntryRecord, EditableField>>;

const MAX_LISTED = 20;

/** "1 entry", "3 entries": for English batch labels. */
const entries = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;

// ------------------------------------------------------------------------------------------------
// Refusals

function invalidField(field: keyof EntryFields, value: unknown, why_zh: string, why_en: string, extra: Record<string, unknown> = {}): DomainError {
  const header = SHEET2_HEADERS[field];
  return new DomainError('INVALID_FIELD', `“${header}”的值“${String(value ?? '')}”${why_zh}`, `${header} (${field}) "${String(value ?? '')}": ${why_en}`, { field, value, ...extra });
}

const notFound = (id: number) => new DomainError('ENTRY_NOT_FOUND', '找不到该条目', 'No such entry', { id });
const deletedEntry = (id: number) => new DomainError('ENTRY_DELETED', '该条目已删除，请先恢复再修改', 'The entry is deleted; restore it before changing it', { id });
const dataIdTaken = (dataIds: string[]) =>
  new DomainError(
    'DATA_ID_TAKEN',
    `数据编号${dataIds.slice(0, MAX_LISTED).map((d) => `“${d}”`).join('、')}已被其他条目使用，数据编号必须唯一`,
    `The data ID${dataIds.length > 1 ? 's' : ''} ${dataIds.slice(0, MAX_LISTED).join(', ')} ${dataIds.length > 1 ? 'are' : 'is'} used by another entry; data IDs must be unique`,
    { field: 'dataId', dataIds: dataIds.slice(0, MAX_LISTED), count: dataIds.length },
  );

class Lowering {
  constructor(readonly dataId: string, readonly level: Level, readonly suggested: Level) {}
}

function loweringError(list: Lowering[]): DomainError {
  if (list.length === 1) {
    const l = list[0]!;
    return new DomainError(
      'LOWERING_NEEDS_RATIONALE',
      `数据级别低于参考级别（${l.suggested}），降级必须填写定级理由`,
      `The level (${l.level}) is below the suggested level (${l.suggested}); a lowering needs a grading rationale`,
      { field: 'rationale', count: 1, dataIds: [l.dataId], level: l.level, suggestedLevel: l.suggested },
    );
  }
  return new DomainError(
    'LOWERING_NEEDS_RATIONALE',
    `${list.length} 条数据的级别低于参考级别，降级必须填写定级理由；未作任何修改`,
    `${list.length} entries would be below their suggested level; a lowering needs a grading rationale. Nothing was changed`,
    { field: 'rationale', count: list.length, dataIds: list.slice(0, MAX_LISTED).map((l) => l.dataId) },
  );
}

function belowItemsError(dataId: string, level: Level, itemLevel: Level): DomainError {
  return new DomainError(
    'LEVEL_BELOW_ITEMS',
    `数据资源“${dataId}”的级别（${level}）不能低于其数据项的最高级别（${itemLevel}）（就高从严）`,
    `The resource ${dataId} cannot be graded (${level}) below its highest item (${itemLevel})`,
    { field: 'level', dataIds: [dataId], level, itemLevel },
  );
}

// ------------------------------------------------------------------------------------------------
// Checking and normalising input

const CODE_LISTS: Partial<Record<EditableField, readonly string[]>> = {
  processingDegree: PROCESSING_DEGREES,
  impactDegree: IMPACT_DEGREES,
  dataSource: DATA_SOURCES,
  storageLocation: STORAGE_LOCATIONS,
  sharing: SHARING_ATTRIBUTES,
  openness: OPENNESS_ATTRIBUTES,
  updateFrequency: UPDATE_FREQUENCIES,
};
const CATEGORY_FIELDS = ['category1', 'category2', 'category3', 'category4'] as const;
const YES_NO_EMPTY = ['', '是', '否'];

/** Check each given field and bring it to its stored form. Refuses with INVALID_FIELD. */
export function normalizeChanges(input: EntryChangesInput): Changes {
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(input)) {
    if (raw === undefined) continue;
    const field = k as EditableField;
    if (field === 'recordCount' || field === 'personCount') {
      if (raw !== null && (typeof raw !== 'number' || !Number.isSafeInteger(raw) || raw < 0))
        throw invalidField(field, raw, '应为非负整数', 'must be a non-negative whole number');
      out[field] = raw;
      continue;
    }
    if (typeof raw !== 'string') throw invalidField(field, raw, '应为文本', 'must be text');
    let v = normalizeText(raw);
    const list = CODE_LISTS[field];
    if (list) {
      if (v !== '' && !isIn(list, v)) throw invalidField(field, raw, `不在填报模板的取值范围内（${list.join('、')}）`, `is not one of the template's values (${list.join(', ')})`, { allowed: list });
    } else if (field === 'impactObjects') {
      const parts = splitMulti(v);
      const bad = parts.filter((p) => !isIn(IMPACT_OBJECTS, p));
      if (bad.length > 0)
        throw invalidField(field, raw, `含有不在取值范围内的影响对象：${bad.join('、')}（可选：${IMPACT_OBJECTS.join('、')}）`, `has impact objects outside the template's list: ${bad.join(', ')}`, { allowed: IMPACT_OBJECTS });
      v = joinMulti(IMPACT_OBJECTS.filter((o) => parts.includes(o)));
    } else if (field === 'level') {
      if (v !== '' && levelRank(v as Level) === 0) throw invalidField(field, raw, '不是有效的数据级别', 'is not a level');
    } else if (field === 'isPersonalInfo' || field === 'isSensitivePersonalInfo') {
      if (!YES_NO_EMPTY.includes(v)) throw invalidField(field, raw, '应为“是”或“否”', 'must be 是 or 否');
    } else if (field === 'reviewedAt') {
      if (v !== '') {
        const d = normalizeDate(v);
        if (!d) throw invalidField(field, raw, '不是有效日期（应为 yyyy-mm-dd）', 'is not a valid date (yyyy-mm-dd)');
        v = d;
      }
    } else if (field === 'dataId' || field === 'resourceName') {
      if (v === '') throw invalidField(field, raw, '不能为空', 'is required');
    }
    out[field] = v;
  }
  return out as Changes;
}

// ------------------------------------------------------------------------------------------------
// Recording changes: entry patch, level history, undo batch

interface Change {
  id: number;
  dataId: string;
  before: EntryPatch;
  after: EntryPatch;
}

type Current = Partial<EntryRecord> & { id: number; dataId: string };

/** Applies patches as they are decided and remembers what they changed, for the batch and the audit. */
class Recorder {
  readonly changes = new Map<number, Change>();
  levelChanges = 0;
  /** With deferWrites(): the patches and history rows not written yet (flush() writes them). */
  private pending: Map<number, Record<string, unknown>> | undefined;
  private pendingHistory: LevelHistoryRow[] = [];
  constructor(
    private readonly store: Store,
    readonly at: string,
    readonly actor: string,
  ) {}

  /** Write the keys of `patch` that differ from `current`; returns whether anything changed. */
  apply(current: Current, patch: EntryPatch, reason: string): boolean {
    const keys = (Object.keys(patch) as (keyof EntryPatch)[]).filter((k) => patch[k] !== undefined && patch[k] !== current[k]);
    if (keys.length === 0) return false;
    const p: Record<string, unknown> = {};
    for (const k of keys) p[k] = patch[k];
    if (this.pending) {
      const q = this.pending.get(current.id);
      if (q) Object.assign(q, p);
      else this.pending.set(current.id, p);
    } else this.store.inventory.patch(current.id, p as EntryPatch, this.at);
    let c = this.changes.get(current.id);
    if (!c) this.changes.set(current.id, (c = { id: current.id, dataId: current.dataId, before: {}, after: {} }));
    const before = c.before as Record<string, unknown>;
    const after = c.after as Record<string, unknown>;
    for (const k of keys) {
      if (!(k in before)) before[k] = current[k] ?? (k === 'schemeVersion' || k === 'deletedAt' ? null : '');
      after[k] = p[k];
    }
    if ('level' in p || 'levelState' in p || 'levelSource' in p) {
      this.levelChanges++;
      const h: LevelHistoryRow = {
        entryId: current.id,
        at: this.at,
        actor: this.actor,
        from: current.level ?? '',
        to: (p.level as string | undefined) ?? current.level ?? '',
        source: ((p.levelSource as LevelSource | undefined) ?? current.levelSource ?? '') as LevelSource,
        state: ((p.levelState as LevelState | undefined) ?? current.levelState ?? '') as LevelState,
        reason,
      };
      if (this.pending) this.pendingHistory.push(h);
      else this.store.inventory.addHistory(h);
    }
    return true;
  }

  /**
   * Keep the writes of apply() until flush(), which writes them in a few statements (for the
   * tens of thousands of rows of a regrade or an undo). Nothing may read the entries between.
   */
  deferWrites(): void {
    this.pending ??= new Map();
  }

  flush(): void {
    if (!this.pending) return;
    const rows = [...this.pending].map(([id, patch]) => ({ id, patch: patch as EntryPatch }));
    this.pending.clear();
    this.store.inventory.patchMany(rows, this.at);
    this.store.inventory.addHistoryMany(this.pendingHistory);
    this.pendingHistory = [];
  }

  /** The changes in entry order, without keys that ended where they started. */
  list(): Change[] {
    const out: Change[] = [];
    for (const c of [...this.changes.values()].sort((a, b) => a.id - b.id)) {
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const k of Object.keys(c.after)) {
        const b = (c.before as Record<string, unknown>)[k];
        const a = (c.after as Record<string, unknown>)[k];
        if (a !== b) {
          before[k] = b;
          after[k] = a;
        }
      }
      if (Object.keys(after).length > 0) out.push({ ...c, before, after });
    }
    return out;
  }
}

/** The SM3 digest of a batch's changes (one digest per batch, never per row). */
export function changesDigest(changes: readonly Change[]): string {
  return sm3Hex(canonicalJson(changes.map((c) => ({ id: c.id, dataId: c.dataId, before: c.before, after: c.after }))));
}

const officerDecided = (e: Pick<EntryRecord, 'levelState' | 'levelSource' | 'level'>) =>
  e.level !== '' && (e.levelState === 'confirmed' || e.levelSource === 'manual' || e.levelSource === 'import');

const REASON: Record<string, string> = {
  matrix: '按定级规则（参考级别）',
  recognizer: '按识别结果（参考级别）',
  rollup: '就高从严：不低于数据项的最高级别',
};

function toEntry(r: EntryRecord): Entry {
  return {
    id: r.id, kind: r.kind, systemId: r.systemId, resourceId: r.resourceId, dataId: r.dataId, systemName: r.systemName,
    resourceName: r.resourceName, itemName: r.itemName, itemCode: r.itemCode, description: r.description, industry: r.industry,
    category1: r.category1, category2: r.category2, category3: r.category3, category4: r.category4, categoryCode: r.categoryCode,
    processingDegree: r.processingDegree, impactObjects: r.impactObjects, impactDegree: r.impactDegree, level: r.level,
    rationale: r.rationale, isPersonalInfo: r.isPersonalInfo, isSensitivePersonalInfo: r.isSensitivePersonalInfo,
    recordCount: r.recordCount, personCount: r.personCount, dataSource: r.dataSource, storageLocation: r.storageLocation,
    sharing: r.sharing, openness: r.openness, updateFrequency: r.updateFrequency, ownerDepartment: r.ownerDepartment,
    ownerPerson: r.ownerPerson, reviewedAt: r.reviewedAt, suggestedLevel: r.suggestedLevel, levelSource: r.levelSource,
    levelState: r.levelState, schemeId: r.schemeId, schemeVersion: r.schemeVersion, deleted: r.deleted, updatedAt: r.updatedAt,
  };
}

/** Fields an item takes from its resource when the officer does not give them. */
const INHERITED: readonly EditableField[] = ['industry', 'dataSource', 'storageLocation', 'sharing', 'openness', 'updateFrequency', 'ownerDepartment', 'ownerPerson'];

function blankRecord(kind: EntryKind): EntryRecord {
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

/** What undo or redo did: the batch's label in Chinese and English, and how many entries it touched. */
export interface UndoStep {
  label: string;
  label_en: string;
  count: number;
}

export interface Planned {
  patch: EntryPatch;
  next: EntryRecord;
  reason: string;
}

export function createInventoryService(deps: InventoryDeps) {
  const depth = deps.undoDepth ?? 100;

  function open(): OpenState {
    return deps.session.requireOpen();
  }

  // ----------------------------------------------------------------------------------------------
  // Planning one entry's change: normalise against the scheme, grade, decide the level.

  /**
   * The next state of an entry given its current state and the officer's changes. Throws a
   * DomainError for a field that does not fit the scheme, returns a Lowering when the result
   * would be an unjustified lowering that this change creates.
   * `itemRank` is, for a resource, the highest level rank of its items after the change.
   */
  function plan(store: Store, cur: EntryRecord, ch: Changes, hits: readonly RecognizerHitRow[], itemRank: number, creating: boolean): Planned | Lowering {
    const next: EntryRecord = { ...cur, ...ch };
    if (cur.kind === 'resource' && next.itemName !== '') throw invalidField('itemName', next.itemName, '：数据资源行的数据项名称须为空', 'must be empty on a resource row');
    if (cur.kind === 'item' && next.itemName === '') throw invalidField('itemName', '', '：数据项名称不能为空', 'is required on an item row');
    if (cur.kind === 'item' && !creating && ch.resourceName !== undefined && ch.resourceName !== cur.resourceName)
      throw invalidField('resourceName', ch.resourceName, '：数据项的数据资源名称随其数据资源，请修改数据资源行', 'follows the item\'s resource: rename the resource row instead');

    // 是否敏感个人信息 = 是 implies 是否个人信息 = 是.
    if ((creating || 'isPersonalInfo' in ch || 'isSensitivePersonalInfo' in ch) && next.isSensitivePersonalInfo === '是' && next.isPersonalInfo !== '是') {
      if (ch.isPersonalInfo === '否')
        throw invalidField('isPersonalInfo', '否', '：敏感个人信息必然是个人信息', 'contradicts 是否敏感个人信息 = 是 (sensitive PI is PI)');
      next.isPersonalInfo = '是';
    }

    const scheme = deps.grading.schemeFor(store, next.industry);
    const touched = creating || 'industry' in ch || 'categoryCode' in ch || CATEGORY_FIELDS.some((f) => f in ch);
    if (touched && scheme) fitCategory(scheme, next, ch, creating);

    const own = deps.grading.ownSuggestion(scheme, next, hits);
    const ownRank = levelRank(own.level);
    const suggested = cur.kind === 'resource' ? levelOfRank(Math.max(ownRank, itemRank)) : (own.level ?? '');
    const followSource: LevelSource = cur.kind === 'resource' && itemRank > ownRank ? 'rollup' : sourceOf(own);

    let reason: string;
    if (ch.level) {
      if (cur.kind === 'resource' && levelRank(ch.level) < itemRank) throw belowItemsError(next.dataId, ch.level, levelOfRank(itemRank) as Level);
      next.level = ch.level;
      next.levelSource = 'manual';
      next.levelState = 'confirmed';
      reason = next.rationale;
    } else if (ch.level === undefined && officerDecided(cur)) {
      reason = next.rationale;
    } else {
      next.level = suggested;
      next.levelSource = suggested ? followSource : '';
      next.levelState = suggested ? 'suggested' : '';
      reason = REASON[followSource] ?? '';
    }
    next.suggestedLevel = suggested;
    next.ownRank = ownRank;
    next.schemeId = scheme?.id ?? '';
    next.schemeVersion = scheme?.version ?? null;

    // A lowering needs a 定级理由 when this change makes it (new level, new suggestion, reason removed).
    if (isLowering(next.level, suggested) && next.rationale === '' && (creating || next.level !== cur.level || suggested !== cur.suggestedLevel || cur.rationale !== ''))
      return new Lowering(next.dataId, next.level as Level, suggested as Level);

    const patch: Record<string, unknown> = {};
    for (const k of PATCH_KEYS) if (k !== 'deletedAt' && next[k] !== cur[k]) patch[k] = next[k];
    return { patch: patch as EntryPatch, next, reason };
  }

  /** Category code and path agree with each other and with the scheme tree (see the module doc). */
  function fitCategory(scheme: CompiledScheme, next: EntryRecord, ch: Changes, creating: boolean) {
    const codeGiven = 'categoryCode' in ch || (creating && next.categoryCode !== '');
    const pathGiven = CATEGORY_FIELDS.some((f) => f in ch) || (creating && categoryPath(next).length > 0);
    const path = categoryPath(next);
    const setPath = (p: readonly string[]) => CATEGORY_FIELDS.forEach((f, i) => (next[f] = p[i] ?? ''));
    if (next.categoryCode !== '' && (codeGiven || !pathGiven)) {
      const node = scheme.byCode.get(next.categoryCode);
      if (!node)
        throw invalidField('categoryCode', next.categoryCode, `不在分类方案“${scheme.name}”中`, `is not a category of the scheme "${scheme.def.nameEn ?? scheme.name}"`, { schemeId: scheme.id });
      if (path.length === 0 || (codeGiven && !pathGiven)) setPath(node.path);
      else if (pathKey(path) !== pathKey(node.path))
        throw invalidField('categoryCode', next.categoryCode, `与类别路径“${path.join('/')}”不一致（该编码对应“${node.path.join('/')}”）`, `does not match the category path "${path.join('/')}" (the code is "${node.path.join('/')}")`, { path, expectedPath: node.path });
    } else {
      next.categoryCode = path.length > 0 ? (scheme.byPath.get(pathKey(path))?.code ?? '') : '';
    }
  }

  // ----------------------------------------------------------------------------------------------
  // Roll-up (就高从严), in SQL: only resources that must change come back.

  function rollupDecision(c: RollupCandidate): { patch: EntryPatch; reason: string } {
    const rank = Math.max(c.ownRank, c.itemRank);
    const suggested = levelOfRank(rank);
    const patch: EntryPatch = { suggestedLevel: suggested };
    const automatic = !officerDecided(c);
    if (automatic) {
      patch.level = suggested;
      patch.levelSource = suggested ? (c.itemRank > c.ownRank ? 'rollup' : c.levelSource && c.levelSource !== 'rollup' ? c.levelSource : 'matrix') : '';
      patch.levelState = suggested ? 'suggested' : '';
    } else if (c.levelRank < c.itemRank) {
      // The officer's level is below an item now: raised, to be confirmed again.
      patch.level = suggested;
      patch.levelSource = 'rollup';
      patch.levelState = 'suggested';
    }
    return { patch, reason: patch.levelSource === 'rollup' ? `就高从严：数据项最高为${levelOfRank(c.itemRank)}` : (REASON[patch.levelSource ?? ''] ?? '') };
  }

  /** Roll up the given resources (or all); returns the resources whose level went up. */
  function rollup(store: Store, rec: Recorder, resourceIds?: readonly number[]): { id: number; dataId: string; from: string; to: string }[] {
    const raised: { id: number; dataId: string; from: string; to: string }[] = [];
    for (const c of store.inventory.rollupCandidates(resourceIds ? [...new Set(resourceIds)] : undefined)) {
      const { patch, reason } = rollupDecision(c);
      rec.apply(c, patch, reason);
      if (patch.level !== undefined && levelRank(patch.level) > c.levelRank) raised.push({ id: c.id, dataId: c.dataId, from: c.level, to: patch.level });
    }
    return raised;
  }

  // ----------------------------------------------------------------------------------------------
  // Batches

  function finishBatch(store: Store, rec: Recorder, label: string, labelEn: string): { batchId: number | null; changes: Change[]; digest: string } {
    const changes = rec.list();
    if (changes.length === 0) return { batchId: null, changes, digest: changesDigest(changes) };
    store.batches.discardRedo();
    store.batches.limitDepth(depth - 1);
    const batchId = store.batches.insert(
      { at: rec.at, actor: rec.actor, label, labelEn },
      changes.map((c) => ({ entryId: c.id, beforeJson: JSON.stringify(c.before), afterJson: JSON.stringify(c.after) })),
    );
    return { batchId, changes, digest: changesDigest(changes) };
  }

  function selectRecords(store: Store, sel: SelectionInput, deleted: boolean): EntryRecord[] {
    const ids = 'ids' in sel ? [...new Set(sel.ids)] : store.inventory.ids({ ...sel.filter, deleted });
    return store.inventory.getMany(ids).filter((r) => r.deleted === deleted);
  }

  function begin(s: OpenState): Recorder {
    return new Recorder(s.store, deps.now().toISOString(), deps.actor(s.operator));
  }

  const rollupAudit = (raised: { id: number; dataId: string; from: string; to: string }[]) =>
    raised.length > 0 ? { rollup: { count: raised.length, resources: raised.slice(0, MAX_LISTED) } } : {};

  // ----------------------------------------------------------------------------------------------
  // Reading

  function detail(store: Store, id: number) {
    const r = store.inventory.get(id);
    if (!r) throw notFound(id);
    const scheme = (r.schemeId && r.schemeVersion !== null ? deps.grading.schemeAt(store, r.schemeId, r.schemeVersion) : undefined) ?? deps.grading.schemeFor(store, r.industry);
    const hits = store.inventory.hits(id);
    const own = deps.grading.ownSuggestion(scheme, r, hits);
    let rollupView: { level: Level | ''; contributions: Contribution[] } | undefined;
    let contributions = own.contributions;
    if (r.kind === 'resource') {
      const top = store.inventory.topItem(id);
      const ru = rollupLevel(scheme?.def ?? { aggregationRules: [] }, {
        items: top ? [{ entryId: top.id, dataId: top.dataId, level: top.level }] : [],
        isPersonalInfo: r.isPersonalInfo === '是' ? true : r.isPersonalInfo === '否' ? false : null,
        isSensitivePersonalInfo: r.isSensitivePersonalInfo === '是' ? true : r.isSensitivePersonalInfo === '否' ? false : null,
        personCount: r.personCount,
        recordCount: r.recordCount,
      });
      rollupView = { level: ru.level ?? '', contributions: ru.contributions };
      const fromItems = ru.contributions.filter((c) => c.source === 'rollup');
      contributions = [...own.contributions, ...fromItems];
    }
    const level: Level | '' = maxLevel(contributions.map((c) => c.level)) ?? '';
    return {
      entry: toEntry(r),
      explanation: { level, contributions, decisive: level ? contributions.filter((c) => c.level === level) : [] },
      history: store.inventory.history(id),
      recognizerHits: hits.map((h) => ({ recognizerId: h.recognizerId, basis: h.basis, matched: h.matched, total: h.total, at: h.at })),
      ...(rollupView ? { rollup: rollupView } : {}),
    };
  }

  // ----------------------------------------------------------------------------------------------
  // Creating

  function create(kind: EntryKind, parent: { systemId: number; resourceId?: number; resourceName: string; inherit?: EntryRecord }, dataId: string, itemName: string, input: EntryChangesInput) {
    const s = open();
    const ch = normalizeChanges({ ...input, dataId, itemName });
    if (ch.resourceName !== undefined && ch.resourceName !== parent.resourceName)
      throw invalidField('resourceName', ch.resourceName, `与所属数据资源的名称“${parent.resourceName}”不一致`, `differs from the resource's name "${parent.resourceName}"`);
    delete ch.resourceName;
    const cur = blankRecord(kind);
    if (parent.inherit) for (const f of INHERITED) if (!(f in ch)) (cur as unknown as Record<string, unknown>)[f] = parent.inherit[f];
    return s.store.tx(() => {
      if (s.store.inventory.idOfDataId(ch.dataId!) !== undefined) throw dataIdTaken([ch.dataId!]);
      const planned = plan(s.store, cur, ch, [], 0, true);
      if (planned instanceof Lowering) throw loweringError([planned]);
      const rec = begin(s);
      const id = s.store.inventory.nextId();
      const e = { ...planned.next, id, systemId: parent.systemId, resourceId: parent.resourceId ?? id, resourceName: parent.resourceName, createdAt: rec.at, updatedAt: rec.at };
      s.store.inventory.insert(e);
      // Created = undeleted: undo deletes it again (softly), redo brings it back.
      rec.changes.set(id, { id, dataId: e.dataId, before: { deletedAt: rec.at }, after: { deletedAt: null } });
      if (e.level) {
        rec.levelChanges++;
        s.store.inventory.addHistory({ entryId: id, at: rec.at, actor: rec.actor, from: '', to: e.level, source: e.levelSource as LevelSource, state: e.levelState as LevelState, reason: planned.reason });
      }
      const raised = kind === 'item' ? rollup(s.store, rec, [e.resourceId]) : [];
      const label = kind === 'resource' ? `新建数据资源“${e.resourceName}”` : `新建数据项“${e.itemName}”`;
      const labelEn = kind === 'resource' ? `New resource "${e.resourceName}"` : `New item "${e.itemName}"`;
      const { batchId } = finishBatch(s.store, rec, label, labelEn);
      const fields: Record<string, unknown> = {};
      for (const k of PATCH_KEYS) {
        const v = (e as unknown as Record<string, unknown>)[k];
        if (v !== '' && v !== null && v !== 0 && k !== 'ownRank') fields[k] = v;
      }
      s.store.audit.append({
        actor: rec.actor,
        action: 'inventory.create',
        entity: 'entry',
        entityId: String(id),
        at: rec.at,
        after: { kind, systemId: e.systemId, resourceId: e.resourceId, ...fields, batchId, ...rollupAudit(raised) },
      });
      return toEntry(s.store.inventory.get(id)!);
    });
  }

  // ----------------------------------------------------------------------------------------------
  // Bulk: the same changes on many entries, one batch, one audit entry.

  function planMany(store: Store, records: EntryRecord[], ch: Changes): { planned: Map<number, Planned>; lowerings: Lowering[] } {
    const hits = store.inventory.hitsByEntry(records.map((r) => r.id));
    const planned = new Map<number, Planned>();
    const lowerings: Lowering[] = [];
    const note = (r: EntryRecord, p: Planned | Lowering) => {
      if (p instanceof Lowering) lowerings.push(p);
      else planned.set(r.id, p);
    };
    const items = records.filter((r) => r.kind === 'item');
    const resources = records.filter((r) => r.kind === 'resource');
    for (const r of items) note(r, plan(store, r, ch, hits.get(r.id) ?? [], 0, false));
    if (resources.length > 0) {
      // Items first: a resource's floor is its items' levels after this change.
      const itemRank = store.inventory.maxItemRanks(resources.map((r) => r.id), items.map((r) => r.id));
      for (const r of items) {
        const p = planned.get(r.id);
        const rank = levelRank(p ? p.next.level : r.level);
        if (rank > (itemRank.get(r.resourceId) ?? 0)) itemRank.set(r.resourceId, rank);
      }
      for (const r of resources) note(r, plan(store, r, ch, hits.get(r.id) ?? [], itemRank.get(r.id) ?? 0, false));
    }
    return { planned, lowerings };
  }

  // ----------------------------------------------------------------------------------------------

  return {
    tree() {
      return open().store.inventory.tree();
    },

    query(input: { filter: EntryQueryFilter; sort: EntrySortKey; desc: boolean; offset: number; limit: number }): { total: number; rows: Entry[] } {
      const { store } = open();
      if (input.filter.search?.trim()) {
        const r = store.inventory.pageWithTotal(input.filter, input.sort, input.desc, input.offset, input.limit);
        return { total: r.total, rows: r.rows.map(toEntry) };
      }
      const rows = store.inventory.page(input.filter, input.sort, input.desc, input.offset, input.limit).map(toEntry);
      // The first page that is not full tells the total without counting.
      const total = input.offset === 0 && rows.length < input.limit ? rows.length : store.inventory.count(input.filter);
      return { total, rows };
    },

    get(id: number) {
      return detail(open().store, id);
    },

    createSystem(input: { name: string; mlpsLevel: string }): InventorySystem {
      const s = open();
      const name = normalizeText(input.name);
      if (!name) throw new DomainError('INVALID_FIELD', '信息系统名称不能为空', 'The system name is required', { field: 'systemName', value: input.name });
      return s.store.tx(() => {
        if (s.store.inventory.systemIdByName(name) !== undefined)
          throw new DomainError('SYSTEM_NAME_TAKEN', `已有名为“${name}”的信息系统`, `A system named "${name}" already exists`, { name });
        const at = deps.now().toISOString();
        const id = s.store.inventory.insertSystem(name, input.mlpsLevel, at);
        s.store.audit.append({ actor: deps.actor(s.operator), action: 'inventory.system.create', entity: 'system', entityId: String(id), at, after: { name, mlpsLevel: input.mlpsLevel } });
        return s.store.inventory.getSystem(id)!;
      });
    },

    updateSystem(input: { id: number; name?: string | undefined; mlpsLevel?: string | undefined }): InventorySystem {
      const s = open();
      return s.store.tx(() => {
        const cur = s.store.inventory.getSystem(input.id);
        if (!cur) throw new DomainError('SYSTEM_NOT_FOUND', '找不到该信息系统', 'No such system', { id: input.id });
        const name = input.name !== undefined ? normalizeText(input.name) : cur.name;
        if (!name) throw new DomainError('INVALID_FIELD', '信息系统名称不能为空', 'The system name is required', { field: 'systemName', value: input.name });
        const mlpsLevel = input.mlpsLevel ?? cur.mlpsLevel;
        if (name === cur.name && mlpsLevel === cur.mlpsLevel) return cur;
        const other = s.store.inventory.systemIdByName(name);
        if (other !== undefined && other !== cur.id)
          throw new DomainError('SYSTEM_NAME_TAKEN', `已有名为“${name}”的信息系统`, `A system named "${name}" already exists`, { name });
        s.store.inventory.updateSystem(cur.id, name, mlpsLevel);
        const before: Record<string, string> = {};
        const after: Record<string, string> = {};
        if (name !== cur.name) [before.name, after.name] = [cur.name, name];
        if (mlpsLevel !== cur.mlpsLevel) [before.mlpsLevel, after.mlpsLevel] = [cur.mlpsLevel, mlpsLevel];
        s.store.audit.append({ actor: deps.actor(s.operator), action: 'inventory.system.update', entity: 'system', entityId: String(cur.id), before, after });
        return s.store.inventory.getSystem(cur.id)!;
      });
    },

    createResource(input: { systemId: number; dataId: string; resourceName: string; changes: EntryChangesInput }): Entry {
      const { store } = open();
      const system = store.inventory.getSystem(input.systemId);
      if (!system) throw new DomainError('SYSTEM_NOT_FOUND', '找不到该信息系统', 'No such system', { id: input.systemId });
      const resourceName = normalizeText(input.resourceName);
      if (!resourceName) throw invalidField('resourceName', input.resourceName, '不能为空', 'is required');
      if (input.changes.itemName) throw invalidField('itemName', input.changes.itemName, '：数据资源行的数据项名称须为空', 'must be empty on a resource row');
      return create('resource', { systemId: system.id, resourceName }, input.dataId, '', input.changes);
    },

    createItem(input: { resourceId: number; dataId: string; itemName: string; changes: EntryChangesInput }): Entry {
      const { store } = open();
      const resource = store.inventory.get(input.resourceId);
      if (!resource || resource.kind !== 'resource' || resource.deleted)
        throw new DomainError('RESOURCE_NOT_FOUND', '找不到该数据资源（或已删除）', 'No such data resource (or it is deleted)', { id: input.resourceId });
      return create('item', { systemId: resource.systemId, resourceId: resource.id, resourceName: resource.resourceName, inherit: resource }, input.dataId, input.itemName, input.changes);
    },

    /**
     * One entry. Renaming a resource renames it on all its items too (live and deleted), in the
     * same batch. `as` gives another label and audit action (an accepted recogniser suggestion).
     */
    update(id: number, input: EntryChangesInput, as?: { label: string; labelEn: string; action: string; audit?: Record<string, unknown> }) {
      const s = open();
      const ch = normalizeChanges(input);
      return s.store.tx(() => {
        const cur = s.store.inventory.get(id);
        if (!cur) throw notFound(id);
        if (cur.deleted) throw deletedEntry(id);
        if (ch.dataId !== undefined && ch.dataId !== cur.dataId && s.store.inventory.idOfDataId(ch.dataId) !== undefined) throw dataIdTaken([ch.dataId]);
        const itemRank = cur.kind === 'resource' ? (s.store.inventory.maxItemRanks([id]).get(id) ?? 0) : 0;
        const planned = plan(s.store, cur, ch, s.store.inventory.hits(id), itemRank, false);
        if (planned instanceof Lowering) throw loweringError([planned]);
        const rec = begin(s);
        if (!rec.apply(cur, planned.patch, planned.reason)) return detail(s.store, id);
        let renamed = 0;
        if (cur.kind === 'resource' && planned.patch.resourceName !== undefined) {
          const resourceName = planned.patch.resourceName;
          for (const item of s.store.inventory.getMany(s.store.inventory.allItemsOf(id)))
            if (rec.apply(item, { resourceName }, '数据资源改名')) renamed++;
        }
        const raised = rollup(s.store, rec, [cur.resourceId]);
        const name = cur.itemName || cur.resourceName;
        const label = as?.label ?? `修改“${name}”`;
        const { batchId, changes } = finishBatch(s.store, rec, label, as?.labelEn ?? `Edit "${name}"`);
        const own = changes.find((c) => c.id === id);
        s.store.audit.append({
          actor: rec.actor,
          action: as?.action ?? 'inventory.update',
          entity: 'entry',
          entityId: String(id),
          at: rec.at,
          before: own?.before ?? {},
          after: { ...(own?.after ?? {}), batchId, ...(renamed > 0 ? { itemsRenamed: renamed } : {}), ...as?.audit, ...rollupAudit(raised) },
        });
        return detail(s.store, id);
      });
    },

    bulkUpdate(selection: SelectionInput, input: EntryChangesInput): { batchId: number | null; count: number } {
      const s = open();
      for (const k of Object.keys(input))
        if (!(BULK_FIELDS as readonly string[]).includes(k) && input[k as EditableField] !== undefined)
          throw new DomainError('INVALID_FIELD', `“${SHEET2_HEADERS[k as EditableField]}”不能批量修改`, `${k} cannot be changed in bulk`, { field: k });
      const ch = normalizeChanges(input);
      if (Object.keys(ch).length === 0) return { batchId: null, count: 0 };
      return s.store.tx(() => {
        const records = selectRecords(s.store, selection, false);
        const { planned, lowerings } = planMany(s.store, records, ch);
        if (lowerings.length > 0) throw loweringError(lowerings);
        const rec = begin(s);
        const touched = new Set<number>();
        for (const r of records) {
          const p = planned.get(r.id)!;
          if (rec.apply(r, p.patch, p.reason)) touched.add(r.resourceId);
        }
        const raised = rollup(s.store, rec, [...touched]);
        const count = records.filter((r) => rec.changes.has(r.id)).length;
        const label = `批量修改 ${count} 条：${Object.keys(ch).map((k) => SHEET2_HEADERS[k as EditableField]).join('、')}`;
        const labelEn = `Bulk edit of ${entries(count)}: ${Object.keys(ch).map((k) => SHEET2_HEADERS_EN[k as EditableField]).join(', ')}`;
        const { batchId, changes, digest } = finishBatch(s.store, rec, label, labelEn);
        if (batchId === null) return { batchId: null, count: 0 };
        s.store.audit.append({
          actor: rec.actor,
          action: 'inventory.bulkUpdate',
          entity: 'edit_batch',
          entityId: String(batchId),
          at: rec.at,
          after: { count, changes: ch, batchId, entries: changes.length, levelChanges: rec.levelChanges, digest, ...rollupAudit(raised) },
        });
        return { batchId, count };
      });
    },

    confirmLevels(selection: SelectionInput): { batchId: number | null; count: number } {
      const s = open();
      return s.store.tx(() => {
        const records = selectRecords(s.store, selection, false);
        const lowerings: Lowering[] = [];
        const todo: { r: EntryRecord; patch: EntryPatch }[] = [];
        for (const r of records) {
          const level = r.level || r.suggestedLevel;
          if (!level || (r.levelState === 'confirmed' && r.level)) continue;
          if (isLowering(level, r.suggestedLevel) && r.rationale === '') {
            lowerings.push(new Lowering(r.dataId, level, r.suggestedLevel as Level));
            continue;
          }
          todo.push({ r, patch: { level, levelState: 'confirmed', levelSource: r.levelSource || 'matrix' } });
        }
        if (lowerings.length > 0) throw loweringError(lowerings);
        const rec = begin(s);
        const touched = new Set<number>();
        for (const { r, patch } of todo) if (rec.apply(r, patch, r.rationale || '确认参考级别')) touched.add(r.resourceId);
        const raised = rollup(s.store, rec, [...touched]);
        const count = todo.length;
        const { batchId, changes, digest } = finishBatch(s.store, rec, `确认 ${count} 条的级别`, `Confirm the level of ${entries(count)}`);
        if (batchId === null) return { batchId: null, count: 0 };
        s.store.audit.append({
          actor: rec.actor,
          action: 'inventory.confirmLevels',
          entity: 'edit_batch',
          entityId: String(batchId),
          at: rec.at,
          after: { count, batchId, entries: changes.length, digest, ...rollupAudit(raised) },
        });
        return { batchId, count };
      });
    },

    delete(selection: SelectionInput): { batchId: number | null; count: number } {
      const s = open();
      return s.store.tx(() => {
        const records = selectRecords(s.store, selection, false);
        const ids = new Set(records.map((r) => r.id));
        // A resource goes with its items.
        const extra = s.store.inventory.liveItemsOf(records.filter((r) => r.kind === 'resource').map((r) => r.id)).filter((id) => !ids.has(id));
        const all = [...records, ...s.store.inventory.getMany(extra)];
        const rec = begin(s);
        for (const r of all) rec.apply(r, { deletedAt: rec.at }, '删除');
        const raised = rollup(s.store, rec, [...new Set(all.filter((r) => r.kind === 'item').map((r) => r.resourceId))]);
        const { batchId, changes, digest } = finishBatch(s.store, rec, `删除 ${all.length} 条`, `Delete ${entries(all.length)}`);
        if (batchId === null) return { batchId: null, count: 0 };
        s.store.audit.append({
          actor: rec.actor,
          action: 'inventory.delete',
          entity: 'edit_batch',
          entityId: String(batchId),
          at: rec.at,
          after: { count: all.length, batchId, dataIds: all.slice(0, MAX_LISTED).map((r) => r.dataId), entries: changes.length, digest, ...rollupAudit(raised) },
        });
        return { batchId, count: all.length };
      });
    },

    restore(selection: SelectionInput): { batchId: number | null; count: number } {
      const s = open();
      return s.store.tx(() => {
        const records = selectRecords(s.store, selection, true);
        const byId = new Map(records.map((r) => [r.id, r]));
        // An item comes back with its resource; a resource with the items deleted together with it.
        const more: number[] = [];
        for (const r of records) {
          if (r.kind === 'item' && !byId.has(r.resourceId)) more.push(r.resourceId);
          if (r.kind === 'resource') more.push(...s.store.inventory.itemsDeletedWith(r.id, r.deletedAt!));
        }
        for (const r of s.store.inventory.getMany([...new Set(more)].filter((id) => !byId.has(id)))) if (r.deleted) byId.set(r.id, r);
        const all = [...byId.values()].sort((a, b) => a.id - b.id);
        const seen = new Set<string>();
        const clash = new Set(s.store.inventory.liveDataIds(all.map((r) => r.dataId)).map((r) => r.dataId));
        for (const r of all) {
          if (seen.has(r.dataId)) clash.add(r.dataId);
          seen.add(r.dataId);
        }
        if (clash.size > 0) throw dataIdTaken([...clash]);
        const rec = begin(s);
        for (const r of all) rec.apply(r, { deletedAt: null }, '恢复');
        const raised = rollup(s.store, rec, [...new Set(all.map((r) => r.resourceId))]);
        const { batchId, changes, digest } = finishBatch(s.store, rec, `恢复 ${all.length} 条`, `Restore ${entries(all.length)}`);
        if (batchId === null) return { batchId: null, count: 0 };
        s.store.audit.append({
          actor: rec.actor,
          action: 'inventory.restore',
          entity: 'edit_batch',
          entityId: String(batchId),
          at: rec.at,
          after: { count: all.length, batchId, dataIds: all.slice(0, MAX_LISTED).map((r) => r.dataId), entries: changes.length, digest, ...rollupAudit(raised) },
        });
        return { batchId, count: all.length };
      });
    },

    undo(): UndoStep | null {
      return step('undo');
    },

    redo(): UndoStep | null {
      return step('redo');
    },

    undoState(): { undo: string | null; redo: string | null; undo_en: string | null; redo_en: string | null } {
      const { store } = open();
      const u = store.batches.undoable();
      const r = store.batches.redoable();
      return { undo: u?.label ?? null, redo: r?.label ?? null, undo_en: u ? u.labelEn || u.label : null, redo_en: r ? r.labelEn || r.label : null };
    },

    /** Recompute every entry's suggestion under the active schemes, then roll up every resource. */
    regrade(): { entries: number; resourcesRaised: number; ms: number } {
      return regrade();
    },

    /**
     * Recompute the suggestions of some entries (after the recogniser engine stored their hits,
     * say) and roll up their resources: one batch and one audit entry, like a regrade.
     */
    regradeEntries(ids: readonly number[]): { entries: number; resourcesRaised: number; ms: number } {
      return regrade([...new Set(ids)]);
    },

    /** For importers and tools in the backend: plan a change without writing it. */
    plan,
  };

  function regrade(ids?: number[]): { entries: number; resourcesRaised: number; ms: number } {
    const s = open();
    const t0 = performance.now();
    deps.grading.invalidate(s.store);
    return s.store.inventory.withLargeCache(() => s.store.tx(() => {
      const rec = begin(s);
      rec.deferWrites();
      const hits = s.store.inventory.hitsByEntry(ids);
      const memo = new Map<string, { level: Level | ''; rank: number; source: LevelSource }>();
      const due: { row: GradingRow; patch: EntryPatch; reason: string }[] = [];
      const resources = new Set<number>();
      const activeSchemes = s.store.schemes.list().map((x) => ({ id: x.id, version: x.activeVersion, inUse: x.inUse }));
      s.store.inventory.eachGradingRow((row) => {
        resources.add(row.resourceId);
        const scheme = deps.grading.schemeFor(s.store, row.industry);
        const h = hits.get(row.id);
        const key = h ? undefined : gradingKey(scheme, row);
        let g = key !== undefined ? memo.get(key) : undefined;
        if (!g) {
          const own = deps.grading.ownSuggestion(scheme, row, h ?? []);
          g = { level: own.level ?? '', rank: levelRank(own.level), source: sourceOf(own) };
          if (key !== undefined) memo.set(key, g);
        }
        const schemeId = scheme?.id ?? '';
        const schemeVersion = scheme?.version ?? null;
        const follow = row.kind === 'item' && !officerDecided(row);
        // A new version of the same scheme that grades the entry as before leaves it alone: its
        // stamp still names a version that gives its suggestion (and a regrade of 200,000 entries
        // after a small scheme edit writes only what it changes). Another scheme always re-stamps.
        const changed =
          g.rank !== row.ownRank || schemeId !== row.schemeId ||
          (row.kind === 'item' && g.level !== row.suggestedLevel) || (follow && (g.level !== row.level || row.levelState !== (g.level ? 'suggested' : '')));
        if (!changed) return;
        const patch: EntryPatch = { ownRank: g.rank, schemeId, schemeVersion };
        if (row.kind === 'item') {
          patch.suggestedLevel = g.level;
          if (follow) {
            patch.level = g.level;
            patch.levelSource = g.level ? g.source : '';
            patch.levelState = g.level ? 'suggested' : '';
          }
        }
        due.push({ row, patch, reason: REASON[g.source] ?? '' });
      }, ids);
      for (const d of due) rec.apply(d.row, d.patch, d.reason);
      rec.flush(); // the roll-up reads the items' new levels
      // Every resource, or the resources of the given entries.
      const raised = rollup(s.store, rec, ids ? [...resources] : undefined);
      rec.flush();
      const { batchId, changes, digest } = finishBatch(s.store, rec, ids ? `重新定级 ${ids.length} 条` : '重新定级', ids ? `Regrade ${entries(ids.length)}` : 'Regrade all');
      const ms = Math.round(performance.now() - t0);
      if (batchId !== null)
        s.store.audit.append({
          actor: rec.actor,
          action: 'inventory.regrade',
          entity: 'edit_batch',
          entityId: String(batchId),
          at: rec.at,
          after: { scope: ids ? ids.length : 'all', schemes: activeSchemes, entries: changes.length, levelChanges: rec.levelChanges, resourcesRaised: raised.length, batchId, digest },
        });
      return { entries: changes.length, resourcesRaised: raised.length, ms };
    }));
  }

  /** Undo or redo the batch on top of its stack: apply its before (or after) values. */
  function step(kind: 'undo' | 'redo'): UndoStep | null {
    const s = open();
    return s.store.inventory.withLargeCache(() => s.store.tx(() => {
      const b = kind === 'undo' ? s.store.batches.undoable() : s.store.batches.redoable();
      if (!b) return null;
      const rows = s.store.batches.changes(b.id);
      const current = new Map(s.store.inventory.getMany(rows.map((r) => r.entryId)).map((r) => [r.id, r]));
      const rec = begin(s);
      rec.deferWrites();
      const reason = `${kind === 'undo' ? '撤销' : '重做'}：${b.label}`;
      for (const row of rows) {
        const cur = current.get(row.entryId);
        if (!cur) continue;
        rec.apply(cur, JSON.parse(kind === 'undo' ? row.beforeJson : row.afterJson) as EntryPatch, reason);
      }
      rec.flush();
      const side = applySideChanges(s.store, b.id, kind, rec.at); // an import's catalog rows and profile
      s.store.batches.setUndone(b.id, kind === 'undo');
      s.store.audit.append({
        actor: rec.actor,
        action: `inventory.${kind}`,
        entity: 'edit_batch',
        entityId: String(b.id),
        at: rec.at,
        after: { batchId: b.id, label: b.label, count: rows.length, levelChanges: rec.levelChanges, ...(side > 0 ? { sideChanges: side } : {}) },
      });
      return { label: b.label, label_en: b.labelEn || b.label, count: rows.length };
    }));
  }
}

/** Entries with the same grading facts under the same scheme get the same suggestion. */
function gradingKey(scheme: CompiledScheme | undefined, r: GradingRow): string {
  return [
    scheme ? `${scheme.id}@${scheme.version}` : '', r.kind, r.categoryCode, r.category1, r.category2, r.category3, r.category4,
    r.impactObjects, r.impactDegree, r.isPersonalInfo, r.isSensitivePersonalInfo, r.personCount ?? '', r.recordCount ?? '',
  ].join('\u0001');
}

export type InventoryService = ReturnType<typeof createInventoryService>;
