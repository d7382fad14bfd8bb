/**
 * Undoable edit batches: one edit_batch row per user action on entries, one edit_change row per
 * changed entry with the before and after values (JSON) of the columns it changed. The batches
 * form a stack: undo takes the newest batch not undone, redo the oldest undone one; a new batch
 * discards the undone ones (their changes are deleted).
 */
import type { Db } from '../connection';

export interface EditBatchRow {
  id: number;
  at: string;
  actor: string;
  label: string;
  /** The English label ('' for batches written before migration 005). */
  labelEn: string;
  entryCount: number;
  undone: 0 | 1 | 2;
}

export interface EditChangeRow {
  entryId: number;
  beforeJson: string;
  afterJson: string;
}

/** A catalog row or the unit profile changed in the same batch (an import; migration 011). */
export interface SideChangeRow {
  target: 'catalog' | 'profile';
  /** The resource's entry id for a catalog row; 1 for the profile. */
  targetId: number;
  beforeJson: string;
  afterJson: string;
}

interface RawBatch {
  id: number;
  at: string;
  actor: string;
  label: string;
  label_en: string;
  entry_count: number;
  undone: 0 | 1 | 2;
}

const toBatch = (r: RawBatch): EditBatchRow => ({ id: r.id, at: r.at, actor: r.actor, label: r.label, labelEn: r.label_en, entryCount: r.entry_count, undone: r.undone });

export function createInventoryBatchRepo(db: Db) {
  const insertBatch = db.prepare('INSERT INTO edit_batch (at, actor, label, label_en, entry_count) VALUES (?, ?, ?, ?, ?)');
  const insertChange = db.prepare('INSERT INTO edit_change (batch_id, entry_id, before_json, after_json) VALUES (?, ?, ?, ?)');
  const newestUndoable = db.prepare<[], RawBatch>('SELECT * FROM edit_batch WHERE undone = 0 ORDER BY id DESC LIMIT 1');
  const oldestUndone = db.prepare<[], RawBatch>('SELECT * FROM edit_batch WHERE undone = 1 ORDER BY id LIMIT 1');
  const changesOf = db.prepare<[number], { entry_id: number; before_json: string; after_json: string }>(
    'SELECT entry_id, before_json, after_json FROM edit_change WHERE batch_id = ? ORDER BY entry_id',
  );
  const setUndone = db.prepare('UPDATE edit_batch SET undone = ? WHERE id = ?');
  const undoneIds = db.prepare<[], { id: number }>('SELECT id FROM edit_batch WHERE undone = 1');
  const beyondDepth = db.prepare<[number], { id: number }>('SELECT id FROM edit_batch WHERE undone = 0 ORDER BY id DESC LIMIT -1 OFFSET ?');
  const deleteChanges = db.prepare('DELETE FROM edit_change WHERE batch_id = ?');
  const discard = db.prepare('UPDATE edit_batch SET undone = 2 WHERE id = ?');
  const get = db.prepare<[number], RawBatch>('SELECT * FROM edit_batch WHERE id = ?');

  // Prepared on first use: the table comes with migration 011.
  let side: { insert: ReturnType<typeof prepareInsert>; list: ReturnType<typeof prepareList>; del: ReturnType<typeof prepareDel> } | undefined;
  const prepareInsert = () => db.prepare<[number, number, string, number, string, string]>('INSERT INTO edit_side_change (batch_id, seq, target, target_id, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)');
  const prepareList = () => db.prepare<[number], SideChangeRow>('SELECT target, target_id AS targetId, before_json AS beforeJson, after_json AS afterJson FROM edit_side_change WHERE batch_id = ? ORDER BY seq');
  const prepareDel = () => db.prepare<[number]>('DELETE FROM edit_side_change WHERE batch_id = ?');
  const sideStmts = () => (side ??= { insert: prepareInsert(), list: prepareList(), del: prepareDel() });

  const discardIds = (ids: number[]) => {
    for (const id of ids) {
      sideStmts().del.run(id);
      deleteChanges.run(id);
      discard.run(id);
    }
    return ids.length;
  };

  return {
    /** A new batch with its changes. The caller has discarded the redo stack first. */
    insert(b: { at: string; actor: string; label: string; labelEn?: string | undefined }, changes: readonly EditChangeRow[]): number {
      const id = Number(insertBatch.run(b.at, b.actor, b.label, b.labelEn ?? '', changes.length).lastInsertRowid);
      for (const c of changes) insertChange.run(id, c.entryId, c.beforeJson, c.afterJson);
      return id;
    },
    /** Catalog rows and the profile changed by the batch (an import), with their states before and after. */
    insertSide(batchId: number, changes: readonly SideChangeRow[]): void {
      changes.forEach((c, seq) => sideStmts().insert.run(batchId, seq, c.target, c.targetId, c.beforeJson, c.afterJson));
    },
    sideChanges(batchId: number): SideChangeRow[] {
      return sideStmts().list.all(batchId);
    },
    get(id: number): EditBatchRow | undefined {
      const r = get.get(id);
      return r && toBatch(r);
    },
    /** What undo would take back. */
    undoable(): EditBatchRow | undefined {
      const r = newestUndoable.get();
      return r && toBatch(r);
    },
    /** What redo would apply again. */
    redoable(): EditBatchRow | undefined {
      const r = oldestUndone.get();
      return r && toBatch(r);
    },
    changes(batchId: number): EditChangeRow[] {
      return changesOf.all(batchId).map((c) => ({ entryId: c.entry_id, beforeJson: c.before_json, afterJson: c.after_json }));
    },
    setUndone(batchId: number, undone: boolean): void {
      setUndone.run(undone ? 1 : 0, batchId);
    },
    /** A new edit makes the undone batches unreachable: drop their changes. Returns how many. */
    discardRedo(): number {
      return discardIds(undoneIds.all().map((r) => r.id));
    },
    /** Keep at most `depth` undoable batches; older ones are discarded. */
    limitDepth(depth: number): number {
      return discardIds(beyondDepth.all(depth).map((r) => r.id));
    },
  };
}

export type InventoryBatchRepo = ReturnType<typeof createInventoryBatchRepo>;
