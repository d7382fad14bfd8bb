/**
 * The intake job in the real worker-thread backend (calls run one at a time there): while the
 * job works through a folder, progress polls are answered between packages, and a cancel stops
 * it between packages — every package it took in is whole, the rest untouched.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../../main/backend/backend';
import { createWorkerBackend } from '../../../main/backend/worker-backend';
import type { Result } from '../../../main/api/result';
import type { IntakeJob } from '../../../main/domain/bureau';
import { appFactory, PASS } from '../../helpers/backend';
import { unitWorkspace } from '../package/fixtures';

const apps = appFactory('ds-bureau-worker-');
let script = '';

const nativeExternal: Plugin = {
  name: 'native-external',
  setup(b) {
    const resolved = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
    b.onResolve({ filter: /^better-sqlite3-multiple-ciphers$/ }, () => ({ path: resolved, external: true }));
  },
};

beforeAll(async () => {
  const outDir = fs.mkdtempSync(path.join(apps.root, 'bundle-'));
  script = path.join(outDir, 'worker-entry.cjs');
  await build({
    entryPoints: [path.resolve(import.meta.dirname, '../../../main/backend/worker-entry.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['better-sqlite3-multiple-ciphers'],
    plugins: [nativeExternal],
    logLevel: 'silent',
  });
}, 120_000);

const workers: Backend[] = [];
afterAll(async () => {
  for (const w of workers) await w.dispose().catch(() => {});
});

const ctx = { via: 'test' } as const;
function value<T>(r: Result<unknown>): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

describe('intake job in the worker backend', () => {
  it('reports progress between packages and stops between packages when cancelled', { timeout: 120_000 }, async () => {
    const unit = await unitWorkspace(apps);
    const N = 24;
    const d = fs.mkdtempSync(path.join(apps.root, 'in-'));
    for (let i = 1; i <= N; i++) await unit.app.call('package.build', { kind: i === 1 ? 'initial' : 'change', outPath: path.join(d, `${String(i).padStart(2, '0')}.dsp`), seal: false });

    const w = createWorkerBackend(script, { appVersion: '0.1.0-test', configDir: fs.mkdtempSync(path.join(apps.root, 'wcfg-')), host: 'cli', defaultWorkspaceDir: apps.root, idleCheckMs: 0, osUser: 'tester' });
    workers.push(w);
    const call = async <T>(channel: string, input: unknown) => value<T>(await w.invoke(channel as never, input as never, ctx));
    await call('workspace.create', { path: apps.wsPath('bureau'), passphrase: PASS, role: 'bureau', name: '某区数据局', operator: '王五' });
    await call('bureau.keyAdd', { uscc: '91110000600037341L', pem: unit.publicKeyPem, fingerprint: unit.fingerprint, name: '某区卫健委' });

    const job = await call<IntakeJob>('bureau.intakeStart', { paths: [d] });
    expect(job).toMatchObject({ state: 'running', total: N });
    // Poll until two different counts were seen while it ran, then cancel.
    let p = job;
    const seen = new Set<number>();
    for (let n = 0; seen.size < 2 && p.state === 'running' && n < 20_000; n++) {
      p = await call<IntakeJob>('bureau.intakeProgress', { jobId: job.id });
      if (p.state === 'running') seen.add(p.processed);
    }
    expect(p.state).toBe('running');
    expect(seen.size).toBe(2);
    await call('bureau.intakeCancel', { jobId: job.id });
    for (let n = 0; p.state === 'running' && n < 4000; n++) p = await call<IntakeJob>('bureau.intakeProgress', { jobId: job.id });
    expect(p.state).toBe('cancelled');
    expect(p.processed).toBeGreaterThanOrEqual(1);
    expect(p.processed).toBeLessThan(N);
    expect(p.refused).toBe(0);
    const filings = await call<{ total: number; rows: { sequence: number }[] }>('bureau.filings', { limit: 100 });
    expect(filings.total).toBe(p.accepted);
    expect(filings.rows.map((f) => f.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: p.accepted }, (_, i) => i + 1));
    // The rest goes in afterwards, in order.
    const rest = await call<{ accepted: number; refused: number }>('bureau.intake', { paths: [d] });
    expect(rest.accepted).toBe(N - p.accepted);
  });
});
