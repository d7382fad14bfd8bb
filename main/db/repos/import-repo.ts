/**
 * What a bulk import needs beyond the inventory repository: loading many entries at once.
 *
 * - The trigram search index is filled in one statement for all the rows the import inserted,
 *   instead of row by row through the entry_fts_insert trigger (≈ 45 µs a row; the statement
 *   indexes 100,000 rows in ≈ 1 s).
 * - When the import at least doubles the table (and is large), the entry table's secondary indexes
 *   are dropped and built again after the inserts, which sorts once instead of updating fifteen
 *   B-trees per row (100,000 rows: ≈ 3.5 s + 2 s instead of ≈ 7.7 s).
 *
 * Everything happens inside the caller's transaction: the trigger and the indexes are created
 * again from their own text in sqlite_master, and the bulk statement is made from the trigger's
 * own body, so the schema stays exactly what the migrations made it. A failure (a duplicate
 * 数据编号 refused by the unique index as it is built again, say) rolls all of it back.
 */
import type { Db } from '../connection';

const TRIGGER = 'entry_fts_insert';
/** Below this many new rows, rebuilding indexes costs more than it saves. */
export const BULK_INDEX_MIN_ROWS = 20_000;

export function createImportRepo(db: Db) {
  const triggerSql = db.prepare<[string], string>("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?").pluck();
  const entryIndexes = db.prepare<[], { name: string; sql: string }>(
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entry' AND sql IS NOT NULL ORDER BY name",
  );
  const entryCount = db.prepare<[], number>('SELECT count(*) FROM entry').pluck();

  return {
    /**
     * Run `insert`, which inserts about `rows` entries with ids from `firstId` up (and may update
     * others), with the search index, and for a large load the entry indexes, built once after it.
     * Only inside a transaction.
     */
    withBulkLoad<T>(firstId: number, rows: number, insert: () => T): T {
      if (!db.inTransaction) throw new Error('withBulkLoad outside a transaction');
      const sql = triggerSql.get(TRIGGER);
      const body = sql ? /\bBEGIN\b([\s\S]*)\bEND\b\s*$/i.exec(sql)?.[1]?.trim().replace(/;\s*$/, '') : undefined;
      // The body is one INSERT … VALUES (new.…): the same expressions, selected from the new rows.
      const deferSearch = Boolean(sql && body && /^INSERT INTO entry_fts\b[^;]*\bVALUES\s*\(/i.test(body) && !body.includes(';'));
      const indexes = rows >= BULK_INDEX_MIN_ROWS && rows >= entryCount.get()! ? entryIndexes.all() : [];
      if (deferSearch) db.exec(`DROP TRIGGER ${TRIGGER}`);
      for (const i of indexes) db.exec(`DROP INDEX ${i.name}`);
      let restored = false;
      try {
        const result = insert();
        for (const i of indexes) db.exec(i.sql);
        if (deferSearch) {
          db.exec(sql!);
          db.prepare(`${body!.replace(/\bVALUES\s*\(/i, 'SELECT ').replace(/\)\s*$/, '')} FROM entry AS "new" WHERE "new".id >= ?`).run(firstId);
        }
        restored = true;
        return result;
      } finally {
        if (!restored) {
          // Only reached on a failure, which rolls the transaction back; leave the schema whole meanwhile.
          for (const i of indexes) db.exec(i.sql.replace(/^CREATE (UNIQUE )?INDEX /i, 'CREATE $1INDEX IF NOT EXISTS '));
          if (deferSearch && triggerSql.get(TRIGGER) === undefined) db.exec(sql!);
        }
      }
    },
  };
}

export type ImportRepo = ReturnType<typeof createImportRepo>;
