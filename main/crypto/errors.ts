/**
 * The errors main/crypto raises. Every one is a DomainError with a stable code and a message in
 * Chinese and English; none ever carries key material, passphrases or plaintext in its details.
 */
import { DomainError } from '../domain/errors';

export const CRYPTO_ERROR_CODES = [
  'DER_MALFORMED',
  'PEM_MALFORMED',
  'SM2_PUBLIC_KEY_INVALID',
  'SM2_CURVE_UNSUPPORTED',
  'SM2_PRIVATE_KEY_INVALID',
  'SM2_USER_ID_INVALID',
  'SM2_SIGNATURE_MALFORMED',
  'SM2_CIPHERTEXT_MALFORMED',
  'SM2_DECRYPT_FAILED',
  'SIGNER_OUTPUT_INVALID',
  'SM4_INPUT_INVALID',
  'SM4_AUTH_FAILED',
  'KEY_BACKUP_WRONG_PASSPHRASE',
  'KEY_BACKUP_CORRUPT',
  'KEY_BACKUP_UNSUPPORTED',
] as const;
export type CryptoErrorCode = (typeof CRYPTO_ERROR_CODES)[number];

export function cryptoError(code: CryptoErrorCode, message_zh: string, message_en: string, details?: unknown): DomainError {
  return new DomainError(code, message_zh, message_en, details);
}

export const derMalformed = (what_en: string) =>
  cryptoError('DER_MALFORMED', `DER 编码不合规范：${what_en}`, `Malformed DER: ${what_en}`);
