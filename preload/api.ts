/**
 * What the preload exposes to the page as `window.datasteward`: one function, nothing else.
 * Types only, so the renderer can name it without pulling in Electron.
 */
import type { Result } from '../main/api/result';

export interface PreloadApi {
  /** Calls one channel of the typed API (main/api/contract.ts); the answer is a Result envelope. */
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
}
