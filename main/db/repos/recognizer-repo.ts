/**
 * Recogniser results kept per entry (recognizer_hit): field-name hits with their score and the
 * pack's words that matched, and sample counts (matched / total). Sample values themselves are
 * never written anywhere. Also the workspace's own recogniser pack (recognizer_pack, migration 005).
 */
import type { Db } from '../connection';

export interface NameHitRow {
  entryId: number;
  recognizerId: string;
  score: number;
  /** The pack's words and codes that matched (never data values). */
  terms: string[];
  context: string[];
  at: string;
}

export interface SampleCountRow {
  recognizerId: string;
  matched: number;
  total: number;
  at: string;
}

export type StoredHit =
  | ({ basis: 'name' } & NameHitRow & { matched: number; total: number })
  | ({ basis: 'sample'; entryId: number } & SampleCountRow);

export interface StoredPack {
  packId: string;
  name: string;
  version: number;
  json: string;
  digest: string;
  importedAt: string;
}

interface RawHit {
  entry_id: number;
  recognizer_id: string;
  basis: 'name' | 'sample';
  matched: number;
  total: number;
  at: string;
  score: number | null;
  terms_json: string;
  context_json: string;
}

const list = (json: string): string[] => {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

const toHit = (r: RawHit): StoredHit =>
  r.basis === 'name'
    ? { basis: 'name', entryId: r.entry_id, recognizerId: r.recognizer_id, score: r.score ?? 1, terms: list(r.terms_json), context: list(r.context_json), matched: r.matched, total: r.total, at: r.at }
    : { basis: 'sample', entryId: r.entry_id, recognizerId: r.recognizer_id, matched: r.matched, total: r.total, at: r.at };

export function createRecognizerRepo(db: Db) {
  const deleteNameIn = db.prepare(`DELETE FROM recognizer_hit WHERE basis = 'name' AND entry_id IN (SELECT value FROM json_each(?))`);
  const deleteSample = db.prepare(`DELETE FROM recognizer_hit WHERE basis = 'sample' AND entry_id = ?`);
  const insert = db.prepare(
    `INSERT INTO recognizer_hit (entry_id, recognizer_id, basis, matched, total, at, score, terms_json, context_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const of = db.prepare<[number], RawHit>('SELECT * FROM recognizer_hit WHERE entry_id = ? ORDER BY basis, recognizer_id');
  const packGet = db.prepare<[], { pack_id: string; name: string; version: number; pack_json: string; digest: string; imported_at: string }>(
    'SELECT pack_id, name, version, pack_json, digest, imported_at FROM recognizer_pack WHERE slot = 1',
  );
  const packPut = db.prepare(
    `INSERT INTO recognizer_pack (slot, pack_id, name, version, pack_json, digest, imported_at) VALUES (1, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (slot) DO UPDATE SET pack_id = excluded.pack_id, name = excluded.name, version = excluded.version,
       pack_json = excluded.pack_json, digest = excluded.digest, imported_at = excluded.imported_at`,
  );

  const packClear = db.prepare('DELETE FROM recognizer_pack WHERE slot = 1');

  return {
    /** Replace the field-name hits of these entries (entries without a hit in `hits` end with none). */
    replaceNameHits(entryIds: readonly number[], hits: readonly NameHitRow[]): void {
      for (let i = 0; i < entryIds.length; i += 50_000) deleteNameIn.run(JSON.stringify(entryIds.slice(i, i + 50_000)));
      for (const h of hits) insert.run(h.entryId, h.recognizerId, 'name', 1, 1, h.at, h.score, JSON.stringify(h.terms), JSON.stringify(h.context));
    },
    /** Replace the sample counts of one entry. */
    replaceSampleCounts(entryId: number, counts: readonly SampleCountRow[]): void {
      deleteSample.run(entryId);
      for (const c of counts) insert.run(entryId, c.recognizerId, 'sample', c.matched, c.total, c.at, null, '[]', '[]');
    },
    hitsOf(entryId: number): StoredHit[] {
      return of.all(entryId).map(toHit);
    },
    pack(): StoredPack | undefined {
      const r = packGet.get();
      return r && { packId: r.pack_id, name: r.name, version: r.version, json: r.pack_json, digest: r.digest, importedAt: r.imported_at };
    },
    putPack(p: StoredPack): void {
      packPut.run(p.packId, p.name, p.version, p.json, p.digest, p.importedAt);
    },
    /** Drop the workspace's own pack: the built-in pack is used again. */
    clearPack(): void {
      packClear.run();
    },
  };
}

export type RecognizerRepo = ReturnType<typeof createRecognizerRepo>;
