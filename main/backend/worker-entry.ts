/**
 * The backend worker thread: SQL, key stretching and hashing run here, so neither the Electron
 * main process nor the browser host's HTTP loop ever waits on them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createInProcessBackend, type BackendOptions } from './backend';
import type { FromWorker, ToWorker } from './worker-protocol';
import { pdfUnavailable, type HtmlToPdf } from '../services/risk/pdf-port';

if (!parentPort) throw new Error('worker-entry must run in a worker thread');
const port = parentPort;
const data = workerData as BackendOptions & { pdfViaHost?: boolean };

// When the host prints (Electron), the risk report's HTML goes to it by message and the PDF comes back.
const pdfWaiting = new Map<number, { resolve: (b: Uint8Array) => void; reject: (e: Error) => void }>();
let pdfId = 0;
const hostPdf: HtmlToPdf = {
  name: 'host',
  print: (html, opts) =>
    new Promise((resolve, reject) => {
      const id = ++pdfId;
      pdfWaiting.set(id, { resolve, reject });
      port.postMessage({ kind: 'pdf', id, html, opts } satisfies FromWorker);
    }),
};
const backend = createInProcessBackend({ ...data, ...(data.pdfViaHost ? { htmlToPdf: hostPdf } : {}) });

// Calls run one at a time, in arrival order: the session is a single connection.
let queue: Promise<void> = Promise.resolve();
port.on('message', (msg: ToWorker) => {
  if (msg.kind === 'pdf-done') {
    // Not queued: the call that asked for the PDF is waiting in the queue for it.
    const w = pdfWaiting.get(msg.id);
    pdfWaiting.delete(msg.id);
    if (msg.data) w?.resolve(msg.data);
    else w?.reject(pdfUnavailable(msg.error ?? 'the host could not print'));
    return;
  }
  queue = queue.then(async () => {
    if (msg.kind === 'invoke') {
      const result = await backend.invoke(msg.channel, msg.input, msg.ctx);
      port.postMessage({ kind: 'result', id: msg.id, result } satisfies FromWorker);
    } else {
      await backend.dispose();
      port.postMessage({ kind: 'disposed', id: msg.id } satisfies FromWorker);
    }
  });
});
