/**
 * One test per way a package can be wrong: a real package built by a unit workspace is changed
 * in exactly that way, and package.verify (through the API, given the unit's public key) must
 * refuse it with that way's stable code and name the entry. Where the change would otherwise
 * also break the signature, the test re-signs with the unit's own key (what a buggy or hostile
 * writer holding the key could do), so that only the one problem remains.
 *
 * The refusals that need a bureau's registry or key — PKG_REPLAY, PKG_FORK, PKG_SEQUENCE_GAP,
 * PKG_UNKNOWN_SIGNER against the registry, PKG_SEALED_FOR_OTHER, PKG_SEALED_NO_KEY, PKG_SEAL_BROKEN —
 * have one test each in bureau.test.ts; key rotation and change-report refusals in outcomes.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appFactory } from '../../helpers/backend';
import { generateSm2KeyPair, signChecked, SoftwareSigner, type Sm2PrivateKey } from '../../../main/crypto/index';
import type { VerifyReport } from '../../../main/domain/package/index';
import { writeZip } from '../../../main/services/package/zip';
import { openBag, resign, setText, text, unitPrivateKey, unitWorkspace, unzip, zipBag } from './fixtures';

const apps = appFactory('ds-pkg-tamper-');
let pkg: Buffer;
let pub: string;
let key: Sm2PrivateKey;
let n = 0;

beforeAll(async () => {
  const unit = await unitWorkspace(apps);
  const out = path.join(apps.root, 'good.dsp');
  await unit.app.call('package.build', { kind: 'initial', outPath: out });
  pkg = fs.readFileSync(out);
  pub = unit.publicKeyPem;
  key = await unitPrivateKey(unit, apps.root);
  await unit.app.backend.dispose();
});

async function verify(bytes: Buffer, pubkeyPem: string | null = pub): Promise<VerifyReport> {
  const file = path.join(apps.root, `t-${++n}.dsp`);
  fs.writeFileSync(file, bytes);
  const app = apps.app();
  return app.call('package.verify', { path: file, ...(pubkeyPem ? { pubkeyPem } : {}) });
}

const codes = (r: VerifyReport) => [...new Set(r.errors.map((e) => e.code))];
const entryOf = (r: VerifyReport, code: string) => r.errors.filter((e) => e.code === code).map((e) => e.entry);

/** Set the declared unpacked size of an entry in its local header and in the central directory. */
function patchSize(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const nameBytes = Buffer.from(name);
  for (let i = 0; i < out.length - 46; i++) {
    const sig = out.readUInt32LE(i);
    if (sig === 0x04034b50 && out.readUInt16LE(i + 26) === nameBytes.length && out.subarray(i + 30, i + 30 + nameBytes.length).equals(nameBytes)) out.writeUInt32LE(size, i + 22);
    if (sig === 0x02014b50 && out.readUInt16LE(i + 28) === nameBytes.length && out.subarray(i + 46, i + 46 + nameBytes.length).equals(nameBytes)) out.writeUInt32LE(size, i + 24);
  }
  return out;
}

describe('a package as built verifies', () => {
  it('with the signer’s public key: ok, no errors, who signed and what', async () => {
    const r = await verify(pkg);
    expect(r.errors).toEqual([]);
    expect(r).toMatchObject({ ok: true, kind: 'initial', sequence: 1, trust: 'pubkey', signer: { uscc: '91110000600037341L' } });
  });
});

describe('each refusal, with its code', () => {
  it('PKG_SIGNATURE_INVALID: the signature was replaced by another key’s signature over the same tag manifest', async () => {
    const bag = openBag(pkg);
    const other = generateSm2KeyPair();
    bag.files.set('signature.der', Buffer.from(await signChecked(new SoftwareSigner(other.privateKey), bag.files.get('tagmanifest-sm3.txt')!)));
    const r = await verify(zipBag(bag));
    expect(codes(r)).toEqual(['PKG_SIGNATURE_INVALID']);
    expect(entryOf(r, 'PKG_SIGNATURE_INVALID')).toEqual(['signature.der']);
  });

  it('PKG_SIGNATURE_INVALID: one bit of the signature flipped', async () => {
    const bag = openBag(pkg);
    const sig = Buffer.from(bag.files.get('signature.der')!);
    sig[sig.length - 5]! ^= 0x01;
    bag.files.set('signature.der', sig);
    expect(codes(await verify(zipBag(bag)))).toEqual(['PKG_SIGNATURE_INVALID']);
  });

  it('PKG_MANIFEST_MISMATCH: one cell of the inventory changed (same length), in both algorithms', async () => {
    const bag = openBag(pkg);
    setText(bag, 'data/inventory.json', text(bag, 'data/inventory.json').replace('"ownerPerson":"张伟"', '"ownerPerson":"王伟"'));
    const r = await verify(zipBag(bag));
    expect(codes(r)).toEqual(['PKG_MANIFEST_MISMATCH']);
    expect(r.errors.map((e) => [e.entry, e.details?.algorithm])).toEqual([['data/inventory.json', 'SM3'], ['data/inventory.json', 'SHA-256']]);
  });

  it('PKG_MANIFEST_MISMATCH: bag-info.txt changed (the tag manifests catch it)', async () => {
    const bag = openBag(pkg);
    setText(bag, 'bag-info.txt', text(bag, 'bag-info.txt').replace('DataSteward-Sequence: 1', 'DataSteward-Sequence: 9'));
    const r = await verify(zipBag(bag));
    expect(codes(r)).toContain('PKG_MANIFEST_MISMATCH');
    expect(entryOf(r, 'PKG_MANIFEST_MISMATCH')).toEqual(['bag-info.txt', 'bag-info.txt']);
  });

  it('PKG_MISSING_FILE: a payload file removed', async () => {
    const bag = openBag(pkg);
    bag.files.delete('data/catalog.json');
    const r = await verify(zipBag(bag));
    expect(codes(r)).toContain('PKG_MISSING_FILE');
    expect(entryOf(r, 'PKG_MISSING_FILE')).toContain('data/catalog.json');
  });

  it('PKG_MISSING_FILE: a tag file removed', async () => {
    const bag = openBag(pkg);
    bag.files.delete('manifest-sha256.txt');
    const r = await verify(zipBag(bag));
    expect(codes(r)).toEqual(['PKG_MISSING_FILE']);
    expect(entryOf(r, 'PKG_MISSING_FILE')).toEqual(['manifest-sha256.txt']);
  });

  it('PKG_EXTRA_FILE: a file no manifest lists, in data/ and at the base directory', async () => {
    const bag = openBag(pkg);
    bag.files.set('data/补充说明.txt', Buffer.from('另附说明'));
    bag.files.set('readme.txt', Buffer.from('x'));
    const r = await verify(zipBag(bag));
    // A file added under data/ is payload, so Payload-Oxum no longer adds up either (RFC 8493 §2.2.2).
    expect(codes(r)).toEqual(['PKG_EXTRA_FILE', 'PKG_OXUM_MISMATCH']);
    expect(entryOf(r, 'PKG_EXTRA_FILE').sort()).toEqual(['data/补充说明.txt', 'readme.txt']);
  });

  it('PKG_OXUM_MISMATCH: Payload-Oxum does not add up (re-signed, so nothing else is wrong)', async () => {
    const bag = openBag(pkg);
    setText(bag, 'bag-info.txt', text(bag, 'bag-info.txt').replace(/Payload-Oxum: (\d+)\.4/, (_, b) => `Payload-Oxum: ${Number(b) + 1}.4`));
    await resign(bag, key, { oxum: false });
    const r = await verify(zipBag(bag));
    expect(codes(r)).toEqual(['PKG_OXUM_MISMATCH']);
    expect(entryOf(r, 'PKG_OXUM_MISMATCH')).toEqual(['bag-info.txt']);
  });

  it('PKG_PATH_ABSOLUTE: an entry with an absolute path (Unix and Windows drive)', async () => {
    for (const name of ['/tmp/evil.txt', 'C:/Windows/evil.txt']) {
      const bag = openBag(pkg);
      const r = await verify(zipBag(bag, [{ name, data: Buffer.from('x') }]));
      expect(codes(r)).toEqual(['PKG_PATH_ABSOLUTE']);
      expect(entryOf(r, 'PKG_PATH_ABSOLUTE')).toEqual([name]);
    }
  });

  it('PKG_PATH_TRAVERSAL: an entry whose path climbs out with ".."', async () => {
    const bag = openBag(pkg);
    const name = `${bag.base}/data/../../../evil.txt`;
    const r = await verify(zipBag(bag, [{ name, data: Buffer.from('x') }]));
    expect(codes(r)).toEqual(['PKG_PATH_TRAVERSAL']);
    expect(entryOf(r, 'PKG_PATH_TRAVERSAL')).toEqual([name]);
  });

  it('PKG_PATH_BACKSLASH: an entry with backslashes (a separator on Windows)', async () => {
    const bag = openBag(pkg);
    const name = `${bag.base}\\data\\evil.json`;
    const r = await verify(zipBag(bag, [{ name, data: Buffer.from('{}') }]));
    expect(codes(r)).toEqual(['PKG_PATH_BACKSLASH']);
  });

  it('PKG_SYMLINK: an entry that is a symbolic link (Unix mode in the external attributes)', async () => {
    const bag = openBag(pkg);
    const name = `${bag.base}/data/link.json`;
    const r = await verify(zipBag(bag, [{ name, data: Buffer.from('/etc/passwd'), unixMode: 0o120777, compress: false }]));
    expect(codes(r)).toEqual(['PKG_SYMLINK']);
    expect(entryOf(r, 'PKG_SYMLINK')).toEqual([name]);
  });

  it('PKG_DUPLICATE_NAME: the same name twice, and names that differ only in case', async () => {
    const bag = openBag(pkg);
    const evil = Buffer.from(text(bag, 'data/inventory.json').replace('张伟', '王伟'));
    let r = await verify(zipBag(bag, [{ name: `${bag.base}/data/inventory.json`, data: evil }]));
    expect(codes(r)).toEqual(['PKG_DUPLICATE_NAME']);
    expect(entryOf(r, 'PKG_DUPLICATE_NAME')).toEqual([`${bag.base}/data/inventory.json`]);
    r = await verify(zipBag(bag, [{ name: `${bag.base}/DATA/Inventory.json`, data: evil }]));
    expect(codes(r)).toEqual(['PKG_DUPLICATE_NAME']);
  });

  it('PKG_TOO_LARGE: the central directory declares an absurd unpacked size (refused before inflating)', async () => {
    const bag = openBag(pkg);
    const zip = patchSize(zipBag(bag), `${bag.base}/data/inventory.json`, 900 * 2 ** 20);
    const r = await verify(zip);
    expect(codes(r)).toEqual(['PKG_TOO_LARGE']);
    expect(entryOf(r, 'PKG_TOO_LARGE')).toEqual([`${bag.base}/data/inventory.json`]);
  });

  it('PKG_TOO_LARGE: a zip bomb that inflates far beyond its declared size is stopped at the declared size', async () => {
    const bag = openBag(pkg);
    const name = `${bag.base}/data/bomb.json`;
    const zeros = Buffer.alloc(64 * 2 ** 20);
    const zip = patchSize(zipBag(bag, [{ name, data: zeros }]), name, 4096);
    expect(zip.length).toBeLessThan(pkg.length + 400_000); // 64 MiB in a few hundred KB
    const r = await verify(zip);
    expect(codes(r)).toEqual(['PKG_TOO_LARGE']);
    expect(entryOf(r, 'PKG_TOO_LARGE')).toEqual([name]);
  });

  it('PKG_TOO_LARGE: more entries than the bounded limit', async () => {
    const bag = openBag(pkg);
    const extra = Array.from({ length: 80 }, (_, i) => ({ name: `${bag.base}/data/f${i}.txt`, data: Buffer.from(String(i)) }));
    const r = await verify(zipBag(bag, extra));
    expect(codes(r)).toEqual(['PKG_TOO_LARGE']);
  });

  it('PKG_TOO_LARGE: a tag file larger than tag files may be', async () => {
    const bag = openBag(pkg);
    setText(bag, 'bag-info.txt', text(bag, 'bag-info.txt') + `X-Padding: ${'x'.repeat(2 * 2 ** 20)}\n`);
    const r = await verify(zipBag(bag));
    expect(codes(r)).toEqual(['PKG_TOO_LARGE']);
    expect(entryOf(r, 'PKG_TOO_LARGE')).toEqual([`${bag.base}/bag-info.txt`]);
  });

  it('PKG_UNKNOWN_SIGNER: signed by a key other than the one given, or with no trusted key at all', async () => {
    const other = generateSm2KeyPair().publicKey.toPem();
    let r = await verify(pkg, other);
    expect(codes(r)).toEqual(['PKG_UNKNOWN_SIGNER']);
    expect(r.signer?.uscc).toBe('91110000600037341L');
    r = await verify(pkg, null);
    expect(codes(r)).toEqual(['PKG_UNKNOWN_SIGNER']);
    expect(r.trust).toBe('none');
  });

  it('PKG_ZIP_CORRUPT: a truncated file, and a flipped byte inside compressed data (CRC / inflate)', async () => {
    expect(codes(await verify(pkg.subarray(0, pkg.length - 10)))).toEqual(['PKG_ZIP_CORRUPT']);
    const bag = openBag(pkg);
    const zip = zipBag(bag);
    const at = zip.indexOf(Buffer.from(`${bag.base}/data/inventory.json`)) + 200;
    const bad = Buffer.from(zip);
    bad[at]! ^= 0xff;
    expect(codes(await verify(bad))).toEqual(['PKG_ZIP_CORRUPT']);
  });

  it('PKG_ZIP_CORRUPT: two entries sharing the same compressed bytes (overlapping-file zip bomb)', async () => {
    const a = writeZip([{ name: 'b/x', data: Buffer.alloc(1000) }], { mtime: new Date() });
    // Duplicate the central directory record under another name, pointing at the same local header.
    const eocd = a.length - 22;
    const cdOffset = a.readUInt32LE(eocd + 16);
    const cd = a.subarray(cdOffset, eocd);
    const cd2 = Buffer.from(cd);
    cd2.write('c', 46);
    const out = Buffer.concat([a.subarray(0, cdOffset), cd, cd2, a.subarray(eocd)]);
    out.writeUInt16LE(2, out.length - 22 + 8);
    out.writeUInt16LE(2, out.length - 22 + 10);
    out.writeUInt32LE(cd.length * 2, out.length - 22 + 12);
    const r = await verify(out);
    expect(codes(r)).toEqual(['PKG_ZIP_CORRUPT']);
  });

  it('PKG_NOT_A_PACKAGE: not a zip at all', async () => {
    expect(codes(await verify(Buffer.from('单位名称,统一社会信用代码\n某单位,91110000600037341L\n')))).toEqual(['PKG_NOT_A_PACKAGE']);
  });

  it('PKG_LAYOUT_INVALID: files at the root of the zip instead of under one base directory', async () => {
    const bag = openBag(pkg);
    const flat = writeZip([...bag.files].map(([name, data]) => ({ name, data })), { mtime: new Date() });
    expect(codes(await verify(flat))).toEqual(['PKG_LAYOUT_INVALID']);
  });

  it('PKG_BAGIT_INVALID: another BagIt version (re-signed)', async () => {
    const bag = openBag(pkg);
    setText(bag, 'bagit.txt', 'BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n');
    await resign(bag, key);
    expect(codes(await verify(zipBag(bag)))).toEqual(['PKG_BAGIT_INVALID']);
  });

  it('PKG_BAG_INFO_INVALID: a malformed sequence number (re-signed)', async () => {
    const bag = openBag(pkg);
    setText(bag, 'bag-info.txt', text(bag, 'bag-info.txt').replace('DataSteward-Sequence: 1', 'DataSteward-Sequence: one'));
    await resign(bag, key);
    const r = await verify(zipBag(bag));
    expect(codes(r)).toEqual(['PKG_BAG_INFO_INVALID']);
    expect(r.errors[0]!.details).toMatchObject({ label: 'DataSteward-Sequence' });
  });

  it('PKG_BAG_INFO_INVALID: counts that do not match the payload (re-signed)', async () => {
    const bag = openBag(pkg);
    setText(bag, 'bag-info.txt', text(bag, 'bag-info.txt').replace('DataSteward-Items: 4', 'DataSteward-Items: 3'));
    await resign(bag, key);
    const r = await verify(zipBag(bag));
    expect(codes(r)).toEqual(['PKG_BAG_INFO_INVALID']);
    expect(r.errors[0]!.details).toMatchObject({ label: 'DataSteward-Items' });
  });

  it('PKG_BAG_INFO_INVALID: bag-info names another signer than the key that signed (re-signed by that key)', async () => {
    const bag = openBag(pkg);
    const other = generateSm2KeyPair();
    const sig = JSON.parse(text(bag, 'signature.json'));
    sig.publicKey = other.publicKey.toPem();
    sig.fingerprint = other.publicKey.fingerprint();
    setText(bag, 'signature.json', JSON.stringify(sig));
    await resign(bag, other.privateKey);
    const r = await verify(zipBag(bag), other.publicKey.toPem());
    expect(codes(r)).toEqual(['PKG_BAG_INFO_INVALID']);
    expect(r.errors[0]!.details).toMatchObject({ label: 'DataSteward-Signer-Fingerprint' });
  });

  it('PKG_PAYLOAD_INVALID: a field the schema does not know, and JSON that is not canonical (re-signed)', async () => {
    let bag = openBag(pkg);
    setText(bag, 'data/catalog.json', text(bag, 'data/catalog.json').replace('{"entries":[{', '{"entries":[{"secret":"x",'));
    await resign(bag, key);
    let r = await verify(zipBag(bag));
    expect(codes(r)).toEqual(['PKG_PAYLOAD_INVALID']);
    expect(entryOf(r, 'PKG_PAYLOAD_INVALID')).toEqual(['data/catalog.json']);

    bag = openBag(pkg);
    setText(bag, 'data/profile.json', JSON.stringify(JSON.parse(text(bag, 'data/profile.json')), null, 2));
    await resign(bag, key);
    r = await verify(zipBag(bag));
    expect(codes(r)).toEqual(['PKG_PAYLOAD_INVALID']);
    expect(r.errors[0]!.message_en).toContain('canonical');
  });

  it('PKG_MANIFEST_INVALID: a malformed manifest line (re-signed)', async () => {
    const bag = openBag(pkg);
    setText(bag, 'manifest-sm3.txt', text(bag, 'manifest-sm3.txt') + 'not a manifest line\n');
    await resign(bag, key, { payloadManifests: false });
    const r = await verify(zipBag(bag));
    expect(codes(r)).toEqual(['PKG_MANIFEST_INVALID']);
    expect(entryOf(r, 'PKG_MANIFEST_INVALID')).toEqual(['manifest-sm3.txt']);
  });

  it('reports every problem of a package wrong in several ways at once', async () => {
    const bag = openBag(pkg);
    setText(bag, 'data/inventory.json', text(bag, 'data/inventory.json').replace('张伟', '王伟'));
    bag.files.delete('data/catalog.json');
    bag.files.set('data/x.txt', Buffer.from('x'));
    const r = await verify(zipBag(bag), generateSm2KeyPair().publicKey.toPem());
    expect(codes(r).sort()).toEqual(['PKG_EXTRA_FILE', 'PKG_MANIFEST_MISMATCH', 'PKG_MISSING_FILE', 'PKG_OXUM_MISMATCH', 'PKG_UNKNOWN_SIGNER']);
    expect(unzip(pkg).length).toBe(12);
  });
});
