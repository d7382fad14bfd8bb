import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sm3Hex } from '../../../main/crypto/sm3';

/** SM3 by OpenSSL 3 (an independent implementation), of the exact bytes given. */
function opensslSm3(input: Buffer): string {
  const out = execFileSync('openssl', ['dgst', '-sm3'], { input }).toString();
  const m = /([0-9a-f]{64})\s*$/.exec(out);
  if (!m) throw new Error(`unexpected openssl output: ${out}`);
  return m[1]!;
}

describe('sm3Hex', () => {
  // Regulations §7.3 (GB/T 32905-2016 Annex A and the empty string).
  it.each([
    ['', '1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b'],
    ['abc', '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0'],
    ['abcd'.repeat(16), 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732'],
  ])('SM3(%j) is the published vector', (input, digest) => {
    expect(sm3Hex(input)).toBe(digest);
    expect(sm3Hex(new TextEncoder().encode(input))).toBe(digest);
  });

  it('hashes the UTF-8 bytes of a Chinese string, as openssl dgst -sm3 does', () => {
    const text = '数据分类分级备案工作台：统一社会信用代码 91110000600037341L';
    const expected = opensslSm3(Buffer.from(text, 'utf8'));
    expect(sm3Hex(text)).toBe(expected);
  });

  it('agrees with openssl on raw bytes across block boundaries (55, 56, 63, 64, 65 and 1000 bytes)', () => {
    for (const n of [1, 55, 56, 63, 64, 65, 119, 1000]) {
      const bytes = Buffer.alloc(n);
      for (let i = 0; i < n; i++) bytes[i] = (i * 131 + 7) & 0xff;
      expect(sm3Hex(new Uint8Array(bytes)), `length ${n}`).toBe(opensslSm3(bytes));
    }
  });

  it('is lower-case hex of 32 bytes', () => {
    expect(sm3Hex('任意')).toMatch(/^[0-9a-f]{64}$/);
  });
});
