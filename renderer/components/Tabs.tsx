/**
 * A keyboard tab strip (WAI-ARIA tabs, automatic activation): Left/Right move to the previous or
 * next tab (wrapping), Home and End to the first and last; only the selected tab is in the Tab
 * order. Each tab gets id `${idPrefix}-tab-${key}` (also its test id) and controls the panel
 * `${idPrefix}-panel-${key}`, which the caller renders (see `tabPanelProps`).
 */
import { useRef, type KeyboardEvent } from 'react';

export interface TabsProps<K extends string> {
  /** The tabs in order, with their visible labels. */
  tabs: readonly { key: K; label: string }[];
  selected: K;
  onSelect(key: NoInfer<K>): void;
  /** Accessible name of the strip. */
  label: string;
  idPrefix: string;
  /** Smaller tabs, for a strip inside a tab panel. */
  small?: boolean;
}

export function Tabs<K extends string>({ tabs, selected, onSelect, label, idPrefix, small }: TabsProps<K>) {
  const refs = useRef<Partial<Record<K, HTMLButtonElement | null>>>({});
  const keys = tabs.map((x) => x.key);

  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = keys.indexOf(selected);
    let next: K | undefined;
    if (e.key === 'ArrowRight') next = keys[(i + 1) % keys.length];
    else if (e.key === 'ArrowLeft') next = keys[(i - 1 + keys.length) % keys.length];
    else if (e.key === 'Home') next = keys[0];
    else if (e.key === 'End') next = keys[keys.length - 1];
    if (next === undefined) return;
    e.preventDefault();
    if (next !== selected) onSelect(next);
    refs.current[next]?.focus();
  };

  return (
    <div className={`tabs${small ? ' tabs-small' : ''}`} role="tablist" aria-label={label} onKeyDown={onKey}>
      {tabs.map(({ key, label: text }) => (
        <button
          key={key}
          ref={(el) => {
            refs.current[key] = el;
          }}
          type="button"
          role="tab"
          id={`${idPrefix}-tab-${key}`}
          aria-selected={key === selected}
          aria-controls={`${idPrefix}-panel-${key}`}
          tabIndex={key === selected ? 0 : -1}
          className={`tab${key === selected ? ' tab-active' : ''}`}
          data-testid={`${idPrefix}-tab-${key}`}
          onClick={() => {
            if (key !== selected) onSelect(key);
          }}
        >
          {text}
        </button>
      ))}
    </div>
  );
}

/** The attributes of the panel belonging to tab `key` of the strip `idPrefix`. */
export function tabPanelProps(idPrefix: string, key: string) {
  return { role: 'tabpanel', id: `${idPrefix}-panel-${key}`, 'aria-labelledby': `${idPrefix}-tab-${key}` } as const;
}
