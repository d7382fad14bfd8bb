/** The file layer of main/services/excel: ZIP reading with bounds, the xlsx writer and reader, CSV decoding. */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { tempDir } from '../../helpers/tmp';
import { decodeText, looksBinary, parseCsv } from '../../../main/services/excel/csv';
import { openWorkbook } from '../../../main/services/excel/open';
import { decodeXml, openXlsx } from '../../../main/services/excel/xlsx-read';
import { writeXlsx, xmlText, type OutProps } from '../../../main/services/excel/xlsx-write';
import { crc32, DEFAULT_ZIP_LIMITS, inflateEntry, readZipDirectory } from '../../../main/services/excel/zip';
import type { RowData } from '../../../main/services/excel/source';

const dir = tempDir('ds-sheets-files-');
const props: OutProps = { title: 't', subject: 's', author: '某单位', company: '某单位', keywords: 'k', description: 'd', created: new Date(Date.UTC(2026, 0, 2)), custom: { 水印: 'w' } };

async function rowsOf(file: string, sheet: string): Promise<RowData[]> {
  const src = await openWorkbook(fs.readFileSync(file), path.basename(file));
  const out: RowData[] = [];
  for await (const r of src.rows(sheet)) out.push(r);
  return out;
}

describe('xlsx writer and reader', () => {
  it('write then read gives the same cells; SheetJS reads the same', async () => {
    const file = path.join(dir, 'w.xlsx');
    const rows = [
      ['文本', 12, null, 'a & b <c>', '=1+1', 'line1\nline2', '  spaced  ', 'x_x000D_y', 'tab\there', 'cr\rhere'],
      [null, 0, 3.25, '中文（全角）'],
    ];
    writeXlsx(file, [{ name: '表一', widths: [10, 10], header: ['甲', '乙'], rows, dropDowns: [{ sqref: 'A2:A9', list: ['是', '否'], strict: true }] }], props);
    const got = await rowsOf(file, '表一');
    expect(got[0]).toEqual({ row: 1, cells: ['甲', '乙'] });
    expect(got[1]!.row).toBe(2);
    expect(got[1]!.cells).toEqual(rows[0]!.map((v) => v ?? undefined));
    expect(got[2]!.cells).toEqual([undefined, 0, 3.25, '中文（全角）']);
    const book = XLSX.read(fs.readFileSync(file), { type: 'buffer' });
    const ws = book.Sheets['表一']!;
    expect(ws.E2).toMatchObject({ t: 's', v: '=1+1' });
    expect(ws.E2.f).toBeUndefined();
    expect(ws.H2.v).toBe('x_x000D_y');
    expect(ws.J2.v).toBe('cr\rhere');
  });

  it('escapes XML and what XML cannot carry', () => {
    expect(xmlText('a&b<c>')).toBe('a&amp;b&lt;c&gt;');
    expect(xmlText('\r\u0001')).toBe('_x000D__x0001_');
    expect(xmlText('_x0041_')).toBe('_x005F_x0041_');
    expect(decodeXml('&#x4E2D;&#25991;&amp;&quot;')).toBe('中文&"');
  });

  it('reads what other writers write: SheetJS with inline strings, booleans, errors and formulas with cached values', async () => {
    const ws = XLSX.utils.aoa_to_sheet([['数据编号', '数值', '真假'], ['A-1', 5, true]]);
    ws.D2 = { t: 'n', v: 10, f: 'B2*2' };
    ws.E2 = { t: 'e', v: 0x2a, w: '#N/A' };
    ws['!ref'] = 'A1:E2';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const file = path.join(dir, 'sheetjs.xlsx');
    fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const got = await rowsOf(file, 'S');
    expect(got[1]!.cells).toEqual(['A-1', 5, true, 10, { error: '#N/A' }]);
  });

  it('stops reading a sheet when the caller stops, without holding the rest', async () => {
    const file = path.join(dir, 'many.xlsx');
    writeXlsx(file, [{ name: 'S', widths: [], rows: Array.from({ length: 20_000 }, (_, i) => [`r${i}`, i]) }], props);
    const src = await openXlsx(fs.readFileSync(file));
    let n = 0;
    for await (const r of src.rows('S')) {
      void r;
      if (++n === 3) break;
    }
    expect(n).toBe(3);
  });
});

describe('zip', () => {
  it('refuses a directory that declares more than the limits, before inflating anything', () => {
    const file = path.join(dir, 'small.xlsx');
    writeXlsx(file, [{ name: 'S', widths: [], rows: [['a']] }], props);
    const buf = fs.readFileSync(file);
    expect(readZipDirectory(buf).size).toBe(10);
    expect(() => readZipDirectory(buf, { ...DEFAULT_ZIP_LIMITS, maxEntries: 3 })).toThrow(/ZIP_BOMB/);
    expect(() => readZipDirectory(buf, { ...DEFAULT_ZIP_LIMITS, maxTotal: 1000 })).toThrow(/ZIP_BOMB/);
    expect(() => readZipDirectory(buf.subarray(0, buf.length - 30))).toThrow(/FILE_TRUNCATED/);
  });

  it('never inflates an entry past its declared size', () => {
    const data = Buffer.alloc(1_000_000, 0x41);
    const deflated = zlib.deflateRawSync(data);
    // A directory that lies: 100 bytes declared, a million inside.
    const e = { name: 'x', method: 8, flags: 0, compressedSize: deflated.length, size: 100, localOffset: 0, crc: crc32(data) };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    const buf = Buffer.concat([local, deflated]);
    expect(() => inflateEntry(buf, e)).toThrow(/ZIP_BOMB|FILE_CORRUPT/);
  });

  it('computes CRC-32 as zip readers expect', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

describe('CSV', () => {
  it('detects UTF-8 (with or without BOM), UTF-16 and GBK', () => {
    expect(decodeText(Buffer.from('\uFEFF数据编号', 'utf8'))).toEqual({ text: '数据编号', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('数据编号', 'utf8'))).toEqual({ text: '数据编号', encoding: 'utf-8' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('数据编号', 'utf16le')]))).toEqual({ text: '数据编号', encoding: 'utf-16le' });
    // 数据编号 in GBK
    expect(decodeText(Buffer.from([0xca, 0xfd, 0xbe, 0xdd, 0xb1, 0xe0, 0xba, 0xc5]))).toEqual({ text: '数据编号', encoding: 'gbk' });
  });

  it('parses quotes, separators and line breaks inside cells, numbering records as Excel shows rows', () => {
    const rows = [...parseCsv('a,"b,c","say ""hi"""\r\n\r\n"multi\nline",2\n')];
    expect(rows).toEqual([
      { row: 1, cells: ['a', 'b,c', 'say "hi"'] },
      { row: 3, cells: ['multi\nline', '2'] },
    ]);
    expect([...parseCsv('x\ty\n1\t2\n')][1]!.cells).toEqual(['1', '2']);
  });

  it('tells text from binary', () => {
    expect(looksBinary(Buffer.from('数据编号,系统\n'))).toBe(false);
    expect(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]))).toBe(true);
  });
});
