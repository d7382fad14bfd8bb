import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  codeTokens, detectValue, findValueKinds, isBankCardValue, isEmailValue, isExitPermitValue, isHkMacauResidentPermitValue,
  isIpv4Value, isLandlineValue, isMobileValue, isPassportValue, isPlateValue, isResidentIdValue, isTaiwanResidentPermitValue,
  findRecognizer, isUsccValue, matchFieldName, parseRecognizerPack, sampleResultFromCounts, scanSamples, suggestFromHits, type RecognizerPack,
} from '../../../main/domain/recognizers';
import { makeCardNumber, makeMobile, makeResidentId, rng } from './id-vectors';

const raw = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../resources/recognizers/default.json'), 'utf8'));
const parsed = parseRecognizerPack(raw);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const pack: RecognizerPack = parsed.pack;

const top = (itemName: string, itemCode = '', description = '') => matchFieldName(pack, { itemName, itemCode, description })[0]?.recognizerId;
const ids = (itemName: string, itemCode = '', description = '') => matchFieldName(pack, { itemName, itemCode, description }).map((h) => h.recognizerId);

describe('value detectors', () => {
  it('resident ID: valid numbers pass, a wrong check character or date does not', () => {
    const r = rng(1);
    for (let i = 0; i < 50; i++) expect(isResidentIdValue(makeResidentId(r))).toBe(true);
    expect(isResidentIdValue('11010519491231002X')).toBe(true);
    expect(isResidentIdValue('110105 19491231 002X')).toBe(true);
    expect(isResidentIdValue('110105194912310021')).toBe(false);
    expect(isResidentIdValue('123456789012345678')).toBe(false);
  });

  it('USCC reuses checkUscc', () => {
    expect(isUsccValue('91110000600037341L')).toBe(true);
    expect(isUsccValue('91110000600037341N')).toBe(false);
  });

  it('mobile and landline', () => {
    expect(isMobileValue('13812345678')).toBe(true);
    expect(isMobileValue('+86 138-1234-5678')).toBe(true);
    expect(isMobileValue('12812345678')).toBe(false);
    expect(isMobileValue('1381234567')).toBe(false);
    expect(isLandlineValue('010-62345678')).toBe(true);
    expect(isLandlineValue('0571-87654321')).toBe(true);
    expect(isLandlineValue('13812345678')).toBe(false);
    expect(isLandlineValue('12345')).toBe(false);
  });

  it('bank card: 16–19 digits with a right Luhn digit; optional issuer prefixes', () => {
    const r = rng(2);
    for (const len of [16, 17, 18, 19]) {
      const n = makeCardNumber(r, len);
      expect(isBankCardValue(n), n).toBe(true);
      expect(isBankCardValue(n.replace(/(\d{4})(?=\d)/g, '$1 ')), 'with spaces').toBe(true);
      expect(isBankCardValue(n.slice(0, -1) + ((Number(n.at(-1)) + 1) % 10))).toBe(false);
    }
    expect(isBankCardValue(makeCardNumber(r, 15))).toBe(false);
    expect(isBankCardValue(makeCardNumber(r, 16, '62'), ['62'])).toBe(true);
    expect(isBankCardValue(makeCardNumber(r, 16, '45'), ['62'])).toBe(false);
  });

  it('passport numbers of the current and older series', () => {
    for (const v of ['E12345678', 'EA1234567', 'EH7654321', 'G12345678', '141234567', 'PE1234567', 'SE1234567', 'S12345678', 'DE1234567', 'K12345678', 'MA1234567', 'e12345678'])
      expect(isPassportValue(v), v).toBe(true);
    for (const v of ['EI1234567', 'EO1234567', 'E1234567', 'X12345678', '12345678']) expect(isPassportValue(v), v).toBe(false);
  });

  it('travel and home-return permits', () => {
    expect(isExitPermitValue('C12345678')).toBe(true);
    expect(isExitPermitValue('CA1234567')).toBe(true);
    expect(isExitPermitValue('L12345678')).toBe(true);
    expect(isExitPermitValue('C1234567')).toBe(false);
    expect(isHkMacauResidentPermitValue('H12345678')).toBe(true);
    expect(isHkMacauResidentPermitValue('M1234567890')).toBe(true);
    expect(isHkMacauResidentPermitValue('H123456789')).toBe(false);
    expect(isHkMacauResidentPermitValue('K12345678')).toBe(false);
    expect(isTaiwanResidentPermitValue('12345678')).toBe(true);
    expect(isTaiwanResidentPermitValue('1234567')).toBe(false);
  });

  it('e-mail, IPv4', () => {
    expect(isEmailValue('zhang.san@example.gov.cn')).toBe(true);
    expect(isEmailValue('zhang.san@')).toBe(false);
    expect(isIpv4Value('10.1.2.254')).toBe(true);
    expect(isIpv4Value('10.1.2.256')).toBe(false);
  });

  it('licence plates: ordinary, new-energy small and large; no I or O', () => {
    for (const v of ['沪A12345', '沪A·12345', '京BD12345', '粤BFA1234', '苏E12345D', '浙A1234学', '川AB1234', '沪a12345'])
      expect(isPlateValue(v), v).toBe(true);
    for (const v of ['沪I12345', '沪A1234', '沪A1234567', 'A12345', '港A12345']) expect(isPlateValue(v), v).toBe(false);
  });

  it('detectValue normalises full-width input', () => {
    expect(detectValue('cn_mobile', '１３８１２３４５６７８')).toBe(true);
    expect(detectValue('bank_card', '4532015112830366')).toBe(true);
  });
});

describe('findValueKinds (real values inside a description)', () => {
  const r = rng(3);
  const id = makeResidentId(r);
  const card = makeCardNumber(r, 19);
  const kinds = ['cn_resident_id', 'cn_mobile', 'bank_card', 'email', 'cn_passport'] as const;

  it('finds an ID number, a mobile number, a card number and an e-mail address', () => {
    expect(findValueKinds(`患者身份证号，如${id}`, kinds)).toEqual(['cn_resident_id']);
    expect(findValueKinds('联系电话（例：13812345678）', kinds)).toEqual(['cn_mobile']);
    expect(findValueKinds('联系电话（例：138 1234 5678）', kinds)).toEqual(['cn_mobile']);
    expect(findValueKinds(`卡号${card}`, kinds)).toEqual(['bank_card']);
    expect(findValueKinds('负责人邮箱 zhangsan@example.cn', kinds)).toEqual(['email']);
    expect(findValueKinds('护照号E12345678', kinds)).toEqual(['cn_passport']);
    expect(findValueKinds('电话１３８１２３４５６７８', kinds)).toEqual(['cn_mobile']);
  });

  it('ignores descriptions without values, and numbers that fail the checks', () => {
    expect(findValueKinds('记录患者的身份证件号码，18位', kinds)).toEqual([]);
    expect(findValueKinds('2015年至今约120000条记录，GB/T 43697-2024', kinds)).toEqual([]);
    expect(findValueKinds('编号123456789012345678', kinds)).toEqual([]); // no valid check digit or date
    expect(findValueKinds('', kinds)).toEqual([]);
    expect(findValueKinds(`身份证${id}`, ['cn_mobile'])).toEqual([]); // only the kinds asked for
  });
});

describe('codeTokens', () => {
  it('splits camelCase, snake_case, digits and non-ASCII', () => {
    expect(codeTokens('patientIdCardNo')).toEqual(['patient', 'id', 'card', 'no']);
    expect(codeTokens('HZ_SFZH')).toEqual(['hz', 'sfzh']);
    expect(codeTokens('IDCard')).toEqual(['id', 'card']);
    expect(codeTokens('icd10Code')).toEqual(['icd', '10', 'code']);
    expect(codeTokens('患者ID')).toEqual(['id']);
  });
});

describe('matchFieldName', () => {
  it('recognises typical Chinese item names', () => {
    expect(top('患者姓名')).toBe('person_name');
    expect(top('身份证号')).toBe('resident_id');
    expect(top('手机号码')).toBe('mobile');
    expect(top('家庭住址')).toBe('address');
    expect(top('病历号')).toBe('medical_record_no');
    expect(top('诊断名称')).toBe('diagnosis_treatment');
    expect(top('基因检测结果')).toBe('genetic');
    expect(top('指纹特征')).toBe('biometric');
    expect(top('银行卡号')).toBe('bank_card');
    expect(top('车牌号')).toBe('licence_plate');
    expect(top('护照号码')).toBe('passport');
    expect(top('电子邮箱')).toBe('email');
    expect(top('登录密码')).toBe('credential');
    expect(top('统一社会信用代码')).toBe('org_credit_code');
  });

  it('recognises pinyin-initial and English column codes on their own', () => {
    expect(top('', 'xm')).toBe('person_name');
    expect(top('', 'SFZH')).toBe('resident_id');
    expect(top('', 'id_card')).toBe('resident_id');
    expect(top('', 'patientIdCardNo')).toBe('resident_id');
    expect(top('', 'IDNO')).toBe('resident_id');
    expect(top('', 'sjh')).toBe('mobile');
    expect(top('', 'mobile_phone')).toBe('mobile');
    expect(top('', 'jtzz')).toBe('address');
    expect(top('', 'home_address')).toBe('address');
    expect(top('', 'BLH')).toBe('medical_record_no');
    expect(top('', 'diagnosis')).toBe('diagnosis_treatment');
    expect(top('', 'gene_seq')).toBe('genetic');
    expect(top('', 'fingerprint')).toBe('biometric');
    expect(top('', 'yhkh')).toBe('bank_card');
    expect(top('', 'cph')).toBe('licence_plate');
    expect(top('', 'passport_no')).toBe('passport');
    expect(top('', 'email')).toBe('email');
    expect(top('', 'ＳＦＺＨ')).toBe('resident_id'); // full-width
  });

  it('scores an exact name highest and reports the words that matched', () => {
    const [h] = matchFieldName(pack, { itemName: '姓名', itemCode: 'xm' });
    expect(h).toMatchObject({ recognizerId: 'person_name', basis: 'name', score: 1 });
    expect(h!.matched).toEqual(expect.arrayContaining(['姓名', 'xm']));
    const [c] = matchFieldName(pack, { itemName: '证件号', itemCode: 'zjh', description: '患者身份证件号码' });
    expect(c!.context).toContain('患者');
  });

  it('matches codes as whole tokens: xm is not inside xmbh (项目编号)', () => {
    expect(ids('项目编号', 'xmbh')).not.toContain('person_name');
    expect(ids('', 'xmmc')).not.toContain('person_name');
    expect(ids('', 'filename')).not.toContain('person_name');
  });

  it('exclusions: the name of an organisation, a file or a user account is not a person’s 姓名', () => {
    expect(ids('医院名称', 'name')).not.toContain('person_name');
    expect(ids('单位名称', 'dwmc')).not.toContain('person_name');
    expect(ids('', 'hospital_name')).not.toContain('person_name');
    expect(ids('', 'file_name')).not.toContain('person_name');
    expect(ids('用户名', 'user_name')).not.toContain('person_name');
    expect(top('用户名', 'user_name')).toBe('online_identifier');
  });

  it('an exclusion found only in the code does not overrule the item name', () => {
    expect(ids('单位联系人姓名', 'org_contact_name')).toContain('person_name');
    expect(ids('', 'org_contact_name')).not.toContain('person_name');
  });

  it('exclusions: an organisation’s address or phone, an IP or MAC address is not a personal address', () => {
    expect(ids('单位地址', 'dwdz')).not.toContain('address');
    expect(ids('注册地址', 'zcdz')).not.toContain('address');
    expect(ids('医院地址', 'hospital_address')).not.toContain('address');
    expect(ids('IP地址', 'ip_address')).not.toContain('address');
    expect(ids('MAC地址', 'mac')).not.toContain('address');
    expect(top('MAC地址', 'mac')).toBe('device_identifier');
    expect(ids('单位电话', 'dwdh')).not.toContain('mobile');
    expect(ids('服务热线', 'hotline')).not.toContain('mobile');
  });

  it('exclusions: cryptographic equipment, a card type, 就诊卡 are not what they seem', () => {
    expect(ids('密码设备型号', 'mmsbxh')).not.toContain('credential');
    expect(ids('证件类型', 'zjlx')).not.toContain('resident_id');
    expect(ids('就诊卡号', 'jzkh')).not.toContain('bank_card');
    expect(top('就诊卡号', 'jzkh')).toBe('social_security_no');
    expect(ids('机构经纬度', 'org_lng')).not.toContain('location_track');
  });

  it('an ambiguous pinyin code needs context: zd alone is not a diagnosis, zd among patient fields is', () => {
    expect(ids('', 'zd')).not.toContain('diagnosis_treatment');
    expect(ids('字段', 'zd')).not.toContain('diagnosis_treatment');
    expect(ids('', 'zd', '患者门诊诊断')).toContain('diagnosis_treatment');
  });

  it('a description alone is weak evidence: it needs a context word', () => {
    expect(ids('备注', 'bz', '诊断')).not.toContain('diagnosis_treatment');
    expect(ids('备注', 'bz', '记录患者的诊断结果')).toContain('diagnosis_treatment');
  });

  it('returns nothing for empty input or ordinary fields', () => {
    expect(matchFieldName(pack, {})).toEqual([]);
    expect(ids('创建时间', 'create_time')).toEqual([]);
    expect(ids('记录状态', 'status')).toEqual([]);
  });
});

describe('scanSamples', () => {
  const r = rng(4);
  const mobiles = (n: number) => Array.from({ length: n }, () => makeMobile(r));
  const result = (samples: string[], id: string, only?: string[]) => scanSamples(pack, only, samples).find((x) => x.recognizerId === id);

  it('counts matches among the non-blank samples and hits at the threshold', () => {
    expect(result(mobiles(10), 'mobile')).toMatchObject({ matched: 10, total: 10, ratio: 1, threshold: 0.6, hit: true });
    expect(result([...mobiles(6), 'a', 'b', 'c', 'd'], 'mobile')).toMatchObject({ matched: 6, total: 10, ratio: 0.6, hit: true });
    expect(result([...mobiles(5), 'a', 'b', 'c', 'd', 'e'], 'mobile')).toMatchObject({ matched: 5, total: 10, ratio: 0.5, hit: false });
  });

  it('blank samples do not count', () => {
    expect(result([...mobiles(6), '', '  ', '　'], 'mobile')).toMatchObject({ matched: 6, total: 6, hit: true });
  });

  it('too few samples never hit, however well they match', () => {
    expect(result(mobiles(4), 'mobile')).toMatchObject({ matched: 4, total: 4, ratio: 1, hit: false });
  });

  it('finds resident IDs and bank cards by their checksums, not their length', () => {
    const ids18 = Array.from({ length: 20 }, () => makeResidentId(r));
    expect(result(ids18, 'resident_id')).toMatchObject({ matched: 20, hit: true });
    const random18 = Array.from({ length: 20 }, (_, i) => `1101051990010${String(10000 + i)}`);
    expect(result(random18, 'resident_id')!.matched).toBeLessThan(5);
    const cards = Array.from({ length: 20 }, () => makeCardNumber(r, 19));
    expect(result(cards, 'bank_card')).toMatchObject({ matched: 20, hit: true });
  });

  it('context-only detectors run only when asked for by id', () => {
    const permits = Array.from({ length: 10 }, (_, i) => String(10_000_000 + i * 7919));
    expect(result(permits, 'taiwan_resident_permit')).toBeUndefined();
    expect(result(permits, 'taiwan_resident_permit', ['taiwan_resident_permit'])).toMatchObject({ matched: 10, hit: true });
    const mrn = ['ZY2024000123', 'ZY2024000124', 'MZ20240001', 'ZY2024000125', 'ZY2024000126'];
    expect(result(mrn, 'medical_record_no', ['medical_record_no'])).toMatchObject({ matched: 5, hit: true, threshold: 0.8 });
  });

  it('a stored count is judged again against the pack’s threshold', () => {
    expect(sampleResultFromCounts(pack, { recognizerId: 'mobile', matched: 6, total: 10 })).toMatchObject({ ratio: 0.6, hit: true });
    expect(sampleResultFromCounts(pack, { recognizerId: 'mobile', matched: 3, total: 4 })).toMatchObject({ hit: false });
    expect(sampleResultFromCounts(pack, { recognizerId: 'person_name', matched: 6, total: 10 })).toBeUndefined(); // no detector
    expect(findRecognizer(pack, 'resident_id')).toMatchObject({ personalInfo: true, sensitive: true, level: '一般数据4级' });
    expect(findRecognizer(pack, 'nope')).toBeUndefined();
  });

  it('never returns the values themselves', () => {
    const samples = mobiles(10);
    const out = JSON.stringify(scanSamples(pack, undefined, samples));
    for (const s of samples) expect(out).not.toContain(s);
  });
});

describe('suggestFromHits', () => {
  it('a sensitive PI hit makes the entry PI and sensitive PI, at 一般数据4级', () => {
    const hits = matchFieldName(pack, { itemName: '身份证号', itemCode: 'sfzh' });
    const s = suggestFromHits(pack, hits);
    expect(s).toMatchObject({ isPersonalInfo: true, isSensitivePersonalInfo: true, level: '一般数据4级', categories: ['个人身份信息'] });
    expect(s.recognizerLevels).toEqual([{ recognizerId: 'resident_id', level: '一般数据4级' }]);
    expect(s.reasons[0]!.message_zh).toContain('居民身份证号码');
    expect(s.reasons[0]!.message_en).toContain('Resident identity card number');
  });

  it('ordinary PI gives 一般数据3级 and is not sensitive', () => {
    const s = suggestFromHits(pack, matchFieldName(pack, { itemName: '手机号码' }));
    expect(s).toMatchObject({ isPersonalInfo: true, isSensitivePersonalInfo: false, level: '一般数据3级' });
  });

  it('a sample hit alone is enough; the highest level wins', () => {
    const r = rng(5);
    const samples = Array.from({ length: 10 }, () => makeResidentId(r));
    const s = suggestFromHits(pack, [...matchFieldName(pack, { itemName: '联系电话' }), ...scanSamples(pack, undefined, samples)]);
    expect(s.level).toBe('一般数据4级');
    expect(s.isSensitivePersonalInfo).toBe(true);
    expect(s.reasons.some((x) => x.basis === 'sample' && x.message_zh.includes('10/10'))).toBe(true);
  });

  it('samples that do not bear out a name hit are reported but do not cancel it (masked values)', () => {
    const masked = Array.from({ length: 10 }, (_, i) => `138****${String(1000 + i)}`);
    const s = suggestFromHits(pack, [...matchFieldName(pack, { itemName: '手机号码' }), ...scanSamples(pack, ['mobile'], masked)]);
    expect(s.isPersonalInfo).toBe(true);
    expect(s.reasons.some((x) => x.message_zh.includes('未印证'))).toBe(true);
  });

  it('an organisation identifier is not personal information and suggests no level', () => {
    const s = suggestFromHits(pack, matchFieldName(pack, { itemName: '统一社会信用代码', itemCode: 'tyshxydm' }));
    expect(s).toMatchObject({ isPersonalInfo: false, isSensitivePersonalInfo: false, level: undefined, recognizerLevels: [] });
  });

  it('no hits, no suggestion; unknown recognisers are ignored', () => {
    expect(suggestFromHits(pack, [])).toMatchObject({ isPersonalInfo: false, level: undefined, reasons: [] });
    expect(suggestFromHits(pack, [{ recognizerId: 'nope', basis: 'name', score: 1, matched: [], context: [] }]).reasons).toEqual([]);
  });
});

describe('parseRecognizerPack', () => {
  const base = () => JSON.parse(JSON.stringify(raw));
  const problems = (p: unknown) => {
    const r = parseRecognizerPack(p);
    return r.ok ? [] : r.problems.map((x) => x.message_en);
  };

  it('accepts a minimal user pack and fills in the defaults', () => {
    const r = parseRecognizerPack({
      format: 'datasteward-recognizers/1',
      id: 'my-unit',
      name: '本单位识别器',
      version: 1,
      recognizers: [{ id: 'staff_no', name: '工号', nameEn: 'Staff number', personalInfo: true, category: '个人教育工作信息', sensitive: false, names: { codes: ['ghao'] } }],
    });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.pack.defaults.sampleThreshold).toBe(0.6);
      expect(matchFieldName(r.pack, { itemCode: 'ghao' })[0]?.recognizerId).toBe('staff_no');
    }
  });

  it('refuses a wrong format, a duplicate id, a PI recogniser without category, sensitive non-PI', () => {
    expect(problems({ ...base(), format: 'datasteward-recognizers/2' }).length).toBeGreaterThan(0);
    const dup = base();
    dup.recognizers.push({ ...dup.recognizers[0] });
    expect(problems(dup)).toEqual([expect.stringContaining('used twice')]);
    const noCat = base();
    delete noCat.recognizers[0].category;
    expect(problems(noCat)).toEqual([expect.stringContaining('needs a category')]);
    const sens = base();
    Object.assign(sens.recognizers.at(-1), { sensitive: true });
    expect(problems(sens)).toEqual([expect.stringContaining('sensitive personal information is personal information')]);
  });

  it('refuses a pattern that does not compile, a pattern detector without a pattern, a pattern elsewhere', () => {
    const bad = base();
    bad.recognizers.find((r: { id: string }) => r.id === 'medical_record_no').detector.pattern = '([A-Z';
    expect(problems(bad)).toEqual([expect.stringContaining('not a valid regular expression')]);
    const none = base();
    delete none.recognizers.find((r: { id: string }) => r.id === 'medical_record_no').detector.pattern;
    expect(problems(none)).toEqual([expect.stringContaining('needs a pattern')]);
    const elsewhere = base();
    elsewhere.recognizers.find((r: { id: string }) => r.id === 'mobile').detector.pattern = '1\\d{10}';
    expect(problems(elsewhere)).toEqual([expect.stringContaining('only the \'pattern\' detector')]);
  });

  it('refuses unknown fields and categories outside Annex B', () => {
    expect(problems({ ...base(), extra: 1 }).length).toBeGreaterThan(0);
    const cat = base();
    cat.recognizers[0].category = '宠物信息';
    expect(problems(cat).length).toBeGreaterThan(0);
  });
});
