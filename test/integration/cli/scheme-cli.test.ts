/** `datasteward scheme …` and `datasteward recognizers import`, run as a user would: a real process, real files, exit codes. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { schemeToSheets } from '../../../main/domain/scheme-sheet';
import { BUILTIN_RECOGNIZER_PACK, BUILTIN_SCHEMES } from '../../../main/services/builtin-resources';
import { writeXlsx } from '../../../main/services/excel/xlsx-write';
import { tempDir } from '../../helpers/tmp';
import { useCli } from '../../helpers/cli';

const dir = tempDir('ds-scheme-cli-');
const PASS = 'cli-pass-123';

const cli = useCli(dir, PASS);

const health = BUILTIN_SCHEMES.find((s) => s.id === 'health')!;

describe('datasteward scheme / recognizers', () => {
  const ws = path.join(dir, 'unit.dsw');

  it('lists the built-in schemes, exports one as xlsx and JSON, refuses to overwrite without --force', () => {
    expect(cli(['workspace', 'create', '--path', ws, '--role', 'unit']).code).toBe(0);
    const list = cli(['scheme', 'list', '--path', ws, '--json']);
    expect(list.code).toBe(0);
    const schemes = JSON.parse(list.out) as { id: string; activeVersion: number; inUse: boolean; versions: { version: number; entries: number }[] }[];
    expect(schemes.map((s) => s.id).sort()).toEqual(BUILTIN_SCHEMES.map((s) => s.id).sort());
    expect(schemes.find((s) => s.id === 'health')).toMatchObject({ activeVersion: 1, inUse: true, versions: [{ version: 1, entries: 0 }] });
    expect(cli(['scheme', 'list', '--path', ws]).out).toContain('health');

    const xlsx = path.join(dir, 'health.xlsx');
    const r = cli(['scheme', 'export', '--path', ws, '--id', 'health', '--out', xlsx]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(fs.statSync(xlsx).size).toBeGreaterThan(1000);
    expect(cli(['scheme', 'export', '--path', ws, '--id', 'health', '--out', xlsx]).code).toBe(2);
    expect(cli(['scheme', 'export', '--path', ws, '--id', 'health', '--out', path.join(dir, 'h.txt')]).code).toBe(2);
    const json = path.join(dir, 'health.json');
    expect(cli(['scheme', 'export', '--path', ws, '--id', 'health', '--version', '1', '--out', json]).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(json, 'utf8')).id).toBe('health');
    expect(cli(['scheme', 'export', '--path', ws, '--id', 'nope', '--out', path.join(dir, 'nope.json')]).code).toBe(1);
  });

  it('imports a scheme xlsx with a problem (exit 1, sheet/row/column printed), then the fixed one as version 2, and activates it', () => {
    const make = (file: string, level: string) => {
      const sheets = schemeToSheets({ ...health, name: '卫生健康数据分类分级方案（本单位）' }, 1);
      (sheets.find((s) => s.name === '分类')!.rows[1] as (string | number | null)[])[4] = level;
      writeXlsx(file, sheets.map((s) => ({ name: s.name, widths: s.widths, rows: s.rows, ...(s.header ? { header: s.header } : {}) })), {
        title: '', subject: '', author: '', company: '', keywords: '', description: '', created: new Date(Date.UTC(2026, 0, 1)), custom: {},
      });
      return file;
    };
    const bad = make(path.join(dir, 'bad.xlsx'), '三级');
    const r = cli(['scheme', 'import', '--path', ws, bad, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).problems).toEqual([expect.objectContaining({ sheet: '分类', row: 3, column: 'E' })]);
    const text = cli(['scheme', 'import', '--path', ws, bad]);
    expect(text.code).toBe(1);
    expect(text.out).toContain('工作表“分类” 第 3 行 E 列');

    const good = make(path.join(dir, 'good.xlsx'), '一般数据4级');
    const ok = cli(['scheme', 'import', '--path', ws, good, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true, id: 'health', version: 2, kind: 'new-version', activeVersion: 1 });
    const again = cli(['scheme', 'import', '--path', ws, good]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('版本 2 相同');

    const act = cli(['scheme', 'activate', '--path', ws, '--id', 'health', '--version', '2', '--json']);
    expect(act.err).toBe('');
    expect(JSON.parse(act.out)).toMatchObject({ id: 'health', version: 2, inUse: true, regraded: 0 });
    const list = JSON.parse(cli(['scheme', 'list', '--path', ws, '--json']).out) as { id: string; activeVersion: number; name: string }[];
    expect(list.find((s) => s.id === 'health')).toMatchObject({ activeVersion: 2, name: '卫生健康数据分类分级方案（本单位）' });
    expect(cli(['scheme', 'activate', '--path', ws, '--id', 'health', '--version', 'x']).code).toBe(2);
    expect(cli(['scheme', 'activate', '--path', ws, '--id', 'health', '--version', '7']).code).toBe(1);
  });

  it('imports a recogniser pack, and lists the problems of a bad one (exit 1)', () => {
    const bad = path.join(dir, 'bad-pack.json');
    fs.writeFileSync(bad, JSON.stringify({ ...BUILTIN_RECOGNIZER_PACK, version: 0 }));
    const r = cli(['recognizers', 'import', '--path', ws, bad, '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, code: 'RECOGNIZER_PACK_INVALID', problems: [expect.objectContaining({ path: 'version' })] });
    const good = path.join(dir, 'pack.json');
    fs.writeFileSync(good, JSON.stringify({ ...BUILTIN_RECOGNIZER_PACK, version: 2, name: '本单位识别器' }));
    const ok = cli(['recognizers', 'import', '--path', ws, good]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('本单位识别器');
    expect(cli(['recognizers', 'import', '--path', ws]).code).toBe(2);
    expect(cli(['scheme', 'frobnicate', '--path', ws]).code).toBe(2);
  });
});
