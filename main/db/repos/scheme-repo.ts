/** Classification schemes and their versions (the definitions are JSON, checked by the service). */
import type { Db } from '../connection';

export type SchemeOrigin = 'builtin' | 'import' | 'edit';

export interface SchemeRow {
  id: string;
  name: string;
  industry: string;
  activeVersion: number;
  /** The scheme that grades entries of its industry. */
  inUse: boolean;
}

export interface SchemeVersionRow {
  schemeId: string;
  version: number;
  createdAt: string;
  origin: SchemeOrigin;
  digest: string;
}

interface RawScheme {
  id: string;
  name: string;
  industry: string;
  active_version: number;
  in_use: number;
}
interface RawVersion {
  scheme_id: string;
  version: number;
  created_at: string;
  origin: SchemeOrigin;
  digest: string;
}

const toScheme = (r: RawScheme): SchemeRow => ({ id: r.id, name: r.name, industry: r.industry, activeVersion: r.active_version, inUse: r.in_use === 1 });
const toVersion = (r: RawVersion): SchemeVersionRow => ({ schemeId: r.scheme_id, version: r.version, createdAt: r.created_at, origin: r.origin, digest: r.digest });

export function createSchemeRepo(db: Db) {
  const all = db.prepare<[], RawScheme>('SELECT id, name, industry, active_version, in_use FROM scheme ORDER BY id');
  const one = db.prepare<[string], RawScheme>('SELECT id, name, industry, active_version, in_use FROM scheme WHERE id = ?');
  const versions = db.prepare<[], RawVersion>('SELECT scheme_id, version, created_at, origin, digest FROM scheme_version ORDER BY scheme_id, version');
  const versionsOf = db.prepare<[string], RawVersion>('SELECT scheme_id, version, created_at, origin, digest FROM scheme_version WHERE scheme_id = ? ORDER BY version');
  const definition = db.prepare<[string, number], { definition_json: string }>('SELECT definition_json FROM scheme_version WHERE scheme_id = ? AND version = ?');
  const activeDefinitions = db.prepare<[], RawScheme & { definition_json: string }>(
    `SELECT s.id, s.name, s.industry, s.active_version, s.in_use, v.definition_json
       FROM scheme s JOIN scheme_version v ON v.scheme_id = s.id AND v.version = s.active_version ORDER BY s.in_use DESC, s.id`,
  );
  const insertScheme = db.prepare('INSERT INTO scheme (id, name, industry, active_version, in_use) VALUES (?, ?, ?, ?, ?)');
  const inUseFor = db.prepare<[string], { id: string }>('SELECT id FROM scheme WHERE industry = ? AND in_use = 1');
  const clearInUse = db.prepare('UPDATE scheme SET in_use = 0 WHERE industry = ? AND in_use = 1');
  const setInUse = db.prepare('UPDATE scheme SET in_use = 1 WHERE id = ?');
  const insertVersion = db.prepare(
    'INSERT INTO scheme_version (scheme_id, version, created_at, origin, definition_json, digest) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const setActive = db.prepare('UPDATE scheme SET active_version = ?, name = ?, industry = ? WHERE id = ?');

  return {
    list(): SchemeRow[] {
      return all.all().map(toScheme);
    },
    get(id: string): SchemeRow | undefined {
      const r = one.get(id);
      return r && toScheme(r);
    },
    versions(id?: string): SchemeVersionRow[] {
      return (id === undefined ? versions.all() : versionsOf.all(id)).map(toVersion);
    },
    definition(id: string, version: number): string | undefined {
      return definition.get(id, version)?.definition_json;
    },
    /** Every scheme with the JSON of its active version, those in use first. */
    activeDefinitions(): (SchemeRow & { definitionJson: string })[] {
      return activeDefinitions.all().map((r) => ({ ...toScheme(r), definitionJson: r.definition_json }));
    },
    insertScheme(s: SchemeRow): void {
      insertScheme.run(s.id, s.name, s.industry, s.activeVersion, s.inUse ? 1 : 0);
    },
    /** The id of the scheme in use for an industry, if any. */
    inUseFor(industry: string): string | undefined {
      return inUseFor.get(industry)?.id;
    },
    /** Make a scheme the one in use for its (current) industry. */
    use(id: string, industry: string): void {
      clearInUse.run(industry);
      setInUse.run(id);
    },
    insertVersion(v: SchemeVersionRow & { definitionJson: string }): void {
      insertVersion.run(v.schemeId, v.version, v.createdAt, v.origin, v.definitionJson, v.digest);
    },
    /** Make a version the active one, and the scheme the one in use for its industry. */
    activate(id: string, version: number, name: string, industry: string): void {
      clearInUse.run(industry);
      setActive.run(version, name, industry, id);
      setInUse.run(id);
    },
  };
}

export type SchemeRepo = ReturnType<typeof createSchemeRepo>;
