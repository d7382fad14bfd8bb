/** Messages between a host and the backend worker thread. */
import type { CallContext } from '../api/handlers';
import type { Result } from '../api/result';

export type ToWorker =
  | { kind: 'invoke'; id: number; channel: unknown; input: unknown; ctx: CallContext }
  | { kind: 'dispose'; id: number };

export type FromWorker = { kind: 'result'; id: number; result: Result<unknown> } | { kind: 'disposed'; id: number };
