import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  encodeOid,
  encodeTlv,
  encodeUnsignedInteger,
  hexToBytes,
  readElement,
  readOid,
  readSingle,
  readUnsignedInteger,
} from '../../../main/crypto/der';
import { DomainError } from '../../../main/domain/errors';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof DomainError ? e.code : `non-domain: ${(e as Error).message}`;
  }
  return undefined;
}

describe('strict DER', () => {
  it('encodes the SM2 OIDs as OpenSSL does, and decodes them back', () => {
    expect(bytesToHex(encodeOid('1.2.156.10197.1.301'))).toBe('06082a811ccf5501822d');
    expect(bytesToHex(encodeOid('1.2.840.10045.2.1'))).toBe('06072a8648ce3d0201');
    for (const oid of ['1.2.156.10197.1.301', '1.2.156.10197.1.401', '1.2.156.10197.1.501', '1.2.156.10197.6.1.4.2.2', '2.999.1']) {
      expect(readOid(readSingle(encodeOid(oid), 0x06))).toBe(oid);
    }
    expect(codeOf(() => readOid(readSingle(hexToBytes('0603808101'), 0x06)))).toBe('DER_MALFORMED'); // leading 0x80 in an arc
    expect(codeOf(() => readOid(readSingle(hexToBytes('06022a81'), 0x06)))).toBe('DER_MALFORMED'); // truncated arc
  });

  it('uses the short length form below 128 and minimal long forms above', () => {
    expect(bytesToHex(encodeTlv(0x04, new Uint8Array(127))).slice(0, 4)).toBe('047f');
    expect(bytesToHex(encodeTlv(0x04, new Uint8Array(128))).slice(0, 6)).toBe('048180');
    expect(bytesToHex(encodeTlv(0x04, new Uint8Array(256))).slice(0, 8)).toBe('04820100');
    expect(readSingle(encodeTlv(0x04, new Uint8Array(300)), 0x04).value.length).toBe(300);
  });

  it.each([
    ['indefinite length', '3080000000'],
    ['long form for a short length', '04810100'],
    ['long form with a leading zero', '0482008000'],
    ['high tag number', '1f0100'],
    ['content shorter than the length', '040301'],
    ['missing length', '04'],
  ])('refuses %s', (_name, hex) => {
    expect(codeOf(() => readElement(hexToBytes(hex), 0))).toBe('DER_MALFORMED');
  });

  it('INTEGERs: minimal, non-negative', () => {
    for (const n of [0n, 1n, 127n, 128n, 255n, 256n, (1n << 255n) + 1n]) {
      expect(readUnsignedInteger(readSingle(encodeUnsignedInteger(n), 0x02))).toBe(n);
    }
    expect(bytesToHex(encodeUnsignedInteger(128n))).toBe('02020080');
    expect(bytesToHex(encodeUnsignedInteger(0n))).toBe('020100');
    expect(codeOf(() => readUnsignedInteger(readSingle(hexToBytes('02020001'), 0x02)))).toBe('DER_MALFORMED');
    expect(codeOf(() => readUnsignedInteger(readSingle(hexToBytes('020180'), 0x02)))).toBe('DER_MALFORMED');
    expect(codeOf(() => readUnsignedInteger(readSingle(hexToBytes('0200'), 0x02)))).toBe('DER_MALFORMED');
  });
});
