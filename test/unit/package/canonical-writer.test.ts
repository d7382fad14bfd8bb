/**
 * The buffer writer gives exactly the bytes of canonicalJson (the reference), for tricky values
 * and for rows like the inventory's; isCanonicalBytes accepts those bytes and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../main/domain/canonical-json';
import { CanonicalWriter, canonicalBuffer, isCanonicalBytes } from '../../../main/services/package/canonical-writer';
import { prng } from '../../../main/services/demo/generate';

const same = (v: unknown) => expect(canonicalBuffer(v).toString('utf8')).toBe(canonicalJson(v));

const STRINGS = [
  '', 'abc', '患者姓名', '“引号”', 'a"b', 'back\\slash', 'line\nbreak', 'tab\t', '\u0000\u001f\u007f', '\u2028\u2029',
  'e\u0301', '\u00e9', 'Å', '\u212b', '\uf900', '\u3099か', 'か\u3099', '한국어', '\u1100\u1161', '😀', '\ud83d', '\ude00x', 'ｆｕｌｌ', '〇〡〪', '\u0340',
];

describe('CanonicalWriter', () => {
  it('writes what canonicalJson writes, for scalars, strings needing escapes or NFC, and nesting', () => {
    for (const s of STRINGS) same(s);
    for (const n of [0, -0, 1, -1.5, 1e21, 1e-7, 2 ** 53, 0.1 + 0.2]) same(n);
    same(null);
    same(true);
    same([]);
    same({});
    same([1, undefined, null, 'x']);
    same({ b: 1, a: { d: [1, { z: 1, y: undefined }], c: 'e\u0301' }, 'e\u0301': 2, '\u00e0': 3, A: 4, '': 5, 中: 6, '😀': 7 });
    expect(() => canonicalBuffer({ 'e\u0301': 1, '\u00e9': 2 })).toThrow(TypeError);
    expect(() => canonicalBuffer({ a: NaN })).toThrow(TypeError);
    expect(() => canonicalBuffer(new Date())).toThrow(TypeError);
  });

  it('writes rows of one shape (and shapes that change midway) the same as canonicalJson, across chunk boundaries', () => {
    const rand = prng(7);
    const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
    const rows = Array.from({ length: 3000 }, (_, i) => {
      const r: Record<string, unknown> = { kind: pick(['resource', 'item']), dataId: `R${i}`, description: pick(STRINGS) + pick(STRINGS), recordCount: i % 7 === 0 ? null : i * 3, level: pick(['重要数据', '']) };
      if (i % 500 === 0) r.extra = { nested: [pick(STRINGS)], deep: { b: 1, a: 2 } };
      if (i % 333 === 0) r.description = undefined;
      return r;
    });
    const doc = { format: 'x/1', entries: rows, systems: [{ name: '系统', mlpsLevel: '第三级' }] };
    const small = new CanonicalWriter({ chunkBytes: 64 }).write(doc).finish();
    expect(Buffer.concat(small).toString('utf8')).toBe(canonicalJson(doc));
    same(doc);
  });

  it('isCanonicalBytes: true for the canonical bytes, false for any other serialisation of the same value', () => {
    const v = { b: [1, 2], a: '患者' };
    const bytes = Buffer.from(canonicalJson(v));
    expect(isCanonicalBytes(v, bytes)).toBe(true);
    expect(isCanonicalBytes(v, Buffer.from(JSON.stringify(v)))).toBe(false);
    expect(isCanonicalBytes(v, Buffer.from(JSON.stringify(JSON.parse(canonicalJson(v)), null, 1)))).toBe(false);
    expect(isCanonicalBytes(v, Buffer.concat([bytes, Buffer.from(' ')]))).toBe(false);
    expect(isCanonicalBytes(v, bytes.subarray(0, bytes.length - 1))).toBe(false);
    expect(isCanonicalBytes({ s: 'e\u0301' }, Buffer.from('{"s":"e\u0301"}'))).toBe(false);
  });
});
