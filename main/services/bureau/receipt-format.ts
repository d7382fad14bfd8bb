/**
 * The receipt (回执) file: a BagIt bag in a zip, like a filing package, signed the same way
 * (SM2-with-SM3 over tagmanifest-sm3.txt, signature.json + signature.der) with the bureau's key.
 * Its bag-info says `DataSteward-Package-Format: datasteward-receipt/1` and
 * `DataSteward-Filing-Kind: receipt`; the payload is one canonical JSON file, data/receipt.json
 * (ReceiptPayload). Filing kinds stay the four filing kinds: a receipt is never a filing, so it
 * is recognised by its format line and verified here, not by the filing-package verifier.
 */
import { DomainError } from '../../domain/errors';
import { FILING_DECISIONS, type ReceiptPayload } from '../../domain/bureau';
import { BAGIT_TXT, FILES, SIGNATURE_ALG, SIGNATURE_ALG_OID, SIGNATURE_FORMAT, parseBagInfoLines, parseManifest, payloadOxum, writeManifest } from '../../domain/package/index';
import { importPublicKey, signChecked, sm2Verify, type DigestHasher, type Signer, type SpkiPublicKey } from '../../crypto/index';
import { canonicalBytes } from '../package/bag';
import { readZipDirectory, readZipEntry, writeZip } from '../package/zip';

export const RECEIPT_FORMAT = 'datasteward-receipt/1';
export const RECEIPT_PAYLOAD = 'data/receipt.json';
export const RECEIPT_EXTENSION = '.dsr';
const MAX_RECEIPT_BYTES = 64 * 2 ** 20;

const utf8 = (s: string) => new TextEncoder().encode(s);

export const receiptInvalid = (why_zh: string, why_en: string) =>
  new DomainError('RECEIPT_INVALID', `不是有效的回执文件：${why_zh}`, `Not a valid receipt: ${why_en}`);

export async function buildReceipt(payload: ReceiptPayload, signer: Signer, hasher: DigestHasher): Promise<{ zip: Buffer; digest: string }> {
  const data = canonicalBytes(payload);
  const pub = signer.publicKey();
  const info = [
    `Source-Organization: 区数据局`,
    `External-Identifier: receipt-${payload.uscc}-${payload.filingSequence}`,
    `Bagging-Date: ${payload.issuedAt.slice(0, 10)}`,
    `Payload-Oxum: ${payloadOxum([data.length])}`,
    `DataSteward-Package-Format: ${RECEIPT_FORMAT}`,
    `DataSteward-Filing-Kind: receipt`,
    `DataSteward-Unit-USCC: ${payload.uscc}`,
    `DataSteward-Sequence: ${payload.filingSequence}`,
    `DataSteward-Filing-SM3: ${payload.filingDigest}`,
    `DataSteward-Decision: ${payload.decision}`,
    `DataSteward-Created: ${payload.issuedAt}`,
    `DataSteward-Signer-Fingerprint: ${pub.fingerprint()}`,
    '',
  ].join('\n');
  const files = new Map<string, Uint8Array>();
  files.set(FILES.bagit, utf8(BAGIT_TXT));
  files.set(FILES.bagInfo, utf8(info));
  files.set(RECEIPT_PAYLOAD, data);
  files.set(FILES.manifestSm3, utf8(writeManifest(new Map([[RECEIPT_PAYLOAD, hasher.sm3(data)]]))));
  const tag = new Map<string, string>();
  for (const name of [FILES.bagInfo, FILES.bagit, FILES.manifestSm3]) tag.set(name, hasher.sm3(files.get(name)!));
  const tagmanifest = utf8(writeManifest(tag));
  files.set(FILES.tagmanifestSm3, tagmanifest);
  const signature = await signChecked(signer, tagmanifest);
  files.set(
    FILES.signatureJson,
    canonicalBytes({
      format: SIGNATURE_FORMAT,
      alg: SIGNATURE_ALG,
      algOid: SIGNATURE_ALG_OID,
      userId: signer.userId,
      signedFile: FILES.tagmanifestSm3,
      signatureFile: FILES.signatureDer,
      signatureEncoding: 'DER',
      publicKey: pub.toPem(),
      fingerprint: pub.fingerprint(),
      signedAt: payload.issuedAt,
    }),
  );
  files.set(FILES.signatureDer, signature);
  const base = `receipt-${payload.uscc}-${String(payload.filingSequence).padStart(4, '0')}`;
  const zip = writeZip(
    [...files].map(([name, bytes]) => ({ name: `${base}/${name}`, data: bytes, compress: name !== FILES.signatureDer })),
    { mtime: new Date(payload.issuedAt) },
  );
  return { zip, digest: hasher.sm3(tagmanifest) };
}

export interface OpenedReceipt {
  payload: ReceiptPayload;
  signer: SpkiPublicKey;
  digest: string;
}

/** Check a receipt's bag and signature; the caller decides whether the signer is trusted. */
export function openReceipt(bytes: Buffer, hasher: DigestHasher): OpenedReceipt {
  if (bytes.length > MAX_RECEIPT_BYTES) throw receiptInvalid('文件过大', 'too large');
  const dir = readZipDirectory(bytes, { maxEntries: 16, maxEntryBytes: () => MAX_RECEIPT_BYTES, maxTotalBytes: MAX_RECEIPT_BYTES * 2 });
  if (dir.problems.length > 0) throw receiptInvalid('不是完好的 zip 文件', dir.problems[0]!.message_en);
  const files = new Map<string, Buffer>();
  let base: string | undefined;
  for (const e of dir.entries) {
    if (e.isDirectory) continue;
    const slash = e.name.indexOf('/');
    const b = slash > 0 ? e.name.slice(0, slash) : '';
    if (base === undefined) base = b;
    if (b === '' || b !== base) throw receiptInvalid('文件应位于同一目录下', 'every file must be under one base directory');
    const r = readZipEntry(bytes, e);
    if ('problem' in r) throw receiptInvalid('内容已损坏', r.problem.message_en);
    files.set(e.name.slice(slash + 1), r.data);
  }
  const need = [FILES.bagit, FILES.bagInfo, RECEIPT_PAYLOAD, FILES.manifestSm3, FILES.tagmanifestSm3, FILES.signatureJson, FILES.signatureDer];
  for (const n of need) if (!files.has(n)) throw receiptInvalid(`缺少 ${n}`, `${n} is missing`);
  for (const n of files.keys()) if (!need.includes(n)) throw receiptInvalid(`多余文件 ${n}`, `unexpected file ${n}`);
  const text = (n: string) => files.get(n)!.toString('utf8');
  const { elements } = parseBagInfoLines(text(FILES.bagInfo));
  if (!elements.some((e) => e.label === 'DataSteward-Package-Format' && e.value === RECEIPT_FORMAT)) throw receiptInvalid('不是回执（格式标识不符）', `not a ${RECEIPT_FORMAT} bag`);
  // manifests
  const tag = parseManifest(FILES.tagmanifestSm3, text(FILES.tagmanifestSm3));
  const payloadManifest = parseManifest(FILES.manifestSm3, text(FILES.manifestSm3));
  if (tag.problems.length || payloadManifest.problems.length) throw receiptInvalid('清单格式不正确', 'malformed manifest');
  for (const n of [FILES.bagInfo, FILES.bagit, FILES.manifestSm3]) {
    if (tag.digests.get(n) !== hasher.sm3(files.get(n)!)) throw receiptInvalid(`${n} 已被改动`, `${n} was altered`);
  }
  if (tag.digests.size !== 3 || payloadManifest.digests.size !== 1 || payloadManifest.digests.get(RECEIPT_PAYLOAD) !== hasher.sm3(files.get(RECEIPT_PAYLOAD)!)) {
    throw receiptInvalid('回执内容已被改动', 'the receipt content was altered');
  }
  // signature
  let sig: { publicKey?: unknown; userId?: unknown; fingerprint?: unknown };
  let signer: SpkiPublicKey;
  try {
    sig = JSON.parse(text(FILES.signatureJson)) as typeof sig;
    signer = importPublicKey(String(sig.publicKey));
  } catch {
    throw receiptInvalid('签名文件无法读取', 'signature.json cannot be read');
  }
  const tagBytes = files.get(FILES.tagmanifestSm3)!;
  let ok = false;
  try {
    ok = typeof sig.userId === 'string' && sm2Verify(tagBytes, files.get(FILES.signatureDer)!, signer, { userId: sig.userId });
  } catch {
    ok = false;
  }
  if (!ok) throw receiptInvalid('签名验证失败（内容被改动或签名不符）', 'the signature does not verify');
  let payload: ReceiptPayload;
  try {
    payload = JSON.parse(text(RECEIPT_PAYLOAD)) as ReceiptPayload;
  } catch {
    throw receiptInvalid('回执数据不是 JSON', 'data/receipt.json is not JSON');
  }
  if (
    payload?.format !== RECEIPT_FORMAT || typeof payload.uscc !== 'string' || !Number.isSafeInteger(payload.filingSequence) ||
    typeof payload.filingDigest !== 'string' || !(FILING_DECISIONS as readonly string[]).includes(payload.decision) || !Array.isArray(payload.entries) ||
    payload.entries.some((e) => typeof e?.dataId !== 'string' || (e.decision !== 'accept' && e.decision !== 'return') || typeof e.comment !== 'string' || (e.kind !== 'resource' && e.kind !== 'item'))
  ) {
    throw receiptInvalid('回执数据格式不正确', 'data/receipt.json does not follow the receipt format');
  }
  return { payload, signer, digest: hasher.sm3(tagBytes) };
}
