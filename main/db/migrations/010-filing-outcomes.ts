/**
 * 010: what became of a unit's filings.
 *  - filing_content: what a change filing (变更报送) is computed against, by package digest, inside
 *    the encrypted workspace: a zip of the filing's data/profile.json, inventory.json and
 *    catalog.json exactly as filed (their compressed bytes copied from the package; not the
 *    workbook or the manifests, so a filing adds ≈ 3 MB at 100,000 items, not the whole bag).
 *  - filing_withdrawn: filings marked 未报送 (exported but never delivered). The row moves here
 *    from `filing`, so its sequence number is free again and the next package takes the same
 *    sequence and names the same previous package (what the bureau's chain check expects).
 *  - key_rotation: a package that announced a new signing key (signed by the old one), with the
 *    two fingerprints; withdrawing that package puts the old key back.
 */
import type { Migration } from './types';

export const migration010: Migration = {
  version: 10,
  name: 'filing-outcomes',
  up(db) {
    db.exec(`
      CREATE TABLE filing_content (
        digest TEXT PRIMARY KEY,
        bag_zip BLOB NOT NULL
      ) STRICT;

      CREATE TABLE filing_withdrawn (
        id INTEGER PRIMARY KEY,
        sequence INTEGER NOT NULL CHECK (sequence >= 1),
        kind TEXT NOT NULL CHECK (kind IN ('initial', 'change', 'annual', 'deregistration')),
        digest TEXT NOT NULL UNIQUE,
        previous_digest TEXT,
        created_at TEXT NOT NULL,
        actor TEXT NOT NULL,
        signer_fingerprint TEXT NOT NULL,
        sealed_to TEXT,
        file_name TEXT NOT NULL,
        file_sm3 TEXT NOT NULL,
        file_bytes INTEGER NOT NULL,
        systems INTEGER NOT NULL,
        resources INTEGER NOT NULL,
        items INTEGER NOT NULL,
        catalog_entries INTEGER NOT NULL,
        withdrawn_at TEXT NOT NULL,
        withdrawn_by TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX filing_withdrawn_sequence ON filing_withdrawn (sequence);

      CREATE TABLE key_rotation (
        digest TEXT PRIMARY KEY,
        old_fingerprint TEXT NOT NULL,
        new_fingerprint TEXT NOT NULL,
        announced_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
