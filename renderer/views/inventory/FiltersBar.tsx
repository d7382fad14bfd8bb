/**
 * Filters of the grid: search (debounced, not while an input method is composing), levels,
 * states, personal information, lowering, findings, returned by the bureau (its receipt), category
 * code prefix, recycle bin.
 */
import { useEffect, useRef, useState } from 'react';
import { LEVELS_43697, type Level } from '../../../main/domain/code-lists';
import type { LevelState } from '../../../main/domain/inventory';
import { useT } from '../../i18n/index';
import { LEVEL_KEYS, LEVEL_STATE_KEYS } from '../../i18n/codes';
import { useInventoryStore } from '../../store/inventory';

export const SEARCH_DEBOUNCE_MS = 200;
const STATES: LevelState[] = ['suggested', 'confirmed'];

function toggled<T>(list: readonly T[] | undefined, v: T, on: boolean): T[] {
  const s = new Set(list ?? []);
  if (on) s.add(v);
  else s.delete(v);
  return [...s];
}

export function FiltersBar() {
  const t = useT();
  const filters = useInventoryStore((s) => s.filters);
  const setFilters = useInventoryStore((s) => s.setFilters);
  const clearFilters = useInventoryStore((s) => s.clearFilters);
  const [text, setText] = useState(filters.search ?? '');
  const [category, setCategory] = useState(filters.categoryCode ?? '');
  const composing = useRef(false);
  const [composed, setComposed] = useState(0);

  // Debounced: the query runs once typing pauses.
  useEffect(() => {
    if (composing.current) return;
    const timer = window.setTimeout(() => {
      const cur = useInventoryStore.getState().filters;
      if ((cur.search ?? '') !== text.trim()) setFilters({ search: text });
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, composed, setFilters]);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      const cur = useInventoryStore.getState().filters;
      if ((cur.categoryCode ?? '') !== category.trim()) setFilters({ categoryCode: category });
    }, SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [category, setFilters]);

  const levels = filters.levels ?? [];
  const states = filters.states ?? [];
  const any = Object.keys(filters).length > 0;

  return (
    <div className="inv-filters" role="search" aria-label={t('filter.label')} data-testid="inventory-filters">
      <div className="inv-filter-row">
        <input
          type="search"
          id="inventory-search"
          className="inv-search"
          data-testid="inventory-search"
          aria-label={t('filter.searchLabel')}
          placeholder={t('filter.searchPlaceholder')}
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onCompositionStart={() => {
            composing.current = true;
          }}
          onCompositionEnd={(e) => {
            composing.current = false;
            setText(e.currentTarget.value);
            setComposed((n) => n + 1);
          }}
        />
        <fieldset className="chips" aria-label={t('filter.level')}>
          <legend className="chips-legend">{t('filter.level')}</legend>
          {LEVELS_43697.map((l: Level) => (
            <label key={l} className={`chip${levels.includes(l) ? ' chip-on' : ''}`}>
              <input type="checkbox" data-testid={`filter-level-${l}`} checked={levels.includes(l)} onChange={(e) => setFilters({ levels: toggled(levels, l, e.target.checked) })} />
              {t(LEVEL_KEYS[l])}
            </label>
          ))}
          <label className={`chip${levels.includes('') ? ' chip-on' : ''}`}>
            <input type="checkbox" data-testid="filter-level-none" checked={levels.includes('')} onChange={(e) => setFilters({ levels: toggled(levels, '' as const, e.target.checked) })} />
            {t('entry.noLevel')}
          </label>
        </fieldset>
      </div>
      <div className="inv-filter-row">
        <fieldset className="chips" aria-label={t('filter.state')}>
          <legend className="chips-legend">{t('filter.state')}</legend>
          {STATES.map((s) => (
            <label key={s} className={`chip${states.includes(s) ? ' chip-on' : ''}`}>
              <input type="checkbox" data-testid={`filter-state-${s}`} checked={states.includes(s)} onChange={(e) => setFilters({ states: toggled(states, s, e.target.checked) })} />
              {t(LEVEL_STATE_KEYS[s])}
            </label>
          ))}
        </fieldset>
        <label className="inv-filter-field">
          <span>{t('filter.personal')}</span>
          <select
            data-testid="filter-personal"
            value={filters.personalInfo ?? ''}
            onChange={(e) => setFilters({ personalInfo: (e.target.value || undefined) as 'pi' | 'sensitive' | undefined })}
          >
            <option value="">{t('filter.any')}</option>
            <option value="pi">{t('filter.pi')}</option>
            <option value="sensitive">{t('filter.spi')}</option>
          </select>
        </label>
        <label className={`chip${filters.lowering ? ' chip-on' : ''}`}>
          <input type="checkbox" data-testid="filter-lowering" checked={filters.lowering ?? false} onChange={(e) => setFilters({ lowering: e.target.checked })} />
          {t('filter.lowering')}
        </label>
        <label className={`chip${filters.withFindings ? ' chip-on' : ''}`}>
          <input type="checkbox" data-testid="filter-findings" checked={filters.withFindings ?? false} onChange={(e) => setFilters({ withFindings: e.target.checked })} />
          {t('filter.findings')}
        </label>
        <label className={`chip${filters.returned ? ' chip-on' : ''}`}>
          <input type="checkbox" data-testid="filter-returned" checked={filters.returned ?? false} onChange={(e) => setFilters({ returned: e.target.checked })} />
          {t('receipt.filterReturned')}
        </label>
        <label className="inv-filter-field">
          <span>{t('filter.category')}</span>
          <input
            type="text"
            className="mono inv-category"
            data-testid="filter-category"
            placeholder={t('filter.categoryPlaceholder')}
            autoComplete="off"
            value={category}
            onChange={(e) => setCategory(e.target.value)}
          />
        </label>
        <label className={`chip chip-bin${filters.deleted ? ' chip-on' : ''}`}>
          <input type="checkbox" data-testid="filter-deleted" checked={filters.deleted ?? false} onChange={(e) => setFilters({ deleted: e.target.checked })} />
          {t('filter.deleted')}
        </label>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          data-testid="filter-clear"
          disabled={!any}
          onClick={() => {
            setText('');
            setCategory('');
            clearFilters();
          }}
        >
          {t('filter.clear')}
        </button>
      </div>
    </div>
  );
}
