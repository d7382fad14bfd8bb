/** A labelled group of checkboxes with a filter box (for longer lists): links to resources, items, sources, activities. */
import { useId, useState } from 'react';
import { useT } from '../../i18n/index';

export interface PickOption<V extends string | number> {
  value: V;
  label: string;
}

interface Props<V extends string | number> {
  label: string;
  testId: string;
  options: readonly PickOption<V>[];
  selected: readonly V[];
  onChange(selected: V[]): void;
  /** Shown when there is nothing to pick. */
  empty: string;
}

export function Picker<V extends string | number>({ label, testId, options, selected, onChange, empty }: Props<V>) {
  const t = useT();
  const id = useId();
  const [filter, setFilter] = useState('');
  const f = filter.trim().toLowerCase();
  const shown = f ? options.filter((o) => o.label.toLowerCase().includes(f)) : options;
  const set = new Set<V>(selected);
  // Links to something no longer offered (e.g. a resource taken out of the scope) stay until unticked.
  const unknown = selected.filter((v) => !options.some((o) => o.value === v));
  return (
    <fieldset className="field risk-picker" data-testid={testId}>
      <legend className="field-label">
        {label} <span className="muted">{t('risk.pick.selected', { count: selected.length })}</span>
      </legend>
      {options.length > 8 ? (
        <input type="search" className="risk-picker-filter" aria-label={t('risk.pick.filter', { label })} placeholder={t('risk.pick.filterPlaceholder')} value={filter} data-testid={`${testId}-filter`} onChange={(e) => setFilter(e.target.value)} />
      ) : null}
      {options.length === 0 && unknown.length === 0 ? <p className="muted">{empty}</p> : null}
      <ul className="risk-picker-list">
        {shown.map((o) => (
          <li key={String(o.value)}>
            <label>
              <input
                type="checkbox"
                id={`${id}-${String(o.value)}`}
                data-testid={`${testId}-option`}
                data-value={String(o.value)}
                checked={set.has(o.value)}
                onChange={(e) => onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value))}
              />
              <span>{o.label}</span>
            </label>
          </li>
        ))}
        {unknown.map((v) => (
          <li key={`x-${String(v)}`}>
            <label>
              <input type="checkbox" checked onChange={() => onChange(selected.filter((x) => x !== v))} />
              <span className="muted">{t('risk.pick.unknown', { id: String(v) })}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
