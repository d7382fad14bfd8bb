/**
 * SM3 and SHA-256 of the same bytes, for BagIt manifests that carry both (RFC 8493 allows
 * several). SM3 from hash-wasm (WebAssembly: Electron's BoringSSL has no SM3); SHA-256 from
 * node:crypto, which every runtime here has natively (BoringSSL in Electron, OpenSSL in Node) and
 * which is about five times faster than WebAssembly on a 100 MB inventory. That is the one
 * exception to "only randomBytes from node:crypto" in this folder, and it concerns a
 * non-国密 digest that exists for generic BagIt tools only.
 */
import { createHash } from 'node:crypto';
import { createSM3, type IHasher } from 'hash-wasm';

export interface Digests {
  /** Lower-case hex. */
  sm3: string;
  /** Lower-case hex. */
  sha256: string;
}

export interface DigestHasher {
  /** Both digests of the concatenation of `chunks`. */
  digest(chunks: Uint8Array | readonly Uint8Array[]): Digests;
  /** SM3 alone (lower-case hex) of the concatenation of `chunks`. */
  sm3(chunks: Uint8Array | readonly Uint8Array[]): string;
}

const CHUNK = 1 << 20;

function feed(h: IHasher, chunks: Uint8Array | readonly Uint8Array[]): void {
  for (const c of chunks instanceof Uint8Array ? [chunks] : chunks) {
    // hash-wasm copies each update into its memory; bounded pieces keep that copy small.
    for (let i = 0; i < c.length; i += CHUNK) h.update(c.subarray(i, Math.min(c.length, i + CHUNK)));
  }
}

export async function createDigestHasher(): Promise<DigestHasher> {
  const sm3 = await createSM3();
  return {
    digest(chunks) {
      sm3.init();
      feed(sm3, chunks);
      const sha = createHash('sha256');
      for (const c of chunks instanceof Uint8Array ? [chunks] : chunks) sha.update(c);
      return { sm3: sm3.digest('hex'), sha256: sha.digest('hex') };
    },
    sm3(chunks) {
      sm3.init();
      feed(sm3, chunks);
      return sm3.digest('hex');
    },
  };
}
