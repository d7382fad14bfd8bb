import { describe, expect, it } from 'vitest';
import { appFactory } from '../../helpers/backend';
import { auditTotal, inventoryApp, item, lastAudit, openState, TEST_INDUSTRY } from './fixtures';

const apps = appFactory('ds-inv-entries-');

describe('systems, resources and items', () => {
  it('creates a system, a resource and an item; the item inherits the resource industry and owner, and each creation is audited', async () => {
    const inv = await inventoryApp(apps);
    const { app } = inv;
    const it1 = await item(inv, 'SYS01-T001-F001', '患者姓名', { itemCode: 'HZXM', impactObjects: '个人权益', impactDegree: '严重危害', isPersonalInfo: '是' });
    expect(it1).toMatchObject({
      kind: 'item',
      systemId: inv.systemId,
      resourceId: inv.resourceId,
      systemName: '医院信息系统',
      resourceName: '患者基本信息表',
      itemName: '患者姓名',
      industry: TEST_INDUSTRY,
      ownerDepartment: '信息中心',
      ownerPerson: '张伟',
      dataSource: '本单位采集',
      schemeId: 'test-scheme',
      schemeVersion: 1,
      deleted: false,
    });
    const resource = (await app.call('inventory.get', { id: inv.resourceId })).entry;
    expect(resource).toMatchObject({ kind: 'resource', resourceId: inv.resourceId, itemName: '', dataId: 'SYS01-T001' });

    const tree = await app.call('inventory.tree', {});
    expect(tree).toEqual([
      expect.objectContaining({ id: inv.systemId, name: '医院信息系统', mlpsLevel: '第三级', resourceCount: 1, itemCount: 1, resources: [expect.objectContaining({ id: inv.resourceId, dataId: 'SYS01-T001', name: '患者基本信息表', itemCount: 1 })] }),
    ]);

    const actions = (await app.call('audit.list', { offset: 0, limit: 10 })).entries.map((e) => e.action);
    expect(actions.slice(0, 4)).toEqual(['inventory.create', 'inventory.create', 'inventory.system.create', 'scheme.import']);
    const created = await lastAudit(app);
    expect(created).toMatchObject({ actor: '张三', entity: 'entry', entityId: String(it1.id) });
    expect(created.after).toMatchObject({ kind: 'item', dataId: 'SYS01-T001-F001', itemName: '患者姓名', level: '一般数据3级' });
    expect(await app.call('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('refuses a second system with the same name, and renames a system (normalised to half-width) with an audit entry of the change', async () => {
    const { app, systemId } = await inventoryApp(apps);
    expect((await app.fail('inventory.createSystem', { name: ' 医院信息系统 ' })).code).toBe('SYSTEM_NAME_TAKEN');
    const renamed = await app.call('inventory.updateSystem', { id: systemId, name: '医院信息系统（HIS）' });
    expect(renamed.name).toBe('医院信息系统(HIS)');
    expect(await lastAudit(app)).toMatchObject({ action: 'inventory.system.update', before: { name: '医院信息系统' }, after: { name: '医院信息系统(HIS)' } });
    const rows = await app.call('inventory.query', { filter: {} });
    expect(rows.rows.every((r) => r.systemName === '医院信息系统(HIS)')).toBe(true);
    expect((await app.fail('inventory.updateSystem', { id: 999, name: 'x' })).code).toBe('SYSTEM_NOT_FOUND');
  });

  it('a 数据编号 is unique among entries that are not deleted', async () => {
    const inv = await inventoryApp(apps);
    const { app } = inv;
    const a = await item(inv, 'SYS01-T001-F001', '患者姓名');
    const err = await app.fail('inventory.createItem', { resourceId: inv.resourceId, dataId: ' SYS01-T001-F001 ', itemName: '别名' });
    expect(err.code).toBe('DATA_ID_TAKEN');
    expect(err.message_zh).toContain('SYS01-T001-F001');
    expect(err.details).toMatchObject({ dataIds: ['SYS01-T001-F001'] });
    const b = await item(inv, 'SYS01-T001-F002', '性别');
    expect((await app.fail('inventory.update', { id: b.id, changes: { dataId: 'SYS01-T001-F001' } })).code).toBe('DATA_ID_TAKEN');
    expect((await app.fail('inventory.createResource', { systemId: inv.systemId, dataId: 'SYS01-T001', resourceName: '重复' })).code).toBe('DATA_ID_TAKEN');

    // Once deleted, its 数据编号 is free; restoring the old entry then clashes.
    await app.call('inventory.delete', { selection: { ids: [a.id] } });
    await item(inv, 'SYS01-T001-F001', '患者姓名（新）');
    const clash = await app.fail('inventory.restore', { selection: { ids: [a.id] } });
    expect(clash.code).toBe('DATA_ID_TAKEN');
  });
});

describe('validation at the service edge', () => {
  it('code-list fields must hold the template values; values are trimmed and half-width', async () => {
    const inv = await inventoryApp(apps);
    const { app } = inv;
    const bad = await app.fail('inventory.createItem', { resourceId: inv.resourceId, dataId: 'F1', itemName: '姓名', changes: { processingDegree: '原始' } });
    expect(bad.code).toBe('INVALID_FIELD');
    expect(bad.details).toMatchObject({ field: 'processingDegree', value: '原始' });
    expect(bad.message_zh).toContain('数据加工程度');
    for (const [field, value] of [['dataSource', '网上'], ['storageLocation', '云'], ['sharing', '共享'], ['openness', '开放'], ['updateFrequency', '每天'], ['impactDegree', '严重']] as const)
      expect((await app.fail('inventory.createItem', { resourceId: inv.resourceId, dataId: 'F1', itemName: '姓名', changes: { [field]: value } })).details).toMatchObject({ field });
    const ok = await item(inv, 'F1', '姓名', { processingDegree: ' 原始数据\u3000', updateFrequency: '每日', impactDegree: '一般危害' });
    expect(ok).toMatchObject({ processingDegree: '原始数据', updateFrequency: '每日', impactDegree: '一般危害' });
  });

  it('impact objects must each be in the list; any separator is accepted and stored joined by 、 in template order', async () => {
    const inv = await inventoryApp(apps);
    const e = await item(inv, 'F1', '姓名', { impactObjects: '个人权益, 公共利益；个人权益' });
    expect(e.impactObjects).toBe('公共利益、个人权益');
    const err = await inv.app.fail('inventory.update', { id: e.id, changes: { impactObjects: '个人、单位权益' } });
    expect(err).toMatchObject({ code: 'INVALID_FIELD', details: { field: 'impactObjects' } });
    expect(err.message_zh).toContain('单位权益');
  });

  it('dates are stored as yyyy-mm-dd and impossible dates are refused', async () => {
    const inv = await inventoryApp(apps);
    const e = await item(inv, 'F1', '姓名', { reviewedAt: '2025/3/7' });
    expect(e.reviewedAt).toBe('2025-03-07');
    expect((await inv.app.fail('inventory.update', { id: e.id, changes: { reviewedAt: '2025-02-30' } })).details).toMatchObject({ field: 'reviewedAt', value: '2025-02-30' });
  });

  it('是否敏感个人信息 = 是 sets 是否个人信息 = 是, and refuses an explicit 否 with it', async () => {
    const inv = await inventoryApp(apps);
    const e = await item(inv, 'F1', '身份证号', { isSensitivePersonalInfo: '是' });
    expect(e).toMatchObject({ isPersonalInfo: '是', isSensitivePersonalInfo: '是' });
    const err = await inv.app.fail('inventory.update', { id: e.id, changes: { isPersonalInfo: '否' } });
    expect(err).toMatchObject({ code: 'INVALID_FIELD', details: { field: 'isPersonalInfo' } });
  });

  it('the category code must be in the scheme and match the path; either one alone fills in the other', async () => {
    const inv = await inventoryApp(apps);
    const { app } = inv;
    const byCode = await item(inv, 'F1', '诊断', { categoryCode: '1.02' });
    expect(byCode).toMatchObject({ category1: '个人信息', category2: '个人健康生理信息', category3: '', categoryCode: '1.02' });
    const byPath = await item(inv, 'F2', '姓名', { category1: '个人信息', category2: '个人基本资料', category3: '姓名' });
    expect(byPath.categoryCode).toBe('1.01.001');
    const mismatch = await app.fail('inventory.createItem', { resourceId: inv.resourceId, dataId: 'F3', itemName: 'x', changes: { categoryCode: '1.02', category1: '个人信息', category2: '个人基本资料' } });
    expect(mismatch).toMatchObject({ code: 'INVALID_FIELD', details: { field: 'categoryCode', value: '1.02', expectedPath: ['个人信息', '个人健康生理信息'] } });
    const unknown = await app.fail('inventory.update', { id: byCode.id, changes: { categoryCode: '9.99' } });
    expect(unknown).toMatchObject({ code: 'INVALID_FIELD', details: { field: 'categoryCode', value: '9.99' } });
    expect(unknown.message_zh).toContain('测试分类方案');
    // Changing the path alone moves the code with it.
    const moved = await app.call('inventory.update', { id: byCode.id, changes: { category2: '个人基本资料' } });
    expect(moved.entry.categoryCode).toBe('1.01');
  });

  it('a resource row has no 数据项名称 and an item row must have one', async () => {
    const inv = await inventoryApp(apps);
    expect((await inv.app.fail('inventory.update', { id: inv.resourceId, changes: { itemName: '字段' } })).details).toMatchObject({ field: 'itemName' });
    const e = await item(inv, 'F1', '姓名');
    expect((await inv.app.fail('inventory.update', { id: e.id, changes: { itemName: ' ' } })).details).toMatchObject({ field: 'itemName' });
    expect((await inv.app.fail('inventory.createItem', { resourceId: e.id, dataId: 'F2', itemName: 'x' })).code).toBe('RESOURCE_NOT_FOUND');
    expect((await inv.app.fail('inventory.update', { id: 9999, changes: {} })).code).toBe('ENTRY_NOT_FOUND');
  });
});

describe('grading', () => {
  it('suggests the level from the matrix (影响对象 × 影响程度) and explains it; the level follows the suggestion until confirmed', async () => {
    const inv = await inventoryApp(apps);
    const { app } = inv;
    const e = await item(inv, 'F1', '患者姓名', { impactObjects: '个人权益', impactDegree: '严重危害' });
    expect(e).toMatchObject({ suggestedLevel: '一般数据3级', level: '一般数据3级', levelSource: 'matrix', levelState: 'suggested' });
    const d = await app.call('inventory.get', { id: e.id });
    expect(d.explanation.level).toBe('一般数据3级');
    expect(d.explanation.decisive).toEqual([{ source: 'matrix', object: '个人权益', degree: '严重危害', level: '一般数据3级' }]);
    expect(d.history).toEqual([expect.objectContaining({ actor: '张三', from: '', to: '一般数据3级', source: 'matrix', state: 'suggested' })]);

    // More objects: the highest cell decides (就高从严), and the level moves with the suggestion.
    const up = await app.call('inventory.update', { id: e.id, changes: { impactObjects: '个人权益、公共利益' } });
    expect(up.entry).toMatchObject({ suggestedLevel: '重要数据', level: '重要数据', levelState: 'suggested' });
    expect(up.explanation.contributions).toEqual(
      expect.arrayContaining([
        { source: 'matrix', object: '个人权益', degree: '严重危害', level: '一般数据3级' },
        { source: 'matrix', object: '公共利益', degree: '严重危害', level: '重要数据' },
      ]),
    );
    expect(up.history.map((h) => h.to)).toEqual(['重要数据', '一般数据3级']);
  });

  it('the category reference level and the sensitive-PI floor rule count too, and the explanation lists every reason', async () => {
    const inv = await inventoryApp(apps);
    const e = await item(inv, 'F1', '诊断结果', { categoryCode: '1.02', impactObjects: '个人权益', impactDegree: '一般危害', isSensitivePersonalInfo: '是' });
    expect(e.suggestedLevel).toBe('一般数据4级');
    const d = await inv.app.call('inventory.get', { id: e.id });
    expect(d.explanation.contributions).toEqual(
      expect.arrayContaining([
        { source: 'matrix', object: '个人权益', degree: '一般危害', level: '一般数据2级' },
        { source: 'category', code: '1.02', level: '一般数据4级' },
        expect.objectContaining({ source: 'rule', ruleId: 'sensitive-pi', level: '一般数据4级' }),
      ]),
    );
    expect(d.explanation.decisive.map((c) => c.source).sort()).toEqual(['category', 'rule']);
  });

  it('an entry with nothing to grade by has no level (and the generic scheme when its 行业领域 has no scheme)', async () => {
    const inv = await inventoryApp(apps);
    const e = await inv.app.call('inventory.createItem', { resourceId: inv.resourceId, dataId: 'F1', itemName: '备注', changes: { industry: '' } });
    expect(e).toMatchObject({ level: '', suggestedLevel: '', levelSource: '', levelState: '', schemeId: 'gbt43697-generic' });
  });

  it('recogniser hits count: a hit of a sensitive-PI recogniser lifts the suggestion to the floor of sensitive PI', async () => {
    const inv = await inventoryApp(apps);
    const { app } = inv;
    const e = await item(inv, 'F1', '证件号码', { impactObjects: '个人权益', impactDegree: '一般危害' });
    expect(e.suggestedLevel).toBe('一般数据2级');
    // What the recogniser engine writes; then it asks for those entries to be graded again.
    openState(app).store.inventory.replaceHits(e.id, [
      { recognizerId: 'resident_id', basis: 'name', matched: 1, total: 1, at: '2026-01-05T01:00:00.000Z' },
      { recognizerId: 'mobile', basis: 'sample', matched: 0, total: 10, at: '2026-01-05T01:00:00.000Z' },
    ]);
    const r = app.backend.services.inventory.regradeEntries([e.id]);
    expect(r.entries).toBe(2); // the item and its resource
    const d = await app.call('inventory.get', { id: e.id });
    expect(d.entry).toMatchObject({ suggestedLevel: '一般数据4级', level: '一般数据4级', levelSource: 'recognizer' });
    expect(d.explanation.contributions).toContainEqual({ source: 'recognizer', recognizerId: 'resident_id', level: '一般数据4级' });
    expect(d.explanation.contributions.some((c) => c.source === 'recognizer' && c.recognizerId === 'mobile')).toBe(false); // matched nothing
    expect(d.recognizerHits).toHaveLength(2);
    expect(await lastAudit(app)).toMatchObject({ action: 'inventory.regrade', after: expect.objectContaining({ scope: 1, entries: 2 }) });
  });

  it('confirming accepts the suggested level: state confirmed, history and one audit entry', async () => {
    const inv = await inventoryApp(apps);
    const { app } = inv;
    const e = await item(inv, 'F1', '患者姓名', { impactObjects: '个人权益', impactDegree: '严重危害' });
    const r = await app.call('inventory.confirmLevels', { selection: { ids: [e.id] } });
    expect(r.count).toBe(1);
    const d = await app.call('inventory.get', { id: e.id });
    expect(d.entry).toMatchObject({ level: '一般数据3级', levelState: 'confirmed', levelSource: 'matrix' });
    expect(d.history[0]).toMatchObject({ from: '一般数据3级', to: '一般数据3级', state: 'confirmed' });
    expect(await lastAudit(app)).toMatchObject({ action: 'inventory.confirmLevels', after: expect.objectContaining({ count: 1 }) });
    // A confirmed level stays when the facts change, as long as it is not below the suggestion.
    const after = await app.call('inventory.update', { id: e.id, changes: { impactDegree: '一般危害' } });
    expect(after.entry).toMatchObject({ level: '一般数据3级', suggestedLevel: '一般数据2级', levelState: 'confirmed' });
    expect((await app.call('inventory.confirmLevels', { selection: { ids: [e.id] } })).count).toBe(0);
  });

  it('a level below the suggestion is refused without a 定级理由 (nothing written) and accepted with one, as manual and confirmed', async () => {
    const inv = await inventoryApp(apps);
    const { app } = inv;
    const e = await item(inv, 'F1', '患者姓名', { impactObjects: '个人权益', impactDegree: '严重危害' });
    const n = await auditTotal(app);
    const undoBefore = await app.call('inventory.undoState', {});
    const err = await app.fail('inventory.update', { id: e.id, changes: { level: '一般数据1级' } });
    expect(err.code).toBe('LOWERING_NEEDS_RATIONALE');
    expect(err.message_zh).toBe('数据级别低于参考级别（一般数据3级），降级必须填写定级理由');
    expect(err.message_en).toContain('below the suggested level');
    expect(err.details).toMatchObject({ dataIds: ['F1'], level: '一般数据1级', suggestedLevel: '一般数据3级' });
    expect((await app.call('inventory.get', { id: e.id })).entry.level).toBe('一般数据3级');
    expect(await auditTotal(app)).toBe(n);
    expect(await app.call('inventory.undoState', {})).toEqual(undoBefore);

    const ok = await app.call('inventory.update', { id: e.id, changes: { level: '一般数据1级', rationale: '仅存储脱敏后的姓氏' } });
    expect(ok.entry).toMatchObject({ level: '一般数据1级', suggestedLevel: '一般数据3级', levelSource: 'manual', levelState: 'confirmed', rationale: '仅存储脱敏后的姓氏' });
    expect(ok.history[0]).toMatchObject({ from: '一般数据3级', to: '一般数据1级', source: 'manual', state: 'confirmed', reason: '仅存储脱敏后的姓氏' });
    expect(await lastAudit(app)).toMatchObject({ action: 'inventory.update', before: { level: '一般数据3级', rationale: '' }, after: expect.objectContaining({ level: '一般数据1级', rationale: '仅存储脱敏后的姓氏' }) });
    // Removing the reason of a lowering is refused too.
    expect((await app.fail('inventory.update', { id: e.id, changes: { rationale: '' } })).code).toBe('LOWERING_NEEDS_RATIONALE');
    // Raising needs no reason.
    expect((await app.call('inventory.update', { id: e.id, changes: { level: '一般数据4级', rationale: '' } })).entry.level).toBe('一般数据4级');
    // Facts that lift the suggestion above a confirmed level without a reason are refused.
    expect((await app.fail('inventory.update', { id: e.id, changes: { impactObjects: '公共利益' } })).code).toBe('LOWERING_NEEDS_RATIONALE');
  });

  it('the level change, its history and its audit entry are one transaction: when the audit fails, nothing is kept', async () => {
    const inv = await inventoryApp(apps);
    const { app } = inv;
    const e = await item(inv, 'F1', '患者姓名', { impactObjects: '个人权益', impactDegree: '严重危害' });
    const before = await app.call('inventory.get', { id: e.id });
    const n = await auditTotal(app);
    const undo = await app.call('inventory.undoState', {});
    const audit = openState(app).store.audit;
    const original = audit.append;
    audit.append = () => {
      throw new Error('audit storage failed');
    };
    try {
      expect((await app.fail('inventory.update', { id: e.id, changes: { level: '核心数据', rationale: '汇聚' } })).code).toBe('INTERNAL');
      expect((await app.fail('inventory.bulkUpdate', { selection: { ids: [e.id] }, changes: { level: '核心数据' } })).code).toBe('INTERNAL');
    } finally {
      audit.append = original;
    }
    expect(await app.call('inventory.get', { id: e.id })).toEqual(before);
    expect(await app.call('inventory.get', { id: inv.resourceId })).toMatchObject({ entry: expect.objectContaining({ level: '一般数据3级' }) });
    expect(await auditTotal(app)).toBe(n);
    expect(await app.call('inventory.undoState', {})).toEqual(undo);
    expect(await app.call('audit.verify', {})).toMatchObject({ ok: true });
  });
});

describe('roll-up (就高从严)', () => {
  it('a resource is raised to its highest item, with source rollup, its history and the roll-up in the audit entry', async () => {
    const inv = await inventoryApp(apps);
    const { app } = inv;
    await item(inv, 'F1', '患者姓名', { impactObjects: '个人权益', impactDegree: '严重危害' });
    let r = (await app.call('inventory.get', { id: inv.resourceId })).entry;
    expect(r).toMatchObject({ level: '一般数据3级', suggestedLevel: '一般数据3级', levelSource: 'rollup', levelState: 'suggested' });

    const f2 = await item(inv, 'F2', '身份证号', { isSensitivePersonalInfo: '是' });
    expect(f2.level).toBe('一般数据4级');
    const d = await app.call('inventory.get', { id: inv.resourceId });
    expect(d.entry).toMatchObject({ level: '一般数据4级', levelSource: 'rollup' });
    expect(d.history[0]).toMatchObject({ from: '一般数据3级', to: '一般数据4级', source: 'rollup', state: 'suggested' });
    expect(d.history[0]!.reason).toContain('就高从严');
    expect(d.rollup).toEqual({ level: '一般数据4级', contributions: [{ source: 'rollup', entryId: f2.id, dataId: 'F2', level: '一般数据4级' }] });
    expect(d.explanation.decisive).toEqual([{ source: 'rollup', entryId: f2.id, dataId: 'F2', level: '一般数据4级' }]);
    expect((await lastAudit(app)).after).toMatchObject({ rollup: { count: 1, resources: [{ id: inv.resourceId, dataId: 'SYS01-T001', from: '一般数据3级', to: '一般数据4级' }] } });

    // A resource cannot be set below its items …
    const below = await app.fail('inventory.update', { id: inv.resourceId, changes: { level: '一般数据3级', rationale: '理由' } });
    expect(below.code).toBe('LEVEL_BELOW_ITEMS');
    // … and a confirmed resource is raised again (to be confirmed again) when an item goes above it.
    await app.call('inventory.update', { id: inv.resourceId, changes: { level: '一般数据4级' } });
    r = (await app.call('inventory.get', { id: inv.resourceId })).entry;
    expect(r).toMatchObject({ levelSource: 'manual', levelState: 'confirmed' });
    await app.call('inventory.update', { id: f2.id, changes: { level: '重要数据', rationale: '汇聚后影响公共利益' } });
    r = (await app.call('inventory.get', { id: inv.resourceId })).entry;
    expect(r).toMatchObject({ level: '重要数据', levelSource: 'rollup', levelState: 'suggested' });
    // Deleting the item lets the (unconfirmed) resource follow its suggestion down again.
    await app.call('inventory.delete', { selection: { ids: [f2.id] } });
    expect((await app.call('inventory.get', { id: inv.resourceId })).entry.level).toBe('一般数据3级');
  });

  it('aggregation rules over the resource facts raise it (100万人以上个人信息 → 重要数据)', async () => {
    const inv = await inventoryApp(apps);
    const d = await inv.app.call('inventory.update', { id: inv.resourceId, changes: { isPersonalInfo: '是', personCount: 2_000_000 } });
    expect(d.entry).toMatchObject({ level: '重要数据', suggestedLevel: '重要数据', levelSource: 'matrix' });
    expect(d.explanation.decisive).toEqual([expect.objectContaining({ source: 'rule', ruleId: 'pi-1m', level: '重要数据' })]);
    expect(d.rollup?.contributions).toEqual([expect.objectContaining({ source: 'rule', ruleId: 'pi-1m' })]);
  });
});
