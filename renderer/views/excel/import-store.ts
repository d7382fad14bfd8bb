/**
 * The template import's view state, kept while the officer goes to another area (to look at the
 * inventory, say) and comes back: the path, the preview with its options, the last result. Reset
 * when another workspace is open. The backend keeps the dry run too (its token stays valid until
 * the file or the workspace changes).
 */
import { create } from 'zustand';
import type { ErrorInfo } from '../../../main/domain/errors';
import type { ImportPreview, ImportResult } from '../../../main/domain/sheets/results';

interface ImportState {
  workspacePath: string | undefined;
  path: string;
  preview: ImportPreview | null;
  result: ImportResult | null;
  error: ErrorInfo | null;
  skipBlocking: boolean;
  removeMissing: boolean;
  resetFor(workspacePath: string | undefined): void;
  set(patch: Partial<Omit<ImportState, 'workspacePath' | 'resetFor' | 'set'>>): void;
}

const initial = { path: '', preview: null, result: null, error: null, skipBlocking: false, removeMissing: false };

export const useExcelImportStore = create<ImportState>((set, get) => ({
  workspacePath: undefined,
  ...initial,
  resetFor(workspacePath) {
    if (get().workspacePath !== workspacePath) set({ ...initial, workspacePath });
  },
  set(patch) {
    set(patch);
  },
}));
