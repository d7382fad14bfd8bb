import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS } from '../../../main/host/security-policy';
import {
  applySessionSecurity,
  devicePermissionHandler,
  isAllowedRequestUrl,
  permissionCheckHandler,
  permissionRequestHandler,
  withSecurityHeaders,
  type SecurableSession,
} from '../../../main/electron/session-security';

const PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'hid',
  'media',
  'midi',
  'notifications',
  'openExternal',
  'persistent-storage',
  'pointerLock',
  'serial',
  'usb',
  'window-management',
  'unknown',
];

describe('request filter', () => {
  it.each([
    'app://datasteward/index.html',
    'app://datasteward/assets/index-abc.js',
    'data:image/png;base64,iVBORw0KGgo=',
    'blob:app://datasteward/6b1c1a6e-3a57-4a55-9a8e-2f1d3c6f4b10',
  ])('allows our own content: %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(true);
  });

  it.each([
    'http://example.com/',
    'https://example.com/',
    'http://127.0.0.1:3000/api/invoke',
    'https://localhost/',
    'ws://127.0.0.1:9222/',
    'wss://example.com/socket',
    'file:///etc/passwd',
    'file:///C:/Windows/win.ini',
    'ftp://example.com/',
    'app://evil/index.html',
    'app://datasteward:8080/',
    'blob:https://example.com/uuid',
    'blob:null/uuid',
    'chrome://settings',
    'chrome-extension://abc/x.js',
    'about:blank',
    'javascript:alert(1)',
    'devtools://devtools/bundled/inspector.html',
    'smb://server/share',
    '',
    'nonsense',
  ])('refuses %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(false);
  });

  it('lets the DevTools front end load only when asked to (development)', () => {
    expect(isAllowedRequestUrl('devtools://devtools/bundled/inspector.html', { allowDevTools: true })).toBe(true);
    expect(isAllowedRequestUrl('https://example.com/', { allowDevTools: true })).toBe(false);
  });
});

describe('security headers on responses', () => {
  it('adds the CSP and the other headers, replacing same-named ones whatever their case', () => {
    const out = withSecurityHeaders({
      'content-security-policy': ["default-src *"],
      'X-Frame-Options': 'ALLOWALL',
      'Content-Type': ['text/html'],
    });
    expect(out['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(out['content-security-policy']).toBeUndefined();
    expect(out['X-Frame-Options']).toEqual(['DENY']);
    expect(out['Content-Type']).toEqual(['text/html']);
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) expect(out[k]).toEqual([v]);
  });

  it('works without headers', () => {
    expect(withSecurityHeaders(undefined)['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
});

describe('permission handlers', () => {
  it.each(PERMISSIONS)('denies the request for %s', (permission) => {
    const cb = vi.fn();
    permissionRequestHandler({}, permission, cb);
    expect(cb).toHaveBeenCalledExactlyOnceWith(false);
  });

  it('denies every permission check and every device', () => {
    expect(permissionCheckHandler()).toBe(false);
    expect(devicePermissionHandler()).toBe(false);
  });
});

type Listener = (...args: unknown[]) => void;

function fakeSession() {
  const on = new Map<string, Listener[]>();
  const calls: Record<string, unknown[]> = {};
  const record = (name: string) => (...args: unknown[]) => {
    calls[name] = args;
  };
  const ses = {
    setPermissionRequestHandler: record('setPermissionRequestHandler'),
    setPermissionCheckHandler: record('setPermissionCheckHandler'),
    setDevicePermissionHandler: record('setDevicePermissionHandler'),
    setBluetoothPairingHandler: record('setBluetoothPairingHandler'),
    setSpellCheckerEnabled: record('setSpellCheckerEnabled'),
    on(event: string, l: Listener) {
      on.set(event, [...(on.get(event) ?? []), l]);
      return ses;
    },
    webRequest: {
      onBeforeRequest: record('onBeforeRequest'),
      onHeadersReceived: record('onHeadersReceived'),
    },
  };
  const emit = (event: string, ...args: unknown[]) => (on.get(event) ?? []).forEach((l) => l(...args));
  return { ses: ses as unknown as SecurableSession, calls, on, emit };
}

const handler = <T,>(calls: Record<string, unknown[]>, name: string) => calls[name]?.[0] as T;

describe('applySessionSecurity (wired on a fake session)', () => {
  it('installs deny-all permission handlers', () => {
    const f = fakeSession();
    applySessionSecurity(f.ses);
    const req = handler<(wc: unknown, p: string, cb: (g: boolean) => void) => void>(f.calls, 'setPermissionRequestHandler');
    const check = handler<(...a: unknown[]) => boolean>(f.calls, 'setPermissionCheckHandler');
    const device = handler<(...a: unknown[]) => boolean>(f.calls, 'setDevicePermissionHandler');
    for (const p of PERMISSIONS) {
      const cb = vi.fn();
      req({}, p, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(check(null, p, 'app://datasteward', {})).toBe(false);
    }
    expect(device({ deviceType: 'usb', origin: 'app://datasteward' })).toBe(false);
    const pair = handler<(d: unknown, cb: (r: unknown) => void) => void>(f.calls, 'setBluetoothPairingHandler');
    const pcb = vi.fn();
    pair({ deviceId: 'x', pairingKind: 'confirm' }, pcb);
    expect(pcb).toHaveBeenCalledWith({ confirmed: false });
    expect(f.calls.setSpellCheckerEnabled).toEqual([false]);
  });

  it('cancels every device chooser and every download', () => {
    const f = fakeSession();
    applySessionSecurity(f.ses);
    expect([...f.on.keys()].sort()).toEqual(['select-hid-device', 'select-serial-port', 'select-usb-device', 'will-download']);
    const ev = () => ({ preventDefault: vi.fn() });

    const hid = ev();
    const hidCb = vi.fn();
    f.emit('select-hid-device', hid, { deviceList: [{ deviceId: 'h' }] }, hidCb);
    expect(hid.preventDefault).toHaveBeenCalled();
    expect(hidCb).toHaveBeenCalledWith(null);

    const serial = ev();
    const serialCb = vi.fn();
    f.emit('select-serial-port', serial, [{ portId: 'p' }], {}, serialCb);
    expect(serial.preventDefault).toHaveBeenCalled();
    expect(serialCb).toHaveBeenCalledWith('');

    const usb = ev();
    const usbCb = vi.fn();
    f.emit('select-usb-device', usb, { deviceList: [{ deviceId: 'u' }] }, usbCb);
    expect(usb.preventDefault).toHaveBeenCalled();
    expect(usbCb).toHaveBeenCalledWith();

    const dl = ev();
    f.emit('will-download', dl, {}, {});
    expect(dl.preventDefault).toHaveBeenCalled();
  });

  it('cancels foreign requests and lets ours through', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const f = fakeSession();
    applySessionSecurity(f.ses);
    const before = handler<(d: { url: string }, cb: (r: { cancel?: boolean }) => void) => void>(f.calls, 'onBeforeRequest');
    const answer = (url: string) => {
      const cb = vi.fn();
      before({ url }, cb);
      return cb.mock.calls[0]?.[0];
    };
    expect(answer('app://datasteward/index.html')).toEqual({ cancel: false });
    for (const u of ['http://example.com/', 'https://example.com/', 'file:///etc/passwd', 'ws://127.0.0.1/', 'wss://x/', 'app://evil/']) {
      expect(answer(u), u).toEqual({ cancel: true });
    }
    expect(answer('devtools://devtools/bundled/inspector.html')).toEqual({ cancel: true });

    const dev = fakeSession();
    applySessionSecurity(dev.ses, { allowDevTools: true });
    const devBefore = handler<(d: { url: string }, cb: (r: { cancel?: boolean }) => void) => void>(dev.calls, 'onBeforeRequest');
    const cb = vi.fn();
    devBefore({ url: 'devtools://devtools/bundled/inspector.html' }, cb);
    expect(cb).toHaveBeenCalledWith({ cancel: false });
  });

  it('sets the CSP on every response (except the DevTools front end)', () => {
    const f = fakeSession();
    applySessionSecurity(f.ses);
    const headers = handler<(d: { url: string; responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void>(
      f.calls,
      'onHeadersReceived',
    );
    const cb = vi.fn();
    headers({ url: 'app://datasteward/index.html', responseHeaders: { 'Content-Type': ['text/html'] } }, cb);
    const r = cb.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> };
    expect(r.responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(r.responseHeaders['Content-Type']).toEqual(['text/html']);
    const dcb = vi.fn();
    headers({ url: 'devtools://devtools/bundled/inspector.html' }, dcb);
    expect(dcb).toHaveBeenCalledWith({});
  });
});
