/**
 * Unit side of receipts (migration 009): the receipts a unit imported from the bureau and their
 * per-entry outcomes. The caller runs writes inside store.tx().
 */
import type { Db } from '../connection';
import type { EntryDecision, EntryReceiptStatus, FilingDecision, ReceiptEntry, UnitReceipt } from '../../domain/bureau';

export interface UnitReceiptInsert {
  filingSequence: number;
  filingDigest: string;
  decision: FilingDecision;
  comment: string;
  decidedAt: string;
  decidedBy: string;
  issuedAt: string;
  importedAt: string;
  importedBy: string;
  bureauFingerprint: string;
  receiptDigest: string;
  accepted: number;
  returned: number;
}

const COLS = `id, filing_sequence AS filingSequence, filing_digest AS filingDigest, decision, comment, decided_at AS decidedAt,
  issued_at AS issuedAt, imported_at AS importedAt, bureau_fingerprint AS bureauFingerprint, receipt_digest AS receiptDigest, accepted, returned`;

export function createBureauReceiptRepo(db: Db) {
  const insert = db.prepare(`INSERT INTO unit_receipt (filing_sequence, filing_digest, decision, comment, decided_at, decided_by, issued_at,
      imported_at, imported_by, bureau_fingerprint, receipt_digest, accepted, returned)
    VALUES (@filingSequence, @filingDigest, @decision, @comment, @decidedAt, @decidedBy, @issuedAt, @importedAt, @importedBy,
      @bureauFingerprint, @receiptDigest, @accepted, @returned)`);
  const insertEntry = db.prepare('INSERT INTO unit_receipt_entry (receipt_id, data_id, kind, decision, comment) VALUES (?, ?, ?, ?, ?)');
  const byDigest = db.prepare(`SELECT ${COLS} FROM unit_receipt WHERE receipt_digest = ?`);
  const byId = db.prepare(`SELECT ${COLS} FROM unit_receipt WHERE id = ?`);
  const all = db.prepare(`SELECT ${COLS} FROM unit_receipt ORDER BY id`);
  /** The latest receipt mentioning each entry (highest receipt id). */
  const latestSql = `SELECT x.data_id AS dataId, x.kind, x.decision, x.comment, r.filing_sequence AS filingSequence, r.id AS receiptId
      FROM unit_receipt_entry x JOIN unit_receipt r ON r.id = x.receipt_id
     WHERE x.receipt_id = (SELECT max(y.receipt_id) FROM unit_receipt_entry y WHERE y.data_id = x.data_id)`;
  return {
    insert(r: UnitReceiptInsert, entries: readonly ReceiptEntry[]): number {
      const id = Number(insert.run(r).lastInsertRowid);
      for (const e of entries) insertEntry.run(id, e.dataId, e.kind, e.decision, e.comment);
      return id;
    },
    byDigest(digest: string): UnitReceipt | undefined {
      return byDigest.get(digest) as UnitReceipt | undefined;
    },
    byId(id: number): UnitReceipt | undefined {
      return byId.get(id) as UnitReceipt | undefined;
    },
    all(): UnitReceipt[] {
      return all.all() as UnitReceipt[];
    },
    entryStatuses(filter: { dataIds?: readonly string[] | undefined; decision?: EntryDecision | undefined }, offset: number, limit: number): { total: number; rows: EntryReceiptStatus[] } {
      const where: string[] = [];
      const args: unknown[] = [];
      if (filter.dataIds) {
        if (filter.dataIds.length === 0) return { total: 0, rows: [] };
        where.push(`x.data_id IN (SELECT value FROM json_each(?))`);
        args.push(JSON.stringify(filter.dataIds));
      }
      if (filter.decision) {
        where.push('x.decision = ?');
        args.push(filter.decision);
      }
      const w = where.length ? `AND ${where.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT count(*) AS n FROM (${latestSql} ${w})`).get(...args) as { n: number }).n;
      const rows = db.prepare(`${latestSql} ${w} ORDER BY x.data_id LIMIT ? OFFSET ?`).all(...args, limit, offset) as EntryReceiptStatus[];
      return { total, rows };
    },
  };
}

export type BureauReceiptRepo = ReturnType<typeof createBureauReceiptRepo>;
