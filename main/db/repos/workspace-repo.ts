/** The workspace identity row and the key/value settings. */
import type { WorkspaceRole } from '../../domain/workspace';
import type { Db } from '../connection';

export interface WorkspaceRow {
  uid: string;
  role: WorkspaceRole;
  name: string;
  createdAt: string;
  createdByApp: string;
}

export function createWorkspaceRepo(db: Db) {
  const get = db.prepare<[], { uid: string; role: WorkspaceRole; name: string; created_at: string; created_by_app: string }>(
    'SELECT uid, role, name, created_at, created_by_app FROM workspace WHERE id = 1',
  );
  const insert = db.prepare(
    'INSERT INTO workspace (id, uid, role, name, created_at, created_by_app) VALUES (1, ?, ?, ?, ?, ?)',
  );
  const getSetting = db.prepare<[string], { value: string }>('SELECT value FROM setting WHERE key = ?');
  const putSetting = db.prepare(
    'INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return {
    get(): WorkspaceRow | undefined {
      const r = get.get();
      return r && { uid: r.uid, role: r.role, name: r.name, createdAt: r.created_at, createdByApp: r.created_by_app };
    },
    insert(w: WorkspaceRow): void {
      insert.run(w.uid, w.role, w.name, w.createdAt, w.createdByApp);
    },
    getSetting(key: string): string | undefined {
      return getSetting.get(key)?.value;
    },
    putSetting(key: string, value: string): void {
      putSetting.run(key, value);
    },
  };
}

export type WorkspaceRepo = ReturnType<typeof createWorkspaceRepo>;
