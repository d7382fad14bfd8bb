/**
 * 统一社会信用代码 (GB 32100-2015): normalisation and check-character validation.
 * The inner organisation-code check (GB 11714) is only a warning: the standard does not require it
 * of every code, and a failure there is not proof the code is wrong.
 */
import { toHalfWidth } from './text';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type UsccProblem =
  | { code: 'USCC_EMPTY' }
  | { code: 'USCC_LENGTH'; length: number }
  | { code: 'USCC_CHARSET'; position: number; char: string }
  | { code: 'USCC_REGION'; position: number }
  | { code: 'USCC_CHECK'; expected: string; actual: string };

export interface UsccResult {
  normalized: string;
  valid: boolean;
  problem?: UsccProblem;
  /** The inner GB 11714 organisation code check failed; the code may still be right. */
  orgCodeWarning: boolean;
}

/** Trim, drop spaces and hyphens, full-width to half-width, upper-case. */
export function normalizeUscc(raw: string): string {
  return toHalfWidth(raw).replace(/[\s\-‐‑–—]/g, '').toUpperCase();
}

export function usccCheckChar(first17: string): string | undefined {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const ch = first17[i];
    // A missing character (input shorter than 17) must not count as '0': indexOf('') is 0.
    const v = ch === undefined ? -1 : CHARSET.indexOf(ch);
    if (v < 0) return undefined;
    sum += v * WEIGHTS[i]!;
  }
  return CHARSET[(31 - (sum % 31)) % 31];
}

function orgCodeValid(org: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = org[i]!;
    const v = /[0-9]/.test(ch) ? Number(ch) : /[A-Z]/.test(ch) ? ch.charCodeAt(0) - 55 : -1;
    if (v < 0) return false;
    sum += v * ORG_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  const expected = c === 10 ? 'X' : c === 11 ? '0' : String(c);
  return org[8] === expected;
}

export function checkUscc(raw: string): UsccResult {
  const normalized = normalizeUscc(raw);
  const fail = (problem: UsccProblem): UsccResult => ({ normalized, valid: false, problem, orgCodeWarning: false });
  if (normalized.length === 0) return fail({ code: 'USCC_EMPTY' });
  if (normalized.length !== 18) return fail({ code: 'USCC_LENGTH', length: normalized.length });
  for (let i = 0; i < 18; i++) {
    const ch = normalized[i]!;
    if (!CHARSET.includes(ch)) return fail({ code: 'USCC_CHARSET', position: i + 1, char: ch });
  }
  for (let i = 2; i < 8; i++) {
    if (!/[0-9]/.test(normalized[i]!)) return fail({ code: 'USCC_REGION', position: i + 1 });
  }
  const expected = usccCheckChar(normalized.slice(0, 17))!;
  const actual = normalized[17]!;
  if (expected !== actual) return fail({ code: 'USCC_CHECK', expected, actual });
  return { normalized, valid: true, orgCodeWarning: !orgCodeValid(normalized.slice(8, 17)) };
}

export function describeUsccProblem(p: UsccProblem): { zh: string; en: string } {
  switch (p.code) {
    case 'USCC_EMPTY':
      return { zh: '请填写统一社会信用代码', en: 'Enter the unified social credit code' };
    case 'USCC_LENGTH':
      return {
        zh: `统一社会信用代码应为18位，当前为${p.length}位`,
        en: `A unified social credit code has 18 characters; this one has ${p.length}`,
      };
    case 'USCC_CHARSET':
      return {
        zh: `第${p.position}位“${p.char}”不是有效字符（不使用 I、O、S、V、Z）`,
        en: `Character ${p.position} "${p.char}" is not allowed (I, O, S, V and Z are never used)`,
      };
    case 'USCC_REGION':
      return {
        zh: `第3–8位为行政区划码，第${p.position}位应为数字`,
        en: `Characters 3–8 are the region code; character ${p.position} must be a digit`,
      };
    case 'USCC_CHECK':
      return {
        zh: `校验位错误：第18位应为“${p.expected}”，实际为“${p.actual}”`,
        en: `Check character is wrong: character 18 should be "${p.expected}", not "${p.actual}"`,
      };
  }
}
