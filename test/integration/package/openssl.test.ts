/**
 * A package checked with nothing but standard tools, as docs/PACKAGE-FORMAT.md tells another team
 * to: Info-ZIP unzip, OpenSSL 3 and coreutils. Both ways: a package signed here verifies with the
 * exact `openssl dgst` command of the issue, and a bag signed by OpenSSL verifies here. A sealed
 * package is opened with `openssl pkeyutl -decrypt`, `openssl mac` and `openssl enc -sm4-cbc`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appFactory } from '../../helpers/backend';
import { canonicalJson } from '../../../main/domain/canonical-json';
import { createDigestHasher, importPublicKey, openKeyBackup } from '../../../main/crypto/index';
import { FILES, TAG_MANIFEST_FILES, writeManifest } from '../../../main/domain/package/index';
import { BACKUP_PASS, bureauWorkspace, openBag, register, setText, text, unitWorkspace, unzip, zipBag, type Unit } from './fixtures';

const apps = appFactory('ds-pkg-openssl-');
const sh = (cmd: string, args: string[], cwd?: string) => spawnSync(cmd, args, { cwd, encoding: 'utf8' });
let unit: Unit;
let pkgPath: string;
let bagDir: string;

beforeAll(async () => {
  unit = await unitWorkspace(apps);
  pkgPath = path.join(apps.root, 'p.dsp');
  await unit.app.call('package.build', { kind: 'initial', outPath: pkgPath });
  fs.writeFileSync(path.join(apps.root, 'pub.pem'), unit.publicKeyPem);
  const ex = path.join(apps.root, 'extracted');
  const r = sh('unzip', ['-q', pkgPath, '-d', ex]);
  expect(r.status, r.stderr).toBe(0);
  bagDir = path.join(ex, '91110000600037341L-000001');
});

describe('checked with OpenSSL 3 and coreutils', () => {
  it('the exact command of the issue verifies the signature: openssl dgst -sm3 -verify pub.pem -sigopt distid:1234567812345678 -signature signature.der tagmanifest-sm3.txt', () => {
    const r = sh('openssl', ['dgst', '-sm3', '-verify', path.join(apps.root, 'pub.pem'), '-sigopt', 'distid:1234567812345678', '-signature', 'signature.der', 'tagmanifest-sm3.txt'], bagDir);
    expect(r.stdout + r.stderr).toContain('Verified OK');
    expect(r.status).toBe(0);
  });

  it('so does pkeyutl; without the distid (OpenSSL’s default ID) it fails, as the format doc warns', () => {
    const ok = sh('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', path.join(apps.root, 'pub.pem'), '-rawin', '-digest', 'sm3', '-pkeyopt', 'distid:1234567812345678', '-in', 'tagmanifest-sm3.txt', '-sigfile', 'signature.der'], bagDir);
    expect(ok.stdout).toContain('Signature Verified Successfully');
    const noId = sh('openssl', ['dgst', '-sm3', '-verify', path.join(apps.root, 'pub.pem'), '-signature', 'signature.der', 'tagmanifest-sm3.txt'], bagDir);
    expect(noId.status).not.toBe(0);
  });

  it('the signature fails in OpenSSL once the tag manifest is changed', () => {
    const copy = path.join(apps.root, 'tm-changed.txt');
    fs.writeFileSync(copy, fs.readFileSync(path.join(bagDir, 'tagmanifest-sm3.txt'), 'utf8').replace(/^./, (c) => (c === '0' ? '1' : '0')));
    const r = sh('openssl', ['dgst', '-sm3', '-verify', path.join(apps.root, 'pub.pem'), '-sigopt', 'distid:1234567812345678', '-signature', path.join(bagDir, 'signature.der'), copy]);
    expect(r.stdout + r.stderr).toContain('Verification failure');
  });

  it('sha256sum -c checks manifest-sha256.txt and tagmanifest-sha256.txt; openssl dgst -sm3 gives the SM3 manifests', () => {
    for (const m of ['manifest-sha256.txt', 'tagmanifest-sha256.txt']) {
      const r = sh('sha256sum', ['-c', '--strict', m], bagDir);
      expect(r.status, r.stdout + r.stderr).toBe(0);
    }
    for (const m of ['manifest-sm3.txt', 'tagmanifest-sm3.txt']) {
      for (const line of fs.readFileSync(path.join(bagDir, m), 'utf8').trimEnd().split('\n')) {
        const [digest, file] = line.split('  ');
        const out = execFileSync('openssl', ['dgst', '-sm3', '-r', file!], { cwd: bagDir, encoding: 'utf8' });
        expect(out.split(' ')[0], file).toBe(digest);
      }
    }
  });

  it('the exported public key is SPKI with the SM2 curve; its fingerprint is SM3 of its DER', async () => {
    const u = await unitWorkspace(apps);
    const out = path.join(apps.root, 'exported.pem');
    const r = await u.app.call('keys.exportPublic', { outPath: out });
    expect(fs.readFileSync(out, 'utf8')).toBe(u.publicKeyPem);
    const textOut = execFileSync('openssl', ['pkey', '-pubin', '-in', out, '-noout', '-text'], { encoding: 'utf8' });
    expect(textOut).toMatch(/ASN1 OID: SM2/);
    const der = execFileSync('openssl', ['pkey', '-pubin', '-in', out, '-outform', 'DER']);
    const sm3 = execFileSync('openssl', ['dgst', '-sm3', '-r'], { input: der, encoding: 'utf8' }).split(' ')[0]!;
    expect(r.fingerprint.replace(/ /g, '').toLowerCase()).toBe(sm3);
    expect(r.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
  });

  it('a bag signed by OpenSSL (its own SM2 key, distid 1234567812345678) verifies here', async () => {
    const keyPem = path.join(apps.root, 'ossl-key.pem');
    execFileSync('openssl', ['genpkey', '-algorithm', 'SM2', '-out', keyPem]);
    const pubPem = execFileSync('openssl', ['pkey', '-in', keyPem, '-pubout'], { encoding: 'utf8' });
    const pub = importPublicKey(pubPem);
    const bag = openBag(fs.readFileSync(pkgPath));
    const sig = JSON.parse(text(bag, FILES.signatureJson));
    setText(bag, FILES.signatureJson, canonicalJson({ ...sig, publicKey: pubPem, fingerprint: pub.fingerprint() }));
    setText(bag, FILES.bagInfo, text(bag, FILES.bagInfo).replace(/^DataSteward-Signer-Fingerprint: .*$/m, `DataSteward-Signer-Fingerprint: ${pub.fingerprint()}`));
    const h = await createDigestHasher();
    const sm3 = new Map<string, string>();
    const sha = new Map<string, string>();
    for (const f of TAG_MANIFEST_FILES) {
      const d = h.digest(bag.files.get(f)!);
      sm3.set(f, d.sm3);
      sha.set(f, d.sha256);
    }
    setText(bag, FILES.tagmanifestSm3, writeManifest(sm3));
    setText(bag, FILES.tagmanifestSha256, writeManifest(sha));
    const tm = path.join(apps.root, 'ossl-tagmanifest-sm3.txt');
    fs.writeFileSync(tm, bag.files.get(FILES.tagmanifestSm3)!);
    const sigOut = path.join(apps.root, 'ossl-signature.der');
    execFileSync('openssl', ['dgst', '-sm3', '-sign', keyPem, '-sigopt', 'distid:1234567812345678', '-out', sigOut, tm]);
    bag.files.set(FILES.signatureDer, fs.readFileSync(sigOut));
    const file = path.join(apps.root, 'ossl-signed.dsp');
    fs.writeFileSync(file, zipBag(bag));
    const r = await apps.app().call('package.verify', { path: file, pubkeyPem: pubPem });
    expect(r.errors).toEqual([]);
    expect(r.signer?.fingerprint).toBe(pub.fingerprint());
  });

  it('a sealed package opens with openssl pkeyutl -decrypt, openssl mac (HMAC-SM3) and openssl enc -sm4-cbc, as documented', async () => {
    const bureau = await bureauWorkspace(apps);
    const u = await unitWorkspace(apps);
    await register(bureau, u);
    await u.app.call('keys.importCounterpart', { pem: bureau.publicKeyPem, fingerprint: bureau.fingerprint });
    const p = await u.app.call('package.build', { kind: 'initial', outPath: path.join(apps.root, 'sealed.dsp') });
    // The bureau's private key, as OpenSSL reads it (from the workspace's encrypted key backup).
    const backup = path.join(apps.root, 'bureau.dskey');
    await bureau.app.call('keys.backup', { outPath: backup, passphrase: BACKUP_PASS });
    const keyPem = path.join(apps.root, 'bureau-key.pem');
    fs.writeFileSync(keyPem, (await openKeyBackup(fs.readFileSync(backup, 'utf8'), BACKUP_PASS)).privateKey.toPkcs8Pem(), { mode: 0o600 });

    const [headerEntry, payloadEntry] = unzip(fs.readFileSync(p.path));
    const header = JSON.parse(headerEntry!.data.toString('utf8'));
    const sealedSecret = path.join(apps.root, 'sealed-secret.der');
    fs.writeFileSync(sealedSecret, Buffer.from(header.keyTransport.sealedSecret, 'base64'));
    const secret = execFileSync('openssl', ['pkeyutl', '-decrypt', '-inkey', keyPem, '-in', sealedSecret]);
    expect(secret.length).toBe(32);
    const hmac = (keyHex: string, data: Buffer) =>
      execFileSync('openssl', ['mac', '-digest', 'SM3', '-macopt', `hexkey:${keyHex}`, 'HMAC'], { input: data, encoding: 'utf8' }).trim().toLowerCase();
    const label = Buffer.from('DataSteward sealed package v1');
    const encKey = hmac(secret.toString('hex'), Buffer.concat([label, Buffer.from([0]), Buffer.from('enc')])).slice(0, 32);
    const macKey = hmac(secret.toString('hex'), Buffer.concat([label, Buffer.from([0]), Buffer.from('mac')]));
    const aad = Buffer.from(canonicalJson({ ...header, cipher: { alg: header.cipher.alg }, payload: { file: header.payload.file } }));
    const len = Buffer.alloc(8);
    len.writeBigUInt64BE(BigInt(aad.length));
    const iv = Buffer.from(header.cipher.iv, 'base64');
    expect(hmac(macKey, Buffer.concat([len, aad, iv, payloadEntry!.data]))).toBe(Buffer.from(header.cipher.mac, 'base64').toString('hex'));
    const ct = path.join(apps.root, 'payload.sm4');
    fs.writeFileSync(ct, payloadEntry!.data);
    const inner = path.join(apps.root, 'inner.dsp');
    execFileSync('openssl', ['enc', '-d', '-sm4-cbc', '-K', encKey, '-iv', iv.toString('hex'), '-in', ct, '-out', inner]);
    const r = await apps.app().call('package.verify', { path: inner, pubkeyPem: u.publicKeyPem });
    expect(r.errors).toEqual([]);
    expect(r.digest).toBe(p.digest);
  });
});
