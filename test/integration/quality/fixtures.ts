/**
 * Quality, recogniser and catalog test fixtures: a unit workspace graded by the built-in generic
 * scheme (行业领域 政务), one system (第三级) and one resource with a few items, made through the API.
 */
import type { OpenState } from '../../../main/services/session';
import { PASS, TestClock, type AppFactory, type TestApp } from '../../helpers/backend';

export const INDUSTRY = '政务';

export interface Unit {
  app: TestApp;
  file: string;
  clock: TestClock;
  systemId: number;
  resourceId: number;
  ids: Record<string, number>;
}

export function openState(app: TestApp): OpenState {
  const s = app.backend.services.session.state;
  if (s.kind !== 'open') throw new Error('workspace not open');
  return s;
}

export const lastAudit = async (app: TestApp) => (await app.call('audit.list', { offset: 0, limit: 1 })).entries[0]!;
export const auditTotal = async (app: TestApp) => (await app.call('audit.list', { offset: 0, limit: 1 })).total;

/** A complete, well-formed item (no findings of its own once its level is confirmed). */
export const GOOD_ITEM = {
  industry: INDUSTRY,
  categoryCode: '1.02.004',
  processingDegree: '原始数据',
  impactObjects: '组织权益',
  impactDegree: '一般危害',
  isPersonalInfo: '否',
  isSensitivePersonalInfo: '否',
  dataSource: '本单位采集',
  storageLocation: '政务云',
  sharing: '有条件共享',
  openness: '不予开放',
  updateFrequency: '每月',
  ownerDepartment: '办公室',
  ownerPerson: '张伟',
  reviewedAt: '2025-12-01',
} as const;

/**
 * A unit workspace with 采购管理系统 › 采购合同表 and the items given (name → extra changes), each
 * a GOOD_ITEM otherwise, levels confirmed. The clock is 2026-01-05.
 */
export async function unitApp(apps: AppFactory, items: Record<string, Record<string, unknown>> = { 合同编号: {}, 合同金额: {} }): Promise<Unit> {
  const clock = new TestClock();
  const app = apps.app({ now: clock.now });
  const file = apps.wsPath();
  await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: '区财政局', operator: '张三' });
  const system = await app.call('inventory.createSystem', { name: '采购管理系统', mlpsLevel: '第三级' });
  const resource = await app.call('inventory.createResource', {
    systemId: system.id,
    dataId: 'SYS01-T001',
    resourceName: '采购合同表',
    changes: { ...GOOD_ITEM, description: '政府采购合同的登记信息' },
  });
  const ids: Record<string, number> = {};
  let n = 0;
  for (const [name, extra] of Object.entries(items)) {
    const e = await app.call('inventory.createItem', {
      resourceId: resource.id,
      dataId: `SYS01-T001-F${String(++n).padStart(3, '0')}`,
      itemName: name,
      changes: { ...GOOD_ITEM, description: `${name}字段`, ...extra },
    });
    ids[name] = e.id;
  }
  await app.call('inventory.confirmLevels', { selection: { filter: {} } });
  return { app, file, clock, systemId: system.id, resourceId: resource.id, ids };
}
