/**
 * The filing package (备案包, `.dsp`): names, versions, filing kinds and the bounded limits that a
 * verifier enforces before it inflates anything. Pure; docs/PACKAGE-FORMAT.md describes the same
 * values and must change with them.
 */

/** The package format, written to bag-info.txt as DataSteward-Package-Format. */
export const PACKAGE_FORMAT = 'datasteward-filing-package/1';
/** The version of the JSON payload schemas (data/*.json), bag-info DataSteward-Schema-Version. */
export const PACKAGE_SCHEMA_VERSION = 1;
export const PACKAGE_EXTENSION = '.dsp';

/** The signature algorithm: SM2 signature with SM3 (GM/T 0009 / GB/T 35276), DER. */
export const SIGNATURE_FORMAT = 'datasteward-signature/1';
export const SIGNATURE_ALG = 'SM2-with-SM3';
export const SIGNATURE_ALG_OID = '1.2.156.10197.1.501';

/** Files at the bag's base directory (RFC 8493 tag files, plus the detached signature). */
export const FILES = {
  bagit: 'bagit.txt',
  bagInfo: 'bag-info.txt',
  manifestSm3: 'manifest-sm3.txt',
  manifestSha256: 'manifest-sha256.txt',
  tagmanifestSm3: 'tagmanifest-sm3.txt',
  tagmanifestSha256: 'tagmanifest-sha256.txt',
  signatureJson: 'signature.json',
  signatureDer: 'signature.der',
} as const;

/** The payload files this version writes (paths relative to the bag's base directory). */
export const PAYLOAD = {
  profile: 'data/profile.json',
  inventory: 'data/inventory.json',
  catalog: 'data/catalog.json',
} as const;

/**
 * The bureau-template workbook (单位信息, 数据分类分级清单, 重要数据目录) of the same state, written
 * by the Excel export through a `PayloadContributor` (main/services/package/template-contributor.ts).
 */
export const PAYLOAD_BUREAU_TEMPLATE_XLSX = 'data/备案清单.xlsx';

/** Tag files the tag manifests list, in the order they are listed (byte order of the names). */
export const TAG_MANIFEST_FILES = [FILES.bagInfo, FILES.bagit, FILES.manifestSha256, FILES.manifestSm3] as const;

/** Every file allowed at the base directory besides data/. */
export const ROOT_FILES: readonly string[] = Object.values(FILES);

/** The outer file of a sealed package: a zip with exactly these two entries. */
export const SEALED_FORMAT = 'datasteward-sealed-package/1';
export const SEALED_HEADER = 'datasteward-sealed.json';
export const SEALED_PAYLOAD = 'payload.sm4';
/** Domain-separation label for the keys derived from the sealed secret (sm4.ts deriveEtmKeys). */
export const SEALED_KDF_LABEL = 'DataSteward sealed package v1';

export const FILING_KIND_CODES = ['initial', 'change', 'annual', 'deregistration'] as const;
export type FilingKindCode = (typeof FILING_KIND_CODES)[number];

/** 报送类型: code → the bureau template's label and English. */
export const FILING_KIND_LABELS: Record<FilingKindCode, { zh: '首次报送' | '变更报送' | '年度报送' | '注销报送'; en: string }> = {
  initial: { zh: '首次报送', en: 'initial filing' },
  change: { zh: '变更报送', en: 'change filing' },
  annual: { zh: '年度报送', en: 'annual filing' },
  deregistration: { zh: '注销报送', en: 'deregistration filing' },
};

/** `none` in DataSteward-Previous-Package-SM3 for the first package of a unit. */
export const NO_PREVIOUS = 'none';

/**
 * Bounded limits. A verifier checks the central directory against them before inflating anything,
 * and inflates with a hard output cap equal to the declared size, so a zip bomb costs at most
 * MAX_TOTAL_UNPACKED_BYTES of memory and is refused as soon as it lies about a size.
 */
export const LIMITS = {
  /** The .dsp file itself (sealed or not). */
  maxFileBytes: 512 * 2 ** 20,
  /** Entries in a zip (the bag has 11 today; room for attachments later). */
  maxEntries: 64,
  /** Bytes of an entry's name. */
  maxNameBytes: 512,
  /** Unpacked size of one tag file (bagit.txt, bag-info.txt, manifests, signature files). */
  maxTagFileBytes: 2 ** 20,
  /** Unpacked size of one payload file. */
  maxPayloadFileBytes: 768 * 2 ** 20,
  /** Unpacked size of everything together. */
  maxTotalUnpackedBytes: 1024 * 2 ** 20,
  /** Unpacked ÷ packed beyond this is refused outright (deflate cannot exceed ~1032:1). */
  maxCompressionRatio: 1100,
} as const;

/** The package digest and every SM3 here: lower-case hex, 64 characters. */
export const SM3_HEX = /^[0-9a-f]{64}$/;
