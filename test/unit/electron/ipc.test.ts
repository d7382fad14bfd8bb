import { describe, expect, it, vi } from 'vitest';
import type { Backend } from '../../../main/backend/backend';
import type { Result } from '../../../main/api/result';
import { IPC_CHANNEL, SENDER_REFUSED, checkSender, createIpcHandler, type FrameLike } from '../../../main/electron/ipc';

interface Frame {
  url: string;
  origin?: string;
  parent: Frame | null;
  processId: number;
  frameToken: string;
  isDestroyed(): boolean;
}

function frame(url: string, parent: Frame | null = null, token = 'main-token', processId = 4): Frame {
  let origin: string | undefined;
  try {
    const u = new URL(url);
    origin = u.protocol === 'app:' ? `app://${u.host}` : u.origin;
  } catch {
    origin = undefined;
  }
  return { url, origin, parent, processId, frameToken: token, isDestroyed: () => false };
}

const MAIN_URL = 'app://datasteward/index.html';

function fakeBackend() {
  const invoke = vi.fn(async (channel: unknown, input: unknown): Promise<Result<unknown>> => ({ ok: true, value: { channel, input } }));
  const backend: Backend = { invoke, dispose: vi.fn(async () => {}) };
  return { backend, invoke };
}

describe('checkSender', () => {
  const main = frame(MAIN_URL);

  it('accepts the main frame of the main window at app://datasteward/index.html', () => {
    expect(checkSender(main, main)).toBe(true);
    const sameFrameOtherWrapper = { ...main };
    expect(checkSender(sameFrameOtherWrapper, main)).toBe(true);
    expect(checkSender(frame('app://datasteward/#/profile'), frame('app://datasteward/#/profile'))).toBe(true);
  });

  it('refuses a null or missing frame, and any sender when there is no main window', () => {
    expect(checkSender(null, main)).toBe(false);
    expect(checkSender(undefined, main)).toBe(false);
    expect(checkSender(main, null)).toBe(false);
    expect(checkSender(main, undefined)).toBe(false);
  });

  it('refuses a subframe, even one showing our own origin', () => {
    const sub = frame(MAIN_URL, main, 'sub-token');
    expect(checkSender(sub, main)).toBe(false);
    // a subframe that claims the main frame's token but has a parent
    expect(checkSender({ ...main, parent: main }, main)).toBe(false);
  });

  it("refuses another window's main frame", () => {
    expect(checkSender(frame(MAIN_URL, null, 'other-window', 9), main)).toBe(false);
  });

  it.each([
    'http://127.0.0.1:5173/',
    'http://localhost/',
    'https://datasteward/',
    'file:///C:/DataSteward/index.html',
    'file:///opt/DataSteward/resources/app.asar/dist/renderer/index.html',
    'app://evil/index.html',
    'app://datasteward.evil.cn/index.html',
    'app://datasteward:8080/index.html',
    'app://x@datasteward/index.html',
    'about:blank',
    'data:text/html,hi',
    'devtools://devtools/bundled/inspector.html',
    '',
  ])('refuses the main frame when it shows a foreign origin: %s', (url) => {
    const f = frame(url);
    expect(checkSender(f, f)).toBe(false);
  });

  it('refuses a frame whose reported origin disagrees with its URL', () => {
    const f = { ...frame(MAIN_URL), origin: 'null' };
    expect(checkSender(f, f)).toBe(false);
  });

  it('refuses a destroyed frame and a frame whose properties throw', () => {
    const dead = { ...main, isDestroyed: () => true };
    expect(checkSender(dead, dead)).toBe(false);
    const throwing = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    } as FrameLike;
    expect(checkSender(throwing, throwing)).toBe(false);
  });
});

describe('createIpcHandler', () => {
  it('uses the single channel ds:invoke', () => {
    expect(IPC_CHANNEL).toBe('ds:invoke');
  });

  it('passes channel and input to the backend with via: electron when the sender is the main frame', async () => {
    const main = frame(MAIN_URL);
    const { backend, invoke } = fakeBackend();
    const handle = createIpcHandler(backend, () => main);
    const r = await handle({ senderFrame: main }, 'workspace.status', {});
    expect(r).toEqual({ ok: true, value: { channel: 'workspace.status', input: {} } });
    expect(invoke).toHaveBeenCalledExactlyOnceWith('workspace.status', {}, { via: 'electron' });
  });

  it('never calls the backend when the sender is refused', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const main = frame(MAIN_URL);
    const { backend, invoke } = fakeBackend();
    const handle = createIpcHandler(backend, () => main);
    const senders: (FrameLike | null)[] = [
      null,
      frame(MAIN_URL, main, 'sub'),
      frame('http://127.0.0.1/', null, 'x'),
      frame('file:///index.html', null, 'y'),
      frame('app://evil/', null, 'z'),
      { ...main, url: 'app://evil/' },
    ];
    for (const senderFrame of senders) {
      const r = await handle({ senderFrame }, 'workspace.unlock', { passphrase: 'x' });
      expect(r).toEqual(SENDER_REFUSED);
    }
    // no main window (closed) → refused as well
    const orphan = createIpcHandler(backend, () => null);
    expect(await orphan({ senderFrame: main }, 'app.info', {})).toEqual(SENDER_REFUSED);
    // getMainFrame throwing (window destroyed mid-call) → refused
    const broken = createIpcHandler(backend, () => {
      throw new Error('Object has been destroyed');
    });
    expect(await broken({ senderFrame: main }, 'app.info', {})).toEqual(SENDER_REFUSED);
    expect(invoke).not.toHaveBeenCalled();
  });

  it('refuses with a code and messages in Chinese and English', () => {
    expect(SENDER_REFUSED.ok).toBe(false);
    if (SENDER_REFUSED.ok) return;
    expect(SENDER_REFUSED.error.code).toBe('IPC_SENDER_REFUSED');
    expect(SENDER_REFUSED.error.message_zh).toMatch(/[\u4e00-\u9fff]/);
    expect(SENDER_REFUSED.error.message_en).toMatch(/refused/);
  });

  it('turns a throwing backend into an INTERNAL envelope, never an exception', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const main = frame(MAIN_URL);
    const backend: Backend = {
      invoke: async () => {
        throw new Error('boom');
      },
      dispose: async () => {},
    };
    const r = await createIpcHandler(backend, () => main)({ senderFrame: main }, 'app.info', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INTERNAL');
  });

  it("forwards unknown channels and odd inputs unchanged: validation is the backend's job", async () => {
    const main = frame(MAIN_URL);
    const { backend, invoke } = fakeBackend();
    const handle = createIpcHandler(backend, () => main);
    await handle({ senderFrame: main }, '__proto__', { constructor: 1 });
    expect(invoke).toHaveBeenCalledWith('__proto__', { constructor: 1 }, { via: 'electron' });
  });
});
