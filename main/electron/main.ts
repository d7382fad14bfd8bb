/**
 * Electron main-process entry, bundled by esbuild to dist/main/electron.cjs (CJS; 'electron' and
 * better-sqlite3-multiple-ciphers external). Next to it in dist/: main/backend-worker.cjs (the
 * services' worker thread), main/payload-worker.cjs (where a package build hashes and deflates its
 * inventory JSON), preload/preload.cjs and renderer/ (the Vite build).
 *
 * This file and preload/preload.ts are the only ones that import 'electron' at run time; all the
 * logic is in the pure modules next to it (see docs/ELECTRON-SECURITY.md).
 */
import path from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, protocol, session } from 'electron';
import { createWorkerBackend } from '../backend/worker-backend';
import { APP_VERSION } from '../host/app-paths';
import { startApp } from './app';
import { createElectronPdf } from './pdf';

startApp(
  { app, BrowserWindow, ipcMain, Menu, protocol, session },
  {
    rendererRoot: path.join(__dirname, '../renderer'),
    preloadPath: path.join(__dirname, '../preload/preload.cjs'),
    appVersion: APP_VERSION,
    createBackend: (opts) => createWorkerBackend(path.join(__dirname, 'backend-worker.cjs'), { ...opts, payloadWorker: path.join(__dirname, 'payload-worker.cjs') }, createElectronPdf(BrowserWindow)),
    joinPath: path.join,
    platform: process.platform,
  },
);
