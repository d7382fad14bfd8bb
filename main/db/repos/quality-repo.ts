/**
 * What the quality check reads: the live sheet-2 rows as the domain's Entry (with the stored
 * finding count, so only the counts that change are written back), all of them or only those
 * written since the last read (entry_dirty, kept by triggers: migration 005), and the systems.
 *
 * The rows are kept in memory by the quality service between checks, so the columns that repeat
 * (categories, code-list values, owners, dates…) are interned as they are read: one string per
 * distinct value instead of one per row, which roughly halves what 200,000 rows hold.
 * item_code, industry, level_source, scheme_version and updated_at are not read (no quality rule
 * looks at them): they are blank in what is returned.
 */
import type { Db } from '../connection';
import type { Level } from '../../domain/code-lists';
import type { Entry, EntryKind, LevelState } from '../../domain/inventory';

export type CheckedEntry = Entry & { findingCount: number };

const COLUMNS = [
  'id', 'kind', 'system_id', 'resource_id', 'data_id', 'resource_name', 'item_name', 'description', 'category1', 'category2',
  'category3', 'category4', 'category_code', 'processing_degree', 'impact_objects', 'impact_degree', 'level', 'rationale', 'is_pi',
  'is_sensitive_pi', 'record_count', 'person_count', 'data_source', 'storage_location', 'sharing', 'openness', 'update_frequency',
  'owner_department', 'owner_person', 'reviewed_at', 'suggested_level', 'level_state', 'scheme_id', 'finding_count', 'deleted_at',
] as const;

/** One table of distinct values per read: a repeated value is the same string. */
class Interner {
  private readonly maps: Map<string, string>[] = [];
  of(col: number, v: string): string {
    let m = this.maps[col];
    if (!m) this.maps[col] = m = new Map();
    const got = m.get(v);
    if (got !== undefined) return got;
    m.set(v, v);
    return v;
  }
}

function toEntry(r: unknown[], t: Interner): CheckedEntry {
  const s = (i: number) => t.of(i, r[i] as string);
  return {
    id: r[0] as number,
    kind: s(1) as EntryKind,
    systemId: r[2] as number,
    systemName: '',
    resourceId: r[3] as number,
    dataId: r[4] as string,
    resourceName: s(5),
    itemName: s(6),
    itemCode: '',
    description: r[7] as string,
    industry: '',
    category1: s(8),
    category2: s(9),
    category3: s(10),
    category4: s(11),
    categoryCode: s(12),
    processingDegree: s(13),
    impactObjects: s(14),
    impactDegree: s(15),
    level: s(16) as Level | '',
    rationale: s(17),
    isPersonalInfo: s(18) as Entry['isPersonalInfo'],
    isSensitivePersonalInfo: s(19) as Entry['isSensitivePersonalInfo'],
    recordCount: r[20] as number | null,
    personCount: r[21] as number | null,
    dataSource: s(22),
    storageLocation: s(23),
    sharing: s(24),
    openness: s(25),
    updateFrequency: s(26),
    ownerDepartment: s(27),
    ownerPerson: s(28),
    reviewedAt: s(29),
    suggestedLevel: s(30) as Level | '',
    levelSource: '',
    levelState: s(31) as LevelState | '',
    schemeId: s(32),
    schemeVersion: null,
    updatedAt: '',
    findingCount: r[33] as number,
    deleted: r[34] !== null,
  };
}

export function createQualityRepo(db: Db) {
  const systems = db.prepare<[], [number, string, string]>('SELECT id, name, mlps_level FROM system WHERE deleted_at IS NULL ORDER BY id').raw(true);
  const live = db.prepare<[], unknown[]>(`SELECT ${COLUMNS.join(', ')} FROM entry WHERE deleted_at IS NULL ORDER BY id`).raw(true);
  const someRows = db.prepare<[string], unknown[]>(`SELECT ${COLUMNS.join(', ')} FROM entry WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`).raw(true);
  const dirtyCount = db.prepare<[], number>('SELECT count(*) FROM entry_dirty').pluck();
  const dirtyIds = db.prepare<[], number>('SELECT entry_id FROM entry_dirty ORDER BY entry_id').pluck();
  const dirtyClear = db.prepare('DELETE FROM entry_dirty');
  const clearDeleted = db.prepare('UPDATE entry SET finding_count = 0 WHERE deleted_at IS NOT NULL AND finding_count != 0');

  return {
    /** Live systems: id, name and 等保 level. */
    systems(): { id: number; name: string; mlpsLevel: string }[] {
      return systems.all().map(([id, name, mlpsLevel]) => ({ id, name, mlpsLevel }));
    },
    /** Every live entry, in id order, and the list of written rows emptied (the caller now has them all). */
    liveEntries(): CheckedEntry[] {
      const t = new Interner();
      const out: CheckedEntry[] = [];
      for (const r of live.iterate() as IterableIterator<unknown[]>) out.push(toEntry(r, t));
      dirtyClear.run();
      return out;
    },
    /** How many entries were written since the list was last emptied. */
    writtenCount(): number {
      return dirtyCount.get()!;
    },
    /**
     * The entries written since the list was last emptied, and the list emptied: `rows` has each
     * one that still exists (deleted ones with deleted = true), `ids` every id that was written.
     */
    writtenEntries(): { ids: number[]; rows: CheckedEntry[] } {
      const ids = dirtyIds.all();
      const t = new Interner();
      const rows: CheckedEntry[] = [];
      for (let i = 0; i < ids.length; i += 50_000)
        for (const r of someRows.iterate(JSON.stringify(ids.slice(i, i + 50_000))) as IterableIterator<unknown[]>) rows.push(toEntry(r, t));
      dirtyClear.run();
      return { ids, rows };
    },
    /** Deleted entries are not checked: their finding counts go back to 0. */
    clearDeletedFindingCounts(): void {
      clearDeleted.run();
    },
  };
}

export type QualityRepo = ReturnType<typeof createQualityRepo>;
