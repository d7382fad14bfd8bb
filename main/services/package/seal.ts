/**
 * Sealing a package for the bureau: the whole signed bag (its zip) is encrypted with keys derived
 * from a fresh 32-byte secret, and the secret is SM2-encrypted to the bureau's public key.
 *
 *   secret  = 32 random bytes
 *   sealed  = SM2-Encrypt(bureau public key, secret), GM/T 0009 DER (what `openssl pkeyutl -encrypt` writes)
 *   encKey  = HMAC-SM3(secret, "DataSteward sealed package v1" ‖ 0x00 ‖ "enc")[0..16)   (SM4 key)
 *   macKey  = HMAC-SM3(secret, "DataSteward sealed package v1" ‖ 0x00 ‖ "mac")
 *   ct      = SM4-CBC(encKey, iv, PKCS#7(inner zip))
 *   mac     = HMAC-SM3(macKey, u64be(|aad|) ‖ aad ‖ iv ‖ ct), aad = canonical JSON of the header
 *             without "iv" and "mac"
 *
 * The outer file is a zip of two stored entries: datasteward-sealed.json (the header: format,
 * recipient fingerprint, the sealed secret, algorithm names, iv, mac) and payload.sm4 (ct).
 * The header names the recipient, so a bureau can tell at once whether the package is for it.
 */
import { randomBytes } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json';
import { SEALED_FORMAT, SEALED_HEADER, SEALED_KDF_LABEL, SEALED_PAYLOAD, problems, type PackageProblem } from '../../domain/package/index';
import { deriveEtmKeys, sm2Decrypt, sm2Encrypt, sm4CbcHmacOpen, sm4CbcHmacSeal, type Sm2PrivateKey, type SpkiPublicKey } from '../../crypto/index';
import { writeZip } from './zip';

export interface SealedHeader {
  format: typeof SEALED_FORMAT;
  recipient: { fingerprint: string };
  keyTransport: { alg: 'SM2-encrypt'; encoding: 'GM/T 0009 DER'; sealedSecret: string };
  kdf: { alg: 'HMAC-SM3'; label: typeof SEALED_KDF_LABEL };
  cipher: { alg: 'SM4-CBC+HMAC-SM3'; iv: string; mac: string };
  payload: { file: typeof SEALED_PAYLOAD; bytes: number };
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const enc = (s: string) => new TextEncoder().encode(s);

/** The associated data: the header without cipher.iv and cipher.mac. */
function aadOf(h: SealedHeader): Uint8Array {
  return enc(canonicalJson({ ...h, cipher: { alg: h.cipher.alg }, payload: { file: h.payload.file } }));
}

export function sealPackage(inner: Uint8Array, recipient: SpkiPublicKey, mtime: Date): Buffer {
  const secret = new Uint8Array(randomBytes(32));
  const sealedSecret = sm2Encrypt(secret, recipient, { encoding: 'der' });
  const keys = deriveEtmKeys(secret, SEALED_KDF_LABEL);
  secret.fill(0);
  const header: SealedHeader = {
    format: SEALED_FORMAT,
    recipient: { fingerprint: recipient.fingerprint() },
    keyTransport: { alg: 'SM2-encrypt', encoding: 'GM/T 0009 DER', sealedSecret: b64(sealedSecret) },
    kdf: { alg: 'HMAC-SM3', label: SEALED_KDF_LABEL },
    cipher: { alg: 'SM4-CBC+HMAC-SM3', iv: '', mac: '' },
    payload: { file: SEALED_PAYLOAD, bytes: 0 },
  };
  const sealed = sm4CbcHmacSeal(keys, inner, aadOf(header));
  keys.encKey.fill(0);
  keys.macKey.fill(0);
  header.cipher.iv = b64(sealed.iv);
  header.cipher.mac = b64(sealed.mac);
  header.payload.bytes = sealed.ciphertext.length;
  return writeZip(
    [
      { name: SEALED_HEADER, data: enc(canonicalJson(header)), compress: false },
      { name: SEALED_PAYLOAD, data: sealed.ciphertext, compress: false },
    ],
    { mtime },
  );
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const FP = /^([0-9A-F]{4} ){15}[0-9A-F]{4}$/;

/** Parse and check the header's shape; a problem if anything is off. */
export function parseSealedHeader(bytes: Uint8Array): { header: SealedHeader } | { problem: PackageProblem } {
  let h: SealedHeader;
  try {
    h = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as SealedHeader;
  } catch {
    return { problem: problems.sealBroken('the header is not JSON') };
  }
  const ok =
    typeof h === 'object' && h !== null &&
    h.format === SEALED_FORMAT &&
    typeof h.recipient?.fingerprint === 'string' && FP.test(h.recipient.fingerprint) &&
    h.keyTransport?.alg === 'SM2-encrypt' && typeof h.keyTransport.sealedSecret === 'string' && B64.test(h.keyTransport.sealedSecret) &&
    h.kdf?.alg === 'HMAC-SM3' && h.kdf.label === SEALED_KDF_LABEL &&
    h.cipher?.alg === 'SM4-CBC+HMAC-SM3' && typeof h.cipher.iv === 'string' && B64.test(h.cipher.iv) && typeof h.cipher.mac === 'string' && B64.test(h.cipher.mac) &&
    h.payload?.file === SEALED_PAYLOAD && Number.isSafeInteger(h.payload.bytes);
  if (!ok) return { problem: problems.sealBroken('the header is malformed or of an unknown version') };
  return { header: h };
}

/** Decrypt the inner package with the recipient's private key (the MAC is checked first). */
export function openSealed(header: SealedHeader, ciphertext: Uint8Array, privateKey: Sm2PrivateKey): { inner: Uint8Array } | { problem: PackageProblem } {
  if (ciphertext.length !== header.payload.bytes) return { problem: problems.sealBroken('the payload length differs from the header') };
  let secret: Uint8Array;
  try {
    secret = sm2Decrypt(Buffer.from(header.keyTransport.sealedSecret, 'base64'), privateKey, { encoding: 'der' });
  } catch {
    return { problem: problems.sealBroken('the sealed key cannot be decrypted') };
  }
  if (secret.length !== 32) return { problem: problems.sealBroken('the sealed key has the wrong length') };
  const keys = deriveEtmKeys(secret, SEALED_KDF_LABEL);
  secret.fill(0);
  try {
    const inner = sm4CbcHmacOpen(
      keys,
      { iv: Buffer.from(header.cipher.iv, 'base64'), ciphertext, mac: Buffer.from(header.cipher.mac, 'base64') },
      aadOf(header),
    );
    return { inner };
  } catch {
    return { problem: problems.sealBroken('the MAC does not match') };
  } finally {
    keys.encKey.fill(0);
    keys.macKey.fill(0);
  }
}
