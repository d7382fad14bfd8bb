/**
 * The preload of the main window. It runs sandboxed (sandbox: true), so it can require nothing but
 * 'electron'; it is bundled into one file (dist/preload/preload.cjs) and imports only types from
 * main/api.
 *
 * Exposed through contextBridge (contextIsolation: true): `window.datasteward.invoke(channel,
 * input)` and nothing else: no ipcRenderer, no event objects, no listeners, no Node. The main
 * process checks the sender of every call (main/electron/ipc.ts) and the backend validates the
 * channel and input.
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../main/api/result';
import type { PreloadApi } from './api';

export type { PreloadApi } from './api';

/** Must equal IPC_CHANNEL in main/electron/ipc.ts (checked by test/unit/electron/preload.test.ts). */
const IPC_CHANNEL = 'ds:invoke';

const api: PreloadApi = {
  invoke: (channel: string, input: unknown) => ipcRenderer.invoke(IPC_CHANNEL, channel, input) as Promise<Result<unknown>>,
};

contextBridge.exposeInMainWorld('datasteward', api);
