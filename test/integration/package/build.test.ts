/**
 * Building a filing package on a unit workspace: the bag's files and their content, the filing
 * history and its audit entries, sequence and previous digest, determinism of the canonical JSON,
 * refusals (bureau role, no key, incomplete profile, existing file), and that a unit verifies
 * what it exported with its own key.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFactory, PASS, TestClock } from '../../helpers/backend';
import { canonicalJson } from '../../../main/domain/canonical-json';
import { sm3Hex } from '../../../main/crypto/index';
import { inventoryFileSchema, catalogFileSchema, profileFileSchema, parseBagInfo } from '../../../main/domain/package/index';
import { checkUscc } from '../../../main/domain/uscc';
import { openBag, text, unitWorkspace } from './fixtures';
import { lastAudit } from '../inventory/fixtures';

const apps = appFactory('ds-pkg-build-');
const out = (name: string) => path.join(fs.mkdtempSync(path.join(apps.root, 'o-')), name);

describe('package.build', () => {
  it('writes one zip holding a BagIt 1.0 bag under one base directory, with the files the format lists', async () => {
    const unit = await unitWorkspace(apps);
    const file = out('备案包.dsp');
    const r = await unit.app.call('package.build', { kind: 'initial', outPath: file });
    expect(r).toMatchObject({ sequence: 1, kind: 'initial', previousDigest: null, sealedTo: null, path: file, fileName: '备案包.dsp' });
    expect(r.counts).toEqual({ systems: 1, resources: 2, items: 4, catalogEntries: 1 });
    const bytes = fs.readFileSync(file);
    expect(r.fileSm3).toBe(sm3Hex(bytes));
    expect(r.fileBytes).toBe(bytes.length);

    const bag = openBag(bytes);
    expect(bag.base).toBe('91110000600037341L-000001');
    expect([...bag.files.keys()]).toEqual([
      'bagit.txt', 'bag-info.txt', 'data/profile.json', 'data/inventory.json', 'data/catalog.json', 'data/备案清单.xlsx',
      'manifest-sm3.txt', 'manifest-sha256.txt', 'tagmanifest-sm3.txt', 'tagmanifest-sha256.txt', 'signature.json', 'signature.der',
    ]);
    expect(text(bag, 'bagit.txt')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    expect(r.digest).toBe(sm3Hex(bag.files.get('tagmanifest-sm3.txt')!));

    const info = parseBagInfo(text(bag, 'bag-info.txt'), (u) => checkUscc(u).valid);
    expect(info.problems).toEqual([]);
    expect(info.info).toMatchObject({ unitName: '某某区大数据发展管理局', uscc: '91110000600037341L', kind: 'initial', sequence: 1, previousDigest: null, schemaVersion: 1, signerFingerprint: unit.fingerprint });
    expect(text(bag, 'bag-info.txt')).toContain('DataSteward-Filing-Kind-Label: 首次报送\n');
    const payloadBytes = ['data/profile.json', 'data/inventory.json', 'data/catalog.json', 'data/备案清单.xlsx'].reduce((n, f) => n + bag.files.get(f)!.length, 0);
    expect(info.info!.payloadOxum).toBe(`${payloadBytes}.4`);

    // manifests: both algorithms, every payload file, sorted, two spaces
    const sm3Lines = text(bag, 'manifest-sm3.txt').trimEnd().split('\n');
    expect(sm3Lines.map((l) => l.split('  ')[1])).toEqual(['data/catalog.json', 'data/inventory.json', 'data/profile.json', 'data/备案清单.xlsx']);
    for (const l of sm3Lines) {
      const [digest, name] = l.split('  ');
      expect(digest).toBe(sm3Hex(bag.files.get(name!)!));
    }
    expect(text(bag, 'tagmanifest-sm3.txt').trimEnd().split('\n').map((l) => l.split('  ')[1])).toEqual(['bag-info.txt', 'bagit.txt', 'manifest-sha256.txt', 'manifest-sm3.txt']);

    // the payload follows its schema and is canonical
    for (const [name, schema] of [['data/profile.json', profileFileSchema], ['data/inventory.json', inventoryFileSchema], ['data/catalog.json', catalogFileSchema]] as const) {
      const t = text(bag, name);
      const v = JSON.parse(t);
      expect(schema.safeParse(v).success, name).toBe(true);
      expect(canonicalJson(v)).toBe(t);
    }
    const inv = JSON.parse(text(bag, 'data/inventory.json'));
    expect(inv.entries.map((e: { dataId: string }) => e.dataId)).toEqual(['SYS01-T001', 'SYS01-T001-F001', 'SYS01-T001-F002', 'SYS01-T001-F003', 'SYS01-T002', 'SYS01-T002-F001']);
    expect(inv.entries[1]).toMatchObject({ kind: 'item', resourceDataId: 'SYS01-T001', systemName: '医院信息系统', itemName: '患者姓名', isPersonalInfo: '是' });
    const cat = JSON.parse(text(bag, 'data/catalog.json'));
    expect(cat.entries).toEqual([expect.objectContaining({ dataId: 'SYS01-T001', name: '患者基本信息', level: '重要数据' })]);
    const prof = JSON.parse(text(bag, 'data/profile.json'));
    expect(prof.profile).toMatchObject({ uscc: '91110000600037341L', filingKind: '首次报送' });

    // signature.json beside signature.der
    const sig = JSON.parse(text(bag, 'signature.json'));
    expect(sig).toMatchObject({ alg: 'SM2-with-SM3', algOid: '1.2.156.10197.1.501', userId: '1234567812345678', signedFile: 'tagmanifest-sm3.txt', signatureFile: 'signature.der', fingerprint: unit.fingerprint, publicKey: unit.publicKeyPem });
  });

  it('Info-ZIP and Python read the zip, and every entry passes their CRC test', async () => {
    const unit = await unitWorkspace(apps);
    const file = out('p.dsp');
    await unit.app.call('package.build', { kind: 'initial', outPath: file });
    const t = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });
    expect(t.status, t.stdout + t.stderr).toBe(0);
    expect(t.stdout).toContain('No errors detected');
    const py = execFileSync('python3', ['-c', 'import sys,zipfile; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print("\\n".join(z.namelist()))', file], { encoding: 'utf8' });
    expect(py.split('\n')[0]).toBe('None');
    expect(py).toContain('91110000600037341L-000001/data/inventory.json');
  });

  it('records each package in the filing history with its audit entry; the next one names the previous digest', async () => {
    const unit = await unitWorkspace(apps);
    const a = await unit.app.call('package.build', { kind: 'initial', outPath: out('1.dsp') });
    const audit1 = await lastAudit(unit.app);
    expect(audit1).toMatchObject({ action: 'package.build', entity: 'filing', entityId: '1' });
    expect(audit1.after).toMatchObject({ sequence: 1, digest: a.digest, kind: 'initial' });
    const b = await unit.app.call('package.build', { kind: 'change', outPath: out('2.dsp') });
    expect(b).toMatchObject({ sequence: 2, kind: 'change', previousDigest: a.digest });
    const bag = openBag(fs.readFileSync(b.path));
    expect(text(bag, 'bag-info.txt')).toContain(`DataSteward-Previous-Package-SM3: ${a.digest}\n`);
    expect(text(bag, 'bag-info.txt')).toContain('DataSteward-Filing-Kind-Label: 变更报送\n');
    const history = await unit.app.call('package.history', {});
    expect(history.map((h) => [h.sequence, h.kind, h.digest])).toEqual([[2, 'change', b.digest], [1, 'initial', a.digest]]);
    expect(history[0]).toMatchObject({ fileName: '2.dsp', counts: { items: 4 }, actor: expect.stringContaining('张三') });
  });

  it('two exports of the same state differ only in time and sequence: the payload JSON is byte-identical', async () => {
    const clock = new TestClock();
    const app = apps.app({ now: clock.now });
    const unit = await unitWorkspace(apps, { app });
    const a = await app.call('package.build', { kind: 'annual', outPath: out('a.dsp') });
    clock.advanceMinutes(5);
    const b = await app.call('package.build', { kind: 'annual', outPath: out('b.dsp') });
    const A = openBag(fs.readFileSync(a.path));
    const B = openBag(fs.readFileSync(b.path));
    for (const f of ['data/profile.json', 'data/inventory.json', 'data/catalog.json']) {
      expect(B.files.get(f)!.equals(A.files.get(f)!), f).toBe(true);
    }
    // The workbook shows its export time (page header, properties): only its manifest lines differ.
    for (const m of ['manifest-sm3.txt', 'manifest-sha256.txt']) {
      const other = (bag: typeof A) => text(bag, m).split('\n').filter((l) => !l.endsWith('data/备案清单.xlsx'));
      expect(other(B), m).toEqual(other(A));
    }
    const diff = (t: string, u: string) => {
      const x = t.split('\n');
      const y = u.split('\n');
      return x.filter((l, i) => l !== y[i]).map((l) => l.split(':')[0]);
    };
    // Payload-Oxum may differ by the workbook's size (its time stamps compress a little differently).
    expect(diff(text(A, 'bag-info.txt'), text(B, 'bag-info.txt')).filter((l) => l !== 'Payload-Oxum')).toEqual(['External-Identifier', 'DataSteward-Sequence', 'DataSteward-Previous-Package-SM3', 'DataSteward-Created']);
    expect(unit.fingerprint).toBeTruthy();
  });

  it('a unit verifies its own package with its own key', async () => {
    const unit = await unitWorkspace(apps);
    const r = await unit.app.call('package.build', { kind: 'initial', outPath: out('own.dsp') });
    const v = await unit.app.call('package.verify', { path: r.path });
    expect(v.errors).toEqual([]);
    expect(v).toMatchObject({ ok: true, trust: 'own-key', kind: 'initial', sequence: 1, digest: r.digest, signer: { fingerprint: unit.fingerprint, uscc: '91110000600037341L', unit: '某某区大数据发展管理局' } });
  });

  it('refuses: a bureau workspace, a workspace without a key, an incomplete profile, an existing file (nothing recorded)', async () => {
    const bureau = apps.app();
    await bureau.call('workspace.create', { path: apps.wsPath(), passphrase: PASS, role: 'bureau', name: '局', operator: 'x' });
    expect((await bureau.fail('package.build', { kind: 'initial', outPath: out('x.dsp') })).code).toBe('WRONG_ROLE');

    const noKey = apps.app();
    await noKey.call('workspace.create', { path: apps.wsPath(), passphrase: PASS, role: 'unit', name: '单位', operator: 'x' });
    expect((await noKey.fail('package.build', { kind: 'initial', outPath: out('x.dsp') })).code).toBe('SIGNING_KEY_MISSING');
    await noKey.call('keys.generate', {});
    const incomplete = await noKey.fail('package.build', { kind: 'initial', outPath: out('x.dsp') });
    expect(incomplete.code).toBe('PROFILE_INCOMPLETE');

    const unit = await unitWorkspace(apps);
    const file = out('exists.dsp');
    fs.writeFileSync(file, 'keep me');
    expect((await unit.app.fail('package.build', { kind: 'initial', outPath: file })).code).toBe('OUTPUT_EXISTS');
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
    expect(await unit.app.call('package.history', {})).toEqual([]);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['exists.dsp']);
    const r = await unit.app.call('package.build', { kind: 'initial', outPath: file, overwrite: true });
    expect(r.sequence).toBe(1);
  });
});
