/**
 * Session-wide policy, applied to the default session and to any other session that gets created:
 *  - every permission request and check is denied, and so is every device (HID, serial, USB,
 *    Bluetooth) choice and Bluetooth pairing;
 *  - every request whose URL is not ours is cancelled: the app is offline, so http, https, ws,
 *    wss, ftp, file and foreign `app://` hosts never leave (or enter) the renderer;
 *  - the security headers (CSP first) are set again on every response (defence in depth: the
 *    protocol handler already sends them);
 *  - downloads are cancelled (exports are written by the backend, never by the page);
 *  - the spellchecker stays off (it would download dictionaries).
 *
 * Pure: no run-time import of 'electron'; `applySessionSecurity` takes the session as a parameter.
 */
import type { Session } from 'electron';
import { SECURITY_HEADERS } from '../host/security-policy';
import { isAppUrl } from './protocol';

export interface RequestPolicyOptions {
  /** Development runs only: let the DevTools front end (devtools://) load. */
  allowDevTools?: boolean;
}

/** The only URLs the renderer may request: our origin, data: and blob: of our origin. */
export function isAllowedRequestUrl(url: string, opts: RequestPolicyOptions = {}): boolean {
  if (typeof url !== 'string') return false;
  const colon = url.indexOf(':');
  if (colon <= 0) return false;
  const scheme = url.slice(0, colon).toLowerCase();
  switch (scheme) {
    case 'app':
      return isAppUrl(url);
    case 'data':
      return true;
    case 'blob':
      return isAppUrl(url.slice(colon + 1));
    case 'devtools':
      return opts.allowDevTools === true;
    default:
      return false;
  }
}

/** Response headers with ours replacing any same-named header (compared case-insensitively). */
export function withSecurityHeaders(headers: Record<string, string | string[]> | undefined): Record<string, string[]> {
  const ours = new Set(Object.keys(SECURITY_HEADERS).map((k) => k.toLowerCase()));
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (!ours.has(k.toLowerCase())) out[k] = Array.isArray(v) ? v : [v];
  }
  for (const [k, v] of Object.entries(SECURITY_HEADERS)) out[k] = [v];
  return out;
}

export function permissionRequestHandler(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

export function permissionCheckHandler(): boolean {
  return false;
}

export function devicePermissionHandler(): boolean {
  return false;
}

/** The slice of Session this module uses (a fake in the tests). */
export type SecurableSession = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setBluetoothPairingHandler'
  | 'setSpellCheckerEnabled'
  | 'on'
> & {
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest' | 'onHeadersReceived'>;
};

interface PreventableEvent {
  preventDefault(): void;
}

export function applySessionSecurity(ses: SecurableSession, opts: RequestPolicyOptions = {}): void {
  ses.setPermissionRequestHandler(permissionRequestHandler);
  ses.setPermissionCheckHandler(permissionCheckHandler);
  ses.setDevicePermissionHandler(devicePermissionHandler);
  ses.setBluetoothPairingHandler((_details, callback) => callback({ confirmed: false }));
  ses.setSpellCheckerEnabled(false);

  ses.on('select-hid-device', (event: PreventableEvent, _details: unknown, callback: (id?: string | null) => void) => {
    event.preventDefault();
    callback(null);
  });
  ses.on('select-serial-port', (event: PreventableEvent, _ports: unknown, _wc: unknown, callback: (id: string) => void) => {
    event.preventDefault();
    callback('');
  });
  ses.on('select-usb-device', (event: PreventableEvent, _details: unknown, callback: (id?: string) => void) => {
    event.preventDefault();
    callback();
  });
  ses.on('will-download', (event: PreventableEvent) => {
    event.preventDefault();
  });

  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequestUrl(details.url, opts);
    if (!allowed) console.warn('[datasteward] request blocked', details.url.slice(0, 200));
    callback({ cancel: !allowed });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (details.url.startsWith('devtools:')) return callback({});
    callback({ responseHeaders: withSecurityHeaders(details.responseHeaders) });
  });
}
