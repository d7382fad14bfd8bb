/**
 * Systems → resources, with an "all" root. role="tree" with a roving tabindex: ↑/↓ move,
 * → opens or goes to the first child, ← closes or goes to the parent, Home/End, Enter/Space
 * select (the grid then shows that system or resource). A click selects too.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { TreeSystem } from '../../../main/api/contract/inventory';
import { useT } from '../../i18n/index';
import { LevelBadge } from '../../components/LevelBadge';
import type { TreeNode } from '../../store/inventory';

type Key = 'all' | `s${number}` | `r${number}`;

interface Visible {
  key: Key;
  node: TreeNode;
  level: number;
  parent: Key | null;
  expandable: boolean;
}

export const nodeKey = (n: TreeNode): Key => (n.kind === 'all' ? 'all' : n.kind === 'system' ? `s${n.id}` : `r${n.id}`);

interface Props {
  systems: TreeSystem[] | null;
  selected: TreeNode;
  onSelect(node: TreeNode): void;
  labelledBy: string;
}

export function InventoryTree({ systems, selected, onSelect, labelledBy }: Props) {
  const t = useT();
  const [rootOpen, setRootOpen] = useState(true);
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const [focusKey, setFocusKey] = useState<Key>(nodeKey(selected));
  const refs = useRef(new Map<Key, HTMLElement>());
  const moved = useRef(false);

  // The selected resource's system is shown open.
  useEffect(() => {
    if (selected.kind === 'resource') setOpen((o) => (o.has(selected.systemId) ? o : new Set(o).add(selected.systemId)));
  }, [selected]);

  const visible = useMemo(() => {
    const out: Visible[] = [{ key: 'all', node: { kind: 'all' }, level: 1, parent: null, expandable: true }];
    if (!rootOpen || !systems) return out;
    for (const s of systems) {
      const sk: Key = `s${s.id}`;
      out.push({ key: sk, node: { kind: 'system', id: s.id }, level: 2, parent: 'all', expandable: s.resources.length > 0 });
      if (open.has(s.id))
        for (const r of s.resources) out.push({ key: `r${r.id}`, node: { kind: 'resource', id: r.id, systemId: s.id }, level: 3, parent: sk, expandable: false });
    }
    return out;
  }, [systems, rootOpen, open]);

  const byKey = useMemo(() => new Map(visible.map((v) => [v.key, v])), [visible]);
  const current = visible.some((v) => v.key === focusKey) ? focusKey : nodeKey(selected);
  const tabKey = visible.some((v) => v.key === current) ? current : 'all';

  useEffect(() => {
    if (moved.current) {
      moved.current = false;
      refs.current.get(tabKey)?.focus();
    }
  }, [tabKey]);

  const focus = (k: Key) => {
    moved.current = true;
    setFocusKey(k);
    if (k === tabKey) refs.current.get(k)?.focus();
  };

  const isOpen = (v: Visible) => (v.key === 'all' ? rootOpen : v.node.kind === 'system' ? open.has(v.node.id) : false);
  const setNodeOpen = (v: Visible, value: boolean) => {
    if (v.key === 'all') setRootOpen(value);
    else if (v.node.kind === 'system') {
      const id = v.node.id;
      setOpen((o) => {
        const n = new Set(o);
        if (value) n.add(id);
        else n.delete(id);
        return n;
      });
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const i = visible.findIndex((v) => v.key === tabKey);
    const v = visible[i];
    if (!v) return;
    switch (e.key) {
      case 'ArrowDown':
        if (visible[i + 1]) focus(visible[i + 1]!.key);
        break;
      case 'ArrowUp':
        if (visible[i - 1]) focus(visible[i - 1]!.key);
        break;
      case 'Home':
        focus(visible[0]!.key);
        break;
      case 'End':
        focus(visible[visible.length - 1]!.key);
        break;
      case 'ArrowRight':
        if (v.expandable && !isOpen(v)) setNodeOpen(v, true);
        else if (v.expandable && visible[i + 1]?.parent === v.key) focus(visible[i + 1]!.key);
        break;
      case 'ArrowLeft':
        if (v.expandable && isOpen(v)) setNodeOpen(v, false);
        else if (v.parent) focus(v.parent);
        break;
      case 'Enter':
      case ' ':
        onSelect(v.node);
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  const selKey = nodeKey(selected);
  const total = systems?.reduce((n, s) => n + s.resourceCount + s.itemCount, 0) ?? 0;

  const item = (v: Visible, label: ReactNode, count: string | null, testId: string, children?: ReactNode, extra?: ReactNode) => (
    <li
      key={v.key}
      ref={(el) => {
        if (el) refs.current.set(v.key, el);
        else refs.current.delete(v.key);
      }}
      role="treeitem"
      aria-level={v.level}
      aria-selected={v.key === selKey}
      aria-expanded={v.expandable ? isOpen(v) : undefined}
      tabIndex={v.key === tabKey ? 0 : -1}
      className={`tree-item tree-level-${v.level}${v.key === selKey ? ' tree-selected' : ''}`}
      data-testid={testId}
      onFocus={(e) => {
        if (e.target === e.currentTarget) setFocusKey(v.key);
      }}
    >
      <div
        className="tree-label"
        onClick={(e) => {
          e.stopPropagation();
          focus(v.key);
          onSelect(v.node);
        }}
      >
        {v.expandable ? (
          <span
            className="tree-twisty"
            aria-hidden="true"
            onClick={(e) => {
              e.stopPropagation();
              setNodeOpen(v, !isOpen(v));
            }}
          >
            {isOpen(v) ? '▾' : '▸'}
          </span>
        ) : (
          <span className="tree-twisty" aria-hidden="true" />
        )}
        <span className="tree-name" title={typeof label === 'string' ? label : undefined}>
          {label}
        </span>
        {extra}
        {count !== null ? <span className="tree-count">{count}</span> : null}
      </div>
      {children}
    </li>
  );

  const root = visible[0]!;
  return (
    <>
    <ul role="tree" aria-labelledby={labelledBy} className="tree" data-testid="inventory-tree" onKeyDown={onKeyDown}>
      {item(
        root,
        t('tree.all'),
        systems ? String(total) : null,
        'tree-all',
        rootOpen && systems ? (
          <ul role="group">
            {systems.map((s) => {
              const sv = byKey.get(`s${s.id}`)!;
              return item(
                sv,
                s.name,
                String(s.resourceCount + s.itemCount),
                `tree-system-${s.id}`,
                open.has(s.id) && s.resources.length > 0 ? (
                  <ul role="group">
                    {s.resources.map((r) => {
                      const rv = byKey.get(`r${r.id}`)!;
                      return item(rv, r.name, String(r.itemCount), `tree-resource-${r.id}`, undefined, r.level ? <LevelBadge level={r.level} compact /> : null);
                    })}
                  </ul>
                ) : undefined,
              );
            })}
          </ul>
        ) : undefined,
      )}
    </ul>
    {systems && systems.length === 0 ? (
      <p className="tree-empty muted" data-testid="tree-empty">
        {t('tree.empty')}
      </p>
    ) : null}
    </>
  );
}
