/**
 * Rows of a long list fetched page by page for the window on screen (offset/limit), kept in a
 * bounded LRU, so a 100,000-entry worklist costs a few pages of memory. A new `queryKey` empties
 * the cache; `patch` changes one cached row in place (after a decision), without a refetch.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Result } from '../../../main/api/result';
import type { ErrorInfo } from '../../../main/domain/errors';
import { LruCache, pagesFor } from '../inventory/entry-pages';

export const ROWS_PAGE_SIZE = 200;
const MAX_PAGES = 30;

export interface PagedRows<T> {
  total: number | null;
  error: ErrorInfo | null;
  /** The row at an index, or undefined while its page loads. */
  rowAt(index: number): T | undefined;
  /** Fetch the pages covering first..last (inclusive) that are not cached. */
  ensure(first: number, last: number): void;
  patch(index: number, row: T): void;
  /** Forget everything and fetch the window again (same query). */
  reload(): void;
  /** Bumped whenever rows arrive or change: a render dependency. */
  version: number;
}

export function usePagedRows<T>(fetchPage: (offset: number, limit: number) => Promise<Result<{ total: number; rows: T[] }>>, queryKey: string): PagedRows<T> {
  const cache = useRef(new LruCache<number, T[]>(MAX_PAGES));
  const inflight = useRef(new Set<number>());
  const gen = useRef(0);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [version, setVersion] = useState(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;
  const lastWindow = useRef<[number, number]>([0, ROWS_PAGE_SIZE - 1]);

  const load = useCallback((page: number) => {
    if (inflight.current.has(page)) return;
    inflight.current.add(page);
    const g = gen.current;
    void fetchRef.current(page * ROWS_PAGE_SIZE, ROWS_PAGE_SIZE).then((r) => {
      if (g !== gen.current) return;
      inflight.current.delete(page);
      if (r.ok) {
        cache.current.set(page, r.value.rows);
        setTotal(r.value.total);
        setError(null);
      } else setError(r.error);
      setVersion((v) => v + 1);
    });
  }, []);

  const ensure = useCallback(
    (first: number, last: number) => {
      lastWindow.current = [first, last];
      for (const p of pagesFor(first, last, total, ROWS_PAGE_SIZE)) if (!cache.current.peek(p)) load(p);
    },
    [total, load],
  );

  const reset = useCallback(() => {
    gen.current++;
    cache.current.clear();
    inflight.current.clear();
    const [first, last] = lastWindow.current;
    for (const p of pagesFor(first, last, null, ROWS_PAGE_SIZE)) load(p);
  }, [load]);

  useEffect(() => {
    lastWindow.current = [0, ROWS_PAGE_SIZE - 1];
    setTotal(null);
    reset();
  }, [queryKey, reset]);

  const rowAt = useCallback((index: number) => cache.current.peek(Math.floor(index / ROWS_PAGE_SIZE))?.[index % ROWS_PAGE_SIZE], []);
  const patch = useCallback((index: number, row: T) => {
    const page = cache.current.peek(Math.floor(index / ROWS_PAGE_SIZE));
    if (!page) return;
    page[index % ROWS_PAGE_SIZE] = row;
    setVersion((v) => v + 1);
  }, []);

  return { total, error, rowAt, ensure, patch, reload: reset, version };
}
