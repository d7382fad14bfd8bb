import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../main/domain/canonical-json';

describe('canonicalJson', () => {
  it('sorts keys, at every depth, including objects inside arrays', () => {
    const v = { b: 1, a: { d: [3, { z: 1, y: 2 }], c: null }, _: true };
    expect(canonicalJson(v)).toBe('{"_":true,"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same bytes whatever the insertion order', () => {
    const a = { x: 1, y: { p: 'q', r: [1, 2] }, 单位: '甲' };
    const b = { 单位: '甲', y: { r: [1, 2], p: 'q' }, x: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('sorts by UTF-16 code units, like JSON canonicalisation (RFC 8785)', () => {
    expect(canonicalJson({ b: 0, B: 0, a: 0, 甲: 0, '10': 0, '9': 0 })).toBe('{"10":0,"9":0,"B":0,"a":0,"b":0,"甲":0}');
  });

  it('keeps array order', () => {
    expect(canonicalJson([3, 1, 2])).toBe('[3,1,2]');
  });

  it('normalises keys and string values to NFC', () => {
    const decomposed = { 'e\u0301': 'Cafe\u0301' };
    const composed = { '\u00e9': 'Caf\u00e9' };
    expect(canonicalJson(decomposed)).toBe(canonicalJson(composed));
    expect(canonicalJson(decomposed)).toBe('{"\u00e9":"Caf\u00e9"}');
    expect(canonicalJson(['e\u0301'])).toBe('["\u00e9"]');
    expect(canonicalJson('e\u0301')).toBe('"\u00e9"');
  });

  it('has no insignificant white space (white space inside strings stays)', () => {
    const out = canonicalJson({ a: [1, 2, { b: 'x y' }], c: { d: null } });
    expect(out).toBe('{"a":[1,2,{"b":"x y"}],"c":{"d":null}}');
    expect(out.replace(/"[^"]*"/g, '""')).not.toMatch(/\s/);
  });

  it('drops undefined object members; undefined in an array is null, as in JSON', () => {
    expect(canonicalJson({ a: undefined, b: 1, c: { d: undefined } })).toBe('{"b":1,"c":{}}');
    expect(canonicalJson([undefined, 1])).toBe('[null,1]');
  });

  it('writes the scalars as JSON does', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson(false)).toBe('false');
    expect(canonicalJson(0)).toBe('0');
    expect(canonicalJson(-0)).toBe('0');
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson('引号"和\\反斜杠\n')).toBe('"引号\\"和\\\\反斜杠\\n"');
  });

  it('agrees with JSON.parse: the output parses back to the same value', () => {
    const v = { z: [1, 'two', { three: 3 }], a: '数据分类分级', m: null, t: true };
    expect(JSON.parse(canonicalJson(v))).toEqual(v);
  });

  it.each([NaN, Infinity, -Infinity])('throws on the non-finite number %s, also when nested', (n) => {
    expect(() => canonicalJson(n)).toThrow(TypeError);
    expect(() => canonicalJson({ a: [1, { b: n }] })).toThrow(/non-finite/);
  });

  it('throws on types JSON cannot carry', () => {
    expect(() => canonicalJson(10n)).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson(Symbol('s'))).toThrow(TypeError);
  });
});
