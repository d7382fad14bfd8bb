/** `datasteward import` and `datasteward export`, run as a user would: a real process, real files, exit codes. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/tmp';
import { useCli } from '../../helpers/cli';

const root = path.resolve(__dirname, '../../..');
const dir = tempDir('ds-excel-cli-');
const FIX = path.join(root, 'test', 'fixtures', 'excel');
const PASS = 'cli-pass-123';

const cli = useCli(dir, PASS);

describe('datasteward import / export', () => {
  const ws = path.join(dir, 'unit.dsw');

  it('dry run as JSON: counts and problems with sheet, row, column and code; exit 1 on blocking problems, nothing written', () => {
    expect(cli(['workspace', 'create', '--path', ws, '--role', 'unit', '--operator', '张三']).code).toBe(0);
    const r = cli(['import', '--path', ws, path.join(FIX, 'problems.xlsx'), '--dry-run', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.out);
    expect(out.ok).toBe(false);
    expect(out.counts).toMatchObject({ added: expect.any(Number), changed: 0, removed: 0, unchanged: 0 });
    expect(out.problems).toContainEqual(expect.objectContaining({ sheet: '数据分类分级清单', row: 3, column: 'N', header: '数据加工程度', code: 'VALUE_NOT_IN_LIST', severity: 'blocking' }));
    for (const p of out.problems) expect(Object.keys(p)).toEqual(expect.arrayContaining(['sheet', 'row', 'column', 'code', 'severity', 'message']));
    // Without --dry-run, blocking problems still write nothing.
    const again = cli(['import', '--path', ws, path.join(FIX, 'problems.xlsx'), '--json']);
    expect(again.code).toBe(1);
    const check = cli(['import', '--path', ws, path.join(FIX, 'clean.xlsx'), '--dry-run', '--json']);
    expect(JSON.parse(check.out).counts).toMatchObject({ added: 6, changed: 0, unchanged: 0 });
  });

  it('imports a clean file (exit 0), then reports it unchanged', () => {
    const r = cli(['import', '--path', ws, path.join(FIX, 'clean.xlsx')]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已导入');
    const again = cli(['import', '--path', ws, path.join(FIX, 'clean.xlsx'), '--dry-run', '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ ok: true, counts: { added: 0, changed: 0, removed: 0, unchanged: 6 } });
  });

  it('a file that is not the template: the same JSON shape with one problem, exit 1', () => {
    const r = cli(['import', '--path', ws, path.join(FIX, 'zip-bomb.xlsx'), '--dry-run', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ ok: false, problems: [{ code: 'ZIP_BOMB', severity: 'blocking' }] });
    const plain = cli(['import', '--path', ws, path.join(FIX, 'wrong-sheets.xlsx')]);
    expect(plain.code).toBe(1);
    expect(plain.err).toContain('WRONG_SHEETS');
  });

  it('usage errors exit 2: no file, a missing file, an unknown option', () => {
    expect(cli(['import', '--path', ws]).code).toBe(2);
    expect(cli(['import', '--path', ws, path.join(dir, 'nope.xlsx')]).code).toBe(2);
    expect(cli(['import', '--path', ws, path.join(FIX, 'clean.xlsx'), '--bogus']).code).toBe(2);
    expect(cli(['export', '--path', ws]).code).toBe(2);
  });

  it('exports the template, the catalog alone, and CSV; refuses to overwrite without --force', () => {
    const out = path.join(dir, '备案.xlsx');
    const r = cli(['export', '--path', ws, '--out', out, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ format: 'xlsx', rows: { inventory: 6, catalog: 1 } });
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(cli(['export', '--path', ws, '--out', out]).code).toBe(2);
    expect(cli(['export', '--path', ws, '--out', out, '--force']).code).toBe(0);
    const cat = path.join(dir, '目录.xlsx');
    expect(JSON.parse(cli(['export', '--path', ws, '--out', cat, '--catalog-only', '--json']).out)).toMatchObject({ rows: { inventory: 0, catalog: 1 } });
    const csv = path.join(dir, '清单.csv');
    expect(cli(['export', '--path', ws, '--out', csv, '--csv']).code).toBe(0);
    const text = fs.readFileSync(csv, 'utf8');
    expect(text.startsWith('\uFEFF序号,数据编号,所属信息系统')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(7);
  });

  it('exports the quality findings report with --findings', () => {
    const out = path.join(dir, '问题清单.xlsx');
    const r = cli(['export', '--path', ws, '--out', out, '--findings', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { findings: number; errors: number; warnings: number; scores: { overall: number } };
    expect(j.findings).toBe(j.errors + j.warnings);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(cli(['export', '--path', ws, '--out', out, '--findings']).code).toBe(2); // exists, no --force
    expect(cli(['export', '--path', ws, '--out', out, '--findings', '--csv', '--force']).code).toBe(2);
  });
});
