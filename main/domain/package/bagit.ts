/**
 * The text files of a BagIt 1.0 bag (RFC 8493): bagit.txt, bag-info.txt, payload and tag
 * manifests, Payload-Oxum. Writers produce exactly one form (LF line ends, UTF-8, no BOM, sorted
 * manifests, two spaces between digest and path); readers accept what RFC 8493 allows and report
 * anything else with a stable problem.
 */
import { FILING_KIND_CODES, FILING_KIND_LABELS, NO_PREVIOUS, PACKAGE_FORMAT, SM3_HEX, type FilingKindCode } from './constants';
import { problems, type PackageProblem } from './refusals';

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

export type ManifestAlgorithm = 'sm3' | 'sha256';
export const MANIFEST_ALGORITHMS: readonly ManifestAlgorithm[] = ['sm3', 'sha256'];
export const ALGORITHM_LABELS: Record<ManifestAlgorithm, string> = { sm3: 'SM3', sha256: 'SHA-256' };

/** Byte order of UTF-8 names (what `LC_ALL=C sort` gives), so every writer sorts the same way. */
export function compareNames(a: string, b: string): number {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  const n = Math.min(ea.length, eb.length);
  for (let i = 0; i < n; i++) if (ea[i] !== eb[i]) return ea[i]! - eb[i]!;
  return ea.length - eb.length;
}

/** RFC 8493 §2.1.3: CR, LF and % in a path are percent-encoded in manifests (and only those). */
export function encodeManifestPath(path: string): string {
  return path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function decodeManifestPath(path: string): string {
  return path.replace(/%(0[aAdD]|25)/g, (m) => (m === '%25' ? '%' : m.toUpperCase() === '%0A' ? '\n' : '\r'));
}

/** `<hex digest>  <path>\n` for each file, sorted by path. */
export function writeManifest(digests: ReadonlyMap<string, string>): string {
  return [...digests.keys()]
    .sort(compareNames)
    .map((path) => `${digests.get(path)!.toLowerCase()}  ${encodeManifestPath(path)}\n`)
    .join('');
}

/** Path → lower-case hex digest. Problems for malformed lines, bad digests and repeated paths. */
export function parseManifest(name: string, text: string): { digests: Map<string, string>; problems: PackageProblem[] } {
  const digests = new Map<string, string>();
  const found: PackageProblem[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, i) => {
    const m = /^([0-9A-Fa-f]+)[ \t]+(.+)$/.exec(line);
    if (!m) {
      found.push(problems.manifestInvalid(name, 'expected "<digest> <path>"', i + 1));
      return;
    }
    const digest = m[1]!.toLowerCase();
    const path = decodeManifestPath(m[2]!);
    if (!SM3_HEX.test(digest)) found.push(problems.manifestInvalid(name, 'the digest is not 64 hex digits', i + 1));
    else if (digests.has(path)) found.push(problems.manifestInvalid(name, `"${path}" is listed twice`, i + 1));
    else digests.set(path, digest);
  });
  return { digests, problems: found };
}

/** Payload-Oxum: total payload octets "." number of payload files. */
export function payloadOxum(sizes: Iterable<number>): string {
  let octets = 0;
  let count = 0;
  for (const s of sizes) {
    octets += s;
    count++;
  }
  return `${octets}.${count}`;
}

// ---- bag-info.txt

/** What bag-info.txt says about a package. */
export interface BagInfo {
  unitName: string;
  uscc: string;
  kind: FilingKindCode;
  sequence: number;
  /** SM3 package digest of the unit's previous package, or null for its first. */
  previousDigest: string | null;
  /** ISO 8601 UTC, milliseconds. */
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  signerFingerprint: string;
  payloadOxum: string;
  counts: PackageCounts;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
}

export interface PackageCounts {
  systems: number;
  resources: number;
  items: number;
  catalogEntries: number;
}

/** The labels this format writes, in the order it writes them. */
export const BAG_INFO_LABELS = {
  sourceOrganization: 'Source-Organization',
  contactName: 'Contact-Name',
  contactPhone: 'Contact-Phone',
  contactEmail: 'Contact-Email',
  externalIdentifier: 'External-Identifier',
  baggingDate: 'Bagging-Date',
  payloadOxum: 'Payload-Oxum',
  format: 'DataSteward-Package-Format',
  unitName: 'DataSteward-Unit-Name',
  uscc: 'DataSteward-Unit-USCC',
  kind: 'DataSteward-Filing-Kind',
  kindLabel: 'DataSteward-Filing-Kind-Label',
  sequence: 'DataSteward-Sequence',
  previous: 'DataSteward-Previous-Package-SM3',
  created: 'DataSteward-Created',
  appVersion: 'DataSteward-App-Version',
  schemaVersion: 'DataSteward-Schema-Version',
  signer: 'DataSteward-Signer-Fingerprint',
  systems: 'DataSteward-Systems',
  resources: 'DataSteward-Resources',
  items: 'DataSteward-Items',
  catalogEntries: 'DataSteward-Catalog-Entries',
} as const;

/** A value on one line: CR/LF/tab become spaces (the JSON payload keeps the exact text). */
export function oneLine(v: string): string {
  return v.replace(/[\r\n\t]+/g, ' ').trim();
}

/** The package's own identifier: USCC and the sequence, six digits. Also the bag's base directory. */
export function packageName(uscc: string, sequence: number): string {
  return `${uscc}-${String(sequence).padStart(6, '0')}`;
}

/** The date of an instant in China Standard Time (UTC+8, no daylight saving), yyyy-mm-dd. */
export function chinaDate(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
}

export function writeBagInfo(info: BagInfo): string {
  const L = BAG_INFO_LABELS;
  const rows: [string, string][] = [
    [L.sourceOrganization, info.unitName],
    [L.contactName, info.contactName],
    [L.contactPhone, info.contactPhone],
    [L.contactEmail, info.contactEmail],
    [L.externalIdentifier, packageName(info.uscc, info.sequence)],
    [L.baggingDate, chinaDate(info.createdAt)],
    [L.payloadOxum, info.payloadOxum],
    [L.format, PACKAGE_FORMAT],
    [L.unitName, info.unitName],
    [L.uscc, info.uscc],
    [L.kind, info.kind],
    [L.kindLabel, FILING_KIND_LABELS[info.kind].zh],
    [L.sequence, String(info.sequence)],
    [L.previous, info.previousDigest ?? NO_PREVIOUS],
    [L.created, info.createdAt],
    [L.appVersion, info.appVersion],
    [L.schemaVersion, String(info.schemaVersion)],
    [L.signer, info.signerFingerprint],
    [L.systems, String(info.counts.systems)],
    [L.resources, String(info.counts.resources)],
    [L.items, String(info.counts.items)],
    [L.catalogEntries, String(info.counts.catalogEntries)],
  ];
  return rows
    .map(([label, value]) => [label, oneLine(value)] as const)
    .filter(([label, value]) => value !== '' || !label.startsWith('Contact-'))
    .map(([label, value]) => `${label}: ${value}\n`)
    .join('');
}

/**
 * Parse bag-info.txt (RFC 8493 §2.2.2: "Label: value", continuation lines indented) into labels
 * and values in order. Malformed lines are problems.
 */
export function parseBagInfoLines(text: string): { elements: { label: string; value: string }[]; problems: PackageProblem[] } {
  const elements: { label: string; value: string }[] = [];
  const found: PackageProblem[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  for (const line of lines) {
    if (/^[ \t]/.test(line)) {
      const last = elements[elements.length - 1];
      if (!last) found.push(problems.bagInfoInvalid('(start)', '以空白开头的续行前没有标签', 'a continuation line before any label'));
      else last.value += ' ' + line.trim();
      continue;
    }
    const m = /^([^:\s][^:]*?):[ \t](.*)$/.exec(line) ?? /^([^:\s][^:]*?):()$/.exec(line);
    if (!m) {
      found.push(problems.bagInfoInvalid(line.slice(0, 40), '应为“标签: 值”', 'expected "Label: value"'));
      continue;
    }
    elements.push({ label: m[1]!, value: m[2]!.trim() });
  }
  return { elements, problems: found };
}

const COUNT = /^(0|[1-9][0-9]{0,9})$/;
const FINGERPRINT = /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Read and check this format's labels; any problem makes the whole bag-info unusable (null). */
export function parseBagInfo(text: string, checkUscc: (uscc: string) => boolean): { info: BagInfo | null; problems: PackageProblem[] } {
  const { elements, problems: found } = parseBagInfoLines(text);
  const L = BAG_INFO_LABELS;
  const values = new Map<string, string>();
  for (const { label, value } of elements) {
    if ((Object.values(L) as string[]).includes(label) && values.has(label)) {
      found.push(problems.bagInfoInvalid(label, '出现了两次', 'appears twice'));
    }
    values.set(label, value);
  }
  const need = (label: string): string => {
    const v = values.get(label);
    if (v === undefined) {
      found.push(problems.bagInfoInvalid(label, '缺少此项', 'missing'));
      return '';
    }
    return v;
  };
  const bad = (label: string, zh: string, en: string) => found.push(problems.bagInfoInvalid(label, zh, en));
  const count = (label: string): number => {
    const v = need(label);
    if (v !== '' && !COUNT.test(v)) bad(label, '应为非负整数', 'must be a non-negative integer');
    return Number(v);
  };

  const format = need(L.format);
  if (format !== '' && format !== PACKAGE_FORMAT) bad(L.format, `应为 ${PACKAGE_FORMAT}`, `must be ${PACKAGE_FORMAT}`);
  const unitName = need(L.unitName);
  if (unitName === '' && values.has(L.unitName)) bad(L.unitName, '不能为空', 'must not be empty');
  const uscc = need(L.uscc);
  if (uscc !== '' && !checkUscc(uscc)) bad(L.uscc, '不是有效的统一社会信用代码', 'is not a valid unified social credit code');
  const kind = need(L.kind);
  if (kind !== '' && !(FILING_KIND_CODES as readonly string[]).includes(kind)) bad(L.kind, `应为 ${FILING_KIND_CODES.join('/')}`, `must be one of ${FILING_KIND_CODES.join(', ')}`);
  const kindLabel = need(L.kindLabel);
  if ((FILING_KIND_CODES as readonly string[]).includes(kind) && kindLabel !== '' && kindLabel !== FILING_KIND_LABELS[kind as FilingKindCode].zh)
    bad(L.kindLabel, `与报送类型 ${kind} 不符`, `does not match the filing kind ${kind}`);
  const seqText = need(L.sequence);
  const sequence = Number(seqText);
  if (seqText !== '' && (!/^[1-9][0-9]{0,8}$/.test(seqText))) bad(L.sequence, '应为正整数', 'must be a positive integer');
  const prev = need(L.previous);
  let previousDigest: string | null = null;
  if (prev !== '') {
    if (prev === NO_PREVIOUS) {
      if (sequence > 1) bad(L.previous, `第 ${sequence} 号备案包必须记录上一包的摘要`, `package ${sequence} must name its previous package`);
    } else if (!SM3_HEX.test(prev)) bad(L.previous, '应为 64 位小写十六进制 SM3 摘要或 none', 'must be a 64-digit lower-case hex SM3 digest or none');
    else if (sequence === 1) bad(L.previous, '第 1 号备案包没有上一包，应为 none', 'package 1 has no previous package; must be none');
    else previousDigest = prev;
  }
  const createdAt = need(L.created);
  if (createdAt !== '' && (!ISO_UTC.test(createdAt) || Number.isNaN(Date.parse(createdAt)))) bad(L.created, '应为 UTC 时间（ISO 8601）', 'must be an ISO 8601 UTC time');
  const appVersion = need(L.appVersion);
  const schemaText = need(L.schemaVersion);
  if (schemaText !== '' && !/^[1-9][0-9]{0,4}$/.test(schemaText)) bad(L.schemaVersion, '应为正整数', 'must be a positive integer');
  const signerFingerprint = need(L.signer);
  if (signerFingerprint !== '' && !FINGERPRINT.test(signerFingerprint)) bad(L.signer, '应为 16 组 4 位大写十六进制', 'must be 16 groups of 4 upper-case hex digits');
  const payloadOxumValue = need(L.payloadOxum);
  if (payloadOxumValue !== '' && !/^[0-9]{1,15}\.[0-9]{1,9}$/.test(payloadOxumValue)) bad(L.payloadOxum, '应为“字节数.文件数”', 'must be "octets.count"');
  const counts = { systems: count(L.systems), resources: count(L.resources), items: count(L.items), catalogEntries: count(L.catalogEntries) };

  if (found.length > 0) return { info: null, problems: found };
  return {
    info: {
      unitName,
      uscc,
      kind: kind as FilingKindCode,
      sequence,
      previousDigest,
      createdAt,
      appVersion,
      schemaVersion: Number(schemaText),
      signerFingerprint,
      payloadOxum: payloadOxumValue,
      counts,
      contactName: values.get(L.contactName) ?? '',
      contactPhone: values.get(L.contactPhone) ?? '',
      contactEmail: values.get(L.contactEmail) ?? '',
    },
    problems: [],
  };
}
