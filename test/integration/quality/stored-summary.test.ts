/**
 * The first quality.summary of a session is the summary stored by the last check while the
 * workspace has not changed since (audit head, entry_dirty, the day): the scores show at once
 * after an unlock. Anything written since, or a new day, makes it check again.
 */
import { describe, expect, it } from 'vitest';
import { appFactory, PASS } from '../../helpers/backend';
import { lastAudit, openState, unitApp } from './fixtures';

const apps = appFactory('ds-quality-stored-');

/** Lock, let some minutes pass, unlock: a new session. */
async function relock(u: Awaited<ReturnType<typeof unitApp>>, minutes = 0) {
  await u.app.call('workspace.lock', {});
  u.clock.advanceMinutes(minutes);
  await u.app.call('workspace.unlock', { passphrase: PASS });
}

describe('quality.summary after an unlock', () => {
  it('is the stored summary while nothing was written; the findings are checked again and agree; nothing is audited', async () => {
    const u = await unitApp(apps, { 合同编号: {}, 合同金额: { ownerPerson: '' } });
    const first = await u.app.call('quality.summary', {});
    expect(first.errors).toBe(1);
    await relock(u, 5);
    const audit = await lastAudit(u.app);
    expect(audit.action).toBe('workspace.unlock');
    // Not checked again: the same report, made at the same moment.
    expect(await u.app.call('quality.summary', {})).toEqual(first);
    expect(await u.app.call('quality.summary', {})).toEqual(first);
    const f = await u.app.call('quality.findings', {});
    expect(f.findings.map((x) => [x.code, x.entryId, x.field])).toEqual([['REQUIRED_MISSING', u.ids['合同金额'], 'ownerPerson']]);
    expect(await lastAudit(u.app)).toEqual(audit);
    // An edit in this session: checked again.
    await u.app.call('inventory.update', { id: u.ids['合同金额']!, changes: { ownerPerson: '李娜' } });
    const edited = await u.app.call('quality.summary', {});
    expect(edited.errors).toBe(0);
    expect(edited.checkedAt).not.toBe(first.checkedAt);
  });

  it('is checked again when something was written after the last check, even in an earlier session', async () => {
    const u = await unitApp(apps, { 合同编号: {}, 合同金额: {} });
    const first = await u.app.call('quality.summary', {});
    expect(first.errors).toBe(0);
    // Edited, and locked before any check saw it.
    await u.app.call('inventory.update', { id: u.ids['合同金额']!, changes: { ownerPerson: '' } });
    await relock(u, 5);
    const after = await u.app.call('quality.summary', {});
    expect(after.errors).toBe(1);
    expect(after.checkedAt).not.toBe(first.checkedAt);
  });

  it('is checked again after a write underneath the services (no audit entry), and on a new day', async () => {
    const u = await unitApp(apps, { 合同编号: {}, 合同金额: {} });
    expect((await u.app.call('quality.summary', {})).errors).toBe(0);
    openState(u.app).store.db.prepare(`UPDATE entry SET owner_person = '' WHERE id = ?`).run(u.ids['合同编号']);
    await relock(u);
    const underneath = await u.app.call('quality.summary', {});
    expect(underneath.errors).toBe(1);

    await relock(u);
    expect(await u.app.call('quality.summary', {})).toEqual(underneath);
    await relock(u, 24 * 60);
    const nextDay = await u.app.call('quality.summary', {});
    expect(nextDay.errors).toBe(1);
    expect(nextDay.checkedAt).not.toBe(underneath.checkedAt);
  });
});
