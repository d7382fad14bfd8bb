import { describe, expect, it } from 'vitest';
import type { EntryFilter } from '../../../main/api/contract/inventory';
import { appFactory } from '../../helpers/backend';
import { inventoryApp, item, openState, TEST_INDUSTRY, type Inventory } from './fixtures';

const apps = appFactory('ds-inv-query-');

/** Two resources of 医院信息系统 and one of 人力资源系统, with the fields officers really have. */
async function sample() {
  const inv = await inventoryApp(apps);
  const { app } = inv;
  const ids: Record<string, number> = {};
  const add = async (dataId: string, name: string, changes: Record<string, unknown>, resourceId = inv.resourceId) => {
    ids[name] = (await item(inv, dataId, name, changes, resourceId)).id;
  };
  await add('SYS01-T001-F001', '患者姓名', { itemCode: 'HZXM', categoryCode: '1.01.001', impactObjects: '个人权益', impactDegree: '严重危害', isPersonalInfo: '是' });
  await add('SYS01-T001-F002', '身份证号', { itemCode: 'SFZH', categoryCode: '1.01', impactObjects: '个人权益', impactDegree: '特别严重危害', isSensitivePersonalInfo: '是' });
  await add('SYS01-T001-F003', '联系电话', { itemCode: 'LXDH', categoryCode: '1.01', impactObjects: '个人权益', impactDegree: '一般危害', isPersonalInfo: '是' });
  const lab = await app.call('inventory.createResource', { systemId: inv.systemId, dataId: 'SYS01-T002', resourceName: '检验结果表', changes: { industry: TEST_INDUSTRY } });
  await add('SYS01-T002-F001', '诊断结果', { itemCode: 'ZDJG', categoryCode: '1.02', impactObjects: '个人权益', impactDegree: '特别严重危害', isSensitivePersonalInfo: '是' }, lab.id);
  await add('SYS01-T002-F002', '检验报告', { itemCode: 'JYBG', categoryCode: '1.02', impactObjects: '个人权益', impactDegree: '严重危害', isPersonalInfo: '是' }, lab.id);
  await add('SYS01-T002-F003', '就诊科室', { itemCode: 'JZKS', categoryCode: '2.01', impactObjects: '组织权益', impactDegree: '无危害' }, lab.id);
  const hr = await app.call('inventory.createSystem', { name: '人力资源系统' });
  const staff = await app.call('inventory.createResource', { systemId: hr.id, dataId: 'SYS02-T001', resourceName: '职工档案', changes: { industry: TEST_INDUSTRY } });
  await add('SYS02-T001-F001', '岗位名称', { itemCode: 'GWMC', categoryCode: '2.010' }, staff.id);
  await add('SYS02-T001-F002', '备注', {}, staff.id);
  return { ...inv, ids, labId: lab.id, hrId: hr.id, staffId: staff.id };
}

const names = async (inv: Inventory, filter: EntryFilter, sort: 'dataId' | 'itemName' | 'level' = 'dataId', desc = false) => {
  const r = await inv.app.call('inventory.query', { filter: { kind: 'item', ...filter }, sort, desc });
  expect(r.total).toBe(r.rows.length);
  return r.rows.map((e) => e.itemName);
};

describe('inventory.query', () => {
  it('finds a Chinese substring of three characters or more anywhere in names, codes, descriptions and categories', async () => {
    const inv = await sample();
    expect(await names(inv, { search: '身份证' })).toEqual(['身份证号']);
    expect(await names(inv, { search: '诊断结' })).toEqual(['诊断结果']);
    expect(await names(inv, { search: '健康生理' })).toEqual(['诊断结果', '检验报告']); // category 个人健康生理信息
    expect(await names(inv, { search: 'sys01-t002-f00' })).toEqual(['诊断结果', '检验报告', '就诊科室']); // case folded
    expect(await names(inv, { search: '检验报告字段' })).toEqual(['检验报告']); // description
    expect(await names(inv, { search: '不存在的' })).toEqual([]);
  });

  it('finds one and two characters too, also at the end of a value', async () => {
    const inv = await sample();
    expect(await names(inv, { search: '姓名' })).toEqual(['患者姓名']);
    expect(await names(inv, { search: '科室' })).toEqual(['就诊科室']);
    expect(await names(inv, { search: '号' })).toEqual(['身份证号']);
    expect(await names(inv, { search: '注' })).toEqual(['备注']);
    expect(await names(inv, { search: 'lx' })).toEqual(['联系电话']); // item code LXDH, case folded
    expect(await names(inv, { search: '职' })).toEqual(['岗位名称', '备注']); // resource name 职工档案
  });

  it('search text is taken literally: quotes and FTS operators are not syntax', async () => {
    const inv = await sample();
    for (const q of ['"身份', '身份" OR "检验', 'NEAR(a b)', '*', '患者 AND', "'"]) {
      const r = await inv.app.call('inventory.query', { filter: { search: q } });
      expect(r.total, q).toBe(0);
    }
  });

  it('filters by level (with "" for no level), state, category prefix by segments, personal information and kind', async () => {
    const inv = await sample();
    expect(await names(inv, { levels: ['一般数据4级'] })).toEqual(['身份证号', '诊断结果', '检验报告']);
    expect(await names(inv, { levels: ['一般数据2级', ''] })).toEqual(['就诊科室', '岗位名称', '备注']);
    expect(await names(inv, { levels: [''] })).toEqual(['岗位名称', '备注']);
    expect(await names(inv, { categoryCode: '1' })).toEqual(['患者姓名', '身份证号', '联系电话', '诊断结果', '检验报告']);
    expect(await names(inv, { categoryCode: '1.01' })).toEqual(['患者姓名', '身份证号', '联系电话']);
    expect(await names(inv, { categoryCode: '2.01' })).toEqual(['就诊科室']); // not 2.010
    expect(await names(inv, { categoryCode: '2' })).toEqual(['就诊科室', '岗位名称']);
    expect(await names(inv, { personalInfo: 'pi' })).toEqual(['患者姓名', '身份证号', '联系电话', '诊断结果', '检验报告']);
    expect(await names(inv, { personalInfo: 'sensitive' })).toEqual(['身份证号', '诊断结果']);
    await inv.app.call('inventory.confirmLevels', { selection: { ids: [inv.ids['患者姓名']!, inv.ids['检验报告']!] } });
    expect(await names(inv, { states: ['confirmed'] })).toEqual(['患者姓名', '检验报告']);
    expect(await names(inv, { states: [''] })).toEqual(['岗位名称', '备注']);
    const resources = await inv.app.call('inventory.query', { filter: { kind: 'resource' } });
    expect(resources.rows.map((r) => r.resourceName)).toEqual(['患者基本信息表', '检验结果表', '职工档案']);
  });

  it('filters by system, resource, lowering (below the suggestion) and quality findings, combined with search', async () => {
    const inv = await sample();
    expect(await names(inv, { systemId: inv.hrId })).toEqual(['岗位名称', '备注']);
    expect(await names(inv, { resourceId: inv.labId })).toEqual(['诊断结果', '检验报告', '就诊科室']);
    expect(await names(inv, { resourceId: inv.labId, search: '报告' })).toEqual(['检验报告']);
    await inv.app.call('inventory.update', { id: inv.ids['联系电话']!, changes: { level: '一般数据1级', rationale: '仅内部使用' } });
    expect(await names(inv, { lowering: true })).toEqual(['联系电话']);
    expect(await names(inv, { lowering: true, search: '电话' })).toEqual(['联系电话']);
    expect(await names(inv, { withFindings: true })).toEqual([]);
    openState(inv.app).store.inventory.setFindingCounts([[inv.ids['备注']!, 2], [inv.ids['患者姓名']!, 1]]);
    expect(await names(inv, { withFindings: true })).toEqual(['患者姓名', '备注']);
    openState(inv.app).store.inventory.setFindingCounts([[inv.ids['备注']!, 1]], { replaceAll: true });
    expect(await names(inv, { withFindings: true, search: '备' })).toEqual(['备注']);
  });

  it('sorts, pages with offset and limit, and gives the total of the whole filter', async () => {
    const inv = await sample();
    const { app } = inv;
    const byLevel = await app.call('inventory.query', { filter: { kind: 'item' }, sort: 'level', desc: true, limit: 4 });
    expect(byLevel.total).toBe(8);
    expect(byLevel.rows.map((r) => r.level)).toEqual(['一般数据4级', '一般数据4级', '一般数据4级', '一般数据3级']);
    expect(byLevel.rows.map((r) => r.dataId)).toEqual(['SYS01-T002-F002', 'SYS01-T002-F001', 'SYS01-T001-F002', 'SYS01-T001-F003']);
    const page2 = await app.call('inventory.query', { filter: { kind: 'item' }, sort: 'dataId', offset: 3, limit: 3 });
    expect(page2.total).toBe(8);
    expect(page2.rows.map((r) => r.dataId)).toEqual(['SYS01-T002-F001', 'SYS01-T002-F002', 'SYS01-T002-F003']);
    const searched = await app.call('inventory.query', { filter: { search: 'SYS01' }, sort: 'dataId', desc: true, offset: 1, limit: 2 });
    expect(searched.total).toBe(8); // 2 resources + 6 items
    expect(searched.rows.map((r) => r.dataId)).toEqual(['SYS01-T002-F002', 'SYS01-T002-F001']);
    const beyond = await app.call('inventory.query', { filter: { search: 'SYS01' }, offset: 50 });
    expect(beyond).toEqual({ total: 8, rows: [] });
    expect((await app.call('inventory.query', { filter: {}, sort: 'itemName', limit: 500 })).total).toBe(11);
    expect((await app.fail('inventory.query', { filter: {}, limit: 501 })).code).toBe('INVALID_INPUT');
  });

  it('the grid uses an index for each filter (no full scan of the entry table)', async () => {
    const inv = await sample();
    const repo = openState(inv.app).store.inventory;
    const filters: EntryFilter[] = [
      {}, { levels: ['一般数据4级'] }, { states: ['confirmed'] }, { categoryCode: '1.01' }, { personalInfo: 'pi' }, { personalInfo: 'sensitive' },
      { lowering: true }, { withFindings: true }, { systemId: 1 }, { resourceId: 2 }, { search: '身份证' }, { search: '姓名' }, { deleted: true },
    ];
    for (const f of filters) expect(repo.plan(f).join('\n'), JSON.stringify(f)).not.toMatch(/SCAN e\b(?! USING)/);
  });
});

describe('soft delete and restore', () => {
  it('a deleted entry leaves the grid and the tree, is listed with deleted: true, and restore brings it back', async () => {
    const inv = await sample();
    const { app } = inv;
    const id = inv.ids['身份证号']!;
    const del = await app.call('inventory.delete', { selection: { ids: [id] } });
    expect(del.count).toBe(1);
    expect(await names(inv, { search: '身份证' })).toEqual([]);
    expect((await app.call('inventory.tree', {}))[0]!.resources[0]!.itemCount).toBe(2);
    const gone = await app.call('inventory.query', { filter: { deleted: true } });
    expect(gone.rows.map((r) => [r.itemName, r.deleted])).toEqual([['身份证号', true]]);
    expect((await app.call('inventory.query', { filter: { deleted: true, search: '身份证' } })).total).toBe(1);
    expect((await app.fail('inventory.update', { id, changes: { description: 'x' } })).code).toBe('ENTRY_DELETED');
    // The resource no longer has a sensitive item: its unconfirmed level follows the suggestion down.
    expect((await app.call('inventory.get', { id: inv.resourceId })).entry.level).toBe('一般数据3级');

    const back = await app.call('inventory.restore', { selection: { filter: { deleted: true } } });
    expect(back.count).toBe(1);
    expect(await names(inv, { search: '身份证' })).toEqual(['身份证号']);
    expect((await app.call('inventory.get', { id: inv.resourceId })).entry.level).toBe('一般数据4级');
    expect((await app.call('audit.list', { offset: 0, limit: 2 })).entries.map((e) => e.action)).toEqual(['inventory.restore', 'inventory.delete']);
  });

  it('deleting a resource deletes its items; restoring one item brings back its resource; restoring the resource brings back the items deleted with it', async () => {
    const inv = await sample();
    const { app } = inv;
    const pause = () => new Promise((r) => setTimeout(r, 5)); // entries deleted together share their time
    expect((await app.call('inventory.delete', { selection: { ids: [inv.labId] } })).count).toBe(4);
    expect(await names(inv, { resourceId: inv.labId })).toEqual([]);
    expect((await app.call('inventory.tree', {}))[0]!.resources.map((r) => r.name)).toEqual(['患者基本信息表']);
    expect((await app.call('inventory.restore', { selection: { ids: [inv.labId] } })).count).toBe(4);
    expect(await names(inv, { resourceId: inv.labId })).toEqual(['诊断结果', '检验报告', '就诊科室']);

    await app.call('inventory.delete', { selection: { ids: [inv.ids['检验报告']!] } });
    await pause();
    expect((await app.call('inventory.delete', { selection: { ids: [inv.labId] } })).count).toBe(3);
    await pause();
    // 检验报告 was deleted before its resource, so it stays deleted …
    expect((await app.call('inventory.restore', { selection: { ids: [inv.labId] } })).count).toBe(3);
    expect(await names(inv, { resourceId: inv.labId })).toEqual(['诊断结果', '就诊科室']);
    // … until it is restored itself; an item restored alone brings its resource back, not its siblings.
    await app.call('inventory.delete', { selection: { ids: [inv.labId] } });
    expect((await app.call('inventory.restore', { selection: { ids: [inv.ids['检验报告']!] } })).count).toBe(2);
    expect(await names(inv, { resourceId: inv.labId })).toEqual(['检验报告']);
  });
});
