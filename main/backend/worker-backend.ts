/** A Backend whose services run in a worker thread (see worker-entry.ts). */
import { Worker } from 'node:worker_threads';
import type { Backend, BackendOptions } from './backend';
import type { Result } from '../api/result';
import type { FromWorker, ToWorker } from './worker-protocol';

const workerGone: Result<never> = {
  ok: false,
  error: { code: 'BACKEND_STOPPED', message_zh: '后台服务已停止，请重新启动程序', message_en: 'The backend has stopped; restart the app' },
};

/** A printer the host offers the worker (Electron's printToPDF); functions cannot cross into the worker, so it is called by message. */
export interface HostPdfPrinter {
  print(html: string, opts: never): Promise<Uint8Array>;
}

export function createWorkerBackend(workerScript: string, opts: Omit<BackendOptions, 'log' | 'htmlToPdf'>, hostPdf?: HostPdfPrinter): Backend {
  const worker = new Worker(workerScript, { workerData: { ...opts, pdfViaHost: hostPdf !== undefined } });
  const pending = new Map<number, (r: FromWorker) => void>();
  let nextId = 1;
  let alive = true;
  const stop = () => {
    alive = false;
    for (const resolve of pending.values()) resolve({ kind: 'result', id: 0, result: workerGone });
    pending.clear();
  };
  worker.on('message', (msg: FromWorker) => {
    if (msg.kind === 'pdf') {
      const reply = (m: ToWorker) => alive && worker.postMessage(m);
      hostPdf!.print(msg.html, msg.opts as never).then(
        (data) => reply({ kind: 'pdf-done', id: msg.id, data }),
        (e: unknown) => reply({ kind: 'pdf-done', id: msg.id, error: e instanceof Error ? e.message : String(e) }),
      );
      return;
    }
    const resolve = pending.get(msg.id);
    pending.delete(msg.id);
    resolve?.(msg);
  });
  worker.on('error', (e) => {
    console.error('[datasteward] backend worker failed', e);
    stop();
  });
  worker.on('exit', stop);
  const send = (msg: ToWorker) =>
    new Promise<FromWorker>((resolve) => {
      if (!alive) return resolve({ kind: 'result', id: msg.id, result: workerGone });
      pending.set(msg.id, resolve);
      worker.postMessage(msg);
    });
  return {
    async invoke(channel, input, ctx) {
      const r = await send({ kind: 'invoke', id: nextId++, channel, input, ctx });
      return r.kind === 'result' ? r.result : workerGone;
    },
    async dispose() {
      if (alive) await send({ kind: 'dispose', id: nextId++ });
      await worker.terminate();
    },
  };
}
