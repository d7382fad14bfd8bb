/**
 * The payload worker (main/backend/payload-worker-entry.ts, bundled as the app bundles it): a
 * package's large payload files are hashed and deflated in another thread, with the same results
 * as in this thread; when the worker cannot start or dies, the build still gives a right package.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { appFactory, PASS, VALID_PROFILE } from '../../helpers/backend';
import { createDigestHasher, sm3Hex } from '../../../main/crypto/index';
import { createPayloadPreparer, preparePayload, PREPARE_IN_WORKER_FROM } from '../../../main/services/package/payload-prep';
import { openBag, zipBag } from './fixtures';

const apps = appFactory('ds-pkg-worker-');
const dir = fs.mkdtempSync(path.join(apps.root, 'bundle-'));
const workerScript = path.join(dir, 'payload-worker.cjs');
/** A worker that dies on its first request, as a crash would. */
const dyingScript = path.join(dir, 'dying-worker.cjs');
const out = (name: string) => path.join(fs.mkdtempSync(path.join(apps.root, 'o-')), name);

beforeAll(async () => {
  await build({ entryPoints: ['main/backend/payload-worker-entry.ts'], outfile: workerScript, bundle: true, platform: 'node', format: 'cjs', target: 'node22', logLevel: 'warning' });
  fs.writeFileSync(dyingScript, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
}, 60_000);

/** 3 MiB of text-like bytes (compressible, like the inventory JSON). */
function sample(): Buffer {
  const line = Buffer.from('{"dataId":"SYS01-T00001-F001","itemName":"患者姓名","level":"一般数据3级"},\n');
  const out = Buffer.alloc(3 * 2 ** 20);
  for (let o = 0, i = 0; o < out.length; o += line.length, i++) {
    line.copy(out, o);
    out[o + 20] = 48 + (i % 10);
  }
  return out;
}

describe('payload preparation', () => {
  it('gives in the worker what it gives in this thread: digests, CRC and deflated bytes', async () => {
    const hasher = await createDigestHasher();
    const bytes = sample();
    const expected = preparePayload(bytes, true, hasher);
    const prep = createPayloadPreparer({ workerScript, hasher: async () => hasher });
    try {
      expect(prep.parallel).toBe(true);
      const [a, b] = await Promise.all([prep.make(bytes, true), prep.make(bytes.subarray(5, 2 ** 21 + 5), false)]);
      expect(a.sm3).toBe(sm3Hex(bytes));
      expect(a).toEqual({ ...expected, zip: { crc: expected.zip.crc, deflated: expect.any(Uint8Array) } });
      expect(Buffer.from(a.zip.deflated!).equals(Buffer.from(expected.zip.deflated!))).toBe(true);
      expect(zlib.inflateRawSync(a.zip.deflated!).equals(bytes)).toBe(true);
      // not compressed when not asked (an .xlsx): stored as it is
      expect(b.zip.deflated).toBeNull();
      expect(b.sm3).toBe(sm3Hex(bytes.subarray(5, 2 ** 21 + 5)));
    } finally {
      await prep.close();
    }
  });

  it('falls back to this thread when the worker cannot start or dies, with the same results', async () => {
    const hasher = await createDigestHasher();
    const bytes = sample();
    const expected = preparePayload(bytes, true, hasher);
    for (const script of [path.join(dir, 'no-such-worker.cjs'), dyingScript]) {
      const prep = createPayloadPreparer({ workerScript: script, hasher: async () => hasher });
      try {
        const got = await prep.make(bytes, true);
        expect(got.sm3).toBe(expected.sm3);
        expect(got.sha256).toBe(expected.sha256);
        expect(got.zip.crc).toBe(expected.zip.crc);
        expect(zlib.inflateRawSync(got.zip.deflated!).equals(bytes)).toBe(true);
        expect(prep.parallel).toBe(false);
      } finally {
        await prep.close();
      }
    }
  });

  it('prepares small files in this thread, without posting them', async () => {
    const hasher = await createDigestHasher();
    const prep = createPayloadPreparer({ workerScript: dyingScript, hasher: async () => hasher });
    try {
      const small = Buffer.alloc(PREPARE_IN_WORKER_FROM - 1, 0x61);
      expect((await prep.make(small, true)).sm3).toBe(sm3Hex(small));
      // The dying worker got nothing to die on.
      expect(prep.parallel).toBe(true);
    } finally {
      await prep.close();
    }
  });
});

/** A unit workspace with ≈ 2 MiB of inventory JSON (above the size that goes to the worker) and a key. */
async function largeUnit(payloadWorker: string) {
  const app = apps.app({ payloadWorker });
  await app.call('workspace.create', { path: apps.wsPath('big'), passphrase: PASS, role: 'unit', name: '某区卫健委', operator: '张三' });
  await app.call('profile.save', { profile: VALID_PROFILE });
  await app.call('demo.generate', { items: 2500, seed: 7 });
  return { app, key: await app.call('keys.generate', {}) };
}

describe('package.build with the payload worker', () => {
  it('builds a package that verifies, a change filing against it, its inventory prepared in the worker', async () => {
    const { app, key } = await largeUnit(workerScript);
    const first = await app.call('package.build', { kind: 'initial', outPath: out('first.dsp') });
    const bag = openBag(fs.readFileSync(first.path));
    expect(bag.files.get('data/inventory.json')!.length).toBeGreaterThan(PREPARE_IN_WORKER_FROM);
    const manifest = bag.files.get('manifest-sm3.txt')!.toString('utf8');
    expect(manifest).toContain(`${sm3Hex(bag.files.get('data/inventory.json')!)}  data/inventory.json\n`);
    const report = await app.call('package.verify', { path: first.path, pubkeyPem: key.publicKeyPem });
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);

    const change = await app.call('package.build', { kind: 'change', outPath: out('change.dsp') });
    const again = await app.call('package.verify', { path: change.path, pubkeyPem: key.publicKeyPem });
    expect(again.ok).toBe(true);
    expect(again.previousDigest).toBe(first.digest);
    const changeBag = openBag(fs.readFileSync(change.path));
    // Nothing changed in between: the same inventory bytes, and a report of no change.
    expect(changeBag.files.get('data/inventory.json')!.equals(bag.files.get('data/inventory.json')!)).toBe(true);
    expect(JSON.parse(changeBag.files.get('data/change-report.json')!.toString('utf8')).summary).toMatchObject({ entriesAdded: 0, entriesRemoved: 0, entriesChanged: 0 });

    // Verified with the worker too: one character changed in the inventory is found by both manifests.
    const inv = bag.files.get('data/inventory.json')!;
    const at = inv.indexOf('"description":"') + 15;
    const tampered = Buffer.from(inv);
    tampered[at] = tampered[at] === 0x41 ? 0x42 : 0x41;
    bag.files.set('data/inventory.json', tampered);
    const changed = out('tampered.dsp');
    fs.writeFileSync(changed, zipBag(bag));
    const refused = await app.call('package.verify', { path: changed, pubkeyPem: key.publicKeyPem });
    expect(refused.ok).toBe(false);
    expect(refused.errors.filter((e) => e.code === 'PKG_MANIFEST_MISMATCH').map((e) => e.entry)).toEqual(['data/inventory.json', 'data/inventory.json']);
  }, 60_000);

  it('still builds a right package when the worker dies during the build', async () => {
    const { app, key } = await largeUnit(dyingScript);
    const built = await app.call('package.build', { kind: 'initial', outPath: out('dying.dsp') });
    expect((await app.call('package.verify', { path: built.path, pubkeyPem: key.publicKeyPem })).ok).toBe(true);
  }, 60_000);
});
