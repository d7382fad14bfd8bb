/**
 * The workspace session: which workspace is open, locked or closed, who is working in it, and
 * when it was last used (for lock-after-idle). Holds the only open database connection.
 */
import type { WorkspaceRole } from '../domain/workspace';
import type { Store } from '../db/store';
import type { WorkspaceRow } from '../db/repos/workspace-repo';
import { noWorkspace, workspaceLocked } from './errors';

export interface OpenState {
  kind: 'open';
  path: string;
  store: Store;
  info: WorkspaceRow;
  operator: string;
  idleLockMinutes: number;
  lastActivity: number;
}

export type SessionState =
  | { kind: 'closed' }
  | { kind: 'locked'; path: string; name: string; role: WorkspaceRole; reason: 'manual' | 'idle' }
  | OpenState;

export function createSession(clock: () => number = () => Date.now()) {
  let state: SessionState = { kind: 'closed' };

  const closeDb = () => {
    if (state.kind === 'open') {
      try {
        state.store.db.close();
      } catch {
        // Closing a connection that already failed must not stop the lock.
      }
    }
  };

  return {
    get state(): SessionState {
      return state;
    },
    requireOpen(): OpenState {
      if (state.kind === 'closed') throw noWorkspace();
      if (state.kind === 'locked') throw workspaceLocked();
      return state;
    },
    open(s: Omit<OpenState, 'kind' | 'lastActivity'>): OpenState {
      closeDb();
      state = { ...s, kind: 'open', lastActivity: clock() };
      return state;
    },
    touch(): void {
      if (state.kind === 'open') state.lastActivity = clock();
    },
    lock(reason: 'manual' | 'idle'): void {
      if (state.kind !== 'open') return;
      const { path, info } = state;
      closeDb();
      state = { kind: 'locked', path, name: info.name, role: info.role, reason };
    },
    close(): void {
      closeDb();
      state = { kind: 'closed' };
    },
    /** Lock when the workspace has not been used for its idle period. Returns true if it locked. */
    checkIdle(): boolean {
      if (state.kind !== 'open') return false;
      if (clock() - state.lastActivity >= state.idleLockMinutes * 60_000) {
        this.lock('idle');
        return true;
      }
      return false;
    },
  };
}

export type Session = ReturnType<typeof createSession>;
