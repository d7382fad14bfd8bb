/**
 * The change report (pure) and the published JSON Schemas of the optional payload files
 * (docs/package-schema/change-report.schema.json, key-rotation.schema.json). Regenerate them with
 * `UPDATE_PACKAGE_SCHEMAS=1 npx vitest run --project unit test/unit/package/change-report.test.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { changeReportJsonSchema, changeReportSchema, changeReportText, computeChangeReport, keyRotationJsonSchema, type FiledState, type PackageEntry } from '../../../main/domain/package/index';

const dir = path.resolve(__dirname, '../../../docs/package-schema');

describe('published JSON Schemas of the optional payload files', () => {
  for (const [name, schema] of [['change-report', changeReportJsonSchema()], ['key-rotation', keyRotationJsonSchema()]] as const) {
    it(`${name}.schema.json matches the zod schema`, () => {
      const file = path.join(dir, `${name}.schema.json`);
      const text = JSON.stringify(schema, null, 2) + '\n';
      if (process.env.UPDATE_PACKAGE_SCHEMAS) fs.writeFileSync(file, text);
      expect(fs.readFileSync(file, 'utf8')).toBe(text);
    });
  }
});

const entry = (dataId: string, over: Partial<PackageEntry> = {}): PackageEntry =>
  ({
    kind: 'item', dataId, resourceDataId: 'R1', systemName: 'S', resourceName: '表', itemName: dataId, itemCode: '', description: '', industry: '', category1: '', category2: '', category3: '',
    category4: '', categoryCode: '', processingDegree: '', impactObjects: '', impactDegree: '', level: '一般数据2级', suggestedLevel: '', levelSource: '', levelState: '', rationale: '',
    isPersonalInfo: '', isSensitivePersonalInfo: '', recordCount: null, personCount: null, dataSource: '', storageLocation: '', sharing: '', openness: '', updateFrequency: '',
    ownerDepartment: '', ownerPerson: '', reviewedAt: '', schemeId: '', schemeVersion: '', ...over,
  }) as PackageEntry;

describe('computeChangeReport', () => {
  const prev: FiledState = { profile: { unitName: '甲', filingKind: '首次报送', filingDate: '2026-01-01' }, systems: [{ name: 'S', mlpsLevel: '第二级' }], entries: [entry('A'), entry('B'), entry('C')], catalog: [] };
  const cur: FiledState = {
    profile: { unitName: '甲', filingKind: '变更报送', filingDate: '2026-03-01' },
    systems: [{ name: 'S', mlpsLevel: '第三级' }, { name: 'T', mlpsLevel: '' }],
    entries: [entry('A', { level: '一般数据1级', rationale: '降级理由' }), entry('B', { ownerPerson: '王' }), entry('D')],
    catalog: [],
  };
  const r = computeChangeReport({ sequence: 1, digest: 'a'.repeat(64), kind: 'initial', createdAt: '2026-01-01T00:00:00.000Z', state: prev }, cur);

  it('matches rows by 数据编号: added, removed, changed field by field; the filing kind and date are not a change', () => {
    expect(changeReportSchema.safeParse(r).success).toBe(true);
    expect(r.profile).toEqual([]);
    expect(r.entries.added.map((e) => e.dataId)).toEqual(['D']);
    expect(r.entries.removed.map((e) => e.dataId)).toEqual(['C']);
    expect(r.entries.changed.find((e) => e.dataId === 'B')!.changes).toEqual([{ field: 'ownerPerson', label: '责任人', before: '', after: '王' }].map((c) => ({ ...c, label: expect.any(String) })));
    expect(r.levels).toEqual([{ kind: 'item', dataId: 'A', name: '表 / A', before: '一般数据2级', after: '一般数据1级', direction: 'lowered', rationale: '降级理由' }]);
    expect(r.systems).toEqual({ added: [{ name: 'T', mlpsLevel: '' }], removed: [], changed: [{ name: 'S', changes: [{ field: 'mlpsLevel', label: '网络安全等级保护级别', before: '第二级', after: '第三级' }] }] });
  });

  it('an unchanged state gives an empty report', () => {
    const same = computeChangeReport({ sequence: 1, digest: 'a'.repeat(64), kind: 'initial', createdAt: 'x', state: prev }, prev);
    expect(Object.values(same.summary).every((n) => n === 0)).toBe(true);
    expect(changeReportText(same, { sequence: 2, unitName: '甲', uscc: 'U' })).toContain('无');
  });

  it('the text names the lowering with its reason', () => {
    expect(changeReportText(r, { sequence: 2, unitName: '甲', uscc: 'U' })).toContain('降级：数据项 A 表 / A：一般数据2级 → 一般数据1级；定级理由：降级理由');
  });
});
