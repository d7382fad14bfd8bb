import { describe, expect, it } from 'vitest';
import { checkProfile, EMPTY_PROFILE, PROFILE_FIELDS, type UnitProfile } from '../../../main/domain/profile';
import { isEmail, isMainlandPhone, normalizeDate, normalizePhone } from '../../../main/domain/contact';
import { VALID_PROFILE } from '../../helpers/fixtures';

const REQUIRED = ['unitName', 'uscc', 'officerName', 'officerTitle', 'officerPhone', 'managementBody', 'preparerName', 'preparerPhone'];

const withField = (patch: Partial<UnitProfile>): UnitProfile => ({ ...VALID_PROFILE, ...patch });
const issuesOf = (p: UnitProfile) => checkProfile(p).issues.map((i) => ({ field: i.field, severity: i.severity, code: i.code }));

describe('PROFILE_FIELDS', () => {
  it('covers every field of UnitProfile exactly once, with the required ones of the template', () => {
    expect(PROFILE_FIELDS.map((f) => f.key).sort()).toEqual(Object.keys(EMPTY_PROFILE).sort());
    expect(PROFILE_FIELDS.filter((f) => f.required).map((f) => f.key)).toEqual(REQUIRED);
  });
});

describe('checkProfile: complete, savable', () => {
  it('a valid profile has no issues and is savable and complete', () => {
    const c = checkProfile(VALID_PROFILE);
    expect(c.issues).toEqual([]);
    expect(c.savable).toBe(true);
    expect(c.complete).toBe(true);
    expect(c.normalized).toEqual(VALID_PROFILE);
  });

  it('an empty profile is incomplete, never an error: savable but not complete', () => {
    const c = checkProfile(EMPTY_PROFILE);
    expect(c.issues.every((i) => i.severity === 'incomplete' && i.code === 'REQUIRED')).toBe(true);
    expect(c.issues.map((i) => i.field)).toEqual(REQUIRED);
    expect(c.savable).toBe(true);
    expect(c.complete).toBe(false);
  });

  it.each(REQUIRED)('a missing %s is incomplete, not error (blank and white space count as missing)', (field) => {
    for (const blank of ['', '   ', '\u3000', '\t\n']) {
      const c = checkProfile(withField({ [field]: blank }));
      expect(c.issues).toHaveLength(1);
      expect(c.issues[0]).toMatchObject({ field, severity: 'incomplete', code: 'REQUIRED' });
      expect(c.savable).toBe(true);
      expect(c.complete).toBe(false);
      expect((c.normalized as unknown as Record<string, string>)[field]).toBe('');
    }
  });

  it('a missing optional field is no issue at all', () => {
    const c = checkProfile(withField({ unitType: '', officerEmail: '', filingKind: '', filingDate: '', address: '', competentDepartment: '' }));
    expect(c.issues).toEqual([]);
    expect(c.complete).toBe(true);
  });

  it('an empty USCC is REQUIRED (incomplete), not a USCC error', () => {
    expect(issuesOf(withField({ uscc: '' }))).toEqual([{ field: 'uscc', severity: 'incomplete', code: 'REQUIRED' }]);
  });

  it('an error and a missing field together: neither savable nor complete', () => {
    const c = checkProfile(withField({ officerName: '', officerPhone: '12345' }));
    expect(c.savable).toBe(false);
    expect(c.complete).toBe(false);
    expect(c.issues.map((i) => i.severity).sort()).toEqual(['error', 'incomplete']);
  });
});

describe('checkProfile: malformed values are errors', () => {
  it.each([
    ['officerPhone', '12345', 'PHONE_INVALID'],
    ['officerPhone', '12345678901', 'PHONE_INVALID'], // 12x is not a mobile prefix
    ['officerPhone', '1380013800', 'PHONE_INVALID'], // 10 digits
    ['preparerPhone', '010-1234567', 'PHONE_INVALID'], // local numbers start with 2–9
    ['preparerPhone', 'call me', 'PHONE_INVALID'],
    ['officerEmail', 'zhangsan', 'EMAIL_INVALID'],
    ['officerEmail', 'a@b', 'EMAIL_INVALID'],
    ['officerEmail', 'a..b@example.cn', 'EMAIL_INVALID'],
    ['officerEmail', 'a@@example.cn', 'EMAIL_INVALID'],
    ['officerEmail', 'a b@example.cn', 'EMAIL_INVALID'],
    ['filingDate', '2026-02-30', 'DATE_INVALID'],
    ['filingDate', '2023-02-29', 'DATE_INVALID'],
    ['filingDate', '2026-13-01', 'DATE_INVALID'],
    ['filingDate', '05/01/2026', 'DATE_INVALID'],
    ['filingDate', '1899-12-31', 'DATE_INVALID'],
    ['filingDate', 'yesterday', 'DATE_INVALID'],
    ['unitType', '企业', 'NOT_IN_LIST'],
    ['unitType', 'unit', 'NOT_IN_LIST'],
    ['filingKind', '补充报送', 'NOT_IN_LIST'],
    ['uscc', '91110000600037341N', 'USCC_CHECK'],
    ['uscc', '9111000060003734', 'USCC_LENGTH'],
    ['uscc', '9111000060003734OL', 'USCC_CHARSET'],
    ['unitName', '单'.repeat(201), 'TOO_LONG'],
    ['officerName', 'x'.repeat(51), 'TOO_LONG'],
  ] as const)('%s = %j → error %s', (field, value, code) => {
    const c = checkProfile(withField({ [field]: value }));
    expect(c.issues).toContainEqual(expect.objectContaining({ field, severity: 'error', code }));
    expect(c.savable).toBe(false);
    expect(c.complete).toBe(false);
    const issue = c.issues.find((i) => i.field === field)!;
    expect(issue.message_zh.length).toBeGreaterThan(0);
    expect(issue.message_en.length).toBeGreaterThan(0);
  });

  it('a wrong USCC check character names the expected one', () => {
    const issue = checkProfile(withField({ uscc: '91110000600037341n' })).issues[0]!;
    expect(issue.code).toBe('USCC_CHECK');
    expect(issue.message_zh).toContain('“L”');
    expect(issue.message_en).toContain('"L"');
  });

  it('a USCC whose inner organisation code fails is a warning only: savable and complete', () => {
    // 91110000600037342 + its outer check character (the inner check of 60003734 is 1, not 2)
    const first17 = '91110000600037342';
    const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    const sum = [...first17].reduce((s, ch, i) => s + A.indexOf(ch) * W[i]!, 0);
    const code = first17 + A.charAt((31 - (sum % 31)) % 31);
    const c = checkProfile(withField({ uscc: code }));
    expect(c.issues).toEqual([expect.objectContaining({ field: 'uscc', severity: 'warning', code: 'USCC_ORG_CODE' })]);
    expect(c.savable).toBe(true);
    expect(c.complete).toBe(true);
  });
});

describe('checkProfile: normalisation', () => {
  it.each([
    ['１３８ ００１３ ８０００', '13800138000'],
    ['+86 138 0013 8000', '13800138000'],
    ['+86-13800138000', '13800138000'],
    ['＋８６１３８００１３８０００', '13800138000'],
    ['0086 13800138000', '13800138000'],
    ['138-0013-8000'.replace(/-/g, ' '), '13800138000'],
    ['(010)62345678', '01062345678'],
    ['（010）62345678', '01062345678'],
    ['010－62345678', '010-62345678'],
    ['0755-82345678-123', '0755-82345678-123'],
  ])('phone %j is valid and stored as %s', (raw, stored) => {
    const c = checkProfile(withField({ officerPhone: raw }));
    expect(c.issues).toEqual([]);
    expect(c.normalized.officerPhone).toBe(stored);
    expect(normalizePhone(raw)).toBe(stored);
    expect(isMainlandPhone(raw)).toBe(true);
  });

  it.each([
    ['2026/1/5', '2026-01-05'],
    ['2026.1.5', '2026-01-05'],
    ['2026年1月5日', '2026-01-05'],
    ['２０２６－０１－０５', '2026-01-05'],
    [' 2024-02-29 ', '2024-02-29'],
    ['2026-12-31', '2026-12-31'],
  ])('date %j is stored as %s', (raw, stored) => {
    const c = checkProfile(withField({ filingDate: raw }));
    expect(c.issues).toEqual([]);
    expect(c.normalized.filingDate).toBe(stored);
    expect(normalizeDate(raw)).toBe(stored);
  });

  it('2026-02-30 is not a date', () => {
    expect(normalizeDate('2026-02-30')).toBeUndefined();
    const c = checkProfile(withField({ filingDate: '2026-02-30' }));
    expect(c.normalized.filingDate).toBe('2026-02-30'); // kept as typed, with its error
    expect(c.savable).toBe(false);
  });

  it('USCC is normalised: full width, spaces, hyphens, lower case', () => {
    const c = checkProfile(withField({ uscc: ' ９１１１ 0000-600037341l ' }));
    expect(c.issues).toEqual([]);
    expect(c.normalized.uscc).toBe('91110000600037341L');
  });

  it('text is NFC, half-width and trimmed', () => {
    const c = checkProfile(withField({ unitName: '  Cafe\u0301 ＡＢＣ数据局\u3000', officerEmail: ' ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ ' }));
    expect(c.issues).toEqual([]);
    expect(c.normalized.unitName).toBe('Café ABC数据局');
    expect(c.normalized.officerEmail).toBe('zhang@example.cn');
    expect(isEmail('ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ')).toBe(true);
  });

  it('the normalised profile has every field, and checking it again changes nothing', () => {
    const messy: UnitProfile = withField({ officerPhone: '+86 138 0013 8000', filingDate: '2026/1/5', uscc: '91110000600037341l' });
    const first = checkProfile(messy);
    expect(Object.keys(first.normalized).sort()).toEqual(Object.keys(EMPTY_PROFILE).sort());
    const second = checkProfile(first.normalized);
    expect(second.normalized).toEqual(first.normalized);
    expect(second.issues).toEqual(first.issues);
  });

  it('does not modify its input', () => {
    const input = withField({ officerPhone: '+86 138 0013 8000' });
    const copy = { ...input };
    checkProfile(input);
    expect(input).toEqual(copy);
  });
});
