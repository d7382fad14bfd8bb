/** Fresh encrypted databases at a chosen schema version, for the migration tests. */
import fs from 'node:fs';
import path from 'node:path';
import { createDatabase, type Db } from '../../main/db/connection';
import { migrate } from '../../main/db/migrate';
import { MIGRATIONS } from '../../main/db/migrations/index';

export const MIG_PASS = 'migration-test-口令';

/** A new encrypted database (application_id set by createDatabase) with migrations 1..version run. */
export function dbAtVersion(dir: string, version: number): { db: Db; file: string } {
  const file = path.join(fs.mkdtempSync(path.join(dir, 'm-')), 'ws.dsw');
  const db = createDatabase(file, MIG_PASS);
  migrate(db, file, 0, { migrations: MIGRATIONS.slice(0, version) });
  return { db, file };
}

/** Run exactly one more migration (version + 1) through the runner. */
export function migrateOneStep(db: Db, file: string, toVersion: number) {
  return migrate(db, file, toVersion - 1, { migrations: MIGRATIONS.slice(0, toVersion) });
}

export function objectsOf(db: Db): { type: string; name: string }[] {
  return db
    .prepare<[], { type: string; name: string }>("SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all();
}

export function columnsOf(db: Db, table: string): { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[] {
  return db.prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)`).all(table) as never;
}

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
