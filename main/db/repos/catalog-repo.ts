/**
 * The important-data catalog (sheet 3) and the identification answers, one catalog_entry row per
 * resource: `listed` rows are the catalog; a row with listed = 0 only keeps the questionnaire
 * answers of a resource that has no catalog row (migration 005). The catalog fields are JSON
 * (the service checks them); 数据编号 is always the resource's own, read from entry.
 */
import type { Db } from '../connection';
import type { CatalogFields } from '../../domain/inventory';
import type { Answer } from '../../domain/identification';

export interface CatalogRow {
  resourceId: number;
  /** The resource's 数据编号 ('' when the resource row no longer exists). */
  dataId: string;
  /** Whether the resource has a live (not deleted) resource row in the inventory. */
  resourceLive: boolean;
  fields: Partial<CatalogFields>;
  answers: Record<string, Answer>;
  listed: boolean;
  updatedAt: string;
}

interface Raw {
  resource_id: number;
  fields_json: string;
  answers_json: string;
  listed: number;
  updated_at: string;
  data_id: string | null;
  live: number | null;
}

function parseObject<T>(json: string): T {
  try {
    const v = JSON.parse(json) as unknown;
    return (v && typeof v === 'object' && !Array.isArray(v) ? v : {}) as T;
  } catch {
    return {} as T;
  }
}

const toRow = (r: Raw): CatalogRow => ({
  resourceId: r.resource_id,
  dataId: r.data_id ?? '',
  resourceLive: r.live === 1,
  fields: parseObject<Partial<CatalogFields>>(r.fields_json),
  answers: parseObject<Record<string, Answer>>(r.answers_json),
  listed: r.listed === 1,
  updatedAt: r.updated_at,
});

const COLUMNS = `c.resource_id, c.fields_json, c.answers_json, c.listed, c.updated_at, e.data_id,
  CASE WHEN e.id IS NULL THEN NULL WHEN e.deleted_at IS NULL AND e.kind = 'resource' THEN 1 ELSE 0 END AS live`;
const FROM = 'catalog_entry c LEFT JOIN entry e ON e.id = c.resource_id';
/** Search: a substring of the 数据名称 or of the 数据编号 (case-insensitive for Latin letters). */
const SEARCH = `(instr(lower(coalesce(json_extract(c.fields_json, '$.name'), '')), @q) > 0 OR instr(lower(coalesce(e.data_id, '')), @q) > 0)`;

export function createCatalogRepo(db: Db) {
  const one = db.prepare<[number], Raw>(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.resource_id = ?`);
  const allListed = db.prepare<[], Raw>(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.listed = 1 ORDER BY e.data_id, c.resource_id`);
  const pageAll = db.prepare<[{ limit: number; offset: number }], Raw>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE c.listed = 1 ORDER BY e.data_id, c.resource_id LIMIT @limit OFFSET @offset`,
  );
  const countAll = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM catalog_entry WHERE listed = 1');
  const pageSearch = db.prepare<[{ q: string; limit: number; offset: number }], Raw>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE c.listed = 1 AND ${SEARCH} ORDER BY e.data_id, c.resource_id LIMIT @limit OFFSET @offset`,
  );
  const countSearch = db.prepare<[{ q: string }], { n: number }>(`SELECT count(*) AS n FROM ${FROM} WHERE c.listed = 1 AND ${SEARCH}`);
  const upsert = db.prepare(
    `INSERT INTO catalog_entry (resource_id, fields_json, answers_json, listed, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (resource_id) DO UPDATE SET fields_json = excluded.fields_json, answers_json = excluded.answers_json,
       listed = excluded.listed, updated_at = excluded.updated_at`,
  );

  return {
    get(resourceId: number): CatalogRow | undefined {
      const r = one.get(resourceId);
      return r && toRow(r);
    },
    /** Every catalog row (listed), in 数据编号 order. */
    listed(): CatalogRow[] {
      return allListed.all().map(toRow);
    },
    page(search: string, offset: number, limit: number): { total: number; rows: CatalogRow[] } {
      const q = search.toLowerCase();
      if (!q) return { total: countAll.get()!.n, rows: pageAll.all({ limit, offset }).map(toRow) };
      return { total: countSearch.get({ q })!.n, rows: pageSearch.all({ q, limit, offset }).map(toRow) };
    },
    /** Write a resource's row (fields, answers and whether it is in the catalog). */
    put(row: { resourceId: number; fields: Partial<CatalogFields>; answers: Record<string, Answer>; listed: boolean; updatedAt: string }): void {
      upsert.run(row.resourceId, JSON.stringify(row.fields), JSON.stringify(row.answers), row.listed ? 1 : 0, row.updatedAt);
    },
  };
}

export type CatalogRepo = ReturnType<typeof createCatalogRepo>;
