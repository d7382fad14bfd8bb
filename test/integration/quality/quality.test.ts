import { describe, expect, it } from 'vitest';
import { monthsBefore } from '../../../main/domain/quality';
import { localDate } from '../../../main/services/quality-service';
import { appFactory, TestClock } from '../../helpers/backend';
import { lastAudit, openState, unitApp } from './fixtures';

const apps = appFactory('ds-quality-');

const withFindings = async (app: Awaited<ReturnType<typeof unitApp>>['app']) =>
  (await app.call('inventory.query', { filter: { withFindings: true } })).rows.map((r) => r.itemName || r.resourceName);

describe('quality.summary', () => {
  it('a complete inventory scores 100 in every dimension; nothing is audited and nothing is edited by a check', async () => {
    const u = await unitApp(apps);
    const before = await lastAudit(u.app);
    const s = await u.app.call('quality.summary', {});
    expect(s).toMatchObject({
      scores: { completeness: 100, consistency: 100, conformity: 100, timeliness: 100, overall: 100 },
      totals: { sheet2Rows: 3, sheet3Rows: 0 },
      byCode: [],
      errors: 0,
      warnings: 0,
      checkedAt: '2026-01-05T01:00:00.000Z',
    });
    expect(await lastAudit(u.app)).toEqual(before);
    expect((await u.app.call('inventory.undoState', {})).undo).toBe('确认 3 条的级别');
  });

  it('finds what is wrong, scores each dimension, and stores per-entry counts that drive the grid filter withFindings', async () => {
    const u = await unitApp(apps, { 合同编号: {}, 合同金额: { ownerPerson: '' }, 供应商: { reviewedAt: '2024-06-01' }, 经办人: {} });
    expect(await withFindings(u.app)).toEqual([]);
    const s = await u.app.call('quality.summary', {});
    expect(s.errors).toBe(1);
    expect(s.warnings).toBe(1);
    expect(s.byCode).toEqual([
      { code: 'REQUIRED_MISSING', dimension: 'completeness', severity: 'error', count: 1, message_zh: '必填项“…”未填写', message_en: 'Required field … is empty' },
      { code: 'REVIEW_DATE_STALE', dimension: 'timeliness', severity: 'warning', count: 1, message_zh: '最近复核日期已超过…个月', message_en: 'Last reviewed more than … months ago' },
    ]);
    // 5 rows: one error in completeness (1 − 1/5), one warning in timeliness (1 − 0.5/5).
    expect(s.scores).toEqual({ completeness: 80, consistency: 100, conformity: 100, timeliness: 90, overall: 92.5 });
    expect(await withFindings(u.app)).toEqual(['合同金额', '供应商']);
    expect(openState(u.app).store.inventory.get(u.ids['合同金额']!)?.findingCount).toBe(1);

    // Fixed in the inventory: the next check clears its count.
    await u.app.call('inventory.update', { id: u.ids['合同金额']!, changes: { ownerPerson: '李娜' } });
    const again = await u.app.call('quality.summary', {});
    expect(again.errors).toBe(0);
    expect(await withFindings(u.app)).toEqual(['供应商']);
  });

  it('keeps the last report while nothing is written, and checks again after any write (edit, undo, catalog) or a new day', async () => {
    const u = await unitApp(apps);
    const first = await u.app.call('quality.summary', {});
    u.clock.advanceMinutes(5);
    expect(await u.app.call('quality.summary', {})).toEqual(first);

    await u.app.call('inventory.update', { id: u.ids['合同编号']!, changes: { ownerPerson: '' } });
    const edited = await u.app.call('quality.summary', {});
    expect(edited.checkedAt).not.toBe(first.checkedAt);
    expect(edited.errors).toBe(1);

    u.clock.advanceMinutes(1);
    await u.app.call('inventory.undo', {});
    const undone = await u.app.call('quality.summary', {});
    expect(undone.errors).toBe(0);
    expect(undone.checkedAt).not.toBe(edited.checkedAt);

    u.clock.advanceMinutes(1);
    await u.app.call('catalog.save', { resourceId: u.resourceId, changes: { name: '采购合同表', level: '重要数据' } });
    const withCatalog = await u.app.call('quality.summary', {});
    expect(withCatalog.totals.sheet3Rows).toBe(1);
    expect(withCatalog.byCode.map((c) => c.code)).toContain('CATALOG_LEVEL_MISMATCH');

    expect(withCatalog.byCode.find((c) => c.code === 'REVIEW_DATE_STALE')).toBeUndefined();
  });

  it('a new day is a new check: today comes from the clock, in the officer\'s calendar', async () => {
    const today = localDate(new TestClock().now());
    // Reviewed exactly twelve months ago: not stale today, stale tomorrow.
    const u = await unitApp(apps, { 合同编号: { reviewedAt: monthsBefore(today, 12) } });
    expect((await u.app.call('quality.summary', {})).warnings).toBe(0);
    await u.app.call('settings.update', { idleLockMinutes: 240 });
    for (let i = 0; i < 8; i++) {
      u.clock.advanceMinutes(180);
      await u.app.call('profile.get', {});
    }
    const tomorrow = await u.app.call('quality.summary', {});
    expect(tomorrow.byCode.map((c) => [c.code, c.count])).toEqual([['REVIEW_DATE_STALE', 1]]);
    expect((await u.app.call('quality.findings', {})).findings[0]).toMatchObject({ entryId: u.ids['合同编号'], field: 'reviewedAt' });
  });

  it('after the first check only the rows written since are read again, whoever wrote them', async () => {
    const u = await unitApp(apps, { 合同编号: {}, 合同金额: {} });
    expect((await u.app.call('quality.summary', {})).errors).toBe(0);
    const store = openState(u.app).store;
    expect(store.quality.writtenCount()).toBe(0);
    // Written underneath the services (as an import or a future service might): still seen.
    store.db.prepare(`UPDATE entry SET owner_person = '' WHERE id = ?`).run(u.ids['合同金额']);
    expect(store.quality.writtenCount()).toBe(1);
    const f = await u.app.call('quality.findings', {});
    expect(f.findings.map((x) => [x.entryId, x.field])).toEqual([[u.ids['合同金额'], 'ownerPerson']]);
    expect(store.quality.writtenCount()).toBe(0);
    // A new item appears in the next check, and a renamed system in its rows.
    await u.app.call('inventory.createItem', { resourceId: u.resourceId, dataId: 'SYS01-T001-F009', itemName: '付款日期', changes: { description: '付款日期' } });
    await u.app.call('inventory.updateSystem', { id: u.systemId, name: '政府采购管理系统' });
    const s = await u.app.call('quality.summary', {});
    expect(s.totals.sheet2Rows).toBe(4);
    expect((await u.app.call('quality.findings', { entryId: u.ids['合同金额']! })).findings).toHaveLength(1);
    expect((await u.app.call('quality.byResource', {})).rows[0]!.systemName).toBe('政府采购管理系统');
  });

  it('a lock starts afresh: the report and the rows in memory belong to the session', async () => {
    const u = await unitApp(apps, { 合同编号: { ownerPerson: '' } });
    expect((await u.app.call('quality.summary', {})).errors).toBe(1);
    await u.app.call('workspace.lock', {});
    expect((await u.app.fail('quality.findings', {})).code).toBe('WORKSPACE_LOCKED');
    await u.app.call('workspace.unlock', { passphrase: '正确的口令 horse-battery' });
    const f = await u.app.call('quality.findings', {});
    expect(f.findings.map((x) => [x.code, x.field])).toEqual([['REQUIRED_MISSING', 'ownerPerson']]);
  });

  it('checks the category code against the path in the scheme, and does not check deleted entries (their counts go back to 0)', async () => {
    const u = await unitApp(apps);
    const db = openState(u.app).store.db;
    // As an import might have written them: a code of another category, and a code not in the scheme.
    db.prepare(`UPDATE entry SET category_code = '1.02.001' WHERE id = ?`).run(u.ids['合同编号']);
    db.prepare(`UPDATE entry SET category_code = '9.99' WHERE id = ?`).run(u.ids['合同金额']);
    const f = await u.app.call('quality.findings', { dimension: 'consistency' });
    expect(f.findings.map((x) => [x.code, x.dataId, x.field, x.message_zh])).toEqual([
      ['CATEGORY_CODE_PATH_MISMATCH', 'SYS01-T001-F001', 'categoryCode', '分类编码与类别不一致：该编码对应“公共数据 › 经营管理数据 › 人事管理数据”'],
      ['CATEGORY_CODE_UNKNOWN', 'SYS01-T001-F002', 'categoryCode', '分类编码“9.99”不在分类方案中'],
    ]);
    expect(await withFindings(u.app)).toEqual(['合同编号', '合同金额']);
    await u.app.call('inventory.delete', { selection: { ids: [u.ids['合同金额']!] } });
    const after = await u.app.call('quality.summary', {});
    expect(after.totals.sheet2Rows).toBe(2);
    expect(after.byCode.map((c) => c.code)).toEqual(['CATEGORY_CODE_PATH_MISMATCH']);
    expect(openState(u.app).store.inventory.get(u.ids['合同金额']!)).toMatchObject({ deleted: true, findingCount: 0 });
    // Restored, it is checked again (and read again into the rows kept in memory).
    await u.app.call('inventory.restore', { selection: { ids: [u.ids['合同金额']!] } });
    expect((await u.app.call('quality.summary', {})).byCode.map((c) => c.code).sort()).toEqual(['CATEGORY_CODE_PATH_MISMATCH', 'CATEGORY_CODE_UNKNOWN']);
  });
});

describe('quality.findings and quality.byResource', () => {
  it('pages and filters the findings (errors first) by dimension, severity, code, resource and entry', async () => {
    const u = await unitApp(apps, { 合同编号: { reviewedAt: '' }, 合同金额: { ownerPerson: '', ownerDepartment: '' }, 供应商: { reviewedAt: '2030-01-01' } });
    const all = await u.app.call('quality.findings', {});
    expect(all.total).toBe(4);
    expect(all.findings.map((f) => [f.severity, f.code, f.field])).toEqual([
      ['error', 'REQUIRED_MISSING', 'ownerDepartment'],
      ['error', 'REQUIRED_MISSING', 'ownerPerson'],
      ['warning', 'REVIEW_DATE_MISSING', 'reviewedAt'],
      ['warning', 'DATE_IN_FUTURE', 'reviewedAt'],
    ]);
    expect(all.findings[0]).toMatchObject({ entryId: u.ids['合同金额'], resourceId: u.resourceId, dataId: 'SYS01-T001-F002', sheet: 2, message_zh: '必填项“责任部门”未填写', message_en: 'Required field responsible department is empty' });
    expect((await u.app.call('quality.findings', { offset: 1, limit: 2 })).findings.map((f) => f.field)).toEqual(['ownerPerson', 'reviewedAt']);
    expect((await u.app.call('quality.findings', { severity: 'warning' })).total).toBe(2);
    expect((await u.app.call('quality.findings', { dimension: 'timeliness' })).total).toBe(1);
    expect((await u.app.call('quality.findings', { dimension: 'conformity' })).findings.map((f) => f.code)).toEqual(['DATE_IN_FUTURE']);
    expect((await u.app.call('quality.findings', { code: 'REQUIRED_MISSING' })).total).toBe(2);
    expect((await u.app.call('quality.findings', { entryId: u.ids['供应商']! })).findings.map((f) => f.code)).toEqual(['DATE_IN_FUTURE']);
    expect((await u.app.call('quality.findings', { resourceId: u.resourceId })).total).toBe(4);
    expect((await u.app.call('quality.findings', { resourceId: 999 })).total).toBe(0);
  });

  it('scores each resource, worst first', async () => {
    const u = await unitApp(apps, { 合同编号: {} });
    const other = await u.app.call('inventory.createResource', {
      systemId: u.systemId,
      dataId: 'SYS01-T002',
      resourceName: '供应商名录',
      changes: { industry: '政务', categoryCode: '2.01', description: '供应商的基本信息', ownerDepartment: '办公室', ownerPerson: '', reviewedAt: '2025-12-01' },
    });
    const r = await u.app.call('quality.byResource', {});
    expect(r.total).toBe(2);
    expect(r.rows.map((x) => [x.dataId, x.name, x.systemName, x.findings])).toEqual([
      ['SYS01-T002', '供应商名录', '采购管理系统', 2],
      ['SYS01-T001', '采购合同表', '采购管理系统', 0],
    ]);
    expect(r.rows[0]!.resourceId).toBe(other.id);
    // No level (2.01 has no reference level, no matrix facts) and no 责任人: one row, two errors.
    expect((await u.app.call('quality.findings', { resourceId: other.id })).findings.map((f) => [f.code, f.field])).toEqual([
      ['REQUIRED_MISSING', 'level'],
      ['REQUIRED_MISSING', 'ownerPerson'],
    ]);
    expect(r.rows[0]!.scores).toMatchObject({ completeness: 0, consistency: 100 });
    expect(r.rows[0]!.scores.overall).toBeLessThan(100);
    expect(r.rows[1]!.scores).toEqual({ completeness: 100, consistency: 100, conformity: 100, timeliness: 100, overall: 100 });
    expect((await u.app.call('quality.byResource', { offset: 1, limit: 1 })).rows.map((x) => x.dataId)).toEqual(['SYS01-T001']);
  });
});
