import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../main/backend/backend';
import { createWorkerBackend } from '../../main/backend/worker-backend';
import type { Result } from '../../main/api/result';
import { appFactory, PASS, VALID_PROFILE } from '../helpers/backend';
import { bundleWorker } from '../helpers/bundle';

const apps = appFactory('ds-worker-');
let script = '';

beforeAll(async () => {
  script = await bundleWorker(apps.root);
});

const workers: Backend[] = [];
afterAll(async () => {
  for (const w of workers) await w.dispose().catch(() => {});
});

function newWorker(): Backend {
  const w = createWorkerBackend(script, {
    appVersion: '0.1.0-test',
    configDir: fs.mkdtempSync(path.join(apps.root, 'wcfg-')),
    host: 'cli',
    defaultWorkspaceDir: apps.root,
    idleCheckMs: 0,
    osUser: 'tester',
  });
  workers.push(w);
  return w;
}

const ctx = { via: 'test' } as const;
function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}
/** Answers compared across backends: paths and times differ by construction. */
function comparable(v: unknown): unknown {
  return JSON.parse(JSON.stringify(v), (k, x) => (['path', 'updatedAt', 'at', 'hash', 'prevHash', 'headHash', 'entityId'].includes(k) ? '<varies>' : x));
}

describe('the worker backend', () => {
  it('answers like the in-process backend', async () => {
    const worker = newWorker();
    const inproc = apps.app().backend;
    const calls: [string, (file: string) => unknown][] = [
      ['workspace.status', () => ({})],
      ['workspace.create', (file) => ({ path: file, passphrase: PASS, role: 'unit', name: '线程', operator: '操作员' })],
      ['workspace.status', () => ({})],
      ['profile.get', () => ({})],
      ['profile.save', () => ({ profile: { ...VALID_PROFILE, officerPhone: '+86 13800138000' } })],
      ['profile.save', () => ({ profile: { ...VALID_PROFILE, officerEmail: 'bad' } })],
      ['audit.list', () => ({})],
      ['audit.verify', () => ({})],
      ['profile.delete', () => ({})],
      ['workspace.status', () => ({ extra: true })],
      ['workspace.lock', () => ({})],
      ['profile.get', () => ({})],
      ['workspace.unlock', () => ({ passphrase: 'wrong passphrase' })],
      ['workspace.unlock', () => ({ passphrase: PASS })],
      ['workspace.close', () => ({})],
    ];
    const fileW = apps.wsPath('worker');
    const fileI = apps.wsPath('inproc');
    for (const [channel, input] of calls) {
      const a = await worker.invoke(channel, input(fileW), ctx);
      const b = await inproc.invoke(channel, input(fileI), ctx);
      expect(comparable(a), channel).toEqual(comparable(b));
    }
    // Spot checks on what the worker really did.
    const st = value<{ state: string; path: string }>(await worker.invoke('workspace.unlock', { path: fileW, passphrase: PASS }, ctx));
    expect(st).toMatchObject({ state: 'open', path: fileW });
    expect(fs.existsSync(fileW)).toBe(true);
    const view = value<{ profile: typeof VALID_PROFILE }>(await worker.invoke('profile.get', {}, ctx));
    expect(view.profile).toEqual(VALID_PROFILE); // +86 normalised away in the worker too
  });

  it('runs calls in order, also when sent together', async () => {
    const worker = newWorker();
    const file = apps.wsPath();
    const results = await Promise.all([
      worker.invoke('workspace.create', { path: file, passphrase: PASS, role: 'bureau', name: 'n', operator: '' }, ctx),
      worker.invoke('profile.save', { profile: VALID_PROFILE }, ctx),
      worker.invoke('profile.save', { profile: { ...VALID_PROFILE, address: '第二次' } }, ctx),
      worker.invoke('profile.get', {}, ctx),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true]);
    expect(value<{ profile: { address: string } }>(results[3]!).profile.address).toBe('第二次');
  });

  it('reports BACKEND_STOPPED after dispose, and closes the workspace', async () => {
    const worker = newWorker();
    const file = apps.wsPath();
    value(await worker.invoke('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: 'n', operator: '' }, ctx));
    await worker.dispose();
    const r = await worker.invoke('workspace.status', {}, ctx);
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'BACKEND_STOPPED' }) });
    expect((await worker.invoke('profile.get', {}, ctx)).ok).toBe(false);
    // The worker closed its connection: the WAL is checkpointed and removed.
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });
});
