import { describe, expect, it } from 'vitest';
import {
  cellText, dateToSerial, formatCarrier, numberText, parseCarrier, parseCode, parseCount, parseDateCell, parseDecimal, parseMulti, parseYesNo,
  serialToDate,
} from '../../../main/domain/sheets/cells';
import { CARRIER_KINDS, IMPACT_OBJECTS, LEVELS_43697, PROCESSING_DEGREES } from '../../../main/domain/code-lists';

const ok = <T>(value: T) => ({ ok: true, value });
const bad = (reason: string) => ({ ok: false, reason });

describe('cell text', () => {
  it('normalises text: NFC, full-width to half-width, trimmed', () => {
    expect(cellText('  ＳＹＳ０１－Ｔ００１　')).toBe('SYS01-T001');
    expect(cellText('医院信息系统（HIS）  ')).toBe('医院信息系统(HIS)');
    expect(cellText(null)).toBe('');
    expect(cellText({ error: '#N/A' })).toBe('');
  });

  it('writes numbers as Excel shows them: integers whole, at most 15 significant digits', () => {
    expect(numberText(120000)).toBe('120000');
    expect(numberText(1.01)).toBe('1.01');
    expect(numberText(0.1 + 0.2)).toBe('0.3');
    expect(numberText(1e15)).toBe('1000000000000000');
    expect(cellText(2.04)).toBe('2.04');
  });
});

describe('numbers, as officers type them', () => {
  it('reads counts written as text', () => {
    expect(parseCount('120,000')).toEqual(ok(120000));
    expect(parseCount('１２００００')).toEqual(ok(120000));
    expect(parseCount('12万')).toEqual(ok(120000));
    expect(parseCount('1.5亿')).toEqual(ok(150000000));
    expect(parseCount(' 5000条 ')).toEqual(ok(5000));
    expect(parseCount('1.2E+05')).toEqual(ok(120000));
    expect(parseCount(42)).toEqual(ok(42));
    expect(parseCount(42.0000000001)).toEqual(ok(42));
    expect(parseCount('')).toEqual(ok(null));
    expect(parseCount(null)).toEqual(ok(null));
  });

  it('refuses what is not a non-negative whole number, saying why', () => {
    expect(parseCount('约一千')).toEqual(bad('number'));
    expect(parseCount(-5)).toEqual(bad('negative'));
    expect(parseCount('12.5')).toEqual(bad('integer'));
    expect(parseCount({ error: '#REF!' })).toEqual(bad('error'));
  });

  it('reads decimals (数据量（GB）)', () => {
    expect(parseDecimal('2.5')).toEqual(ok(2.5));
    expect(parseDecimal('2.5GB')).toEqual(ok(2.5));
    expect(parseDecimal(0.75)).toEqual(ok(0.75));
  });
});

describe('dates', () => {
  it('converts Excel serials in the 1900 system, with the 1900-02-29 that never was', () => {
    expect(serialToDate(1)).toBe('1900-01-01');
    expect(serialToDate(59)).toBe('1900-02-28');
    expect(serialToDate(60)).toBeUndefined();
    expect(serialToDate(61)).toBe('1900-03-01');
    expect(serialToDate(45658)).toBe('2025-01-01');
    expect(serialToDate(45658.75)).toBe('2025-01-01');
    expect(serialToDate(0)).toBeUndefined();
    expect(serialToDate(2958466)).toBeUndefined();
    expect(dateToSerial('2025-01-01')).toBe(45658);
  });

  it('converts serials in the 1904 system', () => {
    expect(serialToDate(0, true)).toBe('1904-01-01');
    expect(serialToDate(44196, true)).toBe('2025-01-01');
  });

  it('reads date cells and text dates in the forms officers use', () => {
    expect(parseDateCell(45658)).toEqual(ok('2025-01-01'));
    for (const t of ['2025-01-01', '2025/1/1', '2025.01.01', '2025年1月1日', '20250101', '２０２５－０１－０１', '2025-01-01 08:30', '2025-01-01T00:00:00Z', '45658'])
      expect(parseDateCell(t)).toEqual(ok('2025-01-01'));
    expect(parseDateCell('')).toEqual(ok(''));
    expect(parseDateCell('2025-02-30')).toEqual(bad('date'));
    expect(parseDateCell('去年')).toEqual(bad('date'));
    expect(parseDateCell('2025')).toEqual(bad('date'));
  });
});

describe('是/否 and code lists', () => {
  it('reads 是/否 written many ways', () => {
    for (const y of ['是', ' 是 ', 'Y', 'yes', 'TRUE', '1', '√', true]) expect(parseYesNo(y as never)).toEqual(ok('是'));
    for (const n of ['否', 'N', 'no', 'false', '0', '×', false]) expect(parseYesNo(n as never)).toEqual(ok('否'));
    expect(parseYesNo('')).toEqual(ok(''));
    expect(parseYesNo('也许')).toEqual(bad('yesno'));
  });

  it('accepts a code value after trimming and width normalisation, in the list’s own spelling', () => {
    expect(parseCode('原始数据  ', PROCESSING_DEGREES)).toEqual(ok('原始数据'));
    expect(parseCode('一般数据 3级', LEVELS_43697)).toEqual(ok('一般数据3级'));
    expect(parseCode('一般数据３级', LEVELS_43697)).toEqual(ok('一般数据3级'));
    expect(parseCode('一般数据三级', LEVELS_43697)).toEqual(ok('一般数据3级'));
    expect(parseCode('原始', PROCESSING_DEGREES)).toEqual(bad('list'));
  });

  it('reads several values of a list, joined by 、 or other separators, in the list’s order', () => {
    expect(parseMulti('个人权益、公共利益', IMPACT_OBJECTS)).toEqual(ok('公共利益、个人权益'));
    expect(parseMulti('个人权益,国家安全；个人权益', IMPACT_OBJECTS)).toEqual(ok('国家安全、个人权益'));
    expect(parseMulti('个人权益/社会秩序', IMPACT_OBJECTS)).toEqual(ok('社会秩序、个人权益'));
    expect(parseMulti('个人权益、邻居', IMPACT_OBJECTS)).toEqual({ ok: false, reason: 'list', unknown: ['邻居'] });
  });

  it('reads 数据载体 as a kind and a system name, and writes it back the same way', () => {
    expect(parseCarrier('数据库：医院信息系统(HIS)', CARRIER_KINDS)).toEqual(ok({ kind: '数据库', system: '医院信息系统(HIS)' }));
    expect(parseCarrier('数据库（医院信息系统（HIS））', CARRIER_KINDS)).toEqual(ok({ kind: '数据库', system: '医院信息系统(HIS)' }));
    expect(parseCarrier('文件 共享盘', CARRIER_KINDS)).toEqual(ok({ kind: '文件', system: '共享盘' }));
    expect(parseCarrier('纸质', CARRIER_KINDS)).toEqual(ok({ kind: '纸质', system: '' }));
    expect(parseCarrier('磁带', CARRIER_KINDS)).toEqual(bad('list'));
    const written = formatCarrier('数据库', '医院信息系统(HIS)');
    expect(parseCarrier(written, CARRIER_KINDS)).toEqual(ok({ kind: '数据库', system: '医院信息系统(HIS)' }));
  });
});
