/** 001: the workspace's identity (role chosen at creation) and its settings. */
import type { Migration } from './types';

export const migration001: Migration = {
  version: 1,
  name: 'workspace',
  up(db) {
    db.exec(`
      CREATE TABLE workspace (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        uid TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('unit', 'bureau')),
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by_app TEXT NOT NULL
      ) STRICT;
      CREATE TABLE setting (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `);
  },
};
