import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WINDOW_TITLE, createWindowOptions } from '../../../main/electron/window-options';

const preloadPath = path.resolve('/opt/DataSteward/resources/app.asar/dist/preload/preload.cjs');

describe('window options', () => {
  const packaged = createWindowOptions({ isPackaged: true, preloadPath });
  const dev = createWindowOptions({ isPackaged: false, preloadPath });
  const wp = packaged.webPreferences ?? {};

  it('isolates the page: context isolation, sandbox, no Node anywhere', () => {
    expect(wp.contextIsolation).toBe(true);
    expect(wp.sandbox).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and experimental features off', () => {
    expect(wp.webSecurity).toBe(true);
    expect(wp.allowRunningInsecureContent).toBe(false);
    expect(wp.experimentalFeatures).toBe(false);
    expect(wp.enableBlinkFeatures).toBeUndefined();
    expect('enableBlinkFeatures' in wp).toBe(false);
    expect(wp.webviewTag).toBe(false);
    expect(wp.navigateOnDragDrop).toBe(false);
    expect(wp.spellcheck).toBe(false);
    expect(wp.enableWebSQL).toBe(false);
    expect(wp.plugins).toBe(false);
    expect(wp.webgl).toBe(false);
    expect(wp.safeDialogs).toBe(true);
  });

  it('sets nothing that widens the page: no extra arguments, partition or session', () => {
    expect(wp.additionalArguments).toBeUndefined();
    expect(wp.partition).toBeUndefined();
    expect(wp.session).toBeUndefined();
    expect(wp.disableBlinkFeatures).toBeUndefined();
  });

  it('has DevTools only when not packaged', () => {
    expect(wp.devTools).toBe(false);
    expect(dev.webPreferences?.devTools).toBe(true);
  });

  it('loads the given preload, which must be an absolute path', () => {
    expect(wp.preload).toBe(preloadPath);
    expect(() => createWindowOptions({ isPackaged: true, preloadPath: 'dist/preload/preload.cjs' })).toThrow(/absolute/);
  });

  it('is 1280×800 (min 1024×680), hidden until ready-to-show, with the product title', () => {
    expect(packaged).toMatchObject({ width: 1280, height: 800, minWidth: 1024, minHeight: 680, show: false });
    expect(packaged.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(packaged.title).toBe(WINDOW_TITLE);
    expect(WINDOW_TITLE).toBe('DataSteward 数据分类分级备案工作台');
  });

  it('differs between packaged and development only in devTools', () => {
    const strip = (o: typeof packaged) => ({ ...o, webPreferences: { ...o.webPreferences, devTools: undefined } });
    expect(strip(dev)).toEqual(strip(packaged));
  });
});
