/** SM3 (GB/T 32905-2016) digests and HMAC-SM3. Synchronous, for small inputs such as audit entries. */
import { sm3 } from 'sm-crypto-v2';
import { hexToBytes } from './der';

const encoder = new TextEncoder();

/** SM3 of the UTF-8 bytes of a string, or of raw bytes; lower-case hex. */
export function sm3Hex(input: string | Uint8Array): string {
  return sm3(typeof input === 'string' ? encoder.encode(input) : input);
}

/** SM3 of the UTF-8 bytes of a string, or of raw bytes; 32 bytes. */
export function sm3Bytes(input: string | Uint8Array): Uint8Array {
  return hexToBytes(sm3Hex(input));
}

/** SM3 block size in bytes (the B of RFC 2104). */
const BLOCK = 64;

/**
 * HMAC-SM3, RFC 2104 over SM3 (B = 64, L = 32): H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)), with a key
 * longer than 64 bytes first replaced by its SM3. Implemented here rather than taken from a
 * library so that it is the one HMAC the key backup and later MACs rely on; the tests check it
 * against OpenSSL and two library implementations.
 */
export function hmacSm3(key: Uint8Array, message: Uint8Array): Uint8Array {
  const k = new Uint8Array(BLOCK);
  k.set(key.length > BLOCK ? sm3Bytes(key) : key);
  const inner = new Uint8Array(BLOCK + message.length);
  const outer = new Uint8Array(BLOCK + 32);
  for (let i = 0; i < BLOCK; i++) {
    inner[i] = k[i]! ^ 0x36;
    outer[i] = k[i]! ^ 0x5c;
  }
  inner.set(message, BLOCK);
  outer.set(sm3Bytes(inner), BLOCK);
  const mac = sm3Bytes(outer);
  k.fill(0);
  inner.fill(0, 0, BLOCK);
  outer.fill(0);
  return mac;
}

/** Compares two byte strings in time independent of where they differ (lengths are not secret). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
