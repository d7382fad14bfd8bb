/**
 * The grid's data: pages of PAGE_SIZE rows fetched with `inventory.query` (offset/limit) for the
 * window on screen, kept in a bounded LRU of MAX_PAGES pages. The renderer never holds the whole
 * inventory. A new query (filter, sort) empties the cache; a new revision (an edit, an undo …)
 * keeps the rows on screen while the visible pages are fetched again, and forgets the rest.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Client } from '../../../main/api/client';
import type { EntryFilter } from '../../../main/api/contract/inventory';
import type { Entry } from '../../../main/domain/inventory';
import type { ErrorInfo } from '../../../main/domain/errors';
import type { SortKey } from '../../store/inventory';

export const PAGE_SIZE = 100;
export const MAX_PAGES = 40;
/** The API's largest page, for fetching a Shift range. */
export const MAX_LIMIT = 500;

/** A least-recently-used map with a fixed capacity. */
export class LruCache<K, V> {
  private readonly map = new Map<K, V>();
  constructor(readonly capacity: number) {}
  get size(): number {
    return this.map.size;
  }
  /** Read and mark as recently used. */
  get(key: K): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  /** Read without changing the order. */
  peek(key: K): V | undefined {
    return this.map.get(key);
  }
  set(key: K, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.capacity) {
      const oldest = this.map.keys().next().value as K;
      this.map.delete(oldest);
    }
  }
  delete(key: K): void {
    this.map.delete(key);
  }
  clear(): void {
    this.map.clear();
  }
  keys(): K[] {
    return [...this.map.keys()];
  }
}

/** Page indexes covering rows first..last (inclusive), within total when known. */
export function pagesFor(first: number, last: number, total: number | null, pageSize = PAGE_SIZE): number[] {
  const end = total === null ? last : Math.min(last, total - 1);
  if (end < first || end < 0) return total === null || total > 0 ? [Math.max(0, Math.floor(first / pageSize))] : [];
  const out: number[] = [];
  for (let p = Math.floor(Math.max(0, first) / pageSize); p <= Math.floor(end / pageSize); p++) out.push(p);
  return out;
}

export interface GridQuery {
  filter: EntryFilter;
  sort: SortKey;
  desc: boolean;
}

interface CachedPage {
  rows: Entry[];
  gen: number;
}

export interface EntryPages {
  /** Rows matching the query; null until the first answer. */
  total: number | null;
  rowAt(index: number): Entry | undefined;
  /** Make sure rows first..last are loaded (fetches only the missing or outdated pages). */
  ensure(first: number, last: number): void;
  /** Ids of rows first..last, fetching what is not cached (for a Shift range). */
  idsInRange(first: number, last: number): Promise<number[] | ErrorInfo>;
  error: ErrorInfo | null;
  loading: boolean;
}

export function useEntryPages(client: Client, query: GridQuery, revision: number): EntryPages {
  const key = JSON.stringify(query);
  const st = useRef({
    key: '',
    revision: -1,
    gen: 0,
    cache: new LruCache<number, CachedPage>(MAX_PAGES),
    inflight: new Map<number, number>(),
    total: null as number | null,
    window: [0, PAGE_SIZE - 1] as [number, number],
    query,
  });
  const [, setTick] = useState(0);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [loading, setLoading] = useState(false);
  const rerender = useCallback(() => setTick((n) => n + 1), []);

  const fetchPage = useCallback(
    (page: number) => {
      const s = st.current;
      const gen = s.gen;
      if (s.inflight.get(page) === gen) return;
      s.inflight.set(page, gen);
      setLoading(true);
      const { filter, sort, desc } = s.query;
      void client.invoke('inventory.query', { filter, sort, desc, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then((r) => {
        if (s.inflight.get(page) === gen) s.inflight.delete(page);
        if (s.inflight.size === 0) setLoading(false);
        if (gen !== s.gen) return;
        if (r.ok) {
          s.cache.set(page, { rows: r.value.rows, gen });
          s.total = r.value.total;
          setError(null);
        } else setError(r.error);
        rerender();
      });
    },
    [client, rerender],
  );

  const ensure = useCallback(
    (first: number, last: number) => {
      const s = st.current;
      s.window = [first, last];
      for (const p of pagesFor(first, last, s.total)) {
        const c = s.cache.get(p);
        if (!c || c.gen !== s.gen) fetchPage(p);
      }
    },
    [fetchPage],
  );

  // A new query or a new revision: start a new generation and reload the window on screen.
  useEffect(() => {
    const s = st.current;
    if (s.key === key && s.revision === revision) return;
    const newQuery = s.key !== key;
    s.key = key;
    s.revision = revision;
    s.query = query;
    s.gen += 1;
    s.inflight.clear();
    if (newQuery) {
      s.cache.clear();
      s.total = null;
    } else {
      // Keep the visible pages (shown until their fresh copy arrives), forget the others.
      const [first, last] = s.window;
      const keep = new Set(pagesFor(first, last, s.total));
      for (const p of s.cache.keys()) if (!keep.has(p)) s.cache.delete(p);
    }
    rerender();
    const [first, last] = newQuery ? [0, Math.max(PAGE_SIZE - 1, s.window[1] - s.window[0])] : s.window;
    ensure(first, last);
  }, [key, revision, query, ensure, rerender]);

  const rowAt = useCallback((index: number) => {
    const s = st.current;
    return s.cache.peek(Math.floor(index / PAGE_SIZE))?.rows[index % PAGE_SIZE];
  }, []);

  const idsInRange = useCallback(
    async (first: number, last: number): Promise<number[] | ErrorInfo> => {
      const s = st.current;
      const { filter, sort, desc } = s.query;
      const lo = Math.max(0, Math.min(first, last));
      const hi = Math.max(first, last);
      const ids: number[] = [];
      let i = lo;
      while (i <= hi) {
        const page = s.cache.peek(Math.floor(i / PAGE_SIZE));
        if (page && page.gen === s.gen) {
          const row = page.rows[i % PAGE_SIZE];
          if (row) ids.push(row.id);
          i++;
          continue;
        }
        const limit = Math.min(MAX_LIMIT, hi - i + 1);
        const r = await client.invoke('inventory.query', { filter, sort, desc, offset: i, limit });
        if (!r.ok) return r.error;
        for (const row of r.value.rows) ids.push(row.id);
        if (r.value.rows.length < limit) break;
        i += limit;
      }
      return ids;
    },
    [client],
  );

  return { total: st.current.total, rowAt, ensure, idsInRange, error, loading };
}
