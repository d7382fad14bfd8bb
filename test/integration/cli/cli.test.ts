/** The datasteward command line, run as a user would: a real process, real files, exit codes. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/tmp';
import { useCli } from '../../helpers/cli';

const dir = tempDir('ds-cli-');

const run = useCli(dir, null);
const cli = (args: string[], passphrase?: string) => run(args, { passphrase: passphrase ?? null });

describe('datasteward CLI', () => {
  const file = path.join(dir, 'ws', '卫健委.dsw');

  it('creates a unit workspace (exit 0) and refuses to overwrite it (exit 1)', () => {
    const r = cli(['workspace', 'create', '--path', file, '--role', 'unit', '--operator', '张三'], 'cli-pass-123');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已创建工作区');
    expect(fs.existsSync(file)).toBe(true);
    const again = cli(['workspace', 'create', '--path', file, '--role', 'unit'], 'cli-pass-123');
    expect(again.code).toBe(1);
    expect(again.err).toContain('WORKSPACE_EXISTS');
  });

  it('shows the profile as JSON with the right passphrase', () => {
    const r = cli(['profile', 'show', '--path', file, '--json'], 'cli-pass-123');
    expect(r.code).toBe(0);
    const view = JSON.parse(r.out);
    expect(view.profile.unitName).toBe('');
    expect(view.complete).toBe(false);
    expect(view.issues.map((i: { field: string }) => i.field)).toContain('uscc');
  });

  it('exits 1 with a message in Chinese and English on a wrong passphrase', () => {
    const r = cli(['profile', 'show', '--path', file, '--json'], 'wrong-pass-123');
    expect(r.code).toBe(1);
    expect(r.err).toContain('口令错误');
    expect(r.err).toContain('Wrong passphrase');
    expect(r.out).toBe('');
  });

  it('exits 2 on bad usage: unknown command, unknown option, missing path, bad role, no passphrase', () => {
    expect(cli(['frobnicate']).code).toBe(2);
    expect(cli(['profile', 'show', '--path', file, '--bogus'], 'x').code).toBe(2);
    expect(cli(['profile', 'show'], 'x').code).toBe(2);
    expect(cli(['workspace', 'create', '--path', path.join(dir, 'b.dsw'), '--role', 'boss'], 'cli-pass-123').code).toBe(2);
    // No DATASTEWARD_PASSPHRASE and no terminal to prompt on.
    const r = cli(['profile', 'show', '--path', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('DATASTEWARD_PASSPHRASE');
  });

  it('refuses a weak passphrase with exit 1 and creates no file', () => {
    const weak = path.join(dir, 'weak.dsw');
    const r = cli(['workspace', 'create', '--path', weak, '--role', 'bureau'], 'short');
    expect(r.code).toBe(1);
    expect(r.err).toContain('PASSPHRASE_TOO_SHORT');
    expect(fs.existsSync(weak)).toBe(false);
  });

  it('verifies the audit log (exit 0)', () => {
    const r = cli(['audit', 'verify', '--path', file, '--json'], 'cli-pass-123');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ ok: true });
  });
});
