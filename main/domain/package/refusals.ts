/**
 * Why a filing package is refused: one stable code per way, with a message in Chinese and English
 * and, where it applies, the zip entry or bag file concerned. The codes are part of the published
 * format (docs/PACKAGE-FORMAT.md) and of `datasteward verify --json`: never renamed.
 */

export const PACKAGE_PROBLEM_CODES = [
  // the file and the zip container
  'PKG_NOT_A_PACKAGE',
  'PKG_ZIP_CORRUPT',
  'PKG_ZIP_UNSUPPORTED',
  'PKG_TOO_LARGE',
  'PKG_PATH_ABSOLUTE',
  'PKG_PATH_TRAVERSAL',
  'PKG_PATH_BACKSLASH',
  'PKG_PATH_INVALID',
  'PKG_SYMLINK',
  'PKG_DUPLICATE_NAME',
  // sealing
  'PKG_SEALED_FOR_OTHER',
  'PKG_SEALED_NO_KEY',
  'PKG_SEAL_BROKEN',
  // the bag
  'PKG_LAYOUT_INVALID',
  'PKG_BAGIT_INVALID',
  'PKG_MISSING_FILE',
  'PKG_EXTRA_FILE',
  'PKG_MANIFEST_INVALID',
  'PKG_MANIFEST_MISMATCH',
  'PKG_OXUM_MISMATCH',
  'PKG_BAG_INFO_INVALID',
  'PKG_PAYLOAD_INVALID',
  // the signature and the signer
  'PKG_SIGNATURE_INVALID',
  'PKG_UNKNOWN_SIGNER',
  // the unit's chain of filings, as the bureau has accepted it
  'PKG_REPLAY',
  'PKG_FORK',
  'PKG_SEQUENCE_GAP',
] as const;
export type PackageProblemCode = (typeof PACKAGE_PROBLEM_CODES)[number];

export interface PackageProblem {
  code: PackageProblemCode;
  message_zh: string;
  message_en: string;
  /** The zip entry or bag file (path relative to the bag's base directory) concerned, if any. */
  entry?: string;
  details?: Record<string, unknown>;
}

const p = (code: PackageProblemCode, zh: string, en: string, entry?: string, details?: Record<string, unknown>): PackageProblem => {
  const out: PackageProblem = { code, message_zh: zh, message_en: en };
  if (entry !== undefined) out.entry = entry;
  if (details !== undefined) out.details = details;
  return out;
};

const mib = (n: number) => `${Math.round((n / 2 ** 20) * 10) / 10} MiB`;

/** The constructors of every problem; messages name the entry so the officer can say what is wrong. */
export const problems = {
  notAPackage: (why_zh: string, why_en: string) =>
    p('PKG_NOT_A_PACKAGE', `不是备案包文件：${why_zh}`, `Not a filing package: ${why_en}`),
  zipCorrupt: (why_en: string, entry?: string) =>
    p('PKG_ZIP_CORRUPT', `备案包文件已损坏（${why_en}）`, `The package file is damaged (${why_en})`, entry),
  zipUnsupported: (why_en: string, entry?: string) =>
    p('PKG_ZIP_UNSUPPORTED', `备案包使用了不支持的压缩格式（${why_en}）`, `The package uses an unsupported zip feature (${why_en})`, entry),
  tooLarge: (what_zh: string, what_en: string, size: number, limit: number, entry?: string) =>
    p(
      'PKG_TOO_LARGE',
      `${what_zh}过大（${mib(size)}，上限 ${mib(limit)}），拒绝解压`,
      `${what_en} is too large (${mib(size)}, limit ${mib(limit)}); refused before unpacking`,
      entry,
      { size, limit },
    ),
  pathAbsolute: (entry: string) => p('PKG_PATH_ABSOLUTE', `包内文件“${entry}”使用了绝对路径`, `The entry "${entry}" has an absolute path`, entry),
  pathTraversal: (entry: string) =>
    p('PKG_PATH_TRAVERSAL', `包内文件“${entry}”的路径含有“..”，可能写到包外`, `The entry "${entry}" contains "..", which could write outside the package`, entry),
  pathBackslash: (entry: string) =>
    p('PKG_PATH_BACKSLASH', `包内文件“${entry}”的路径含有反斜杠“\\”`, `The entry "${entry}" contains a backslash`, entry),
  pathInvalid: (entry: string, why_en: string) =>
    p('PKG_PATH_INVALID', `包内文件“${entry}”的名称不合规范（${why_en}）`, `The entry "${entry}" has an invalid name (${why_en})`, entry),
  symlink: (entry: string) => p('PKG_SYMLINK', `包内文件“${entry}”是符号链接，备案包不允许`, `The entry "${entry}" is a symbolic link, which a package may not contain`, entry),
  duplicateName: (entry: string) =>
    p('PKG_DUPLICATE_NAME', `包内有两个名为“${entry}”的文件（或仅大小写、Unicode 形式不同）`, `The package has two entries named "${entry}" (or names that differ only in case or Unicode form)`, entry),
  sealedForOther: (recipient: string, ours: string) =>
    p(
      'PKG_SEALED_FOR_OTHER',
      `此备案包是加密发给另一把密钥（指纹 ${recipient}）的，本工作区的密钥（${ours}）无法打开`,
      `This package is sealed for another key (${recipient}); this workspace's key (${ours}) cannot open it`,
      undefined,
      { recipient, ours },
    ),
  sealedNoKey: (recipient: string) =>
    p(
      'PKG_SEALED_NO_KEY',
      `此备案包已加密（接收方密钥指纹 ${recipient}），请在接收方（区数据局）工作区中验证`,
      `This package is sealed for the key ${recipient}; verify it in the recipient's (bureau's) workspace`,
      undefined,
      { recipient },
    ),
  sealBroken: (why_en: string) =>
    p('PKG_SEAL_BROKEN', `加密备案包无法解开：密文已被改动或已损坏（${why_en}）`, `The sealed package cannot be opened: it was altered or damaged (${why_en})`),
  layoutInvalid: (why_zh: string, why_en: string, entry?: string) =>
    p('PKG_LAYOUT_INVALID', `备案包结构不正确：${why_zh}`, `The package layout is wrong: ${why_en}`, entry),
  bagitInvalid: (why_en: string) =>
    p('PKG_BAGIT_INVALID', `bagit.txt 不是 BagIt 1.0 声明（${why_en}）`, `bagit.txt is not a BagIt 1.0 declaration (${why_en})`, 'bagit.txt'),
  missingFile: (entry: string, listedIn?: string) =>
    p(
      'PKG_MISSING_FILE',
      listedIn ? `清单 ${listedIn} 列出的文件“${entry}”在包中不存在` : `备案包缺少文件“${entry}”`,
      listedIn ? `"${entry}", listed in ${listedIn}, is missing from the package` : `The package is missing "${entry}"`,
      entry,
      listedIn ? { listedIn } : undefined,
    ),
  extraFile: (entry: string) =>
    p('PKG_EXTRA_FILE', `包中有未列入清单的文件“${entry}”`, `The package contains "${entry}", which no manifest lists`, entry),
  manifestInvalid: (manifest: string, why_en: string, line?: number) =>
    p('PKG_MANIFEST_INVALID', `清单 ${manifest} 格式不正确${line ? `（第 ${line} 行）` : ''}：${why_en}`, `${manifest} is malformed${line ? ` (line ${line})` : ''}: ${why_en}`, manifest, line ? { line } : undefined),
  manifestMismatch: (entry: string, manifest: string, algorithm: string) =>
    p(
      'PKG_MANIFEST_MISMATCH',
      `文件“${entry}”的 ${algorithm} 摘要与 ${manifest} 不符：文件已被改动`,
      `The ${algorithm} digest of "${entry}" does not match ${manifest}: the file was altered`,
      entry,
      { manifest, algorithm },
    ),
  oxumMismatch: (declared: string, actual: string) =>
    p(
      'PKG_OXUM_MISMATCH',
      `Payload-Oxum 声明为 ${declared}（字节数.文件数），实际为 ${actual}`,
      `Payload-Oxum says ${declared} (bytes.files), the payload is ${actual}`,
      'bag-info.txt',
      { declared, actual },
    ),
  bagInfoInvalid: (label: string, why_zh: string, why_en: string) =>
    p('PKG_BAG_INFO_INVALID', `bag-info.txt 的“${label}”不正确：${why_zh}`, `bag-info.txt "${label}" is invalid: ${why_en}`, 'bag-info.txt', { label }),
  payloadInvalid: (entry: string, why_zh: string, why_en: string, details?: Record<string, unknown>) =>
    p('PKG_PAYLOAD_INVALID', `数据文件“${entry}”不符合备案包数据格式：${why_zh}`, `The data file "${entry}" does not follow the package schema: ${why_en}`, entry, details),
  signatureInvalid: (why_zh: string, why_en: string, entry = 'signature.der') =>
    p('PKG_SIGNATURE_INVALID', `签名无效：${why_zh}`, `Invalid signature: ${why_en}`, entry),
  unknownSigner: (fingerprint: string, why_zh: string, why_en: string) =>
    p(
      'PKG_UNKNOWN_SIGNER',
      `签名者不可信：${why_zh}（签名者公钥指纹 ${fingerprint}）`,
      `Untrusted signer: ${why_en} (signer's key fingerprint ${fingerprint})`,
      'signature.json',
      { fingerprint },
    ),
  replay: (uscc: string, sequence: number, lastAccepted: number) =>
    p(
      'PKG_REPLAY',
      `重放或回退：单位 ${uscc} 的第 ${sequence} 号备案包不晚于已接收的第 ${lastAccepted} 号`,
      `Replay or rollback: package ${sequence} of unit ${uscc} is not later than package ${lastAccepted}, already accepted`,
      'bag-info.txt',
      { uscc, sequence, lastAccepted },
    ),
  fork: (uscc: string, sequence: number, lastAccepted: number, expected: string, found: string) =>
    p(
      'PKG_FORK',
      `分叉：单位 ${uscc} 的第 ${sequence} 号备案包所记的上一包摘要与已接收的第 ${lastAccepted} 号不符`,
      `Fork: package ${sequence} of unit ${uscc} names a previous package other than package ${lastAccepted}, the last accepted`,
      'bag-info.txt',
      { uscc, sequence, lastAccepted, expected, found },
    ),
  sequenceGap: (uscc: string, sequence: number, lastAccepted: number) =>
    p(
      'PKG_SEQUENCE_GAP',
      `单位 ${uscc} 的第 ${lastAccepted + 1}${sequence - 1 > lastAccepted + 1 ? `–${sequence - 1}` : ''} 号备案包尚未接收，请先提交；第 ${sequence} 号无法接续已接收的第 ${lastAccepted} 号`,
      `Packages ${lastAccepted + 1}${sequence - 1 > lastAccepted + 1 ? `–${sequence - 1}` : ''} of unit ${uscc} have not been accepted; package ${sequence} cannot follow package ${lastAccepted}`,
      'bag-info.txt',
      { uscc, sequence, lastAccepted },
    ),
};
