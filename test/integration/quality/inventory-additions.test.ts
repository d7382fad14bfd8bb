/** What the UI asked of the inventory API alongside quality: renames, English labels, active schemes, field-specific errors. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_SCHEMES, DEFAULT_SCHEME_FOR_INDUSTRY } from '../../../main/services/builtin-resources';
import { appFactory } from '../../helpers/backend';
import { lastAudit, unitApp } from './fixtures';

const apps = appFactory('ds-inv-additions-');

describe('renaming a resource', () => {
  it('renames it on the resource row and on all its items (deleted ones too), in one undoable batch with one audit entry', async () => {
    const u = await unitApp(apps, { 合同编号: {}, 合同金额: {}, 供应商: {} });
    await u.app.call('inventory.delete', { selection: { ids: [u.ids['供应商']!] } });
    const d = await u.app.call('inventory.update', { id: u.resourceId, changes: { resourceName: ' 政府采购合同表 ' } });
    expect(d.entry.resourceName).toBe('政府采购合同表');
    const names = async (deleted: boolean) =>
      (await u.app.call('inventory.query', { filter: { resourceId: u.resourceId, deleted } })).rows.map((r) => r.resourceName);
    expect(await names(false)).toEqual(['政府采购合同表', '政府采购合同表', '政府采购合同表']);
    expect(await names(true)).toEqual(['政府采购合同表']);
    expect(await lastAudit(u.app)).toMatchObject({ action: 'inventory.update', before: { resourceName: '采购合同表' }, after: { resourceName: '政府采购合同表', itemsRenamed: 3 } });
    expect((await u.app.call('inventory.tree', {}))[0]!.resources[0]!.name).toBe('政府采购合同表');
    expect((await u.app.call('inventory.query', { filter: { search: '政府采购' } })).total).toBe(3);

    expect(await u.app.call('inventory.undo', {})).toEqual({ label: '修改“采购合同表”', label_en: 'Edit "采购合同表"', count: 4 });
    expect(await names(false)).toEqual(['采购合同表', '采购合同表', '采购合同表']);
    expect(await names(true)).toEqual(['采购合同表']);
  });

  it('is refused on an item (it follows its resource) and when empty, naming the field', async () => {
    const u = await unitApp(apps, { 合同编号: {} });
    expect(await u.app.fail('inventory.update', { id: u.ids['合同编号']!, changes: { resourceName: '别的表' } })).toMatchObject({ code: 'INVALID_FIELD', details: { field: 'resourceName' } });
    expect(await u.app.fail('inventory.update', { id: u.resourceId, changes: { resourceName: '  ' } })).toMatchObject({ code: 'INVALID_FIELD', details: { field: 'resourceName' } });
    // The item's own resource name, unchanged, is accepted (a form sends what it shows).
    await u.app.call('inventory.update', { id: u.ids['合同编号']!, changes: { resourceName: '采购合同表', description: '合同的编号' } });
    expect(await u.app.fail('inventory.createItem', { resourceId: u.resourceId, dataId: 'X1', itemName: 'x', changes: { resourceName: '别的表' } })).toMatchObject({ details: { field: 'resourceName' } });
  });
});

describe('English alongside Chinese', () => {
  it('undo and redo labels, and the rules behind a suggestion', async () => {
    const u = await unitApp(apps, { 身份证号: { isPersonalInfo: '是', isSensitivePersonalInfo: '是', personCount: 10 } });
    expect(await u.app.call('inventory.undoState', {})).toEqual({ undo: '确认 2 条的级别', redo: null, undo_en: 'Confirm the level of 2 entries', redo_en: null });
    await u.app.call('inventory.delete', { selection: { ids: [u.ids['身份证号']!] } });
    expect(await u.app.call('inventory.undo', {})).toMatchObject({ label: '删除 1 条', label_en: 'Delete 1 entry' });
    expect(await u.app.call('inventory.undoState', {})).toMatchObject({ redo: '删除 1 条', redo_en: 'Delete 1 entry' });
    const d = await u.app.call('inventory.get', { id: u.ids['身份证号']! });
    const rule = d.explanation.contributions.find((c) => c.source === 'rule');
    expect(rule).toMatchObject({ source: 'rule', description: expect.stringContaining('敏感个人信息'), descriptionEn: expect.stringContaining('ensitive personal information') });
    expect((rule as { descriptionEn: string }).descriptionEn).not.toBe((rule as { description: string }).description);
  });
});

describe('field-specific errors', () => {
  it('a lowering without a rationale names the rationale field; a resource below its items names the level', async () => {
    const u = await unitApp(apps, { 身份证号: { isPersonalInfo: '是', isSensitivePersonalInfo: '是', personCount: 10 } });
    const low = await u.app.fail('inventory.update', { id: u.ids['身份证号']!, changes: { level: '一般数据1级' } });
    expect(low).toMatchObject({ code: 'LOWERING_NEEDS_RATIONALE', details: { field: 'rationale' } });
    const bulk = await u.app.fail('inventory.bulkUpdate', { selection: { ids: [u.ids['身份证号']!] }, changes: { level: '一般数据1级' } });
    expect(bulk).toMatchObject({ code: 'LOWERING_NEEDS_RATIONALE', details: { field: 'rationale' } });
    const below = await u.app.fail('inventory.update', { id: u.resourceId, changes: { level: '一般数据1级', rationale: '汇总' } });
    expect(below).toMatchObject({ code: 'LEVEL_BELOW_ITEMS', details: { field: 'level' } });
    const taken = await u.app.fail('inventory.update', { id: u.ids['身份证号']!, changes: { dataId: 'SYS01-T001' } });
    expect(taken).toMatchObject({ code: 'DATA_ID_TAKEN', details: { field: 'dataId' } });
  });
});

describe('schemes in use', () => {
  it('卫生健康 is graded by health.json, 政务 by the generic scheme; scheme.list marks the scheme in use per industry', async () => {
    expect(DEFAULT_SCHEME_FOR_INDUSTRY).toEqual({ 政务: 'gbt43697-generic', 卫生健康: 'health' });
    expect(BUILTIN_SCHEMES.map((s) => s.id)).toEqual(['gbt43697-generic', 'health', 'gbt39725-health']);
    const u = await unitApp(apps, {});
    const list = await u.app.call('scheme.list', {});
    expect(list.map((s) => [s.id, s.industry, s.inUse])).toEqual([
      ['gbt39725-health', '卫生健康', false],
      ['gbt43697-generic', '政务', true],
      ['health', '卫生健康', true],
    ]);
    const e = await u.app.call('inventory.createItem', { resourceId: u.resourceId, dataId: 'H1', itemName: '门诊诊断', changes: { industry: '卫生健康', description: '诊断' } });
    expect(e.schemeId).toBe('health');
  });
});
