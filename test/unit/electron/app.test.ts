/**
 * The start-up sequence of main/electron/app.ts against a fake `electron`: what is called, with
 * what, and in which order. No Electron binary is involved (see docs/ELECTRON-SECURITY.md for what
 * this cannot prove).
 */
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Backend, BackendOptions } from '../../../main/backend/backend';
import { startApp, type AppDeps, type ElectronApi } from '../../../main/electron/app';
import { IPC_CHANNEL, SENDER_REFUSED } from '../../../main/electron/ipc';
import { PRIVILEGED_SCHEMES } from '../../../main/electron/protocol';

type Listener = (...args: unknown[]) => unknown;

class Emitter {
  listeners = new Map<string, Listener[]>();
  on(event: string, l: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), l]);
    return this;
  }
  once(event: string, l: Listener) {
    return this.on(event, l);
  }
  emit(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) l(...args);
  }
}

function fakeSession(order: string[]) {
  const s = new Emitter() as Emitter & Record<string, unknown>;
  const rec = (name: string) => () => {
    order.push(`session.${name}`);
  };
  Object.assign(s, {
    setPermissionRequestHandler: rec('setPermissionRequestHandler'),
    setPermissionCheckHandler: rec('setPermissionCheckHandler'),
    setDevicePermissionHandler: rec('setDevicePermissionHandler'),
    setBluetoothPairingHandler: rec('setBluetoothPairingHandler'),
    setSpellCheckerEnabled: rec('setSpellCheckerEnabled'),
    webRequest: { onBeforeRequest: rec('onBeforeRequest'), onHeadersReceived: rec('onHeadersReceived') },
  });
  return s;
}

function setup(opts: { lock?: boolean; isPackaged?: boolean; platform?: NodeJS.Platform } = {}) {
  const order: string[] = [];
  let resolveReady!: () => void;
  const readyPromise = new Promise<void>((r) => (resolveReady = r));
  const app = new Emitter() as Emitter & Record<string, unknown>;
  Object.assign(app, {
    isPackaged: opts.isPackaged ?? true,
    enableSandbox: vi.fn(() => order.push('app.enableSandbox')),
    requestSingleInstanceLock: vi.fn(() => {
      order.push('app.requestSingleInstanceLock');
      return opts.lock ?? true;
    }),
    setAppUserModelId: vi.fn(),
    quit: vi.fn(() => order.push('app.quit')),
    whenReady: vi.fn(() => readyPromise),
    getPath: vi.fn((name: string) => `/home/u/.${name}`),
  });
  const origOn = app.on.bind(app);
  app.on = (event: string, l: Listener) => {
    order.push(`app.on:${event}`);
    return origOn(event, l);
  };

  const defaultSession = fakeSession(order);
  const windows: FakeWindow[] = [];
  const mainFrame = { url: 'app://datasteward/index.html', origin: 'app://datasteward', parent: null, processId: 3, frameToken: 't' };
  class FakeWindow extends Emitter {
    options: unknown;
    destroyed = false;
    webContents = { mainFrame };
    loadURL = vi.fn(async (url: string) => {
      order.push(`win.loadURL:${url}`);
    });
    show = vi.fn();
    focus = vi.fn();
    restore = vi.fn();
    isMinimized = () => true;
    isDestroyed = () => this.destroyed;
    constructor(options: unknown) {
      super();
      order.push('new BrowserWindow');
      this.options = options;
      windows.push(this);
    }
  }
  const ipcHandlers = new Map<string, Listener>();
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: {
      handle: vi.fn((channel: string, h: Listener) => {
        order.push(`ipcMain.handle:${channel}`);
        ipcHandlers.set(channel, h);
      }),
    },
    Menu: {
      buildFromTemplate: vi.fn((t: unknown) => ({ template: t })),
      setApplicationMenu: vi.fn(() => order.push('Menu.setApplicationMenu')),
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => order.push('protocol.registerSchemesAsPrivileged')),
      handle: vi.fn((scheme: string) => order.push(`protocol.handle:${scheme}`)),
    },
    session: { defaultSession },
  } as unknown as ElectronApi;

  let disposeResolve!: () => void;
  const backend: Backend = {
    invoke: vi.fn(async (channel: unknown) => ({ ok: true as const, value: channel })),
    dispose: vi.fn(() => new Promise<void>((r) => (disposeResolve = r))),
  };
  const backendOpts: Omit<BackendOptions, 'log'>[] = [];
  const deps: AppDeps = {
    rendererRoot: path.resolve('/opt/ds/resources/app.asar/dist/renderer'),
    preloadPath: path.resolve('/opt/ds/resources/app.asar/dist/preload/preload.cjs'),
    appVersion: '9.9.9',
    createBackend: (o) => {
      order.push('createBackend');
      backendOpts.push(o);
      return backend;
    },
    joinPath: path.posix.join,
    platform: opts.platform ?? 'linux',
  };
  const handle = startApp(electron, deps);
  return {
    order,
    app,
    electron,
    windows,
    mainFrame,
    ipcHandlers,
    backend,
    backendOpts,
    handle,
    defaultSession,
    ready: async () => {
      resolveReady();
      await handle.ready;
    },
    finishDispose: () => disposeResolve(),
  };
}

describe('Electron start-up (fake electron)', () => {
  it('enables the sandbox, registers the scheme and installs the guards before ready', () => {
    const t = setup();
    expect(t.order.slice(0, 3)).toEqual(['app.enableSandbox', 'protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock']);
    expect(t.electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([...PRIVILEGED_SCHEMES]);
    expect(t.order).toContain('app.on:web-contents-created');
    expect(t.order).toContain('app.on:session-created');
    expect(t.order).toContain('app.on:window-all-closed');
    expect(t.order).toContain('app.on:will-quit');
    expect(t.order).not.toContain('new BrowserWindow');
  });

  it('quits at once without the single-instance lock', () => {
    const t = setup({ lock: false });
    expect(t.app.quit).toHaveBeenCalled();
    expect(t.app.whenReady).not.toHaveBeenCalled();
    expect(t.order).not.toContain('app.on:web-contents-created');
  });

  it('at ready: secures the session, serves app://, starts the backend and IPC, then loads the UI', async () => {
    const t = setup();
    await t.ready();
    const at = (s: string) => t.order.indexOf(s);
    const load = at('win.loadURL:app://datasteward/index.html');
    expect(load).toBeGreaterThan(0);
    for (const step of [
      'session.setPermissionRequestHandler',
      'session.setPermissionCheckHandler',
      'session.setDevicePermissionHandler',
      'session.onBeforeRequest',
      'session.onHeadersReceived',
      'protocol.handle:app',
      'createBackend',
      `ipcMain.handle:${IPC_CHANNEL}`,
      'Menu.setApplicationMenu',
      'new BrowserWindow',
    ]) {
      expect(at(step), step).toBeGreaterThanOrEqual(0);
      expect(at(step), step).toBeLessThan(load);
    }
    expect(t.windows).toHaveLength(1);
    expect(t.backendOpts).toEqual([
      { configDir: '/home/u/.userData', defaultWorkspaceDir: '/home/u/.documents/DataSteward', host: 'electron', appVersion: '9.9.9' },
    ]);
  });

  it('opens the window with the secure options and shows it on ready-to-show', async () => {
    const t = setup();
    await t.ready();
    const win = t.windows[0]!;
    expect(win.options).toMatchObject({
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: false, preload: path.resolve('/opt/ds/resources/app.asar/dist/preload/preload.cjs') },
    });
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalled();
  });

  it('the registered IPC handler answers the main frame and refuses anything else', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const t = setup();
    await t.ready();
    const h = t.ipcHandlers.get(IPC_CHANNEL)!;
    expect(await h({ senderFrame: t.mainFrame }, 'app.info', {})).toEqual({ ok: true, value: 'app.info' });
    const sub = { ...t.mainFrame, parent: t.mainFrame, frameToken: 'sub' };
    expect(await h({ senderFrame: sub }, 'app.info', {})).toEqual(SENDER_REFUSED);
    expect(t.backend.invoke).toHaveBeenCalledOnce();
    // after the window is closed, nothing is accepted
    t.windows[0]!.destroyed = true;
    t.windows[0]!.emit('closed');
    expect(await h({ senderFrame: t.mainFrame }, 'app.info', {})).toEqual(SENDER_REFUSED);
  });

  it('guards every webContents created, and every new session', async () => {
    const t = setup();
    await t.ready();
    const contents = new Emitter() as Emitter & { setWindowOpenHandler: ReturnType<typeof vi.fn> };
    contents.setWindowOpenHandler = vi.fn();
    t.app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect([...contents.listeners.keys()]).toEqual(
      expect.arrayContaining(['will-navigate', 'will-frame-navigate', 'will-redirect', 'will-attach-webview', 'select-bluetooth-device']),
    );
    const other = fakeSession(t.order);
    const before = t.order.length;
    t.app.emit('session-created', other);
    expect(t.order.slice(before)).toContain('session.setPermissionRequestHandler');
    // the default session is not secured twice
    const again = t.order.length;
    t.app.emit('session-created', t.defaultSession);
    expect(t.order.length).toBe(again);
  });

  it('disposes the backend before quitting, once', async () => {
    const t = setup();
    await t.ready();
    const first = { preventDefault: vi.fn() };
    t.app.emit('will-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(t.backend.dispose).toHaveBeenCalledOnce();
    const second = { preventDefault: vi.fn() };
    t.app.emit('will-quit', second);
    expect(second.preventDefault).toHaveBeenCalled();
    expect(t.backend.dispose).toHaveBeenCalledOnce();
    expect(t.app.quit).not.toHaveBeenCalled();
    t.finishDispose();
    await vi.waitFor(() => expect(t.app.quit).toHaveBeenCalledOnce());
    const last = { preventDefault: vi.fn() };
    t.app.emit('will-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('quits when all windows are closed, and focuses the window for a second instance', async () => {
    const t = setup();
    await t.ready();
    t.app.emit('second-instance');
    expect(t.windows[0]!.restore).toHaveBeenCalled();
    expect(t.windows[0]!.focus).toHaveBeenCalled();
    t.app.emit('window-all-closed');
    expect(t.app.quit).toHaveBeenCalled();
  });

  it('sets the AppUserModelID on Windows only', () => {
    expect(setup({ platform: 'win32' }).app.setAppUserModelId).toHaveBeenCalledWith('cn.gov.datasteward.workstation');
    expect(setup({ platform: 'linux' }).app.setAppUserModelId).not.toHaveBeenCalled();
  });

  it('gives DevTools and the reload menu only to a development run', async () => {
    const t = setup({ isPackaged: false });
    await t.ready();
    expect(t.windows[0]!.options).toMatchObject({ webPreferences: { devTools: true } });
    const template = (t.electron.Menu.buildFromTemplate as unknown as ReturnType<typeof vi.fn>).mock.calls[0]?.[0];
    expect(JSON.stringify(template)).toContain('toggleDevTools');
  });
});
