/** SM3 (GB/T 32905-2016) digests. Synchronous, for small inputs such as audit entries. */
import { sm3 } from 'sm-crypto-v2';

const encoder = new TextEncoder();

/** SM3 of the UTF-8 bytes of a string, or of raw bytes; lower-case hex. */
export function sm3Hex(input: string | Uint8Array): string {
  return sm3(typeof input === 'string' ? encoder.encode(input) : input);
}
