// Builds everything into dist/: the renderer with Vite, and with esbuild the Electron main
// process, the preload, the browser host, the backend worker, the payload worker and the CLI.
// Usage: node scripts/build.mjs [--only main|renderer|cli]
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  // The native SQLite binding is loaded from node_modules at run time; electron is the host.
  external: ['electron', 'better-sqlite3-multiple-ciphers'],
};

const nodeEntries = {
  cli: [
    { in: 'main/cli/index.ts', out: 'dist/main/cli.cjs' },
    { in: 'main/backend/payload-worker-entry.ts', out: 'dist/main/payload-worker.cjs' },
  ],
  main: [
    { in: 'main/electron/main.ts', out: 'dist/main/electron.cjs' },
    { in: 'main/web/start.ts', out: 'dist/main/web.cjs' },
    { in: 'main/backend/worker-entry.ts', out: 'dist/main/backend-worker.cjs' },
    { in: 'main/backend/payload-worker-entry.ts', out: 'dist/main/payload-worker.cjs' },
    { in: 'main/cli/index.ts', out: 'dist/main/cli.cjs' },
  ],
};

async function buildNode(entries) {
  await Promise.all(
    entries.map((e) => esbuild({ ...common, entryPoints: [e.in], outfile: path.join(root, e.out) })),
  );
}

async function buildPreload() {
  await esbuild({
    ...common,
    entryPoints: ['preload/preload.ts'],
    outfile: path.join(root, 'dist/preload/preload.cjs'),
    // A sandboxed preload can require nothing but 'electron': everything else is bundled in.
    external: ['electron'],
  });
}

async function buildRenderer() {
  await viteBuild({ configFile: path.join(root, 'vite.config.mts'), logLevel: 'warn' });
}

const t0 = Date.now();
if (only === 'cli') await buildNode(nodeEntries.cli);
else if (only === 'main') await Promise.all([buildNode(nodeEntries.main), buildPreload()]);
else if (only === 'renderer') await buildRenderer();
else await Promise.all([buildNode(nodeEntries.main), buildPreload(), buildRenderer()]);
console.log(`built ${only ?? 'all'} in ${Date.now() - t0} ms`);
