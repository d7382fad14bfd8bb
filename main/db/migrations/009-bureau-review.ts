/**
 * 009: bureau trust registry, intake, filing versions, review decisions and receipts.
 * (Reserved in this session; the tables come with the work that needs them.)
 */
import type { Migration } from './types';

export const migration009: Migration = {
  version: 9,
  name: 'bureau-review',
  up() {
    // Nothing yet.
  },
};
