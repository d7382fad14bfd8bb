/**
 * The change report computed from the filed package's bytes (rows identical in both canonical
 * inventories left out of both) is the report computed from the two whole parsed inventories.
 */
import { describe, expect, it } from 'vitest';
import { CATALOG_FORMAT, INVENTORY_FORMAT, PAYLOAD, PROFILE_FORMAT, computeChangeReport, type FiledState, type PackageEntry } from '../../../main/domain/package/index';
import { canonicalBuffer } from '../../../main/services/package/canonical-writer';
import { filedFiles, filedStateFor } from '../../../main/services/package/filed-state';
import { writeZip } from '../../../main/services/package/zip';

const entry = (dataId: string, over: Partial<PackageEntry> = {}): PackageEntry =>
  ({
    kind: 'item', dataId, resourceDataId: 'R1', systemName: 'S', resourceName: '表', itemName: dataId, itemCode: '', description: '', industry: '', category1: '', category2: '', category3: '',
    category4: '', categoryCode: '', processingDegree: '', impactObjects: '', impactDegree: '', level: '一般数据2级', suggestedLevel: '', levelSource: '', levelState: '', rationale: '',
    isPersonalInfo: '', isSensitivePersonalInfo: '', recordCount: null, personCount: null, dataSource: '', storageLocation: '', sharing: '', openness: '', updateFrequency: '',
    ownerDepartment: '', ownerPerson: '', reviewedAt: '', schemeId: '', schemeVersion: '', ...over,
  }) as PackageEntry;

const systems = [{ name: 'S', mlpsLevel: '第三级' }];
const inventoryOf = (entries: readonly PackageEntry[], sys = systems) => canonicalBuffer({ format: INVENTORY_FORMAT, systems: sys, entries });

/** What filing_content keeps: the filed JSON in a zip under the bag's base directory. */
function filed(state: FiledState): Buffer {
  return writeZip(
    [
      { name: `bag/${PAYLOAD.profile}`, data: canonicalBuffer({ format: PROFILE_FORMAT, profile: state.profile }) },
      { name: `bag/${PAYLOAD.inventory}`, data: inventoryOf(state.entries, state.systems as typeof systems) },
      { name: `bag/${PAYLOAD.catalog}`, data: canonicalBuffer({ format: CATALOG_FORMAT, entries: state.catalog }) },
    ],
    { mtime: new Date(Date.UTC(2026, 0, 5)) },
  );
}

const previous = { sequence: 1, digest: 'a'.repeat(64), kind: 'initial' as const, createdAt: '2026-01-05T00:00:00.000Z' };

async function both(before: FiledState, now: FiledState) {
  const whole = computeChangeReport({ ...previous, state: before }, now);
  const f = filedStateFor((await filedFiles(filed(before)))!, { entries: now.entries, inventory: inventoryOf(now.entries, now.systems as typeof systems) })!;
  const fast = computeChangeReport({ ...previous, state: f.before }, { ...now, entries: f.entries });
  return { whole, fast, f };
}

describe('filedStateFor', () => {
  const base: FiledState = {
    profile: { unitName: '某单位' },
    systems,
    entries: Array.from({ length: 200 }, (_, i) => entry(`R1-F${String(i).padStart(3, '0')}`, { description: i % 7 === 0 ? '含"引号"与\\反斜杠\n换行' : `字段${i}`, recordCount: i })),
    catalog: [],
  };

  it('gives the same report as the whole inventories, parsing only the rows that differ', async () => {
    const entries: PackageEntry[] = base.entries
      .filter((e) => e.dataId !== 'R1-F010')
      .map((e) => (e.dataId === 'R1-F020' ? entry(e.dataId, { ...e, level: '一般数据4级', rationale: '提升' }) : e.dataId === 'R1-F021' ? { ...e, description: 'ǅ é 新描述' } : e));
    entries.push(entry('R1-F999'), entry('R1-"x"\\y', { description: '转义的编号' }));
    const { whole, fast, f } = await both(base, { ...base, entries, systems: [...systems, { name: 'T', mlpsLevel: '第二级' }] });
    expect(fast).toEqual(whole);
    expect(whole.summary).toMatchObject({ entriesAdded: 2, entriesRemoved: 1, entriesChanged: 2, levelsRaised: 1, systemsAdded: 1 });
    // Only the differing rows were parsed and compared: 3 filed (removed, 2 changed), 4 current (2 changed, 2 added).
    expect(f.before.entries.map((e) => e.dataId).sort()).toEqual(['R1-F010', 'R1-F020', 'R1-F021']);
    expect(f.entries).toHaveLength(4);
  });

  it('no change: nothing parsed, an empty report; and to or from an empty inventory', async () => {
    const same = await both(base, base);
    expect(same.fast).toEqual(same.whole);
    expect(same.f.before.entries).toEqual([]);
    expect(same.whole.summary.entriesChanged).toBe(0);
    const emptied = await both(base, { ...base, entries: [] });
    expect(emptied.fast).toEqual(emptied.whole);
    expect(emptied.whole.summary.entriesRemoved).toBe(200);
    const filled = await both({ ...base, entries: [] }, base);
    expect(filled.fast).toEqual(filled.whole);
    expect(filled.whole.summary.entriesAdded).toBe(200);
  });

  it('falls back to parsing everything when the current bytes are not of the given rows', async () => {
    const f = filedStateFor((await filedFiles(filed(base)))!, { entries: base.entries.slice(1), inventory: inventoryOf(base.entries) });
    expect(f.before.entries).toHaveLength(200);
    expect(f.entries).toHaveLength(199);
  });

  it('gives nothing for kept content that is damaged or lacks a file', async () => {
    const zip = filed(base);
    const damaged = Buffer.from(zip);
    const at = damaged.indexOf('bag/data/inventory.json') + 40;
    damaged[at] = damaged[at]! ^ 0xff;
    expect(await filedFiles(damaged)).toBeUndefined();
    const partial = writeZip([{ name: `bag/${PAYLOAD.profile}`, data: canonicalBuffer({ format: PROFILE_FORMAT, profile: {} }) }], { mtime: new Date(Date.UTC(2026, 0, 5)) });
    expect(await filedFiles(partial)).toBeUndefined();
    expect([...(await filedFiles(zip))!.keys()]).toEqual([PAYLOAD.profile, PAYLOAD.inventory, PAYLOAD.catalog]);
  });
});
