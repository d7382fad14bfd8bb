/**
 * Streaming SM3 for files of any size (hash-wasm's WebAssembly SM3, fed in chunks), so a
 * multi-gigabyte attachment is hashed in constant memory without blocking on one huge read.
 */
import { open } from 'node:fs/promises';
import { createSM3 } from 'hash-wasm';

export const DEFAULT_CHUNK_BYTES = 1 << 20;

export interface Sm3FileResult {
  /** Lower-case hex, like sm3Hex. */
  sm3: string;
  /** The number of bytes actually hashed (the file may change between a stat and the read). */
  bytes: number;
}

/** SM3 of an async stream of chunks. */
export async function sm3Stream(chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<Sm3FileResult> {
  const hasher = await createSM3();
  hasher.init();
  let bytes = 0;
  for await (const chunk of chunks) {
    hasher.update(chunk);
    bytes += chunk.length;
  }
  return { sm3: hasher.digest('hex'), bytes };
}

/** SM3 and length of the file at `path`, read in `chunkBytes` pieces. Node's fs errors (ENOENT, EISDIR…) propagate. */
export async function sm3FileInfo(path: string, options: { chunkBytes?: number } = {}): Promise<Sm3FileResult> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) throw new RangeError('chunkBytes must be a positive integer');
  const handle = await open(path, 'r');
  try {
    const hasher = await createSM3();
    hasher.init();
    const buffer = new Uint8Array(chunkBytes);
    let bytes = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, chunkBytes, null);
      if (bytesRead === 0) break;
      hasher.update(buffer.subarray(0, bytesRead));
      bytes += bytesRead;
    }
    return { sm3: hasher.digest('hex'), bytes };
  } finally {
    await handle.close();
  }
}

/** SM3 of the file at `path`, lower-case hex. */
export async function sm3File(path: string): Promise<string> {
  return (await sm3FileInfo(path)).sm3;
}
