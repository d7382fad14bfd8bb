/**
 * 009: bureau trust registry, intake, filing versions, review decisions and receipts; and, on the
 * unit side, the receipts a unit imported.
 *  - bureau_unit: the units the bureau knows (their keys are counterpart_key rows with the USCC).
 *  - bureau_filing: every filing received, one per accepted_package row (the registry of 006 keeps
 *    replays and forks out), with the review state and decision. Immutable content: profile and
 *    systems as canonical JSON; entries and catalog rows in their own tables.
 *  - bureau_entry / bureau_catalog: the filed sheet-2 and sheet-3 rows, one per 数据编号, with the
 *    canonical JSON of the row and a short hash of it (diffs compare hashes on a covering index),
 *    the flags computed at intake, and the columns the district view groups by.
 *  - bureau_diff: diffs between two filings of a unit (the default base at intake, others on
 *    request): only changed rows; bureau_diff_done marks a computed pair.
 *  - bureau_finding: the quality findings of the filed content.
 *  - bureau_stat: counts per filing × category × level × kind, so the district view sums a few
 *    thousand rows instead of scanning 300,000 entries.
 *  - bureau_decision: the reviewer's accept/return per entry with its comment.
 *  - bureau_receipt: receipts issued.
 *  - unit_receipt / unit_receipt_entry: unit side, receipts imported and their per-entry outcomes.
 */
import type { Migration } from './types';

export const migration009: Migration = {
  version: 9,
  name: 'bureau-review',
  up(db) {
    db.exec(`
      CREATE TABLE bureau_unit (
        uscc TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        contact_name TEXT NOT NULL DEFAULT '',
        contact_phone TEXT NOT NULL DEFAULT '',
        contact_email TEXT NOT NULL DEFAULT '',
        registered_at TEXT NOT NULL,
        registered_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE bureau_filing (
        id INTEGER PRIMARY KEY,
        accepted_package_id INTEGER NOT NULL UNIQUE REFERENCES accepted_package(id),
        uscc TEXT NOT NULL REFERENCES bureau_unit(uscc),
        unit_name TEXT NOT NULL,
        sequence INTEGER NOT NULL CHECK (sequence >= 1),
        kind TEXT NOT NULL CHECK (kind IN ('initial', 'change', 'annual', 'deregistration')),
        digest TEXT NOT NULL UNIQUE,
        previous_digest TEXT,
        created_at TEXT NOT NULL,
        received_at TEXT NOT NULL,
        received_by TEXT NOT NULL,
        signer_fingerprint TEXT NOT NULL,
        file_name TEXT NOT NULL,
        file_sm3 TEXT NOT NULL,
        systems INTEGER NOT NULL,
        resources INTEGER NOT NULL,
        items INTEGER NOT NULL,
        catalog_entries INTEGER NOT NULL,
        base_filing_id INTEGER REFERENCES bureau_filing(id),
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'returned', 'accepted_with_remarks')),
        decided_at TEXT,
        decided_by TEXT,
        decision_comment TEXT NOT NULL DEFAULT '',
        flags INTEGER NOT NULL DEFAULT 0,
        flag_counts TEXT NOT NULL DEFAULT '{}',
        quality_errors INTEGER NOT NULL DEFAULT 0,
        quality_warnings INTEGER NOT NULL DEFAULT 0,
        quality_digest TEXT NOT NULL DEFAULT '{}',
        profile_json TEXT NOT NULL,
        systems_json TEXT NOT NULL,
        rotation_json TEXT,
        rotation_applied_at TEXT,
        receipt_issued_at TEXT,
        UNIQUE (uscc, sequence)
      ) STRICT;
      CREATE INDEX bureau_filing_received ON bureau_filing (received_at);

      CREATE TABLE bureau_entry (
        id INTEGER PRIMARY KEY,
        filing_id INTEGER NOT NULL REFERENCES bureau_filing(id),
        data_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('resource', 'item')),
        resource_data_id TEXT NOT NULL,
        level TEXT NOT NULL,
        h TEXT NOT NULL,
        flags TEXT NOT NULL DEFAULT '',
        fields TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX bureau_entry_key ON bureau_entry (filing_id, data_id, h, level, kind);
      CREATE INDEX bureau_entry_flagged ON bureau_entry (filing_id, data_id) WHERE flags <> '';

      CREATE TABLE bureau_catalog (
        id INTEGER PRIMARY KEY,
        filing_id INTEGER NOT NULL REFERENCES bureau_filing(id),
        data_id TEXT NOT NULL,
        level TEXT NOT NULL,
        h TEXT NOT NULL,
        fields TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX bureau_catalog_key ON bureau_catalog (filing_id, data_id, h, level);

      CREATE TABLE bureau_diff_done (
        filing_id INTEGER NOT NULL REFERENCES bureau_filing(id),
        base_id INTEGER NOT NULL,
        PRIMARY KEY (filing_id, base_id)
      ) STRICT;
      CREATE TABLE bureau_diff (
        filing_id INTEGER NOT NULL REFERENCES bureau_filing(id),
        base_id INTEGER NOT NULL,
        section TEXT NOT NULL CHECK (section IN ('entry', 'catalog')),
        data_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('resource', 'item')),
        change TEXT NOT NULL CHECK (change IN ('added', 'removed', 'changed')),
        level_change TEXT CHECK (level_change IN ('raised', 'lowered')),
        PRIMARY KEY (filing_id, base_id, section, data_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE bureau_finding (
        id INTEGER PRIMARY KEY,
        filing_id INTEGER NOT NULL REFERENCES bureau_filing(id),
        code TEXT NOT NULL,
        dimension TEXT NOT NULL,
        severity TEXT NOT NULL CHECK (severity IN ('error', 'warning')),
        sheet INTEGER NOT NULL CHECK (sheet IN (2, 3)),
        data_id TEXT NOT NULL,
        field TEXT NOT NULL,
        message_zh TEXT NOT NULL,
        message_en TEXT NOT NULL
      ) STRICT;
      CREATE INDEX bureau_finding_filing ON bureau_finding (filing_id, severity, code);

      CREATE TABLE bureau_stat (
        filing_id INTEGER NOT NULL REFERENCES bureau_filing(id),
        category TEXT NOT NULL,
        level TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('resource', 'item')),
        n INTEGER NOT NULL,
        PRIMARY KEY (filing_id, category, level, kind)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE bureau_decision (
        filing_id INTEGER NOT NULL REFERENCES bureau_filing(id),
        data_id TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('accept', 'return')),
        comment TEXT NOT NULL DEFAULT '',
        decided_at TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        PRIMARY KEY (filing_id, data_id)
      ) STRICT;

      CREATE TABLE bureau_receipt (
        id INTEGER PRIMARY KEY,
        filing_id INTEGER NOT NULL REFERENCES bureau_filing(id),
        decision TEXT NOT NULL CHECK (decision IN ('accepted', 'returned', 'accepted_with_remarks')),
        digest TEXT NOT NULL,
        file_sm3 TEXT NOT NULL,
        file_name TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        issued_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE unit_receipt (
        id INTEGER PRIMARY KEY,
        filing_sequence INTEGER NOT NULL,
        filing_digest TEXT NOT NULL,
        decision TEXT NOT NULL CHECK (decision IN ('accepted', 'returned', 'accepted_with_remarks')),
        comment TEXT NOT NULL DEFAULT '',
        decided_at TEXT NOT NULL,
        decided_by TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        imported_by TEXT NOT NULL,
        bureau_fingerprint TEXT NOT NULL,
        receipt_digest TEXT NOT NULL UNIQUE,
        accepted INTEGER NOT NULL,
        returned INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE unit_receipt_entry (
        receipt_id INTEGER NOT NULL REFERENCES unit_receipt(id),
        data_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('resource', 'item')),
        decision TEXT NOT NULL CHECK (decision IN ('accept', 'return')),
        comment TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (receipt_id, data_id)
      ) STRICT;
      CREATE INDEX unit_receipt_entry_data ON unit_receipt_entry (data_id, receipt_id);
    `);
  },
};
