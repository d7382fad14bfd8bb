/**
 * Inventory test fixtures: a workspace with a test scheme of its own (so that the tests do not
 * depend on the content of the built-in schemes), one system and one resource.
 */
import type { SchemeDefinition } from '../../../main/domain/scheme';
import type { OpenState } from '../../../main/services/session';
import { PASS, type AppFactory, type TestApp } from '../../helpers/backend';

export const TEST_INDUSTRY = '测试行业';

export const TEST_SCHEME: SchemeDefinition = {
  format: 'datasteward-scheme/1',
  id: 'test-scheme',
  name: '测试分类方案',
  industry: TEST_INDUSTRY,
  levelSet: {
    name: 'GB/T 43697-2024',
    levels: ['核心数据', '重要数据', '一般数据4级', '一般数据3级', '一般数据2级', '一般数据1级'],
    mapping: { 核心数据: '核心数据', 重要数据: '重要数据', 一般数据4级: '一般数据4级', 一般数据3级: '一般数据3级', 一般数据2级: '一般数据2级', 一般数据1级: '一般数据1级' },
  },
  categories: [
    {
      code: '1',
      name: '个人信息',
      children: [
        { code: '1.01', name: '个人基本资料', referenceLevel: '一般数据3级', children: [{ code: '1.01.001', name: '姓名' }] },
        { code: '1.02', name: '个人健康生理信息', referenceLevel: '一般数据4级' },
      ],
    },
    {
      code: '2',
      name: '业务数据',
      children: [
        { code: '2.01', name: '经营管理', referenceLevel: '一般数据2级' },
        { code: '2.010', name: '其他业务' },
      ],
    },
  ],
  matrix: [
    { object: '国家安全', degree: '特别严重危害', level: '核心数据' },
    { object: '国家安全', degree: '严重危害', level: '核心数据' },
    { object: '国家安全', degree: '一般危害', level: '重要数据' },
    { object: '公共利益', degree: '特别严重危害', level: '核心数据' },
    { object: '公共利益', degree: '严重危害', level: '重要数据' },
    { object: '公共利益', degree: '一般危害', level: '一般数据2级' },
    { object: '组织权益', degree: '特别严重危害', level: '一般数据4级' },
    { object: '组织权益', degree: '严重危害', level: '一般数据3级' },
    { object: '组织权益', degree: '一般危害', level: '一般数据2级' },
    { object: '组织权益', degree: '无危害', level: '一般数据1级' },
    { object: '个人权益', degree: '特别严重危害', level: '一般数据4级' },
    { object: '个人权益', degree: '严重危害', level: '一般数据3级' },
    { object: '个人权益', degree: '一般危害', level: '一般数据2级' },
    { object: '个人权益', degree: '无危害', level: '一般数据1级' },
  ],
  floorRules: [{ id: 'sensitive-pi', description: '敏感个人信息至少为一般数据4级', when: { isSensitivePersonalInfo: true }, atLeast: '一般数据4级' }],
  aggregationRules: [
    { id: 'pi-1m', description: '涉及100万人以上个人信息', when: { isPersonalInfo: true, personCountAtLeast: 1_000_000 }, atLeast: '重要数据' },
  ],
};

export function openState(app: TestApp): OpenState {
  const s = app.backend.services.session.state;
  if (s.kind !== 'open') throw new Error('workspace not open');
  return s;
}

export const auditTotal = async (app: TestApp) => (await app.call('audit.list', { offset: 0, limit: 1 })).total;
export const lastAudit = async (app: TestApp) => (await app.call('audit.list', { offset: 0, limit: 1 })).entries[0]!;

export interface Inventory {
  app: TestApp;
  file: string;
  systemId: number;
  resourceId: number;
}

/** A unit workspace with the test scheme, the system 医院信息系统 and the resource 患者基本信息表. */
export async function inventoryApp(apps: AppFactory): Promise<Inventory> {
  const app = apps.app();
  const file = apps.wsPath();
  await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: '清单', operator: '张三' });
  await app.call('scheme.import', { json: JSON.stringify(TEST_SCHEME) });
  const system = await app.call('inventory.createSystem', { name: '医院信息系统', mlpsLevel: '第三级' });
  const resource = await app.call('inventory.createResource', {
    systemId: system.id,
    dataId: 'SYS01-T001',
    resourceName: '患者基本信息表',
    changes: { industry: TEST_INDUSTRY, description: '门诊患者的基本信息', ownerDepartment: '信息中心', ownerPerson: '张伟', dataSource: '本单位采集' },
  });
  return { app, file, systemId: system.id, resourceId: resource.id };
}

/** An item of the inventory's resource, personal-rights impact by default. */
export function item(inv: Inventory, dataId: string, itemName: string, changes: Record<string, unknown> = {}, resourceId = inv.resourceId) {
  return inv.app.call('inventory.createItem', { resourceId, dataId, itemName, changes: { description: `${itemName}字段`, ...changes } });
}
