import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../main/domain/canonical-json';
import { sm3Hex } from '../../../main/crypto/sm3';
import { BUILTIN_SCHEMES } from '../../../main/services/builtin-resources';
import { appFactory, PASS } from '../../helpers/backend';
import { openKeyed } from '../../helpers/files';
import { auditTotal, inventoryApp, item, lastAudit, TEST_INDUSTRY, TEST_SCHEME } from './fixtures';

const apps = appFactory('ds-inv-scheme-');

async function fresh() {
  const app = apps.app();
  const file = apps.wsPath();
  await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: '方案', operator: '李四' });
  return { app, file };
}

describe('built-in schemes', () => {
  it('every built-in scheme is installed as version 1 (origin builtin) when the workspace is created, recorded in the workspace.create audit entry', async () => {
    const { app } = await fresh();
    expect(BUILTIN_SCHEMES.map((s) => s.id)).toContain('gbt43697-generic');
    const list = await app.call('scheme.list', {});
    expect(list.map((s) => s.id).sort()).toEqual(BUILTIN_SCHEMES.map((s) => s.id).sort());
    for (const s of list) {
      const def = BUILTIN_SCHEMES.find((b) => b.id === s.id)!;
      expect(s).toMatchObject({ name: def.name, industry: def.industry, activeVersion: 1, versions: [{ version: 1, origin: 'builtin', digest: sm3Hex(canonicalJson(def)) }] });
      // The first built-in scheme of each industry is the one in use for it.
      // (inUse is returned beyond the contract's SchemeSummary, which does not have it yet.)
      expect((s as typeof s & { inUse: boolean }).inUse, s.id).toBe(BUILTIN_SCHEMES.find((b) => b.industry === def.industry) === def);
    }
    const create = (await app.call('audit.list', { offset: 0, limit: 10 })).entries.find((e) => e.action === 'workspace.create')!;
    expect((create.after as { builtinSchemes: { id: string }[] }).builtinSchemes.map((s) => s.id).sort()).toEqual(BUILTIN_SCHEMES.map((s) => s.id).sort());
    const got = await app.call('scheme.get', { id: 'gbt43697-generic' });
    expect(got.version).toBe(1);
    expect(got.definition).toEqual(JSON.parse(canonicalJson(BUILTIN_SCHEMES.find((b) => b.id === 'gbt43697-generic'))));
  });

  it('a workspace opened without a built-in scheme gets it at unlock, recorded in the workspace.unlock audit entry', async () => {
    const { app, file } = await fresh();
    await app.call('workspace.close', {});
    const db = openKeyed(file, PASS);
    try {
      db.exec('DELETE FROM scheme_version; DELETE FROM scheme;');
    } finally {
      db.close();
    }
    await app.call('workspace.unlock', { path: file, passphrase: PASS });
    expect((await app.call('scheme.list', {})).map((s) => s.id)).toContain('gbt43697-generic');
    expect(await lastAudit(app)).toMatchObject({ action: 'workspace.unlock', after: { builtinSchemes: expect.arrayContaining([expect.objectContaining({ id: 'gbt43697-generic', version: 1 })]) } });
    // Nothing more the next time.
    await app.call('workspace.lock', {});
    await app.call('workspace.unlock', { passphrase: PASS });
    expect((await lastAudit(app)).after).toBeNull();
  });
});

describe('scheme import and activation', () => {
  it('refuses text that is not JSON, and a scheme with problems, listing them (SCHEME_INVALID); nothing is stored', async () => {
    const { app } = await fresh();
    const n = await auditTotal(app);
    const notJson = await app.fail('scheme.import', { json: '{"format": ' });
    expect(notJson.code).toBe('SCHEME_INVALID');
    expect((notJson.details as { problems: { message_zh: string }[] }).problems[0]!.message_zh).toContain('不是有效的 JSON');

    const shape = await app.fail('scheme.import', { json: JSON.stringify({ ...TEST_SCHEME, matrix: [{ object: '个人', degree: '严重危害', level: '一般数据3级' }] }) });
    expect(shape.code).toBe('SCHEME_INVALID');
    expect((shape.details as { problems: { path: string }[] }).problems.map((p) => p.path)).toContain('matrix.0.object');

    const badCode = { ...TEST_SCHEME, categories: [{ code: '1', name: '个人信息', children: [{ code: '2.01', name: '错挂的类别' }] }] };
    const tree = await app.fail('scheme.import', { json: JSON.stringify(badCode) });
    expect(tree.code).toBe('SCHEME_INVALID');
    expect(tree.details).toEqual({ problems: [expect.objectContaining({ path: 'categories[0].children[0]', message_zh: expect.stringContaining('应以上级编码 1. 开头') })] });
    expect(tree.message_en).toBe('The classification scheme has errors and was not imported');
    expect((await app.call('scheme.list', {})).map((s) => s.id)).not.toContain('test-scheme');
    expect(await auditTotal(app)).toBe(n);
  });

  it('a new scheme is version 1 and active; a changed one is a new version, active once activated; the same one again changes nothing', async () => {
    const { app } = await fresh();
    const s1 = await app.call('scheme.import', { json: JSON.stringify(TEST_SCHEME) });
    expect(s1).toMatchObject({ id: 'test-scheme', industry: TEST_INDUSTRY, activeVersion: 1, versions: [{ version: 1, origin: 'import' }] });
    expect(await lastAudit(app)).toMatchObject({ action: 'scheme.import', entityId: 'test-scheme', after: { version: 1, active: true } });
    const n = await auditTotal(app);
    expect(await app.call('scheme.import', { json: JSON.stringify(TEST_SCHEME, null, 2) })).toEqual(s1);
    expect(await auditTotal(app)).toBe(n);

    const v2 = await app.call('scheme.import', { json: JSON.stringify({ ...TEST_SCHEME, name: '测试分类方案（修订）' }) });
    expect(v2.activeVersion).toBe(1);
    expect(v2.versions.map((v) => v.version)).toEqual([1, 2]);
    const active = await app.call('scheme.activate', { id: 'test-scheme', version: 2 });
    expect(active).toMatchObject({ activeVersion: 2, name: '测试分类方案（修订）' });
    expect(await lastAudit(app)).toMatchObject({ action: 'scheme.activate', before: { version: 1 }, after: { version: 2 } });
    expect((await app.call('scheme.get', { id: 'test-scheme', version: 1 })).definition.name).toBe('测试分类方案');
    expect((await app.fail('scheme.activate', { id: 'test-scheme', version: 9 })).code).toBe('SCHEME_NOT_FOUND');
    expect((await app.fail('scheme.get', { id: 'nope' })).code).toBe('SCHEME_NOT_FOUND');
  });

  it('a second scheme for an industry is not in use until activated; activating it makes it the one that grades that industry', async () => {
    const inv = await inventoryApp(apps);
    const { app } = inv;
    const other = { ...TEST_SCHEME, id: 'other-scheme', name: '另一方案', matrix: TEST_SCHEME.matrix.map((m) => ({ ...m, level: '一般数据4级' as const })) };
    const imported = await app.call('scheme.import', { json: JSON.stringify(other) });
    expect(imported).toMatchObject({ id: 'other-scheme', activeVersion: 1, inUse: false });
    expect(await lastAudit(app)).toMatchObject({ action: 'scheme.import', after: { inUse: false } });
    const e = await item(inv, 'F1', '姓名', { impactObjects: '个人权益', impactDegree: '一般危害' });
    expect(e).toMatchObject({ schemeId: 'test-scheme', level: '一般数据2级' });

    const used = await app.call('scheme.activate', { id: 'other-scheme', version: 1 });
    expect(used).toMatchObject({ inUse: true });
    expect(await lastAudit(app)).toMatchObject({ action: 'scheme.activate', before: { inUse: false, schemeInUse: 'test-scheme' }, after: { version: 1, inUse: true, industry: TEST_INDUSTRY } });
    expect((await app.call('scheme.list', {})).find((s) => s.id === 'test-scheme')).toMatchObject({ inUse: false });
    const regraded = await app.call('inventory.update', { id: e.id, changes: { description: '改' } });
    expect(regraded.entry).toMatchObject({ schemeId: 'other-scheme', level: '一般数据4级' });
  });

  it('entries keep the scheme version they were graded under until they are edited again', async () => {
    const inv = await inventoryApp(apps);
    const { app } = inv;
    const e = await item(inv, 'F1', '患者姓名', { impactObjects: '个人权益', impactDegree: '一般危害' });
    expect(e).toMatchObject({ schemeVersion: 1, level: '一般数据2级' });
    const v2 = { ...TEST_SCHEME, matrix: TEST_SCHEME.matrix.map((m) => (m.object === '个人权益' && m.degree === '一般危害' ? { ...m, level: '一般数据3级' as const } : m)) };
    await app.call('scheme.import', { json: JSON.stringify(v2) });
    await app.call('scheme.activate', { id: 'test-scheme', version: 2 });
    const kept = await app.call('inventory.get', { id: e.id });
    expect(kept.entry).toMatchObject({ schemeVersion: 1, level: '一般数据2级' });
    expect(kept.explanation.level).toBe('一般数据2级'); // explained under the version it was graded by
    const edited = await app.call('inventory.update', { id: e.id, changes: { description: '姓名' } });
    expect(edited.entry).toMatchObject({ schemeVersion: 2, level: '一般数据3级', suggestedLevel: '一般数据3级' });
  });
});
