/** The BagIt text files: bag-info round trip and refusals, manifests, Payload-Oxum, name order. */
import { describe, expect, it } from 'vitest';
import {
  BAGIT_TXT, chinaDate, compareNames, decodeManifestPath, encodeManifestPath, packageName, parseBagInfo, parseManifest, payloadOxum,
  writeBagInfo, writeManifest, type BagInfo,
} from '../../../main/domain/package/index';
import { checkUscc } from '../../../main/domain/uscc';

const valid = (u: string) => checkUscc(u).valid;
const INFO: BagInfo = {
  unitName: '某某区卫生健康委员会',
  uscc: '91110000600037341L',
  kind: 'change',
  sequence: 2,
  previousDigest: 'a'.repeat(64),
  createdAt: '2026-01-05T17:30:00.000Z',
  appVersion: '0.1.0',
  schemaVersion: 1,
  signerFingerprint: 'ABCD '.repeat(15) + 'ABCD',
  payloadOxum: '12345.3',
  counts: { systems: 1, resources: 2, items: 3, catalogEntries: 1 },
  contactName: '张三',
  contactPhone: '13800138000',
  contactEmail: '',
};

describe('bag-info.txt', () => {
  it('round-trips; labels in a fixed order; an empty contact label is left out; the date is China’s', () => {
    const text = writeBagInfo(INFO);
    expect(text.split('\n')[0]).toBe('Source-Organization: 某某区卫生健康委员会');
    expect(text).not.toContain('Contact-Email');
    expect(text).toContain('Bagging-Date: 2026-01-06\n');
    expect(text).toContain('External-Identifier: 91110000600037341L-000002\n');
    expect(text).toContain('DataSteward-Filing-Kind-Label: 变更报送\n');
    expect(parseBagInfo(text, valid)).toEqual({ info: INFO, problems: [] });
    expect(chinaDate('2026-01-05T15:59:59.999Z')).toBe('2026-01-05');
    expect(chinaDate('2026-01-05T16:00:00.000Z')).toBe('2026-01-06');
    expect(packageName('91110000600037341L', 12)).toBe('91110000600037341L-000012');
  });

  it('puts a value with line breaks on one line, and reads continuation lines (RFC 8493)', () => {
    const text = writeBagInfo({ ...INFO, unitName: '某某区\n卫生健康委员会' });
    expect(text).toContain('DataSteward-Unit-Name: 某某区 卫生健康委员会\n');
    const folded = text.replace('Source-Organization: 某某区 卫生健康委员会\n', 'Source-Organization: 某某区\n  卫生健康委员会\n');
    expect(parseBagInfo(folded, valid).info?.unitName).toBe('某某区 卫生健康委员会');
  });

  it.each([
    ['DataSteward-Sequence: 2', 'DataSteward-Sequence: 0', 'DataSteward-Sequence'],
    ['DataSteward-Sequence: 2', 'DataSteward-Sequence: 1', 'DataSteward-Previous-Package-SM3'],
    ['DataSteward-Previous-Package-SM3: ' + 'a'.repeat(64), 'DataSteward-Previous-Package-SM3: none', 'DataSteward-Previous-Package-SM3'],
    ['DataSteward-Unit-USCC: 91110000600037341L', 'DataSteward-Unit-USCC: 91110000600037341N', 'DataSteward-Unit-USCC'],
    ['DataSteward-Filing-Kind: change', 'DataSteward-Filing-Kind: weekly', 'DataSteward-Filing-Kind'],
    ['DataSteward-Filing-Kind-Label: 变更报送', 'DataSteward-Filing-Kind-Label: 年度报送', 'DataSteward-Filing-Kind-Label'],
    ['DataSteward-Created: 2026-01-05T17:30:00.000Z', 'DataSteward-Created: 2026-01-05 17:30', 'DataSteward-Created'],
    ['DataSteward-Items: 3', 'DataSteward-Items: -3', 'DataSteward-Items'],
    ['DataSteward-Package-Format: datasteward-filing-package/1', 'DataSteward-Package-Format: other/1', 'DataSteward-Package-Format'],
    ['Payload-Oxum: 12345.3', 'Payload-Oxum: 12345', 'Payload-Oxum'],
  ])('refuses %s → %s (PKG_BAG_INFO_INVALID, label %s)', (from, to, label) => {
    const r = parseBagInfo(writeBagInfo(INFO).replace(from, to), valid);
    expect(r.info).toBeNull();
    expect(r.problems.map((p) => [p.code, p.details?.label])).toContainEqual(['PKG_BAG_INFO_INVALID', label]);
  });

  it('refuses a missing label, a repeated label and a line without a colon', () => {
    expect(parseBagInfo(writeBagInfo(INFO).replace(/^DataSteward-Items: .*\n/m, ''), valid).problems[0]!.details).toMatchObject({ label: 'DataSteward-Items' });
    expect(parseBagInfo(writeBagInfo(INFO) + 'DataSteward-Items: 3\n', valid).problems[0]!.message_en).toContain('appears twice');
    expect(parseBagInfo(writeBagInfo(INFO) + 'garbage\n', valid).info).toBeNull();
  });

  it('bagit.txt is the BagIt 1.0 declaration', () => {
    expect(BAGIT_TXT).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  });
});

describe('manifests', () => {
  it('are sorted by UTF-8 bytes, lower-case hex, two spaces, LF; and read back', () => {
    const m = new Map([['data/b.json', 'B'.repeat(64)], ['data/a.json', 'a'.repeat(64)], ['data/备案清单.xlsx', 'c'.repeat(64)], ['data/Z.json', 'd'.repeat(64)]]);
    const text = writeManifest(m);
    expect(text.split('\n').map((l) => l.split('  ')[1])).toEqual(['data/Z.json', 'data/a.json', 'data/b.json', 'data/备案清单.xlsx', undefined]);
    expect(text).toContain(`${'b'.repeat(64)}  data/b.json\n`);
    const back = parseManifest('manifest-sm3.txt', text);
    expect(back.problems).toEqual([]);
    expect(back.digests.get('data/b.json')).toBe('b'.repeat(64));
  });

  it('accept CRLF and tabs (RFC 8493), refuse bad lines, short digests and repeated paths', () => {
    expect(parseManifest('m', `${'a'.repeat(64)}\tdata/x\r\n`).digests.get('data/x')).toBe('a'.repeat(64));
    expect(parseManifest('m', 'zz  data/x\n').problems[0]!.code).toBe('PKG_MANIFEST_INVALID');
    expect(parseManifest('m', `${'a'.repeat(40)}  data/x\n`).problems[0]!.message_en).toContain('64 hex');
    expect(parseManifest('m', `${'a'.repeat(64)}  data/x\n${'b'.repeat(64)}  data/x\n`).problems[0]!.message_en).toContain('twice');
  });

  it('percent-encode CR, LF and % in paths (and only those)', () => {
    expect(encodeManifestPath('data/a%b\nc\rd 空格.txt')).toBe('data/a%25b%0Ac%0Dd 空格.txt');
    expect(decodeManifestPath('data/a%25b%0Ac%0dd%20.txt')).toBe('data/a%b\nc\rd%20.txt');
  });

  it('Payload-Oxum is octets.count; names compare by UTF-8 bytes', () => {
    expect(payloadOxum([10, 20, 0])).toBe('30.3');
    expect(payloadOxum([])).toBe('0.0');
    expect(['b', 'a', 'B', '备', 'é'].sort(compareNames)).toEqual(['B', 'a', 'b', 'é', '备']);
  });
});
