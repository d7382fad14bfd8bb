/**
 * Transports: how `{channel, input}` reaches the backend.
 *  - Electron: the preload exposes `window.datasteward.invoke` (contextBridge).
 *  - Browser host: POST /api/invoke with the per-start secret as a Bearer token. The secret arrives
 *    once in the URL fragment (`#k=…`), is kept in sessionStorage and removed from the address bar.
 * Every failure comes back as a Result envelope; a transport never throws.
 */
import type { Transport } from '../../main/api/client';
import type { Result } from '../../main/api/result';
import type { ErrorInfo } from '../../main/domain/errors';

export const SECRET_KEY = 'ds.secret';
export const INVOKE_PATH = '/api/invoke';

export interface PreloadBridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
}

/** The globals a transport needs; the real `window` by default, a fake in tests. */
export interface HostWindow {
  datasteward?: PreloadBridge | undefined;
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url?: string | URL | null): void };
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'>;
  fetch: typeof fetch;
}

export type TransportSelection =
  | { kind: 'preload'; transport: Transport }
  | { kind: 'browser'; transport: Transport }
  | { kind: 'none' };

export function networkError(detail?: string): ErrorInfo {
  return {
    code: 'NETWORK',
    message_zh: '无法连接到 DataSteward 后台程序。请确认 DataSteward 仍在运行，然后重试。',
    message_en: 'Cannot reach the DataSteward backend. Make sure DataSteward is still running, then try again.',
    ...(detail ? { details: { reason: detail } } : {}),
  };
}

export function hostRefused(status: number): ErrorInfo {
  return {
    code: 'HOST_REFUSED',
    message_zh: `DataSteward 后台拒绝了请求（HTTP ${status}）。请从 DataSteward 启动时给出的地址重新打开本页。`,
    message_en: `The DataSteward backend refused the request (HTTP ${status}). Reopen this page from the address DataSteward printed at start.`,
    details: { status },
  };
}

function isEnvelope(x: unknown): x is Result<unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const r = x as { ok?: unknown; error?: unknown };
  if (r.ok === true) return 'value' in r;
  if (r.ok === false) {
    const e = r.error as Partial<ErrorInfo> | undefined;
    return typeof e === 'object' && e !== null && typeof e.code === 'string';
  }
  return false;
}

function normaliseError(e: Partial<ErrorInfo>): ErrorInfo {
  const code = String(e.code);
  const info: ErrorInfo = {
    code,
    message_zh: typeof e.message_zh === 'string' && e.message_zh ? e.message_zh : code,
    message_en: typeof e.message_en === 'string' && e.message_en ? e.message_en : code,
  };
  if (e.details !== undefined) info.details = e.details;
  return info;
}

export function createPreloadTransport(bridge: PreloadBridge): Transport {
  return {
    async invoke(channel, input) {
      try {
        const r: unknown = await bridge.invoke(channel, input);
        if (!isEnvelope(r)) return { ok: false, error: networkError('malformed answer') };
        return r.ok ? r : { ok: false, error: normaliseError(r.error) };
      } catch (e) {
        return { ok: false, error: networkError(e instanceof Error ? e.message : String(e)) };
      }
    },
  };
}

export function createFetchTransport(secret: string, fetchFn: typeof fetch): Transport {
  return {
    async invoke(channel, input) {
      let res: Response;
      try {
        res = await fetchFn(INVOKE_PATH, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${secret}` },
          body: JSON.stringify({ channel, input }),
          cache: 'no-store',
          credentials: 'omit',
        });
      } catch (e) {
        return { ok: false, error: networkError(e instanceof Error ? e.message : String(e)) };
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        return { ok: false, error: hostRefused(res.status) };
      }
      if (!isEnvelope(body)) return { ok: false, error: hostRefused(res.status) };
      return body.ok ? body : { ok: false, error: normaliseError(body.error) };
    },
  };
}

/**
 * Take the secret out of the URL fragment (if there) into sessionStorage and strip the fragment
 * from the address bar. Returns the secret to use, or null when the page was not opened properly.
 */
export function captureSecret(win: HostWindow): string | null {
  const hash = win.location.hash.startsWith('#') ? win.location.hash.slice(1) : win.location.hash;
  if (hash) {
    const params = new URLSearchParams(hash);
    const k = params.get('k');
    if (k) {
      try {
        win.sessionStorage.setItem(SECRET_KEY, k);
      } catch {
        /* storage unavailable: the secret still works for this page load */
      }
      win.history.replaceState(null, '', win.location.pathname + win.location.search);
      return k;
    }
  }
  try {
    return win.sessionStorage.getItem(SECRET_KEY);
  } catch {
    return null;
  }
}

/** Preload when present (Electron), else fetch with the secret (browser host), else none. */
export function selectTransport(win: HostWindow): TransportSelection {
  const bridge = win.datasteward;
  if (bridge && typeof bridge.invoke === 'function') return { kind: 'preload', transport: createPreloadTransport(bridge) };
  const secret = captureSecret(win);
  if (secret) return { kind: 'browser', transport: createFetchTransport(secret, win.fetch.bind(globalThis)) };
  return { kind: 'none' };
}
