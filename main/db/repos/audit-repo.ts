/**
 * The audit log store. Each entry's hash is SM3 over the canonical JSON of its fields and the
 * previous entry's hash, so changing or removing any entry breaks the chain from there on.
 * The head (last seq and hash) is kept in its own row, so cutting off the tail is seen too.
 */
import { canonicalJson } from '../../domain/canonical-json';
import { sm3Hex } from '../../crypto/sm3';
import type { Db } from '../connection';
import type { AuditEntry, AuditVerifyResult } from '../../domain/audit';
import { GENESIS_HASH } from '../migrations/002-audit-log';

export interface AuditInput {
  actor: string;
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  /** The change's own time, so the entry and the row it records carry the same instant. */
  at?: string;
}

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

function entryHash(r: Omit<Row, 'hash'>): string {
  return sm3Hex(
    canonicalJson({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before_json,
      after: r.after_json,
      prev: r.prev_hash,
    }),
  );
}

function toEntry(r: Row): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before_json === null ? null : JSON.parse(r.before_json),
    after: r.after_json === null ? null : JSON.parse(r.after_json),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export function createAuditRepo(db: Db, now: () => Date = () => new Date()) {
  const head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  const insert = db.prepare(
    `INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, before_json, after_json, prev_hash, hash)
     VALUES (@seq, @at, @actor, @action, @entity, @entity_id, @before_json, @after_json, @prev_hash, @hash)`,
  );
  const setHead = db.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1');
  // Entries are numbered 1..head without gaps (verify checks it), so a page is a range of seq:
  // no count(*) and no OFFSET scan, whatever the log's length.
  const page = db.prepare<[number, number], Row>('SELECT * FROM audit_log WHERE seq <= ? ORDER BY seq DESC LIMIT ?');
  const all = db.prepare<[], Row>('SELECT * FROM audit_log ORDER BY seq');

  return {
    /** Append one entry. Must run inside the transaction of the change it records. */
    append(input: AuditInput): AuditEntry {
      if (!db.inTransaction) throw new Error('audit append outside a transaction');
      const h = head.get()!;
      const row: Omit<Row, 'hash'> = {
        seq: h.seq + 1,
        at: input.at ?? now().toISOString(),
        actor: input.actor,
        action: input.action,
        entity: input.entity,
        entity_id: input.entityId ?? null,
        before_json: input.before === undefined || input.before === null ? null : canonicalJson(input.before),
        after_json: input.after === undefined || input.after === null ? null : canonicalJson(input.after),
        prev_hash: h.hash,
      };
      const hash = entryHash(row);
      insert.run({ ...row, hash });
      setHead.run(row.seq, hash);
      return toEntry({ ...row, hash });
    },

    list(offset: number, limit: number): { total: number; entries: AuditEntry[] } {
      const total = head.get()!.seq;
      return { total, entries: page.all(total - offset, limit).map(toEntry) };
    },

    verify(): AuditVerifyResult {
      let prev = GENESIS_HASH;
      let expectedSeq = 1;
      let n = 0;
      for (const r of all.iterate()) {
        n++;
        if (r.seq !== expectedSeq) return { ok: false, count: n, headHash: prev, brokenAt: { seq: expectedSeq, reason: 'gap' } };
        if (r.prev_hash !== prev) return { ok: false, count: n, headHash: prev, brokenAt: { seq: r.seq, reason: 'prev' } };
        if (entryHash(r) !== r.hash) return { ok: false, count: n, headHash: prev, brokenAt: { seq: r.seq, reason: 'hash' } };
        prev = r.hash;
        expectedSeq++;
      }
      const h = head.get()!;
      if (h.seq !== n || h.hash !== prev) return { ok: false, count: n, headHash: prev, brokenAt: { seq: n + 1, reason: 'head' } };
      return { ok: true, count: n, headHash: prev };
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
