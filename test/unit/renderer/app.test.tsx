// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import type { Result } from '../../../main/api/result';
import type { WorkspaceStatus } from '../../../main/domain/workspace';
import { initApi, resetApiForTests } from '../../../renderer/api/index';
import type { HostWindow } from '../../../renderer/api/transport';
import { App } from '../../../renderer/App';
import { useSessionStore } from '../../../renderer/store/session';
import { useViewStore } from '../../../renderer/store/view';

type Handler = (input: unknown) => Result<unknown>;

function preloadHost(handlers: Record<string, Handler>) {
  const calls: { channel: string; input: unknown }[] = [];
  const win: HostWindow = {
    datasteward: {
      async invoke(channel, input) {
        calls.push({ channel, input });
        const h = handlers[channel];
        return h ? h(input) : { ok: false, error: { code: 'UNKNOWN_CHANNEL', message_zh: '未知的请求', message_en: 'Unknown request' } };
      },
    },
    location: window.location,
    history: window.history,
    sessionStorage: window.sessionStorage,
    fetch: (() => Promise.reject(new Error('no fetch'))) as unknown as typeof fetch,
  };
  return { win, calls };
}

const ok = (value: unknown): Result<unknown> => ({ ok: true, value });
const err = (code: string): Result<unknown> => ({ ok: false, error: { code, message_zh: `错误 ${code}`, message_en: `error ${code}` } });
const appInfo = ok({ version: '0.1.0', host: 'electron', platform: 'linux', defaultWorkspaceDir: '/home/u/DataSteward', schemaVersion: 1 });

beforeEach(() => {
  resetApiForTests();
  useSessionStore.setState({ status: null, appInfo: null, connectionError: null, migration: null });
  useViewStore.setState({ closedView: 'welcome', openPath: '', area: 'home', dirty: false, pending: null });
});
afterEach(() => cleanup());

describe('app shell', () => {
  it('explains in both languages when the page has no secret', () => {
    const view = render(<App hostKind="none" />);
    const text = view.getByTestId('no-secret').textContent ?? '';
    expect(text).toContain('请从 DataSteward 给出的地址打开本页');
    expect(text).toContain('Open this page from the address DataSteward printed');
  });

  it('shows the welcome screen with recent workspaces when nothing is open', async () => {
    const { win } = preloadHost({
      'workspace.status': () => ok({ state: 'closed' }),
      'app.info': () => appInfo,
      'workspace.recent': () =>
        ok([
          { path: '/data/a.dsw', name: '甲单位', role: 'unit', lastOpenedAt: '2025-01-01T00:00:00Z', exists: true },
          { path: '/data/gone.dsw', name: '旧工作区', role: 'bureau', lastOpenedAt: '2024-01-01T00:00:00Z', exists: false },
        ]),
    });
    expect(initApi(win)).toBe('preload');
    const view = render(<App hostKind="preload" />);
    await waitFor(() => expect(view.getByTestId('welcome-create').textContent).toBe('新建工作区'));
    expect(view.getByTestId('welcome-open').textContent).toBe('打开工作区');
    await waitFor(() => expect(view.getAllByTestId('recent-item')).toHaveLength(2));
    expect(view.getAllByTestId('recent-missing')).toHaveLength(1);

    // Clicking a recent workspace fills the open form.
    fireEvent.click(view.getAllByTestId('recent-open')[0]!);
    await waitFor(() => expect((document.getElementById('open-path') as HTMLInputElement).value).toBe('/data/a.dsw'));
  });

  it('prefills the file location from the name until the user edits it', async () => {
    const { win, calls } = preloadHost({
      'workspace.status': () => ok({ state: 'closed' }),
      'app.info': () => appInfo,
      'workspace.recent': () => ok([]),
      'workspace.create': (input) => {
        const i = input as { name: string; role: 'unit' | 'bureau'; operator: string };
        const status: WorkspaceStatus = { state: 'open', name: i.name, role: i.role, operator: i.operator, path: '/x.dsw', idleLockMinutes: 10 };
        return ok(status);
      },
      'profile.get': () => ok({ profile: {}, updatedAt: null, issues: [], complete: false }),
    });
    initApi(win);
    const view = render(<App hostKind="preload" />);
    await waitFor(() => view.getByTestId('welcome-create'));
    fireEvent.click(view.getByTestId('welcome-create'));
    await waitFor(() => view.getByTestId('create-form'));
    await waitFor(() => expect(useSessionStore.getState().appInfo).not.toBeNull());
    const name = document.getElementById('create-name') as HTMLInputElement;
    const path = () => document.getElementById('create-path') as HTMLInputElement;
    fireEvent.change(name, { target: { value: '某区卫健委' } });
    expect(path().value).toBe('/home/u/DataSteward/某区卫健委.dsw');

    // Short passphrase and mismatch are refused inline, nothing is sent.
    fireEvent.change(document.getElementById('create-passphrase')!, { target: { value: 'short' } });
    fireEvent.change(document.getElementById('create-passphrase-confirm')!, { target: { value: 'other' } });
    await act(async () => {
      fireEvent.click(view.getByTestId('create-submit'));
    });
    expect(view.getByTestId('field-error-create-passphrase').textContent).toContain('至少需要8个字符');
    expect(view.getByTestId('field-error-create-passphrase-confirm').textContent).toContain('不一致');
    expect(calls.some((c) => c.channel === 'workspace.create')).toBe(false);

    fireEvent.change(path(), { target: { value: '/elsewhere/w.dsw' } });
    fireEvent.change(name, { target: { value: '另一个名字' } });
    expect(path().value).toBe('/elsewhere/w.dsw');

    fireEvent.change(document.getElementById('create-passphrase')!, { target: { value: 'correct horse' } });
    fireEvent.change(document.getElementById('create-passphrase-confirm')!, { target: { value: 'correct horse' } });
    fireEvent.change(document.getElementById('create-operator')!, { target: { value: '李四' } });
    await act(async () => {
      fireEvent.click(view.getByTestId('create-submit'));
    });
    const create = calls.find((c) => c.channel === 'workspace.create');
    expect(create?.input).toEqual({ path: '/elsewhere/w.dsw', passphrase: 'correct horse', role: 'unit', name: '另一个名字', operator: '李四' });
    // A unit workspace goes to the unit profile.
    await waitFor(() => expect(view.getByTestId('nav-profile').getAttribute('aria-current')).toBe('page'));
    expect(view.getByTestId('header-operator').textContent).toContain('李四');
  });

  it('switches to the unlock screen when a call answers WORKSPACE_LOCKED', async () => {
    let locked = false;
    const { win } = preloadHost({
      'workspace.status': () =>
        ok(locked ? { state: 'locked', name: '区数据局', path: '/b.dsw', role: 'bureau', lockReason: 'idle' } : { state: 'open', name: '区数据局', path: '/b.dsw', role: 'bureau', operator: '王五', idleLockMinutes: 10 }),
      'app.info': () => appInfo,
      'audit.list': () => {
        locked = true;
        return err('WORKSPACE_LOCKED');
      },
    });
    initApi(win);
    const view = render(<App hostKind="preload" />);
    await waitFor(() => view.getByTestId('lock-button'));
    expect(view.getByTestId('nav-review').textContent).toContain('数据局');
    fireEvent.click(view.getByTestId('nav-audit'));
    await waitFor(() => view.getByTestId('unlock-page'));
    await waitFor(() => expect(view.getByTestId('unlock-reason').textContent).toContain('自动锁定'));
    expect(view.getByTestId('unlock-path').textContent).toBe('/b.dsw');
    expect(view.getByTestId('unlock-submit').textContent).toBe('解锁');
  });
  it('names the backup file when unlocking migrated the workspace', async () => {
    let open = false;
    const openStatus = { state: 'open', name: '甲单位', path: '/a.dsw', role: 'unit', operator: '张三', idleLockMinutes: 10, schemaVersion: 3 };
    const { win, calls } = preloadHost({
      'workspace.status': () => ok(open ? openStatus : { state: 'locked', name: '甲单位', path: '/a.dsw', role: 'unit', lockReason: 'manual' }),
      'app.info': () => appInfo,
      'workspace.unlock': () => {
        open = true;
        return ok({ ...openStatus, migratedFrom: 2, backupPath: '/a.dsw.v2.bak' });
      },
      'profile.get': () => ok({ profile: {}, updatedAt: null, issues: [], complete: false }),
    });
    initApi(win);
    const view = render(<App hostKind="preload" />);
    await waitFor(() => view.getByTestId('unlock-page'));
    expect(view.getByTestId('unlock-reason').textContent).toContain('手动锁定');
    fireEvent.change(document.getElementById('unlock-passphrase')!, { target: { value: 'correct horse' } });
    await act(async () => {
      fireEvent.submit(view.getByTestId('unlock-form'));
    });
    expect(calls.find((c) => c.channel === 'workspace.unlock')?.input).toEqual({ passphrase: 'correct horse' });
    await waitFor(() => expect(view.getByTestId('migration-notice').textContent).toContain('/a.dsw.v2.bak'));
    expect(view.getByTestId('migration-notice').textContent).toContain('2');
    expect(view.getByTestId('header-workspace-name').textContent).toBe('甲单位');
  });
});
