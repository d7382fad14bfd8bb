/**
 * 007: Excel column mappings saved for reuse (the mapping wizard).
 * (Reserved in this session; the tables come with the work that needs them.)
 */
import type { Migration } from './types';

export const migration007: Migration = {
  version: 7,
  name: 'import-mappings',
  up() {
    // Nothing yet.
  },
};
