import { describe, expect, it, vi } from 'vitest';
import {
  applyWebContentsGuards,
  denyBluetoothSelection,
  guardNavigation,
  guardWebviewAttach,
  isAllowedNavigation,
  windowOpenHandler,
  type GuardableContents,
} from '../../../main/electron/navigation';

const URLS = [
  'app://datasteward/index.html',
  'app://datasteward/other.html',
  'app://evil/index.html',
  'https://example.com/',
  'http://127.0.0.1:8080/',
  'file:///etc/passwd',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'ms-settings:',
  'smb://server/share',
  '',
];

function fakeContents() {
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  const contents: GuardableContents = {
    on(event, listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener as unknown as (...args: unknown[]) => void]);
      return contents;
    },
    setWindowOpenHandler(h) {
      openHandler = h;
    },
  };
  const emit = (event: string, ...args: unknown[]) => {
    for (const l of listeners.get(event) ?? []) l(...args);
  };
  return { contents, emit, listeners, open: (url: string) => openHandler?.({ url }) };
}

const preventable = () => ({ preventDefault: vi.fn() });

describe('navigation policy', () => {
  it('allows no navigation at all, not even to our own origin', () => {
    for (const u of URLS) expect(isAllowedNavigation(u), u).toBe(false);
  });

  it('guardNavigation prevents every will-navigate / will-redirect URL', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const u of URLS) {
      const e = preventable();
      guardNavigation(e, u);
      expect(e.preventDefault, u).toHaveBeenCalledOnce();
    }
  });

  it('guardNavigation prevents will-frame-navigate (URL on the event)', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const e = { ...preventable(), url: 'https://example.com/' };
    guardNavigation(e);
    expect(e.preventDefault).toHaveBeenCalledOnce();
  });

  it('window.open is denied for every URL', () => {
    for (const u of URLS) expect(windowOpenHandler({ url: u })).toEqual({ action: 'deny' });
  });

  it('a <webview> is never attached, and its preferences are defanged anyway', () => {
    const e = preventable();
    const prefs: Record<string, unknown> = { preload: '/evil.js', nodeIntegration: true, contextIsolation: false, sandbox: false };
    guardWebviewAttach(e, prefs);
    expect(e.preventDefault).toHaveBeenCalledOnce();
    expect(prefs).toEqual({ nodeIntegration: false, contextIsolation: true, sandbox: true });
  });

  it('the Web Bluetooth chooser is cancelled', () => {
    const e = preventable();
    const cb = vi.fn();
    denyBluetoothSelection(e, [{ deviceId: 'x', deviceName: 'x' }], cb);
    expect(e.preventDefault).toHaveBeenCalledOnce();
    expect(cb).toHaveBeenCalledWith('');
  });
});

describe('applyWebContentsGuards (what web-contents-created installs)', () => {
  it('registers every guard and they act when the events fire', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const f = fakeContents();
    applyWebContentsGuards(f.contents);
    expect([...f.listeners.keys()].sort()).toEqual(
      ['select-bluetooth-device', 'will-attach-webview', 'will-frame-navigate', 'will-navigate', 'will-redirect'].sort(),
    );

    const nav = preventable();
    f.emit('will-navigate', nav, 'https://example.com/', false, true, 1, 1);
    expect(nav.preventDefault).toHaveBeenCalled();

    const frameNav = { ...preventable(), url: 'app://datasteward/index.html' };
    f.emit('will-frame-navigate', frameNav);
    expect(frameNav.preventDefault).toHaveBeenCalled();

    const redirect = preventable();
    f.emit('will-redirect', redirect, 'http://127.0.0.1/', false, true, 1, 1);
    expect(redirect.preventDefault).toHaveBeenCalled();

    const webview = preventable();
    f.emit('will-attach-webview', webview, {}, { src: 'https://example.com' });
    expect(webview.preventDefault).toHaveBeenCalled();

    const bt = preventable();
    const cb = vi.fn();
    f.emit('select-bluetooth-device', bt, [], cb);
    expect(bt.preventDefault).toHaveBeenCalled();
    expect(cb).toHaveBeenCalledWith('');

    expect(f.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(f.open('app://datasteward/index.html')).toEqual({ action: 'deny' });
  });
});
