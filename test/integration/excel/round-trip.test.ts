import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFactory } from '../../helpers/backend';
import { allEntries, demoWorkspace, sheetFields, unitApp } from './helpers';

const apps = appFactory('ds-excel-rt-');

describe('Excel round trip', () => {
  it('exports a workspace and imports it into a fresh one: the same entries, catalog and unit profile', async () => {
    const a = await demoWorkspace(apps, 300);
    const file = path.join(apps.root, 'round-trip.xlsx');
    const exported = await a.app.call('excel.export', { path: file });
    expect(exported.rows.inventory).toBeGreaterThan(300);
    expect(exported.rows.catalog).toBe(3);
    expect(fs.statSync(file).size).toBe(exported.bytes);

    // Importing the export into the workspace it came from changes nothing.
    const same = await a.app.call('excel.dryRun', { path: file });
    expect(same.counts).toMatchObject({ added: 0, changed: 0, removed: 0, skipped: 0, unchanged: exported.rows.inventory });
    expect(same.catalogCounts).toMatchObject({ added: 0, changed: 0, unchanged: 3 });
    expect(same.profileChanges).toEqual([]);

    const b = await unitApp(apps, { profile: false });
    const preview = await b.app.call('excel.dryRun', { path: file });
    expect(preview.blocking).toBe(0);
    expect(preview.counts).toMatchObject({ added: exported.rows.inventory, changed: 0, removed: 0, skipped: 0 });
    expect(preview.catalogCounts.added).toBe(3);
    expect(preview.sheets.map((s) => s.name)).toEqual(['填报单位信息', '数据分类分级清单', '重要数据目录']);
    const result = await b.app.call('excel.commit', { path: file, token: preview.token });
    expect(result.entries.added).toBe(exported.rows.inventory);
    expect(result.batchId).not.toBeNull();

    const before = sheetFields(await allEntries(a.app));
    const after = sheetFields(await allEntries(b.app));
    expect(after.size).toBe(before.size);
    for (const [dataId, fields] of before) expect({ dataId, ...after.get(dataId) }).toEqual({ dataId, ...fields });

    const catA = await a.app.call('catalog.list', { offset: 0, limit: 100 });
    const catB = await b.app.call('catalog.list', { offset: 0, limit: 100 });
    const strip = (rows: typeof catA.rows) => rows.map(({ resourceId: _r, updatedAt: _u, ...rest }) => rest);
    expect(strip(catB.rows)).toEqual(strip(catA.rows));
    expect((await b.app.call('profile.get', {})).profile).toEqual((await a.app.call('profile.get', {})).profile);

    // And the import is one undoable step, audited with its digest.
    const audit = (await b.app.call('audit.list', { offset: 0, limit: 5 })).entries;
    const imp = audit.find((e) => e.action === 'excel.import')!;
    expect(imp.after).toMatchObject({ batchId: result.batchId, digest: result.digest, fileDigest: preview.file.digest });
    expect(await b.app.call('audit.verify', {})).toMatchObject({ ok: true });
    const undo = await b.app.call('inventory.undo', {});
    expect(undo?.count).toBe(exported.rows.inventory);
    expect(await allEntries(b.app)).toEqual([]);
  });

  it('round-trips through CSV (sheet 2, UTF-8 with a BOM)', async () => {
    const a = await demoWorkspace(apps, 120);
    const file = path.join(apps.root, 'round-trip.csv');
    const exported = await a.app.call('excel.export', { path: file, format: 'csv' });
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const b = await unitApp(apps);
    const preview = await b.app.call('excel.dryRun', { path: file });
    expect(preview.file.format).toBe('csv');
    expect(preview.blocking).toBe(0);
    expect(preview.counts.added).toBe(exported.rows.inventory);
    await b.app.call('excel.commit', { path: file, token: preview.token });
    const before = sheetFields(await allEntries(a.app));
    const after = sheetFields(await allEntries(b.app));
    for (const [dataId, fields] of before) expect({ dataId, ...after.get(dataId) }).toEqual({ dataId, ...fields });
  });
});

describe('a large import', () => {
  it('loads 20,000+ rows in bulk (indexes and search index built once) and the workspace answers as before', async () => {
    const a = await demoWorkspace(apps, 20_000);
    const file = path.join(apps.root, 'large.xlsx');
    const exported = await a.app.call('excel.export', { path: file });
    expect(exported.rows.inventory).toBeGreaterThan(20_000);
    const b = await unitApp(apps);
    const preview = await b.app.call('excel.dryRun', { path: file });
    expect(preview.blocking).toBe(0);
    await b.app.call('excel.commit', { path: file, token: preview.token });
    const count = async (app: typeof a.app, filter: Record<string, unknown>) =>
      (await app.call('inventory.query', { filter: filter as never, sort: 'dataId', desc: false, offset: 0, limit: 1 })).total;
    for (const filter of [{}, { search: '身份证' }, { search: '姓名' }, { search: '号' }, { levels: ['一般数据4级'] }, { kind: 'resource' }, { personalInfo: 'sensitive' }, { categoryCode: '1.01' }, { lowering: true }])
      expect({ filter, n: await count(b.app, filter) }).toEqual({ filter, n: await count(a.app, filter) });
    // A 数据编号 stays unique after the indexes are built again.
    const [first, other] = (await b.app.call('inventory.query', { filter: { kind: 'item' }, sort: 'dataId', desc: false, offset: 0, limit: 2 })).rows;
    expect((await b.app.fail('inventory.update', { id: other!.id, changes: { dataId: first!.dataId } })).code).toBe('DATA_ID_TAKEN');
    expect(await b.app.call('audit.verify', {})).toMatchObject({ ok: true });
  }, 180_000);
});
