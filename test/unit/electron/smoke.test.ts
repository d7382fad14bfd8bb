/**
 * The built main process, end to end without Chromium: main/electron/main.ts and the backend worker
 * are bundled the way scripts/build.mjs bundles them, laid out like dist/ (main/electron.cjs next to
 * main/backend-worker.cjs, renderer/ beside), and the main bundle is run with a fake 'electron'.
 * The backend is the real one in a real worker thread, so this proves the paths (`__dirname`),
 * the backend options, the IPC handler reaching the services, the app:// handler serving the
 * renderer, and the backend being disposed on quit.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/host/security-policy';
import { tempDir } from '../../helpers/tmp';

// Inside the repository (in the git-ignored .tmp/) so the worker resolves node_modules.
const out = path.resolve('.tmp', `electron-smoke-${process.pid}-${Date.now()}`);
const home = tempDir('ds-electron-smoke-');
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

const common = {
  bundle: true,
  platform: 'node' as const,
  format: 'cjs' as const,
  target: 'node22',
  logLevel: 'silent' as const,
  external: ['electron', 'better-sqlite3-multiple-ciphers'],
};

type Listener = (...args: unknown[]) => unknown;

function emitter() {
  const listeners = new Map<string, Listener[]>();
  return {
    listeners,
    on(event: string, l: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), l]);
      return this;
    },
    once(event: string, l: Listener) {
      return this.on(event, l);
    },
    emit(event: string, ...args: unknown[]) {
      for (const l of listeners.get(event) ?? []) l(...args);
    },
  };
}

const calls: string[] = [];
const mainFrame = { url: 'app://datasteward/index.html', origin: 'app://datasteward', parent: null, processId: 1, frameToken: 'm' };
const ipc = new Map<string, Listener>();
const protocols = new Map<string, (r: Request) => Promise<Response>>();
const windows: { options: { webPreferences: { preload: string } } }[] = [];
const app = Object.assign(emitter(), {
  isPackaged: true,
  enableSandbox: () => calls.push('enableSandbox'),
  requestSingleInstanceLock: () => true,
  setAppUserModelId: vi.fn(),
  quit: vi.fn(),
  whenReady: () => Promise.resolve(),
  getPath: (name: string) => path.join(home, name),
});
const session = () =>
  Object.assign(emitter(), {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setBluetoothPairingHandler: vi.fn(),
    setSpellCheckerEnabled: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
  });
const fakeElectron = {
  app,
  BrowserWindow: class {
    webContents = { mainFrame };
    options: unknown;
    constructor(options: unknown) {
      this.options = options;
      windows.push(this as never);
    }
    once() {}
    on() {}
    show() {}
    isDestroyed = () => false;
    loadURL = async () => {};
  },
  ipcMain: { handle: (channel: string, h: Listener) => ipc.set(channel, h) },
  Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: vi.fn() },
  protocol: {
    registerSchemesAsPrivileged: () => calls.push('registerSchemesAsPrivileged'),
    handle: (scheme: string, h: (r: Request) => Promise<Response>) => protocols.set(scheme, h),
  },
  session: { defaultSession: session() },
};

beforeAll(async () => {
  await Promise.all([
    build({ ...common, entryPoints: ['main/electron/main.ts'], outfile: path.join(out, 'main/electron.cjs') }),
    build({ ...common, entryPoints: ['main/backend/worker-entry.ts'], outfile: path.join(out, 'main/backend-worker.cjs') }),
  ]);
  fs.mkdirSync(path.join(out, 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(out, 'renderer/index.html'), '<!doctype html><title>DataSteward</title>');
  fs.mkdirSync(path.join(home, 'userData'), { recursive: true });

  const file = path.join(out, 'main/electron.cjs');
  const realRequire = createRequire(file);
  const module = { exports: {} };
  const run = vm.compileFunction(fs.readFileSync(file, 'utf8'), ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file });
  run(module.exports, (id: string) => (id === 'electron' ? fakeElectron : realRequire(id)), module, file, path.dirname(file));
  await vi.waitFor(() => expect(windows).toHaveLength(1));
}, 30_000);

describe('the bundled main process with a fake electron and the real backend worker', () => {
  it('opens the window with the preload at dist/preload/preload.cjs', () => {
    expect(windows[0]!.options.webPreferences.preload).toBe(path.join(out, 'preload/preload.cjs'));
    expect(calls.slice(0, 2)).toEqual(['enableSandbox', 'registerSchemesAsPrivileged']);
  });

  it('serves the renderer from ../renderer over app:// with the CSP', async () => {
    const res = await protocols.get('app')!(new Request('app://datasteward/'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>DataSteward</title>');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await protocols.get('app')!(new Request('app://datasteward/../main/electron.cjs'))).status).toBe(404);
  });

  it('answers app.info through ds:invoke from the worker, as the electron host', async () => {
    const r = (await ipc.get('ds:invoke')!({ senderFrame: mainFrame }, 'app.info', {})) as { ok: boolean; value: Record<string, unknown> };
    expect(r.ok).toBe(true);
    expect(r.value.host).toBe('electron');
    expect(r.value.defaultWorkspaceDir).toBe(path.join(home, 'documents', 'DataSteward'));
    const status = (await ipc.get('ds:invoke')!({ senderFrame: mainFrame }, 'workspace.status', {})) as { ok: boolean };
    expect(status.ok).toBe(true);
  });

  it('refuses a subframe and lets the backend refuse an unknown channel', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const sub = { ...mainFrame, parent: mainFrame, frameToken: 's' };
    const refused = (await ipc.get('ds:invoke')!({ senderFrame: sub }, 'app.info', {})) as { ok: false; error: { code: string } };
    expect(refused.error.code).toBe('IPC_SENDER_REFUSED');
    const unknown = (await ipc.get('ds:invoke')!({ senderFrame: mainFrame }, 'shell.exec', { cmd: 'calc' })) as {
      ok: false;
      error: { code: string };
    };
    expect(unknown.error.code).toBe('UNKNOWN_CHANNEL');
  });

  it('disposes the backend worker on will-quit, then quits', async () => {
    const event = { preventDefault: vi.fn() };
    app.emit('will-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledOnce(), { timeout: 10_000 });
    const after = (await ipc.get('ds:invoke')!({ senderFrame: mainFrame }, 'app.info', {})) as { ok: false; error: { code: string } };
    expect(after.error.code).toBe('BACKEND_STOPPED');
  });
});

