/**
 * The inventory area's view state: which tree node and filters narrow the grid, the sort, the row
 * selection (a list of ids, or "everything that matches the filter"), the focused row, the entry
 * shown in the detail panel, and a revision counter that every change bumps so the grid window,
 * the tree, the detail and the undo state reload. Rows themselves are never kept here: the grid
 * fetches the window it shows (see views/inventory/entry-pages.ts).
 */
import { create } from 'zustand';
import type { SORT_KEYS, EntryFilter, Selection } from '../../main/api/contract/inventory';

export type SortKey = (typeof SORT_KEYS)[number];

export type TreeNode = { kind: 'all' } | { kind: 'system'; id: number } | { kind: 'resource'; id: number; systemId: number };

/** Filters of the filter bar (the tree node adds systemId / resourceId). */
export type BarFilters = Omit<EntryFilter, 'systemId' | 'resourceId'>;

export type GridSelection =
  | { kind: 'ids'; ids: ReadonlySet<number> }
  /** Ctrl+A: every entry matching `filter` (total at the time). */
  | { kind: 'all'; filter: EntryFilter; total: number };

export const EMPTY_SELECTION: GridSelection = { kind: 'ids', ids: new Set() };

interface InventoryState {
  /** Workspace these settings belong to; another workspace starts afresh. */
  workspacePath: string | undefined;
  node: TreeNode;
  filters: BarFilters;
  sort: SortKey;
  desc: boolean;
  selection: GridSelection;
  /** Row index the Shift range starts from. */
  anchor: number | null;
  focusIndex: number;
  detailId: number | null;
  /** Field of the detail panel to focus once the entry has loaded (a jump from a quality finding). */
  focusField: string | null;
  /** Bumped after every change made here (edit, bulk, undo …): everything shown reloads. */
  revision: number;
  resetFor(workspacePath: string | undefined): void;
  setNode(node: TreeNode): void;
  setFilters(patch: Partial<BarFilters>): void;
  clearFilters(): void;
  /** Click on a header: the same key flips the direction, another key sorts ascending. */
  sortBy(key: SortKey): void;
  setSelection(selection: GridSelection, anchor?: number | null): void;
  clearSelection(): void;
  setFocusIndex(index: number): void;
  setDetailId(id: number | null): void;
  /** Open one entry from another area: its resource in the tree, no filters, the field focused once loaded. */
  showEntry(entry: { id: number; resourceId: number; systemId: number }, field?: string | null): void;
  clearFocusField(): void;
  changed(): void;
}

const initial = {
  node: { kind: 'all' } as TreeNode,
  filters: {} as BarFilters,
  sort: 'dataId' as SortKey,
  desc: false,
  selection: EMPTY_SELECTION,
  anchor: null,
  focusIndex: 0,
  detailId: null,
  focusField: null as string | null,
};

/** A new query: selection and focus start again. */
const requery = { selection: EMPTY_SELECTION, anchor: null, focusIndex: 0 };

export const useInventoryStore = create<InventoryState>((set, get) => ({
  workspacePath: undefined,
  revision: 0,
  ...initial,
  resetFor(workspacePath) {
    if (get().workspacePath !== workspacePath) set({ ...initial, workspacePath });
  },
  setNode(node) {
    set({ node, ...requery });
  },
  setFilters(patch) {
    set((s) => ({ filters: compactFilters({ ...s.filters, ...patch }), ...requery }));
  },
  clearFilters() {
    set({ filters: {}, ...requery });
  },
  sortBy(key) {
    set((s) => ({ sort: key, desc: s.sort === key ? !s.desc : false, focusIndex: 0, anchor: null }));
  },
  setSelection(selection, anchor) {
    set(anchor === undefined ? { selection } : { selection, anchor });
  },
  clearSelection() {
    set({ selection: EMPTY_SELECTION });
  },
  setFocusIndex(index) {
    if (index !== get().focusIndex) set({ focusIndex: index });
  },
  setDetailId(id) {
    set({ detailId: id });
  },
  showEntry(entry, field) {
    set({ node: { kind: 'resource', id: entry.resourceId, systemId: entry.systemId }, filters: {}, ...requery, detailId: entry.id, focusField: field ?? null });
  },
  clearFocusField() {
    if (get().focusField !== null) set({ focusField: null });
  },
  changed() {
    set((s) => ({ revision: s.revision + 1 }));
  },
}));

/** Drops empty values so equal filters compare equal and the API gets only real conditions. */
export function compactFilters(f: BarFilters): BarFilters {
  const out: BarFilters = {};
  if (f.kind) out.kind = f.kind;
  if (f.levels && f.levels.length > 0) out.levels = f.levels;
  if (f.states && f.states.length > 0) out.states = f.states;
  if (f.categoryCode && f.categoryCode.trim()) out.categoryCode = f.categoryCode.trim();
  if (f.personalInfo) out.personalInfo = f.personalInfo;
  if (f.lowering) out.lowering = true;
  if (f.withFindings) out.withFindings = true;
  if (f.returned) out.returned = true;
  if (f.search && f.search.trim()) out.search = f.search.trim();
  if (f.deleted) out.deleted = true;
  return out;
}

/** The filter the grid queries: the tree node and the bar's filters. */
export function effectiveFilter(node: TreeNode, filters: BarFilters): EntryFilter {
  const f: EntryFilter = { ...compactFilters(filters) };
  if (node.kind === 'system') f.systemId = node.id;
  if (node.kind === 'resource') {
    f.systemId = node.systemId;
    f.resourceId = node.id;
  }
  return f;
}

export function selectionCount(sel: GridSelection): number {
  return sel.kind === 'all' ? sel.total : sel.ids.size;
}

/** What a bulk action is sent: the ids, or the filter for "all matching"; null when nothing is selected. */
export function selectionForApi(sel: GridSelection): Selection | null {
  if (sel.kind === 'all') return { filter: sel.filter };
  if (sel.ids.size === 0) return null;
  return { ids: [...sel.ids].sort((a, b) => a - b) };
}

export function isSelected(sel: GridSelection, id: number): boolean {
  return sel.kind === 'all' ? true : sel.ids.has(id);
}
