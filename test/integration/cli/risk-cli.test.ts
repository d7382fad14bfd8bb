/** `datasteward report`, run as a user would: a real process, a real workspace, LibreOffice and pdftotext on the output. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/tmp';
import { findChromium } from '../../../main/services/risk/pdf-chromium';
import { pdfText, sofficeToPdf, squash } from '../risk/helpers';
import { useCli } from '../../helpers/cli';

const dir = tempDir('ds-cli-risk-');
const PASS = 'cli-pass-123';

const cli = useCli(dir, PASS);

describe('datasteward report', () => {
  const ws = path.join(dir, 'ws', '示例医院.dsw');

  it('reports a year without an assessment as a draft on the important and core resources (.docx, opened by LibreOffice)', () => {
    expect(cli(['demo', '--path', ws, '--items', '400', '--seed', '3']).code).toBe(0);
    const out = path.join(dir, 'draft-2027.docx');
    const r = cli(['report', '--path', ws, '--year', '2027', '--out', out, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as { draft: boolean; format: string; bytes: number };
    expect(result).toMatchObject({ draft: true, format: 'docx' });
    expect(fs.statSync(out).size).toBe(result.bytes);
    const text = squash(pdfText(sofficeToPdf(out, fs.mkdtempSync(path.join(dir, 'lo-')))));
    expect(text).toContain('草稿');
    expect(text).toContain('2027年度');
    expect(text).toContain('七、数据出境情况');
    expect(text).toContain('检验结果表'); // a demo resource graded 重要数据
    // An existing file is kept unless --force.
    const again = cli(['report', '--path', ws, '--year', '2027', '--out', out]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('FILE_EXISTS');
    expect(cli(['report', '--path', ws, '--year', '2027', '--out', out, '--force']).code).toBe(0);
  }, 240_000);

  it('refuses bad usage with exit 2', () => {
    expect(cli(['report', '--path', ws, '--out', path.join(dir, 'x.docx')]).code).toBe(2);
    expect(cli(['report', '--path', ws, '--year', '2027', '--out', path.join(dir, 'x.txt')]).code).toBe(2);
  });

  it('says in Chinese and English that PDF needs Chromium when none is found, and that .docx works', () => {
    const r = cli(['report', '--path', ws, '--year', '2027', '--out', path.join(dir, 'none.pdf')], { env: { DATASTEWARD_CHROMIUM: path.join(dir, 'no-such-chromium') } });
    expect(r.code).toBe(1);
    expect(r.err).toContain('PDF_UNAVAILABLE');
    expect(r.err).toContain('需要 Chromium');
    expect(r.err).toContain('.docx');
    expect(r.err).toContain('needs Chromium');
    expect(fs.existsSync(path.join(dir, 'none.pdf'))).toBe(false);
  });

  it.skipIf(!findChromium())('writes the PDF with Chromium', () => {
    const out = path.join(dir, 'draft-2027.pdf');
    const r = cli(['report', '--path', ws, '--year', '2027', '--out', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('草稿');
    const text = squash(pdfText(out));
    expect(text).toContain('草稿');
    expect(text).toContain('二、数据处理者及数据安全负责人情况');
    expect(text).toMatch(/第1页\/共\d+页/);
  }, 120_000);
});
