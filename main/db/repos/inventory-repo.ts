/**
 * The inventory store: systems, sheet-2 entries (resources and items), the grid's window query
 * with its filter, the tree, the roll-up candidates (就高从严, computed in SQL), level history,
 * recogniser hits and quality-finding counts. Statements are prepared once per connection;
 * the few dynamic ones (filters, column sets of a patch) are cached by their SQL text.
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../connection';
import type { Level } from '../../domain/code-lists';
import { LEVELS_43697 } from '../../domain/code-lists';
import { levelRank } from '../../domain/levels';
import type { Entry, EntryKind, InventorySystem, LevelSource, LevelState } from '../../domain/inventory';
import { normalizeText } from '../../domain/text';

/** An entry as stored: the API's Entry and the columns kept for filtering and grading. */
export interface EntryRecord extends Entry {
  levelRank: number;
  suggestedRank: number;
  /** The rank the entry's own facts give (for a resource: without its items). */
  ownRank: number;
  findingCount: number;
  createdAt: string;
  deletedAt: string | null;
}

/** Stored columns that an edit (and its undo) may change, by field name. */
export const PATCH_COLUMNS = {
  dataId: 'data_id',
  resourceName: 'resource_name',
  itemName: 'item_name',
  itemCode: 'item_code',
  description: 'description',
  industry: 'industry',
  category1: 'category1',
  category2: 'category2',
  category3: 'category3',
  category4: 'category4',
  categoryCode: 'category_code',
  processingDegree: 'processing_degree',
  impactObjects: 'impact_objects',
  impactDegree: 'impact_degree',
  level: 'level',
  rationale: 'rationale',
  isPersonalInfo: 'is_pi',
  isSensitivePersonalInfo: 'is_sensitive_pi',
  recordCount: 'record_count',
  personCount: 'person_count',
  dataSource: 'data_source',
  storageLocation: 'storage_location',
  sharing: 'sharing',
  openness: 'openness',
  updateFrequency: 'update_frequency',
  ownerDepartment: 'owner_department',
  ownerPerson: 'owner_person',
  reviewedAt: 'reviewed_at',
  suggestedLevel: 'suggested_level',
  ownRank: 'own_suggested_rank',
  levelSource: 'level_source',
  levelState: 'level_state',
  schemeId: 'scheme_id',
  schemeVersion: 'scheme_version',
  deletedAt: 'deleted_at',
} as const;
export type PatchKey = keyof typeof PATCH_COLUMNS;
export type EntryPatch = { [K in PatchKey]?: EntryRecord[K] };
export const PATCH_KEYS = Object.keys(PATCH_COLUMNS) as PatchKey[];

/** What the grid may filter on (the API's EntryFilter, repeated here so db does not import api). */
export interface EntryQueryFilter {
  systemId?: number | undefined;
  resourceId?: number | undefined;
  kind?: EntryKind | undefined;
  levels?: readonly (Level | '')[] | undefined;
  states?: readonly (LevelState | '')[] | undefined;
  categoryCode?: string | undefined;
  personalInfo?: 'pi' | 'sensitive' | undefined;
  lowering?: boolean | undefined;
  withFindings?: boolean | undefined;
  returned?: boolean | undefined;
  search?: string | undefined;
  deleted?: boolean | undefined;
}
export type EntrySortKey = 'dataId' | 'resourceName' | 'itemName' | 'level' | 'updatedAt';

export type NewEntry = Omit<EntryRecord, 'systemName' | 'levelRank' | 'suggestedRank' | 'findingCount' | 'deleted' | 'deletedAt'>;

export interface LevelHistoryRow {
  entryId: number;
  at: string;
  actor: string;
  from: string;
  to: string;
  source: LevelSource;
  state: LevelState | '';
  reason: string;
}

export interface RecognizerHitRow {
  entryId: number;
  recognizerId: string;
  basis: 'name' | 'sample';
  matched: number;
  total: number;
  at: string;
}

/** A resource whose roll-up may have to change: what SQL found, for the service to decide. */
export interface RollupCandidate {
  id: number;
  dataId: string;
  level: Level | '';
  levelRank: number;
  levelSource: LevelSource | '';
  levelState: LevelState | '';
  suggestedLevel: Level | '';
  suggestedRank: number;
  ownRank: number;
  /** Highest level_rank of its live items (0 when none). */
  itemRank: number;
}

/** The grading inputs of an entry (for regrading everything without reading whole rows). */
export type GradingRow = Pick<
  EntryRecord,
  | 'id' | 'kind' | 'resourceId' | 'dataId' | 'industry' | 'category1' | 'category2' | 'category3' | 'category4' | 'categoryCode'
  | 'impactObjects' | 'impactDegree' | 'isPersonalInfo' | 'isSensitivePersonalInfo' | 'personCount' | 'recordCount'
  | 'level' | 'levelSource' | 'levelState' | 'rationale' | 'suggestedLevel' | 'ownRank' | 'schemeId' | 'schemeVersion'
>;

interface RawEntry {
  id: number;
  kind: EntryKind;
  system_id: number;
  resource_id: number;
  data_id: string;
  resource_name: string;
  item_name: string;
  item_code: string;
  description: string;
  industry: string;
  category1: string;
  category2: string;
  category3: string;
  category4: string;
  category_code: string;
  scheme_id: string;
  scheme_version: number | null;
  processing_degree: string;
  impact_objects: string;
  impact_degree: string;
  suggested_level: string;
  suggested_rank: number;
  own_suggested_rank: number;
  level: string;
  level_source: string;
  level_state: string;
  level_rank: number;
  rationale: string;
  is_pi: string;
  is_sensitive_pi: string;
  record_count: number | null;
  person_count: number | null;
  data_source: string;
  storage_location: string;
  sharing: string;
  openness: string;
  update_frequency: string;
  owner_department: string;
  owner_person: string;
  reviewed_at: string;
  finding_count: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

const LEVEL_BY_RANK: readonly (Level | '')[] = ['', ...[...LEVELS_43697].reverse()];
/** 0 → '', 1 → 一般数据1级 … 6 → 核心数据. */
export function levelOfRank(rank: number): Level | '' {
  return LEVEL_BY_RANK[rank] ?? '';
}

function toRecord(r: RawEntry, systemName: string): EntryRecord {
  return {
    id: r.id,
    kind: r.kind,
    systemId: r.system_id,
    resourceId: r.resource_id,
    dataId: r.data_id,
    systemName,
    resourceName: r.resource_name,
    itemName: r.item_name,
    itemCode: r.item_code,
    description: r.description,
    industry: r.industry,
    category1: r.category1,
    category2: r.category2,
    category3: r.category3,
    category4: r.category4,
    categoryCode: r.category_code,
    processingDegree: r.processing_degree,
    impactObjects: r.impact_objects,
    impactDegree: r.impact_degree,
    level: r.level as Level | '',
    rationale: r.rationale,
    isPersonalInfo: r.is_pi as EntryRecord['isPersonalInfo'],
    isSensitivePersonalInfo: r.is_sensitive_pi as EntryRecord['isSensitivePersonalInfo'],
    recordCount: r.record_count,
    personCount: r.person_count,
    dataSource: r.data_source,
    storageLocation: r.storage_location,
    sharing: r.sharing,
    openness: r.openness,
    updateFrequency: r.update_frequency,
    ownerDepartment: r.owner_department,
    ownerPerson: r.owner_person,
    reviewedAt: r.reviewed_at,
    suggestedLevel: r.suggested_level as Level | '',
    levelSource: r.level_source as LevelSource | '',
    levelState: r.level_state as LevelState | '',
    schemeId: r.scheme_id,
    schemeVersion: r.scheme_version,
    deleted: r.deleted_at !== null,
    updatedAt: r.updated_at,
    levelRank: r.level_rank,
    suggestedRank: r.suggested_rank,
    ownRank: r.own_suggested_rank,
    findingCount: r.finding_count,
    createdAt: r.created_at,
    deletedAt: r.deleted_at,
  };
}

const SORT_SQL: Record<EntrySortKey, string> = {
  dataId: 'e.data_id',
  resourceName: 'e.resource_name',
  itemName: 'e.item_name',
  level: 'e.level_rank',
  updatedAt: 'e.updated_at',
};

/** A search string as FTS5 sees it: one phrase, quotes doubled, so nothing in it is syntax. */
export function ftsPhrase(q: string): string {
  return `"${q.replace(/"/g, '""')}"`;
}

/** Upper bound of the terms that start with a prefix (U+10FFFF sorts after every character). */
const PREFIX_END = '\u{10ffff}';

/**
 * FROM, WHERE and parameters of a filter (alias e for entry). A search gives a list of ids; it is
 * then checked against the other conditions in entry_grid, which holds every filter column by id.
 */
export function filterSql(f: EntryQueryFilter): { from: string; where: string; params: unknown[] } {
  const w: string[] = [f.deleted ? 'e.deleted_at IS NOT NULL' : 'e.deleted_at IS NULL'];
  const p: unknown[] = [];
  if (f.systemId !== undefined) {
    w.push('e.system_id = ?');
    p.push(f.systemId);
  }
  if (f.resourceId !== undefined) {
    w.push('e.resource_id = ?');
    p.push(f.resourceId);
  }
  if (f.kind) {
    w.push('e.kind = ?');
    p.push(f.kind);
  }
  if (f.levels && f.levels.length > 0) {
    const ranks = [...new Set(f.levels.map((l) => levelRank(l)))];
    w.push(ranks.length === 1 ? 'e.level_rank = ?' : `e.level_rank IN (${ranks.map(() => '?').join(', ')})`);
    p.push(...ranks);
  }
  if (f.states && f.states.length > 0) {
    const states = [...new Set(f.states)];
    w.push(states.length === 1 ? 'e.level_state = ?' : `e.level_state IN (${states.map(() => '?').join(', ')})`);
    p.push(...states);
  }
  const code = f.categoryCode !== undefined ? normalizeText(f.categoryCode) : '';
  if (code) {
    // A prefix by segments, as one range: '2.01' matches 2.01 and 2.01.x but not 2.010, since
    // codes are letters and digits joined by '.', and '/' is the character after '.'.
    w.push('e.category_code >= ? AND e.category_code < ?');
    p.push(code, `${code}/`);
  }
  // These terms are written exactly as the partial indexes' WHERE, so the planner can use them.
  if (f.personalInfo === 'pi') w.push(`e.is_pi = '是'`);
  else if (f.personalInfo === 'sensitive') w.push(`e.is_sensitive_pi = '是'`);
  if (f.lowering) w.push('e.level_rank > 0 AND e.level_rank < e.suggested_rank');
  if (f.withFindings) w.push('e.finding_count > 0');
  const q = f.search !== undefined ? normalizeText(f.search) : '';
  // Returned by the bureau: the latest receipt naming the entry says 'return' (as receipt.entryStatuses).
  // The receipt rows are read once through unit_receipt_entry_data; the entries then by
  // entry_data_id, except with a search, whose ids come first ('+' keeps the planner from
  // probing entry_grid for every pair of a search hit and a returned data_id).
  if (f.returned)
    w.push(`${q ? '+' : ''}e.data_id IN (SELECT x.data_id FROM unit_receipt_entry x WHERE x.decision = 'return'
      AND x.receipt_id = (SELECT max(y.receipt_id) FROM unit_receipt_entry y WHERE y.data_id = x.data_id))`);
  if (q) {
    if ([...q].length >= 3) {
      // Any substring of three characters or more, Chinese included, as one phrase of trigrams.
      w.push('e.id IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?)');
      p.push(ftsPhrase(q));
    } else {
      // One or two characters: the trigrams that start with them (values are padded at the end).
      const lq = q.toLowerCase();
      w.push('e.id IN (SELECT doc FROM entry_fts_terms WHERE term >= ? AND term < ?)');
      p.push(lq, lq + PREFIX_END);
    }
  }
  const from = q && !f.deleted ? 'entry e INDEXED BY entry_grid' : 'entry e';
  return { from, where: w.join(' AND '), params: p };
}

const INSERT_COLUMNS = [
  'id', 'kind', 'system_id', 'resource_id', 'data_id', 'resource_name', 'item_name', 'item_code', 'description', 'industry',
  'category1', 'category2', 'category3', 'category4', 'category_code', 'scheme_id', 'scheme_version', 'processing_degree',
  'impact_objects', 'impact_degree', 'suggested_level', 'suggested_rank', 'own_suggested_rank', 'level', 'level_source',
  'level_state', 'level_rank', 'rationale', 'is_pi', 'is_sensitive_pi', 'record_count', 'person_count', 'data_source',
  'storage_location', 'sharing', 'openness', 'update_frequency', 'owner_department', 'owner_person', 'reviewed_at',
  'created_at', 'updated_at',
] as const;

function insertParams(e: NewEntry): unknown[] {
  return [
    e.id, e.kind, e.systemId, e.resourceId, e.dataId, e.resourceName, e.itemName, e.itemCode, e.description, e.industry,
    e.category1, e.category2, e.category3, e.category4, e.categoryCode, e.schemeId, e.schemeVersion, e.processingDegree,
    e.impactObjects, e.impactDegree, e.suggestedLevel, levelRank(e.suggestedLevel), e.ownRank, e.level, e.levelSource,
    e.levelState, levelRank(e.level), e.rationale, e.isPersonalInfo, e.isSensitivePersonalInfo, e.recordCount, e.personCount,
    e.dataSource, e.storageLocation, e.sharing, e.openness, e.updateFrequency, e.ownerDepartment, e.ownerPerson, e.reviewedAt,
    e.createdAt, e.updatedAt,
  ];
}

const GRADING_COLUMNS = `id, kind, resource_id, data_id, industry, category1, category2, category3, category4, category_code,
  impact_objects, impact_degree, is_pi, is_sensitive_pi, person_count, record_count, level, level_source, level_state,
  rationale, suggested_level, own_suggested_rank, scheme_id, scheme_version`;

type RawGrading = Pick<
  RawEntry,
  | 'id' | 'kind' | 'resource_id' | 'data_id' | 'industry' | 'category1' | 'category2' | 'category3' | 'category4' | 'category_code'
  | 'impact_objects' | 'impact_degree' | 'is_pi' | 'is_sensitive_pi' | 'person_count' | 'record_count' | 'level' | 'level_source'
  | 'level_state' | 'rationale' | 'suggested_level' | 'own_suggested_rank' | 'scheme_id' | 'scheme_version'
>;

function toGrading(r: RawGrading): GradingRow {
  return {
    id: r.id,
    kind: r.kind,
    resourceId: r.resource_id,
    dataId: r.data_id,
    industry: r.industry,
    category1: r.category1,
    category2: r.category2,
    category3: r.category3,
    category4: r.category4,
    categoryCode: r.category_code,
    impactObjects: r.impact_objects,
    impactDegree: r.impact_degree,
    isPersonalInfo: r.is_pi as EntryRecord['isPersonalInfo'],
    isSensitivePersonalInfo: r.is_sensitive_pi as EntryRecord['isSensitivePersonalInfo'],
    personCount: r.person_count,
    recordCount: r.record_count,
    level: r.level as Level | '',
    levelSource: r.level_source as LevelSource | '',
    levelState: r.level_state as LevelState | '',
    rationale: r.rationale,
    suggestedLevel: r.suggested_level as Level | '',
    ownRank: r.own_suggested_rank,
    schemeId: r.scheme_id,
    schemeVersion: r.scheme_version,
  };
}

interface RawCandidate {
  id: number;
  data_id: string;
  level: string;
  level_rank: number;
  level_source: string;
  level_state: string;
  suggested_level: string;
  suggested_rank: number;
  own_suggested_rank: number;
  item_rank: number;
}

const toCandidate = (r: RawCandidate): RollupCandidate => ({
  id: r.id,
  dataId: r.data_id,
  level: r.level as Level | '',
  levelRank: r.level_rank,
  levelSource: r.level_source as LevelSource | '',
  levelState: r.level_state as LevelState | '',
  suggestedLevel: r.suggested_level as Level | '',
  suggestedRank: r.suggested_rank,
  ownRank: r.own_suggested_rank,
  itemRank: r.item_rank,
});

/**
 * A resource must change when its suggestion (max of its own rank and its items') moved, when
 * its level is below its items' highest level, or when its level follows the suggestion (set by
 * the rules, not by the officer) and differs from it.
 */
const ROLLUP_NEEDED = `(
    max(r.own_suggested_rank, coalesce(m.item_rank, 0)) != r.suggested_rank
    OR r.level_rank < coalesce(m.item_rank, 0)
    OR (r.level_state != 'confirmed' AND r.level_source NOT IN ('manual', 'import')
        AND r.level_rank != max(r.own_suggested_rank, coalesce(m.item_rank, 0))))`;
const CANDIDATE_COLUMNS = `r.id, r.data_id, r.level, r.level_rank, r.level_source, r.level_state, r.suggested_level,
  r.suggested_rank, r.own_suggested_rank, coalesce(m.item_rank, 0) AS item_rank`;

/** The largest page cache withLargeCache sets: 1 GiB. */
const LARGE_CACHE_MAX_KIB = 1 << 20;

export function createInventoryRepo(db: Db) {
  const cache = new Map<string, Statement>();
  const stmt = (sql: string): Statement => {
    let s = cache.get(sql);
    if (!s) {
      if (cache.size > 500) cache.clear();
      s = db.prepare(sql);
      cache.set(sql, s);
    }
    return s;
  };

  // systems
  const systemsAll = db.prepare<[], { id: number; name: string; mlps_level: string }>('SELECT id, name, mlps_level FROM system WHERE deleted_at IS NULL ORDER BY id');
  const systemOne = db.prepare<[number], { id: number; name: string; mlps_level: string }>('SELECT id, name, mlps_level FROM system WHERE id = ? AND deleted_at IS NULL');
  const systemByName = db.prepare<[string], { id: number }>('SELECT id FROM system WHERE name = ? AND deleted_at IS NULL');
  const systemInsert = db.prepare('INSERT INTO system (name, mlps_level, created_at) VALUES (?, ?, ?)');
  const systemUpdate = db.prepare('UPDATE system SET name = ?, mlps_level = ? WHERE id = ?');
  const systemCounts = db.prepare<[number], { resources: number; items: number }>(
    `SELECT coalesce(sum(kind = 'resource'), 0) AS resources, coalesce(sum(kind = 'item'), 0) AS items
       FROM entry WHERE system_id = ? AND deleted_at IS NULL`,
  );

  // entries
  const entryOne = db.prepare<[number], RawEntry>('SELECT * FROM entry WHERE id = ?');
  const entryMany = db.prepare<[string], RawEntry>('SELECT * FROM entry WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id');
  const itemNamesIn = db
    .prepare<[string], [number, string, string, string]>(
      "SELECT id, item_name, item_code, description FROM entry WHERE id IN (SELECT value FROM json_each(?)) AND kind = 'item' AND deleted_at IS NULL ORDER BY id",
    )
    .raw(true);
  const byDataId = db.prepare<[string], { id: number }>('SELECT id FROM entry WHERE data_id = ? AND deleted_at IS NULL');
  const liveDataIdsIn = db.prepare<[string], { id: number; data_id: string }>(
    'SELECT id, data_id FROM entry WHERE deleted_at IS NULL AND data_id IN (SELECT value FROM json_each(?))',
  );
  const maxId = db.prepare<[], { n: number }>('SELECT coalesce(max(id), 0) AS n FROM entry');
  const insert = db.prepare(`INSERT INTO entry (${INSERT_COLUMNS.join(', ')}) VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')})`);
  const itemsOfDeletedWith = db.prepare<[number, string], { id: number }>(
    `SELECT id FROM entry WHERE resource_id = ? AND kind = 'item' AND deleted_at = ? ORDER BY id`,
  );
  const allItemsOf = db.prepare<[number, number], { id: number }>(
    `SELECT id FROM entry WHERE resource_id = ? AND kind = 'item' AND deleted_at IS NULL
     UNION ALL SELECT id FROM entry WHERE deleted_at IS NOT NULL AND resource_id = ? AND kind = 'item'`,
  );
  const liveItemsOf = db.prepare<[string], { id: number }>(
    `SELECT id FROM entry WHERE deleted_at IS NULL AND kind = 'item' AND resource_id IN (SELECT value FROM json_each(?)) ORDER BY id`,
  );
  const topItem = db.prepare<[number], { id: number; data_id: string; level: string }>(
    `SELECT id, data_id, level FROM entry WHERE resource_id = ? AND kind = 'item' AND deleted_at IS NULL AND level_rank > 0
      ORDER BY level_rank DESC, data_id LIMIT 1`,
  );
  const maxItemRanks = db.prepare<[string, string], { resource_id: number; item_rank: number }>(
    `SELECT resource_id, max(level_rank) AS item_rank FROM entry
      WHERE deleted_at IS NULL AND kind = 'item' AND resource_id IN (SELECT value FROM json_each(?))
        AND id NOT IN (SELECT value FROM json_each(?))
      GROUP BY resource_id`,
  );
  const gradingAll = db.prepare<[], RawGrading>(`SELECT ${GRADING_COLUMNS} FROM entry WHERE deleted_at IS NULL ORDER BY id`);
  const gradingIn = db.prepare<[string], RawGrading>(`SELECT ${GRADING_COLUMNS} FROM entry WHERE deleted_at IS NULL AND id IN (SELECT value FROM json_each(?)) ORDER BY id`);
  const rollupAll = db.prepare<[], RawCandidate>(
    `SELECT ${CANDIDATE_COLUMNS}
       FROM entry r
       LEFT JOIN (SELECT resource_id, max(level_rank) AS item_rank FROM entry
                   WHERE deleted_at IS NULL AND kind = 'item' GROUP BY resource_id) m ON m.resource_id = r.id
      WHERE r.kind = 'resource' AND r.deleted_at IS NULL AND ${ROLLUP_NEEDED}`,
  );
  const rollupSome = db.prepare<[{ ids: string }], RawCandidate>(
    `SELECT ${CANDIDATE_COLUMNS}
       FROM entry r
       LEFT JOIN (SELECT i.resource_id, max(i.level_rank) AS item_rank FROM entry i
                   WHERE i.deleted_at IS NULL AND i.kind = 'item' AND i.resource_id IN (SELECT value FROM json_each(@ids))
                   GROUP BY i.resource_id) m ON m.resource_id = r.id
      WHERE r.id IN (SELECT value FROM json_each(@ids)) AND r.kind = 'resource' AND r.deleted_at IS NULL AND ${ROLLUP_NEEDED}`,
  );
  const treeResources = db.prepare<[], { id: number; system_id: number; data_id: string; resource_name: string; level: string; item_count: number }>(
    `SELECT r.id, r.system_id, r.data_id, r.resource_name, r.level, coalesce(c.n, 0) AS item_count
       FROM entry r
       LEFT JOIN (SELECT resource_id, count(*) AS n FROM entry WHERE deleted_at IS NULL AND kind = 'item' GROUP BY resource_id) c
         ON c.resource_id = r.id
      WHERE r.kind = 'resource' AND r.deleted_at IS NULL
      ORDER BY r.system_id, r.data_id`,
  );

  // history, hits, findings
  const historyInsert = db.prepare(
    'INSERT INTO level_history (entry_id, at, actor, from_level, to_level, source, state, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const historyInsertMany = db.prepare<[string]>(
    `INSERT INTO level_history (entry_id, at, actor, from_level, to_level, source, state, reason)
     SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, j.value ->> 7
       FROM json_each(?) j ORDER BY j.key`,
  );
  const historyOf = db.prepare<[number, number], { at: string; actor: string; from_level: string; to_level: string; source: string; state: string; reason: string }>(
    'SELECT at, actor, from_level, to_level, source, state, reason FROM level_history WHERE entry_id = ? ORDER BY id DESC LIMIT ?',
  );
  type RawHit = { entry_id: number; recognizer_id: string; basis: 'name' | 'sample'; matched: number; total: number; at: string };
  const toHit = (h: RawHit): RecognizerHitRow => ({ entryId: h.entry_id, recognizerId: h.recognizer_id, basis: h.basis, matched: h.matched, total: h.total, at: h.at });
  const hitsOf = db.prepare<[number], RawHit>('SELECT * FROM recognizer_hit WHERE entry_id = ? ORDER BY recognizer_id, basis');
  const hitsIn = db.prepare<[string], RawHit>('SELECT * FROM recognizer_hit WHERE entry_id IN (SELECT value FROM json_each(?))');
  const hitsAll = db.prepare<[], RawHit>('SELECT * FROM recognizer_hit');
  const hitsDelete = db.prepare('DELETE FROM recognizer_hit WHERE entry_id = ?');
  const hitsInsert = db.prepare('INSERT INTO recognizer_hit (entry_id, recognizer_id, basis, matched, total, at) VALUES (?, ?, ?, ?, ?, ?)');
  const findingsReset = db.prepare('UPDATE entry SET finding_count = 0 WHERE finding_count != 0');
  const findingsSet = db.prepare('UPDATE entry SET finding_count = ? WHERE id = ? AND finding_count != ?');

  const systemNames = (): Map<number, string> => new Map(systemsAll.all().map((s) => [s.id, s.name]));
  const records = (rows: RawEntry[]): EntryRecord[] => {
    const names = systemNames();
    return rows.map((r) => toRecord(r, names.get(r.system_id) ?? ''));
  };

  const orderBy = (sort: EntrySortKey, desc: boolean) => {
    const dir = desc ? ' DESC' : '';
    return sort === 'dataId' ? `e.data_id${dir}, e.id${dir}` : `${SORT_SQL[sort]}${dir}, e.data_id${dir}, e.id${dir}`;
  };

  return {
    // ---- systems
    listSystems(): InventorySystem[] {
      const counts = new Map<number, { resources: number; items: number }>();
      for (const r of treeResources.all()) {
        const c = counts.get(r.system_id) ?? { resources: 0, items: 0 };
        c.resources++;
        c.items += r.item_count;
        counts.set(r.system_id, c);
      }
      return systemsAll.all().map((s) => ({ id: s.id, name: s.name, mlpsLevel: s.mlps_level, resourceCount: counts.get(s.id)?.resources ?? 0, itemCount: counts.get(s.id)?.items ?? 0 }));
    },
    getSystem(id: number): InventorySystem | undefined {
      const s = systemOne.get(id);
      if (!s) return undefined;
      const c = systemCounts.get(id)!;
      return { id: s.id, name: s.name, mlpsLevel: s.mlps_level, resourceCount: c.resources, itemCount: c.items };
    },
    systemIdByName(name: string): number | undefined {
      return systemByName.get(name)?.id;
    },
    insertSystem(name: string, mlpsLevel: string, at: string): number {
      return Number(systemInsert.run(name, mlpsLevel, at).lastInsertRowid);
    },
    updateSystem(id: number, name: string, mlpsLevel: string): void {
      systemUpdate.run(name, mlpsLevel, id);
    },

    /** Systems with their resources and item counts: two grouped queries. */
    tree(): (InventorySystem & { resources: { id: number; dataId: string; name: string; level: Level | ''; itemCount: number }[] })[] {
      const bySystem = new Map<number, { id: number; dataId: string; name: string; level: Level | ''; itemCount: number }[]>();
      for (const r of treeResources.all()) {
        let list = bySystem.get(r.system_id);
        if (!list) bySystem.set(r.system_id, (list = []));
        list.push({ id: r.id, dataId: r.data_id, name: r.resource_name, level: r.level as Level | '', itemCount: r.item_count });
      }
      return systemsAll.all().map((s) => {
        const resources = bySystem.get(s.id) ?? [];
        return { id: s.id, name: s.name, mlpsLevel: s.mlps_level, resourceCount: resources.length, itemCount: resources.reduce((n, r) => n + r.itemCount, 0), resources };
      });
    },

    // ---- entries
    get(id: number): EntryRecord | undefined {
      const r = entryOne.get(id);
      return r && records([r])[0];
    },
    getMany(ids: readonly number[]): EntryRecord[] {
      if (ids.length === 0) return [];
      return records(entryMany.all(JSON.stringify(ids)));
    },
    /** The field names of the live items among `ids`, in id order: [id, item_name, item_code, description] (what the name recognisers read). */
    itemFieldNames(ids: readonly number[]): [number, string, string, string][] {
      if (ids.length === 0) return [];
      return itemNamesIn.all(JSON.stringify(ids));
    },
    /** The live entry holding a 数据编号, if any. */
    idOfDataId(dataId: string): number | undefined {
      return byDataId.get(dataId)?.id;
    },
    liveDataIds(dataIds: readonly string[]): { id: number; dataId: string }[] {
      if (dataIds.length === 0) return [];
      return liveDataIdsIn.all(JSON.stringify(dataIds)).map((r) => ({ id: r.id, dataId: r.data_id }));
    },
    nextId(): number {
      return maxId.get()!.n + 1;
    },
    insert(e: NewEntry): void {
      insert.run(...insertParams(e));
    },
    /** Change some columns of one entry (level_rank and suggested_rank follow level and suggestedLevel). */
    patch(id: number, p: EntryPatch, updatedAt: string): void {
      const keys = (Object.keys(p) as PatchKey[]).filter((k) => p[k] !== undefined).sort();
      if (keys.length === 0) return;
      const sets = keys.map((k) => `${PATCH_COLUMNS[k]} = ?`);
      const values: unknown[] = keys.map((k) => p[k]);
      if (p.level !== undefined) {
        sets.push('level_rank = ?');
        values.push(levelRank(p.level));
      }
      if (p.suggestedLevel !== undefined) {
        sets.push('suggested_rank = ?');
        values.push(levelRank(p.suggestedLevel));
      }
      sets.push('updated_at = ?');
      values.push(updatedAt, id);
      stmt(`UPDATE entry SET ${sets.join(', ')} WHERE id = ?`).run(...values);
    },
    /**
     * Many entries' patches in one statement per set of changed columns, the rows passed as one
     * JSON array (UPDATE … FROM json_each): a regrade, or its undo, writes tens of thousands of
     * rows, and a statement per row costs a third more than the rows' own index work. Each id
     * at most once (merge patches of the same entry first).
     */
    patchMany(rows: readonly { id: number; patch: EntryPatch }[], updatedAt: string): void {
      const groups = new Map<string, { keys: PatchKey[]; rows: unknown[][] }>();
      for (const { id, patch } of rows) {
        const keys = (Object.keys(patch) as PatchKey[]).filter((k) => patch[k] !== undefined).sort();
        if (keys.length === 0) continue;
        const sig = keys.join(',');
        let g = groups.get(sig);
        if (!g) groups.set(sig, (g = { keys, rows: [] }));
        const r: unknown[] = [id];
        for (const k of keys) r.push(patch[k]);
        if (patch.level !== undefined) r.push(levelRank(patch.level));
        if (patch.suggestedLevel !== undefined) r.push(levelRank(patch.suggestedLevel));
        g.rows.push(r);
      }
      for (const { keys, rows: values } of groups.values()) {
        const sets = keys.map((k, i) => `${PATCH_COLUMNS[k]} = j.value ->> ${i + 1}`);
        let n = keys.length;
        if (keys.includes('level')) sets.push(`level_rank = j.value ->> ${++n}`);
        if (keys.includes('suggestedLevel')) sets.push(`suggested_rank = j.value ->> ${++n}`);
        sets.push('updated_at = ?');
        stmt(`UPDATE entry SET ${sets.join(', ')} FROM json_each(?) j WHERE entry.id = j.value ->> 0`).run(updatedAt, JSON.stringify(values));
      }
    },
    /**
     * Run `fn` (a transaction that rewrites much of the inventory) with a page cache as large as
     * the file (at most 1 GiB), then give the memory back. With the usual 64 MiB, a regrade of
     * 60,000 entries at 200,000 items spills dirty pages to the WAL mid-way and decrypts the
     * pages it read again when it writes them. Nested calls keep the outer size.
     */
    withLargeCache<T>(fn: () => T): T {
      const before = db.pragma('cache_size', { simple: true }) as number;
      const pageSize = db.pragma('page_size', { simple: true }) as number;
      const fileKib = ((db.pragma('page_count', { simple: true }) as number) * pageSize) / 1024;
      const currentKib = before < 0 ? -before : (before * pageSize) / 1024;
      const wantKib = Math.min(LARGE_CACHE_MAX_KIB, Math.ceil(fileKib * 1.1));
      if (wantKib <= currentKib) return fn();
      db.pragma(`cache_size = -${wantKib}`);
      try {
        return fn();
      } finally {
        db.pragma(`cache_size = ${before}`);
      }
    },
    itemsDeletedWith(resourceId: number, deletedAt: string): number[] {
      return itemsOfDeletedWith.all(resourceId, deletedAt).map((r) => r.id);
    },
    /** Every item of a resource, live and deleted (a rename of the resource reaches them all). */
    allItemsOf(resourceId: number): number[] {
      return allItemsOf.all(resourceId, resourceId).map((r) => r.id);
    },
    liveItemsOf(resourceIds: readonly number[]): number[] {
      if (resourceIds.length === 0) return [];
      return liveItemsOf.all(JSON.stringify(resourceIds)).map((r) => r.id);
    },
    topItem(resourceId: number): { id: number; dataId: string; level: Level } | undefined {
      const r = topItem.get(resourceId);
      return r && { id: r.id, dataId: r.data_id, level: r.level as Level };
    },
    /** Highest item rank per resource, leaving out the given item ids. */
    maxItemRanks(resourceIds: readonly number[], exceptIds: readonly number[] = []): Map<number, number> {
      if (resourceIds.length === 0) return new Map();
      return new Map(maxItemRanks.all(JSON.stringify(resourceIds), JSON.stringify(exceptIds)).map((r) => [r.resource_id, r.item_rank]));
    },

    // ---- the grid
    count(f: EntryQueryFilter): number {
      const { from, where, params } = filterSql(f);
      return (stmt(`SELECT count(*) AS n FROM ${from} WHERE ${where}`).get(...params) as { n: number }).n;
    },
    /** One window of the grid: the ids from the narrow indexes first, then the 100 wide rows. */
    page(f: EntryQueryFilter, sort: EntrySortKey, desc: boolean, offset: number, limit: number): EntryRecord[] {
      const { from, where, params } = filterSql(f);
      const order = orderBy(sort, desc);
      const rows = stmt(
        `SELECT e.* FROM entry e JOIN (SELECT e.id AS id FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?) p ON p.id = e.id ORDER BY ${order}`,
      ).all(...params, limit, offset) as RawEntry[];
      return records(rows);
    },
    /**
     * A window and the total in one pass (count(*) OVER the whole result): for a search, whose
     * ids come from entry_fts, this reads them once instead of twice.
     */
    pageWithTotal(f: EntryQueryFilter, sort: EntrySortKey, desc: boolean, offset: number, limit: number): { total: number; rows: EntryRecord[] } {
      const { from, where, params } = filterSql(f);
      const order = orderBy(sort, desc);
      const rows = stmt(
        `SELECT e.*, p.total AS total FROM entry e
           JOIN (SELECT e.id AS id, count(*) OVER () AS total FROM ${from} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?) p ON p.id = e.id
          ORDER BY ${order}`,
      ).all(...params, limit, offset) as (RawEntry & { total: number })[];
      if (rows.length === 0 && offset > 0) return { total: this.count(f), rows: [] };
      return { total: rows[0]?.total ?? 0, rows: records(rows) };
    },
    /** Every id matching a filter, for a bulk action on "all that match". */
    ids(f: EntryQueryFilter): number[] {
      const { from, where, params } = filterSql(f);
      return stmt(`SELECT e.id FROM ${from} WHERE ${where} ORDER BY e.id`).pluck().all(...params) as number[];
    },
    /** Explain a filter's plan (for tests and benchmarks). */
    plan(f: EntryQueryFilter, sort: EntrySortKey = 'dataId', desc = false): string[] {
      const { from, where, params } = filterSql(f);
      return (db.prepare(`EXPLAIN QUERY PLAN SELECT e.id FROM ${from} WHERE ${where} ORDER BY ${orderBy(sort, desc)} LIMIT 100`).all(...params) as { detail: string }[]).map((r) => r.detail);
    },

    // ---- grading and roll-up
    /**
     * Every live entry's grading inputs, one at a time (nothing may be written until it returns:
     * the connection is busy reading).
     */
    eachGradingRow(fn: (row: GradingRow) => void, ids?: readonly number[]): void {
      for (const r of ids === undefined ? gradingAll.iterate() : gradingIn.iterate(JSON.stringify(ids))) fn(toGrading(r));
    },
    /** Resources whose roll-up must change: all of them, or among the given ids. */
    rollupCandidates(resourceIds?: readonly number[]): RollupCandidate[] {
      if (resourceIds === undefined) return rollupAll.all().map(toCandidate);
      if (resourceIds.length === 0) return [];
      return rollupSome.all({ ids: JSON.stringify(resourceIds) }).map(toCandidate);
    },

    // ---- history, recogniser hits, findings
    addHistory(h: LevelHistoryRow): void {
      historyInsert.run(h.entryId, h.at, h.actor, h.from, h.to, h.source, h.state, h.reason);
    },
    /** Level history rows in one statement, in the order given (their ids follow it). */
    addHistoryMany(rows: readonly LevelHistoryRow[]): void {
      if (rows.length === 0) return;
      historyInsertMany.run(JSON.stringify(rows.map((h) => [h.entryId, h.at, h.actor, h.from, h.to, h.source, h.state, h.reason])));
    },
    /** Newest first. */
    history(entryId: number, limit = 200): { at: string; actor: string; from: string; to: string; source: LevelSource; state: LevelState; reason: string }[] {
      return historyOf.all(entryId, limit).map((r) => ({ at: r.at, actor: r.actor, from: r.from_level, to: r.to_level, source: r.source as LevelSource, state: r.state as LevelState, reason: r.reason }));
    },
    /** Replace the recogniser hits of an entry (written by the recogniser engine). */
    replaceHits(entryId: number, hits: readonly Omit<RecognizerHitRow, 'entryId'>[]): void {
      hitsDelete.run(entryId);
      for (const h of hits) hitsInsert.run(entryId, h.recognizerId, h.basis, h.matched, h.total, h.at);
    },
    hits(entryId: number): RecognizerHitRow[] {
      return hitsOf.all(entryId).map(toHit);
    },
    /** Hits by entry, for some entries or all. */
    hitsByEntry(entryIds?: readonly number[]): Map<number, RecognizerHitRow[]> {
      const rows = entryIds === undefined ? hitsAll.all() : entryIds.length === 0 ? [] : hitsIn.all(JSON.stringify(entryIds));
      const out = new Map<number, RecognizerHitRow[]>();
      for (const r of rows) {
        const list = out.get(r.entry_id);
        if (list) list.push(toHit(r));
        else out.set(r.entry_id, [toHit(r)]);
      }
      return out;
    },
    /**
     * Quality-finding counts (written by the quality engine). With `replaceAll`, entries not
     * listed go back to 0. Not an edit: updated_at does not change.
     */
    setFindingCounts(counts: Iterable<readonly [number, number]>, opts: { replaceAll?: boolean } = {}): void {
      if (opts.replaceAll) findingsReset.run();
      for (const [id, n] of counts) findingsSet.run(n, id, n);
    },
  };
}

export type InventoryRepo = ReturnType<typeof createInventoryRepo>;
