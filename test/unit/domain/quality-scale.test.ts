import { describe, expect, it } from 'vitest';
import type { CatalogEntry, Entry } from '../../../main/domain/inventory';
import { checkQuality, scoreByResource, scoreFindings } from '../../../main/domain/quality';

/**
 * Proves the checks are single passes that finish on a district-sized inventory: 200,000 entries
 * (20,000 resources of ten rows), a catalog row for every important resource, and defects spread
 * through. It asserts what was found, never how long it took (figures belong in test/bench/).
 */
const RESOURCES = 20_000;
const ROWS_PER_RESOURCE = 10;

function build(): { entries: Entry[]; catalog: CatalogEntry[] } {
  const entries: Entry[] = [];
  const catalog: CatalogEntry[] = [];
  let id = 0;
  for (let r = 0; r < RESOURCES; r++) {
    const rid = ++id;
    const important = r % 50 === 0;
    const base: Entry = {
      id: rid, kind: 'resource', systemId: 1 + (r % 20), resourceId: rid, dataId: `S${r % 20}-T${r}`, systemName: `系统${r % 20}`,
      resourceName: `表${r}`, itemName: '', itemCode: '', description: '业务记录表', industry: '政务', category1: '公共数据', category2: '业务数据',
      category3: '', category4: '', categoryCode: '1.01', processingDegree: '原始数据', impactObjects: '个人权益', impactDegree: '严重危害',
      level: important ? '重要数据' : '一般数据3级', rationale: important ? '汇聚全区数据' : '', isPersonalInfo: '是', isSensitivePersonalInfo: '否',
      recordCount: 1000 + r, personCount: 900, dataSource: '本单位采集', storageLocation: '政务云', sharing: '有条件共享', openness: '不予开放',
      updateFrequency: '每日', ownerDepartment: '信息科', ownerPerson: '李四', reviewedAt: r % 7 === 0 ? '2023-01-01' : '2025-05-01',
      suggestedLevel: important ? '重要数据' : '一般数据3级', levelSource: 'matrix', levelState: 'confirmed', schemeId: '', schemeVersion: 1,
      deleted: false, updatedAt: '2025-05-01T00:00:00Z',
    };
    entries.push(base);
    for (let i = 1; i < ROWS_PER_RESOURCE; i++) {
      const n = id + 1;
      entries.push({
        ...base, id: ++id, kind: 'item', dataId: `S${r % 20}-T${r}-F${i}`, itemName: `字段${i}`, itemCode: `f${i}`,
        description: n % 997 === 0 ? '联系电话，如13812345678' : '字段说明', level: i === 9 && r % 11 === 0 ? '一般数据4级' : '一般数据3级',
        rationale: '', ownerPerson: n % 101 === 0 ? '' : '李四', storageLocation: n % 503 === 0 ? '云上' : '政务云',
      });
    }
    if (important && r % 100 !== 0)
      catalog.push({
        resourceId: rid, dataId: base.dataId, name: base.resourceName, category: '公共数据/业务数据', level: '重要数据', description: '业务记录表',
        carrierKind: '数据库', carrierSystem: base.systemName, dataSource: '本单位采集', recordCount: 1000, volumeGb: 1, personCount: 900, coverage: '全区',
        timeSpan: '2015-至今', purpose: '履职', processingMethods: '收集、存储', usageScope: '本单位', provision: '无', crossBorder: '否',
        crossBorderAssessment: '', retention: '长期', securityMeasures: r % 150 === 50 ? '' : '加密存储', mlpsLevel: '第三级', basis: 'G09',
        identifiedAt: '2025-01-01', department: '信息科', person: '李四', phone: '021-62345678', updatedAt: '2025-05-01T00:00:00Z',
      });
  }
  return { entries, catalog };
}

describe('quality checks at district scale', () => {
  it('check 200,000 entries and score them per dimension and per resource', () => {
    const { entries, catalog } = build();
    expect(entries).toHaveLength(200_000);
    const systems = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, mlpsLevel: '第三级' }));
    const report = checkQuality({ entries, catalog, systems, today: '2025-06-30' });
    expect(report.totals).toEqual({ sheet2Rows: 200_000, sheet3Rows: catalog.length });

    const count = (code: string) => report.findings.filter((f) => f.code === code).length;
    // 1 in 7 resources was last reviewed in 2023, with all ten of its rows.
    expect(count('REVIEW_DATE_STALE')).toBe(Math.ceil(RESOURCES / 7) * ROWS_PER_RESOURCE);
    // Every 100th resource is important without a catalog row.
    expect(count('CATALOG_ROW_MISSING')).toBe(RESOURCES / 100);
    // Every 11th resource has an item at 一般数据4级 above its resource at 3级.
    expect(count('RESOURCE_BELOW_ITEMS')).toBe(Math.ceil(RESOURCES / 11) - Math.ceil(RESOURCES / 550));
    expect(count('DESCRIPTION_HAS_VALUES')).toBeGreaterThan(100);
    expect(count('CODE_LIST_INVALID')).toBeGreaterThan(300);
    expect(count('REQUIRED_MISSING')).toBeGreaterThan(1000);
    expect(count('IMPORTANT_NO_SECURITY_MEASURES')).toBeGreaterThan(0);

    const scores = scoreFindings(report.findings, report.totals);
    expect(scores.timeliness).toBeLessThan(100);
    expect(scores.overall).toBeGreaterThan(80);
    const byResource = scoreByResource(report.findings, entries, catalog);
    expect(byResource.size).toBe(RESOURCES);
    expect(byResource.get(1)!.timeliness).toBeLessThan(100); // resource 0 was reviewed in 2023
  });
});
