/**
 * The Electron entry points bundle the way the build bundles them, and what stays outside the
 * bundle is only what the package ships: 'electron' (the runtime), Node built-ins, and, in the
 * backend worker only, better-sqlite3-multiple-ciphers. This is what lets electron-builder.yml
 * leave every other npm package out of the installer.
 */
import { builtinModules } from 'node:module';
import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';

const EXTERNAL = ['electron', 'better-sqlite3-multiple-ciphers'];

async function externalsOf(entry: string): Promise<string[]> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: EXTERNAL,
    write: false,
    metafile: true,
    logLevel: 'silent',
    outfile: '/virtual/out.cjs',
  });
  const meta: Metafile = out.metafile!;
  const set = new Set<string>();
  for (const o of Object.values(meta.outputs)) for (const i of o.imports) if (i.external) set.add(i.path);
  return [...set].sort();
}

const builtin = (p: string) => p.startsWith('node:') || builtinModules.includes(p);

describe('Electron bundles', () => {
  it('main/electron/main.ts: only electron and Node built-ins stay external (no SQLite in the main process)', async () => {
    const ext = await externalsOf('main/electron/main.ts');
    expect(ext).toContain('electron');
    expect(ext.filter((p) => !builtin(p))).toEqual(['electron']);
  });

  it('the backend worker: only better-sqlite3-multiple-ciphers and Node built-ins stay external', async () => {
    const ext = await externalsOf('main/backend/worker-entry.ts');
    expect(ext.filter((p) => !builtin(p))).toEqual(['better-sqlite3-multiple-ciphers']);
  });

  it('preload/preload.ts: only electron', async () => {
    const out = await build({
      entryPoints: ['preload/preload.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
      outfile: '/virtual/p.cjs',
    });
    const ext = Object.values(out.metafile!.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    expect([...new Set(ext)]).toEqual(['electron']);
  });
});
