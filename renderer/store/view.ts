/** Which screen is showing. Closed workspace: welcome / create / open. Open workspace: an area. */
import { create } from 'zustand';

export const AREAS = ['home', 'profile', 'inventory', 'catalog', 'quality', 'schemes', 'excel', 'filing', 'review', 'risk', 'audit', 'settings'] as const;
export type Area = (typeof AREAS)[number];
export type ClosedView = 'welcome' | 'create' | 'open';

interface ViewState {
  closedView: ClosedView;
  /** Path to prefill on the open screen (from a click on a recent workspace). */
  openPath: string;
  area: Area;
  /** The current page has unsaved changes; leaving it asks first. */
  dirty: boolean;
  /** A navigation waiting for the user to confirm losing unsaved changes. */
  pending: Area | null;
  showClosed(view: ClosedView, openPath?: string): void;
  /** Navigate; when the page is dirty, ask first (the shell shows the dialog). */
  go(area: Area): void;
  /** Navigate without asking (after the user confirmed, or after a session change). */
  force(area: Area): void;
  setDirty(dirty: boolean): void;
  cancelPending(): void;
}

export const useViewStore = create<ViewState>((set, get) => ({
  closedView: 'welcome',
  openPath: '',
  area: 'home',
  dirty: false,
  pending: null,
  showClosed(view, openPath) {
    set({ closedView: view, ...(openPath !== undefined ? { openPath } : {}) });
  },
  go(area) {
    if (area === get().area) return;
    if (get().dirty) set({ pending: area });
    else set({ area, pending: null });
  },
  force(area) {
    set({ area, pending: null, dirty: false });
  },
  setDirty(dirty) {
    if (dirty !== get().dirty) set({ dirty });
  },
  cancelPending() {
    set({ pending: null });
  },
}));
