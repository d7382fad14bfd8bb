import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch';
import { CHANNELS, contract, type Channel, type ChannelInput } from '../../../main/api/contract';
import type { Handlers } from '../../../main/api/handlers';
import { DomainError } from '../../../main/domain/errors';
import { VALID_PROFILE } from '../../helpers/fixtures';

const ctx = { via: 'test' } as const;

/** Every channel answers `{ channel, input }` unless `impl` says otherwise; calls are recorded. */
function setup(impl: Partial<Record<Channel, (input: unknown) => unknown>> = {}) {
  const calls: { channel: Channel; input: unknown }[] = [];
  const handlers = Object.fromEntries(
    CHANNELS.map((c) => [
      c,
      (input: unknown) => {
        calls.push({ channel: c, input });
        const f = impl[c];
        return f ? f(input) : { channel: c, input };
      },
    ]),
  ) as unknown as Handlers;
  const log = vi.fn();
  const onActivity = vi.fn();
  const dispatch = createDispatcher(handlers, { log, onActivity });
  return { dispatch, calls, log, onActivity };
}

/** A valid input for each channel (a channel added later without an entry here is not covered). */
const VALID: { [C in Channel]?: ChannelInput<C> } = {
  'app.info': {},
  'workspace.status': {},
  'workspace.recent': {},
  'workspace.forget': { path: '/tmp/a.dsw' },
  'workspace.create': { path: '/tmp/a.dsw', passphrase: 'long enough', role: 'unit', name: 'n', operator: 'o' },
  'workspace.unlock': { passphrase: 'long enough' },
  'workspace.lock': {},
  'workspace.close': {},
  'workspace.changePassphrase': { current: 'long enough', next: 'longer enough' },
  'settings.update': { idleLockMinutes: 5 },
  'profile.get': {},
  'profile.save': { profile: VALID_PROFILE },
  'audit.list': { offset: 0, limit: 10 },
  'audit.verify': {},
};

describe('dispatch: channels', () => {
  it('passes a valid call to its handler and wraps the answer', async () => {
    const { dispatch, calls } = setup();
    const r = await dispatch('workspace.status', {}, ctx);
    expect(r).toEqual({ ok: true, value: { channel: 'workspace.status', input: {} } });
    expect(calls).toHaveLength(1);
  });

  it.each(Object.entries(VALID))('%s accepts its valid input', async (channel, input) => {
    const { dispatch } = setup();
    expect((await dispatch(channel, input, ctx)).ok).toBe(true);
  });

  it.each(['profile.delete', '', 'PROFILE.GET', 'profile.get ', 'workspace', 'contract'])('refuses the unknown channel %j', async (channel) => {
    const { dispatch, calls, onActivity } = setup();
    const r = await dispatch(channel, {}, ctx);
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'UNKNOWN_CHANNEL', details: { channel } }) });
    expect(calls).toEqual([]);
    expect(onActivity).not.toHaveBeenCalled();
  });

  it.each(['__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__', '__lookupGetter__'])(
    'refuses the prototype name %j as UNKNOWN_CHANNEL',
    async (channel) => {
      const { dispatch, calls } = setup();
      const r = await dispatch(channel, {}, ctx);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('UNKNOWN_CHANNEL');
      expect(calls).toEqual([]);
    },
  );

  it('refuses channels that are not strings, with an envelope, never an exception', async () => {
    const { dispatch, calls } = setup();
    const odd: unknown[] = [42, null, undefined, true, {}, ['profile.get'], Symbol('profile.get'), Object.create(null), JSON.parse('{"toString":1}'), { toString: () => 'profile.get' }];
    for (const channel of odd) {
      const r = await dispatch(channel, {}, ctx);
      expect(r.ok, String(typeof channel)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('UNKNOWN_CHANNEL');
    }
    expect(calls).toEqual([]);
  });

  it('echoes at most 100 characters of an unknown channel name', async () => {
    const { dispatch } = setup();
    const r = await dispatch('x'.repeat(10_000), {}, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect((r.error.details as { channel: string }).channel).toHaveLength(100);
  });
});

describe('dispatch: input validation', () => {
  const invalid = async (channel: string, input: unknown) => {
    const { dispatch, calls, onActivity } = setup();
    const r = await dispatch(channel, input, ctx);
    expect(calls).toEqual([]);
    expect(onActivity).not.toHaveBeenCalled();
    if (r.ok) throw new Error('expected INVALID_INPUT');
    expect(r.error.code).toBe('INVALID_INPUT');
    expect(r.error.message_zh).toBeTruthy();
    expect(r.error.message_en).toBeTruthy();
    return (r.error.details as { issues: { path: string[]; message: string }[] }).issues;
  };

  it('refuses an extra key at the top level (strict objects)', async () => {
    const issues = await invalid('workspace.status', { extra: 1 });
    expect(issues).toEqual([{ path: [], message: expect.stringContaining('extra') }]);
  });

  it('refuses an extra key inside the profile', async () => {
    const issues = await invalid('profile.save', { profile: { ...VALID_PROFILE, isAdmin: true } });
    expect(issues).toEqual([{ path: ['profile'], message: expect.stringContaining('isAdmin') }]);
  });

  it('refuses an extra key beside the profile', async () => {
    const issues = await invalid('profile.save', { profile: VALID_PROFILE, force: true });
    expect(issues[0]!.message).toContain('force');
  });

  it('refuses a missing field with its path', async () => {
    const { unitName: _, ...rest } = VALID_PROFILE;
    const issues = await invalid('profile.save', { profile: rest });
    expect(issues).toContainEqual({ path: ['profile', 'unitName'], message: expect.any(String) });
  });

  it('refuses wrong types, out-of-range numbers, unknown enum values and over-long strings', async () => {
    expect((await invalid('audit.list', { limit: '10' }))[0]!.path).toEqual(['limit']);
    expect((await invalid('audit.list', { limit: 501 }))[0]!.path).toEqual(['limit']);
    expect((await invalid('audit.list', { offset: -1 }))[0]!.path).toEqual(['offset']);
    expect((await invalid('settings.update', { idleLockMinutes: 1.5 }))[0]!.path).toEqual(['idleLockMinutes']);
    expect((await invalid('settings.update', { idleLockMinutes: 241 }))[0]!.path).toEqual(['idleLockMinutes']);
    expect((await invalid('workspace.create', { ...VALID['workspace.create'], role: 'admin' }))[0]!.path).toEqual(['role']);
    expect((await invalid('workspace.unlock', { passphrase: 'x'.repeat(1025) }))[0]!.path).toEqual(['passphrase']);
    expect((await invalid('workspace.forget', { path: '' }))[0]!.path).toEqual(['path']);
  });

  it.each([['a string'], [42], [[]], [true]])('refuses the non-object input %j', async (input) => {
    await invalid('profile.get', input);
  });

  it('treats a missing input as {} and applies defaults', async () => {
    const { dispatch, calls } = setup();
    expect((await dispatch('workspace.status', undefined, ctx)).ok).toBe(true);
    expect((await dispatch('audit.list', null, ctx)).ok).toBe(true);
    expect(calls[1]!.input).toEqual({ offset: 0, limit: 100 });
  });
});

describe('dispatch: failures', () => {
  it('a DomainError becomes its own envelope', async () => {
    const { dispatch, log } = setup({
      'profile.get': () => {
        throw new DomainError('WORKSPACE_LOCKED', '已锁定', 'Locked', { hint: 1 });
      },
    });
    const r = await dispatch('profile.get', {}, ctx);
    expect(r).toEqual({ ok: false, error: { code: 'WORKSPACE_LOCKED', message_zh: '已锁定', message_en: 'Locked', details: { hint: 1 } } });
    expect(log).not.toHaveBeenCalled();
  });

  it('a plain Error becomes INTERNAL, with no stack, no file path and no message in the answer', async () => {
    const err = new Error('secret detail: /home/officer/工作区.dsw');
    const { dispatch, log } = setup({
      'profile.get': () => {
        throw err;
      },
    });
    const r = await dispatch('profile.get', {}, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INTERNAL');
    const text = JSON.stringify(r);
    expect(err.stack).toBeTruthy();
    expect(text).not.toContain('secret detail');
    expect(text).not.toMatch(/\bat\s.+:\d+:\d+/); // a stack frame
    expect(text).not.toContain('.ts');
    expect(text).not.toContain('/home/');
    expect(text).not.toContain(import.meta.dirname);
    expect(text).not.toContain(process.cwd());
    expect(Object.keys(r.ok ? {} : r.error).sort()).toEqual(['code', 'message_en', 'message_zh']);
    // The details go to the log instead.
    expect(log).toHaveBeenCalledWith(expect.stringContaining('profile.get'), err);
  });

  it('a rejected promise and a thrown non-Error are INTERNAL too', async () => {
    const { dispatch } = setup({
      'audit.verify': () => Promise.reject(new TypeError('x is undefined')),
      'audit.list': () => {
        throw 'a string';
      },
      'profile.get': () => {
        throw null;
      },
    });
    for (const ch of ['audit.verify', 'audit.list', 'profile.get']) {
      const r = await dispatch(ch, {}, ctx);
      expect(r.ok ? 'ok' : r.error.code, ch).toBe('INTERNAL');
    }
  });

  it.each([
    ['SQLITE_FULL', 'DISK_FULL'],
    ['SQLITE_READONLY', 'READ_ONLY'],
    ['SQLITE_READONLY_DBMOVED', 'READ_ONLY'],
    ['SQLITE_BUSY', 'BUSY'],
    ['SQLITE_LOCKED', 'BUSY'],
    ['SQLITE_CORRUPT', 'WORKSPACE_CORRUPT'],
    ['SQLITE_NOTADB', 'WORKSPACE_CORRUPT'],
    ['SQLITE_CONSTRAINT_TRIGGER', 'INTERNAL'],
    ['ENOSPC', 'INTERNAL'],
  ])('an error coded %s maps to %s', async (sqliteCode, code) => {
    const { dispatch } = setup({
      'profile.save': () => {
        throw Object.assign(new Error('disk I/O'), { code: sqliteCode });
      },
    });
    const r = await dispatch('profile.save', { profile: VALID_PROFILE }, ctx);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
    expect(JSON.stringify(r)).not.toContain('disk I/O');
  });

  it('a real SQLITE_FULL from the database (page limit reached) maps to DISK_FULL', async () => {
    const db = new Database(':memory:');
    try {
      db.exec('CREATE TABLE t (x TEXT)');
      db.pragma('max_page_count = 3');
      const { dispatch } = setup({
        'profile.save': () => db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100_000)),
      });
      const r = await dispatch('profile.save', { profile: VALID_PROFILE }, ctx);
      expect(r.ok ? 'ok' : r.error.code).toBe('DISK_FULL');
      if (!r.ok) expect(r.error.message_zh).toContain('磁盘空间不足');
    } finally {
      db.close();
    }
  });
});

describe('dispatch: activity', () => {
  it('calls onActivity exactly for the channels whose contract says activity: true', async () => {
    for (const [channel, input] of Object.entries(VALID)) {
      const { dispatch, onActivity } = setup();
      await dispatch(channel, input, ctx);
      expect(onActivity.mock.calls.length, channel).toBe(contract[channel as Channel].activity ? 1 : 0);
    }
  });

  it('status polling is not activity; reading the profile is', async () => {
    expect(contract['workspace.status'].activity).toBe(false);
    expect(contract['profile.get'].activity).toBe(true);
    const { dispatch, onActivity } = setup();
    await dispatch('workspace.status', {}, ctx);
    await dispatch('workspace.recent', {}, ctx);
    await dispatch('app.info', {}, ctx);
    expect(onActivity).not.toHaveBeenCalled();
    await dispatch('profile.get', {}, ctx);
    expect(onActivity).toHaveBeenCalledTimes(1);
  });

  it('counts activity before the handler runs, even when the handler fails', async () => {
    const order: string[] = [];
    const handlers = Object.fromEntries(
      CHANNELS.map((c) => [
        c,
        () => {
          order.push('handler');
          throw new Error('x');
        },
      ]),
    ) as unknown as Handlers;
    const dispatch = createDispatcher(handlers, { log: () => {}, onActivity: () => order.push('activity') });
    await dispatch('profile.get', {}, ctx);
    expect(order).toEqual(['activity', 'handler']);
  });
});
