/**
 * The preload as it ships: bundled by esbuild the way the build does (CJS, 'electron' external),
 * then run against a fake 'electron'. Proves it requires nothing but 'electron' (a sandboxed
 * preload can require nothing else) and exposes exactly one function that forwards to 'ds:invoke'.
 */
import fs from 'node:fs';
import vm from 'node:vm';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../../../main/electron/ipc';

let code = '';

beforeAll(async () => {
  const out = await build({
    entryPoints: ['preload/preload.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  code = out.outputFiles[0]!.text;
});

function runPreload() {
  const exposed: Record<string, unknown> = {};
  const invoke = vi.fn(async (..._args: unknown[]) => ({ ok: true, value: 1 }));
  const fakeElectron = {
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => (exposed[key] = api)) },
    ipcRenderer: { invoke, send: vi.fn(), on: vi.fn(), sendSync: vi.fn() },
  };
  const required: string[] = [];
  const module = { exports: {} };
  const sandbox = {
    module,
    exports: module.exports,
    require: (id: string) => {
      required.push(id);
      if (id === 'electron') return fakeElectron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    },
  };
  vm.runInNewContext(code, sandbox, { filename: 'preload.cjs' });
  return { exposed, invoke, fakeElectron, required };
}

describe('preload bundle', () => {
  it('requires only electron', () => {
    const requires = [...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(requires).toEqual(['electron']);
    expect(code).not.toMatch(/\bimport\(/);
    expect(runPreload().required).toEqual(['electron']);
  });

  it('exposes window.datasteward with exactly one function, invoke', () => {
    const { exposed, fakeElectron } = runPreload();
    expect(Object.keys(exposed)).toEqual(['datasteward']);
    expect(fakeElectron.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    const api = exposed.datasteward as Record<string, unknown>;
    expect(Object.keys(api)).toEqual(['invoke']);
    expect(typeof api.invoke).toBe('function');
  });

  it('forwards (channel, input) to ds:invoke and nothing else of ipcRenderer is used', async () => {
    const { exposed, invoke, fakeElectron } = runPreload();
    const api = exposed.datasteward as { invoke(c: string, i: unknown): Promise<unknown> };
    await expect(api.invoke('app.info', {})).resolves.toEqual({ ok: true, value: 1 });
    expect(invoke).toHaveBeenCalledExactlyOnceWith(IPC_CHANNEL, 'app.info', {});
    expect(IPC_CHANNEL).toBe('ds:invoke');
    expect(fakeElectron.ipcRenderer.send).not.toHaveBeenCalled();
    expect(fakeElectron.ipcRenderer.on).not.toHaveBeenCalled();
    expect(fakeElectron.ipcRenderer.sendSync).not.toHaveBeenCalled();
  });

  it('does not leak ipcRenderer or the event object through the exposed value', async () => {
    const { exposed } = runPreload();
    const api = exposed.datasteward as Record<string, unknown>;
    for (const v of Object.values(api)) expect(v).not.toHaveProperty('ipcRenderer');
    expect(JSON.stringify(Object.getOwnPropertyNames(api))).toBe('["invoke"]');
  });
});

describe('preload sources', () => {
  it('import only electron and types from main/api (and their own folder)', () => {
    for (const file of fs.readdirSync('preload')) {
      if (!file.endsWith('.ts')) continue;
      const src = fs.readFileSync(`preload/${file}`, 'utf8');
      for (const m of src.matchAll(/^\s*import\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) {
        const [, isType, spec] = m;
        if (spec === 'electron') continue;
        if (isType && (spec!.startsWith('../main/api/') || spec!.startsWith('./'))) continue;
        throw new Error(`preload/${file} imports ${spec}${isType ? ' (type)' : ''}`);
      }
    }
  });
});
