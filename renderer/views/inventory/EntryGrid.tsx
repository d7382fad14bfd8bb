/**
 * The virtualised grid of entries. Fixed row height; the body is total × ROW_HEIGHT tall and only
 * the rows in view (plus OVERSCAN) exist in the DOM, absolutely positioned. Their data comes from
 * `useEntryPages` (pages fetched on demand), so 200,000 rows scroll as smoothly as 20.
 *
 * Keyboard (the grid holds focus and points at the focused row with aria-activedescendant):
 * ↑/↓/PageUp/PageDown/Home/End move; Shift extends the selection; Space toggles the row;
 * Ctrl+A selects everything matching the filter; Enter opens the row in the detail panel;
 * Escape clears the selection.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import type { Entry } from '../../../main/domain/inventory';
import type { EntryFilter } from '../../../main/api/contract/inventory';
import { YES_NO } from '../../../main/domain/code-lists';
import { useT, type MessageKey, type TFunction } from '../../i18n/index';
import { LEVEL_SOURCE_KEYS, LEVEL_STATE_KEYS } from '../../i18n/codes';
import { LevelBadge } from '../../components/LevelBadge';
import { isSelected, useInventoryStore, type GridSelection, type SortKey } from '../../store/inventory';
import type { EntryPages } from './entry-pages';

export const ROW_HEIGHT = 30;
export const HEADER_HEIGHT = 34;
export const OVERSCAN = 10;
/** Used until the scroll container has been measured (and in tests, where nothing has a size). */
export const DEFAULT_VIEWPORT = 480;
const FETCH_DELAY_MS = 40;

interface Column {
  key: string;
  label: MessageKey;
  sort?: SortKey;
}

export const GRID_COLUMNS: readonly Column[] = [
  { key: 'dataId', label: 'grid.col.dataId', sort: 'dataId' },
  { key: 'item', label: 'grid.col.item', sort: 'itemName' },
  { key: 'level', label: 'grid.col.level', sort: 'level' },
  { key: 'state', label: 'grid.col.state' },
  { key: 'suggested', label: 'grid.col.suggested' },
  { key: 'pi', label: 'grid.col.pi' },
  { key: 'category', label: 'grid.col.category' },
  { key: 'resource', label: 'grid.col.resource', sort: 'resourceName' },
  { key: 'system', label: 'grid.col.system' },
  { key: 'reviewedAt', label: 'grid.col.reviewedAt' },
];

const YES = YES_NO[0];

export const rowDomId = (index: number) => `inv-row-${index}`;

export function categoryPath(e: Pick<Entry, 'category1' | 'category2' | 'category3' | 'category4'>): string {
  return [e.category1, e.category2, e.category3, e.category4].filter(Boolean).join('/');
}

export function levelTitle(t: TFunction, e: Entry): string {
  const source = e.levelSource ? t(LEVEL_SOURCE_KEYS[e.levelSource]) : t('common.none');
  const state = e.levelState ? t(LEVEL_STATE_KEYS[e.levelState]) : t('common.none');
  return t('grid.levelTitle', { source, state });
}

interface Props {
  pages: EntryPages;
  /** The filter of the query shown (Ctrl+A selects everything matching it). */
  filter: EntryFilter;
  /** Changes when the query changes: the grid goes back to the top. */
  queryKey: string;
  deletedView: boolean;
  onOpen(id: number, focusDetail: boolean): void;
  labelledBy: string;
}

export function EntryGrid({ pages, filter, queryKey, deletedView, onOpen, labelledBy }: Props) {
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: DEFAULT_VIEWPORT });
  const selection = useInventoryStore((s) => s.selection);
  const anchor = useInventoryStore((s) => s.anchor);
  const focusIndex = useInventoryStore((s) => s.focusIndex);
  const detailId = useInventoryStore((s) => s.detailId);
  const sort = useInventoryStore((s) => s.sort);
  const desc = useInventoryStore((s) => s.desc);
  const sortBy = useInventoryStore((s) => s.sortBy);
  const setSelection = useInventoryStore((s) => s.setSelection);
  const setFocusIndex = useInventoryStore((s) => s.setFocusIndex);
  const { total, rowAt, ensure, idsInRange } = pages;
  const count = total ?? 0;

  // Measure the scroll container.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => setViewport((v) => ({ top: el.scrollTop, height: el.clientHeight > 0 ? el.clientHeight : v.height }));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // A new query starts at the top.
  useEffect(() => {
    const el = scrollRef.current;
    if (el) el.scrollTop = 0;
    setViewport((v) => (v.top === 0 ? v : { ...v, top: 0 }));
  }, [queryKey]);

  const bodyHeight = Math.max(0, viewport.height - HEADER_HEIGHT);
  const visibleRows = Math.max(1, Math.floor(bodyHeight / ROW_HEIGHT));
  const first = Math.max(0, Math.floor(viewport.top / ROW_HEIGHT));
  const last = Math.min(count - 1, Math.ceil((viewport.top + bodyHeight) / ROW_HEIGHT));
  const from = Math.max(0, first - OVERSCAN);
  const to = Math.min(count - 1, last + OVERSCAN);

  // Fetch the window once scrolling pauses (a drag of the scroll bar does not fetch every page on the way).
  useEffect(() => {
    if (total === null) return;
    const timer = window.setTimeout(() => ensure(from, Math.max(from, to)), FETCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [from, to, total, ensure]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (el) setViewport((v) => (v.top === el.scrollTop ? v : { ...v, top: el.scrollTop }));
  };

  const scrollToIndex = useCallback(
    (i: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const top = i * ROW_HEIGHT;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT > el.scrollTop + bodyHeight) el.scrollTop = top + ROW_HEIGHT - bodyHeight;
      setViewport((v) => (v.top === el.scrollTop ? v : { ...v, top: el.scrollTop }));
    },
    [bodyHeight],
  );

  const idsOf = (sel: GridSelection): Set<number> => (sel.kind === 'ids' ? new Set(sel.ids) : new Set());

  const toggle = (index: number) => {
    const row = rowAt(index);
    if (!row) return;
    const ids = idsOf(selection);
    if (ids.has(row.id)) ids.delete(row.id);
    else ids.add(row.id);
    setSelection({ kind: 'ids', ids }, index);
  };

  const extendTo = async (index: number, from: number | null = anchor) => {
    const start = from ?? focusIndex;
    const r = await idsInRange(start, index);
    if (!Array.isArray(r)) return;
    const cur = useInventoryStore.getState().selection;
    const ids = idsOf(cur);
    for (const id of r) ids.add(id);
    setSelection({ kind: 'ids', ids }, start);
  };

  const selectAll = () => {
    if (count > 0) setSelection({ kind: 'all', filter, total: count }, null);
  };

  const moveTo = (i: number, extend: boolean) => {
    if (count === 0) return;
    const next = Math.max(0, Math.min(count - 1, i));
    if (extend) void extendTo(next, anchor ?? focusIndex);
    setFocusIndex(next);
    scrollToIndex(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const ctrl = e.ctrlKey || e.metaKey;
    switch (e.key) {
      case 'ArrowDown':
        moveTo(focusIndex + 1, e.shiftKey);
        break;
      case 'ArrowUp':
        moveTo(focusIndex - 1, e.shiftKey);
        break;
      case 'PageDown':
        moveTo(focusIndex + visibleRows, e.shiftKey);
        break;
      case 'PageUp':
        moveTo(focusIndex - visibleRows, e.shiftKey);
        break;
      case 'Home':
        moveTo(0, e.shiftKey);
        break;
      case 'End':
        moveTo(count - 1, e.shiftKey);
        break;
      case ' ':
        toggle(focusIndex);
        break;
      case 'Enter': {
        const row = rowAt(focusIndex);
        if (row) onOpen(row.id, true);
        break;
      }
      case 'Escape':
        if (selection.kind === 'all' || selection.ids.size > 0) setSelection({ kind: 'ids', ids: new Set() }, null);
        else return;
        break;
      default:
        if (ctrl && !e.altKey && e.key.toLowerCase() === 'a') {
          selectAll();
          break;
        }
        return;
    }
    e.preventDefault();
  };

  const onRowClick = (index: number, e: MouseEvent) => {
    scrollRef.current?.focus({ preventScroll: true });
    setFocusIndex(index);
    if (e.shiftKey) {
      void extendTo(index);
      return;
    }
    if (e.ctrlKey || e.metaKey) {
      toggle(index);
      return;
    }
    useInventoryStore.getState().setSelection(selection, index);
    const row = rowAt(index);
    if (row) onOpen(row.id, false);
  };

  const onCheckClick = (index: number, e: MouseEvent<HTMLInputElement>) => {
    e.stopPropagation();
    setFocusIndex(index);
    if (e.shiftKey) void extendTo(index);
    else toggle(index);
  };

  const allSelected = selection.kind === 'all';
  const someSelected = selection.kind === 'ids' && selection.ids.size > 0;
  const headerCheck = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (headerCheck.current) headerCheck.current.indeterminate = someSelected;
  }, [someSelected]);

  const rows: ReactNode[] = [];
  for (let i = from; i <= to; i++) {
    const row = rowAt(i);
    const top = i * ROW_HEIGHT;
    const focused = i === focusIndex;
    if (!row) {
      rows.push(
        <div key={`p${i}`} id={rowDomId(i)} role="row" aria-rowindex={i + 2} className={`inv-grid-row inv-row-loading${focused ? ' inv-row-focused' : ''}`} style={{ transform: `translateY(${top}px)` }} data-testid="grid-row-loading">
          <div role="gridcell" className="inv-cell inv-cell-check" />
          <div role="gridcell" className="inv-cell muted" aria-colspan={GRID_COLUMNS.length}>
            {t('common.loading')}
          </div>
        </div>,
      );
      continue;
    }
    const selected = isSelected(selection, row.id);
    const path = categoryPath(row);
    rows.push(
      <div
        key={row.id}
        id={rowDomId(i)}
        role="row"
        aria-rowindex={i + 2}
        aria-selected={selected}
        className={`inv-grid-row${selected ? ' inv-row-selected' : ''}${focused ? ' inv-row-focused' : ''}${row.id === detailId ? ' inv-row-open' : ''}${row.kind === 'resource' ? ' inv-row-resource' : ''}`}
        style={{ transform: `translateY(${top}px)` }}
        data-testid="grid-row"
        data-id={row.id}
        data-data-id={row.dataId}
        data-index={i}
        onClick={(e) => onRowClick(i, e)}
      >
        <div role="gridcell" className="inv-cell inv-cell-check">
          <input
            type="checkbox"
            tabIndex={-1}
            checked={selected}
            aria-label={t('grid.selectRow', { dataId: row.dataId })}
            data-testid="grid-row-check"
            onClick={(e) => onCheckClick(i, e)}
            onChange={() => undefined}
          />
        </div>
        <div role="gridcell" data-col="dataId" className="inv-cell mono" title={row.dataId}>
          {row.dataId}
        </div>
        <div role="gridcell" data-col="item" className="inv-cell" title={row.itemName || undefined}>
          {row.kind === 'resource' ? <span className="muted">{t('grid.resourceRow')}</span> : row.itemName}
        </div>
        <div role="gridcell" data-col="level" className="inv-cell" title={levelTitle(t, row)}>
          <LevelBadge level={row.level} title={levelTitle(t, row)} />
          {row.level && row.suggestedLevel && row.level !== row.suggestedLevel ? (
            <span className="inv-adjusted" title={t('grid.adjusted')} aria-label={t('grid.adjusted')}>
              *
            </span>
          ) : null}
        </div>
        <div role="gridcell" data-col="state" className="inv-cell">
          {row.levelState ? <span className={`state state-${row.levelState}`}>{t(LEVEL_STATE_KEYS[row.levelState])}</span> : <span className="muted">{t('common.none')}</span>}
        </div>
        <div role="gridcell" data-col="suggested" className="inv-cell">
          <LevelBadge level={row.suggestedLevel} />
        </div>
        <div role="gridcell" data-col="pi" className="inv-cell">
          {row.isSensitivePersonalInfo === YES ? (
            <span className="flag flag-spi">{t('grid.flag.spi')}</span>
          ) : row.isPersonalInfo === YES ? (
            <span className="flag flag-pi">{t('grid.flag.pi')}</span>
          ) : null}
        </div>
        <div role="gridcell" data-col="category" className="inv-cell" title={path ? `${path}${row.categoryCode ? ` (${row.categoryCode})` : ''}` : undefined}>
          {path || <span className="muted">{t('common.none')}</span>}
        </div>
        <div role="gridcell" data-col="resource" className="inv-cell" title={row.resourceName}>
          {row.resourceName}
        </div>
        <div role="gridcell" data-col="system" className="inv-cell" title={row.systemName}>
          {row.systemName}
        </div>
        <div role="gridcell" data-col="reviewedAt" className="inv-cell nowrap">
          {row.reviewedAt || <span className="muted">{t('common.none')}</span>}
        </div>
      </div>,
    );
  }

  return (
    <div
      ref={scrollRef}
      className={`inv-grid-scroll${deletedView ? ' inv-grid-deleted' : ''}`}
      role="grid"
      tabIndex={0}
      aria-labelledby={labelledBy}
      aria-rowcount={count + 1}
      aria-colcount={GRID_COLUMNS.length + 1}
      aria-multiselectable="true"
      aria-activedescendant={count > 0 ? rowDomId(Math.min(focusIndex, count - 1)) : undefined}
      aria-busy={total === null}
      data-testid="inventory-grid"
      data-total={total ?? ''}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="inv-grid-head">
        <div role="row" aria-rowindex={1} className="inv-grid-row inv-grid-header">
          <div role="columnheader" className="inv-cell inv-cell-check">
            <input
              ref={headerCheck}
              type="checkbox"
              tabIndex={-1}
              checked={allSelected}
              aria-label={t('grid.selectAll')}
              data-testid="grid-select-all"
              onChange={() => (allSelected || someSelected ? setSelection({ kind: 'ids', ids: new Set() }, null) : selectAll())}
            />
          </div>
          {GRID_COLUMNS.map((c) => {
            const active = c.sort !== undefined && c.sort === sort;
            return (
              <div key={c.key} role="columnheader" className="inv-cell" aria-sort={active ? (desc ? 'descending' : 'ascending') : c.sort ? 'none' : undefined}>
                {c.sort ? (
                  <button type="button" className="inv-sort" data-testid={`grid-sort-${c.sort}`} onClick={() => sortBy(c.sort!)}>
                    {t(c.label)}
                    <span className="inv-sort-mark" aria-hidden="true">
                      {active ? (desc ? '▼' : '▲') : ''}
                    </span>
                  </button>
                ) : (
                  t(c.label)
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="inv-grid-body" style={{ height: count * ROW_HEIGHT }}>
        {rows}
      </div>
      {total === 0 ? (
        <p className="inv-grid-empty muted" data-testid="grid-empty">
          {t(deletedView ? 'grid.emptyDeleted' : 'grid.empty')}
        </p>
      ) : null}
      {total === null && !pages.error ? <p className="inv-grid-empty muted">{t('common.loading')}</p> : null}
    </div>
  );
}
