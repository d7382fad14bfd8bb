/**
 * Test vectors for the identifier checks, computed by independent implementations written from
 * the standards rather than from the code under test: GB 11643 / ISO 7064 MOD 11-2 computes the
 * weights as 2^(17−i) mod 11 and the check value as (12 − sum mod 11) mod 11 with 10 written X;
 * Luhn here uses the doubling table instead of arithmetic.
 */
export function refIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (2 ** (17 - i) % 11);
  const v = (12 - (sum % 11)) % 11;
  return v === 10 ? 'X' : String(v);
}

const DOUBLED = [0, 2, 4, 6, 8, 1, 3, 5, 7, 9];
export function refLuhnComplete(body: string): string {
  const digits = [...body].reverse().map(Number);
  const sum = digits.reduce((s, d, i) => s + (i % 2 === 0 ? DOUBLED[d]! : d), 0);
  return body + String((10 - (sum % 10)) % 10);
}

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be reproduced. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const digits = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A valid resident ID built with the reference check: province prefix, region, birth date, sequence. */
export function makeResidentId(r: () => number): string {
  const provinces = ['11', '31', '44', '51', '65'];
  const y = 1930 + Math.floor(r() * 90);
  const body = `${provinces[Math.floor(r() * provinces.length)]}${digits(r, 4)}${y}${pad(1 + Math.floor(r() * 12), 2)}${pad(1 + Math.floor(r() * 28), 2)}${digits(r, 3)}`;
  return body + refIdCheck(body);
}

/** A card number of the given length that passes the reference Luhn check. */
export function makeCardNumber(r: () => number, length = 16, prefix = '62'): string {
  return refLuhnComplete(prefix + digits(r, length - prefix.length - 1));
}

/** A mainland mobile number: 1, a second digit 3–9, nine more digits. */
export function makeMobile(r: () => number): string {
  return `1${3 + Math.floor(r() * 7)}${digits(r, 9)}`;
}
