import { describe, expect, it } from 'vitest';
import { checkUscc, describeUsccProblem, normalizeUscc, usccCheckChar } from '../../../main/domain/uscc';

/**
 * An independent implementation, written from regulations §6 (the Python reference), used to
 * cross-check the code under test. It does no normalisation; callers pass clean upper-case codes.
 */
const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function refCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += A.indexOf(first17.charAt(i)) * W[i]!;
  return A.charAt((31 - (sum % 31)) % 31);
}
function refValid(c: string): boolean {
  c = c.trim().toUpperCase();
  if (c.length !== 18 || [...c].some((x) => !A.includes(x)) || !/^\d{6}$/.test(c.slice(2, 8))) return false;
  return refCheckChar(c) === c.charAt(17);
}
/** GB 11714: 0–9, A–Z = 10–35; weights 3,7,9,10,5,8,4,2; 11 − sum mod 11; 10 → X, 11 → 0. */
function refOrgCodeValid(org: string): boolean {
  const OW = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(org.charAt(i), 36) * OW[i]!;
  const c = 11 - (sum % 11);
  return org.charAt(8) === (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be reproduced. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VERIFIED_VALID = ['91350100M000100Y43', '91110000600037341L', '121200004013590816', '91310115MA1K3BTP2B', '92340621MA2UK3PJXE'];

describe('checkUscc: the verified vectors of regulations §6', () => {
  it.each(VERIFIED_VALID)('%s is valid, and its inner organisation code passes too', (code) => {
    expect(refValid(code)).toBe(true); // the reference agrees with the regulations
    const r = checkUscc(code);
    expect(r).toEqual({ normalized: code, valid: true, orgCodeWarning: false });
    expect(usccCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it('91110000600037341N is refused: USCC_CHECK, expected L', () => {
    const r = checkUscc('91110000600037341N');
    expect(r.valid).toBe(false);
    expect(r.problem).toEqual({ code: 'USCC_CHECK', expected: 'L', actual: 'N' });
  });

  it('A1110000600037341L is refused: USCC_CHECK, expected K', () => {
    const r = checkUscc('A1110000600037341L');
    expect(r.valid).toBe(false);
    expect(r.problem).toEqual({ code: 'USCC_CHECK', expected: 'K', actual: 'L' });
    expect(checkUscc('A1110000600037341K').valid).toBe(true);
  });

  it('every wrong check character is refused with the right one named', () => {
    for (const code of VERIFIED_VALID) {
      for (const ch of A) {
        if (ch === code.charAt(17)) continue;
        const r = checkUscc(code.slice(0, 17) + ch);
        expect(r.valid).toBe(false);
        expect(r.problem).toEqual({ code: 'USCC_CHECK', expected: code.charAt(17), actual: ch });
      }
    }
  });
});

describe('checkUscc: more codes, cross-checked with an independent implementation', () => {
  // Hand-picked prefixes over every registration-authority code, including the A / N / Y prefixes
  // that python-stdnum wrongly rejects.
  const PREFIXES = [
    '91440300MA5DXXXX1',
    '11100000000013127',
    '12440000455858228',
    '13110000500000013',
    '31110000400834282',
    '51110000500020993',
    '52440300MJL170120',
    '53100000500021676',
    '93330782MA2HPL6Y7',
    'A1110000MB0000001',
    'N2330100MA0000012',
    'Y1110000000000000',
  ];

  it.each(PREFIXES)('%s + its check character is valid', (prefix) => {
    const check = usccCheckChar(prefix);
    expect(check).toBe(refCheckChar(prefix));
    const code = prefix + check;
    expect(refValid(code)).toBe(true);
    const r = checkUscc(code);
    expect(r.valid).toBe(true);
    expect(r.problem).toBeUndefined();
    expect(r.orgCodeWarning).toBe(!refOrgCodeValid(code.slice(8, 17)));
  });

  it('agrees with the reference on 2,000 random codes over the whole character set', () => {
    const rand = rng(20260105);
    const pick = (s: string) => s.charAt(Math.floor(rand() * s.length));
    for (let n = 0; n < 2000; n++) {
      let prefix = '';
      for (let i = 0; i < 17; i++) prefix += i >= 2 && i < 8 ? pick('0123456789') : pick(A);
      const check = usccCheckChar(prefix);
      expect(check, prefix).toBe(refCheckChar(prefix));
      const last = pick(A);
      const code = prefix + last;
      const r = checkUscc(code);
      expect(r.valid, code).toBe(refValid(code));
      if (r.valid) expect(r.orgCodeWarning, code).toBe(!refOrgCodeValid(code.slice(8, 17)));
      else expect(r.problem, code).toEqual({ code: 'USCC_CHECK', expected: check, actual: last });
    }
  });

  it('usccCheckChar returns undefined for a character outside the set or a short input', () => {
    expect(usccCheckChar('9111000060003734I')).toBeUndefined();
    expect(usccCheckChar('9111000060003734')).toBeUndefined(); // 16 characters
  });
});

describe('normalizeUscc / checkUscc: what officers paste', () => {
  it.each([
    ['９１１１ 0000-600037341l', '91110000600037341L'],
    ['  91110000600037341l\t', '91110000600037341L'],
    ['９１１１００００６０００３７３４１Ｌ', '91110000600037341L'],
    ['9111\u30000000\uff0d600037341L', '91110000600037341L'], // ideographic space, full-width hyphen
    ['9111-0000-6000-3734-1L', '91110000600037341L'],
    ['9111–0000—600037341L', '91110000600037341L'], // en and em dashes
    ['91310115ma1k3btp2b', '91310115MA1K3BTP2B'],
  ])('%j → %s, valid', (raw, normalized) => {
    expect(normalizeUscc(raw)).toBe(normalized);
    const r = checkUscc(raw);
    expect(r.normalized).toBe(normalized);
    expect(r.valid).toBe(true);
  });

  it('an empty or blank input is USCC_EMPTY', () => {
    expect(checkUscc('').problem).toEqual({ code: 'USCC_EMPTY' });
    expect(checkUscc(' \u3000 - ').problem).toEqual({ code: 'USCC_EMPTY' });
  });

  it.each([
    ['9111000060003734L', 17],
    ['911100006000373411L', 19],
    ['91110000', 8],
  ])('%s has the wrong length (%i)', (raw, length) => {
    const r = checkUscc(raw);
    expect(r.valid).toBe(false);
    expect(r.problem).toEqual({ code: 'USCC_LENGTH', length });
  });

  it.each(['I', 'O', 'S', 'V', 'Z'])('%s is never used, in any position', (bad) => {
    for (const pos of [1, 2, 9, 12, 18]) {
      const code = '91110000600037341L';
      const r = checkUscc(code.slice(0, pos - 1) + bad + code.slice(pos));
      expect(r.valid).toBe(false);
      expect(r.problem).toEqual({ code: 'USCC_CHARSET', position: pos, char: bad });
    }
    // Lower case is upper-cased first, so it is refused the same way.
    expect(checkUscc('91110000600037341' + bad.toLowerCase()).problem).toEqual({ code: 'USCC_CHARSET', position: 18, char: bad });
  });

  it('a character that is no letter or digit is refused by position', () => {
    expect(checkUscc('9111000060003734中L').problem).toEqual({ code: 'USCC_CHARSET', position: 17, char: '中' });
    expect(checkUscc('91110000600037341.').problem).toEqual({ code: 'USCC_CHARSET', position: 18, char: '.' });
  });

  it('positions 3–8 must be digits (the region code), even with a correct check character', () => {
    for (const pos of [3, 5, 8]) {
      const prefix = '91110000600037341'.split('');
      prefix[pos - 1] = 'A';
      const first17 = prefix.join('');
      const code = first17 + refCheckChar(first17);
      const r = checkUscc(code);
      expect(r.valid).toBe(false);
      expect(r.problem).toEqual({ code: 'USCC_REGION', position: pos });
    }
  });

  it('a failing inner organisation code is only a warning: the code stays valid', () => {
    // 60003734 has organisation check 1; make it 2 and recompute the outer check character.
    const first17 = '91110000600037342';
    expect(refOrgCodeValid(first17.slice(8, 17))).toBe(false);
    const code = first17 + refCheckChar(first17);
    const r = checkUscc(code);
    expect(r.valid).toBe(true);
    expect(r.problem).toBeUndefined();
    expect(r.orgCodeWarning).toBe(true);
  });

  it('describeUsccProblem names the expected check character in both languages', () => {
    const d = describeUsccProblem({ code: 'USCC_CHECK', expected: 'L', actual: 'N' });
    expect(d.zh).toContain('“L”');
    expect(d.en).toContain('"L"');
    expect(describeUsccProblem({ code: 'USCC_LENGTH', length: 17 }).en).toContain('17');
  });
});
