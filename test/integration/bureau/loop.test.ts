/**
 * Both sides of a filing, through the real backend on real SQLite files with real packages built
 * by the unit-side code: initial filing → bureau intake (unknown signer, registered from the
 * package after fingerprint confirmation) → two items returned with comments → signed receipt →
 * the unit imports it and sees the comments → the unit fixes the two items and files a change →
 * the bureau's diff shows exactly those changes → accepted → the unit sees 已备案.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFactory } from '../../helpers/backend';
import { bureauWorkspace, unitWorkspace } from '../package/fixtures';
import { auditTotal } from '../inventory/fixtures';

const apps = appFactory('ds-bureau-loop-');
const dir = () => fs.mkdtempSync(path.join(apps.root, 'o-'));

describe('bureau intake, review and receipt: the full loop', () => {
  it('plays both sides', async () => {
    const bureau = await bureauWorkspace(apps);
    const unit = await unitWorkspace(apps);
    // The unit confirmed the bureau's key: its packages are sealed for the bureau.
    await unit.app.call('keys.importCounterpart', { pem: bureau.publicKeyPem, fingerprint: bureau.fingerprint, label: '某区数据局' });
    const d = dir();
    const p1 = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(d, 'p1.dsp') });
    expect(p1.sealedTo).toBe(bureau.fingerprint);

    // 1. Unknown signer: refused, with what registration needs; nothing stored.
    const auditBefore = await auditTotal(bureau.app);
    const first = await bureau.app.call('bureau.intake', { paths: [p1.path] });
    expect(first).toMatchObject({ total: 1, accepted: 0, refused: 1 });
    const r1 = first.results[0]!;
    expect(r1.codes).toEqual(['PKG_UNKNOWN_SIGNER']);
    expect(r1.unknownSigner).toMatchObject({ fingerprint: unit.fingerprint, uscc: '91110000600037341L', unitKnown: false });
    expect((await bureau.app.call('bureau.filings', {})).total).toBe(0);
    expect((await bureau.app.call('package.accepted', {})).total).toBe(0);
    expect(await auditTotal(bureau.app)).toBe(auditBefore);

    // 2. Register from the package: a wrong fingerprint changes nothing; the right one registers.
    const wrong = unit.fingerprint.replace(/^[0-9A-F]/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await bureau.app.fail('bureau.registerFromPackage', { path: p1.path, fingerprint: wrong })).code).toBe('KEY_FINGERPRINT_MISMATCH');
    expect(await bureau.app.call('bureau.units', {})).toEqual([]);
    const registered = await bureau.app.call('bureau.registerFromPackage', { path: p1.path, fingerprint: unit.fingerprint.toLowerCase() });
    expect(registered).toMatchObject({ uscc: '91110000600037341L', keys: [{ fingerprint: unit.fingerprint, retiredAt: null }], filings: 0 });

    // 3. Intake now works.
    const second = await bureau.app.call('bureau.intake', { paths: [p1.path] });
    expect(second).toMatchObject({ total: 1, accepted: 1, refused: 0 });
    const f1 = second.results[0]!.filingId!;
    const review1 = await bureau.app.call('bureau.review', { filingId: f1 });
    expect(review1.filing).toMatchObject({ sequence: 1, kind: 'initial', status: 'pending', digest: p1.digest, baseFilingId: null });
    expect(review1.diff).toMatchObject({ baseFilingId: null, added: { resources: 2, items: 4, catalog: 1 }, removed: { resources: 0, items: 0, catalog: 0 } });
    // The unit's own quality rules, run on the filed content, find what the unit's check finds.
    const unitQuality = await unit.app.call('quality.summary', {});
    expect(review1.quality.errors).toBe(unitQuality.errors);
    expect(review1.quality.byCode.map((c) => [c.code, c.count]).sort()).toEqual(unitQuality.byCode.map((c) => [c.code, c.count]).sort());
    expect((await bureau.app.call('bureau.findings', { filingId: f1, limit: 500 })).total).toBe(review1.quality.errors + review1.quality.warnings);
    const entries = await bureau.app.call('bureau.entries', { filingId: f1, limit: 100 });
    expect(entries.total).toBe(6);
    expect(entries.rows.map((e) => e.dataId)).toEqual(['SYS01-T001', 'SYS01-T001-F001', 'SYS01-T001-F002', 'SYS01-T001-F003', 'SYS01-T002', 'SYS01-T002-F001']);

    // 4. Return two items with comments, decide the filing, issue the receipt.
    await bureau.app.call('bureau.decideEntries', { filingId: f1, dataIds: ['SYS01-T001-F001'], decision: 'return', comment: '数据描述过于简单，请补充' });
    await bureau.app.call('bureau.decideEntries', { filingId: f1, dataIds: ['SYS01-T001-F003'], decision: 'return', comment: '请说明传染病病种的来源' });
    await bureau.app.call('bureau.decideEntries', { filingId: f1, dataIds: ['SYS01-T001-F002'], decision: 'accept', comment: '' });
    expect((await bureau.app.fail('bureau.decideFiling', { filingId: f1, decision: 'accepted' })).code).toBe('BUREAU_RETURNED_ENTRIES');
    const decided = await bureau.app.call('bureau.decideFiling', { filingId: f1, decision: 'returned', comment: '请修改退回的两项后重新报送' });
    expect(decided.status).toBe('returned');
    const rc1 = await bureau.app.call('bureau.receipt', { filingId: f1, outPath: path.join(d, 'r1') });
    expect(rc1).toMatchObject({ decision: 'returned', entries: 3 });
    expect(rc1.path.endsWith('.dsr')).toBe(true);
    expect((await bureau.app.fail('bureau.decideEntries', { filingId: f1, dataIds: ['SYS01-T001-F001'], decision: 'accept', comment: '' })).code).toBe('BUREAU_RECEIPT_ISSUED');

    // 5. The unit imports the receipt and sees the comments per entry and the outcome.
    const imported = await unit.app.call('receipt.import', { path: rc1.path });
    expect(imported).toMatchObject({ filingSequence: 1, decision: 'returned', returned: 2, accepted: 1, comment: '请修改退回的两项后重新报送' });
    expect((await unit.app.fail('receipt.import', { path: rc1.path })).code).toBe('RECEIPT_ALREADY_IMPORTED');
    const returned = await unit.app.call('receipt.entryStatuses', { decision: 'return' });
    expect(returned.rows.map((r) => [r.dataId, r.comment])).toEqual([
      ['SYS01-T001-F001', '数据描述过于简单，请补充'],
      ['SYS01-T001-F003', '请说明传染病病种的来源'],
    ]);
    const visible = await unit.app.call('receipt.entryStatuses', { dataIds: ['SYS01-T001-F002', 'SYS01-T002'] });
    expect(visible.rows).toMatchObject([{ dataId: 'SYS01-T001-F002', decision: 'accept' }]);
    expect((await unit.app.call('receipt.list', {}))[0]).toMatchObject({ sequence: 1, status: 'returned' });

    // 6. The unit fixes exactly the two items and files a change package.
    const rows = (await unit.app.call('inventory.query', { limit: 100 })).rows;
    const idOf = (dataId: string) => rows.find((r) => r.dataId === dataId)!.id;
    await unit.app.call('inventory.update', { id: idOf('SYS01-T001-F001'), changes: { description: '门诊患者的实名姓名' } });
    await unit.app.call('inventory.update', { id: idOf('SYS01-T001-F003'), changes: { description: '法定传染病病种，来自传染病报告卡' } });
    const p2 = await unit.app.call('package.build', { kind: 'change', outPath: path.join(d, 'p2.dsp') });
    expect(p2.previousDigest).toBe(p1.digest);

    // 7. The bureau takes it in; the diff shows exactly those changes.
    const third = await bureau.app.call('bureau.intake', { paths: [p2.path] });
    expect(third.accepted).toBe(1);
    const f2 = third.results[0]!.filingId!;
    const review2 = await bureau.app.call('bureau.review', { filingId: f2 });
    expect(review2.filing.baseFilingId).toBe(f1);
    expect(review2.diff).toEqual({
      baseFilingId: f1,
      added: { resources: 0, items: 0, catalog: 0 },
      removed: { resources: 0, items: 0, catalog: 0 },
      changed: { resources: 0, items: 2, catalog: 0 },
      raised: 0,
      lowered: 0,
    });
    const diff = await bureau.app.call('bureau.diff', { filingId: f2 });
    expect(diff.rows.map((r) => [r.dataId, r.change, r.fields.map((f) => f.field)])).toEqual([
      ['SYS01-T001-F001', 'changed', ['description']],
      ['SYS01-T001-F003', 'changed', ['description']],
    ]);
    expect(diff.rows[0]!.fields[0]).toEqual({ field: 'description', before: '患者姓名字段', after: '门诊患者的实名姓名' });
    // Versions: both kept; comparing the other way round gives the same rows.
    const versions = await bureau.app.call('bureau.filings', { uscc: '91110000600037341L' });
    expect(versions.rows.map((f) => f.sequence)).toEqual([2, 1]);
    const back = await bureau.app.call('bureau.diff', { filingId: f1, against: f2 });
    expect(back.rows.map((r) => r.dataId)).toEqual(['SYS01-T001-F001', 'SYS01-T001-F003']);

    // 8. Accept; receipt; the unit sees 已备案.
    await bureau.app.call('bureau.decideFiling', { filingId: f2, decision: 'accepted', comment: '' });
    const rc2 = await bureau.app.call('bureau.receipt', { filingId: f2, outPath: path.join(d, 'r2.dsr') });
    await unit.app.call('receipt.import', { path: rc2.path });
    const history = await unit.app.call('receipt.list', {});
    expect(history.map((h) => [h.sequence, h.status])).toEqual([
      [2, 'accepted'],
      [1, 'returned'],
    ]);

    // District view and the consolidated catalog see the accepted filing.
    const district = await bureau.app.call('bureau.district', {});
    expect(district).toMatchObject({ units: 1, resources: 2, items: 4 });
    expect(district.byStatus.find((s) => s.key === 'accepted')).toMatchObject({ units: 1, items: 4 });
    expect(district.trend.reduce((n, t) => n + t.itemsLastYear, 0)).toBe(0);
    // Overdue: not now; two years on, the unit's annual filing is overdue.
    expect(await bureau.app.call('bureau.overdue', {})).toEqual([]);
    const later = new Date(Date.now() + 2 * 365 * 86_400_000).toISOString().slice(0, 10);
    expect((await bureau.app.call('bureau.overdue', { asOf: later })).map((u) => [u.uscc, u.lastFilingKind])).toEqual([['91110000600037341L', 'change']]);
    // A year on, last year's counts are today's.
    const nextYear = await bureau.app.call('bureau.district', { asOf: new Date(Date.now() + 366 * 86_400_000).toISOString().slice(0, 10) });
    expect(nextYear.trend.reduce((n, t) => n + t.itemsLastYear, 0)).toBe(4);
    const catalog = await bureau.app.call('bureau.catalog', {});
    expect(catalog.rows).toMatchObject([{ dataId: 'SYS01-T001', name: '患者基本信息', level: '重要数据', uscc: '91110000600037341L' }]);
    const xlsx = await bureau.app.call('bureau.catalogExport', { outPath: path.join(d, 'catalog.xlsx') });
    expect(xlsx.rows).toBe(1);
    expect(fs.statSync(xlsx.path).size).toBeGreaterThan(1000);
  });
});
