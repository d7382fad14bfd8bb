import { describe, expect, it } from 'vitest';
import { BUILTIN_FACTORS } from '../../../main/services/builtin-resources';
import { localDate } from '../../../main/services/quality-service';
import { appFactory, TestClock } from '../../helpers/backend';
import { auditTotal, lastAudit, unitApp, type Unit } from './fixtures';

const apps = appFactory('ds-catalog-');
const TODAY = localDate(new TestClock().now());

/** Every important-data factor answered no, the core question no. */
const allNo = () => Object.fromEntries(BUILTIN_FACTORS.factors.map((f) => [f.id, 'no' as const]));

async function resource(u: Unit, dataId: string, resourceName: string) {
  return u.app.call('inventory.createResource', {
    systemId: u.systemId,
    dataId,
    resourceName,
    changes: { industry: '政务', categoryCode: '1.01.003', description: `${resourceName}的记录`, ownerDepartment: '服务科', ownerPerson: '王芳', dataSource: '本单位采集', recordCount: 5000 },
  });
}

describe('identification', () => {
  it('gives the factors, the answers so far, the proposal and the catalog row (none yet)', async () => {
    const u = await unitApp(apps, {});
    const g = await u.app.call('identification.get', { resourceId: u.resourceId });
    expect(g.factors.id).toBe(BUILTIN_FACTORS.id);
    expect(g.factors.factors.length).toBe(BUILTIN_FACTORS.factors.length);
    expect(g.answers).toEqual({});
    expect(g.result.proposal).toBe('待定');
    expect(g.catalog).toBeNull();
    expect((await u.app.fail('identification.get', { resourceId: 999 })).code).toBe('RESOURCE_NOT_FOUND');
  });

  it('a 重要数据 proposal drafts the catalog row from the inventory, audited; the resource keeps its level; quality flags the mismatch', async () => {
    const u = await unitApp(apps, { 合同编号: {} });
    const saved = await u.app.call('identification.save', { resourceId: u.resourceId, answers: { ...allNo(), G05: 'yes' } });
    expect(saved.result).toMatchObject({ proposal: '重要数据', yes: ['G05'] });
    expect(saved.catalog).toMatchObject({
      resourceId: u.resourceId,
      dataId: 'SYS01-T001',
      name: '采购合同表',
      category: '公共数据/经营管理数据/采购与合同数据',
      level: '重要数据',
      description: '政府采购合同的登记信息',
      dataSource: '本单位采集',
      carrierSystem: '采购管理系统',
      mlpsLevel: '第三级',
      basis: saved.result.basis,
      identifiedAt: TODAY,
      department: '办公室',
      person: '张伟',
      purpose: '',
      phone: '',
    });
    expect(saved.result.basis).not.toBe('');
    const audit = await lastAudit(u.app);
    expect(audit).toMatchObject({ action: 'identification.save', entity: 'resource', entityId: String(u.resourceId), before: { answers: {}, proposal: '待定' }, after: { proposal: '重要数据', catalog: 'drafted', filled: { name: '采购合同表', level: '重要数据' } } });
    expect((await u.app.call('inventory.get', { id: u.resourceId })).entry.level).toBe('一般数据2级');

    const g = await u.app.call('identification.get', { resourceId: u.resourceId });
    expect(g.answers.G05).toBe('yes');
    expect(g.catalog?.name).toBe('采购合同表');
    const q = await u.app.call('quality.findings', { resourceId: u.resourceId, code: 'CATALOG_LEVEL_MISMATCH' });
    expect(q.findings.map((f) => f.message_zh)).toEqual(['重要数据目录的数据级别与分类分级清单不一致（目录：重要数据，清单：一般数据2级）']);
  });

  it('saving again fills only the empty fields: what the officer wrote is never overwritten', async () => {
    const u = await unitApp(apps, {});
    await u.app.call('identification.save', { resourceId: u.resourceId, answers: { ...allNo(), G05: 'yes' } });
    await u.app.call('catalog.save', { resourceId: u.resourceId, changes: { name: '政府采购合同', purpose: '合同备案与审计', basis: '', department: '' } });
    const again = await u.app.call('identification.save', { resourceId: u.resourceId, answers: { ...allNo(), G05: 'yes', G01: 'yes' } });
    expect(again.catalog).toMatchObject({ name: '政府采购合同', purpose: '合同备案与审计', basis: again.result.basis, department: '办公室' });
    expect(await lastAudit(u.app)).toMatchObject({ action: 'identification.save', after: { catalog: 'filled', filled: { basis: again.result.basis, department: '办公室' } } });
    expect((await lastAudit(u.app)).after).not.toHaveProperty('filled.name');

    // The same answers once more: nothing to write.
    const n = await auditTotal(u.app);
    await u.app.call('identification.save', { resourceId: u.resourceId, answers: { ...allNo(), G05: 'yes', G01: 'yes' } });
    expect(await auditTotal(u.app)).toBe(n);
  });

  it('a 一般数据 or 待定 proposal keeps the answers and drafts nothing; unknown factors are refused', async () => {
    const u = await unitApp(apps, {});
    const general = await u.app.call('identification.save', { resourceId: u.resourceId, answers: allNo() });
    expect(general).toEqual({ result: expect.objectContaining({ proposal: '一般数据' }), catalog: null });
    expect(await lastAudit(u.app)).toMatchObject({ action: 'identification.save', after: { proposal: '一般数据', catalog: 'unchanged' } });
    expect((await u.app.call('catalog.list', {})).total).toBe(0);
    expect((await u.app.call('identification.get', { resourceId: u.resourceId })).answers).toEqual(allNo());
    const open = await u.app.call('identification.save', { resourceId: u.resourceId, answers: { G05: 'unsure' } });
    expect(open.result.proposal).toBe('待定');
    expect(open.catalog).toBeNull();
    const bad = await u.app.fail('identification.save', { resourceId: u.resourceId, answers: { G99: 'yes' } });
    expect(bad).toMatchObject({ code: 'UNKNOWN_FACTOR', details: { field: 'answers', factorIds: ['G99'] } });
  });
});

describe('catalog', () => {
  it('saves checked fields in their template form, audited with the changed fields only; refuses bad values naming the field', async () => {
    const u = await unitApp(apps, {});
    const created = await u.app.call('catalog.save', { resourceId: u.resourceId, changes: { name: '采购合同表', level: '重要数据', processingMethods: '存储，收集', identifiedAt: '2025/1/5', phone: '021-62345678' } });
    expect(created.entry).toMatchObject({ name: '采购合同表', processingMethods: '收集、存储', identifiedAt: '2025-01-05', phone: '021-62345678', dataId: 'SYS01-T001' });
    expect(await lastAudit(u.app)).toMatchObject({ action: 'catalog.create', entity: 'catalog_entry', entityId: String(u.resourceId), before: null });

    const n = await auditTotal(u.app);
    for (const [changes, field] of [
      [{ carrierKind: '光盘' }, 'carrierKind'],
      [{ processingMethods: '收集、偷看' }, 'processingMethods'],
      [{ securityMeasures: '加密存储、祈祷' }, 'securityMeasures'],
      [{ mlpsLevel: '第五级' }, 'mlpsLevel'],
      [{ dataSource: '网上找的' }, 'dataSource'],
      [{ identifiedAt: '2025-13-01' }, 'identifiedAt'],
      [{ phone: '12345' }, 'phone'],
    ] as const) {
      const e = await u.app.fail('catalog.save', { resourceId: u.resourceId, changes });
      expect(e.code, field).toBe('INVALID_FIELD');
      expect((e.details as { field: string }).field).toBe(field);
    }
    expect((await u.app.fail('catalog.save', { resourceId: u.resourceId, changes: { recordCount: -1 } })).code).toBe('INVALID_INPUT');
    expect((await u.app.fail('catalog.save', { resourceId: u.resourceId, changes: { level: '一般数据4级' } })).code).toBe('INVALID_INPUT');
    expect(await auditTotal(u.app)).toBe(n);

    const saved = await u.app.call('catalog.save', { resourceId: u.resourceId, changes: { name: '采购合同表', purpose: '合同管理', securityMeasures: '访问控制、加密存储', recordCount: 1200 } });
    expect(saved.entry).toMatchObject({ purpose: '合同管理', securityMeasures: '加密存储、访问控制', recordCount: 1200 });
    expect(await lastAudit(u.app)).toMatchObject({
      action: 'catalog.save',
      before: { purpose: '', securityMeasures: '', recordCount: null },
      after: { purpose: '合同管理', securityMeasures: '加密存储、访问控制', recordCount: 1200 },
    });
    expect((await lastAudit(u.app)).after).not.toHaveProperty('name');
    expect((await u.app.fail('catalog.save', { resourceId: 999, changes: { name: 'x' } })).code).toBe('RESOURCE_NOT_FOUND');
  });

  it('gets a row with the findings of that row alone', async () => {
    const u = await unitApp(apps, { 合同编号: { ownerPerson: '' } });
    await u.app.call('catalog.save', { resourceId: u.resourceId, changes: { name: '采购合同表', level: '重要数据', crossBorder: '是', phone: '021-62345678' } });
    const g = await u.app.call('catalog.get', { resourceId: u.resourceId });
    expect(g.entry.name).toBe('采购合同表');
    expect(g.findings.every((f) => f.sheet === 3 && f.resourceId === u.resourceId)).toBe(true);
    const codes = g.findings.map((f) => `${f.code}:${f.field ?? ''}`);
    expect(codes).toEqual(expect.arrayContaining([
      'CATALOG_LEVEL_MISMATCH:level',
      'CATALOG_REQUIRED_MISSING:description',
      'CATALOG_REQUIRED_MISSING:purpose',
      'CROSS_BORDER_ASSESSMENT_MISSING:crossBorderAssessment',
      'IMPORTANT_NO_SECURITY_MEASURES:securityMeasures',
    ]));
    // The item's missing 责任人 is a sheet-2 finding: not this row's.
    expect(codes.some((c) => c.startsWith('REQUIRED_MISSING'))).toBe(false);
    expect(codes).not.toContain('CATALOG_REQUIRED_MISSING:phone');
    expect((await u.app.fail('catalog.get', { resourceId: 999 })).code).toBe('CATALOG_ENTRY_NOT_FOUND');
  });

  it('lists rows in 数据编号 order, paged, searched by name or 数据编号; remove takes a row out (audited) and keeps the answers', async () => {
    const u = await unitApp(apps, {});
    const b = await resource(u, 'SYS01-T003', '社会救助对象名册');
    const c = await resource(u, 'SYS01-T002', '公共服务预约记录');
    for (const id of [u.resourceId, b.id, c.id]) await u.app.call('identification.save', { resourceId: id, answers: { ...allNo(), G05: 'yes' } });
    const all = await u.app.call('catalog.list', {});
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.dataId)).toEqual(['SYS01-T001', 'SYS01-T002', 'SYS01-T003']);
    expect((await u.app.call('catalog.list', { offset: 1, limit: 1 })).rows.map((r) => r.dataId)).toEqual(['SYS01-T002']);
    expect((await u.app.call('catalog.list', { search: '救助' })).rows.map((r) => r.name)).toEqual(['社会救助对象名册']);
    expect((await u.app.call('catalog.list', { search: 'sys01-t002' })).rows.map((r) => r.name)).toEqual(['公共服务预约记录']);
    expect((await u.app.call('catalog.list', { search: '无此数据' })).total).toBe(0);

    expect(await u.app.call('catalog.remove', { resourceId: b.id })).toEqual({ removed: true });
    expect(await lastAudit(u.app)).toMatchObject({ action: 'catalog.remove', entityId: String(b.id), before: { dataId: 'SYS01-T003', name: '社会救助对象名册' }, after: null });
    expect((await u.app.call('catalog.list', {})).rows.map((r) => r.dataId)).toEqual(['SYS01-T001', 'SYS01-T002']);
    expect(await u.app.call('catalog.remove', { resourceId: b.id })).toEqual({ removed: false });
    const g = await u.app.call('identification.get', { resourceId: b.id });
    expect(g).toMatchObject({ answers: { G05: 'yes' }, catalog: null });
    // Identified again: drafted afresh.
    expect((await u.app.call('identification.save', { resourceId: b.id, answers: { ...allNo(), G05: 'yes', G02: 'yes' } })).catalog?.name).toBe('社会救助对象名册');
  });
});
