/**
 * Renderer build. Root is renderer/, output dist/renderer with relative asset paths (works under
 * app://datasteward in Electron and in the browser host). The CSP forbids inline scripts and styles, so
 * the built index.html must only reference files: no modulepreload polyfill, CSS as a file.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2022',
    // Served from disk or loopback, never over a network: one bundle is fine.
    chunkSizeWarningLimit: 2000,
  },
  server: {
    host: '127.0.0.1',
  },
});
