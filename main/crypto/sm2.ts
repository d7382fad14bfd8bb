/**
 * SM2 signatures with SM3 (GB/T 32918.2-2016, GM/T 0009-2012) on sm2p256v1: keys, their
 * SubjectPublicKeyInfo / PKCS#8 encodings and fingerprints, DER signatures, and the Signer
 * abstraction that a USB-key (SKF) signer will implement later.
 *
 * Interop rules (regulations §7.4):
 *  - The signer ID is part of what is signed (through Z_A). OpenSSL 3 does NOT apply the GM/T 0009
 *    default "1234567812345678" unless told (-pkeyopt distid:1234567812345678 / -vfyopt distid:…),
 *    so callers must record the ID beside every signature and pass it explicitly when verifying.
 *  - Signatures are DER SEQUENCE { r INTEGER, s INTEGER } (70–72 bytes); raw r‖s (64 bytes) from
 *    tokens is converted with signatureRawToDer.
 *  - Public keys are SPKI with id-ecPublicKey (1.2.840.10045.2.1) and the named curve SM2
 *    (1.2.156.10197.1.301), exactly as `openssl pkey -pubout` writes them.
 */
import { inspect } from 'node:util';
import {
  TAG,
  bigIntToBytes,
  bytesToBigInt,
  encodeBitString,
  encodeOctetString,
  encodeOid,
  encodeSequence,
  encodeTlv,
  encodeUnsignedInteger,
  readBitStringBytes,
  readChildren,
  readElement,
  readOctetString,
  readOid,
  readSingle,
  readUnsignedInteger,
} from './der';
import { cryptoError } from './errors';
import { decodePem, encodePem } from './pem';
import { type RawSignature, computeE, computeZa, signDigestWithK, userIdBytes, verifyDigest } from './sm2-core';
import {
  type AffinePoint,
  DEFAULT_SM2_USER_ID,
  OID,
  SM2_CURVE,
  decodePoint,
  encodePointUncompressed,
  multiplyBase,
  randomScalar,
} from './sm2-curve';
import { sm3Hex } from './sm3';

export { DEFAULT_SM2_USER_ID, OID } from './sm2-curve';

export interface Sm2Options {
  /** The signer ID that enters Z_A; defaults to the GM/T 0009 default "1234567812345678". */
  userId?: string;
}

const curveUnsupported = (found: string) =>
  cryptoError(
    'SM2_CURVE_UNSUPPORTED',
    `不是 SM2 公钥：算法或曲线为 ${found}，应为 id-ecPublicKey + SM2（${OID.SM2}）`,
    `Not an SM2 key: algorithm or curve ${found}; expected id-ecPublicKey with the SM2 curve (${OID.SM2})`,
  );

/** The AlgorithmIdentifier SEQUENCE { id-ecPublicKey, SM2 } shared by SPKI and PKCS#8. */
function sm2AlgorithmIdentifier(): Uint8Array {
  return encodeSequence(encodeOid(OID.EC_PUBLIC_KEY), encodeOid(OID.SM2));
}

function checkSm2AlgorithmIdentifier(bytes: Uint8Array): void {
  const { element } = readElement(bytes, 0);
  const parts = readChildren(element);
  if (parts.length !== 2) throw curveUnsupported(parts.length === 1 ? 'without parameters' : 'with unexpected parameters');
  const algorithm = readOid(parts[0]!);
  if (algorithm !== OID.EC_PUBLIC_KEY) throw curveUnsupported(algorithm);
  if (parts[1]!.tag !== TAG.OID) throw curveUnsupported('explicit or implicit curve parameters');
  const curve = readOid(parts[1]!);
  if (curve !== OID.SM2) throw curveUnsupported(curve);
}

/** An SM2 public key: a validated point on sm2p256v1. Immutable. */
export class SpkiPublicKey {
  /** The validated affine point. */
  readonly point: AffinePoint;

  private constructor(point: AffinePoint) {
    this.point = Object.freeze({ x: point.x, y: point.y });
    Object.freeze(this);
  }

  /** From a SEC 1 point: 04‖X‖Y, or compressed 02/03‖X (decompressed and checked). */
  static fromPoint(bytes: Uint8Array): SpkiPublicKey {
    return new SpkiPublicKey(decodePoint(bytes));
  }

  /** @internal From an affine point that is already known to be valid. */
  static fromAffine(point: AffinePoint): SpkiPublicKey {
    return SpkiPublicKey.fromPoint(encodePointUncompressed(point));
  }

  /**
   * From SubjectPublicKeyInfo DER. Strict: exactly SEQUENCE { SEQUENCE { id-ecPublicKey, SM2 },
   * BIT STRING point } with nothing after it; other algorithms and curves, explicit curve
   * parameters, and points off the curve are refused.
   */
  static fromDer(der: Uint8Array): SpkiPublicKey {
    const top = readSingle(der, TAG.SEQUENCE);
    const parts = readChildren(top);
    if (parts.length !== 2) throw cryptoError('DER_MALFORMED', 'SubjectPublicKeyInfo 结构不正确', 'Malformed SubjectPublicKeyInfo');
    if (parts[0]!.tag !== TAG.SEQUENCE) throw cryptoError('DER_MALFORMED', 'SubjectPublicKeyInfo 结构不正确', 'Malformed SubjectPublicKeyInfo');
    checkSm2AlgorithmIdentifier(parts[0]!.encoded);
    return SpkiPublicKey.fromPoint(readBitStringBytes(parts[1]!));
  }

  /** From a single "-----BEGIN PUBLIC KEY-----" block. */
  static fromPem(pem: string): SpkiPublicKey {
    return SpkiPublicKey.fromDer(decodePem(pem, 'PUBLIC KEY'));
  }

  /** 04‖X‖Y, 65 bytes. */
  toPointBytes(): Uint8Array {
    return encodePointUncompressed(this.point);
  }

  /** SubjectPublicKeyInfo DER, always with the uncompressed point (91 bytes). */
  toDer(): Uint8Array {
    return encodeSequence(sm2AlgorithmIdentifier(), encodeBitString(this.toPointBytes()));
  }

  toPem(): string {
    return encodePem('PUBLIC KEY', this.toDer());
  }

  /**
   * SM3 of the SPKI DER (uncompressed form, so one key has one fingerprint however it was
   * imported), upper-case hex in 16 groups of four, for reading over the phone.
   */
  fingerprint(): string {
    return formatFingerprint(sm3Hex(this.toDer()));
  }

  equals(other: SpkiPublicKey): boolean {
    return this.point.x === other.point.x && this.point.y === other.point.y;
  }
}

/** "1a2b3c4d…" → "1A2B 3C4D …". */
export function formatFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}

/** A PEM "PUBLIC KEY" block or SPKI DER bytes. */
export function importPublicKey(pemOrDer: string | Uint8Array): SpkiPublicKey {
  return typeof pemOrDer === 'string' ? SpkiPublicKey.fromPem(pemOrDer) : SpkiPublicKey.fromDer(pemOrDer);
}

export function publicKeyFingerprint(key: SpkiPublicKey): string {
  return key.fingerprint();
}

const privateKeyInvalid = (why_en: string, why_zh: string) =>
  cryptoError('SM2_PRIVATE_KEY_INVALID', `SM2 私钥无效：${why_zh}`, `Invalid SM2 private key: ${why_en}`);

/**
 * An SM2 private key d ∈ [1, n−2] (GB/T 32918.1 §6.1: n−1 is excluded because 1 + d must be
 * invertible mod n). The scalar is kept in a private field; toJSON and util.inspect never show it.
 */
export class Sm2PrivateKey {
  readonly #d: bigint;
  #publicKey: SpkiPublicKey | undefined;

  private constructor(d: bigint) {
    if (d < 1n || d > SM2_CURVE.n - 2n) throw privateKeyInvalid('the scalar is outside [1, n−2]', '私钥值不在 [1, n−2] 范围内');
    this.#d = d;
  }

  /** A fresh key from node:crypto randomBytes (uniform in [1, n−2], rejection sampling). */
  static generate(): Sm2PrivateKey {
    return new Sm2PrivateKey(randomScalar(SM2_CURVE.n - 2n));
  }

  /** From the 32-byte big-endian scalar. */
  static fromBytes(bytes: Uint8Array): Sm2PrivateKey {
    if (bytes.length !== 32) throw privateKeyInvalid('expected 32 bytes', '应为 32 字节');
    return new Sm2PrivateKey(bytesToBigInt(bytes));
  }

  /**
   * From unencrypted PKCS#8 DER (as `openssl genpkey -algorithm SM2` writes it):
   * PrivateKeyInfo { 0, { id-ecPublicKey, SM2 }, OCTET STRING ECPrivateKey { 1, d, [0] SM2?, [1] Q? } }.
   * An embedded public key must match d.
   */
  static fromPkcs8Der(der: Uint8Array): Sm2PrivateKey {
    const malformed = () => privateKeyInvalid('malformed PKCS#8 structure', 'PKCS#8 结构不正确');
    const top = readChildren(readSingle(der, TAG.SEQUENCE));
    if (top.length !== 3) throw malformed();
    if (readUnsignedInteger(top[0]!) !== 0n) throw malformed();
    if (top[1]!.tag !== TAG.SEQUENCE) throw malformed();
    checkSm2AlgorithmIdentifier(top[1]!.encoded);
    const ec = readChildren(readSingle(readOctetString(top[2]!), TAG.SEQUENCE));
    if (ec.length < 2 || ec.length > 4) throw malformed();
    if (readUnsignedInteger(ec[0]!) !== 1n) throw malformed();
    const dBytes = readOctetString(ec[1]!);
    if (dBytes.length !== 32) throw privateKeyInvalid('the scalar must be 32 bytes', '私钥值应为 32 字节');
    const key = Sm2PrivateKey.fromBytes(dBytes);
    let lastTag = 0;
    for (const field of ec.slice(2)) {
      if (field.tag <= lastTag) throw malformed();
      lastTag = field.tag;
      if (field.tag === 0xa0) {
        const inner = readChildren(field);
        if (inner.length !== 1 || readOid(inner[0]!) !== OID.SM2) throw curveUnsupported('ECPrivateKey [0] parameters');
      } else if (field.tag === 0xa1) {
        const inner = readChildren(field);
        if (inner.length !== 1) throw malformed();
        const Q = SpkiPublicKey.fromPoint(readBitStringBytes(inner[0]!));
        if (!Q.equals(key.publicKey())) throw privateKeyInvalid('the embedded public key does not match', '内嵌公钥与私钥不符');
      } else {
        throw malformed();
      }
    }
    return key;
  }

  /** From a single "-----BEGIN PRIVATE KEY-----" block (unencrypted PKCS#8). */
  static fromPkcs8Pem(pem: string): Sm2PrivateKey {
    return Sm2PrivateKey.fromPkcs8Der(decodePem(pem, 'PRIVATE KEY'));
  }

  /** The 32-byte big-endian scalar. Secret: the caller must wipe and never log it. */
  toBytes(): Uint8Array {
    return bigIntToBytes(this.#d, 32);
  }

  /**
   * Unencrypted PKCS#8 DER, readable by OpenSSL. For interop and tests; keys at rest belong in a
   * key backup (key-backup.ts), never in a plain file.
   */
  toPkcs8Der(): Uint8Array {
    const ecPrivateKey = encodeSequence(
      encodeUnsignedInteger(1n),
      encodeOctetString(this.toBytes()),
      encodeTlv(0xa1, encodeBitString(this.publicKey().toPointBytes())),
    );
    return encodeSequence(encodeUnsignedInteger(0n), sm2AlgorithmIdentifier(), encodeOctetString(ecPrivateKey));
  }

  /** Unencrypted "-----BEGIN PRIVATE KEY-----" PEM; see toPkcs8Der. */
  toPkcs8Pem(): string {
    return encodePem('PRIVATE KEY', this.toPkcs8Der());
  }

  /** P = [d]G. */
  publicKey(): SpkiPublicKey {
    this.#publicKey ??= SpkiPublicKey.fromAffine(multiplyBase(this.#d));
    return this.#publicKey;
  }

  toJSON(): string {
    return '[Sm2PrivateKey]';
  }

  [inspect.custom](): string {
    return `Sm2PrivateKey { public: ${this.publicKey().fingerprint()} }`;
  }
}

export interface Sm2KeyPair {
  privateKey: Sm2PrivateKey;
  publicKey: SpkiPublicKey;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const privateKey = Sm2PrivateKey.generate();
  return { privateKey, publicKey: privateKey.publicKey() };
}

/** Z_A for a public key and signer ID (the GM/T 0009 default unless given). 32 bytes. */
export function sm2Za(publicKey: SpkiPublicKey, userId: string = DEFAULT_SM2_USER_ID): Uint8Array {
  return computeZa(userId, publicKey.point);
}

// ---- signatures ----

const signatureMalformed = (why_en: string) =>
  cryptoError('SM2_SIGNATURE_MALFORMED', 'SM2 签名格式不正确', `Malformed SM2 signature: ${why_en}`);

function inRange(v: bigint): boolean {
  return v >= 1n && v < SM2_CURVE.n;
}

function encodeSignature({ r, s }: RawSignature): Uint8Array {
  return encodeSequence(encodeUnsignedInteger(r), encodeUnsignedInteger(s));
}

/** Strict: one DER SEQUENCE of two minimal positive INTEGERs in [1, n−1], nothing else. */
function decodeSignature(der: Uint8Array): RawSignature {
  let parts;
  try {
    parts = readChildren(readSingle(der, TAG.SEQUENCE));
  } catch (e) {
    throw signatureMalformed((e as Error).message);
  }
  if (parts.length !== 2) throw signatureMalformed('expected SEQUENCE { r, s }');
  let r: bigint, s: bigint;
  try {
    r = readUnsignedInteger(parts[0]!);
    s = readUnsignedInteger(parts[1]!);
  } catch (e) {
    throw signatureMalformed((e as Error).message);
  }
  if (!inRange(r) || !inRange(s)) throw signatureMalformed('r or s outside [1, n−1]');
  return { r, s };
}

/** DER SEQUENCE { r, s } → raw r‖s (64 bytes), for tokens and APIs that want it raw. Strict. */
export function signatureDerToRaw(der: Uint8Array): Uint8Array {
  const { r, s } = decodeSignature(der);
  const out = new Uint8Array(64);
  out.set(bigIntToBytes(r, 32), 0);
  out.set(bigIntToBytes(s, 32), 32);
  return out;
}

/** Raw r‖s (64 bytes, as SDF/SKF tokens return it) → DER SEQUENCE { r, s }. */
export function signatureRawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length !== 64) throw signatureMalformed('a raw signature is 64 bytes (r‖s)');
  const r = bytesToBigInt(raw.subarray(0, 32));
  const s = bytesToBigInt(raw.subarray(32));
  if (!inRange(r) || !inRange(s)) throw signatureMalformed('r or s outside [1, n−1]');
  return encodeSignature({ r, s });
}

/**
 * Sign `message` (e = SM3(Z_A ‖ M), k uniform from node:crypto) and return the DER signature.
 * The caller must record `userId` (default "1234567812345678") with the signature.
 */
export function sm2Sign(message: Uint8Array, privateKey: Sm2PrivateKey, options: Sm2Options = {}): Uint8Array {
  const userId = options.userId ?? DEFAULT_SM2_USER_ID;
  const e = computeE(computeZa(userId, privateKey.publicKey().point), message);
  const d = bytesToBigInt(privateKey.toBytes());
  for (;;) {
    const sig = signDigestWithK(e, d, randomScalar());
    if (sig) return encodeSignature(sig);
  }
}

/**
 * Verify a DER signature over `message` for `publicKey` and `userId` (default
 * "1234567812345678"). False for any malformed signature (bad DER, non-minimal integers,
 * trailing bytes, r or s outside [1, n−1]) as well as for a wrong one. Throws only for an
 * invalid userId, which is the caller's error.
 */
export function sm2Verify(message: Uint8Array, derSignature: Uint8Array, publicKey: SpkiPublicKey, options: Sm2Options = {}): boolean {
  const za = computeZa(userIdBytes(options.userId ?? DEFAULT_SM2_USER_ID), publicKey.point);
  let sig: RawSignature;
  try {
    sig = decodeSignature(derSignature);
  } catch {
    return false;
  }
  return verifyDigest(computeE(za, message), sig, publicKey.point);
}

// ---- the Signer abstraction ----

/**
 * Whatever holds a signing key: the software key here, a USB key (SKF, GM/T 0016) later.
 * sign() returns a DER SM2 signature over SM3(Z_A ‖ message) for `userId` and publicKey().
 */
export interface Signer {
  /** The signer ID in Z_A, to be recorded beside each signature. */
  readonly userId: string;
  publicKey(): SpkiPublicKey;
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/** A Signer over an Sm2PrivateKey held in memory. */
export class SoftwareSigner implements Signer {
  readonly userId: string;
  readonly #key: Sm2PrivateKey;

  constructor(privateKey: Sm2PrivateKey, options: Sm2Options = {}) {
    this.userId = options.userId ?? DEFAULT_SM2_USER_ID;
    userIdBytes(this.userId);
    this.#key = privateKey;
  }

  publicKey(): SpkiPublicKey {
    return this.#key.publicKey();
  }

  async sign(message: Uint8Array): Promise<Uint8Array> {
    return sm2Sign(message, this.#key, { userId: this.userId });
  }

  toJSON(): string {
    return `[SoftwareSigner ${this.publicKey().fingerprint()}]`;
  }
}

/**
 * Sign through any Signer and check the result before anyone relies on it: it must be a strict
 * DER signature that verifies for the signer's public key and ID. Catches tokens that return raw
 * r‖s, hash with another ID, or sign with a different key than they report.
 */
export async function signChecked(signer: Signer, message: Uint8Array): Promise<Uint8Array> {
  const signature = await signer.sign(message);
  if (!sm2Verify(message, signature, signer.publicKey(), { userId: signer.userId })) {
    throw cryptoError(
      'SIGNER_OUTPUT_INVALID',
      '签名设备返回的签名无法用其公钥验证（可能是格式、签名者标识或密钥不符）',
      "The signer's signature does not verify with its own public key and ID (format, signer ID or key mismatch)",
    );
  }
  return signature;
}
