import { describe, expect, it } from 'vitest';
import { EMPTY_PROFILE } from '../../main/domain/profile';
import type { OpenState } from '../../main/services/session';
import { appFactory, PASS, VALID_PROFILE, type TestApp } from '../helpers/backend';

const apps = appFactory('ds-audit-tx-');

async function openApp(): Promise<TestApp> {
  const app = apps.app();
  await app.call('workspace.create', { path: apps.wsPath(), passphrase: PASS, role: 'unit', name: '事务', operator: '记录员' });
  return app;
}

function openState(app: TestApp): OpenState {
  const s = app.backend.services.session.state;
  if (s.kind !== 'open') throw new Error('workspace not open');
  return s;
}

const auditTotal = async (app: TestApp) => (await app.call('audit.list', { offset: 0, limit: 500 })).total;

describe('every change is audited in the same transaction', () => {
  it('profile.save writes exactly one entry, with only the changed fields in before / after', async () => {
    const app = await openApp();
    expect(await auditTotal(app)).toBe(1); // workspace.create

    const saved = await app.call('profile.save', { profile: VALID_PROFILE });
    expect(saved.profile).toEqual(VALID_PROFILE);
    expect(saved.complete).toBe(true);
    let list = await app.call('audit.list', { offset: 0, limit: 500 });
    expect(list.total).toBe(2);
    const first = list.entries[0]!;
    expect(first).toMatchObject({ action: 'profile.update', entity: 'unit_profile', entityId: '1', actor: '记录员' });
    const setFields = Object.keys(VALID_PROFILE).filter((k) => VALID_PROFILE[k as keyof typeof VALID_PROFILE] !== '');
    expect(Object.keys(first.after as object).sort()).toEqual(setFields.sort());
    expect(first.before).toEqual(Object.fromEntries(setFields.map((k) => [k, ''])));
    expect(saved.updatedAt).toBe(first.at);

    await app.call('profile.save', { profile: { ...VALID_PROFILE, officerPhone: '13900000000', address: '新址' } });
    list = await app.call('audit.list', { offset: 0, limit: 500 });
    expect(list.total).toBe(3);
    expect(list.entries[0]!.before).toEqual({ officerPhone: VALID_PROFILE.officerPhone, address: VALID_PROFILE.address });
    expect(list.entries[0]!.after).toEqual({ officerPhone: '13900000000', address: '新址' });
    expect(await app.call('audit.verify', {})).toMatchObject({ ok: true, count: 3 });
  });

  it('saving the same profile again writes no entry, also when it only differs before normalisation', async () => {
    const app = await openApp();
    const first = await app.call('profile.save', { profile: VALID_PROFILE });
    const n = await auditTotal(app);
    const again = await app.call('profile.save', { profile: VALID_PROFILE });
    expect(again.updatedAt).toBe(first.updatedAt);
    await app.call('profile.save', {
      profile: { ...VALID_PROFILE, officerPhone: '+86 １３８ ００１３ ８０００', uscc: ' 91110000600037341l ', filingDate: '2026/1/5', unitName: ` ${VALID_PROFILE.unitName}\u3000` },
    });
    expect(await auditTotal(app)).toBe(n);
    expect((await app.call('profile.get', {})).updatedAt).toBe(first.updatedAt);
  });

  it('a refused save (PROFILE_INVALID) writes nothing, neither profile nor audit', async () => {
    const app = await openApp();
    await app.call('profile.save', { profile: VALID_PROFILE });
    const n = await auditTotal(app);
    const err = await app.fail('profile.save', { profile: { ...VALID_PROFILE, unitName: '改名了', officerEmail: 'not-an-email' } });
    expect(err.code).toBe('PROFILE_INVALID');
    const issues = (err.details as { issues: { field: string; severity: string; code: string }[] }).issues;
    expect(issues).toEqual([expect.objectContaining({ field: 'officerEmail', severity: 'error', code: 'EMAIL_INVALID' })]);
    expect((await app.call('profile.get', {})).profile).toEqual(VALID_PROFILE);
    expect(await auditTotal(app)).toBe(n);
  });

  it('an incomplete profile is saved (and audited); the view says what is missing', async () => {
    const app = await openApp();
    const view = await app.call('profile.save', { profile: { ...EMPTY_PROFILE, unitName: '只填了名称' } });
    expect(view.complete).toBe(false);
    expect(view.issues.filter((i) => i.severity === 'incomplete').map((i) => i.field)).toContain('uscc');
    expect(await auditTotal(app)).toBe(2);
  });

  it('when the audit append throws, the profile change is rolled back', async () => {
    const app = await openApp();
    await app.call('profile.save', { profile: VALID_PROFILE });
    const n = await auditTotal(app);
    const before = await app.call('profile.get', {});

    const audit = openState(app).store.audit;
    const original = audit.append;
    audit.append = () => {
      throw new Error('audit storage failed');
    };
    try {
      const err = await app.fail('profile.save', { profile: { ...VALID_PROFILE, unitName: '不应保存的名称' } });
      expect(err.code).toBe('INTERNAL');
    } finally {
      audit.append = original;
    }
    expect(await app.call('profile.get', {})).toEqual(before);
    expect(await auditTotal(app)).toBe(n);
    expect(await app.call('audit.verify', {})).toMatchObject({ ok: true });

    // and the same save goes through once the audit works again
    await app.call('profile.save', { profile: { ...VALID_PROFILE, unitName: '现在可以保存' } });
    expect(await auditTotal(app)).toBe(n + 1);
  });

  it('when the audit insert fails in SQLite (a trigger), the profile change is rolled back and survives a reopen', async () => {
    const app = await openApp();
    const file = openState(app).path;
    await app.call('profile.save', { profile: VALID_PROFILE });
    const n = await auditTotal(app);
    openState(app).store.db.exec(`CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON main.audit_log BEGIN SELECT RAISE(ABORT, 'refused by test'); END`);
    const err = await app.fail('profile.save', { profile: { ...VALID_PROFILE, unitName: '不应保存的名称' } });
    expect(err.code).toBe('INTERNAL');
    await app.call('workspace.close', {}); // the TEMP trigger goes with the connection
    await app.call('workspace.unlock', { path: file, passphrase: PASS });
    expect((await app.call('profile.get', {})).profile.unitName).toBe(VALID_PROFILE.unitName);
    expect(await auditTotal(app)).toBe(n + 1); // + workspace.unlock only
    expect(await app.call('audit.verify', {})).toMatchObject({ ok: true });
  });

  it('settings changes are audited with before and after', async () => {
    const app = await openApp();
    await app.call('settings.update', { operator: '新操作员', idleLockMinutes: 30 });
    const e = (await app.call('audit.list', { offset: 0, limit: 1 })).entries[0]!;
    expect(e).toMatchObject({ action: 'settings.update', actor: '新操作员' });
    expect(e.before).toEqual({ operator: '记录员', idleLockMinutes: 10 });
    expect(e.after).toEqual({ operator: '新操作员', idleLockMinutes: 30 });
    const n = await auditTotal(app);
    await app.call('settings.update', { operator: '新操作员' }); // no change
    expect(await auditTotal(app)).toBe(n);
  });
});
