/**
 * The single IPC entry: `ipcMain.handle('ds:invoke', handler)`. Like VS Code's validatedIpcMain,
 * the sender check lives in this one wrapper, not in each handler: every call must come from the
 * main frame of the main window, showing `app://datasteward`. Anything else (a subframe, another
 * window, a page that somehow navigated elsewhere, a destroyed frame) gets IPC_SENDER_REFUSED and
 * the backend is never called. Channel and input are validated by the backend's dispatcher.
 *
 * Pure: no run-time import of 'electron'.
 */
import type { Backend } from '../backend/backend';
import type { Result } from '../api/result';
import { APP_ORIGIN, isAppUrl } from './protocol';

export const IPC_CHANNEL = 'ds:invoke';

/** What the check reads of a frame; Electron's WebFrameMain has all of it. */
export interface FrameLike {
  readonly url: string;
  readonly origin?: string;
  readonly parent?: FrameLike | null;
  readonly processId?: number;
  readonly frameToken?: string;
  isDestroyed?(): boolean;
}

export interface SenderEvent {
  readonly senderFrame: FrameLike | null;
}

function sameFrame(a: FrameLike, b: FrameLike): boolean {
  if (a === b) return true;
  return a.processId !== undefined && a.frameToken !== undefined && a.processId === b.processId && a.frameToken === b.frameToken;
}

/**
 * True when `senderFrame` is `mainFrame` (the main window's top frame, not a subframe) and shows
 * our origin exactly. Never throws: a frame that was disposed meanwhile is refused.
 */
export function checkSender(senderFrame: FrameLike | null | undefined, mainFrame: FrameLike | null | undefined): boolean {
  if (!senderFrame || !mainFrame) return false;
  try {
    if (senderFrame.isDestroyed?.()) return false;
    if (!sameFrame(senderFrame, mainFrame)) return false;
    if (senderFrame.parent !== undefined && senderFrame.parent !== null) return false;
    if (!isAppUrl(senderFrame.url)) return false;
    if (senderFrame.origin !== undefined && senderFrame.origin !== APP_ORIGIN) return false;
    return true;
  } catch {
    return false;
  }
}

export const SENDER_REFUSED: Result<never> = Object.freeze({
  ok: false,
  error: Object.freeze({
    code: 'IPC_SENDER_REFUSED',
    message_zh: '请求不是来自本程序的主窗口，已拒绝',
    message_en: 'The request did not come from the application window and was refused',
  }),
});

const BACKEND_FAILED: Result<never> = Object.freeze({
  ok: false,
  error: Object.freeze({
    code: 'INTERNAL',
    message_zh: '程序内部错误，未作任何修改；详情已写入日志',
    message_en: 'Internal error; nothing was changed. Details are in the log',
  }),
});

export type IpcInvokeHandler = (event: SenderEvent, channel: unknown, input: unknown) => Promise<Result<unknown>>;

export function createIpcHandler(backend: Pick<Backend, 'invoke'>, getMainFrame: () => FrameLike | null | undefined): IpcInvokeHandler {
  return async (event, channel, input) => {
    let frame: FrameLike | null | undefined;
    let main: FrameLike | null | undefined;
    try {
      frame = event.senderFrame;
      main = getMainFrame();
    } catch {
      return SENDER_REFUSED;
    }
    if (!checkSender(frame, main)) {
      console.warn('[datasteward] IPC refused: sender is not the main window');
      return SENDER_REFUSED;
    }
    try {
      return await backend.invoke(channel, input, { via: 'electron' });
    } catch (e) {
      console.error('[datasteward] backend invoke failed', e);
      return BACKEND_FAILED;
    }
  };
}
