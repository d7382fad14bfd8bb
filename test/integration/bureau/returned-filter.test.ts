/**
 * The inventory's "returned by the bureau" filter on the unit side: after the unit imports a
 * receipt, the filter shows exactly the entries the bureau returned, combines with the other
 * filters and with a bulk selection by filter, and follows the latest receipt naming an entry
 * (an entry accepted in a later receipt is no longer returned).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFactory } from '../../helpers/backend';
import { bureauWorkspace, unitWorkspace } from '../package/fixtures';

const apps = appFactory('ds-bureau-returned-');

describe('inventory filter: returned by the bureau', () => {
  it('shows the entries the latest receipt returned', async () => {
    const bureau = await bureauWorkspace(apps);
    const unit = await unitWorkspace(apps);
    const d = fs.mkdtempSync(path.join(apps.root, 'o-'));
    const returnedIds = async (filter: Record<string, unknown> = {}) =>
      (await unit.app.call('inventory.query', { filter: { returned: true, ...filter }, limit: 500 })).rows.map((r) => r.dataId);

    // No receipt yet: nothing is returned.
    expect(await returnedIds()).toEqual([]);

    const p1 = await unit.app.call('package.build', { kind: 'initial', outPath: path.join(d, 'p1.dsp') });
    await bureau.app.call('bureau.registerFromPackage', { path: p1.path, fingerprint: unit.fingerprint });
    const f1 = (await bureau.app.call('bureau.intake', { paths: [p1.path] })).results[0]!.filingId!;
    await bureau.app.call('bureau.decideEntries', { filingId: f1, dataIds: ['SYS01-T001-F001', 'SYS01-T001-F003'], decision: 'return', comment: '请补充' });
    await bureau.app.call('bureau.decideEntries', { filingId: f1, dataIds: ['SYS01-T001-F002'], decision: 'accept', comment: '' });
    await bureau.app.call('bureau.decideFiling', { filingId: f1, decision: 'returned', comment: '请修改后重新报送' });
    const rc1 = await bureau.app.call('bureau.receipt', { filingId: f1, outPath: path.join(d, 'r1') });
    await unit.app.call('keys.importCounterpart', { pem: bureau.publicKeyPem, fingerprint: bureau.fingerprint });
    await unit.app.call('receipt.import', { path: rc1.path });

    expect(await returnedIds()).toEqual(['SYS01-T001-F001', 'SYS01-T001-F003']);
    // It combines with the other conditions, and counts as the grid shows it.
    expect(await returnedIds({ kind: 'resource' })).toEqual([]);
    expect(await returnedIds({ search: 'SYS01-T001-F003' })).toEqual(['SYS01-T001-F003']);
    expect((await unit.app.call('inventory.query', { filter: { returned: true }, limit: 1 })).total).toBe(2);
    // A bulk action on "everything this filter shows" touches exactly those entries.
    expect((await unit.app.call('inventory.delete', { selection: { filter: { returned: true } } })).count).toBe(2);
    expect(await returnedIds()).toEqual([]);
    expect(await returnedIds({ deleted: true })).toEqual(['SYS01-T001-F001', 'SYS01-T001-F003']);
    expect((await unit.app.call('inventory.restore', { selection: { filter: { returned: true } } })).count).toBe(2);

    // The unit fixes one item, files a change; the bureau accepts it this time.
    const rows = (await unit.app.call('inventory.query', { limit: 100 })).rows;
    const f001 = rows.find((r) => r.dataId === 'SYS01-T001-F001')!.id;
    await unit.app.call('inventory.update', { id: f001, changes: { description: '门诊患者的实名姓名' } });
    const p2 = await unit.app.call('package.build', { kind: 'change', outPath: path.join(d, 'p2.dsp') });
    const f2 = (await bureau.app.call('bureau.intake', { paths: [p2.path] })).results[0]!.filingId!;
    await bureau.app.call('bureau.decideEntries', { filingId: f2, dataIds: ['SYS01-T001-F001'], decision: 'accept', comment: '' });
    await bureau.app.call('bureau.decideFiling', { filingId: f2, decision: 'accepted_with_remarks', comment: 'F003 仍待修改' });
    const rc2 = await bureau.app.call('bureau.receipt', { filingId: f2, outPath: path.join(d, 'r2') });
    await unit.app.call('receipt.import', { path: rc2.path });

    // F001 was accepted in the later receipt; F003 (not named again) is still returned.
    expect(await returnedIds()).toEqual(['SYS01-T001-F003']);
  });
});
