/** The minimal zip writer and the strict reader: round trip, and what the reader refuses. */
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, readZipDirectory, readZipEntry, writeZip } from '../../../main/services/package/zip';

const mtime = new Date(Date.UTC(2026, 0, 5, 9, 30, 12));
const entries = [
  { name: 'bag/bagit.txt', data: Buffer.from('BagIt-Version: 1.0\n') },
  { name: 'bag/data/备案.json', data: Buffer.from(JSON.stringify({ a: '数据'.repeat(1000) })) },
  { name: 'bag/signature.der', data: Buffer.from([0x30, 0x44, 1, 2, 3]), compress: false },
  { name: 'bag/empty.txt', data: Buffer.alloc(0) },
];

describe('zip', () => {
  it('round-trips names (UTF-8), contents, sizes; deflates what shrinks and stores the rest', () => {
    const zip = writeZip(entries, { mtime });
    const dir = readZipDirectory(zip);
    expect(dir.problems).toEqual([]);
    expect(dir.entries.map((e) => [e.name, e.method])).toEqual([['bag/bagit.txt', 0], ['bag/data/备案.json', 8], ['bag/signature.der', 0], ['bag/empty.txt', 0]]);
    for (const [i, e] of dir.entries.entries()) {
      const r = readZipEntry(zip, e);
      expect('data' in r && r.data.equals(entries[i]!.data)).toBe(true);
    }
    // general purpose flag bit 11 (UTF-8) in the local header; DOS time from the given instant
    expect(zip.readUInt16LE(6) & 0x0800).toBe(0x0800);
    expect(zip.readUInt16LE(10)).toBe((9 << 11) | (30 << 5) | 6);
  });

  it('CRC-32 matches the standard check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('refuses data before or after the zip, zip64 markers, encrypted entries and unknown methods', () => {
    const zip = writeZip(entries, { mtime });
    expect(readZipDirectory(Buffer.concat([Buffer.from('MZ'), zip])).problems[0]!.code).toBe('PKG_NOT_A_PACKAGE');
    expect(readZipDirectory(Buffer.concat([zip, Buffer.from('trailing')])).problems[0]!.code).toBe('PKG_ZIP_CORRUPT');
    const z64 = Buffer.from(zip);
    z64.writeUInt32LE(0xffffffff, z64.length - 22 + 16);
    expect(readZipDirectory(z64).problems[0]!.code).toBe('PKG_ZIP_UNSUPPORTED');
    const enc = Buffer.from(zip);
    const cd = enc.readUInt32LE(enc.length - 22 + 16);
    enc.writeUInt16LE(0x0801, cd + 8);
    expect(readZipDirectory(enc).problems[0]).toMatchObject({ code: 'PKG_ZIP_UNSUPPORTED', entry: 'bag/bagit.txt' });
    const bz = Buffer.from(zip);
    bz.writeUInt16LE(12, cd + 10);
    expect(readZipDirectory(bz).problems[0]).toMatchObject({ code: 'PKG_ZIP_UNSUPPORTED', entry: 'bag/bagit.txt' });
  });

  it('refuses a central directory that disagrees with the local header', () => {
    const zip = writeZip(entries, { mtime });
    const bad = Buffer.from(zip);
    bad.write('X', 30); // first byte of the first local name
    expect(readZipDirectory(bad).problems[0]).toMatchObject({ code: 'PKG_ZIP_CORRUPT', entry: 'bag/bagit.txt' });
  });

  it('refuses an impossible compression ratio before inflating, and stops inflating at the declared size', () => {
    const zeros = Buffer.alloc(8 * 2 ** 20);
    const zip = writeZip([{ name: 'b/z', data: zeros }], { mtime });
    const compressed = zlib.deflateRawSync(zeros).length;
    expect(compressed).toBeLessThan(10_000);
    // Deflate cannot exceed ~1032:1; a declared size beyond 1100× the packed size is a lie.
    expect(readZipDirectory(zip).problems).toEqual([]);
    const lie = Buffer.from(zip);
    const cd = lie.readUInt32LE(lie.length - 22 + 16);
    lie.writeUInt32LE(compressed * 2000, cd + 24);
    expect(readZipDirectory(lie).problems.map((p) => p.code)).toEqual(['PKG_TOO_LARGE']);
    lie.writeUInt32LE(1000, cd + 24);
    lie.writeUInt32LE(1000, 22);
    const d = readZipDirectory(lie);
    expect(d.problems).toEqual([]);
    const r = readZipEntry(lie, d.entries[0]!);
    expect('problem' in r && r.problem.code).toBe('PKG_TOO_LARGE');
  });

  it('refuses a symlink, a duplicate name and a name that is not UTF-8', () => {
    const zip = writeZip([{ name: 'b/l', data: Buffer.from('/etc'), unixMode: 0o120777 }, { name: 'b/x', data: Buffer.from('1') }, { name: 'b/x', data: Buffer.from('2') }], { mtime });
    expect(readZipDirectory(zip).problems.map((p) => [p.code, p.entry])).toEqual([['PKG_SYMLINK', 'b/l'], ['PKG_DUPLICATE_NAME', 'b/x']]);
    const latin = writeZip([{ name: 'b/xx', data: Buffer.from('1') }], { mtime });
    const cd = latin.readUInt32LE(latin.length - 22 + 16);
    latin[cd + 46 + 2] = 0xff;
    latin[30 + 2] = 0xff;
    expect(readZipDirectory(latin).problems[0]!.code).toBe('PKG_PATH_INVALID');
  });
});
