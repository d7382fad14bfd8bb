/**
 * A small, strict DER (ITU-T X.690) reader and writer: just what SM2 keys, signatures and
 * ciphertexts need. The reader refuses anything BER allows but DER does not (indefinite or
 * non-minimal lengths, non-minimal INTEGERs, high tag numbers, trailing bytes), so that every
 * accepted value has exactly one encoding.
 */
import { derMalformed } from './errors';

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  SEQUENCE: 0x30,
} as const;

export interface DerElement {
  tag: number;
  /** The content octets (a view into the input, not a copy). */
  value: Uint8Array;
  /** The whole TLV (a view into the input). */
  encoded: Uint8Array;
}

/** Largest content length accepted: keys, signatures and sealed keys are all far smaller. */
const MAX_LENGTH = 1 << 24;

/** One TLV at `offset`; returns it and the offset after it. */
export function readElement(bytes: Uint8Array, offset: number): { element: DerElement; next: number } {
  if (offset >= bytes.length) throw derMalformed('unexpected end of data');
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw derMalformed('high tag numbers are not supported');
  let pos = offset + 1;
  if (pos >= bytes.length) throw derMalformed('missing length');
  const first = bytes[pos++]!;
  let length: number;
  if (first < 0x80) {
    length = first;
  } else {
    const count = first & 0x7f;
    if (count === 0) throw derMalformed('indefinite length');
    if (count > 3) throw derMalformed('length too large');
    if (pos + count > bytes.length) throw derMalformed('truncated length');
    if (bytes[pos] === 0) throw derMalformed('non-minimal length (leading zero)');
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[pos++]!;
    if (length < 0x80) throw derMalformed('non-minimal length (long form for a short length)');
  }
  if (length > MAX_LENGTH) throw derMalformed('length too large');
  if (pos + length > bytes.length) throw derMalformed('truncated content');
  const element: DerElement = {
    tag,
    value: bytes.subarray(pos, pos + length),
    encoded: bytes.subarray(offset, pos + length),
  };
  return { element, next: pos + length };
}

/** Exactly one TLV filling all of `bytes`, with the expected tag. */
export function readSingle(bytes: Uint8Array, tag: number): DerElement {
  const { element, next } = readElement(bytes, 0);
  if (next !== bytes.length) throw derMalformed('trailing bytes after the value');
  expectTag(element, tag);
  return element;
}

export function expectTag(element: DerElement, tag: number): void {
  if (element.tag !== tag) {
    throw derMalformed(`expected tag 0x${tag.toString(16).padStart(2, '0')}, found 0x${element.tag.toString(16).padStart(2, '0')}`);
  }
}

/** The children of a constructed value (usually a SEQUENCE), which must fill it exactly. */
export function readChildren(element: DerElement): DerElement[] {
  if ((element.tag & 0x20) === 0) throw derMalformed('expected a constructed value');
  const out: DerElement[] = [];
  let pos = 0;
  while (pos < element.value.length) {
    const { element: child, next } = readElement(element.value, pos);
    out.push(child);
    pos = next;
  }
  return out;
}

/** A non-negative INTEGER, in minimal two's-complement form. */
export function readUnsignedInteger(element: DerElement): bigint {
  expectTag(element, TAG.INTEGER);
  const v = element.value;
  if (v.length === 0) throw derMalformed('empty INTEGER');
  if (v[0]! & 0x80) throw derMalformed('negative INTEGER');
  if (v.length > 1 && v[0] === 0 && (v[1]! & 0x80) === 0) throw derMalformed('non-minimal INTEGER (superfluous leading zero)');
  return bytesToBigInt(v);
}

export function readOid(element: DerElement): string {
  expectTag(element, TAG.OID);
  const v = element.value;
  if (v.length === 0) throw derMalformed('empty OBJECT IDENTIFIER');
  const arcs: bigint[] = [];
  let acc = 0n;
  let started = false;
  for (let i = 0; i < v.length; i++) {
    const b = v[i]!;
    if (!started && b === 0x80) throw derMalformed('non-minimal OBJECT IDENTIFIER arc');
    started = true;
    acc = (acc << 7n) | BigInt(b & 0x7f);
    if ((b & 0x80) === 0) {
      arcs.push(acc);
      acc = 0n;
      started = false;
    }
  }
  if (started) throw derMalformed('truncated OBJECT IDENTIFIER');
  const first = arcs[0]!;
  const head = first < 40n ? [0n, first] : first < 80n ? [1n, first - 40n] : [2n, first - 80n];
  return [...head, ...arcs.slice(1)].join('.');
}

/** A BIT STRING with no unused bits (all that keys use); returns its bytes. */
export function readBitStringBytes(element: DerElement): Uint8Array {
  expectTag(element, TAG.BIT_STRING);
  if (element.value.length === 0) throw derMalformed('empty BIT STRING');
  if (element.value[0] !== 0) throw derMalformed('BIT STRING with unused bits');
  return element.value.subarray(1);
}

export function readOctetString(element: DerElement): Uint8Array {
  expectTag(element, TAG.OCTET_STRING);
  return element.value;
}

// ---- writing ----

function encodeLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return Uint8Array.from([0x80 | bytes.length, ...bytes]);
}

export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  const len = encodeLength(value.length);
  const out = new Uint8Array(1 + len.length + value.length);
  out[0] = tag;
  out.set(len, 1);
  out.set(value, 1 + len.length);
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

export function encodeSequence(...children: Uint8Array[]): Uint8Array {
  return encodeTlv(TAG.SEQUENCE, concatBytes(...children));
}

/** A non-negative INTEGER, minimal. */
export function encodeUnsignedInteger(n: bigint): Uint8Array {
  if (n < 0n) throw new RangeError('encodeUnsignedInteger: negative');
  let hex = n.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  let body = hexToBytes(hex);
  if (body[0]! & 0x80) body = concatBytes(Uint8Array.of(0), body);
  return encodeTlv(TAG.INTEGER, body);
}

export function encodeOid(oid: string): Uint8Array {
  const arcs = oid.split('.').map((a) => BigInt(a));
  if (arcs.length < 2) throw new RangeError('encodeOid: need at least two arcs');
  const values = [arcs[0]! * 40n + arcs[1]!, ...arcs.slice(2)];
  const out: number[] = [];
  for (const v of values) {
    const chunk: number[] = [Number(v & 0x7fn)];
    let rest = v >> 7n;
    while (rest > 0n) {
      chunk.unshift(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    out.push(...chunk);
  }
  return encodeTlv(TAG.OID, Uint8Array.from(out));
}

export function encodeBitString(bytes: Uint8Array): Uint8Array {
  return encodeTlv(TAG.BIT_STRING, concatBytes(Uint8Array.of(0), bytes));
}

export function encodeOctetString(bytes: Uint8Array): Uint8Array {
  return encodeTlv(TAG.OCTET_STRING, bytes);
}

// ---- byte helpers shared by main/crypto ----

export function bytesToBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  return BigInt('0x' + bytesToHex(bytes));
}

/** Big-endian, left-padded to `length` bytes; throws if it does not fit. */
export function bigIntToBytes(n: bigint, length: number): Uint8Array {
  if (n < 0n) throw new RangeError('bigIntToBytes: negative');
  const hex = n.toString(16).padStart(length * 2, '0');
  if (hex.length > length * 2) throw new RangeError('bigIntToBytes: value too large');
  return hexToBytes(hex);
}

export function bytesToHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new RangeError('hexToBytes: not an even-length hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
