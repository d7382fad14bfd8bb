/**
 * 007: column mappings saved by the mapping wizard, for importing any sheet again the same way.
 *  - import_mapping: a name (unique), the signature of the header row it was made on (SM3 of the
 *    normalised headers: a sheet with the same headers is offered the mapping), the headers as
 *    JSON (for display), and the rules as JSON (column → field, value maps, defaults). No sample
 *    value of any sheet is stored here.
 */
import type { Migration } from './types';

export const migration007: Migration = {
  version: 7,
  name: 'import-mappings',
  up(db) {
    db.exec(`
      CREATE TABLE import_mapping (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
        signature TEXT NOT NULL,
        headers_json TEXT NOT NULL,
        rules_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX import_mapping_signature ON import_mapping (signature, updated_at);
    `);
  },
};
