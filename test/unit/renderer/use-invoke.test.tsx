// @vitest-environment jsdom
/**
 * useInvokeEffect (renderer/api/use-invoke.ts): loads on mount and when its deps change, skips a
 * null input, and drops an answer that comes after unmount or after a newer call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { useState } from 'react';
import { createClient } from '../../../main/api/client';
import type { Result } from '../../../main/api/result';
import { ApiContext } from '../../../renderer/api/context';
import { useInvokeEffect } from '../../../renderer/api/use-invoke';

afterEach(cleanup);

interface Call {
  channel: string;
  input: unknown;
  answer(r: Result<unknown>): void;
}

function fakeClient() {
  const calls: Call[] = [];
  const client = createClient({
    invoke: (channel, input) => new Promise<Result<unknown>>((resolve) => calls.push({ channel, input, answer: resolve })),
  });
  return { client, calls };
}

function Page({ page, skip, seen }: { page: number; skip?: boolean; seen: string[] }) {
  const [label, setLabel] = useState('');
  useInvokeEffect(
    'audit.list',
    skip ? null : { offset: page * 10, limit: 10 },
    (r) => {
      const text = r.ok ? `total ${(r.value as { total: number }).total}` : `error ${r.error.code}`;
      seen.push(text);
      setLabel(text);
    },
    [page],
  );
  return <p data-testid="label">{label}</p>;
}

const ok = (total: number): Result<unknown> => ({ ok: true, value: { total, entries: [] } });

describe('useInvokeEffect', () => {
  it('calls on mount with the input of that render, and gives the answer to the handler', async () => {
    const { client, calls } = fakeClient();
    const seen: string[] = [];
    const r = render(
      <ApiContext.Provider value={client}>
        <Page page={2} seen={seen} />
      </ApiContext.Provider>,
    );
    expect(calls.map((c) => [c.channel, c.input])).toEqual([['audit.list', { offset: 20, limit: 10 }]]);
    await act(async () => calls[0]!.answer(ok(7)));
    expect(r.getByTestId('label').textContent).toBe('total 7');
    expect(seen).toEqual(['total 7']);
  });

  it('calls again when its deps change and drops the older answer that comes late', async () => {
    const { client, calls } = fakeClient();
    const seen: string[] = [];
    const r = render(
      <ApiContext.Provider value={client}>
        <Page page={0} seen={seen} />
      </ApiContext.Provider>,
    );
    r.rerender(
      <ApiContext.Provider value={client}>
        <Page page={1} seen={seen} />
      </ApiContext.Provider>,
    );
    expect(calls.map((c) => c.input)).toEqual([{ offset: 0, limit: 10 }, { offset: 10, limit: 10 }]);
    await act(async () => calls[1]!.answer(ok(2)));
    await act(async () => calls[0]!.answer(ok(1)));
    expect(seen).toEqual(['total 2']);
    expect(r.getByTestId('label').textContent).toBe('total 2');
  });

  it('does not call while the input is null, nor give an answer after unmount', async () => {
    const { client, calls } = fakeClient();
    const seen: string[] = [];
    const r = render(
      <ApiContext.Provider value={client}>
        <Page page={0} skip seen={seen} />
      </ApiContext.Provider>,
    );
    expect(calls).toHaveLength(0);
    r.rerender(
      <ApiContext.Provider value={client}>
        <Page page={1} seen={seen} />
      </ApiContext.Provider>,
    );
    expect(calls).toHaveLength(1);
    r.unmount();
    await act(async () => calls[0]!.answer(ok(3)));
    expect(seen).toEqual([]);
  });
});
