/**
 * Bundles made from source with esbuild, as the build does, so that tests which run a real
 * process or a real worker thread run what the source says.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const root = path.resolve(import.meta.dirname, '../..');
const NATIVE = 'better-sqlite3-multiple-ciphers';

/**
 * Bundles the CLI (main/cli/index.ts) into `dir`/cli.cjs and returns its path. The bundle resolves
 * the native module from its own folder upward, so node_modules is linked beside it.
 */
export async function bundleCli(dir: string): Promise<string> {
  const outfile = path.join(dir, 'cli.cjs');
  await build({
    entryPoints: [path.join(root, 'main/cli/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: [NATIVE],
    nodePaths: [path.join(root, 'node_modules')],
    logLevel: 'silent',
  });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return outfile;
}

/**
 * The native module stays outside the bundle; since the bundle lives in a temp folder (outside
 * node_modules' reach), it is required by absolute path.
 */
const nativeExternal: Plugin = {
  name: 'native-external',
  setup(b) {
    const resolved = createRequire(import.meta.url).resolve(NATIVE);
    b.onResolve({ filter: /^better-sqlite3-multiple-ciphers$/ }, () => ({ path: resolved, external: true }));
  },
};

/** Bundles the backend worker (main/backend/worker-entry.ts) into a new folder below `parent`; returns the script's path. */
export async function bundleWorker(parent: string): Promise<string> {
  const outfile = path.join(fs.mkdtempSync(path.join(parent, 'bundle-')), 'worker-entry.cjs');
  await build({
    entryPoints: [path.join(root, 'main/backend/worker-entry.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: [NATIVE],
    plugins: [nativeExternal],
    logLevel: 'silent',
  });
  return outfile;
}
