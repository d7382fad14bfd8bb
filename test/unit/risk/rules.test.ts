/** The risk-assessment rules: matrix checks and rating, overdue, heat map, checklist pack, file names. */
import { describe, expect, it } from 'vitest';
import {
  notApplicableHint, heatMap, isOverdue, parseChecklistPack, parseRiskMatrix, rateRisk, RiskPackError, sanitizeFilename, summarizeChecklist, CHECK_AREAS,
} from '../../../main/domain/risk';
import matrixJson from '../../../resources/risk/matrix.json';
import checklistJson from '../../../resources/risk/checklist.json';

const m = parseRiskMatrix(matrixJson);

describe('the default matrix (resources/risk/matrix.json)', () => {
  it('is 5 × 5 onto five levels 很低…很高', () => {
    expect(m.likelihood).toHaveLength(5);
    expect(m.impact).toHaveLength(5);
    expect(m.levels.map((l) => l.name)).toEqual(['很低', '低', '中', '高', '很高']);
  });

  it('rates the corners and the centre', () => {
    expect(rateRisk(m, 1, 1)?.name).toBe('很低');
    expect(rateRisk(m, 5, 5)?.name).toBe('很高');
    expect(rateRisk(m, 3, 3)?.name).toBe('中');
    expect(rateRisk(m, 6, 1)).toBeNull();
    expect(rateRisk(m, 0, 1)).toBeNull();
  });

  it('never rates a more likely or more severe risk lower, and uses every level', () => {
    for (let l = 1; l <= 5; l++)
      for (let i = 1; i <= 5; i++) {
        if (l < 5) expect(rateRisk(m, l + 1, i)!.index).toBeGreaterThanOrEqual(rateRisk(m, l, i)!.index);
        if (i < 5) expect(rateRisk(m, l, i + 1)!.index).toBeGreaterThanOrEqual(rateRisk(m, l, i)!.index);
      }
    expect(new Set(m.cells.flat())).toEqual(new Set([0, 1, 2, 3, 4]));
  });
});

describe('parseRiskMatrix refuses', () => {
  const bad = (patch: object) => () => parseRiskMatrix({ ...matrixJson, ...patch });
  it('a cell that is lower than its left or lower neighbour', () => {
    expect(bad({ cells: [[0, 0, 1, 1, 2], [0, 1, 1, 2, 3], [1, 1, 2, 3, 3], [1, 2, 3, 3, 4], [2, 3, 3, 4, 3]] })).toThrow(RiskPackError);
    expect(bad({ cells: [[0, 0, 1, 1, 2], [0, 0, 1, 2, 3], [1, 1, 2, 3, 3], [1, 2, 3, 3, 4], [0, 3, 3, 4, 4]] })).toThrow(RiskPackError);
  });
  it('a level out of range, a wrong shape, a bad colour, an unknown key', () => {
    expect(bad({ cells: [[0, 0, 1, 1, 9], [0, 1, 1, 2, 3], [1, 1, 2, 3, 3], [1, 2, 3, 3, 4], [2, 3, 3, 4, 4]] })).toThrow(RiskPackError);
    expect(bad({ cells: [[0, 0, 1, 1], [0, 1, 1, 2], [1, 1, 2, 3], [1, 2, 3, 3], [2, 3, 3, 4]] })).toThrow(/invalid risk matrix/);
    expect(bad({ levels: [{ name: 'a', nameEn: 'a', color: 'red' }, { name: 'b', nameEn: 'b', color: '#000000' }] })).toThrow(RiskPackError);
    expect(bad({ extra: 1 })).toThrow(RiskPackError);
  });
  it('reports each problem', () => {
    try {
      parseRiskMatrix({ ...matrixJson, cells: [[4, 0, 0, 0, 0], ...matrixJson.cells.slice(1)] });
      expect.unreachable();
    } catch (e) {
      expect((e as RiskPackError).issues.some((i) => i.includes('lower than the cell to its left'))).toBe(true);
    }
  });
});

describe('overdue', () => {
  it('an open risk after its deadline day; not on the day, not when closed or accepted, not without deadline', () => {
    expect(isOverdue({ status: '待整改', deadline: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(isOverdue({ status: '整改中', deadline: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(isOverdue({ status: '待整改', deadline: '2026-03-01' }, '2026-03-01')).toBe(false);
    expect(isOverdue({ status: '已整改', deadline: '2026-03-01' }, '2026-04-01')).toBe(false);
    expect(isOverdue({ status: '已接受', deadline: '2026-03-01' }, '2026-04-01')).toBe(false);
    expect(isOverdue({ status: '待整改', deadline: '' }, '2026-04-01')).toBe(false);
  });
});

describe('heat map', () => {
  it('places risks in their cells, counts per level, open and overdue', () => {
    const h = heatMap(
      m,
      [
        { id: 1, likelihood: 5, impact: 5, status: '待整改', deadline: '2026-01-01' },
        { id: 2, likelihood: 5, impact: 5, status: '已整改', deadline: '2026-01-01' },
        { id: 3, likelihood: 1, impact: 1, status: '整改中', deadline: '' },
        { id: 4, likelihood: 9, impact: 9, status: '待整改', deadline: '' },
      ],
      '2026-06-01',
    );
    expect(h.rows[4]![4]).toMatchObject({ riskIds: [1, 2], open: 1, levelIndex: 4 });
    expect(h.rows[0]![0]).toMatchObject({ riskIds: [3], open: 1, levelIndex: 0 });
    expect(h.levels.map((l) => l.count)).toEqual([1, 0, 0, 0, 2]);
    expect(h.overdue).toBe(1);
    expect(h.likelihood.map((x) => x.value)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('the checklist pack (resources/risk/checklist.json)', () => {
  const pack = parseChecklistPack(checklistJson);
  it('has items in each of the four areas, each with a requirement and a basis', () => {
    for (const area of CHECK_AREAS) expect(pack.items.filter((i) => i.area === area).length, area).toBeGreaterThanOrEqual(5);
    expect(pack.items.every((i) => i.requirement.length > 10 && i.basis.length > 0)).toBe(true);
  });
  it('says every title and requirement in English too (the second language of the interface)', () => {
    const cjk = /[\u3400-\u9fff\uff00-\uffef]/;
    for (const i of pack.items) {
      expect(i.requirementEn, i.id).toBeDefined();
      expect(i.requirementEn!.length, i.id).toBeGreaterThan(20);
      expect(cjk.test(i.titleEn), i.id).toBe(false);
      // A Chinese term kept in brackets for the reader (等级保护) is allowed; the sentence is English.
      expect(i.requirementEn!.replace(/\([^)]*\)/g, '').match(/[\u3400-\u9fff]/), i.id).toBeNull();
    }
  });
  it('suggests 不适用 only where the item is limited and the facts say so', () => {
    const none = { personalInfo: false, provisions: 0, crossBorder: 0 };
    const all = { personalInfo: true, provisions: 2, crossBorder: 1 };
    expect(notApplicableHint('all', none)).toBeNull();
    for (const kind of ['personal-info', 'provision', 'cross-border'] as const) {
      expect(notApplicableHint(kind, none), kind).toMatchObject({ zh: expect.any(String), en: expect.any(String) });
      expect(notApplicableHint(kind, all), kind).toBeNull();
    }
    expect(notApplicableHint('personal-info', { ...none, provisions: 3, crossBorder: 1 })).not.toBeNull();
  });
  it('marks what rests on the unverified GB/T 45577 text with [M]', () => {
    expect(pack.items.filter((i) => i.basis.includes('GB/T 45577')).every((i) => i.basis.includes('[M]'))).toBe(true);
  });
  it('refuses duplicate ids and unknown areas', () => {
    const issues = (() => {
      try {
        parseChecklistPack({ ...checklistJson, items: [...checklistJson.items, checklistJson.items[0]] });
        return [];
      } catch (e) {
        return (e as RiskPackError).issues;
      }
    })();
    expect(issues).toEqual(['duplicate item id M-01']);
    expect(() => parseChecklistPack({ ...checklistJson, items: [{ ...checklistJson.items[0], area: '其他' }] })).toThrow(RiskPackError);
  });
  it('summarises conclusions per area', () => {
    const s = summarizeChecklist([
      { area: '数据安全管理', conclusion: '符合' },
      { area: '数据安全管理', conclusion: '不符合' },
      { area: '数据安全技术', conclusion: '部分符合' },
      { area: '个人信息保护', conclusion: '' },
    ]);
    expect(s).toMatchObject({ total: 4, assessed: 3, byConclusion: { 符合: 1, 部分符合: 1, 不符合: 1, 不适用: 0 } });
    expect(s.byArea.find((a) => a.area === '数据安全管理')).toEqual({ area: '数据安全管理', total: 2, assessed: 2, nonCompliant: 1 });
  });
});

describe('sanitizeFilename', () => {
  it('keeps the base name only, without reserved or control characters', () => {
    expect(sanitizeFilename('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFilename('C:\\Users\\a\\证据.pdf')).toBe('证据.pdf');
    expect(sanitizeFilename('a<b>:c|d?*e\u0001.txt')).toBe('a_b__c_d__e_.txt');
    expect(sanitizeFilename('...')).toBe('attachment');
    expect(sanitizeFilename(' .hidden ')).toBe('hidden');
    expect(sanitizeFilename('CON.txt')).toBe('_CON.txt');
  });
  it('shortens a long name and keeps its extension', () => {
    const s = sanitizeFilename(`${'长'.repeat(200)}.docx`);
    expect(s.length).toBe(120);
    expect(s.endsWith('.docx')).toBe(true);
  });
});
