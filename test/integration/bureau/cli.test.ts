/**
 * The bureau commands of the CLI as a real process on real files: trust add (refused on a
 * fingerprint mismatch, nothing stored), intake with its exit codes and --json, review
 * entries/decide, receipt, and receipt import on the unit side.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appFactory, PASS } from '../../helpers/backend';
import { useCli } from '../../helpers/cli';
import { bureauWorkspace, unitWorkspace } from '../package/fixtures';

const apps = appFactory('ds-bureau-cli-');
const dir = apps.root;
let unitFile: string;
let unitFp: string;
let bureauFile: string;
const pub = path.join(dir, 'unit.pem');
const pkg1 = path.join(dir, 'p1.dsp');
const pkg2 = path.join(dir, 'p2.dsp');

const cli = useCli(dir, PASS);

beforeAll(async () => {
  const bureau = await bureauWorkspace(apps);
  const unit = await unitWorkspace(apps);
  await unit.app.call('keys.importCounterpart', { pem: bureau.publicKeyPem, fingerprint: bureau.fingerprint });
  await unit.app.call('keys.exportPublic', { outPath: pub });
  await unit.app.call('package.build', { kind: 'initial', outPath: pkg1 });
  await unit.app.call('package.build', { kind: 'change', outPath: pkg2 });
  unitFile = unit.file;
  unitFp = unit.fingerprint;
  bureauFile = bureau.file;
  await unit.app.backend.dispose();
  await bureau.app.backend.dispose();
}, 120_000);

describe('datasteward trust / intake / review / receipt', () => {
  it('intake of a package from an unregistered unit exits 1 with PKG_UNKNOWN_SIGNER', () => {
    const r = cli(['intake', '--path', bureauFile, pkg1, '--json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { accepted: number; results: { codes: string[] }[] };
    expect(j.accepted).toBe(0);
    expect(j.results[0]!.codes).toEqual(['PKG_UNKNOWN_SIGNER']);
  });

  it('trust add refuses a wrong fingerprint and stores nothing, then accepts the right one', () => {
    const wrong = unitFp.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    const bad = cli(['trust', 'add', '--path', bureauFile, '--pubkey', pub, '--fingerprint', wrong, '--uscc', '91110000600037341L', '--name', '某区卫健委']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('KEY_FINGERPRINT_MISMATCH');
    const list = cli(['trust', 'list', '--path', bureauFile, '--json']);
    expect(JSON.parse(list.out)).toEqual([]);
    const ok = cli(['trust', 'add', '--path', bureauFile, '--pubkey', pub, '--fingerprint', unitFp, '--uscc', '91110000600037341L', '--name', '某区卫健委']);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(unitFp);
  });

  it('intake accepts both packages (exit 0), then refuses the replay (exit 1)', () => {
    const r = cli(['intake', '--path', bureauFile, pkg1, pkg2, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { accepted: number; results: { outcome: string; filingId: number; sequence: number }[] };
    expect(j.results.map((x) => [x.outcome, x.sequence])).toEqual([
      ['accepted', 1],
      ['accepted', 2],
    ]);
    const again = cli(['intake', '--path', bureauFile, pkg1]);
    expect(again.code).toBe(1);
    expect(again.out).toContain('PKG_REPLAY');
  });

  it('review entries / decide, receipt, and the unit imports the receipt', () => {
    const ret = cli(['review', 'entries', '--path', bureauFile, '--filing', '2', '--return', 'SYS01-T001-F001', '--comment', '请补充描述']);
    expect(ret.err).toBe('');
    expect(ret.code).toBe(0);
    const dec = cli(['review', 'decide', '--path', bureauFile, '--filing', '2', '--decision', 'accepted_with_remarks', '--comment', '一项待补充', '--json']);
    expect(dec.code).toBe(0);
    expect(JSON.parse(dec.out)).toMatchObject({ status: 'accepted_with_remarks' });
    const out = path.join(dir, 'r2.dsr');
    const rc = cli(['receipt', '--path', bureauFile, '--filing', '2', '--out', out]);
    expect(rc.err).toBe('');
    expect(rc.code).toBe(0);
    const imp = cli(['receipt', 'import', '--path', unitFile, out, '--json']);
    expect(imp.err).toBe('');
    expect(JSON.parse(imp.out)).toMatchObject({ filingSequence: 2, decision: 'accepted_with_remarks', returned: 1 });
  });
});
