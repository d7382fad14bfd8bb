/**
 * Check characters of the identifiers the recognisers look for: the resident identity number
 * (GB 11643-1999, ISO 7064 MOD 11-2) and payment card numbers (Luhn, ISO/IEC 7812-1).
 * The USCC check (GB 32100-2015) lives in uscc.ts and is reused from there.
 */

/** Weights of the 17 body digits: 2^(17−i) mod 11 for i = 1…17. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** Index: the body sum mod 11; value: the check character, so that the whole number sums to 1 mod 11. */
const ID_CHECK = '10X98765432';

/** The 18th character of a resident ID from its first 17 digits, or undefined if they are not 17 digits. */
export function residentIdCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11];
}

/**
 * First two digits of the administrative division code (GB/T 2260): the 31 provinces, Taiwan (71),
 * Hong Kong (81), Macau (82), and 83 used by Taiwan residents' residence permits since 2018.
 */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}

export interface ResidentIdCheck {
  valid: boolean;
  /** Why it is not valid; the caller must never echo the value itself. */
  reason?: 'format' | 'region' | 'birthdate' | 'check';
}

/**
 * An 18-character resident ID: a known province prefix, a real birth date and the MOD 11-2
 * check character. Birth years 1800–2099: the standard's own example (440524188001010014) is
 * from 1880, and the pure domain has no clock to rule out the future. The 15-digit
 * first-generation number (no check digit, two-digit year 19yy) is accepted too: legacy
 * government systems still hold them.
 */
export function checkResidentId(raw: string): ResidentIdCheck {
  const s = raw.toUpperCase();
  if (/^\d{17}[\dX]$/.test(s)) {
    if (!PROVINCE_PREFIXES.has(s.slice(0, 2))) return { valid: false, reason: 'region' };
    const y = Number(s.slice(6, 10));
    if (y < 1800 || y > 2099 || !isCalendarDate(y, Number(s.slice(10, 12)), Number(s.slice(12, 14))))
      return { valid: false, reason: 'birthdate' };
    return residentIdCheckChar(s.slice(0, 17)) === s[17] ? { valid: true } : { valid: false, reason: 'check' };
  }
  if (/^\d{15}$/.test(s)) {
    if (!PROVINCE_PREFIXES.has(s.slice(0, 2))) return { valid: false, reason: 'region' };
    if (!isCalendarDate(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12))))
      return { valid: false, reason: 'birthdate' };
    return { valid: true };
  }
  return { valid: false, reason: 'format' };
}

/** The Luhn check digit to append to a string of digits. */
export function luhnCheckDigit(body: string): number | undefined {
  if (!/^\d+$/.test(body)) return undefined;
  let sum = 0;
  // Counting from the right of the body, every first, third … digit is doubled (it becomes the second from the right once the check digit is appended).
  for (let i = body.length - 1, dbl = true; i >= 0; i--, dbl = !dbl) {
    let d = body.charCodeAt(i) - 48;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** A digit string whose last digit is its Luhn check digit. */
export function luhnValid(digits: string): boolean {
  if (digits.length < 2) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === digits.charCodeAt(digits.length - 1) - 48;
}
