/** 003: 填报单位信息, one row per workspace (sheet 1 of the bureau template). */
import type { Migration } from './types';

export const migration003: Migration = {
  version: 3,
  name: 'unit-profile',
  up(db) {
    db.exec(`
      CREATE TABLE unit_profile (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        unit_name TEXT NOT NULL DEFAULT '',
        uscc TEXT NOT NULL DEFAULT '',
        unit_type TEXT NOT NULL DEFAULT '',
        competent_department TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        officer_name TEXT NOT NULL DEFAULT '',
        officer_title TEXT NOT NULL DEFAULT '',
        officer_phone TEXT NOT NULL DEFAULT '',
        officer_email TEXT NOT NULL DEFAULT '',
        management_body TEXT NOT NULL DEFAULT '',
        preparer_name TEXT NOT NULL DEFAULT '',
        preparer_phone TEXT NOT NULL DEFAULT '',
        filing_kind TEXT NOT NULL DEFAULT '',
        filing_date TEXT NOT NULL DEFAULT '',
        updated_at TEXT
      ) STRICT;
      INSERT INTO unit_profile (id) VALUES (1);
    `);
  },
};
