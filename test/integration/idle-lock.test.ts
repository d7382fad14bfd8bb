import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IDLE_LOCK_MINUTES } from '../../main/domain/workspace';
import { appFactory, PASS, TestClock, VALID_PROFILE } from '../helpers/backend';
import { dbFiles } from '../helpers/files';

const apps = appFactory('ds-idle-');

async function openWithClock(opts: { idleCheckMs?: number } = {}) {
  const clock = new TestClock();
  const app = apps.app({ now: clock.now, ...opts });
  const file = apps.wsPath();
  await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: 'idle', operator: '' });
  await app.call('profile.save', { profile: VALID_PROFILE });
  return { clock, app, file };
}

describe('lock after idle', () => {
  it('after idleLockMinutes the next call is refused with WORKSPACE_LOCKED; status says locked, idle', async () => {
    const { clock, app, file } = await openWithClock();
    expect(DEFAULT_IDLE_LOCK_MINUTES).toBe(10);
    clock.advanceMinutes(9.9);
    expect((await app.call('workspace.status', {})).state).toBe('open');
    clock.advanceMinutes(0.1);
    const err = await app.fail('profile.get', {});
    expect(err.code).toBe('WORKSPACE_LOCKED');
    expect(await app.call('workspace.status', {})).toMatchObject({ state: 'locked', lockReason: 'idle', path: file, name: 'idle', role: 'unit' });
    expect(dbFiles(file)).toEqual([file]); // the connection was closed
    expect((await app.fail('profile.save', { profile: VALID_PROFILE })).code).toBe('WORKSPACE_LOCKED');
    expect((await app.call('workspace.unlock', { passphrase: PASS })).state).toBe('open');
    expect((await app.call('profile.get', {})).profile).toEqual(VALID_PROFILE);
  });

  it('workspace.status polling does not count as activity', async () => {
    const { clock, app } = await openWithClock();
    for (let i = 0; i < 9; i++) {
      clock.advanceMinutes(1);
      expect((await app.call('workspace.status', {})).state).toBe('open');
      await app.call('workspace.recent', {});
      await app.call('app.info', {});
    }
    clock.advanceMinutes(1); // 10 minutes since the last real use
    expect(await app.call('workspace.status', {})).toMatchObject({ state: 'locked', lockReason: 'idle' });
  });

  it('profile.get counts as activity and restarts the idle period', async () => {
    const { clock, app } = await openWithClock();
    for (let i = 0; i < 5; i++) {
      clock.advanceMinutes(9);
      expect((await app.call('profile.get', {})).profile).toEqual(VALID_PROFILE);
    }
    clock.advanceMinutes(9);
    expect((await app.call('workspace.status', {})).state).toBe('open');
    clock.advanceMinutes(1);
    expect((await app.call('workspace.status', {})).state).toBe('locked');
  });

  it('a failing call (PROFILE_INVALID) still counts as activity', async () => {
    const { clock, app } = await openWithClock();
    clock.advanceMinutes(9);
    expect((await app.fail('profile.save', { profile: { ...VALID_PROFILE, officerPhone: 'x' } })).code).toBe('PROFILE_INVALID');
    clock.advanceMinutes(9);
    expect((await app.call('workspace.status', {})).state).toBe('open');
  });

  it('honours the idleLockMinutes setting', async () => {
    const { clock, app } = await openWithClock();
    await app.call('settings.update', { idleLockMinutes: 2 });
    clock.advanceMinutes(1.5);
    expect((await app.call('workspace.status', {})).state).toBe('open');
    clock.advanceMinutes(0.5);
    expect((await app.call('workspace.status', {})).state).toBe('locked');
    // the setting is stored in the workspace
    const st = await app.call('workspace.unlock', { passphrase: PASS });
    expect(st.idleLockMinutes).toBe(2);
  });

  it('the timer locks an idle workspace without any call', async () => {
    const { clock, app } = await openWithClock({ idleCheckMs: 10 });
    clock.advanceMinutes(10);
    for (let i = 0; i < 100 && app.backend.services.session.state.kind === 'open'; i++) await sleep(10);
    const s = app.backend.services.session.state;
    expect(s.kind).toBe('locked');
    if (s.kind === 'locked') expect(s.reason).toBe('idle');
  });

  it('a manual lock says lockReason manual', async () => {
    const { app } = await openWithClock();
    expect(await app.call('workspace.lock', {})).toMatchObject({ state: 'locked', lockReason: 'manual' });
  });
});
