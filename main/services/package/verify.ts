/**
 * Verifying a filing package, in memory, writing nothing. In order:
 *   1. the file: size; the zip's central directory (limits from declared sizes, names, symlinks,
 *      duplicates, overlaps) — refused here before anything is inflated;
 *   2. sealed? the recipient must be this workspace's key; the MAC is checked, then the inner zip
 *      goes through step 1 again;
 *   3. every entry inflated with a hard cap, CRC-checked;
 *   4. the bag: one base directory, required files, bagit.txt, the signature over
 *      tagmanifest-sm3.txt and whether its key is trusted, both tag manifests, both payload
 *      manifests (every entry, no missing, no extra), bag-info.txt, Payload-Oxum, the JSON payload
 *      against its schema and bag-info's counts;
 *   5. the chain, when the bureau's registry is given: sequence later than the last accepted
 *      (replay/rollback), previous digest equal to the last accepted one (fork), no gap.
 * Problems are collected, so one run reports every way a package is wrong, each with its code.
 */
import {
  FILES,
  LIMITS,
  PAYLOAD,
  PACKAGE_SCHEMA_VERSION,
  ROOT_FILES,
  SEALED_HEADER,
  SEALED_PAYLOAD,
  SIGNATURE_ALG,
  SIGNATURE_FORMAT,
  TAG_MANIFEST_FILES,
  FILING_KIND_LABELS,
  catalogFileSchema,
  checkEntryRow,
  inventoryFileSchema,
  INVENTORY_FORMAT,
  oneLine,
  parseBagInfo,
  parseBagInfoLines,
  parseManifest,
  payloadOxum,
  problems,
  profileFileSchema,
  toVerifyError,
  ALGORITHM_LABELS,
  MANIFEST_ALGORITHMS,
  BAG_INFO_KEY_ROTATION,
  PAYLOAD_CHANGE_REPORT,
  PAYLOAD_KEY_ROTATION,
  changeReportSchema,
  keyRotationFileSchema,
  type AnnouncedKeyRotation,
  type BagInfo,
  type InventoryFile,
  type PackageProblem,
  type VerifyReport,
} from '../../domain/package/index';
import { checkUscc } from '../../domain/uscc';
import { importPublicKey, sm2Verify, type DigestHasher, type Digests, type Sm2PrivateKey, type SpkiPublicKey } from '../../crypto/index';
import type { PayloadPreparer } from './payload-prep';
import { isCanonicalBytes } from './canonical-writer';
import { openSealed, parseSealedHeader } from './seal';
import { readZipDirectory, readZipEntry, type ZipReadLimits } from './zip';

export type TrustAnchor =
  /** Keys given by the caller (`verify --pubkey`). */
  | { kind: 'pubkey'; keys: readonly SpkiPublicKey[] }
  /** The workspace's own keys (a unit checking what it exported). */
  | { kind: 'own-key'; keys: readonly SpkiPublicKey[] }
  /** The bureau's registry of units' keys (fingerprint → the unit it speaks for). */
  | { kind: 'registry'; lookup: (fingerprint: string) => { uscc: string; revoked: boolean } | undefined }
  | { kind: 'none' };

export interface VerifyOptions {
  trust: TrustAnchor;
  /** The last package accepted from a unit (bureau side), for replay and fork checks. */
  lastAccepted?: (uscc: string) => { sequence: number; digest: string } | undefined;
  /** The private key sealed packages are opened with (the bureau workspace's own key). */
  recipientKey?: Sm2PrivateKey | undefined;
  hasher: DigestHasher;
  /**
   * Where the payload files' digests are made: given, large files are hashed in its worker while
   * this thread parses and checks the JSON (payload-prep.ts). Without it, here, as before.
   */
  preparer?: PayloadPreparer | undefined;
}

export interface VerifiedPackage {
  report: VerifyReport;
  bagInfo: BagInfo | null;
}

const TAG_FILE_NAMES = new Set<string>(ROOT_FILES);
const zipLimits = (tagFileAt: (name: string) => boolean): ZipReadLimits => ({
  maxEntries: LIMITS.maxEntries,
  maxEntryBytes: (name) => (tagFileAt(name) ? LIMITS.maxTagFileBytes : LIMITS.maxPayloadFileBytes),
  maxTotalBytes: LIMITS.maxTotalUnpackedBytes,
});
/** Tag files sit at depth 1 (base/bagit.txt); the sealed header at the root. */
const isTagFileName = (name: string) => {
  const parts = name.split('/');
  return (parts.length === 2 && TAG_FILE_NAMES.has(parts[1]!)) || name === SEALED_HEADER;
};

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
function text(bytes: Uint8Array): string | null {
  try {
    const s = decoder.decode(bytes);
    return s.charCodeAt(0) === 0xfeff ? null : s;
  } catch {
    return null;
  }
}

interface SignatureJson {
  format: string;
  alg: string;
  userId: string;
  signedFile: string;
  signatureFile: string;
  publicKey: string;
  fingerprint: string;
}

function parseSignatureJson(bytes: Uint8Array): SignatureJson | null {
  const s = text(bytes);
  if (s === null) return null;
  try {
    const j = JSON.parse(s) as SignatureJson;
    if (
      typeof j !== 'object' || j === null ||
      j.format !== SIGNATURE_FORMAT || j.alg !== SIGNATURE_ALG ||
      typeof j.userId !== 'string' || j.userId.length === 0 || j.userId.length > 1000 ||
      j.signedFile !== FILES.tagmanifestSm3 || j.signatureFile !== FILES.signatureDer ||
      typeof j.publicKey !== 'string' || typeof j.fingerprint !== 'string'
    )
      return null;
    return j;
  } catch {
    return null;
  }
}

function emptyReport(fileSm3: string, fileBytes: number): VerifyReport {
  return {
    ok: false,
    signer: null,
    kind: null,
    sequence: null,
    digest: null,
    previousDigest: null,
    createdAt: null,
    counts: null,
    fileSm3,
    fileBytes,
    sealedFor: null,
    trust: 'none',
    errors: [],
  };
}

/** Unpack a zip: every non-directory entry inflated (capped, CRC-checked), or the problems. */
function unpack(bytes: Buffer): { files: Map<string, Buffer>; dirs: string[] } | { problems: PackageProblem[] } {
  const dir = readZipDirectory(bytes, zipLimits(isTagFileName));
  if (dir.problems.length > 0) return { problems: dir.problems };
  const files = new Map<string, Buffer>();
  const dirs: string[] = [];
  const found: PackageProblem[] = [];
  for (const e of dir.entries) {
    if (e.isDirectory) {
      dirs.push(e.name.replace(/\/$/, ''));
      continue;
    }
    const r = readZipEntry(bytes, e);
    if ('problem' in r) found.push(r.problem);
    else files.set(e.name, r.data);
  }
  return found.length > 0 ? { problems: found } : { files, dirs };
}

export async function verifyPackage(input: Uint8Array, opts: VerifyOptions): Promise<VerifiedPackage> {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.length);
  const report = emptyReport(opts.hasher.sm3(bytes), bytes.length);
  const errors: PackageProblem[] = [];
  const done = (bagInfo: BagInfo | null = null): VerifiedPackage => {
    report.errors = errors.map(toVerifyError);
    report.ok = report.errors.length === 0;
    return { report, bagInfo };
  };
  report.trust = opts.trust.kind;

  // ---- 1–3: the container (and the seal)
  if (bytes.length > LIMITS.maxFileBytes) {
    errors.push(problems.tooLarge('备案包文件', 'The package file', bytes.length, LIMITS.maxFileBytes));
    return done();
  }
  let unpacked = unpack(bytes);
  if ('problems' in unpacked) {
    errors.push(...unpacked.problems);
    return done();
  }
  if (unpacked.files.has(SEALED_HEADER)) {
    const names = [...unpacked.files.keys()].sort();
    if (names.length !== 2 || names[0] !== SEALED_HEADER || names[1] !== SEALED_PAYLOAD || unpacked.dirs.length > 0) {
      errors.push(problems.layoutInvalid('加密备案包应只含两个文件', `a sealed package holds exactly ${SEALED_HEADER} and ${SEALED_PAYLOAD}`));
      return done();
    }
    const parsed = parseSealedHeader(unpacked.files.get(SEALED_HEADER)!);
    if ('problem' in parsed) {
      errors.push(parsed.problem);
      return done();
    }
    const recipient = parsed.header.recipient.fingerprint;
    report.sealedFor = recipient;
    if (!opts.recipientKey) {
      errors.push(problems.sealedNoKey(recipient));
      return done();
    }
    const ours = opts.recipientKey.publicKey().fingerprint();
    if (ours !== recipient) {
      errors.push(problems.sealedForOther(recipient, ours));
      return done();
    }
    const opened = openSealed(parsed.header, unpacked.files.get(SEALED_PAYLOAD)!, opts.recipientKey);
    if ('problem' in opened) {
      errors.push(opened.problem);
      return done();
    }
    const inner = Buffer.from(opened.inner.buffer, opened.inner.byteOffset, opened.inner.length);
    unpacked = unpack(inner);
    if ('problems' in unpacked) {
      errors.push(...unpacked.problems);
      return done();
    }
    if (unpacked.files.has(SEALED_HEADER)) {
      errors.push(problems.layoutInvalid('加密备案包内不能再嵌套加密包', 'a sealed package may not contain another sealed package'));
      return done();
    }
  }

  // ---- 4: the bag under its one base directory
  const all = [...unpacked.files.keys(), ...unpacked.dirs];
  const bases = new Set(all.map((n) => n.split('/')[0]!));
  const rootFiles = [...unpacked.files.keys()].filter((n) => !n.includes('/'));
  if (bases.size !== 1 || rootFiles.length > 0) {
    errors.push(
      problems.layoutInvalid(
        '所有文件应位于同一个顶层目录（包目录）之下',
        'every file must be inside one top-level directory (the bag base directory)',
        rootFiles[0],
      ),
    );
    return done();
  }
  const base = [...bases][0]!;
  const files = new Map<string, Buffer>();
  for (const [name, data] of unpacked.files) files.set(name.slice(base.length + 1), data);

  let missingRequired = false;
  for (const name of ROOT_FILES) {
    if (!files.has(name)) {
      errors.push(problems.missingFile(name));
      missingRequired = true;
    }
  }
  for (const name of files.keys()) {
    if (!name.startsWith('data/') && !TAG_FILE_NAMES.has(name)) errors.push(problems.extraFile(name));
  }
  if (missingRequired) return done();

  // bagit.txt
  const bagit = text(files.get(FILES.bagit)!);
  if (bagit === null) errors.push(problems.bagitInvalid('not UTF-8 without BOM'));
  else {
    const { elements } = parseBagInfoLines(bagit);
    const v = (label: string) => elements.filter((e) => e.label === label).map((e) => e.value);
    if (elements.length !== 2 || v('BagIt-Version').join() !== '1.0' || v('Tag-File-Character-Encoding').join() !== 'UTF-8') {
      errors.push(problems.bagitInvalid('expected "BagIt-Version: 1.0" and "Tag-File-Character-Encoding: UTF-8"'));
    }
  }

  // the signature
  const tagmanifestSm3 = files.get(FILES.tagmanifestSm3)!;
  report.digest = opts.hasher.sm3(tagmanifestSm3);
  const sig = parseSignatureJson(files.get(FILES.signatureJson)!);
  let signerKey: SpkiPublicKey | undefined;
  if (!sig) {
    errors.push(problems.signatureInvalid('signature.json 格式不正确', 'signature.json is malformed', FILES.signatureJson));
  } else {
    try {
      signerKey = importPublicKey(sig.publicKey);
    } catch {
      errors.push(problems.signatureInvalid('signature.json 中的公钥无法读取', 'the public key in signature.json cannot be read', FILES.signatureJson));
    }
    if (signerKey) {
      const fp = signerKey.fingerprint();
      report.signer = { fingerprint: fp, unit: '', uscc: '' };
      if (fp !== sig.fingerprint) {
        errors.push(problems.signatureInvalid('signature.json 记录的指纹与其公钥不符', 'the fingerprint in signature.json is not that of its public key', FILES.signatureJson));
      }
      let valid = false;
      try {
        valid = sm2Verify(tagmanifestSm3, files.get(FILES.signatureDer)!, signerKey, { userId: sig.userId });
      } catch {
        valid = false;
      }
      if (!valid) errors.push(problems.signatureInvalid('tagmanifest-sm3.txt 的 SM2 签名验证失败（内容被改动，或签名者标识、公钥不符）', 'the SM2 signature over tagmanifest-sm3.txt does not verify (altered content, or another signer ID or key)'));
    }
  }

  // tag manifests
  for (const alg of MANIFEST_ALGORITHMS) {
    const name = alg === 'sm3' ? FILES.tagmanifestSm3 : FILES.tagmanifestSha256;
    const t = text(files.get(name)!);
    if (t === null) {
      errors.push(problems.manifestInvalid(name, 'not UTF-8 without BOM'));
      continue;
    }
    const m = parseManifest(name, t);
    errors.push(...m.problems);
    for (const listed of m.digests.keys()) {
      if (!(TAG_MANIFEST_FILES as readonly string[]).includes(listed)) {
        if (files.has(listed)) errors.push(problems.manifestInvalid(name, `lists "${listed}", which is not one of ${TAG_MANIFEST_FILES.join(', ')}`));
        else errors.push(problems.missingFile(listed, name));
      }
    }
    for (const tag of TAG_MANIFEST_FILES) {
      const want = m.digests.get(tag);
      if (want === undefined) {
        errors.push(problems.manifestInvalid(name, `does not list ${tag}`));
        continue;
      }
      const d = opts.hasher.digest(files.get(tag)!);
      if ((alg === 'sm3' ? d.sm3 : d.sha256) !== want) errors.push(problems.manifestMismatch(tag, name, ALGORITHM_LABELS[alg]));
    }
  }

  // payload manifests. The digests are made meanwhile (in the preparer's worker for large files),
  // while the JSON payload is parsed and checked here; its problems are reported in their place below.
  const payloadFiles = [...files.keys()].filter((n) => n.startsWith('data/'));
  const digestsReady = Promise.all(
    payloadFiles.map(async (n): Promise<readonly [string, Digests]> => {
      const bytes = files.get(n)!;
      if (!opts.preparer) return [n, opts.hasher.digest(bytes)];
      const p = await opts.preparer.make(bytes, false);
      return [n, { sm3: p.sm3, sha256: p.sha256 }];
    }),
  );
  digestsReady.catch(() => undefined);
  const infoText = text(files.get(FILES.bagInfo)!);
  const parsedInfo = infoText === null ? null : parseBagInfo(infoText, (u) => checkUscc(u).valid);
  const payloadProblems: PackageProblem[] = [];
  checkPayload(files, parsedInfo?.info ?? null, payloadProblems);
  const payloadDigests = new Map(await digestsReady);
  const unlisted = new Set<string>();
  for (const alg of MANIFEST_ALGORITHMS) {
    const name = alg === 'sm3' ? FILES.manifestSm3 : FILES.manifestSha256;
    const t = text(files.get(name)!);
    if (t === null) {
      errors.push(problems.manifestInvalid(name, 'not UTF-8 without BOM'));
      continue;
    }
    const m = parseManifest(name, t);
    errors.push(...m.problems);
    for (const [listed, want] of m.digests) {
      if (!listed.startsWith('data/')) {
        errors.push(problems.manifestInvalid(name, `lists "${listed}", which is not under data/`));
        continue;
      }
      const d = payloadDigests.get(listed);
      if (!d) errors.push(problems.missingFile(listed, name));
      else if ((alg === 'sm3' ? d.sm3 : d.sha256) !== want) errors.push(problems.manifestMismatch(listed, name, ALGORITHM_LABELS[alg]));
    }
    for (const f of payloadFiles) if (!m.digests.has(f)) unlisted.add(f);
  }
  for (const f of unlisted) errors.push(problems.extraFile(f));

  // bag-info.txt
  let bagInfo: BagInfo | null = null;
  if (parsedInfo === null) errors.push(problems.bagInfoInvalid('(file)', '不是无 BOM 的 UTF-8 文本', 'not UTF-8 without BOM'));
  else {
    errors.push(...parsedInfo.problems);
    bagInfo = parsedInfo.info;
  }
  if (bagInfo) {
    report.kind = bagInfo.kind;
    report.sequence = bagInfo.sequence;
    report.previousDigest = bagInfo.previousDigest;
    report.createdAt = bagInfo.createdAt;
    report.counts = bagInfo.counts;
    if (report.signer) report.signer = { ...report.signer, unit: bagInfo.unitName, uscc: bagInfo.uscc };
    const actualOxum = payloadOxum(payloadFiles.map((n) => files.get(n)!.length));
    if (actualOxum !== bagInfo.payloadOxum) errors.push(problems.oxumMismatch(bagInfo.payloadOxum, actualOxum));
    if (signerKey && bagInfo.signerFingerprint !== signerKey.fingerprint()) {
      errors.push(problems.bagInfoInvalid('DataSteward-Signer-Fingerprint', '与签名所用公钥不符', 'is not the key that signed the package'));
    }
    if (bagInfo.schemaVersion > PACKAGE_SCHEMA_VERSION) {
      errors.push(problems.bagInfoInvalid('DataSteward-Schema-Version', `为第 ${bagInfo.schemaVersion} 版，本程序只认识第 ${PACKAGE_SCHEMA_VERSION} 版，请升级`, `is ${bagInfo.schemaVersion}; this program knows version ${PACKAGE_SCHEMA_VERSION}: upgrade it`));
    }
  }

  // the signer: trusted?
  if (signerKey) {
    const fp = signerKey.fingerprint();
    const t = opts.trust;
    if (t.kind === 'none') {
      errors.push(problems.unknownSigner(fp, '未提供可信公钥（--pubkey）或区数据局工作区（--path），无法确认签名者', 'no trusted key (--pubkey) or bureau workspace (--path) was given to check the signer against'));
    } else if (t.kind === 'pubkey' || t.kind === 'own-key') {
      if (!t.keys.some((k) => k.equals(signerKey!)))
        errors.push(problems.unknownSigner(fp, t.kind === 'pubkey' ? '签名公钥不是所提供的公钥' : '签名公钥不是本工作区的密钥', t.kind === 'pubkey' ? 'the package was not signed by the given key' : "the package was not signed by this workspace's key"));
    } else {
      const reg = t.lookup(fp);
      if (!reg) errors.push(problems.unknownSigner(fp, '该公钥未在本局登记（请先核对指纹并导入该单位的公钥）', "this key is not registered here (confirm its fingerprint and import the unit's key first)"));
      else if (reg.revoked) errors.push(problems.unknownSigner(fp, '该公钥已被撤销', 'this key has been revoked'));
      else if (bagInfo && reg.uscc !== bagInfo.uscc)
        errors.push(problems.unknownSigner(fp, `该公钥登记的单位是 ${reg.uscc}，而备案包声称来自 ${bagInfo.uscc}`, `this key is registered for ${reg.uscc}, but the package claims to be from ${bagInfo.uscc}`));
    }
  }

  // the JSON payload (checked above, while the digests were made); a file the manifests already
  // reported missing is not reported twice
  const missing = (p: PackageProblem) => p.code === 'PKG_MISSING_FILE';
  errors.push(...payloadProblems.filter((p) => !(missing(p) && errors.some((e) => missing(e) && e.entry === p.entry))));
  if (bagInfo && infoText !== null) {
    const rotation = checkKeyRotation(files, infoText, signerKey, errors);
    if (rotation) report.keyRotation = rotation;
    checkChangeReport(files, bagInfo, errors);
  }

  // ---- 5: the unit's chain as accepted here
  if (bagInfo && opts.lastAccepted) {
    const last = opts.lastAccepted(bagInfo.uscc);
    if (last) {
      if (bagInfo.sequence <= last.sequence) errors.push(problems.replay(bagInfo.uscc, bagInfo.sequence, last.sequence));
      else if (bagInfo.sequence > last.sequence + 1) errors.push(problems.sequenceGap(bagInfo.uscc, bagInfo.sequence, last.sequence));
      else if (bagInfo.previousDigest !== last.digest)
        errors.push(problems.fork(bagInfo.uscc, bagInfo.sequence, last.sequence, last.digest, bagInfo.previousDigest ?? 'none'));
    }
  }
  return done(bagInfo);
}

const MAX_ISSUES = 5;

type Issue = { path: string; message: string };

/** The top level of data/inventory.json by hand and every row with the fast row check (zod for the small parts). */
const inventoryChecker = {
  safeParse(v: unknown): { success: true; data: InventoryFile } | { success: false; issues: Issue[] } {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return { success: false, issues: [{ path: '', message: 'expected an object' }] };
    const o = v as Record<string, unknown>;
    const issues: Issue[] = [];
    const keys = Object.keys(o).sort();
    if (keys.join() !== 'entries,format,systems') issues.push({ path: '', message: 'expected exactly the keys entries, format, systems' });
    if (o.format !== INVENTORY_FORMAT) issues.push({ path: 'format', message: `expected ${INVENTORY_FORMAT}` });
    const systems = inventoryFileSchema.shape.systems.safeParse(o.systems);
    if (!systems.success) issues.push(...systems.error.issues.slice(0, MAX_ISSUES).map((i) => ({ path: ['systems', ...i.path.map(String)].join('.'), message: i.message })));
    if (!Array.isArray(o.entries)) issues.push({ path: 'entries', message: 'expected an array' });
    else if (o.entries.length > 2_000_000) issues.push({ path: 'entries', message: 'too many entries' });
    else {
      for (let i = 0; i < o.entries.length && issues.length < MAX_ISSUES; i++) {
        const p = checkEntryRow(o.entries[i]);
        if (p) issues.push({ path: `entries.${i}${p.key ? `.${p.key}` : ''}`, message: p.message });
      }
    }
    return issues.length > 0 ? { success: false, issues } : { success: true, data: v as InventoryFile };
  },
};

function zodChecker<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }) {
  return {
    safeParse(v: unknown): { success: true; data: T } | { success: false; issues: Issue[] } {
      const r = schema.safeParse(v);
      if (r.success) return r;
      return { success: false, issues: r.error.issues.slice(0, MAX_ISSUES).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
    },
  };
}

function checkPayload(files: Map<string, Buffer>, info: BagInfo | null, errors: PackageProblem[]): void {
  const parse = <T>(path: string, checker: ReturnType<typeof zodChecker<T>>): T | undefined => {
    if (!files.has(path)) {
      if (!errors.some((e) => e.code === 'PKG_MISSING_FILE' && e.entry === path)) errors.push(problems.missingFile(path));
      return undefined;
    }
    return optionalJson(files, path, checker, errors);
  };
  const profile = parse(PAYLOAD.profile, zodChecker(profileFileSchema));
  const inventory = parse(PAYLOAD.inventory, inventoryChecker);
  const catalog = parse(PAYLOAD.catalog, zodChecker(catalogFileSchema));
  if (!info) return;
  const mismatch = (label: string, zh: string, en: string) => errors.push(problems.bagInfoInvalid(label, zh, en));
  if (profile) {
    if (profile.profile.uscc !== info.uscc) mismatch('DataSteward-Unit-USCC', '与 data/profile.json 中的统一社会信用代码不符', 'differs from the code in data/profile.json');
    if (oneLine(profile.profile.unitName) !== info.unitName) mismatch('DataSteward-Unit-Name', '与 data/profile.json 中的单位名称不符', 'differs from the unit name in data/profile.json');
    if (profile.profile.filingKind !== FILING_KIND_LABELS[info.kind].zh) mismatch('DataSteward-Filing-Kind', '与 data/profile.json 中的报送类型不符', 'differs from the filing kind in data/profile.json');
  }
  if (inventory) {
    const resources = inventory.entries.filter((e) => e.kind === 'resource').length;
    if (inventory.systems.length !== info.counts.systems) mismatch('DataSteward-Systems', '与 data/inventory.json 不符', 'differs from data/inventory.json');
    if (resources !== info.counts.resources) mismatch('DataSteward-Resources', '与 data/inventory.json 不符', 'differs from data/inventory.json');
    if (inventory.entries.length - resources !== info.counts.items) mismatch('DataSteward-Items', '与 data/inventory.json 不符', 'differs from data/inventory.json');
  }
  if (catalog && catalog.entries.length !== info.counts.catalogEntries) mismatch('DataSteward-Catalog-Entries', '与 data/catalog.json 不符', 'differs from data/catalog.json');
}

/** One optional JSON payload file: parsed, schema-checked and canonical, or a problem. */
function optionalJson<T>(files: Map<string, Buffer>, path: string, checker: ReturnType<typeof zodChecker<T>>, errors: PackageProblem[]): T | undefined {
  const bytes = files.get(path)!;
  const s = text(bytes);
  let value: unknown;
  try {
    if (s === null) throw new Error('not UTF-8');
    value = JSON.parse(s);
  } catch {
    errors.push(problems.payloadInvalid(path, '不是 UTF-8 JSON', 'not UTF-8 JSON'));
    return undefined;
  }
  const r = checker.safeParse(value);
  if (!r.success) {
    errors.push(problems.payloadInvalid(path, `不符合数据格式（${r.issues.map((i) => i.path || '(根)').join('，')}）`, `does not follow the schema (${r.issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')})`, { issues: r.issues }));
    return undefined;
  }
  if (!isCanonicalBytes(value, bytes)) {
    errors.push(problems.payloadInvalid(path, '不是规范 JSON（键排序、NFC、无多余空白）', 'not canonical JSON (sorted keys, NFC, no insignificant white space)'));
  }
  return r.data;
}

/**
 * A key rotation: data/key-rotation.json and the bag-info element naming the new key come
 * together; the file names the signing key as the previous one, and its new key is readable,
 * has the fingerprint it claims and is another key. The announced key is reported (not trusted).
 */
function checkKeyRotation(files: Map<string, Buffer>, infoText: string, signerKey: SpkiPublicKey | undefined, errors: PackageProblem[]): AnnouncedKeyRotation | undefined {
  const declared = parseBagInfoLines(infoText).elements.filter((e) => e.label === BAG_INFO_KEY_ROTATION).map((e) => e.value);
  const present = files.has(PAYLOAD_KEY_ROTATION);
  if (declared.length > 1) {
    errors.push(problems.bagInfoInvalid(BAG_INFO_KEY_ROTATION, '出现了两次', 'appears twice'));
    return undefined;
  }
  if (!present && declared.length === 0) return undefined;
  if (!present) {
    errors.push(problems.missingFile(PAYLOAD_KEY_ROTATION));
    return undefined;
  }
  const file = optionalJson(files, PAYLOAD_KEY_ROTATION, zodChecker(keyRotationFileSchema), errors);
  if (!file) return undefined;
  if (declared.length === 0) {
    errors.push(problems.bagInfoInvalid(BAG_INFO_KEY_ROTATION, '缺少此项（包中含 data/key-rotation.json）', 'missing (the package holds data/key-rotation.json)'));
    return undefined;
  }
  if (declared[0] !== file.newFingerprint) {
    errors.push(problems.bagInfoInvalid(BAG_INFO_KEY_ROTATION, '与 data/key-rotation.json 中的新密钥指纹不符', 'differs from the new fingerprint in data/key-rotation.json'));
    return undefined;
  }
  let newKey: SpkiPublicKey;
  try {
    newKey = importPublicKey(file.newPublicKey);
  } catch {
    errors.push(problems.payloadInvalid(PAYLOAD_KEY_ROTATION, '新公钥不是有效的 SM2 公钥', 'the new public key is not a valid SM2 public key'));
    return undefined;
  }
  if (newKey.fingerprint() !== file.newFingerprint) {
    errors.push(problems.payloadInvalid(PAYLOAD_KEY_ROTATION, '新公钥的指纹与所记指纹不符', 'the new public key does not have the fingerprint given for it'));
    return undefined;
  }
  if (signerKey && (file.previousFingerprint !== signerKey.fingerprint() || newKey.equals(signerKey))) {
    errors.push(problems.payloadInvalid(PAYLOAD_KEY_ROTATION, '密钥轮换必须由旧密钥签名宣告新密钥', 'a key rotation must be signed by the old key and announce another key'));
    return undefined;
  }
  return { previousFingerprint: file.previousFingerprint, newFingerprint: file.newFingerprint, newPublicKeyPem: newKey.toPem(), newUserId: file.newUserId };
}

/** A change filing carries its change report (computed against the previous filed package). */
function checkChangeReport(files: Map<string, Buffer>, info: BagInfo, errors: PackageProblem[]): void {
  if (!files.has(PAYLOAD_CHANGE_REPORT)) {
    if (info.kind === 'change') errors.push(problems.missingFile(PAYLOAD_CHANGE_REPORT));
    return;
  }
  const report = optionalJson(files, PAYLOAD_CHANGE_REPORT, zodChecker(changeReportSchema), errors);
  if (!report) return;
  if (info.kind !== 'change') errors.push(problems.payloadInvalid(PAYLOAD_CHANGE_REPORT, '只有变更报送才附变更报告', 'only a change filing carries a change report'));
  else if (report.previous.digest !== info.previousDigest || report.previous.sequence >= info.sequence) {
    errors.push(problems.payloadInvalid(PAYLOAD_CHANGE_REPORT, '对比基准不是本包所记的上一包', 'is not computed against the previous package this package names'));
  }
}
