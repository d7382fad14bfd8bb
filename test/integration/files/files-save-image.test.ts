/**
 * files.saveImage through the backend as the page calls it (contract, handler, service): a chart
 * PNG is written where the user chose; a name without .png, content that is not a PNG and a picture
 * over 10 MB are each refused with a clear code and message and leave nothing behind (no file,
 * no temp file); an existing file is kept unless overwriting was asked for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_IMAGE_BYTES } from '../../../main/domain/files';
import { appFactory } from '../../helpers/backend';

const apps = appFactory('ds-save-image-');

/** A real 2×2 PNG (signature, IHDR, IDAT, IEND with their CRCs). */
function tinyPng(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = Buffer.from([0, 255, 0, 0, 0, 0, 255, 0, 0, 255, 0, 255, 255, 255]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

const folder = () => fs.mkdtempSync(path.join(apps.root, 'out-'));

describe('files.saveImage', () => {
  it('writes the PNG where asked and returns its path and size; a second save over it needs overwrite', async () => {
    const app = apps.app();
    const dir = folder();
    const file = path.join(dir, '全区数据分级统计-2026-11-23.png');
    const png = tinyPng();
    const r = await app.call('files.saveImage', { path: file, pngBase64: png.toString('base64') });
    expect(r).toEqual({ path: file, bytes: png.length });
    expect(fs.readFileSync(file).equals(png)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);

    const other = Buffer.concat([png, Buffer.from('more')]);
    const exists = await app.fail('files.saveImage', { path: file, pngBase64: other.toString('base64') });
    expect(exists.code).toBe('OUTPUT_EXISTS');
    expect(fs.readFileSync(file).equals(png)).toBe(true);
    await app.call('files.saveImage', { path: file, pngBase64: other.toString('base64'), overwrite: true });
    expect(fs.readFileSync(file).equals(other)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);
  });

  it('refuses a file name that does not end in .png', async () => {
    const app = apps.app();
    const dir = folder();
    const e = await app.fail('files.saveImage', { path: path.join(dir, 'chart.jpg'), pngBase64: tinyPng().toString('base64') });
    expect(e.code).toBe('IMAGE_NAME_NOT_PNG');
    expect(e.message_zh).toContain('.png');
    expect(e.message_en).toContain('chart.jpg');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses content that is not a PNG: other bytes, or not base64 at all', async () => {
    const app = apps.app();
    const dir = folder();
    const file = path.join(dir, 'chart.png');
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
    for (const pngBase64 of [jpeg.toString('base64'), 'data:image/png;base64,iVBORw0KGgo=', '!!not base64!!']) {
      const e = await app.fail('files.saveImage', { path: file, pngBase64 });
      expect(e.code, pngBase64).toBe('IMAGE_NOT_PNG');
      expect(e.message_zh).toContain('不是 PNG');
      expect(e.message_en).toContain('not a PNG');
    }
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses a picture over 10 MB and accepts one of exactly 10 MB', async () => {
    const app = apps.app();
    const dir = folder();
    const head = tinyPng();
    const big = Buffer.alloc(MAX_IMAGE_BYTES + 1);
    head.copy(big);
    const e = await app.fail('files.saveImage', { path: path.join(dir, 'big.png'), pngBase64: big.toString('base64') });
    expect(e.code).toBe('IMAGE_TOO_LARGE');
    expect(e.message_zh).toContain('10.0 MB');
    expect(e.message_en).toContain('too large');
    expect(fs.readdirSync(dir)).toEqual([]);

    const limit = big.subarray(0, MAX_IMAGE_BYTES);
    const r = await app.call('files.saveImage', { path: path.join(dir, 'limit.png'), pngBase64: limit.toString('base64') });
    expect(r.bytes).toBe(MAX_IMAGE_BYTES);
    expect(fs.statSync(path.join(dir, 'limit.png')).size).toBe(MAX_IMAGE_BYTES);
  });

  it('names the file when its folder does not exist, and refuses a path that is not absolute', async () => {
    const app = apps.app();
    const missing = path.join(apps.root, 'no-such-folder', 'chart.png');
    const e = await app.fail('files.saveImage', { path: missing, pngBase64: tinyPng().toString('base64') });
    expect(e.code).toBe('OUTPUT_NOT_WRITABLE');
    expect(e.message_en).toContain('chart.png');
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
    const rel = await app.fail('files.saveImage', { path: 'chart.png', pngBase64: tinyPng().toString('base64') });
    expect(rel.code).toBe('PATH_NOT_ABSOLUTE');
  });
});
