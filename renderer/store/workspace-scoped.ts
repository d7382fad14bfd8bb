/** Area stores that belong to one workspace: reset when another workspace is open. */
import { useEffect, useState } from 'react';
import type { StoreApi, UseBoundStore } from 'zustand';
import { useSessionStore } from './session';

export interface WorkspaceScoped {
  workspacePath: string | undefined;
  resetFor(workspacePath: string | undefined): void;
}

/** True once the store holds the open workspace's state (never another workspace's). */
export function useWorkspaceScopedStore<S extends WorkspaceScoped>(useStore: UseBoundStore<StoreApi<S>>): boolean {
  const workspacePath = useSessionStore((s) => s.status?.path);
  const storePath = useStore((s) => s.workspacePath);
  const resetFor = useStore((s) => s.resetFor);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    resetFor(workspacePath);
    setReady(true);
  }, [resetFor, workspacePath]);
  return ready && storePath === workspacePath;
}
