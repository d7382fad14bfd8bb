import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { IMPACT_DEGREES, IMPACT_OBJECTS, LEVELS_43697, type Level } from '../../../main/domain/code-lists';
import { matrixLevel, rollupLevel, suggestLevel } from '../../../main/domain/grading';
import { levelRank } from '../../../main/domain/levels';
import { flattenCategories, parseScheme, type CategoryNode, type SchemeDefinition } from '../../../main/domain/scheme';

const DIR = path.resolve(__dirname, '../../../resources/schemes');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.json'));

function load(file: string): SchemeDefinition {
  const r = parseScheme(JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8')));
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.problems, null, 1)}`);
  return r.scheme;
}
const byId = (id: string) => load(`${id}.json`);

/** 类 `1`, 项 `1.01`, 目 `1.01.001`, and a fourth level `1.01.001.01`. */
const SEGMENT = [/^[1-9]\d*$/, /^\d{2}$/, /^\d{3}$/, /^\d{2}$/];

describe('resources/schemes', () => {
  it('holds the three built-in schemes', () => {
    expect(files.sort()).toEqual(['gbt39725-health.json', 'gbt43697-generic.json', 'health.json']);
  });

  describe.each(files)('%s', (file) => {
    const scheme = load(file);
    const flat = flattenCategories(scheme);

    it('parses, and its id is its file name', () => {
      expect(scheme.id).toBe(file.replace(/\.json$/, ''));
      expect(scheme.source && scheme.source.length).toBeGreaterThan(0);
    });

    it('codes are 类/项/目 segments, one per depth, at most four deep', () => {
      for (const c of flat) {
        const segs = c.code.split('.');
        expect(segs.length, c.code).toBe(c.depth);
        expect(c.depth, c.code).toBeLessThanOrEqual(4);
        segs.forEach((s, i) => expect(s, c.code).toMatch(SEGMENT[i]!));
      }
    });

    it('siblings are numbered in order from 1 without gaps', () => {
      const check = (nodes: CategoryNode[]) => {
        nodes.forEach((n, i) => {
          expect(Number(n.code.split('.').pop()), n.code).toBe(i + 1);
          if (n.children) check(n.children);
        });
      };
      check(scheme.categories);
    });

    it('names are unique among siblings and every node has an English name', () => {
      const check = (nodes: CategoryNode[]) => {
        expect(new Set(nodes.map((n) => n.name)).size).toBe(nodes.length);
        for (const n of nodes) {
          expect(n.nameEn, n.code).toBeTruthy();
          if (n.children) check(n.children);
        }
      };
      check(scheme.categories);
    });

    it('a child’s reference level is never below its parent’s (child data is parent data)', () => {
      const check = (nodes: CategoryNode[], parent: Level | undefined) => {
        for (const n of nodes) {
          if (parent && n.referenceLevel) expect(levelRank(n.referenceLevel), n.code).toBeGreaterThanOrEqual(levelRank(parent));
          if (n.children) check(n.children, n.referenceLevel ?? parent);
        }
      };
      check(scheme.categories, undefined);
    });

    it('has the full GB/T 43697 matrix: every impact object × degree exactly once', () => {
      expect(scheme.matrix).toHaveLength(IMPACT_OBJECTS.length * IMPACT_DEGREES.length);
      const keys = new Set(scheme.matrix.map((m) => `${m.object}/${m.degree}`));
      expect(keys.size).toBe(scheme.matrix.length);
    });

    it('rules have unique ids, Chinese and English descriptions and a basis', () => {
      const rules = [...scheme.floorRules, ...scheme.aggregationRules];
      expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
      for (const r of rules) {
        expect(r.descriptionEn, r.id).toBeTruthy();
        expect(r.basis, r.id).toBeTruthy();
      }
    });
  });
});

describe('gbt43697-generic', () => {
  const s = byId('gbt43697-generic');

  it('is graded on GB/T 43697 with the identity mapping', () => {
    expect(s.levelSet.levels).toEqual([...LEVELS_43697]);
    for (const l of LEVELS_43697) expect(s.levelSet.mapping[l]).toBe(l);
  });

  it('has the §2.3 matrix', () => {
    const cell = (o: (typeof IMPACT_OBJECTS)[number], d: (typeof IMPACT_DEGREES)[number]) => matrixLevel(s, o, d);
    expect([cell('国家安全', '特别严重危害'), cell('国家安全', '严重危害'), cell('国家安全', '一般危害')]).toEqual(['核心数据', '核心数据', '重要数据']);
    for (const o of ['经济运行', '社会秩序', '公共利益'] as const)
      expect([cell(o, '特别严重危害'), cell(o, '严重危害'), cell(o, '一般危害')]).toEqual(['核心数据', '重要数据', '一般数据4级']);
    for (const o of ['组织权益', '个人权益'] as const)
      expect([cell(o, '特别严重危害'), cell(o, '严重危害'), cell(o, '一般危害')]).toEqual(['一般数据4级', '一般数据3级', '一般数据2级']);
    for (const o of IMPACT_OBJECTS) expect(cell(o, '无危害')).toBe('一般数据1级');
  });

  it('has the three facets of Annex A by subject, and 公共数据 split by described object', () => {
    expect(s.categories.map((c) => c.name)).toEqual(['公共数据', '组织数据', '个人信息']);
    expect(s.categories[0]!.children!.map((c) => c.name)).toEqual(['业务数据', '经营管理数据', '系统运行和安全数据', '用户数据', '已公开数据']);
  });

  it('grades sensitive PI categories at 一般数据4级, other PI at 一般数据3级, published data at 一般数据1级', () => {
    const flat = flattenCategories(s);
    const level = (name: string) => flat.find((c) => c.path.at(-1) === name)?.referenceLevel;
    for (const n of ['个人身份信息', '个人生物识别信息', '个人健康生理信息', '个人财产信息', '身份鉴别信息', '行踪轨迹与精准定位']) expect(level(n), n).toBe('一般数据4级');
    for (const n of ['个人基本资料', '网络身份标识信息', '个人教育工作信息', '个人设备信息', '个人标签信息']) expect(level(n), n).toBe('一般数据3级');
    expect(level('已公开数据')).toBe('一般数据1级');
    // Every Annex B category is there.
    const pi = s.categories[2]!.children!.map((c) => c.name);
    expect(pi).toHaveLength(16);
  });

  it('floor rules: sensitive PI → 4级, PI → 3级', () => {
    const facts = { impactObjects: [], impactDegree: '' as const, personCount: null, recordCount: null };
    expect(suggestLevel(s, { ...facts, isPersonalInfo: true, isSensitivePersonalInfo: true }).level).toBe('一般数据4级');
    expect(suggestLevel(s, { ...facts, isPersonalInfo: true, isSensitivePersonalInfo: false }).level).toBe('一般数据3级');
    expect(suggestLevel(s, { ...facts, isPersonalInfo: false, isSensitivePersonalInfo: false }).level).toBeUndefined();
  });

  it('aggregation rules: 1,000,000 people → 4级, 10,000,000 people → 重要数据, but only for PI', () => {
    const roll = (personCount: number, isPersonalInfo = true) =>
      rollupLevel(s, { items: [], isPersonalInfo, isSensitivePersonalInfo: false, personCount, recordCount: null }).level;
    expect(roll(999_999)).toBeUndefined();
    expect(roll(1_000_000)).toBe('一般数据4级');
    expect(roll(9_999_999)).toBe('一般数据4级');
    expect(roll(10_000_000)).toBe('重要数据');
    expect(roll(10_000_000, false)).toBeUndefined();
  });

  it('marks its unverified choices [M]', () => {
    expect(s.source).toContain('[M]');
    expect(s.floorRules.find((r) => r.id === 'pi-floor')!.description).toContain('[M]');
    for (const r of s.aggregationRules) expect(r.description).toContain('[M]');
  });
});

describe('health', () => {
  const s = byId('health');
  const flat = flattenCategories(s);
  const at = (...p: string[]) => flat.find((c) => c.path.join('/') === p.join('/'));

  it('is the 卫生健康 industry on GB/T 43697 levels, with the three top classes', () => {
    expect(s.industry).toBe('卫生健康');
    expect(s.levelSet.name).toBe('GB/T 43697-2024');
    expect(s.categories.map((c) => c.name)).toEqual(['基础资源类', '业务资源类', '主题资源类']);
  });

  it('carries the example rows of the sector table with their levels', () => {
    expect(at('基础资源类', '个人属性', '患者信息')?.referenceLevel).toBe('一般数据3级');
    expect(at('基础资源类', '个人属性', '患者敏感信息')?.referenceLevel).toBe('一般数据4级');
    expect(at('业务资源类', '公共卫生', '疾病控制', '传染病动态监测')?.referenceLevel).toBe('一般数据3级');
    expect(at('业务资源类', '公共卫生', '疾病控制', '疾病监测')?.referenceLevel).toBe('一般数据3级');
    expect(at('业务资源类', '公共卫生', '疾病控制', '免疫规划')?.referenceLevel).toBe('一般数据3级');
    expect(at('业务资源类', '公共卫生', '妇幼健康', '5岁以下儿童死亡报告')?.referenceLevel).toBe('一般数据4级');
    expect(at('基础资源类', '法律法规', '地方性法规')?.referenceLevel).toBe('一般数据1级');
    expect(at('业务资源类', '公共卫生', '疾病控制', '传染病动态监测')?.code).toBe('2.03.001.01');
  });

  it('uses the six GB/T 39725 categories as its second level', () => {
    const second = flat.filter((c) => c.depth === 2).map((c) => c.path[1]);
    for (const n of ['个人属性', '健康状况', '医疗应用', '医疗支付', '卫生资源', '公共卫生']) expect(second).toContain(n);
  });
});

describe('gbt39725-health', () => {
  const s = byId('gbt39725-health');

  it('has the GB/T 39725 level set 5级…1级 mapped onto GB/T 43697', () => {
    expect(s.levelSet.name).toBe('GB/T 39725-2020');
    expect(s.levelSet.levels).toEqual(['5级', '4级', '3级', '2级', '1级']);
    expect(s.levelSet.mapping).toEqual({ '5级': '一般数据4级', '4级': '一般数据4级', '3级': '一般数据3级', '2级': '一般数据2级', '1级': '一般数据1级' });
  });

  it('the mapping keeps the order of the levels (never maps a higher level lower)', () => {
    const mapped = s.levelSet.levels.map((l) => levelRank(s.levelSet.mapping[l]));
    for (let i = 1; i < mapped.length; i++) expect(mapped[i]!).toBeLessThanOrEqual(mapped[i - 1]!);
  });

  it('has the six categories, each noting its GB/T 39725 level', () => {
    expect(s.categories.map((c) => c.name)).toEqual(['个人属性数据', '健康状况数据', '医疗应用数据', '医疗支付数据', '卫生资源数据', '公共卫生数据']);
    for (const c of flattenCategories(s)) expect(c.examples, c.code).toMatch(/^【GB\/T 39725 参考：[1-5]级/);
  });

  it('documents the mapping choice as [M]', () => {
    expect(s.source).toContain('[M]');
    expect(s.source).toContain('5级→一般数据4级');
  });
});
