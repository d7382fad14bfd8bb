import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftCatalogRow, evaluateQuestionnaire, parseFactorSet, type Answer, type FactorSet, type ResourceFacts } from '../../../main/domain/identification';

const raw = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../resources/important-data-factors.json'), 'utf8'));
const parsed = parseFactorSet(raw);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const set: FactorSet = parsed.factors;
const IMPORTANT = set.factors.filter((f) => f.kind === 'important').map((f) => f.id);
const basisOf = (id: string) => set.factors.find((f) => f.id === id)!.basis;

/** Every question answered no, then the given answers on top. */
const answers = (over: Record<string, Answer> = {}): Record<string, Answer> => ({
  ...Object.fromEntries(set.factors.map((f) => [f.id, 'no' as Answer])),
  ...over,
});

describe('evaluateQuestionnaire', () => {
  it('all no: 一般数据, with no basis', () => {
    const r = evaluateQuestionnaire(set, answers());
    expect(r).toMatchObject({ proposal: '一般数据', minimum: '一般数据', basis: '', yes: [], unsure: [], unanswered: [] });
    expect(r.reasons.map((x) => x.code)).toEqual(['ALL_NO']);
  });

  it('all no and the harm stays with the unit or individuals: 一般数据, saying so', () => {
    const r = evaluateQuestionnaire(set, answers({ S01: 'yes' }));
    expect(r.proposal).toBe('一般数据');
    expect(r.reasons.map((x) => x.code)).toEqual(['ALL_NO', 'SCOPE_LIMITED']);
    expect(r.reasons[1]!.message_zh).toContain('一般不属于重要数据');
  });

  it('one factor yes: 重要数据, with that factor’s basis as 识别依据', () => {
    const r = evaluateQuestionnaire(set, answers({ G05: 'yes' }));
    expect(r).toMatchObject({ proposal: '重要数据', minimum: '重要数据', basis: basisOf('G05'), yes: ['G05'] });
    expect(r.reasons[0]).toMatchObject({ code: 'FACTOR_YES', factorIds: ['G05'] });
  });

  it('several factors yes: their bases joined by ；, in questionnaire order', () => {
    const r = evaluateQuestionnaire(set, answers({ G06: 'yes', G02: 'yes' }));
    expect(r.basis).toBe(`${basisOf('G02')}；${basisOf('G06')}`);
  });

  it('a factor and the core question yes: 核心数据, the core basis first', () => {
    const r = evaluateQuestionnaire(set, answers({ G01: 'yes', C01: 'yes' }));
    expect(r).toMatchObject({ proposal: '核心数据', minimum: '核心数据' });
    expect(r.basis).toBe(`${basisOf('C01')}；${basisOf('G01')}`);
  });

  it('a factor yes and the core question open: 待定, but at least 重要数据', () => {
    for (const core of ['unsure', undefined] as const) {
      const a = answers({ G05: 'yes' });
      if (core) a.C01 = core;
      else delete a.C01;
      const r = evaluateQuestionnaire(set, a);
      expect(r).toMatchObject({ proposal: '待定', minimum: '重要数据', basis: basisOf('G05') });
      expect(r.reasons.map((x) => x.code)).toContain('CORE_OPEN');
    }
  });

  it('the core question yes without any factor: 待定, the answers contradict each other', () => {
    const r = evaluateQuestionnaire(set, answers({ C01: 'yes' }));
    expect(r).toMatchObject({ proposal: '待定', minimum: '一般数据', basis: '' });
    expect(r.reasons.map((x) => x.code)).toEqual(['CORE_WITHOUT_FACTOR']);
  });

  it('a factor unsure or unanswered and none yes: 待定, naming the open factors', () => {
    const r = evaluateQuestionnaire(set, answers({ G09: 'unsure' }));
    expect(r).toMatchObject({ proposal: '待定', unsure: ['G09'] });
    expect(r.reasons[0]).toMatchObject({ code: 'FACTORS_OPEN', factorIds: ['G09'] });
    const empty = evaluateQuestionnaire(set, {});
    expect(empty.proposal).toBe('待定');
    expect(empty.reasons[0]!.factorIds).toEqual(IMPORTANT);
    expect(empty.unanswered).toHaveLength(set.factors.length);
  });

  it('the core question need not be answered when no factor applies', () => {
    const a = answers();
    delete a.C01;
    expect(evaluateQuestionnaire(set, a).proposal).toBe('一般数据');
  });

  it('a factor yes while the harm is said to stay local: 重要数据, flagging the contradiction', () => {
    const r = evaluateQuestionnaire(set, answers({ G10: 'yes', S01: 'yes' }));
    expect(r.proposal).toBe('重要数据');
    expect(r.reasons.map((x) => x.code)).toContain('SCOPE_CONFLICT');
  });

  it('ignores answers to questions that are not in the set', () => {
    expect(evaluateQuestionnaire(set, answers({ X99: 'yes' })).proposal).toBe('一般数据');
  });
});

describe('parseFactorSet', () => {
  const base = () => JSON.parse(JSON.stringify(raw));
  const problems = (p: unknown) => {
    const r = parseFactorSet(p);
    return r.ok ? [] : r.problems.map((x) => x.message_en);
  };

  it('refuses duplicate ids, a kind whose proposal disagrees, and a set without important factors', () => {
    const dup = base();
    dup.factors.push({ ...dup.factors[0] });
    expect(problems(dup)).toEqual([expect.stringContaining('used twice')]);
    const wrong = base();
    wrong.factors[0].proposes = '核心数据';
    expect(problems(wrong)).toEqual([expect.stringContaining('proposes 重要数据')]);
    const none = base();
    none.factors = none.factors.filter((f: { kind: string }) => f.kind !== 'important');
    expect(problems(none)).toEqual([expect.stringContaining('At least one')]);
    expect(problems({ ...base(), format: 'other' }).length).toBeGreaterThan(0);
  });
});

describe('draftCatalogRow', () => {
  const facts: ResourceFacts = {
    resource: {
      resourceName: ' 居民健康档案表 ',
      category1: '基础资源类',
      category2: '健康状况',
      category3: '居民健康档案',
      category4: '',
      level: '一般数据4级',
      description: '居民健康档案主表',
      dataSource: '本单位采集',
      recordCount: 1_200_000,
      personCount: 800_000,
      systemName: '区域卫生信息平台',
      ownerDepartment: '信息中心',
      ownerPerson: '张三',
    },
    system: { name: '区域卫生信息平台', mlpsLevel: '第三级' },
    identifiedAt: '2025-06-30',
  };

  it('fills what the inventory knows and leaves the rest to the officer', () => {
    const r = evaluateQuestionnaire(set, answers({ G06: 'yes' }));
    expect(draftCatalogRow(facts, r)).toEqual({
      name: '居民健康档案表',
      category: '基础资源类/健康状况/居民健康档案',
      level: '重要数据',
      description: '居民健康档案主表',
      dataSource: '本单位采集',
      recordCount: 1_200_000,
      personCount: 800_000,
      carrierSystem: '区域卫生信息平台',
      mlpsLevel: '第三级',
      basis: basisOf('G06'),
      identifiedAt: '2025-06-30',
      department: '信息中心',
      person: '张三',
    });
  });

  it('takes the higher of the proposal and the sheet-2 level (就高从严)', () => {
    const core = { ...facts, resource: { ...facts.resource, level: '核心数据' as const } };
    expect(draftCatalogRow(core, { proposal: '重要数据', basis: 'x' }).level).toBe('核心数据');
    expect(draftCatalogRow(facts, { proposal: '核心数据', basis: 'x' }).level).toBe('核心数据');
  });

  it('sets no level when neither the proposal nor sheet 2 is important, and drops unknown code-list values', () => {
    const d = draftCatalogRow({ ...facts, system: undefined, resource: { ...facts.resource, dataSource: '网上抓取', recordCount: null } }, { proposal: '待定', basis: '' });
    expect(d.level).toBeUndefined();
    expect(d.basis).toBeUndefined();
    expect(d.dataSource).toBeUndefined();
    expect(d.recordCount).toBeUndefined();
    expect(d.mlpsLevel).toBeUndefined();
    expect(d.carrierSystem).toBe('区域卫生信息平台');
    expect(Object.values(d).every((v) => v !== undefined && v !== '')).toBe(true);
  });
});
