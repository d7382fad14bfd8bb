/**
 * The review area's view state (bureau workspace), kept while the reviewer moves between its
 * pages: which page is showing, the filing open for review with its tab, the worklist filters and
 * the row the keyboard cursor is on. Rows themselves are fetched page by page.
 */
import { create } from 'zustand';
import type { FilingStatus, ReviewFlagCode } from '../../main/domain/bureau';

export const REVIEW_PAGES = ['filings', 'intake', 'trust', 'district', 'versions'] as const;
export type ReviewPage = (typeof REVIEW_PAGES)[number];
export const REVIEW_TABS = ['changes', 'flags', 'quality'] as const;
export type ReviewTab = (typeof REVIEW_TABS)[number];

export interface WorklistFilter {
  /** false: every filed entry, not only flagged ones. */
  flaggedOnly: boolean;
  code?: ReviewFlagCode | undefined;
  decision?: 'accept' | 'return' | 'none' | undefined;
  search?: string | undefined;
}

interface ReviewState {
  workspacePath: string | undefined;
  page: ReviewPage;
  /** The filing open for review (on the filings page); null: the list. */
  filingId: number | null;
  tab: ReviewTab;
  statusFilter: FilingStatus | undefined;
  filingsOffset: number;
  worklist: WorklistFilter;
  cursor: number;
  /** The last intake job, so its progress and results are shown again when the page comes back. */
  intakeJobId: string | null;
  resetFor(workspacePath: string | undefined): void;
  setPage(page: ReviewPage): void;
  openFiling(id: number | null): void;
  setTab(tab: ReviewTab): void;
  setStatusFilter(status: FilingStatus | undefined): void;
  setFilingsOffset(offset: number): void;
  setWorklist(patch: Partial<WorklistFilter>): void;
  setCursor(index: number): void;
  setIntakeJob(id: string | null): void;
}

const initial = {
  page: 'filings' as ReviewPage,
  filingId: null,
  tab: 'flags' as ReviewTab,
  statusFilter: undefined,
  filingsOffset: 0,
  worklist: { flaggedOnly: true } as WorklistFilter,
  cursor: 0,
  intakeJobId: null as string | null,
};

export const useReviewStore = create<ReviewState>((set, get) => ({
  workspacePath: undefined,
  ...initial,
  resetFor(workspacePath) {
    if (get().workspacePath !== workspacePath) set({ ...initial, workspacePath });
  },
  setPage(page) {
    set({ page });
  },
  openFiling(id) {
    set({ filingId: id, page: 'filings', cursor: 0, worklist: { flaggedOnly: true }, tab: 'flags' });
  },
  setTab(tab) {
    set({ tab });
  },
  setStatusFilter(statusFilter) {
    set({ statusFilter, filingsOffset: 0 });
  },
  setFilingsOffset(offset) {
    set({ filingsOffset: Math.max(0, offset) });
  },
  setWorklist(patch) {
    set((s) => ({ worklist: { ...s.worklist, ...patch }, cursor: 0 }));
  },
  setCursor(index) {
    set({ cursor: Math.max(0, index) });
  },
  setIntakeJob(intakeJobId) {
    set({ intakeJobId });
  },
}));
