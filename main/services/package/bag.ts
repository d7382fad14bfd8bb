/**
 * Writing a filing package: payload files → BagIt 1.0 bag (manifests in SM3 and SHA-256, bag-info
 * with Payload-Oxum, tag manifests) → detached SM2-with-SM3 signature over tagmanifest-sm3.txt →
 * one zip with the bag under a single base directory (RFC 8493 §4 serialization).
 */
import {
  BAGIT_TXT,
  FILES,
  PACKAGE_SCHEMA_VERSION,
  SIGNATURE_ALG,
  SIGNATURE_ALG_OID,
  SIGNATURE_FORMAT,
  TAG_MANIFEST_FILES,
  checkEntryName,
  collisionKey,
  packageName,
  payloadOxum,
  writeBagInfo,
  writeManifest,
  type BagInfo,
} from '../../domain/package/index';
import { signChecked, type DigestHasher, type Signer } from '../../crypto/index';
import { canonicalBuffer } from './canonical-writer';
import { writeZip, type ZipInput } from './zip';
import { preparePayload, type PreparedPayload } from './payload-prep';

export interface PayloadFile {
  /** Relative to the bag's base directory, under data/. */
  path: string;
  bytes: Uint8Array;
  /** Its digests and zip entry, if already being made (payload-prep.ts: in a worker thread). */
  prepared?: Promise<PreparedPayload>;
}

/** Whether a payload file is deflated in the package zip: not an .xlsx, which is a zip already. */
export function payloadCompressed(path: string): boolean {
  return !path.endsWith('.xlsx');
}

/** What signature.json holds (canonical JSON, beside signature.der, outside the tag manifests). */
export interface SignatureFile {
  format: typeof SIGNATURE_FORMAT;
  alg: typeof SIGNATURE_ALG;
  algOid: typeof SIGNATURE_ALG_OID;
  /** The SM2 signer ID (ENTL‖ID in Z_A); pass it to OpenSSL as -sigopt distid:… */
  userId: string;
  signedFile: typeof FILES.tagmanifestSm3;
  signatureFile: typeof FILES.signatureDer;
  signatureEncoding: 'DER';
  /** SubjectPublicKeyInfo PEM of the signer. */
  publicKey: string;
  /** SM3 of the SPKI DER, 16 groups of four. */
  fingerprint: string;
  signedAt: string;
}

export interface BuildBagInput {
  info: Omit<BagInfo, 'payloadOxum' | 'signerFingerprint' | 'schemaVersion'>;
  payload: readonly PayloadFile[];
  signer: Signer;
  hasher: DigestHasher;
  /** zlib level for the zip; default: see writeZip. */
  zipLevel?: number;
  /** Further bag-info.txt elements, after this format's own (e.g. a key rotation's new fingerprint). */
  extraInfo?: readonly (readonly [label: string, value: string])[];
}

export interface BuiltBag {
  /** The zip (unsealed). */
  zip: Buffer;
  /** Package digest: SM3 of tagmanifest-sm3.txt. */
  digest: string;
  baseDir: string;
  /** Every file of the bag by its path relative to the base directory. */
  files: Map<string, Uint8Array>;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** Canonical JSON as UTF-8 bytes (canonical-writer.ts: the same bytes as canonicalJson, faster). */
export function canonicalBytes(value: unknown): Uint8Array {
  return canonicalBuffer(value);
}

export async function buildBag(input: BuildBagInput): Promise<BuiltBag> {
  const seen = new Set<string>();
  for (const f of input.payload) {
    if (!f.path.startsWith('data/') || checkEntryName(f.path)) throw new Error(`payload path not allowed: ${f.path}`);
    if (seen.has(collisionKey(f.path))) throw new Error(`payload path twice: ${f.path}`);
    seen.add(collisionKey(f.path));
  }
  const { hasher, signer } = input;
  const publicKey = signer.publicKey();
  const sm3s = new Map<string, string>();
  const sha256s = new Map<string, string>();
  const prepared = new Map<string, PreparedPayload>();
  for (const f of input.payload) {
    const p = f.prepared ? await f.prepared : preparePayload(f.bytes, payloadCompressed(f.path), hasher, input.zipLevel);
    prepared.set(f.path, p);
    sm3s.set(f.path, p.sm3);
    sha256s.set(f.path, p.sha256);
  }
  const files = new Map<string, Uint8Array>();
  files.set(FILES.bagit, utf8(BAGIT_TXT));
  files.set(
    FILES.bagInfo,
    utf8(
      writeBagInfo({
        ...input.info,
        schemaVersion: PACKAGE_SCHEMA_VERSION,
        signerFingerprint: publicKey.fingerprint(),
        payloadOxum: payloadOxum(input.payload.map((f) => f.bytes.length)),
      }) + (input.extraInfo ?? []).map(([label, value]) => `${label}: ${value}\n`).join(''),
    ),
  );
  files.set(FILES.manifestSm3, utf8(writeManifest(sm3s)));
  files.set(FILES.manifestSha256, utf8(writeManifest(sha256s)));
  const tagSm3 = new Map<string, string>();
  const tagSha256 = new Map<string, string>();
  for (const name of TAG_MANIFEST_FILES) {
    const d = hasher.digest(files.get(name)!);
    tagSm3.set(name, d.sm3);
    tagSha256.set(name, d.sha256);
  }
  const tagmanifestSm3 = utf8(writeManifest(tagSm3));
  files.set(FILES.tagmanifestSm3, tagmanifestSm3);
  files.set(FILES.tagmanifestSha256, utf8(writeManifest(tagSha256)));

  const signature = await signChecked(signer, tagmanifestSm3);
  const signatureFile: SignatureFile = {
    format: SIGNATURE_FORMAT,
    alg: SIGNATURE_ALG,
    algOid: SIGNATURE_ALG_OID,
    userId: signer.userId,
    signedFile: FILES.tagmanifestSm3,
    signatureFile: FILES.signatureDer,
    signatureEncoding: 'DER',
    publicKey: publicKey.toPem(),
    fingerprint: publicKey.fingerprint(),
    signedAt: input.info.createdAt,
  };
  files.set(FILES.signatureJson, canonicalBytes(signatureFile));
  files.set(FILES.signatureDer, signature);

  const baseDir = packageName(input.info.uscc, input.info.sequence);
  const order = [FILES.bagit, FILES.bagInfo, ...input.payload.map((f) => f.path), FILES.manifestSm3, FILES.manifestSha256, FILES.tagmanifestSm3, FILES.tagmanifestSha256, FILES.signatureJson, FILES.signatureDer];
  const payloadByPath = new Map(input.payload.map((f) => [f.path, f.bytes]));
  const entries: ZipInput[] = order.map((name) => {
    const zipped = prepared.get(name)?.zip;
    return {
      name: `${baseDir}/${name}`,
      data: files.get(name) ?? payloadByPath.get(name)!,
      // The DER signature and already-compressed payload (an .xlsx is a zip) are stored as they are.
      compress: name !== FILES.signatureDer && payloadCompressed(name),
      ...(zipped ? { prepared: zipped } : {}),
    };
  });
  for (const f of input.payload) files.set(f.path, f.bytes);
  const zip = writeZip(entries, { mtime: new Date(input.info.createdAt), ...(input.zipLevel ? { level: input.zipLevel } : {}) });
  return { zip, digest: hasher.sm3(tagmanifestSm3), baseDir, files };
}
