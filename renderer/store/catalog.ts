/**
 * The important-data catalog area's view state: the search and page of the table, the row shown
 * in the form, the resource whose identification questionnaire is open, a field to focus once the
 * form has loaded (a jump from a quality finding), and a revision counter every change bumps.
 * Other areas open a row or the questionnaire through `openRow` / `openIdentify`.
 */
import { create } from 'zustand';
import type { CatalogFields } from '../../main/domain/inventory';

export const CATALOG_PAGE_SIZE = 50;

interface CatalogState {
  /** Workspace these settings belong to; another workspace starts afresh. */
  workspacePath: string | undefined;
  search: string;
  offset: number;
  /** resourceId of the row in the form. */
  selectedId: number | null;
  /** resourceId whose questionnaire is shown instead of the table. */
  identifyId: number | null;
  /** Field to focus once the selected row's form is loaded. */
  focusField: keyof CatalogFields | null;
  /** A message for the page's status line, left by whoever navigated here. */
  notice: string;
  revision: number;
  resetFor(workspacePath: string | undefined): void;
  setSearch(search: string): void;
  setOffset(offset: number): void;
  select(resourceId: number | null): void;
  /** Show a row's form, focusing one field once loaded. */
  openRow(resourceId: number, field?: keyof CatalogFields | null, notice?: string): void;
  openIdentify(resourceId: number): void;
  closeIdentify(): void;
  clearFocusField(): void;
  clearNotice(): void;
  changed(): void;
}

const initial = { search: '', offset: 0, selectedId: null, identifyId: null, focusField: null, notice: '' };

export const useCatalogStore = create<CatalogState>((set, get) => ({
  workspacePath: undefined,
  revision: 0,
  ...initial,
  resetFor(workspacePath) {
    if (get().workspacePath !== workspacePath) set({ ...initial, workspacePath });
  },
  setSearch(search) {
    set({ search, offset: 0 });
  },
  setOffset(offset) {
    set({ offset: Math.max(0, offset) });
  },
  select(resourceId) {
    set({ selectedId: resourceId, focusField: null });
  },
  openRow(resourceId, field, notice) {
    set({ selectedId: resourceId, identifyId: null, focusField: field ?? null, notice: notice ?? '' });
  },
  openIdentify(resourceId) {
    set({ identifyId: resourceId, notice: '' });
  },
  closeIdentify() {
    set({ identifyId: null });
  },
  clearFocusField() {
    if (get().focusField !== null) set({ focusField: null });
  },
  clearNotice() {
    if (get().notice) set({ notice: '' });
  },
  changed() {
    set((s) => ({ revision: s.revision + 1 }));
  },
}));
