/**
 * What became of a unit's filings: packages marked 未报送 (withdrawn: exported, never delivered),
 * and key rotations announced in a package (data/key-rotation.json, signed by the old key).
 */
import { z } from 'zod';
import type { FilingRecord } from './history';

/** A filing the unit marked 未报送: its sequence number was given again to the next package. */
export interface WithdrawnFiling extends FilingRecord {
  withdrawnAt: string;
  withdrawnBy: string;
  reason: string;
}

/** One row of the filing history as the UI shows it (filed and withdrawn packages, newest first). */
export interface FilingHistoryRow extends FilingRecord {
  status: 'filed' | 'withdrawn';
  withdrawnAt: string | null;
  withdrawnBy: string | null;
  withdrawReason: string | null;
  /** The new key this package announced (signed by the old one), if it did. */
  keyRotation: { oldFingerprint: string; newFingerprint: string } | null;
}

export const KEY_ROTATION_FORMAT = 'datasteward-key-rotation/1';
export const PAYLOAD_KEY_ROTATION = 'data/key-rotation.json';
/** bag-info.txt label naming the announced key (its fingerprint, 16 groups of four). */
export const BAG_INFO_KEY_ROTATION = 'DataSteward-Key-Rotation-New-Fingerprint';

const fingerprint = z.string().regex(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);

/** data/key-rotation.json: the new key, announced in a package signed by the old one. */
export const keyRotationFileSchema = z.strictObject({
  format: z.literal(KEY_ROTATION_FORMAT),
  /** The key that signs this package (retired once the bureau applies the rotation). */
  previousFingerprint: fingerprint,
  newFingerprint: fingerprint,
  /** SubjectPublicKeyInfo PEM of the new key. */
  newPublicKey: z.string().min(1).max(4000),
  /** The SM2 signer ID used with the new key. */
  newUserId: z.string().min(1).max(1000),
  announcedAt: z.string().max(40),
});
export type KeyRotationFile = z.infer<typeof keyRotationFileSchema>;

/** What verify reports of a rotation: the bureau applies it after confirming it with the unit. */
export interface AnnouncedKeyRotation {
  previousFingerprint: string;
  newFingerprint: string;
  newPublicKeyPem: string;
  newUserId: string;
}

/** The published JSON Schema of data/key-rotation.json (docs/package-schema/). */
export function keyRotationJsonSchema(): unknown {
  return { $id: 'https://datasteward.invalid/schema/package/v1/key-rotation.schema.json', ...z.toJSONSchema(keyRotationFileSchema, { target: 'draft-2020-12' }) };
}
