/**
 * 005: what the quality, recogniser and catalog services need beyond 004.
 * - edit_batch.label_en: the English label of an undoable batch (the UI speaks both languages);
 *   batches written before have '' and show their Chinese label.
 * - catalog_entry.listed: 1 for a row of the important-data catalog (sheet 3), 0 for a resource
 *   that has identification answers (answers_json) but no catalog row (never drafted, or removed).
 * - recognizer_hit.score / terms_json / context_json: for a field-name hit, its score and the
 *   pack's words that matched (never data values); NULL / '[]' for sample counts.
 * - recognizer_pack: the recogniser pack a user imported for this workspace (at most one row); it
 *   replaces the built-in pack when it has the built-in pack's id, and extends it otherwise.
 * - entry_dirty: ids of entries inserted or changed (any column but finding_count) since the
 *   quality check last read them, kept by triggers: the check re-reads only those rows instead of
 *   all 200,000. The check empties it; a finding-count update does not fill it.
 */
import type { Migration } from './types';

export const migration005: Migration = {
  version: 5,
  name: 'quality',
  up(db) {
    db.exec(`
      ALTER TABLE edit_batch ADD COLUMN label_en TEXT NOT NULL DEFAULT '';

      ALTER TABLE catalog_entry ADD COLUMN listed INTEGER NOT NULL DEFAULT 1 CHECK (listed IN (0, 1));

      ALTER TABLE recognizer_hit ADD COLUMN score REAL;
      ALTER TABLE recognizer_hit ADD COLUMN terms_json TEXT NOT NULL DEFAULT '[]';
      ALTER TABLE recognizer_hit ADD COLUMN context_json TEXT NOT NULL DEFAULT '[]';

      CREATE TABLE recognizer_pack (
        slot INTEGER PRIMARY KEY CHECK (slot = 1),
        pack_id TEXT NOT NULL,
        name TEXT NOT NULL,
        version INTEGER NOT NULL,
        pack_json TEXT NOT NULL,
        digest TEXT NOT NULL,
        imported_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE entry_dirty (entry_id INTEGER PRIMARY KEY) STRICT;
      CREATE TRIGGER entry_dirty_insert AFTER INSERT ON entry BEGIN
        INSERT OR IGNORE INTO entry_dirty (entry_id) VALUES (new.id);
      END;
      -- every column of entry but id and finding_count
      CREATE TRIGGER entry_dirty_update AFTER UPDATE OF
          kind, system_id, resource_id, data_id, resource_name, item_name, item_code, description, industry, category1, category2,
          category3, category4, category_code, scheme_id, scheme_version, processing_degree, impact_objects, impact_degree,
          suggested_level, suggested_rank, own_suggested_rank, level, level_source, level_state, level_rank, rationale, is_pi,
          is_sensitive_pi, record_count, person_count, data_source, storage_location, sharing, openness, update_frequency,
          owner_department, owner_person, reviewed_at, created_at, updated_at, deleted_at
        ON entry BEGIN
        INSERT OR IGNORE INTO entry_dirty (entry_id) VALUES (new.id);
      END;
      CREATE TRIGGER entry_dirty_delete AFTER DELETE ON entry BEGIN
        INSERT OR IGNORE INTO entry_dirty (entry_id) VALUES (old.id);
      END;
    `);
  },
};
