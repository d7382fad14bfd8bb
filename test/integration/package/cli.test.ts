/**
 * The package commands of the CLI, run as a real process on real files: keys export-public and
 * backup, keys import with the fingerprint, package (build, sealed or not), package history,
 * verify (--pubkey, --path, --json) with its exit codes 0 / 1 / 2, and package accept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appFactory, PASS } from '../../helpers/backend';
import { useCli } from '../../helpers/cli';
import { unitWorkspace } from './fixtures';

const apps = appFactory('ds-pkg-cli-');
const dir = apps.root;
let unitFile: string;
let unitFp: string;

const cli = useCli(dir, PASS);

beforeAll(async () => {
  // A unit workspace with an inventory and a key, made through the API, then closed.
  const unit = await unitWorkspace(apps);
  unitFile = unit.file;
  unitFp = unit.fingerprint;
  await unit.app.backend.dispose();
}, 120_000);

describe('datasteward keys / package / verify', () => {
  const pub = path.join(dir, 'unit-pub.pem');
  const bureauFile = path.join(dir, 'bureau.dsw');
  const bureauPub = path.join(dir, 'bureau-pub.pem');
  const pkg1 = path.join(dir, 'out', '首次报送.dsp');

  it('keys export-public writes the PEM and prints the fingerprint to read over the phone', () => {
    const r = cli(['keys', 'export-public', '--path', unitFile, '--out', pub]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(unitFp);
    expect(fs.readFileSync(pub, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('keys backup writes an encrypted backup with the passphrase from DATASTEWARD_BACKUP_PASSPHRASE', () => {
    const out = path.join(dir, 'unit.dskey');
    const r = cli(['keys', 'backup', '--path', unitFile, '--out', out], { env: { DATASTEWARD_BACKUP_PASSPHRASE: 'backup-passphrase-1' } });
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).format).toBe('datasteward-sm2-key-backup');
    expect(cli(['keys', 'backup', '--path', unitFile, '--out', out], { env: { DATASTEWARD_BACKUP_PASSPHRASE: 'backup-passphrase-1' } }).code).toBe(1);
  });

  it('package builds a signed package and prints its digest; package history lists it', () => {
    fs.mkdirSync(path.dirname(pkg1), { recursive: true });
    const r = cli(['package', '--path', unitFile, '--kind', 'initial', '--out', pkg1, '--json']);
    expect(r.code, r.err).toBe(0);
    const result = JSON.parse(r.out);
    expect(result).toMatchObject({ sequence: 1, kind: 'initial', sealedTo: null });
    const h = cli(['package', 'history', '--path', unitFile, '--json']);
    expect(JSON.parse(h.out).map((x: { digest: string }) => x.digest)).toEqual([result.digest]);
    expect(cli(['package', '--path', unitFile, '--kind', 'weekly', '--out', pkg1]).code).toBe(2);
  });

  it('verify --pubkey --json: exit 0 and the issue’s JSON shape; a tampered copy exits 1 with its codes', () => {
    const r = cli(['verify', pkg1, '--pubkey', pub, '--json']);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ ok: true, signer: { fingerprint: unitFp, unit: '某某区大数据发展管理局', uscc: '91110000600037341L' }, kind: 'initial', sequence: 1, errors: [] });

    const bad = path.join(dir, 'bad.dsp');
    const bytes = fs.readFileSync(pkg1);
    fs.writeFileSync(bad, bytes.subarray(0, bytes.length - 30));
    const b = cli(['verify', bad, '--pubkey', pub, '--json']);
    expect(b.code).toBe(1);
    expect(JSON.parse(b.out)).toMatchObject({ ok: false, errors: [{ code: 'PKG_ZIP_CORRUPT' }] });
    const human = cli(['verify', bad, '--pubkey', pub]);
    expect(human.code).toBe(1);
    expect(human.out).toContain('PKG_ZIP_CORRUPT');
  });

  it('verify: exit 2 on bad usage (no file, two files, both --pubkey and --path, a missing file)', () => {
    expect(cli(['verify']).code).toBe(2);
    expect(cli(['verify', pkg1, pkg1]).code).toBe(2);
    expect(cli(['verify', pkg1, '--pubkey', pub, '--path', unitFile]).code).toBe(2);
    expect(cli(['verify', path.join(dir, 'nope.dsp')]).code).toBe(2);
    expect(cli(['verify', pkg1, '--pubkey', path.join(dir, 'nope.pem')]).code).toBe(2);
  });

  it('verify without a trusted key: exit 1, PKG_UNKNOWN_SIGNER', () => {
    const r = cli(['verify', pkg1, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).errors.map((e: { code: string }) => e.code)).toEqual(['PKG_UNKNOWN_SIGNER']);
  });

  it('a bureau registers the unit key by fingerprint, verifies with --path, accepts, and then refuses the replay', () => {
    expect(cli(['workspace', 'create', '--path', bureauFile, '--role', 'bureau', '--operator', '王五']).code).toBe(0);
    const g = cli(['keys', 'generate', '--path', bureauFile, '--json']);
    expect(g.code, g.err).toBe(0);
    expect(cli(['keys', 'export-public', '--path', bureauFile, '--out', bureauPub]).code).toBe(0);
    const wrong = cli(['keys', 'import', '--path', bureauFile, '--pem', pub, '--fingerprint', '0000 '.repeat(16).trim(), '--uscc', '91110000600037341L']);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('KEY_FINGERPRINT_MISMATCH');
    expect(cli(['keys', 'import', '--path', bureauFile, '--pem', pub, '--fingerprint', unitFp, '--uscc', '91110000600037341L']).code).toBe(0);

    const v = cli(['verify', pkg1, '--path', bureauFile, '--json']);
    expect(v.code, v.err).toBe(0);
    expect(JSON.parse(v.out).trust).toBe('registry');
    const a = cli(['package', 'accept', pkg1, '--path', bureauFile, '--json']);
    expect(a.code, a.err).toBe(0);
    expect(JSON.parse(a.out).accepted).toMatchObject({ sequence: 1, uscc: '91110000600037341L' });
    const replay = cli(['verify', pkg1, '--path', bureauFile, '--json']);
    expect(replay.code).toBe(1);
    expect(JSON.parse(replay.out).errors[0].code).toBe('PKG_REPLAY');
    const again = cli(['package', 'accept', pkg1, '--path', bureauFile]);
    expect(again.code).toBe(1);
    expect(again.out).toContain('PKG_REPLAY');
  });

  it('package --seal-to seals for the bureau; only the bureau workspace opens it', () => {
    const sealed = path.join(dir, 'out', 'sealed.dsp');
    const r = cli(['package', '--path', unitFile, '--kind', 'change', '--out', sealed, '--seal-to', bureauPub, '--json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).sealedTo).toMatch(/^[0-9A-F]{4} /);
    const p = cli(['verify', sealed, '--pubkey', pub, '--json']);
    expect(p.code).toBe(1);
    expect(JSON.parse(p.out).errors[0].code).toBe('PKG_SEALED_NO_KEY');
    const b = cli(['verify', sealed, '--path', bureauFile, '--json']);
    expect(b.code, b.out).toBe(0);
    expect(JSON.parse(b.out)).toMatchObject({ ok: true, sequence: 2, kind: 'change' });
  });
});

describe('datasteward package --rotate-key / package withdraw', () => {
  it('--rotate-key announces a new key (verify --json reports it); withdraw marks the latest package as not sent and the next one reuses its sequence', async () => {
    const unit = await unitWorkspace(apps);
    await unit.app.backend.dispose();
    const d = fs.mkdtempSync(path.join(dir, 'rot-'));
    const pub = path.join(d, 'old.pem');
    expect(cli(['keys', 'export-public', '--path', unit.file, '--out', pub]).code).toBe(0);
    const p1 = path.join(d, '1.dsp');
    const r = cli(['package', '--path', unit.file, '--kind', 'initial', '--out', p1, '--rotate-key', '--json']);
    expect(r.code, r.err).toBe(0);
    const shown = JSON.parse(cli(['keys', 'show', '--path', unit.file, '--json']).out);
    const v = cli(['verify', p1, '--pubkey', pub, '--json']);
    expect(v.code, v.out).toBe(0);
    expect(JSON.parse(v.out).keyRotation).toMatchObject({ previousFingerprint: unit.fingerprint, newFingerprint: shown.own.fingerprint });
    expect(cli(['verify', p1, '--pubkey', pub]).out).toContain(shown.own.fingerprint);

    expect(cli(['package', 'withdraw', '--path', unit.file]).code).toBe(2);
    const w = cli(['package', 'withdraw', '--path', unit.file, '--sequence', '1', '--reason', '未送达']);
    expect(w.code, w.err).toBe(0);
    expect(w.out).toContain('1');
    // The rotation was never delivered: the old key is current again.
    expect(JSON.parse(cli(['keys', 'show', '--path', unit.file, '--json']).out).own.fingerprint).toBe(unit.fingerprint);
    const again = JSON.parse(cli(['package', '--path', unit.file, '--kind', 'initial', '--out', path.join(d, '1b.dsp'), '--json']).out);
    expect(again).toMatchObject({ sequence: 1, signerFingerprint: unit.fingerprint });
    const h = cli(['package', 'history', '--path', unit.file]);
    expect(h.out).toContain('未报送 / not sent');
  }, 60_000);
});
