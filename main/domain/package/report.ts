/**
 * What a verification says: the JSON that `datasteward verify --json` prints and that
 * `package.verify` returns. `ok` is true exactly when `errors` is empty.
 */
import type { FilingKindCode } from './constants';
import type { PackageCounts } from './bagit';
import type { PackageProblem, PackageProblemCode } from './refusals';
import type { AnnouncedKeyRotation } from './outcomes';

export interface VerifyError {
  code: PackageProblemCode;
  /** Chinese, the working language. */
  message: string;
  message_en: string;
  entry?: string;
  details?: Record<string, unknown>;
}

export interface VerifyReport {
  ok: boolean;
  /** Who signed, as far as the package says (null when the signature file cannot be read). */
  signer: { fingerprint: string; unit: string; uscc: string } | null;
  kind: FilingKindCode | null;
  sequence: number | null;
  /** The package digest: SM3 of tagmanifest-sm3.txt (what the next package names as previous). */
  digest: string | null;
  previousDigest: string | null;
  createdAt: string | null;
  counts: PackageCounts | null;
  /** SM3 of the .dsp file's bytes, as given (outer file when sealed). */
  fileSm3: string;
  fileBytes: number;
  /** The recipient's key fingerprint when the package was sealed. */
  sealedFor: string | null;
  /** Which trust anchor was used: a given public key, the workspace's registry, or none. */
  trust: 'pubkey' | 'registry' | 'own-key' | 'none';
  errors: VerifyError[];
  /**
   * A new signing key announced in this package (data/key-rotation.json, signed by the old key).
   * Absent when the package announces none. The bureau trusts the new key only after applying it.
   */
  keyRotation?: AnnouncedKeyRotation;
}

export function toVerifyError(p: PackageProblem): VerifyError {
  const e: VerifyError = { code: p.code, message: p.message_zh, message_en: p.message_en };
  if (p.entry !== undefined) e.entry = p.entry;
  if (p.details !== undefined) e.details = p.details;
  return e;
}
