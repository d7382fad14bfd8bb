/**
 * The workspace session as the backend reports it (`workspace.status`), polled every 20 s so an
 * idle lock done by the backend shows the unlock screen. Any answer WORKSPACE_LOCKED or
 * NO_WORKSPACE also updates it at once.
 */
import { create } from 'zustand';
import type { AppInfo } from '../../main/api/contract';
import type { WorkspaceStatus } from '../../main/domain/workspace';
import type { ErrorInfo } from '../../main/domain/errors';
import { api, onApiError } from '../api/index';
import { useViewStore } from './view';

export const STATUS_POLL_MS = 20_000;

export interface MigrationNotice {
  from: number;
  to: number | undefined;
  backupPath: string | undefined;
}

interface SessionState {
  status: WorkspaceStatus | null;
  appInfo: AppInfo | null;
  /** The last status poll failed (backend gone?). */
  connectionError: ErrorInfo | null;
  migration: MigrationNotice | null;
  refresh(): Promise<void>;
  loadAppInfo(): Promise<void>;
  /** Take a status answer from any call (create, unlock, lock, settings …). */
  setStatus(status: WorkspaceStatus, opts?: { openArea?: 'home' | 'profile' }): void;
  dismissMigration(): void;
}

export const useSessionStore = create<SessionState>((set, get) => ({
  status: null,
  appInfo: null,
  connectionError: null,
  migration: null,
  async refresh() {
    const r = await api.invoke('workspace.status', {});
    if (r.ok) {
      set({ connectionError: null });
      get().setStatus(r.value);
    } else if (r.error.code !== 'WORKSPACE_LOCKED' && r.error.code !== 'NO_WORKSPACE') {
      set({ connectionError: r.error });
    }
  },
  async loadAppInfo() {
    const r = await api.invoke('app.info', {});
    if (r.ok) set({ appInfo: r.value });
  },
  setStatus(status, opts) {
    const prev = get().status;
    const view = useViewStore.getState();
    if (status.state === 'open' && prev?.state !== 'open') {
      // Back from a lock: stay where the user was. Freshly opened or created: start page.
      if (opts?.openArea) view.force(opts.openArea);
      else if (prev?.state !== 'locked') view.force('home');
    }
    if (status.state === 'closed' && prev?.state !== 'closed') {
      view.force('home');
      view.showClosed('welcome');
    }
    const patch: Partial<SessionState> = { status };
    if (status.migratedFrom !== undefined || status.backupPath !== undefined) {
      patch.migration = { from: status.migratedFrom ?? 0, to: status.schemaVersion, backupPath: status.backupPath };
    }
    if (status.state !== 'open') patch.migration = null;
    set(patch);
  },
  dismissMigration() {
    set({ migration: null });
  },
}));

onApiError((error, channel) => {
  if (channel === 'workspace.status') return;
  const { status, setStatus, refresh } = useSessionStore.getState();
  if (error.code === 'WORKSPACE_LOCKED') {
    if (status?.state === 'open') {
      const { path, name, role } = status;
      setStatus({ state: 'locked', ...(path ? { path } : {}), ...(name ? { name } : {}), ...(role ? { role } : {}) });
    }
    void refresh();
  } else if (error.code === 'NO_WORKSPACE') {
    setStatus({ state: 'closed' });
  }
});
