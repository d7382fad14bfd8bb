/**
 * The quality page's view state, kept while the officer jumps to a finding and comes back: the
 * last summary, the findings filters and pages. Findings themselves are fetched page by page.
 */
import { create } from 'zustand';
import type { QualitySummary } from '../../main/api/contract/quality';
import type { QualityDimension, Severity } from '../../main/domain/quality';

export const FINDINGS_PAGE_SIZE = 50;
export const RESOURCES_PAGE_SIZE = 20;

export interface FindingFilters {
  dimension?: QualityDimension | undefined;
  severity?: Severity | undefined;
  code?: string | undefined;
  resourceId?: number | undefined;
  /** Shown for the resource filter (not sent). */
  resourceLabel?: string | undefined;
}

interface QualityState {
  workspacePath: string | undefined;
  summary: QualitySummary | null;
  /** Bumped after each completed check: the lists reload. */
  run: number;
  filters: FindingFilters;
  offset: number;
  resourceOffset: number;
  resetFor(workspacePath: string | undefined): void;
  setSummary(summary: QualitySummary): void;
  setFilters(patch: Partial<FindingFilters>): void;
  clearFilters(): void;
  setOffset(offset: number): void;
  setResourceOffset(offset: number): void;
}

const initial = { summary: null, filters: {}, offset: 0, resourceOffset: 0 };

export const useQualityStore = create<QualityState>((set, get) => ({
  workspacePath: undefined,
  run: 0,
  ...initial,
  resetFor(workspacePath) {
    if (get().workspacePath !== workspacePath) set({ ...initial, workspacePath });
  },
  setSummary(summary) {
    set((s) => ({ summary, run: s.run + 1 }));
  },
  setFilters(patch) {
    set((s) => {
      const next: FindingFilters = { ...s.filters, ...patch };
      for (const k of Object.keys(next) as (keyof FindingFilters)[]) if (next[k] === undefined || next[k] === '') delete next[k];
      return { filters: next, offset: 0 };
    });
  },
  clearFilters() {
    set({ filters: {}, offset: 0 });
  },
  setOffset(offset) {
    set({ offset: Math.max(0, offset) });
  },
  setResourceOffset(offset) {
    set({ resourceOffset: Math.max(0, offset) });
  },
}));
