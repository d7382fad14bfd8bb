/** Grading rules: the impact matrix, floors, recognisers, roll-up (就高从严) and lowerings. */
import { describe, expect, it } from 'vitest';
import { isLowering, matrixLevel, rollupLevel, suggestLevel, type GradingFacts } from '../../../main/domain/grading';
import { parseScheme, type SchemeDefinition } from '../../../main/domain/scheme';
import generic from '../../../resources/schemes/gbt43697-generic.json';

const parsed = parseScheme(generic);
if (!parsed.ok) throw new Error('the generic scheme must parse');
const scheme: SchemeDefinition = parsed.scheme;

const facts = (over: Partial<GradingFacts> = {}): GradingFacts => ({
  impactObjects: [],
  impactDegree: '',
  isPersonalInfo: null,
  isSensitivePersonalInfo: null,
  personCount: null,
  recordCount: null,
  ...over,
});

describe('impact matrix (GB/T 43697 §6.5)', () => {
  it.each([
    ['国家安全', '特别严重危害', '核心数据'],
    ['国家安全', '严重危害', '核心数据'],
    ['国家安全', '一般危害', '重要数据'],
    ['经济运行', '特别严重危害', '核心数据'],
    ['社会秩序', '严重危害', '重要数据'],
    ['公共利益', '严重危害', '重要数据'],
    ['组织权益', '特别严重危害', '一般数据4级'],
    ['个人权益', '严重危害', '一般数据3级'],
    ['个人权益', '一般危害', '一般数据2级'],
    ['个人权益', '无危害', '一般数据1级'],
  ] as const)('%s × %s → %s', (object, degree, level) => {
    expect(matrixLevel(scheme, object, degree)).toBe(level);
  });

  it('takes the highest cell over several impact objects and names it decisive', () => {
    const s = suggestLevel(scheme, facts({ impactObjects: ['个人权益', '公共利益'], impactDegree: '严重危害' }));
    expect(s.level).toBe('重要数据');
    expect(s.decisive).toEqual([{ source: 'matrix', object: '公共利益', degree: '严重危害', level: '重要数据' }]);
    expect(s.contributions).toHaveLength(2);
  });

  it('gives no suggestion without an impact degree, category or rule', () => {
    expect(suggestLevel(scheme, facts({ impactObjects: ['个人权益'] })).level).toBeUndefined();
  });
});

describe('floors and recognisers', () => {
  it('puts sensitive personal information at 一般数据4级 at least, whatever the matrix says', () => {
    const s = suggestLevel(scheme, facts({ impactObjects: ['个人权益'], impactDegree: '一般危害', isPersonalInfo: true, isSensitivePersonalInfo: true }));
    expect(s.level).toBe('一般数据4级');
    expect(s.decisive.some((c) => c.source === 'rule')).toBe(true);
  });

  it('lets a category reference level raise the suggestion', () => {
    const s = suggestLevel(scheme, facts({ impactObjects: ['个人权益'], impactDegree: '无危害', categoryReferenceLevel: '一般数据3级', categoryCode: 'x' }));
    expect(s.level).toBe('一般数据3级');
    expect(s.decisive[0]).toMatchObject({ source: 'category' });
  });

  it('counts a recogniser level as one more reason', () => {
    const s = suggestLevel(scheme, facts({ recognizerLevels: [{ recognizerId: 'cn_resident_id', level: '一般数据4级' }] }));
    expect(s.level).toBe('一般数据4级');
    expect(s.decisive[0]).toMatchObject({ source: 'recognizer', recognizerId: 'cn_resident_id' });
  });
});

describe('roll-up (就高从严)', () => {
  const items = [
    { entryId: 2, dataId: 'R-F1', level: '一般数据2级' as const },
    { entryId: 3, dataId: 'R-F2', level: '一般数据4级' as const },
    { entryId: 4, dataId: 'R-F3', level: '' as const },
  ];

  it('raises a resource to its highest item and names that item', () => {
    const r = rollupLevel(scheme, { items, isPersonalInfo: false, isSensitivePersonalInfo: false, personCount: null, recordCount: null });
    expect(r.level).toBe('一般数据4级');
    expect(r.decisive).toEqual([{ source: 'rollup', entryId: 3, dataId: 'R-F2', level: '一般数据4级' }]);
  });

  it('raises a resource holding the personal information of 10,000,000 people by an aggregation rule', () => {
    const r = rollupLevel(scheme, { items, isPersonalInfo: true, isSensitivePersonalInfo: false, personCount: 10_000_000, recordCount: null });
    expect(r.level).toBe('重要数据');
    expect(r.decisive[0]).toMatchObject({ source: 'rule' });
    const below = rollupLevel(scheme, { items, isPersonalInfo: true, isSensitivePersonalInfo: false, personCount: 9_999_999, recordCount: null });
    expect(below.level).not.toBe('重要数据');
  });

  it('gives nothing for a resource without graded items or rules', () => {
    expect(rollupLevel(scheme, { items: [], isPersonalInfo: null, isSensitivePersonalInfo: null, personCount: null, recordCount: null }).level).toBeUndefined();
  });
});

describe('lowering (降级)', () => {
  it('is a level below the suggestion, and only that', () => {
    expect(isLowering('一般数据2级', '一般数据3级')).toBe(true);
    expect(isLowering('一般数据3级', '一般数据3级')).toBe(false);
    expect(isLowering('重要数据', '一般数据4级')).toBe(false);
    expect(isLowering('', '一般数据3级')).toBe(false);
    expect(isLowering('一般数据1级', '')).toBe(false);
  });
});
