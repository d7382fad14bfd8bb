/**
 * The one BrowserWindow's options. Pure (types only from 'electron').
 * Every security-relevant web preference is written out, even where it is Electron 45's default,
 * so a future default change or a careless edit shows up in test/unit/electron/window-options.test.ts.
 */
import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';

export const WINDOW_TITLE = 'DataSteward 数据分类分级备案工作台';
export const WINDOW_BACKGROUND = '#ffffff';

export interface WindowOptionsInput {
  /** `app.isPackaged`: DevTools exist only in a development run. */
  isPackaged: boolean;
  /** Absolute path of the bundled preload (dist/preload/preload.cjs). */
  preloadPath: string;
}

export function createWindowOptions({ isPackaged, preloadPath }: WindowOptionsInput): BrowserWindowConstructorOptions {
  if (!path.isAbsolute(preloadPath)) throw new Error(`preload path must be absolute: ${preloadPath}`);
  return {
    title: WINDOW_TITLE,
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 680,
    // Shown on 'ready-to-show', so the user never sees an empty white frame.
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    webPreferences: {
      preload: preloadPath,
      // Checklist 2, 3, 4, 20: no Node in the page, the preload in its own world, OS sandbox.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      // Checklist 6, 8, 9, 10, 11/12.
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // enableBlinkFeatures: deliberately absent.
      webviewTag: false,
      // Dropping a file on the window must not navigate to it.
      navigateOnDragDrop: false,
      // Spellchecking would fetch Hunspell dictionaries from the internet on Windows/Linux.
      spellcheck: false,
      devTools: !isPackaged,
      // Less surface: no WebSQL, no plugins, no WebGL; dialogs from a looping page can be stopped.
      enableWebSQL: false,
      plugins: false,
      webgl: false,
      safeDialogs: true,
    },
  };
}
