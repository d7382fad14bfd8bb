// @vitest-environment jsdom
/**
 * The reviewer's keyboard worklist: a 100,000-entry filing keeps only the rows in view in the DOM
 * and fetches only the pages it shows; j/k and End move the cursor; a accepts the entry under the
 * cursor and moves on; r puts the focus in the comment box, Enter without a comment is refused
 * there, Enter with one returns the entry; Escape goes back to the list.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, waitFor } from '@testing-library/react';
import { createClient, type Client } from '../../../main/api/client';
import type { Result } from '../../../main/api/result';
import type { ReviewEntry } from '../../../main/domain/bureau';
import { ApiContext } from '../../../renderer/api/context';
import { Worklist } from '../../../renderer/views/review/Worklist';
import { useReviewStore } from '../../../renderer/store/review';
import { useLangStore } from '../../../renderer/store/lang';

const TOTAL = 100_000;
const dataIdAt = (i: number) => `SYS01-T${String(Math.floor(i / 10)).padStart(5, '0')}-F${String(i % 10).padStart(3, '0')}`;

function row(i: number): ReviewEntry {
  return {
    dataId: dataIdAt(i),
    kind: 'item',
    resourceDataId: 'SYS01-T00000',
    systemName: '医院信息系统',
    resourceName: '患者基本信息表',
    itemName: `数据项${i}`,
    category1: '',
    level: '一般数据3级',
    suggestedLevel: '一般数据4级',
    rationale: '',
    isSensitivePersonalInfo: '是',
    flags: [{ code: 'FLAG_SENSITIVE_BELOW_4', message_zh: '敏感个人信息低于一般数据4级', message_en: 'Sensitive personal information below 一般数据4级' }],
    decision: null,
  };
}

function fakeClient() {
  const calls: { channel: string; input: Record<string, unknown> }[] = [];
  let acceptedSoFar = 0;
  const ok = <T,>(value: T): Result<T> => ({ ok: true, value });
  const client: Client = createClient({
    async invoke(channel, input) {
      const i = input as Record<string, unknown>;
      calls.push({ channel, input: i });
      if (channel === 'bureau.entries') {
        const offset = i.offset as number;
        const limit = i.limit as number;
        const rows: ReviewEntry[] = [];
        for (let k = offset; k < Math.min(TOTAL, offset + limit); k++) rows.push(row(k));
        return ok({ total: TOTAL, rows });
      }
      if (channel === 'bureau.decideEntries') {
        // As the backend: decided in this call; accepted / returned in the whole filing.
        const n = (i.dataIds as string[]).length;
        if (i.decision === 'accept') acceptedSoFar += n;
        return ok({ decided: n, accepted: acceptedSoFar, returned: 0 });
      }
      if (channel === 'bureau.clearDecisions') return ok({ cleared: 1 });
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message_zh: '未知的请求', message_en: 'Unknown request' } };
    },
  });
  return { client, calls, of: (c: string) => calls.filter((x) => x.channel === c) };
}

function mount(client: Client) {
  let decided = 0;
  const view = render(
    <ApiContext.Provider value={client}>
      <Worklist filingId={5} editable onDecided={() => decided++} />
    </ApiContext.Provider>,
  );
  return { view, decided: () => decided };
}

const list = () => document.querySelector<HTMLElement>('[data-testid="worklist"]')!;
const cursorRow = () => document.querySelector<HTMLElement>('[data-testid="worklist-row"][aria-selected="true"]');
const key = (el: HTMLElement, k: string, extra: Partial<KeyboardEventInit> = {}) =>
  act(() => {
    fireEvent.keyDown(el, { key: k, ...extra });
  });

beforeEach(() => {
  useLangStore.setState({ lang: 'zh-CN' });
  useReviewStore.setState({ workspacePath: '/tmp/b.dsw', page: 'filings', filingId: 5, tab: 'flags', worklist: { flaggedOnly: true }, cursor: 0 });
});
afterEach(cleanup);

describe('the review worklist', () => {
  it('keeps a 100,000-entry worklist to the rows in view and fetches only the pages it shows', async () => {
    const api = fakeClient();
    mount(api.client);
    await waitFor(() => expect(document.querySelector('[data-testid="worklist-total"]')!.getAttribute('data-total')).toBe(String(TOTAL)));
    await waitFor(() => expect(cursorRow()?.getAttribute('data-data-id')).toBe(dataIdAt(0)));
    expect(document.querySelectorAll('[data-testid="worklist-row"]').length).toBeLessThan(40);
    expect(api.of('bureau.entries').every((c) => c.input.flaggedOnly === true && c.input.filingId === 5)).toBe(true);

    list().focus();
    await key(list(), 'End');
    expect(list().getAttribute('data-cursor')).toBe(String(TOTAL - 1));
    await waitFor(() => expect(api.of('bureau.entries').some((c) => (c.input.offset as number) + (c.input.limit as number) >= TOTAL)).toBe(true));
    // Only a handful of pages were ever asked for.
    expect(api.of('bureau.entries').length).toBeLessThan(6);
  });

  it('moves with j and k, accepts with a, and returns with r, a comment and Enter', async () => {
    const api = fakeClient();
    const m = mount(api.client);
    await waitFor(() => expect(cursorRow()?.getAttribute('data-data-id')).toBe(dataIdAt(0)));
    list().focus();
    await key(list(), 'j');
    await key(list(), 'j');
    await key(list(), 'k');
    expect(cursorRow()?.getAttribute('data-data-id')).toBe(dataIdAt(1));

    await key(list(), 'a');
    await waitFor(() => expect(api.of('bureau.decideEntries')).toHaveLength(1));
    expect(api.of('bureau.decideEntries')[0]!.input).toMatchObject({ filingId: 5, dataIds: [dataIdAt(1)], decision: 'accept' });
    await waitFor(() => expect(cursorRow()?.getAttribute('data-data-id')).toBe(dataIdAt(2)));
    expect(document.querySelector(`[data-data-id="${dataIdAt(1)}"]`)!.getAttribute('data-decision')).toBe('accept');
    expect(m.decided()).toBe(1);

    // r: the comment box; Enter with nothing written is refused there and nothing is sent.
    await key(list(), 'r');
    const box = document.querySelector<HTMLTextAreaElement>('#review-comment')!;
    expect(document.activeElement).toBe(box);
    await key(box, 'Enter');
    expect(document.querySelector('[data-testid="review-comment-error"]')).not.toBeNull();
    expect(api.of('bureau.decideEntries')).toHaveLength(1);
    // Shift+Enter is a new line, not a save.
    await act(() => {
      fireEvent.change(box, { target: { value: '级别偏低' } });
    });
    await key(box, 'Enter', { shiftKey: true });
    expect(api.of('bureau.decideEntries')).toHaveLength(1);
    await key(box, 'Enter');
    await waitFor(() => expect(api.of('bureau.decideEntries')).toHaveLength(2));
    expect(api.of('bureau.decideEntries')[1]!.input).toMatchObject({ dataIds: [dataIdAt(2)], decision: 'return', comment: '级别偏低' });
    await waitFor(() => expect(document.activeElement).toBe(list()));
    expect(cursorRow()?.getAttribute('data-data-id')).toBe(dataIdAt(3));

    // Escape from the comment box goes back to the list without saving.
    await key(list(), 'r');
    await key(box, 'Escape');
    expect(document.activeElement).toBe(list());
    expect(api.of('bureau.decideEntries')).toHaveLength(2);

    // u withdraws a decision (back on the returned row).
    await key(list(), 'k');
    await key(list(), 'u');
    await waitFor(() => expect(api.of('bureau.clearDecisions')).toHaveLength(1));
    expect(api.of('bureau.clearDecisions')[0]!.input).toMatchObject({ dataIds: [dataIdAt(2)] });
  });

  it('accepts every open entry of the list after confirming, in chunks, with the list filter kept', async () => {
    const api = fakeClient();
    mount(api.client);
    await waitFor(() => expect(cursorRow()?.getAttribute('data-data-id')).toBe(dataIdAt(0)));
    await act(() => {
      fireEvent.click(document.querySelector('[data-testid="worklist-accept-rest"]')!);
    });
    await waitFor(() => expect(document.querySelector('[data-testid="confirm-dialog"]')).not.toBeNull());
    expect(document.querySelector('#confirm-dialog-body')!.textContent).toContain(String(TOTAL));
    expect(api.of('bureau.decideEntries')).toHaveLength(0);
    await act(() => {
      fireEvent.click(document.querySelector('[data-testid="confirm-ok"]')!);
    });
    await waitFor(() => expect(document.querySelector('[data-testid="worklist-status"]')!.textContent).toContain(String(TOTAL)), { timeout: 5000 });
    const calls = api.of('bureau.decideEntries');
    expect(calls.length).toBe(10);
    const ids = calls.flatMap((c) => c.input.dataIds as string[]);
    expect(new Set(ids).size).toBe(TOTAL);
    expect(calls.every((c) => c.input.decision === 'accept' && c.input.filingId === 5)).toBe(true);
    expect(api.of('bureau.entries').filter((c) => c.input.decision === 'none').every((c) => c.input.flaggedOnly === true)).toBe(true);
  });
});
