// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureSecret, SECRET_KEY, selectTransport, type HostWindow } from '../../../renderer/api/transport';

function jsdomHost(fetchFn: typeof fetch, extra: Partial<HostWindow> = {}): HostWindow {
  return { location: window.location, history: window.history, sessionStorage: window.sessionStorage, fetch: fetchFn, ...extra };
}

const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('transport selection', () => {
  it('uses the preload bridge when window.datasteward is present', async () => {
    const bridge = { invoke: vi.fn(async () => ({ ok: true as const, value: { state: 'closed' } })) };
    const fetchFn = vi.fn();
    window.history.replaceState(null, '', '/#k=should-not-be-needed');
    const sel = selectTransport(jsdomHost(fetchFn as unknown as typeof fetch, { datasteward: bridge }));
    expect(sel.kind).toBe('preload');
    if (sel.kind === 'none') throw new Error('unreachable');
    const r = await sel.transport.invoke('workspace.status', {});
    expect(r).toEqual({ ok: true, value: { state: 'closed' } });
    expect(bridge.invoke).toHaveBeenCalledWith('workspace.status', {});
    expect(fetchFn).not.toHaveBeenCalled();
  });

  it('turns a throwing bridge into a NETWORK envelope', async () => {
    const bridge = { invoke: vi.fn(async () => Promise.reject(new Error('gone'))) };
    const sel = selectTransport(jsdomHost(vi.fn() as unknown as typeof fetch, { datasteward: bridge }));
    if (sel.kind === 'none') throw new Error('unreachable');
    const r = await sel.transport.invoke('app.info', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('NETWORK');
  });

  it('otherwise posts to /api/invoke with the Bearer secret from the fragment, and strips the fragment', async () => {
    window.history.replaceState(null, '', '/index.html?x=1#k=s3cr3t-value');
    const fetchFn = vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => jsonResponse({ ok: true, value: { state: 'closed' } }));
    const sel = selectTransport(jsdomHost(fetchFn as unknown as typeof fetch));
    expect(sel.kind).toBe('browser');
    expect(window.location.hash).toBe('');
    expect(window.location.pathname + window.location.search).toBe('/index.html?x=1');
    expect(window.sessionStorage.getItem(SECRET_KEY)).toBe('s3cr3t-value');
    if (sel.kind === 'none') throw new Error('unreachable');

    const r = await sel.transport.invoke('workspace.status', {});
    expect(r).toEqual({ ok: true, value: { state: 'closed' } });
    expect(fetchFn).toHaveBeenCalledTimes(1);
    const [url, init] = fetchFn.mock.calls[0]!;
    expect(url).toBe('/api/invoke');
    expect(init?.method).toBe('POST');
    const headers = init?.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer s3cr3t-value');
    expect(headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(String(init?.body))).toEqual({ channel: 'workspace.status', input: {} });
  });

  it('keeps the secret in sessionStorage across a reload without the fragment', () => {
    window.sessionStorage.setItem(SECRET_KEY, 'kept');
    expect(captureSecret(jsdomHost(vi.fn() as unknown as typeof fetch))).toBe('kept');
  });

  it('returns the error envelope of a 4xx answer as it is', async () => {
    window.history.replaceState(null, '', '/#k=abc');
    const envelope = { ok: false, error: { code: 'UNAUTHORIZED', message_zh: '未授权', message_en: 'Unauthorized' } };
    const sel = selectTransport(jsdomHost((async () => jsonResponse(envelope, 401)) as unknown as typeof fetch));
    if (sel.kind === 'none') throw new Error('unreachable');
    expect(await sel.transport.invoke('app.info', {})).toEqual(envelope);
  });

  it('makes a bilingual HOST_REFUSED envelope when the body is not JSON, NETWORK when fetch fails', async () => {
    window.history.replaceState(null, '', '/#k=abc');
    const html = (async () => new Response('<html>bad gateway</html>', { status: 502 })) as unknown as typeof fetch;
    const sel = selectTransport(jsdomHost(html));
    if (sel.kind === 'none') throw new Error('unreachable');
    const r = await sel.transport.invoke('app.info', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('HOST_REFUSED');
      expect(r.error.message_zh).toMatch(/[\u4e00-\u9fff]/);
      expect(r.error.message_en).toMatch(/refused/);
    }
    const down = selectTransport(jsdomHost((async () => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch));
    if (down.kind === 'none') throw new Error('unreachable');
    const r2 = await down.transport.invoke('app.info', {});
    expect(!r2.ok && r2.error.code).toBe('NETWORK');
  });

  it('has no transport without preload and without secret', () => {
    expect(selectTransport(jsdomHost(vi.fn() as unknown as typeof fetch)).kind).toBe('none');
  });
});
