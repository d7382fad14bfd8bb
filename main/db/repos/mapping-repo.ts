/** Saved column mappings (migration 007). Rules and headers are JSON written by the mapping service. */
import type { Db } from '../connection';

export interface MappingRow {
  id: number;
  name: string;
  signature: string;
  headersJson: string;
  rulesJson: string;
  createdAt: string;
  updatedAt: string;
}

const COLS = 'id, name, signature, headers_json AS headersJson, rules_json AS rulesJson, created_at AS createdAt, updated_at AS updatedAt';

export function createMappingRepo(db: Db) {
  const all = db.prepare<[], MappingRow>(`SELECT ${COLS} FROM import_mapping ORDER BY name`);
  const byId = db.prepare<[number], MappingRow>(`SELECT ${COLS} FROM import_mapping WHERE id = ?`);
  const byName = db.prepare<[string], MappingRow>(`SELECT ${COLS} FROM import_mapping WHERE name = ?`);
  const bySignature = db.prepare<[string], MappingRow>(`SELECT ${COLS} FROM import_mapping WHERE signature = ? ORDER BY updated_at DESC, id DESC`);
  const insert = db.prepare<[string, string, string, string, string, string]>(
    'INSERT INTO import_mapping (name, signature, headers_json, rules_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const update = db.prepare<[string, string, string, string, number]>('UPDATE import_mapping SET signature = ?, headers_json = ?, rules_json = ?, updated_at = ? WHERE id = ?');
  const remove = db.prepare<[number]>('DELETE FROM import_mapping WHERE id = ?');

  return {
    list(): MappingRow[] {
      return all.all();
    },
    get(id: number): MappingRow | undefined {
      return byId.get(id);
    },
    byName(name: string): MappingRow | undefined {
      return byName.get(name);
    },
    /** Mappings made on the same headers, the most recently saved first. */
    bySignature(signature: string): MappingRow[] {
      return bySignature.all(signature);
    },
    insert(m: { name: string; signature: string; headersJson: string; rulesJson: string; at: string }): number {
      return Number(insert.run(m.name, m.signature, m.headersJson, m.rulesJson, m.at, m.at).lastInsertRowid);
    },
    update(id: number, m: { signature: string; headersJson: string; rulesJson: string; at: string }): void {
      update.run(m.signature, m.headersJson, m.rulesJson, m.at, id);
    },
    delete(id: number): boolean {
      return remove.run(id).changes > 0;
    },
  };
}

export type MappingRepo = ReturnType<typeof createMappingRepo>;
