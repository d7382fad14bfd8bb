/**
 * The edge: every call from any host passes here. Unknown channels and malformed input are
 * refused before a handler runs; every failure leaves as an error envelope with a code and
 * messages in Chinese and English. Stack traces go to the log, never to the caller.
 */
import { contract, isChannel } from './contract';
import type { CallContext, Handlers } from './handlers';
import { fail, ok, type Result } from './result';
import { isDomainError, type ErrorInfo } from '../domain/errors';

export type Logger = (msg: string, err?: unknown) => void;

const defaultLogger: Logger = (msg, err) => console.error(`[datasteward] ${msg}`, err ?? '');

function sqliteError(e: unknown): ErrorInfo | undefined {
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  if (code.startsWith('SQLITE_FULL'))
    return { code: 'DISK_FULL', message_zh: '磁盘空间不足，本次修改未保存', message_en: 'The disk is full; this change was not saved' };
  if (code.startsWith('SQLITE_READONLY'))
    return { code: 'READ_ONLY', message_zh: '工作区文件只读，本次修改未保存', message_en: 'The workspace file is read-only; this change was not saved' };
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
    return { code: 'BUSY', message_zh: '工作区正被其他程序使用，请稍后再试', message_en: 'The workspace is in use by another program; try again shortly' };
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'))
    return { code: 'WORKSPACE_CORRUPT', message_zh: '工作区文件已损坏，请从备份恢复', message_en: 'The workspace file is damaged; restore it from a backup' };
  return undefined;
}

/** For the error details only. String() throws on some values (`{"toString":1}` parsed from JSON, null-prototype objects). */
function describeChannel(channel: unknown): string {
  try {
    return String(channel).slice(0, 100);
  } catch {
    return `(${typeof channel})`;
  }
}

export function createDispatcher(handlers: Handlers, opts: { log?: Logger; onActivity?: () => void } = {}) {
  const log = opts.log ?? defaultLogger;
  return async function dispatch(channel: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>> {
    if (!isChannel(channel)) {
      return fail({ code: 'UNKNOWN_CHANNEL', message_zh: '未知的请求', message_en: 'Unknown request', details: { channel: describeChannel(channel) } });
    }
    const def = contract[channel];
    const parsed = def.input.safeParse(input ?? {});
    if (!parsed.success) {
      return fail({
        code: 'INVALID_INPUT',
        message_zh: '请求的数据格式不正确',
        message_en: 'The request data is malformed',
        details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
      });
    }
    if (def.activity) opts.onActivity?.();
    try {
      const handler = handlers[channel] as (i: unknown, c: CallContext) => unknown;
      return ok(await handler(parsed.data, ctx));
    } catch (e) {
      if (isDomainError(e)) return fail(e.toInfo());
      const known = sqliteError(e);
      log(`${channel} failed`, e);
      return fail(
        known ?? { code: 'INTERNAL', message_zh: '程序内部错误，未作任何修改；详情已写入日志', message_en: 'Internal error; nothing was changed. Details are in the log' },
      );
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
