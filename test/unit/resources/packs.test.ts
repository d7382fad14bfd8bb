import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUALITY_SETTINGS, parseQualitySettings } from '../../../main/domain/quality';
import { parseFactorSet } from '../../../main/domain/identification';
import { parseRecognizerPack, PI_CATEGORIES } from '../../../main/domain/recognizers';

const RES = path.resolve(__dirname, '../../../resources');
const json = (p: string): unknown => JSON.parse(fs.readFileSync(path.join(RES, p), 'utf8'));

describe('resources/recognizers', () => {
  const files = fs.readdirSync(path.join(RES, 'recognizers')).filter((f) => f.endsWith('.json'));

  it.each(files)('%s is a valid pack whose id is its file name', (file) => {
    const r = parseRecognizerPack(json(`recognizers/${file}`));
    if (!r.ok) throw new Error(JSON.stringify(r.problems, null, 1));
    expect(r.pack.id).toBe(file.replace(/\.json$/, ''));
  });

  it('the default pack covers the Annex B categories a field name can reveal, and marks sensitive ones 一般数据4级', () => {
    const r = parseRecognizerPack(json('recognizers/default.json'));
    if (!r.ok) throw new Error('invalid');
    const cats = new Set(r.pack.recognizers.map((x) => x.category).filter(Boolean));
    // 个人运动信息 has no field-name words of its own worth shipping; everything else is covered.
    for (const c of PI_CATEGORIES.filter((c) => c !== '个人运动信息')) expect(cats, c).toContain(c);
    for (const rec of r.pack.recognizers) {
      if (rec.sensitive) expect(rec.level, rec.id).toBe('一般数据4级');
      else if (rec.personalInfo) expect(rec.level, rec.id).toBe('一般数据3级');
      else expect(rec.level, rec.id).toBeUndefined();
    }
  });
});

describe('resources/quality.json', () => {
  it('is valid and equal to the built-in defaults', () => {
    const r = parseQualitySettings(json('quality.json'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const { source: _source, ...rest } = r.settings;
    expect(rest).toEqual(DEFAULT_QUALITY_SETTINGS);
    expect(r.settings.reviewMaxAgeMonths).toBe(12);
  });
});

describe('resources/important-data-factors.json', () => {
  it('is valid, has the eleven Annex G factors, one core question and one scope question', () => {
    const r = parseFactorSet(json('important-data-factors.json'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const kinds = r.factors.factors.map((f) => f.kind);
    expect(kinds.filter((k) => k === 'important')).toHaveLength(11);
    expect(kinds.filter((k) => k === 'core')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'scope')).toHaveLength(1);
    for (const f of r.factors.factors) {
      expect(f.examples.length, f.id).toBeGreaterThan(0);
      expect(f.examplesEn?.length, f.id).toBe(f.examples.length);
    }
    expect(r.factors.source).toContain('[M]');
    expect(r.factors.guidance.some((g) => g.zh.includes('一般不属于重要数据'))).toBe(true);
  });
});
