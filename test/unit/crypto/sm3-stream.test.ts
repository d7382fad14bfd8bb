import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sm3Hex } from '../../../main/crypto/sm3';
import { sm3File, sm3FileInfo, sm3Stream } from '../../../main/crypto/sm3-stream';

const dir = mkdtempSync(join(tmpdir(), 'ds-sm3-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 73 + 11) & 0xff);

describe('streaming SM3', () => {
  it('equals one-shot SM3 however the input is split (GB/T 32905 "abc" vector included)', async () => {
    expect((await sm3Stream([new TextEncoder().encode('a'), new TextEncoder().encode('bc')])).sm3).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    for (const size of [1, 7, 63, 64, 65, 999]) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < data.length; i += size) chunks.push(data.subarray(i, i + size));
      const r = await sm3Stream(chunks);
      expect(r, `chunks of ${size}`).toEqual({ sm3: sm3Hex(data), bytes: 1000 });
    }
  });

  it('hashes a file read in small chunks, and the empty file', async () => {
    const path = join(dir, 'data.bin');
    writeFileSync(path, data);
    for (const chunkBytes of [1, 13, 64, 4096]) {
      expect(await sm3FileInfo(path, { chunkBytes })).toEqual({ sm3: sm3Hex(data), bytes: 1000 });
    }
    const empty = join(dir, 'empty.bin');
    writeFileSync(empty, new Uint8Array(0));
    expect(await sm3File(empty)).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
  });

  it('hands on file-system errors', async () => {
    await expect(sm3File(join(dir, 'missing.bin'))).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
