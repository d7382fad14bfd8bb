/** Shared set-up of the Excel integration tests: unit workspaces, a demo inventory, entry snapshots. */
import { PASS, VALID_PROFILE, type AppFactory, type TestApp } from '../../helpers/backend';
import type { Entry, EntryFields } from '../../../main/domain/inventory';
import { IMPORTED_ENTRY_FIELDS } from '../../../main/domain/sheets/diff';
import { normalizeText } from '../../../main/domain/text';

export async function unitApp(apps: AppFactory, opts: { profile?: boolean } = {}): Promise<{ app: TestApp; path: string }> {
  const app = apps.app();
  const path = apps.wsPath('unit');
  await app.call('workspace.create', { path, passphrase: PASS, role: 'unit', name: '测试单位', operator: '张三' });
  if (opts.profile !== false) await app.call('profile.save', { profile: VALID_PROFILE });
  return { app, path };
}

/** Every live entry, in 数据编号 order. */
export async function allEntries(app: TestApp): Promise<Entry[]> {
  const out: Entry[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await app.call('inventory.query', { filter: {}, sort: 'dataId', desc: false, offset, limit: 500 });
    out.push(...page.rows);
    if (page.rows.length < 500) return out;
  }
}

/**
 * The sheet-2 fields of each entry (what the template carries), keyed by 数据编号. Text as the
 * workspace stores every edit (normalised: the demo generator writes 全角 brackets unnormalised).
 */
export function sheetFields(entries: readonly Entry[]): Map<string, Partial<EntryFields> & { suggestedLevel: string }> {
  const norm = (v: unknown) => (typeof v === 'string' ? normalizeText(v) : v);
  return new Map(
    entries.map((e) => [e.dataId, { ...Object.fromEntries(IMPORTED_ENTRY_FIELDS.map((f) => [f, norm(e[f])])), suggestedLevel: e.suggestedLevel } as Partial<EntryFields> & { suggestedLevel: string }]),
  );
}

/**
 * A demo inventory of about `items` items with a few catalog rows. The demo's planted
 * "sensitive PI marked not PI" contradictions are corrected first (an import refuses them).
 */
export async function demoWorkspace(apps: AppFactory, items = 300): Promise<{ app: TestApp; path: string }> {
  const w = await unitApp(apps);
  await w.app.call('demo.generate', { items, seed: 11 });
  const wrong = (await allEntries(w.app)).filter((e) => e.isSensitivePersonalInfo === '是' && e.isPersonalInfo !== '是');
  for (const e of wrong) await w.app.call('inventory.update', { id: e.id, changes: { isPersonalInfo: '是' } });
  const resources = (await allEntries(w.app)).filter((e) => e.kind === 'resource').slice(0, 3);
  for (const [i, r] of resources.entries()) {
    await w.app.call('catalog.save', {
      resourceId: r.id,
      changes: {
        name: r.resourceName, category: `${r.category1}/${r.category2}`, level: i === 2 ? '核心数据' : '重要数据', description: `${r.resourceName}的汇总`,
        carrierKind: '数据库', carrierSystem: r.systemName, dataSource: '本单位采集', recordCount: 1200 + i, volumeGb: 2.5, personCount: 1000,
        coverage: '全区', timeSpan: '2015-至今', purpose: '医疗服务', processingMethods: '收集、存储、使用', usageScope: '本单位',
        provision: '无', crossBorder: '否', retention: '30年', securityMeasures: '加密存储、访问控制', mlpsLevel: '第三级',
        basis: 'G.1 a)', identifiedAt: '2026-01-02', department: '信息中心', person: '张伟', phone: '13800138000',
      } as never,
    });
  }
  return w;
}
