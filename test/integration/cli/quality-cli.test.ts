/** `datasteward demo` and `datasteward check`, run as a user would: a real process, real files, exit codes. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/tmp';
import { useCli } from '../../helpers/cli';

const dir = tempDir('ds-cli-quality-');
const PASS = 'cli-pass-123';

const cli = useCli(dir, PASS);

const FINDING_KEYS = ['code', 'severity', 'itemId', 'resourceId', 'field', 'message'];

describe('datasteward demo and check', () => {
  const demo = path.join(dir, 'ws', '示例医院.dsw');

  it('demo makes a unit workspace with about N items, prints the counts and the time, and refuses an existing file', () => {
    const r = cli(['demo', '--path', demo, '--items', '500', '--seed', '3', '--operator', '张三']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已创建示例工作区');
    expect(r.out).toMatch(/数据项 \/ items: 500\b/);
    expect(r.out).toMatch(/用时 \/ time: \d+\.\d s/);
    expect(fs.existsSync(demo)).toBe(true);
    const size = fs.statSync(demo).size;
    const again = cli(['demo', '--path', demo, '--items', '500']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('WORKSPACE_EXISTS');
    expect(fs.statSync(demo).size).toBe(size);
  });

  it('check --json prints the scores and the findings in the documented shape, and exits 1 when any finding is an error', () => {
    const r = cli(['check', '--path', demo, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.out) as { scores: Record<string, number>; findings: Record<string, unknown>[] };
    expect(Object.keys(report)).toEqual(['scores', 'findings']);
    expect(Object.keys(report.scores)).toEqual(['completeness', 'consistency', 'conformity', 'timeliness', 'overall']);
    for (const v of Object.values(report.scores)) expect(v >= 0 && v <= 100).toBe(true);
    expect(report.scores.completeness).toBeLessThan(100);
    expect(report.findings.length).toBeGreaterThan(10);
    for (const f of report.findings) {
      const keys = Object.keys(f);
      expect(keys.every((k) => FINDING_KEYS.includes(k)), keys.join()).toBe(true);
      // In the documented order, the optional ones only when known.
      expect(keys).toEqual(FINDING_KEYS.filter((k) => k in f));
      expect(f.severity === 'error' || f.severity === 'warning').toBe(true);
      expect(typeof f.code).toBe('string');
      expect(f.message).toMatch(/[\u4e00-\u9fff]/);
      if ('itemId' in f) expect(typeof f.itemId).toBe('number');
      expect(typeof f.resourceId).toBe('number');
    }
    expect(report.findings.some((f) => f.severity === 'error')).toBe(true);
    expect(report.findings.find((f) => f.code === 'RATIONALE_REQUIRED_LOWERING')).toMatchObject({ itemId: expect.any(Number), resourceId: expect.any(Number), field: 'rationale', message: expect.stringContaining('属降级，须填写定级理由') });
    // A resource's own row is named by resourceId alone.
    expect(report.findings.some((f) => f.code === 'CATALOG_ROW_MISSING' && !('itemId' in f))).toBe(true);
  });

  it('check without --json prints the scores per dimension and the findings', () => {
    const r = cli(['check', '--path', demo]);
    expect(r.code).toBe(1);
    for (const s of ['完整性 completeness', '一致性 consistency', '规范性 conformity', '及时性 timeliness', '错误 / errors:']) expect(r.out).toContain(s);
    expect(r.out).toMatch(/\[错误\] RATIONALE_REQUIRED_LOWERING resource \d+ item \d+ rationale: 数据级别低于参考级别/);
  });

  it('check exits 0 when no finding is an error', () => {
    const empty = path.join(dir, 'ws', '空.dsw');
    expect(cli(['workspace', 'create', '--path', empty, '--role', 'unit']).code).toBe(0);
    const r = cli(['check', '--path', empty, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ scores: { completeness: 100, consistency: 100, conformity: 100, timeliness: 100, overall: 100 }, findings: [] });
  });

  it('exits 2 on bad usage and 1 on a wrong passphrase', () => {
    expect(cli(['demo', '--path', path.join(dir, 'x.dsw')]).code).toBe(2);
    expect(cli(['demo', '--path', path.join(dir, 'x.dsw'), '--items', 'many']).code).toBe(2);
    expect(cli(['demo', '--path', path.join(dir, 'x.dsw'), '--items', '0']).code).toBe(2);
    expect(cli(['demo', '--path', path.join(dir, 'x.dsw'), '--items', '10', '--seed', '-1']).code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'x.dsw'))).toBe(false);
    expect(cli(['check']).code).toBe(2);
    expect(cli(['check', '--path', demo, '--bogus']).code).toBe(2);
    expect(cli(['check', '--path', demo], { passphrase: null }).code).toBe(2);
    const wrong = cli(['check', '--path', demo, '--json'], { passphrase: 'wrong-pass-123' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain('WRONG_PASSPHRASE');
    expect(wrong.out).toBe('');
  });

  it('the help lists demo and check', () => {
    const r = cli(['help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('datasteward demo --path FILE --items N [--seed S] [--operator NAME]');
    expect(r.out).toContain('datasteward check --path FILE [--json]');
  });
});
