/**
 * The bureau side: verifying against the registry of units' keys, accepting (verify + record in
 * one transaction), and refusing replays, rollbacks, forks and gaps in a unit's chain; sealed
 * packages (for this bureau, for another, without a key, altered); and that verifying writes
 * nothing at all.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { appFactory, PASS } from '../../helpers/backend';
import { fingerprint, dbFiles } from '../../helpers/files';
import type { VerifyReport } from '../../../main/domain/package/index';
import { bureauWorkspace, openBag, register, unitWorkspace, unzip } from './fixtures';
import { auditTotal } from '../inventory/fixtures';

const apps = appFactory('ds-pkg-bureau-');
const dir = () => fs.mkdtempSync(path.join(apps.root, 'o-'));
const codes = (r: VerifyReport) => [...new Set(r.errors.map((e) => e.code))];

async function sealedSetup() {
  const bureau = await bureauWorkspace(apps);
  const unit = await unitWorkspace(apps);
  await register(bureau, unit);
  await unit.app.call('keys.importCounterpart', { pem: bureau.publicKeyPem, fingerprint: bureau.fingerprint.toLowerCase().replace(/ /g, ''), label: '某区数据局' });
  return { bureau, unit };
}

describe('verify and accept on a bureau workspace', () => {
  it('a registered unit’s package verifies against the registry and is accepted once, recorded with an audit entry', async () => {
    const bureau = await bureauWorkspace(apps);
    const unit = await unitWorkspace(apps);
    await register(bureau, unit);
    const p1 = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(dir(), 'p1.dsp'), seal: false });
    const v = await bureau.app.call('package.verify', { path: p1.path });
    expect(v.errors).toEqual([]);
    expect(v).toMatchObject({ ok: true, trust: 'registry', sequence: 1, digest: p1.digest });
    const before = await auditTotal(bureau.app);
    const a = await bureau.app.call('package.accept', { path: p1.path });
    expect(a.accepted).toMatchObject({ uscc: '91110000600037341L', sequence: 1, digest: p1.digest, kind: 'initial', fileSm3: p1.fileSm3, counts: p1.counts });
    expect(await auditTotal(bureau.app)).toBe(before + 1);
    const list = await bureau.app.call('package.accepted', {});
    expect(list.total).toBe(1);

    // PKG_REPLAY: the same package again
    const again = await bureau.app.call('package.verify', { path: p1.path });
    expect(codes(again)).toEqual(['PKG_REPLAY']);
    const refused = await bureau.app.fail('package.accept', { path: p1.path });
    expect(refused.code).toBe('PACKAGE_REFUSED');
    expect((refused.details as { report: VerifyReport }).report.errors.map((e) => e.code)).toEqual(['PKG_REPLAY']);
    expect((await bureau.app.call('package.accepted', {})).total).toBe(1);
  });

  it('PKG_REPLAY (rollback): an older package after a newer one was accepted; the next one in the chain is accepted', async () => {
    const bureau = await bureauWorkspace(apps);
    const unit = await unitWorkspace(apps);
    await register(bureau, unit);
    const d = dir();
    const p1 = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(d, '1.dsp') });
    const p2 = await unit.app.call('package.build', { kind: 'change', outPath: path.join(d, '2.dsp') });
    const p3 = await unit.app.call('package.build', { kind: 'annual', outPath: path.join(d, '3.dsp') });
    await bureau.app.call('package.accept', { path: p1.path });
    await bureau.app.call('package.accept', { path: p2.path });
    const old = await bureau.app.call('package.verify', { path: p1.path });
    expect(codes(old)).toEqual(['PKG_REPLAY']);
    expect(old.errors[0]).toMatchObject({ entry: 'bag-info.txt', details: { sequence: 1, lastAccepted: 2 } });
    expect((await bureau.app.call('package.accept', { path: p3.path })).accepted?.sequence).toBe(3);
  });

  it('PKG_SEQUENCE_GAP: a package whose predecessors were never accepted', async () => {
    const bureau = await bureauWorkspace(apps);
    const unit = await unitWorkspace(apps);
    await register(bureau, unit);
    const d = dir();
    const p1 = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(d, '1.dsp') });
    await unit.app.call('package.build', { kind: 'change', outPath: path.join(d, '2.dsp') });
    const p3 = await unit.app.call('package.build', { kind: 'change', outPath: path.join(d, '3.dsp') });
    await bureau.app.call('package.accept', { path: p1.path });
    expect(codes(await bureau.app.call('package.verify', { path: p3.path }))).toEqual(['PKG_SEQUENCE_GAP']);
  });

  it('PKG_FORK: a unit workspace restored from an older copy exports a different history with the same key', async () => {
    const bureau = await bureauWorkspace(apps);
    const unit = await unitWorkspace(apps);
    await register(bureau, unit);
    // A copy of the unit's workspace as it was before its first filing (closed, so the file is whole).
    await unit.app.call('workspace.close', {});
    const copy = unit.file.replace(/\.dsw$/, '-copy.dsw');
    fs.copyFileSync(unit.file, copy);
    await unit.app.call('workspace.unlock', { path: unit.file, passphrase: PASS });
    const d = dir();
    const p1 = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(d, '1.dsp') });
    await bureau.app.call('package.accept', { path: p1.path });

    const forked = apps.app();
    await forked.call('workspace.unlock', { path: copy, passphrase: PASS });
    await forked.call('inventory.updateSystem', { id: 1, mlpsLevel: '第二级' });
    const f1 = await forked.call('package.build', { kind: 'initial', outPath: path.join(d, 'f1.dsp') });
    const f2 = await forked.call('package.build', { kind: 'change', outPath: path.join(d, 'f2.dsp') });
    expect(f1.digest).not.toBe(p1.digest);
    const r = await bureau.app.call('package.verify', { path: f2.path });
    expect(codes(r)).toEqual(['PKG_FORK']);
    expect(r.errors[0]!.details).toMatchObject({ expected: p1.digest, found: f1.digest, sequence: 2, lastAccepted: 1 });
    expect(codes(await bureau.app.call('package.verify', { path: f1.path }))).toEqual(['PKG_REPLAY']);
  });

  it('PKG_UNKNOWN_SIGNER: a key not registered, registered for another unit, or revoked', async () => {
    const bureau = await bureauWorkspace(apps);
    const unit = await unitWorkspace(apps);
    const p = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(dir(), 'p.dsp') });
    let r = await bureau.app.call('package.verify', { path: p.path });
    expect(codes(r)).toEqual(['PKG_UNKNOWN_SIGNER']);
    expect(r.errors[0]!.details).toMatchObject({ fingerprint: unit.fingerprint });
    expect((await bureau.app.fail('package.accept', { path: p.path })).code).toBe('PACKAGE_REFUSED');

    await register(bureau, unit, '91350100M000100Y43');
    r = await bureau.app.call('package.verify', { path: p.path });
    expect(codes(r)).toEqual(['PKG_UNKNOWN_SIGNER']);
    expect(r.errors[0]!.message_en).toContain('registered for 91350100M000100Y43');

    await bureau.app.call('keys.revokeCounterpart', { fingerprint: unit.fingerprint });
    r = await bureau.app.call('package.verify', { path: p.path });
    expect(r.errors[0]!.message_en).toContain('revoked');
  });

  it('verifying writes nothing: the workspace files, the audit log and the registry are unchanged, good package or bad', async () => {
    const bureau = await bureauWorkspace(apps);
    const unit = await unitWorkspace(apps);
    await register(bureau, unit);
    const p = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(dir(), 'p.dsp') });
    const bad = path.join(dir(), 'bad.dsp');
    fs.writeFileSync(bad, fs.readFileSync(p.path).subarray(0, 500));
    const audit = await auditTotal(bureau.app);
    const files = dbFiles(bureau.file).map(fingerprint);
    expect((await bureau.app.call('package.verify', { path: p.path })).ok).toBe(true);
    expect((await bureau.app.call('package.verify', { path: bad })).ok).toBe(false);
    expect(dbFiles(bureau.file).map(fingerprint)).toEqual(files);
    expect(await auditTotal(bureau.app)).toBe(audit);
    expect((await bureau.app.call('package.accepted', {})).total).toBe(0);
  });
});

describe('sealed packages', () => {
  it('a unit that knows the bureau key seals by default; the outer file names the recipient; the bureau opens, verifies and accepts it', async () => {
    const { bureau, unit } = await sealedSetup();
    const p = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(dir(), 's.dsp') });
    expect(p.sealedTo).toBe(bureau.fingerprint);
    const outer = unzip(fs.readFileSync(p.path));
    expect(outer.map((e) => e.name)).toEqual(['datasteward-sealed.json', 'payload.sm4']);
    const header = JSON.parse(outer[0]!.data.toString('utf8'));
    expect(header).toMatchObject({ format: 'datasteward-sealed-package/1', recipient: { fingerprint: bureau.fingerprint }, cipher: { alg: 'SM4-CBC+HMAC-SM3' } });
    // nothing of the content is visible
    expect(fs.readFileSync(p.path).includes(Buffer.from('患者'))).toBe(false);
    expect(fs.readFileSync(p.path).includes(Buffer.from('bag-info'))).toBe(false);

    const v = await bureau.app.call('package.verify', { path: p.path });
    expect(v.errors).toEqual([]);
    expect(v).toMatchObject({ ok: true, sealedFor: bureau.fingerprint, digest: p.digest });
    expect((await bureau.app.call('package.accept', { path: p.path })).accepted?.digest).toBe(p.digest);
  });

  it('PKG_SEALED_NO_KEY: verifying a sealed package with only a public key', async () => {
    const { unit } = await sealedSetup();
    const p = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(dir(), 's.dsp') });
    const other = apps.app();
    const r = await other.call('package.verify', { path: p.path, pubkeyPem: unit.publicKeyPem });
    expect(codes(r)).toEqual(['PKG_SEALED_NO_KEY']);
  });

  it('PKG_SEALED_FOR_OTHER: a package sealed for another bureau', async () => {
    const { unit } = await sealedSetup();
    const other = await bureauWorkspace(apps, '另一区数据局');
    await register(other, unit);
    const p = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(dir(), 's.dsp') });
    const r = await other.app.call('package.verify', { path: p.path });
    expect(codes(r)).toEqual(['PKG_SEALED_FOR_OTHER']);
    expect(r.errors[0]!.details).toMatchObject({ ours: other.fingerprint });
    // --seal-to that bureau instead, explicitly: it opens there.
    const q = await unit.app.call('package.build', { kind: 'change', outPath: path.join(dir(), 'q.dsp'), sealTo: other.publicKeyPem });
    expect(q.sealedTo).toBe(other.fingerprint);
    expect((await other.app.call('package.verify', { path: q.path })).ok).toBe(true);
  });

  it('PKG_SEAL_BROKEN: one byte of the ciphertext changed (the MAC fails before anything is decrypted)', async () => {
    const { bureau, unit } = await sealedSetup();
    const p = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(dir(), 's.dsp') });
    const bytes = fs.readFileSync(p.path);
    const at = bytes.indexOf(Buffer.from('payload.sm4')) + 'payload.sm4'.length + 100;
    bytes[at]! ^= 0x01;
    // The CRC of the stored entry is checked first when reading the zip: recompute it so only the MAC can tell.
    const bad = path.join(dir(), 'bad.dsp');
    fs.writeFileSync(bad, fixCrc(bytes));
    expect(codes(await bureau.app.call('package.verify', { path: bad }))).toEqual(['PKG_SEAL_BROKEN']);
  });

  it('--no-seal (seal: false) writes a plain package even when the bureau key is known', async () => {
    const { unit } = await sealedSetup();
    const p = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(dir(), 'plain.dsp'), seal: false });
    expect(p.sealedTo).toBeNull();
    expect(openBag(fs.readFileSync(p.path)).base).toBe('91110000600037341L-000001');
  });
});

/** Recompute the CRC-32 of every stored entry (local header and central directory). */
function fixCrc(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.length - 22;
  let p = out.readUInt32LE(eocd + 16);
  const n = out.readUInt16LE(eocd + 10);
  for (let i = 0; i < n; i++) {
    const size = out.readUInt32LE(p + 20);
    const nameLen = out.readUInt16LE(p + 28);
    const local = out.readUInt32LE(p + 42);
    const start = local + 30 + out.readUInt16LE(local + 26) + out.readUInt16LE(local + 28);
    const crc = zlib.crc32(out.subarray(start, start + size)) >>> 0;
    out.writeUInt32LE(crc, p + 16);
    out.writeUInt32LE(crc, local + 14);
    p += 46 + nameLen + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}
