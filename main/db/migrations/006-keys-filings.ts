/**
 * 006: signing keys and filing packages.
 *  - signing_key: this workspace's own SM2 key(s). The private key is PKCS#8 DER, kept only here,
 *    inside the SQLCipher-encrypted file; it leaves only as an encrypted key backup. At most one
 *    key is current (retired_at IS NULL); retired keys stay for verifying older packages.
 *  - counterpart_key: public keys of the other side, imported after the user confirmed the
 *    fingerprint (a unit: the bureau's, for sealing; a bureau: each unit's, bound to its USCC).
 *  - filing: the unit's filing history; the sequence number is the primary key.
 *  - accepted_package: the bureau's registry of accepted packages, one sequence per unit once.
 */
import type { Migration } from './types';

export const migration006: Migration = {
  version: 6,
  name: 'keys-filings',
  up(db) {
    db.exec(`
      CREATE TABLE signing_key (
        id INTEGER PRIMARY KEY,
        fingerprint TEXT NOT NULL UNIQUE,
        public_key_der BLOB NOT NULL,
        private_key_pkcs8 BLOB NOT NULL,
        user_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        retired_at TEXT
      ) STRICT;
      CREATE UNIQUE INDEX signing_key_one_current ON signing_key ((retired_at IS NULL)) WHERE retired_at IS NULL;

      CREATE TABLE counterpart_key (
        id INTEGER PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('unit', 'bureau')),
        fingerprint TEXT NOT NULL UNIQUE,
        public_key_der BLOB NOT NULL,
        label TEXT NOT NULL DEFAULT '',
        uscc TEXT NOT NULL DEFAULT '',
        confirmed_at TEXT NOT NULL,
        confirmed_by TEXT NOT NULL,
        revoked_at TEXT
      ) STRICT;

      CREATE TABLE filing (
        sequence INTEGER PRIMARY KEY CHECK (sequence >= 1),
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
        catalog_entries INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE accepted_package (
        id INTEGER PRIMARY KEY,
        uscc TEXT NOT NULL,
        unit_name TEXT NOT NULL,
        sequence INTEGER NOT NULL CHECK (sequence >= 1),
        kind TEXT NOT NULL CHECK (kind IN ('initial', 'change', 'annual', 'deregistration')),
        digest TEXT NOT NULL UNIQUE,
        previous_digest TEXT,
        created_at TEXT NOT NULL,
        signer_fingerprint TEXT NOT NULL,
        accepted_at TEXT NOT NULL,
        accepted_by TEXT NOT NULL,
        file_sm3 TEXT NOT NULL,
        systems INTEGER NOT NULL,
        resources INTEGER NOT NULL,
        items INTEGER NOT NULL,
        catalog_entries INTEGER NOT NULL,
        UNIQUE (uscc, sequence)
      ) STRICT;
    `);
  },
};
