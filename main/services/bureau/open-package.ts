/**
 * Opening a filing package on the bureau side: verification is the package service's
 * (verifyPackage, with the bureau's registry, chain and unsealing key); once it says the package
 * is good, the payload is read back out of the same bytes (unsealed again with the bureau key) so
 * intake can store its profile, inventory and catalog. Nothing is written here.
 */
import { DomainError } from '../../domain/errors';
import {
  LIMITS,
  PAYLOAD,
  ROOT_FILES,
  SEALED_HEADER,
  type BagInfo,
  type CatalogFile,
  type InventoryFile,
  type ProfileFile,
  type VerifyReport,
} from '../../domain/package/index';
import { keyRotationFileSchema, PAYLOAD_KEY_ROTATION } from '../../domain/package/outcomes';
import type { DigestHasher, Sm2PrivateKey } from '../../crypto/index';
import { openSealed, parseSealedHeader } from '../package/seal';
import { verifyPackage, type TrustAnchor } from '../package/verify';
import { readZipDirectory, readZipEntry } from '../package/zip';

export interface OpenContext {
  trust: TrustAnchor;
  lastAccepted: (uscc: string) => { sequence: number; digest: string } | undefined;
  recipientKey: Sm2PrivateKey | undefined;
  hasher: DigestHasher;
}

export interface AnnouncedRotation {
  previousFingerprint: string;
  newFingerprint: string;
  newPublicKeyPem: string;
  announcedAt: string;
}

export interface OpenedPackage {
  report: VerifyReport;
  bagInfo: BagInfo | null;
  /** Present when the report is ok. */
  payload?: { profile: ProfileFile; inventory: InventoryFile; catalog: CatalogFile; rotation: AnnouncedRotation | null };
  /** The signer's public key PEM as the package carries it (for registering an unknown unit). */
  signerPem: string | null;
}

const TAG_NAMES = new Set<string>(ROOT_FILES);
const limits = {
  maxEntries: LIMITS.maxEntries,
  maxEntryBytes: (name: string) => {
    const parts = name.split('/');
    return (parts.length === 2 && TAG_NAMES.has(parts[1]!)) || name === SEALED_HEADER ? LIMITS.maxTagFileBytes : LIMITS.maxPayloadFileBytes;
  },
  maxTotalBytes: LIMITS.maxTotalUnpackedBytes,
};

const internal = (why: string) => new DomainError('INTAKE_READ_FAILED', `备案包内容无法读取：${why}`, `The package content cannot be read: ${why}`);

/** Every file of a zip by name (already verified: problems here mean the bytes changed under us). */
function unzip(bytes: Buffer): Map<string, Buffer> {
  const dir = readZipDirectory(bytes, limits);
  if (dir.problems.length > 0) throw internal(dir.problems[0]!.message_en);
  const files = new Map<string, Buffer>();
  for (const e of dir.entries) {
    if (e.isDirectory) continue;
    const r = readZipEntry(bytes, e);
    if ('problem' in r) throw internal(r.problem.message_en);
    files.set(e.name, r.data);
  }
  return files;
}

/** The bag's files by path relative to its base directory (unsealing first when sealed). */
export function bagFiles(bytes: Buffer, recipientKey: Sm2PrivateKey | undefined): Map<string, Buffer> {
  let files = unzip(bytes);
  const header = files.get(SEALED_HEADER);
  if (header) {
    if (!recipientKey) throw internal('sealed');
    const parsed = parseSealedHeader(header);
    if ('problem' in parsed) throw internal(parsed.problem.message_en);
    const opened = openSealed(parsed.header, files.get('payload.sm4')!, recipientKey);
    if ('problem' in opened) throw internal(opened.problem.message_en);
    files = unzip(Buffer.from(opened.inner.buffer, opened.inner.byteOffset, opened.inner.length));
  }
  const out = new Map<string, Buffer>();
  for (const [name, data] of files) out.set(name.slice(name.indexOf('/') + 1), data);
  return out;
}

const json = (b: Buffer | undefined): unknown => (b === undefined ? undefined : JSON.parse(b.toString('utf8')));

/**
 * A package sealed for this bureau, unsealed once (recipient and MAC checked by openSealed): the
 * inner bag, or undefined when anything about the seal is not right (the verifier then reports it).
 */
function unsealOnce(bytes: Buffer, key: Sm2PrivateKey | undefined): { inner: Buffer; recipient: string } | undefined {
  if (!key) return undefined;
  try {
    const dir = readZipDirectory(bytes, limits);
    if (dir.problems.length > 0 || dir.entries.length !== 2) return undefined;
    const files = new Map<string, Buffer>();
    for (const e of dir.entries) {
      const r = readZipEntry(bytes, e);
      if ('problem' in r) return undefined;
      files.set(e.name, r.data);
    }
    const header = files.get(SEALED_HEADER);
    const payload = files.get('payload.sm4');
    if (!header || !payload) return undefined;
    const parsed = parseSealedHeader(header);
    if ('problem' in parsed || parsed.header.recipient.fingerprint !== key.publicKey().fingerprint()) return undefined;
    const opened = openSealed(parsed.header, payload, key);
    if ('problem' in opened) return undefined;
    const inner = Buffer.from(opened.inner.buffer, opened.inner.byteOffset, opened.inner.length);
    // A seal inside a seal is refused by the verifier: let it see the whole file.
    if (readZipDirectory(inner, limits).entries.some((e) => e.name === SEALED_HEADER)) return undefined;
    return { inner: Buffer.from(opened.inner.buffer, opened.inner.byteOffset, opened.inner.length), recipient: parsed.header.recipient.fingerprint };
  } catch {
    return undefined;
  }
}

export async function openPackage(bytes: Buffer, ctx: OpenContext): Promise<OpenedPackage> {
  const opts = { trust: ctx.trust, lastAccepted: ctx.lastAccepted, recipientKey: ctx.recipientKey, hasher: ctx.hasher };
  // Sealed for us: unseal once, verify the inner bag, and report the outer file as the verifier would.
  const sealed = unsealOnce(bytes, ctx.recipientKey);
  let verified = sealed ? await verifyPackage(sealed.inner, opts) : await verifyPackage(bytes, opts);
  if (sealed && (verified.report.errors.some((e) => e.code === 'PKG_SEALED_FOR_OTHER' || e.code === 'PKG_SEALED_NO_KEY' || e.code === 'PKG_LAYOUT_INVALID'))) {
    verified = await verifyPackage(bytes, opts);
  } else if (sealed) {
    verified.report.fileSm3 = ctx.hasher.sm3(bytes);
    verified.report.fileBytes = bytes.length;
    verified.report.sealedFor = sealed.recipient;
  }
  const { report, bagInfo } = verified;
  const source = sealed ? sealed.inner : bytes;
  let files: Map<string, Buffer> | undefined;
  let signerPem: string | null = null;
  // The signer's key: needed to register an unknown unit from its package.
  if (!report.ok && report.signer && report.errors.some((e) => e.code === 'PKG_UNKNOWN_SIGNER')) {
    try {
      files = bagFiles(source, ctx.recipientKey);
      const sig = json(files.get('signature.json')) as { publicKey?: unknown } | undefined;
      if (sig && typeof sig.publicKey === 'string') signerPem = sig.publicKey;
    } catch {
      signerPem = null;
    }
  }
  if (!report.ok || !bagInfo) return { report, bagInfo, signerPem };
  files ??= bagFiles(source, ctx.recipientKey);
  const sig = json(files.get('signature.json')) as { publicKey?: unknown } | undefined;
  if (sig && typeof sig.publicKey === 'string') signerPem = sig.publicKey;
  let rotation: AnnouncedRotation | null = null;
  const announced = (report as VerifyReport & { keyRotation?: { previousFingerprint: string; newFingerprint: string; newPublicKeyPem: string } }).keyRotation;
  const rotFile = files.get(PAYLOAD_KEY_ROTATION);
  if (rotFile) {
    const r = keyRotationFileSchema.safeParse(json(rotFile));
    if (r.success) rotation = { previousFingerprint: r.data.previousFingerprint, newFingerprint: r.data.newFingerprint, newPublicKeyPem: r.data.newPublicKey, announcedAt: r.data.announcedAt };
  }
  if (!rotation && announced) rotation = { ...announced, announcedAt: bagInfo.createdAt };
  return {
    report,
    bagInfo,
    signerPem,
    payload: {
      profile: json(files.get(PAYLOAD.profile)) as ProfileFile,
      inventory: json(files.get(PAYLOAD.inventory)) as InventoryFile,
      catalog: json(files.get(PAYLOAD.catalog)) as CatalogFile,
      rotation,
    },
  };
}
