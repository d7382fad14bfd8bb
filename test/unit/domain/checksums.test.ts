import { describe, expect, it } from 'vitest';
import { checkResidentId, luhnCheckDigit, luhnValid, residentIdCheckChar } from '../../../main/domain/checksums';
import { makeCardNumber, makeResidentId, refIdCheck, rng } from './id-vectors';

describe('resident ID (GB 11643, MOD 11-2)', () => {
  it('accepts the standard’s own examples (cross-checked with Python)', () => {
    expect(checkResidentId('11010519491231002X')).toEqual({ valid: true });
    expect(checkResidentId('440524188001010014')).toEqual({ valid: true });
    expect(checkResidentId('11010519491231002x').valid).toBe(true);
  });

  it('agrees with the reference check on 500 random bodies', () => {
    const r = rng(11643);
    for (let i = 0; i < 500; i++) {
      const id = makeResidentId(r);
      expect(residentIdCheckChar(id.slice(0, 17))).toBe(id[17]);
      expect(checkResidentId(id).valid, id).toBe(true);
    }
  });

  it('rejects a wrong check character', () => {
    const r = rng(7);
    for (let i = 0; i < 100; i++) {
      const id = makeResidentId(r);
      const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
      expect(checkResidentId(wrong)).toEqual({ valid: false, reason: 'check' });
    }
  });

  it('rejects an impossible birth date, an unknown province and the wrong length', () => {
    const bad = (body: string) => body + refIdCheck(body);
    expect(checkResidentId(bad('11010519490230002'))).toEqual({ valid: false, reason: 'birthdate' }); // 30 February
    expect(checkResidentId(bad('11010519491331002'))).toEqual({ valid: false, reason: 'birthdate' }); // month 13
    expect(checkResidentId(bad('11010517991231002'))).toEqual({ valid: false, reason: 'birthdate' }); // before 1800
    expect(checkResidentId(bad('99010519491231002'))).toEqual({ valid: false, reason: 'region' });
    expect(checkResidentId(bad('11010520000229002')).valid).toBe(true); // 2000 is a leap year
    expect(checkResidentId(bad('11010519000229002'))).toEqual({ valid: false, reason: 'birthdate' }); // 1900 is not
    expect(checkResidentId('1101051949123100').reason).toBe('format');
    expect(residentIdCheckChar('1101051949123100A')).toBeUndefined();
  });

  it('accepts a 15-digit first-generation number with a real birth date', () => {
    expect(checkResidentId('110105491231002').valid).toBe(true);
    expect(checkResidentId('110105491331002').valid).toBe(false);
  });
});

describe('Luhn', () => {
  it('agrees with the reference on card numbers of 16 to 19 digits', () => {
    const r = rng(7812);
    for (let i = 0; i < 400; i++) {
      const n = makeCardNumber(r, 16 + (i % 4));
      expect(luhnValid(n), n).toBe(true);
      expect(luhnCheckDigit(n.slice(0, -1))).toBe(Number(n.at(-1)));
    }
  });

  it('accepts published test numbers (cross-checked with Python) and rejects a changed digit', () => {
    for (const n of ['4532015112830366', '4000000000000002', '6222021234567890128', '79927398713']) expect(luhnValid(n), n).toBe(true);
    expect(luhnValid('4532015112830367')).toBe(false);
    expect(luhnValid('79927398710')).toBe(false);
    expect(luhnValid('7')).toBe(false);
    expect(luhnCheckDigit('12a')).toBeUndefined();
  });

  it('catches every single-digit error', () => {
    const n = '6222021234567890128';
    for (let i = 0; i < n.length; i++)
      for (let d = 0; d <= 9; d++) {
        if (String(d) === n[i]) continue;
        expect(luhnValid(n.slice(0, i) + d + n.slice(i + 1))).toBe(false);
      }
  });
});
