/**
 * The backend worker thread: SQL, key stretching and hashing run here, so neither the Electron
 * main process nor the browser host's HTTP loop ever waits on them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createInProcessBackend, type BackendOptions } from './backend';
import type { FromWorker, ToWorker } from './worker-protocol';

if (!parentPort) throw new Error('worker-entry must run in a worker thread');
const port = parentPort;
const backend = createInProcessBackend(workerData as BackendOptions);

// Calls run one at a time, in arrival order: the session is a single connection.
let queue: Promise<void> = Promise.resolve();
port.on('message', (msg: ToWorker) => {
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
