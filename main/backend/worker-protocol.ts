/** Messages between a host and the backend worker thread. */
import type { CallContext } from '../api/handlers';
import type { Result } from '../api/result';

export type ToWorker =
  | { kind: 'invoke'; id: number; channel: unknown; input: unknown; ctx: CallContext }
  | { kind: 'dispose'; id: number }
  /** The host's answer to a 'pdf' request (risk report printed by the host, e.g. Electron). */
  | { kind: 'pdf-done'; id: number; data?: Uint8Array; error?: string };

export type FromWorker =
  | { kind: 'result'; id: number; result: Result<unknown> }
  | { kind: 'disposed'; id: number }
  /** Ask the host to print HTML to PDF (only when the host passed a printer to createWorkerBackend). */
  | { kind: 'pdf'; id: number; html: string; opts: unknown };
