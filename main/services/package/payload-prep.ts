/**
 * A payload file's SM3 and SHA-256 digests, CRC-32 and deflated bytes — everything the bag and
 * its zip need of it — made in a worker thread while the package service goes on with the rest
 * (the workbook, the change report). On the 2-core machines this tool runs on, hashing and
 * compressing the 96 MiB inventory JSON of a 100,000-item package (≈ 0.6 s) then costs no time.
 *
 * The bytes are shared, not copied: they are written into a SharedArrayBuffer (or copied into one
 * once) and the worker reads them in place; they must not change until the preparation settles.
 * Without a worker script (tests that run the sources, a build that lacks it), or when the worker
 * cannot start or fails, the same function runs in this thread: same results, just not parallel.
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import { createDigestHasher, type DigestHasher } from '../../crypto/index';
import { prepareZipEntry, type PreparedZipEntry } from './zip';

export interface PreparedPayload {
  /** Lower-case hex. */
  sm3: string;
  /** Lower-case hex. */
  sha256: string;
  zip: PreparedZipEntry;
}

/** Files smaller than this are prepared in this thread: posting them would cost more than it saves. */
export const PREPARE_IN_WORKER_FROM = 1 << 20;

/** The one computation, in whichever thread runs it. */
export function preparePayload(bytes: Uint8Array, compress: boolean, hasher: DigestHasher, level?: number): PreparedPayload {
  const d = hasher.digest(bytes);
  return { sm3: d.sm3, sha256: d.sha256, zip: prepareZipEntry(bytes, compress, level) };
}

export interface PrepareRequest {
  id: number;
  buffer: SharedArrayBuffer;
  offset: number;
  length: number;
  compress: boolean;
}

export type PrepareReply =
  | { id: number; ok: true; sm3: string; sha256: string; crc: number; deflated: Uint8Array | null }
  | { id: number; ok: false; error: string };

export interface PayloadPreparer {
  /** Digests and zip entry of `bytes` (which must not change until this settles). */
  make(bytes: Uint8Array, compress: boolean): Promise<PreparedPayload>;
  /** Stop the worker, if one was started. */
  close(): Promise<void>;
  /** Whether large files go to a worker thread (there is a script, and it has not failed; false once closed). */
  readonly parallel: boolean;
}

/** `bytes` as a view on shared memory: itself if it already is one, else a copy. */
export function sharedView(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
  copy.set(bytes);
  return copy;
}

/** A Buffer of `n` bytes on shared memory (zero-filled), for bytes that will be prepared in the worker. */
export function allocShared(n: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(n));
}

/**
 * A preparer for one package build. With `workerScript`, the worker is started by the first file
 * large enough to be worth it (it boots while this thread goes on) and stopped by close();
 * preparations it has not answered when it fails are made in this thread instead.
 */
export function createPayloadPreparer(opts: { workerScript?: string | undefined; hasher: () => Promise<DigestHasher>; level?: number | undefined }): PayloadPreparer {
  const inThread = async (bytes: Uint8Array, compress: boolean) => preparePayload(bytes, compress, await opts.hasher(), opts.level);
  interface Pending {
    bytes: Uint8Array;
    compress: boolean;
    resolve(p: PreparedPayload): void;
    reject(e: unknown): void;
  }
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let worker: Worker | undefined;
  let failed = !opts.workerScript;
  const fallBack = () => {
    const w = worker;
    worker = undefined;
    failed = true;
    w?.removeAllListeners();
    void w?.terminate().catch(() => undefined);
    const waiting = [...pending.values()];
    pending.clear();
    for (const p of waiting) inThread(p.bytes, p.compress).then(p.resolve, p.reject);
  };
  const start = (): Worker | undefined => {
    if (worker || failed) return worker;
    try {
      const w = new Worker(opts.workerScript!, { workerData: { level: opts.level } });
      w.unref();
      w.on('message', (reply: PrepareReply) => {
        const p = pending.get(reply.id);
        if (!p) return;
        pending.delete(reply.id);
        if (pending.size === 0) w.unref();
        if (reply.ok) p.resolve({ sm3: reply.sm3, sha256: reply.sha256, zip: { crc: reply.crc, deflated: reply.deflated } });
        else inThread(p.bytes, p.compress).then(p.resolve, p.reject);
      });
      w.on('error', fallBack);
      w.on('exit', fallBack);
      worker = w;
    } catch {
      failed = true;
    }
    return worker;
  };
  return {
    get parallel() {
      return !failed;
    },
    make(bytes, compress) {
      if (bytes.length < PREPARE_IN_WORKER_FROM) return inThread(bytes, compress);
      const w = start();
      if (!w) return inThread(bytes, compress);
      const shared = sharedView(bytes);
      const id = nextId++;
      return new Promise<PreparedPayload>((resolve, reject) => {
        pending.set(id, { bytes: shared, compress, resolve, reject });
        // Kept alive while it works for us (a CLI process must not exit while waiting for it).
        w.ref();
        w.postMessage({ id, buffer: shared.buffer as SharedArrayBuffer, offset: shared.byteOffset, length: shared.length, compress } satisfies PrepareRequest);
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      failed = true;
      if (!w) return;
      w.removeAllListeners();
      const waiting = [...pending.values()];
      pending.clear();
      for (const p of waiting) inThread(p.bytes, p.compress).then(p.resolve, p.reject);
      await w.terminate().catch(() => undefined);
    },
  };
}

/** The worker's side: answer each request with preparePayload over the shared bytes. */
export async function servePayloadPreparation(port: MessagePort, level?: number): Promise<void> {
  const hasher = await createDigestHasher();
  port.on('message', (m: PrepareRequest) => {
    let reply: PrepareReply;
    try {
      const p = preparePayload(new Uint8Array(m.buffer, m.offset, m.length), m.compress, hasher, level);
      reply = { id: m.id, ok: true, sm3: p.sm3, sha256: p.sha256, crc: p.zip.crc, deflated: p.zip.deflated };
    } catch (e) {
      reply = { id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
}
