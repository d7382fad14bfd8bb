// @vitest-environment jsdom
/**
 * Shared components: the keyboard tab strip (renderer/components/Tabs.tsx), the path proposed
 * beside the workspace, and the file chooser's folder listing when answers arrive out of order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { createClient } from '../../../main/api/client';
import type { FolderListing } from '../../../main/domain/files';
import { ApiContext } from '../../../renderer/api/context';
import { Tabs, tabPanelProps } from '../../../renderer/components/Tabs';
import { FileChooser, siblingPath } from '../../../renderer/components/FileChooser';

type K = 'a' | 'b' | 'c';
const KEYS: K[] = ['a', 'b', 'c'];

function Strip({ onSelect }: { onSelect?(k: K): void }) {
  const [tab, setTab] = useState<K>('a');
  return (
    <>
      <Tabs
        tabs={KEYS.map((k) => ({ key: k, label: `Tab ${k}` }))}
        selected={tab}
        onSelect={(k) => {
          onSelect?.(k);
          setTab(k);
        }}
        label="Sections"
        idPrefix="t"
      />
      <div {...tabPanelProps('t', tab)} data-testid="panel">
        {tab}
      </div>
    </>
  );
}

afterEach(cleanup);

describe('Tabs', () => {
  it('is a labelled tab list; only the selected tab is in the Tab order and it names its panel', () => {
    const r = render(<Strip />);
    const list = r.getByRole('tablist', { name: 'Sections' });
    const tabs = r.getAllByRole('tab');
    expect(list).toBeTruthy();
    expect(tabs.map((x) => x.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    expect(tabs.map((x) => x.tabIndex)).toEqual([0, -1, -1]);
    expect(tabs[0]!.getAttribute('aria-controls')).toBe('t-panel-a');
    const panel = r.getByRole('tabpanel');
    expect(panel.id).toBe('t-panel-a');
    expect(panel.getAttribute('aria-labelledby')).toBe('t-tab-a');
    expect(r.getByTestId('t-tab-b').textContent).toBe('Tab b');
  });

  it('moves with the arrow keys (wrapping), Home and End, selecting and focusing the tab', () => {
    const r = render(<Strip />);
    const tab = (k: K) => r.getByTestId(`t-tab-${k}`);
    tab('a').focus();
    fireEvent.keyDown(tab('a'), { key: 'ArrowRight' });
    expect(tab('b').getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tab('b'));
    expect(r.getByTestId('panel').textContent).toBe('b');
    fireEvent.keyDown(tab('b'), { key: 'End' });
    expect(document.activeElement).toBe(tab('c'));
    fireEvent.keyDown(tab('c'), { key: 'ArrowRight' });
    expect(document.activeElement).toBe(tab('a'));
    fireEvent.keyDown(tab('a'), { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(tab('c'));
    fireEvent.keyDown(tab('c'), { key: 'Home' });
    expect(document.activeElement).toBe(tab('a'));
    expect(tab('a').tabIndex).toBe(0);
    expect(tab('c').tabIndex).toBe(-1);
  });

  it('ignores other keys and does not report a click on the tab already selected', () => {
    const picked: K[] = [];
    const r = render(<Strip onSelect={(k) => picked.push(k)} />);
    fireEvent.keyDown(r.getByTestId('t-tab-a'), { key: 'ArrowDown' });
    fireEvent.click(r.getByTestId('t-tab-a'));
    expect(picked).toEqual([]);
    fireEvent.click(r.getByTestId('t-tab-c'));
    expect(picked).toEqual(['c']);
  });
});

describe('siblingPath', () => {
  it('puts the file name in the folder of the given path, with its separator', () => {
    expect(siblingPath('/home/li/work space/unit.dsw', 'report 2026.docx')).toBe('/home/li/work space/report 2026.docx');
    expect(siblingPath('C:\\Users\\li\\unit.dsw', 'out.xlsx')).toBe('C:\\Users\\li\\out.xlsx');
    expect(siblingPath('', 'out.xlsx')).toBe('out.xlsx');
  });
});

function listing(dir: string, names: string[]): FolderListing {
  return {
    dir,
    parent: '/',
    entries: names.map((n) => ({ name: n, path: `${dir}/${n}`, kind: 'file' as const, size: 10, modified: '2026-01-01T00:00:00Z' })),
    truncated: false,
    places: [{ label: 'home', path: '/home/li' }],
    sep: '/',
  };
}

describe('FileChooser', () => {
  it('keeps the folder the user went to when the first listing answers last', async () => {
    const pending: { dir: string | undefined; resolve(): void }[] = [];
    const client = createClient({
      invoke(channel, input) {
        const dir = (input as { dir?: string }).dir;
        if (channel !== 'files.list') return Promise.resolve({ ok: false, error: { code: 'X', message_zh: 'x', message_en: 'x' } });
        return new Promise((resolve) => {
          pending.push({ dir, resolve: () => resolve({ ok: true, value: dir === '/data' ? listing('/data', ['ledger.xlsx']) : listing('/home/li', ['old.xlsx']) }) });
        });
      },
    });
    const r = render(
      <ApiContext.Provider value={client}>
        <FileChooser mode="open" testId="fc" onChoose={() => undefined} onCancel={() => undefined} />
      </ApiContext.Provider>,
    );
    await waitFor(() => expect(pending).toHaveLength(1));
    fireEvent.change(r.getByTestId('fc-dir'), { target: { value: '/data' } });
    fireEvent.click(r.getByTestId('fc-go'));
    await waitFor(() => expect(pending).toHaveLength(2));
    pending[1]!.resolve();
    await waitFor(() => expect(r.getAllByTestId('fc-entry').map((e) => e.getAttribute('data-name'))).toEqual(['ledger.xlsx']));
    pending[0]!.resolve();
    await new Promise((res) => setTimeout(res, 20));
    expect(r.getAllByTestId('fc-entry').map((e) => e.getAttribute('data-name'))).toEqual(['ledger.xlsx']);
    expect((r.getByTestId('fc-dir') as HTMLInputElement).value).toBe('/data');
  });

  it('keeps the folder the user typed when the first listing answers before they press Go', async () => {
    const pending: { dir: string | undefined; resolve(): void }[] = [];
    const client = createClient({
      invoke(_channel, input) {
        const dir = (input as { dir?: string }).dir;
        return new Promise((resolve) => {
          pending.push({ dir, resolve: () => resolve({ ok: true, value: dir === '/data' ? listing('/data', ['first.dsp']) : listing('/home/li', ['old.xlsx']) }) });
        });
      },
    });
    const r = render(
      <ApiContext.Provider value={client}>
        <FileChooser mode="openMany" testId="fc" onChoose={() => undefined} onCancel={() => undefined} />
      </ApiContext.Provider>,
    );
    await waitFor(() => expect(pending).toHaveLength(1));
    fireEvent.change(r.getByTestId('fc-dir'), { target: { value: '/data' } });
    pending[0]!.resolve();
    await waitFor(() => expect(r.getAllByTestId('fc-entry').map((e) => e.getAttribute('data-name'))).toEqual(['old.xlsx']));
    expect((r.getByTestId('fc-dir') as HTMLInputElement).value).toBe('/data');
    fireEvent.click(r.getByTestId('fc-go'));
    await waitFor(() => expect(pending).toHaveLength(2));
    expect(pending[1]!.dir).toBe('/data');
    pending[1]!.resolve();
    await waitFor(() => expect(r.getAllByTestId('fc-entry').map((e) => e.getAttribute('data-name'))).toEqual(['first.dsp']));
  });

  it('keeps the folder the user typed even when the first listing is asked for after they typed', async () => {
    // The starting folder is gone: the default folder is asked for only after that answer, and
    // the user has typed in the meantime (as on a slow machine, where the first request can also
    // start after the typing).
    const pending: { dir: string | undefined; resolve(): void }[] = [];
    const client = createClient({
      invoke(_channel, input) {
        const dir = (input as { dir?: string }).dir;
        return new Promise((resolve) => {
          pending.push({
            dir,
            resolve: () =>
              resolve(dir === '/gone' ? { ok: false, error: { code: 'FILES_DIR_UNREADABLE', message_zh: 'x', message_en: 'x' } } : { ok: true, value: listing('/home/li', ['old.xlsx']) }),
          });
        });
      },
    });
    const r = render(
      <ApiContext.Provider value={client}>
        <FileChooser mode="open" initialPath="/gone/x.xlsx" testId="fc" onChoose={() => undefined} onCancel={() => undefined} />
      </ApiContext.Provider>,
    );
    await waitFor(() => expect(pending).toHaveLength(1));
    fireEvent.change(r.getByTestId('fc-dir'), { target: { value: '/data' } });
    pending[0]!.resolve();
    await waitFor(() => expect(pending).toHaveLength(2));
    expect(pending[1]!.dir).toBeUndefined();
    pending[1]!.resolve();
    await waitFor(() => expect(r.getAllByTestId('fc-entry').map((e) => e.getAttribute('data-name'))).toEqual(['old.xlsx']));
    expect((r.getByTestId('fc-dir') as HTMLInputElement).value).toBe('/data');
  });

  it('shows the default folder, with the error, when the starting folder cannot be read', async () => {
    const client = createClient({
      invoke(_channel, input) {
        const dir = (input as { dir?: string }).dir;
        if (dir === '/gone') return Promise.resolve({ ok: false, error: { code: 'FILES_DIR_UNREADABLE', message_zh: 'folder /gone (zh)', message_en: 'Cannot open the folder /gone' } });
        return Promise.resolve({ ok: true, value: listing('/home/li', ['a.xlsx']) });
      },
    });
    const r = render(
      <ApiContext.Provider value={client}>
        <FileChooser mode="open" initialPath="/gone/x.xlsx" testId="fc" onChoose={() => undefined} onCancel={() => undefined} />
      </ApiContext.Provider>,
    );
    await waitFor(() => expect(r.getAllByTestId('fc-entry')).toHaveLength(1));
    expect(r.getByTestId('fc-error').textContent).toContain('/gone');
    expect((r.getByTestId('fc-dir') as HTMLInputElement).value).toBe('/home/li');
  });
});
