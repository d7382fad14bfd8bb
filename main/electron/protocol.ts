/**
 * The `app://datasteward/` protocol that serves the built renderer inside Electron.
 *
 * The UI never loads from `file://` (security checklist item 18): a standard, secure custom scheme
 * gives the page a real origin (`app://datasteward`), so the same-origin policy, the CSP `'self'`
 * source and the IPC sender check all have something exact to compare against.
 *
 * Pure: no run-time import of 'electron' (types only), so the unit tests run without a binary.
 * main.ts registers `PRIVILEGED_SCHEMES` before `ready` and `createProtocolHandler(root)` with
 * `protocol.handle('app', …)` after it.
 */
import fs from 'node:fs';
import type { CustomScheme } from 'electron';
import { mimeType, resolveStaticPath } from '../host/static-files';
import { SECURITY_HEADERS } from '../host/security-policy';

export const APP_SCHEME = 'app';
export const APP_HOST = 'datasteward';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * standard: parsed like http (host, path, relative URLs, a real origin, web storage).
 * secure: a secure context, so no mixed-content downgrade and the page is not "insecure".
 * supportFetchAPI: `fetch()` of our own assets (module preloads, JSON) works.
 * NOT bypassCSP (the CSP must apply), NOT corsEnabled (nothing cross-origin may read our files;
 * same-origin module scripts load without it), NOT allowServiceWorkers, NOT stream, NOT codeCache.
 */
export const PRIVILEGED_SCHEMES: readonly CustomScheme[] = Object.freeze([
  Object.freeze({
    scheme: APP_SCHEME,
    privileges: Object.freeze({ standard: true, secure: true, supportFetchAPI: true }),
  }),
]);

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * True only for `app://datasteward/…`: exact scheme and host, no port, no user info.
 * (Node's URL gives `origin === 'null'` for custom schemes, so the parts are compared instead.)
 */
export function isAppUrl(url: string): boolean {
  const u = parseUrl(url);
  return (
    u !== undefined &&
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

export interface AppRequest {
  method: string;
  url: string;
}

/** What to answer: a status, the headers, and for a GET of an existing file the file to send. */
export interface AppResponse {
  status: 200 | 404 | 405;
  headers: Record<string, string>;
  /** Set for 200 answers to GET only (HEAD has no body). */
  filePath?: string;
  /** Set for error answers (plain text). */
  text?: string;
}

const TEXT = 'text/plain; charset=utf-8';

function refuse(status: 404 | 405, text: string, extra: Record<string, string> = {}): AppResponse {
  return { status, headers: { ...SECURITY_HEADERS, 'Content-Type': TEXT, ...extra }, text };
}

/**
 * Decide the answer to one request. GET and HEAD only (405 otherwise); host `datasteward` only;
 * the path goes through `resolveStaticPath`, which refuses `..` (also encoded), backslashes, NUL,
 * drive letters, symlinks leading out of root and directories (404 for all of them).
 * Every answer carries SECURITY_HEADERS (CSP, nosniff, frame and referrer policies…).
 */
export function handleAppRequest(request: AppRequest, root: string): AppResponse {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return refuse(405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
  }
  if (!isAppUrl(request.url)) return refuse(404, 'Not Found');
  const url = new URL(request.url);
  let file: string | undefined;
  try {
    file = resolveStaticPath(root, url.pathname);
  } catch {
    file = undefined; // root missing or unreadable
  }
  if (!file) return refuse(404, 'Not Found');
  const headers = { ...SECURITY_HEADERS, 'Content-Type': mimeType(file) };
  return request.method === 'GET' ? { status: 200, headers, filePath: file } : { status: 200, headers };
}

/**
 * The function given to `protocol.handle('app', …)`: turns `handleAppRequest`'s answer into a
 * real `Response`, reading the file only for a 200 GET. Also pure (Node's global Response).
 */
export function createProtocolHandler(
  root: string,
  readFile: (file: string) => Promise<Uint8Array> = (f) => fs.promises.readFile(f),
): (request: AppRequest) => Promise<Response> {
  return async (request) => {
    const answer = handleAppRequest({ method: request.method, url: request.url }, root);
    let body: Uint8Array<ArrayBuffer> | string | null = null;
    if (answer.filePath) {
      try {
        body = new Uint8Array(await readFile(answer.filePath));
      } catch {
        const gone = refuse(404, 'Not Found');
        return new Response(gone.text ?? null, { status: gone.status, headers: gone.headers });
      }
    } else if (answer.text !== undefined && request.method !== 'HEAD') {
      body = answer.text;
    }
    return new Response(body, { status: answer.status, headers: answer.headers });
  };
}
