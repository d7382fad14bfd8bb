import { describe, expect, it } from 'vitest';
import { appFactory, PASS, TestClock } from '../../helpers/backend';
import { auditTotal, openState } from './fixtures';

const apps = appFactory('ds-demo-');

async function demoApp(items: number, seed: number) {
  const app = apps.app({ now: new TestClock().now });
  await app.call('workspace.create', { path: apps.wsPath(), passphrase: PASS, role: 'unit', name: '示例医院', operator: '张三' });
  const result = await app.call('demo.generate', { items, seed });
  return { app, result };
}

/** 数据编号, level, suggested level and state of every entry, in 数据编号 order. */
function levels(app: Awaited<ReturnType<typeof demoApp>>['app']) {
  return openState(app).store.db.prepare('SELECT data_id, item_name, level, suggested_level, level_state FROM entry ORDER BY data_id').raw(true).all();
}

describe('demo.generate', () => {
  it('writes a graded hospital inventory under the health scheme in batches, one audit entry per batch with its digest', async () => {
    const { app, result } = await demoApp(1200, 7);
    expect(result).toMatchObject({ seed: 7, items: 1200, schemeId: 'health', batches: 1 });
    expect(result.systems).toBeGreaterThan(5);
    expect(Object.values(result.mistakes).reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
    const tree = await app.call('inventory.tree', {});
    expect(tree.reduce((n, s) => n + s.itemCount, 0)).toBe(1200);
    expect(tree.reduce((n, s) => n + s.resourceCount, 0)).toBe(result.resources);

    const entries = (await app.call('audit.list', { offset: 0, limit: 50 })).entries;
    const batches = entries.filter((e) => e.action === 'demo.batch');
    expect(batches).toHaveLength(1);
    expect(batches[0]!.after).toMatchObject({ batch: 1, rows: 1200 + result.resources, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(entries[0]).toMatchObject({ action: 'demo.generate', after: { items: 1200, seed: 7, schemeVersion: 1 } });
    // Graded as written: the regrade afterwards finds nothing to change (no batch, no audit entry).
    expect(entries.some((e) => e.action === 'inventory.regrade')).toBe(false);
    expect(await app.call('inventory.regrade', {})).toMatchObject({ entries: 0, resourcesRaised: 0 });
    expect(await app.call('audit.verify', {})).toMatchObject({ ok: true });

    const items = await app.call('inventory.query', { filter: { kind: 'item' }, limit: 5 });
    expect(items.rows[0]).toMatchObject({ industry: '卫生健康', schemeId: 'health', schemeVersion: 1 });
    expect(items.rows.every((r) => r.level !== '' && r.categoryCode !== '')).toBe(true);
    // The planted mistakes are found.
    const s = await app.call('quality.summary', {});
    const codes = s.byCode.map((c) => c.code);
    for (const c of ['RATIONALE_REQUIRED_LOWERING', 'SENSITIVE_PI_BELOW_FLOOR', 'DESCRIPTION_HAS_VALUES', 'SENSITIVE_WITHOUT_PI', 'PERSON_COUNT_MISSING', 'REQUIRED_MISSING', 'REVIEW_DATE_STALE'])
      expect(codes, c).toContain(c);
  });

  it('is deterministic for a seed: the same 数据编号, names and levels; another seed differs', async () => {
    const a = await demoApp(600, 42);
    const b = await demoApp(600, 42);
    const c = await demoApp(600, 43);
    const la = levels(a.app);
    expect(la.length).toBe(600 + a.result.resources);
    expect(levels(b.app)).toEqual(la);
    expect(b.result.mistakes).toEqual(a.result.mistakes);
    expect(levels(c.app)).not.toEqual(la);
  });

  it('only into an empty unit workspace', async () => {
    const { app } = await demoApp(50, 1);
    const n = await auditTotal(app);
    expect((await app.fail('demo.generate', { items: 50, seed: 1 })).code).toBe('DEMO_NEEDS_EMPTY');
    expect(await auditTotal(app)).toBe(n);
    const bureau = apps.app();
    await bureau.call('workspace.create', { path: apps.wsPath(), passphrase: PASS, role: 'bureau', name: '区数据局', operator: '' });
    expect((await bureau.fail('demo.generate', { items: 50, seed: 1 })).code).toBe('WRONG_ROLE');
    expect((await bureau.fail('demo.generate', { items: 0, seed: 1 })).code).toBe('INVALID_INPUT');
  });
});
