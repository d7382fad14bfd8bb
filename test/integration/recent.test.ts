import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appFactory, PASS, TestClock } from '../helpers/backend';

const apps = appFactory('ds-recent-');

describe('recent workspaces', () => {
  it('remembers created and unlocked workspaces (latest first), marks missing files, forgets on request', async () => {
    const clock = new TestClock();
    const app = apps.app({ now: clock.now });
    expect(await app.call('workspace.recent', {})).toEqual([]);

    const a = apps.wsPath('a');
    const b = apps.wsPath('b');
    await app.call('workspace.create', { path: a, passphrase: PASS, role: 'unit', name: '甲', operator: '' });
    clock.advanceMinutes(1);
    await app.call('workspace.create', { path: b, passphrase: PASS, role: 'bureau', name: '乙', operator: '' });
    let list = await app.call('workspace.recent', {});
    expect(list).toEqual([
      { path: b, name: '乙', role: 'bureau', lastOpenedAt: new Date(clock.t).toISOString(), exists: true },
      { path: a, name: '甲', role: 'unit', lastOpenedAt: new Date(clock.t - 60_000).toISOString(), exists: true },
    ]);

    // Unlocking a moves it to the top with a new time.
    clock.advanceMinutes(1);
    await app.call('workspace.unlock', { path: a, passphrase: PASS });
    list = await app.call('workspace.recent', {});
    expect(list.map((r) => r.path)).toEqual([a, b]);
    expect(list[0]!.lastOpenedAt).toBe(new Date(clock.t).toISOString());

    // A failed unlock is not remembered.
    const c = apps.wsPath('c');
    fs.writeFileSync(c, 'not a workspace');
    await app.fail('workspace.unlock', { path: c, passphrase: PASS });
    expect((await app.call('workspace.recent', {})).map((r) => r.path)).toEqual([a, b]);

    // A deleted file is marked, not dropped.
    await app.call('workspace.close', {});
    fs.rmSync(b);
    list = await app.call('workspace.recent', {});
    expect(list.find((r) => r.path === b)?.exists).toBe(false);
    expect(list.find((r) => r.path === a)?.exists).toBe(true);

    // forget removes one, answers with the remaining list.
    const after = await app.call('workspace.forget', { path: b });
    expect(after.map((r) => r.path)).toEqual([a]);
    expect((await app.call('workspace.recent', {})).map((r) => r.path)).toEqual([a]);
  });

  it('is kept in the config folder, survives a restart, and never holds a passphrase', async () => {
    const first = apps.app();
    const file = apps.wsPath();
    await first.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: '持久', operator: '' });
    const stored = fs.readFileSync(path.join(first.configDir, 'recent-workspaces.json'), 'utf8');
    expect(stored).toContain('持久');
    expect(stored).not.toContain(PASS);
    const second = apps.app({ configDir: first.configDir });
    expect((await second.call('workspace.recent', {})).map((r) => r.name)).toEqual(['持久']);
  });

  it('a damaged recent list reads as empty and is replaced on the next remember', async () => {
    const app = apps.app();
    fs.writeFileSync(path.join(app.configDir, 'recent-workspaces.json'), '{ not json');
    expect(await app.call('workspace.recent', {})).toEqual([]);
    const file = apps.wsPath();
    await app.call('workspace.create', { path: file, passphrase: PASS, role: 'unit', name: 'n', operator: '' });
    expect((await app.call('workspace.recent', {})).map((r) => r.path)).toEqual([file]);
  });

  it('keeps at most 12 entries', async () => {
    const app = apps.app();
    const files: string[] = [];
    for (let i = 0; i < 13; i++) {
      const f = apps.wsPath(`n${i}`);
      files.push(f);
      await app.call('workspace.create', { path: f, passphrase: PASS, role: 'unit', name: `n${i}`, operator: '' });
    }
    const list = await app.call('workspace.recent', {});
    expect(list).toHaveLength(12);
    expect(list[0]!.path).toBe(files[12]);
    expect(list.map((r) => r.path)).not.toContain(files[0]);
  });
});
