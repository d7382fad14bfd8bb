/**
 * The public surface of main/crypto. Everything else in this folder (der.ts, sm2-core.ts,
 * sm2-curve.ts…) is internal: sm2-core.ts in particular signs with a caller-chosen nonce and
 * exists only for known-answer tests.
 */
export { CRYPTO_ERROR_CODES, type CryptoErrorCode } from './errors';
export { sm3Hex, sm3Bytes, hmacSm3, constantTimeEqual } from './sm3';
export { sm3File, sm3FileInfo, sm3Stream, type Sm3FileResult } from './sm3-stream';
export { createDigestHasher, type DigestHasher, type Digests } from './digests';
export {
  DEFAULT_SM2_USER_ID,
  OID,
  SpkiPublicKey,
  Sm2PrivateKey,
  type Sm2KeyPair,
  type Sm2Options,
  type Signer,
  SoftwareSigner,
  formatFingerprint,
  generateSm2KeyPair,
  importPublicKey,
  publicKeyFingerprint,
  signChecked,
  signatureDerToRaw,
  signatureRawToDer,
  sm2Sign,
  sm2Verify,
  sm2Za,
} from './sm2';
export {
  type Sm2CiphertextEncoding,
  type Sm2EncryptOptions,
  SM2_MAX_PLAINTEXT_BYTES,
  openSm4Key,
  sealSm4Key,
  sm2CiphertextDerToRaw,
  sm2CiphertextRawToDer,
  sm2Decrypt,
  sm2Encrypt,
} from './sm2-encrypt';
export {
  type EtmKeys,
  type EtmSealed,
  SM4_BLOCK_BYTES,
  SM4_KEY_BYTES,
  deriveEtmKeys,
  sm4CbcDecrypt,
  sm4CbcEncrypt,
  sm4CbcHmacOpen,
  sm4CbcHmacSeal,
} from './sm4';
export { pbkdf2HmacSm3 } from './pbkdf2';
export {
  type CreateKeyBackupOptions,
  type KeyBackupEnvelope,
  type KeyBackupHeader,
  type KeyBackupInfo,
  type OpenedKeyBackup,
  KEY_BACKUP_DEFAULT_ITERATIONS,
  KEY_BACKUP_FORMAT,
  KEY_BACKUP_MIN_ITERATIONS,
  KEY_BACKUP_VERSION,
  createKeyBackup,
  inspectKeyBackup,
  openKeyBackup,
} from './key-backup';
