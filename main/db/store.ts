/** One unlocked workspace database and its repositories: the whole SQL surface services see. */
import type { Db } from './connection';
import { createAuditRepo } from './repos/audit-repo';
import { createProfileRepo } from './repos/profile-repo';
import { createWorkspaceRepo } from './repos/workspace-repo';

export function createStore(db: Db, now: () => Date = () => new Date()) {
  return {
    db,
    workspace: createWorkspaceRepo(db),
    audit: createAuditRepo(db, now),
    profile: createProfileRepo(db),
    /** Run fn in one IMMEDIATE transaction: all of it is written, or none. */
    tx<T>(fn: () => T): T {
      return db.transaction(fn).immediate();
    },
  };
}

export type Store = ReturnType<typeof createStore>;
