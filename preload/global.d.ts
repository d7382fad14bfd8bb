/** `window.datasteward`: present in the Electron app (the preload), absent in a browser. */
import type { PreloadApi } from './api';

declare global {
  interface Window {
    datasteward?: PreloadApi;
  }
}

export {};
