/**
 * 011: an import's catalog rows (sheet 3) and unit profile (sheet 1) are undone with its entries.
 * edit_change keeps one row per changed entry; edit_side_change keeps, in the same batch, the
 * state of every catalog row and of the profile before and after the import (JSON), so that
 * undo and redo of the batch put them back too.
 */
import type { Migration } from './types';

export const migration011: Migration = {
  version: 11,
  name: 'import-undo',
  up(db) {
    db.exec(`
      CREATE TABLE edit_side_change (
        batch_id INTEGER NOT NULL REFERENCES edit_batch (id),
        seq INTEGER NOT NULL,
        -- 'catalog': target_id is the resource's entry id; 'profile': target_id is 1 (the one profile row)
        target TEXT NOT NULL CHECK (target IN ('catalog', 'profile')),
        target_id INTEGER NOT NULL,
        -- the whole state before and after: a catalog row {fields, answers, listed} (null: there was none), or the profile
        before_json TEXT NOT NULL,
        after_json TEXT NOT NULL,
        PRIMARY KEY (batch_id, seq),
        UNIQUE (batch_id, target, target_id)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
