/**
 * The one typed client the UI talks to. The transport is chosen once, on first use (or by
 * `initApi()` at start), so importing this module has no side effects.
 */
import { createClient, type Client, type Transport } from '../../main/api/client';
import type { ErrorInfo } from '../../main/domain/errors';
import { networkError, selectTransport, type HostWindow, type TransportSelection } from './transport';

export type HostKind = TransportSelection['kind'];

let selection: TransportSelection | null = null;
type ErrorListener = (error: ErrorInfo, channel: string) => void;
const listeners = new Set<ErrorListener>();

/** Pick the transport for this page. Safe to call more than once; the first pick stays. */
export function initApi(win: HostWindow = window as unknown as HostWindow): HostKind {
  if (!selection) selection = selectTransport(win);
  return selection.kind;
}

/** Tests only: forget the chosen transport. */
export function resetApiForTests(): void {
  selection = null;
}

/** Be told about every error answer (the session store watches for WORKSPACE_LOCKED / NO_WORKSPACE). */
export function onApiError(listener: ErrorListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const watchedTransport: Transport = {
  async invoke(channel, input) {
    initApi();
    const sel = selection!;
    if (sel.kind === 'none') return { ok: false, error: networkError('no secret') };
    const result = await sel.transport.invoke(channel, input);
    if (!result.ok) for (const l of listeners) l(result.error, channel);
    return result;
  },
};

export const api: Client = createClient(watchedTransport);
export type { Client };
