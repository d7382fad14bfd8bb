/**
 * The Electron host's wiring, in the order Electron needs it. Takes the electron modules and the
 * backend factory as parameters (types only from 'electron'), so the whole start-up sequence runs
 * in a unit test against a fake `electron` (test/unit/electron/app.test.ts). main.ts passes the
 * real modules.
 *
 * Before `ready`: enable the sandbox for every renderer, register the `app` scheme as privileged,
 * take the single-instance lock, and install the guards that every webContents / session gets.
 * At `ready`: secure the default session, serve `app://datasteward/` from the renderer build, start
 * the backend worker, register the one IPC handler, set the menu, open the window, load the UI.
 * At `will-quit`: dispose the backend (closes the database) before the process ends.
 */
import type { app, BrowserWindow, ipcMain, Menu, protocol, session } from 'electron';
import type { Backend, BackendOptions } from '../backend/backend';
import { applyWebContentsGuards } from './navigation';
import { APP_ENTRY_URL, APP_SCHEME, PRIVILEGED_SCHEMES, createProtocolHandler } from './protocol';
import { IPC_CHANNEL, createIpcHandler } from './ipc';
import { applySessionSecurity, type SecurableSession } from './session-security';
import { buildMenuTemplate } from './menu';
import { createWindowOptions } from './window-options';

export const APP_USER_MODEL_ID = 'cn.gov.datasteward.workstation';
/** How long quitting waits for the backend to close the database. */
export const DISPOSE_TIMEOUT_MS = 5_000;

export interface ElectronApi {
  app: typeof app;
  BrowserWindow: typeof BrowserWindow;
  ipcMain: typeof ipcMain;
  Menu: typeof Menu;
  protocol: typeof protocol;
  session: typeof session;
}

export type BackendFactory = (opts: Omit<BackendOptions, 'log'>) => Backend;

export interface AppDeps {
  /** dist/renderer: the Vite build served under app://datasteward/. */
  rendererRoot: string;
  /** dist/preload/preload.cjs. */
  preloadPath: string;
  appVersion: string;
  createBackend: BackendFactory;
  /** Joins paths the platform's way (node:path's join). */
  joinPath: (...parts: string[]) => string;
  platform: NodeJS.Platform;
}

export interface AppHandle {
  /** Resolves once the window has been created and its load started (or rejects on failure). */
  ready: Promise<void>;
  mainWindow(): BrowserWindow | null;
}

export function startApp(electron: ElectronApi, deps: AppDeps): AppHandle {
  const { app, BrowserWindow, ipcMain, Menu, protocol, session } = electron;
  let mainWindow: BrowserWindow | null = null;
  const handle: AppHandle = { ready: Promise.resolve(), mainWindow: () => mainWindow };

  // --- before ready -------------------------------------------------------------------------
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([...PRIVILEGED_SCHEMES]);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return handle;
  }
  if (deps.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  const devTools = !app.isPackaged;
  const secured = new WeakSet<object>();
  const secure = (ses: SecurableSession) => {
    if (secured.has(ses)) return;
    secured.add(ses);
    applySessionSecurity(ses, { allowDevTools: devTools });
  };
  app.on('session-created', (ses) => secure(ses));
  app.on('web-contents-created', (_event, contents) => {
    applyWebContentsGuards(contents);
    contents.on('render-process-gone', (_e, details) => {
      console.error('[datasteward] renderer process gone', details.reason, details.exitCode);
    });
  });

  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());

  let backend: Backend | undefined;
  let disposal: 'none' | 'running' | 'done' = 'none';
  app.on('will-quit', (event) => {
    if (!backend || disposal === 'done') return;
    event.preventDefault();
    if (disposal === 'running') return;
    disposal = 'running';
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, DISPOSE_TIMEOUT_MS).unref());
    Promise.race([backend.dispose(), timeout])
      .catch((e: unknown) => console.error('[datasteward] backend dispose failed', e))
      .finally(() => {
        disposal = 'done';
        app.quit();
      });
  });

  // --- ready --------------------------------------------------------------------------------
  handle.ready = app.whenReady().then(() => {
    secure(session.defaultSession);
    protocol.handle(APP_SCHEME, createProtocolHandler(deps.rendererRoot));

    backend = deps.createBackend({
      configDir: app.getPath('userData'),
      defaultWorkspaceDir: deps.joinPath(app.getPath('documents'), 'DataSteward'),
      host: 'electron',
      appVersion: deps.appVersion,
    });
    ipcMain.handle(
      IPC_CHANNEL,
      createIpcHandler(backend, () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.mainFrame : null)),
    );

    Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ isPackaged: app.isPackaged, platform: deps.platform })));

    const win = new BrowserWindow(createWindowOptions({ isPackaged: app.isPackaged, preloadPath: deps.preloadPath }));
    mainWindow = win;
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    void win.loadURL(APP_ENTRY_URL).catch((e: unknown) => console.error('[datasteward] loading the UI failed', e));
  });
  handle.ready.catch((e: unknown) => {
    console.error('[datasteward] start-up failed', e);
    app.quit();
  });
  return handle;
}
