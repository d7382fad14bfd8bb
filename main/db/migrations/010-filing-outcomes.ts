/**
 * 010: unit side: key rotation announcements and receipts from the bureau on filings.
 * (Reserved in this session; the tables come with the work that needs them.)
 */
import type { Migration } from './types';

export const migration010: Migration = {
  version: 10,
  name: 'filing-outcomes',
  up() {
    // Nothing yet.
  },
};
