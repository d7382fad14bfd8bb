/**
 * The package's data/备案清单.xlsx is the Excel export of the same state, made in memory: its
 * parts are exactly those `excel.export` writes at the same moment (same names, same order, same
 * bytes: only the zlib level differs), the writer gives the same bytes in memory as in a file,
 * building a package (sealed or not) creates no temporary file, and the workspace keeps only the
 * filed JSON of each filing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFactory, TestClock, VALID_PROFILE } from '../../helpers/backend';
import { buildExport } from '../../../main/services/excel/export-build';
import { startsLikeFormula, writeXlsx, xlsxBytes } from '../../../main/services/excel/xlsx-write';
import { isFormulaLike } from '../../../main/domain/sheets/export';
import { bureauWorkspace, openBag, unitWorkspace, unzip } from './fixtures';

const apps = appFactory('ds-pkg-workbook-');
const dir = () => fs.mkdtempSync(path.join(apps.root, 'x-'));

/** Run `fn` with os.tmpdir() pointing at a folder that does not exist: any temporary file fails. */
async function withoutTmpdir<T>(fn: () => Promise<T>): Promise<{ value: T; tmp: string }> {
  const tmp = path.join(dir(), 'no-such-tmp');
  const saved = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  process.env.TMPDIR = process.env.TMP = process.env.TEMP = tmp;
  try {
    expect(os.tmpdir()).toBe(tmp);
    return { value: await fn(), tmp };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('data/备案清单.xlsx', () => {
  it('has the parts excel.export writes for the same state and time, byte for byte', async () => {
    const clock = new TestClock();
    const app = apps.app({ now: clock.now });
    // The package's workbook shows the package's filing kind and date (as data/profile.json does):
    // the same as the profile's here, so the two workbooks describe the same state.
    const unit = await unitWorkspace(apps, { app, profile: { filingKind: '年度报送', filingDate: '2026-01-05' } });
    const built = await unit.app.call('package.build', { kind: 'annual', outPath: path.join(dir(), 'p.dsp'), seal: false });
    const inPackage = openBag(fs.readFileSync(built.path)).files.get('data/备案清单.xlsx')!;
    const exported = path.join(dir(), 'e.xlsx');
    await unit.app.call('excel.export', { path: exported });
    const a = unzip(inPackage);
    const b = unzip(fs.readFileSync(exported));
    expect(a.map((e) => e.name)).toEqual(b.map((e) => e.name));
    for (let i = 0; i < a.length; i++) expect(a[i]!.data.equals(b[i]!.data), a[i]!.name).toBe(true);
    const strings = a.find((e) => e.name === 'xl/sharedStrings.xml')!.data.toString('utf8');
    for (const s of ['SYS01-T001-F002', '身份证号', '年度报送', VALID_PROFILE.uscc]) expect(strings).toContain(s);
  });

  it('the writer gives the same bytes in memory as in a file', () => {
    const model = buildExport({
      profile: { ...VALID_PROFILE },
      entries: [],
      catalog: [],
      catalogOnly: false,
      now: new Date(Date.UTC(2026, 0, 5, 1, 0, 0)),
      appVersion: 'test',
      workspaceName: '某区卫健委',
    });
    const rows = Array.from({ length: 30_000 }, (_, i) => [`SYS-${i}`, `名称${i % 700}`, i, i % 3 === 0 ? '=1+1' : null]);
    const sheets = [...model.sheets, { name: '大表', widths: [10, 10, 10, 10], header: ['a', 'b', 'c', 'd'], rows }];
    for (const level of [1, 6]) {
      const file = path.join(dir(), `w${level}.xlsx`);
      writeXlsx(file, sheets, model.props, level);
      const mem = xlsxBytes(sheets, model.props, level);
      expect(mem.length).toBeGreaterThan(100_000);
      expect(mem.equals(fs.readFileSync(file))).toBe(true);
    }
  });

  it("the writer's quote-prefix test is isFormulaLike, for every first character", () => {
    for (let c = 0; c <= 0xffff; c++) {
      const v = `${String.fromCharCode(c)}x`;
      if (startsLikeFormula(v) !== isFormulaLike(v)) expect(`U+${c.toString(16)}`).toBe('the same answer');
    }
  });

  it('is made without any temporary file, sealed or not', async () => {
    const unit = await unitWorkspace(apps);
    const bureau = await bureauWorkspace(apps);
    const out = dir();
    const { value: built, tmp } = await withoutTmpdir(async () => [
      await unit.app.call('package.build', { kind: 'initial', outPath: path.join(out, 'a.dsp'), seal: false }),
      await unit.app.call('package.build', { kind: 'change', outPath: path.join(out, 'b.dsp'), sealTo: bureau.publicKeyPem }),
    ]);
    expect(built.map((b) => b.sequence)).toEqual([1, 2]);
    // What the workspace keeps of each filing: the filed JSON only, byte for byte as in the package.
    const open = unit.app.backend.services.session.requireOpen();
    const kept = open.store.tx(() => open.store.filingOutcomes.content(built[0]!.digest)!);
    const filedJson = unzip(kept);
    expect(filedJson.map((e) => e.name.replace(/^[^/]+\//, ''))).toEqual(['data/profile.json', 'data/inventory.json', 'data/catalog.json']);
    const bag = openBag(fs.readFileSync(built[0]!.path));
    for (const e of filedJson) expect(e.data.equals(bag.files.get(e.name.replace(/^[^/]+\//, ''))!), e.name).toBe(true);
    expect(fs.existsSync(tmp)).toBe(false);
    // Beside the packages: nothing but the packages (the staged files were renamed into place).
    expect(fs.readdirSync(out).sort()).toEqual(['a.dsp', 'b.dsp']);
  });
});
