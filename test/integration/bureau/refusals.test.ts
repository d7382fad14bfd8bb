/**
 * Intake refuses, and stores nothing for: a replayed old package, a package signed by a key the
 * bureau never registered, a tampered package, a package sealed for another bureau, and a
 * retired key's package. Each result names its codes; filings, the registry and the audit log
 * stay as they were. Also: the intake job works between other calls and a cancel arrives
 * between packages; a forged receipt is refused on the unit side.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFactory } from '../../helpers/backend';
import { bureauWorkspace, openBag, setText, text, unitWorkspace, zipBag, type Bureau, type Unit } from '../package/fixtures';
import { auditTotal } from '../inventory/fixtures';

const apps = appFactory('ds-bureau-refuse-');
const dir = () => fs.mkdtempSync(path.join(apps.root, 'o-'));

async function setup(): Promise<{ bureau: Bureau; unit: Unit; d: string }> {
  const bureau = await bureauWorkspace(apps);
  const unit = await unitWorkspace(apps);
  await bureau.app.call('bureau.unitSave', { uscc: '91110000600037341L', name: '某区卫健委' });
  await bureau.app.call('bureau.keyAdd', { uscc: '91110000600037341L', pem: unit.publicKeyPem, fingerprint: unit.fingerprint });
  return { bureau, unit, d: dir() };
}

async function nothingStored(bureau: Bureau, before: { filings: number; accepted: number; audit: number }) {
  expect((await bureau.app.call('bureau.filings', {})).total).toBe(before.filings);
  expect((await bureau.app.call('package.accepted', {})).total).toBe(before.accepted);
  expect(await auditTotal(bureau.app)).toBe(before.audit);
}

async function snapshot(bureau: Bureau) {
  return {
    filings: (await bureau.app.call('bureau.filings', {})).total,
    accepted: (await bureau.app.call('package.accepted', {})).total,
    audit: await auditTotal(bureau.app),
  };
}

describe('intake refusals store nothing', () => {
  it('a replayed old package is refused with PKG_REPLAY', async () => {
    const { bureau, unit, d } = await setup();
    const p1 = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(d, '1.dsp'), seal: false });
    const p2 = await unit.app.call('package.build', { kind: 'change', outPath: path.join(d, '2.dsp'), seal: false });
    const ok = await bureau.app.call('bureau.intake', { paths: [p1.path, p2.path] });
    expect(ok).toMatchObject({ accepted: 2, refused: 0 });
    const before = await snapshot(bureau);
    const again = await bureau.app.call('bureau.intake', { paths: [p1.path] });
    expect(again.results[0]).toMatchObject({ outcome: 'refused', filingId: null, sequence: 1 });
    expect(again.results[0]!.codes).toEqual(['PKG_REPLAY']);
    await nothingStored(bureau, before);
  });

  it('a package signed by an unregistered key is refused with PKG_UNKNOWN_SIGNER', async () => {
    const { bureau, d } = await setup();
    const stranger = await unitWorkspace(apps, { profile: { uscc: '91110000600037341L' } });
    const p = await stranger.app.call('package.build', { kind: 'initial', outPath: path.join(d, 's.dsp'), seal: false });
    const before = await snapshot(bureau);
    const r = await bureau.app.call('bureau.intake', { paths: [p.path] });
    expect(r.results[0]!.codes).toEqual(['PKG_UNKNOWN_SIGNER']);
    // The unit is registered with another key: registering from the package is refused too.
    expect(r.results[0]!.unknownSigner).toMatchObject({ unitKnown: true });
    expect((await bureau.app.fail('bureau.registerFromPackage', { path: p.path, fingerprint: stranger.fingerprint })).code).toBe('BUREAU_UNIT_HAS_KEY');
    await nothingStored(bureau, before);
  });

  it('a tampered package is refused with the manifest mismatch', async () => {
    const { bureau, unit, d } = await setup();
    const p = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(d, 't.dsp'), seal: false });
    const bag = openBag(fs.readFileSync(p.path));
    setText(bag, 'data/inventory.json', text(bag, 'data/inventory.json').replace('患者姓名', '患者名称'));
    const tampered = path.join(d, 't2.dsp');
    fs.writeFileSync(tampered, zipBag(bag));
    const before = await snapshot(bureau);
    const r = await bureau.app.call('bureau.intake', { paths: [tampered] });
    expect(r.results[0]!.outcome).toBe('refused');
    expect(r.results[0]!.codes).toContain('PKG_MANIFEST_MISMATCH');
    await nothingStored(bureau, before);
  });

  it('a package sealed for another bureau is refused with PKG_SEALED_FOR_OTHER', async () => {
    const { bureau, unit, d } = await setup();
    const other = await bureauWorkspace(apps, '另一区数据局');
    const p = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(d, 'o.dsp'), sealTo: other.publicKeyPem });
    const before = await snapshot(bureau);
    const r = await bureau.app.call('bureau.intake', { paths: [p.path] });
    expect(r.results[0]!.codes).toEqual(['PKG_SEALED_FOR_OTHER']);
    await nothingStored(bureau, before);
    // Sealed for this bureau: the same content is taken in, and the report names the outer file.
    const ok = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(d, 'b.dsp'), sealTo: bureau.publicKeyPem, overwrite: true });
    const r2 = await bureau.app.call('bureau.intake', { paths: [ok.path] });
    expect(r2.results[0]!.outcome).toBe('accepted');
    expect((await bureau.app.call('package.accepted', {})).rows[0]).toMatchObject({ fileSm3: ok.fileSm3, digest: ok.digest });
  });

  it('a retired key’s package is refused and cannot be registered again from the package', async () => {
    const { bureau, unit, d } = await setup();
    await bureau.app.call('bureau.keyRetire', { fingerprint: unit.fingerprint });
    const p = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(d, 'r.dsp'), seal: false });
    const before = await snapshot(bureau);
    const r = await bureau.app.call('bureau.intake', { paths: [p.path] });
    expect(r.results[0]!.codes).toEqual(['PKG_UNKNOWN_SIGNER']);
    expect(r.results[0]!.unknownSigner).toBeNull();
    await nothingStored(bureau, before);
    const units = await bureau.app.call('bureau.units', {});
    expect(units[0]!.keys[0]!.retiredAt).not.toBeNull();
  });

  it('adding a key needs the fingerprint of that key', async () => {
    const bureau = await bureauWorkspace(apps);
    const unit = await unitWorkspace(apps);
    await bureau.app.call('bureau.unitSave', { uscc: '91110000600037341L', name: '某区卫健委', contactName: '张伟' });
    const bad = unit.fingerprint.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect((await bureau.app.fail('bureau.keyAdd', { uscc: '91110000600037341L', pem: unit.publicKeyPem, fingerprint: bad })).code).toBe('KEY_FINGERPRINT_MISMATCH');
    expect((await bureau.app.call('bureau.units', {}))[0]!.keys).toEqual([]);
    expect((await bureau.app.fail('bureau.keyAdd', { uscc: '91110000600037341L', pem: unit.publicKeyPem, fingerprint: 'xyz' })).code).toBe('KEY_FINGERPRINT_MALFORMED');
  });
});

describe('intake job', () => {
  it('works through a folder between other calls, reports progress, and a cancel stops it between packages', async () => {
    const { bureau, unit, d } = await setup();
    for (let i = 1; i <= 4; i++) await unit.app.call('package.build', { kind: i === 1 ? 'initial' : 'change', outPath: path.join(d, `${i}.dsp`), seal: false });
    fs.writeFileSync(path.join(d, '9-junk.dsp'), 'not a zip');
    const job = await bureau.app.call('bureau.intakeStart', { paths: [d] });
    expect(job).toMatchObject({ state: 'running', total: 5, processed: 0 });
    let p = await bureau.app.call('bureau.intakeProgress', { jobId: job.id });
    for (let n = 0; p.state === 'running' && n < 2000; n++) {
      await new Promise((r) => setTimeout(r, 5));
      p = await bureau.app.call('bureau.intakeProgress', { jobId: job.id });
    }
    expect(p).toMatchObject({ state: 'done', processed: 5, accepted: 4, refused: 1 });
    expect(p.results[4]!.codes.length).toBeGreaterThan(0);
    expect(p.results[4]!.outcome).toBe('refused');
    expect((await bureau.app.call('bureau.filings', {})).total).toBe(4);

    // A second unit's five packages; cancelled right away: the cancel lands before the first package.
    const d2 = dir();
    for (let i = 5; i <= 8; i++) await unit.app.call('package.build', { kind: 'change', outPath: path.join(d2, `${i}.dsp`), seal: false });
    const job2 = await bureau.app.call('bureau.intakeStart', { paths: [d2] });
    const cancelled = await bureau.app.call('bureau.intakeCancel', { jobId: job2.id });
    expect(cancelled.state).toBe('running');
    let q = cancelled;
    for (let n = 0; q.state === 'running' && n < 2000; n++) {
      await new Promise((r) => setTimeout(r, 5));
      q = await bureau.app.call('bureau.intakeProgress', { jobId: job2.id });
    }
    expect(q.state).toBe('cancelled');
    expect(q.processed).toBeLessThan(4);
    // Whatever was processed is whole: each accepted package is a filing, nothing else.
    expect((await bureau.app.call('bureau.filings', {})).total).toBe(4 + q.accepted);
    const rest = await bureau.app.call('bureau.intake', { paths: [d2] });
    expect(rest.accepted + q.accepted).toBe(4);
  });
});

describe('receipts on the unit side', () => {
  it('a receipt signed by a key the unit did not confirm is refused', async () => {
    const { bureau, unit, d } = await setup();
    const p = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(d, '1.dsp'), seal: false });
    const r = await bureau.app.call('bureau.intake', { paths: [p.path] });
    const id = r.results[0]!.filingId!;
    await bureau.app.call('bureau.decideFiling', { filingId: id, decision: 'accepted' });
    const rc = await bureau.app.call('bureau.receipt', { filingId: id, outPath: path.join(d, 'r.dsr') });
    // The unit never imported the bureau key.
    expect((await unit.app.fail('receipt.import', { path: rc.path })).code).toBe('RECEIPT_UNKNOWN_SIGNER');
    await unit.app.call('keys.importCounterpart', { pem: bureau.publicKeyPem, fingerprint: bureau.fingerprint });
    // An altered receipt does not verify.
    const bag = openBag(fs.readFileSync(rc.path));
    setText(bag, 'data/receipt.json', text(bag, 'data/receipt.json').replace('"accepted"', '"returned"'));
    const forged = path.join(d, 'forged.dsr');
    fs.writeFileSync(forged, zipBag(bag));
    expect((await unit.app.fail('receipt.import', { path: forged })).code).toBe('RECEIPT_INVALID');
    expect(await unit.app.call('receipt.import', { path: rc.path })).toMatchObject({ decision: 'accepted', filingSequence: 1 });
    expect((await unit.app.call('receipt.list', {}))[0]!.status).toBe('accepted');
  });
});
