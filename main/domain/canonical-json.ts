/**
 * Canonical JSON: sorted keys, NFC strings, no insignificant white space.
 * Two equal values always give the same bytes, so their digests can be compared and signed.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function canonicalJson(value: unknown): string {
  return write(value);
}

function write(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(v)) throw new TypeError('canonicalJson: non-finite number');
      return JSON.stringify(v);
    case 'string':
      return JSON.stringify(v.normalize('NFC'));
    case 'object': {
      if (Array.isArray(v)) return '[' + v.map(write).join(',') + ']';
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null)
        throw new TypeError('canonicalJson: only plain objects and arrays (convert dates and maps first)');
      const obj = v as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .map((k) => [k.normalize('NFC'), k] as const)
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      for (let i = 1; i < keys.length; i++)
        if (keys[i]![0] === keys[i - 1]![0]) throw new TypeError(`canonicalJson: two keys are equal after NFC: ${keys[i]![0]}`);
      return '{' + keys.map(([nk, k]) => JSON.stringify(nk) + ':' + write(obj[k])).join(',') + '}';
    }
    default:
      throw new TypeError(`canonicalJson: unsupported type ${typeof v}`);
  }
}
