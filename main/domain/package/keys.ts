/** What the UI and the CLI see of a workspace's keys: public parts only, never a private key. */
import type { WorkspaceRole } from '../workspace';

export interface OwnKeyInfo {
  algorithm: 'SM2';
  /** SM3 of the SPKI DER, upper-case hex in 16 groups of four, to read over the phone. */
  fingerprint: string;
  /** SubjectPublicKeyInfo PEM (id-ecPublicKey + SM2 curve), readable by `openssl pkey -pubin`. */
  publicKeyPem: string;
  /** The signer ID used with this key (GM/T 0009 default 1234567812345678). */
  userId: string;
  createdAt: string;
  retiredAt: string | null;
}

export interface CounterpartKeyInfo {
  id: number;
  /** Whose key: the bureau's (kept by a unit, for sealing) or a unit's (kept by a bureau, for verifying). */
  role: 'unit' | 'bureau';
  fingerprint: string;
  publicKeyPem: string;
  label: string;
  /** The unit this key speaks for (bureau side); '' for a bureau key. */
  uscc: string;
  confirmedAt: string;
  confirmedBy: string;
  revokedAt: string | null;
}

export interface KeysStatus {
  role: WorkspaceRole;
  own: OwnKeyInfo | null;
  retired: OwnKeyInfo[];
  counterparts: CounterpartKeyInfo[];
}

/** "1a2b 3c4d-…" as read back by a person → the 64 upper-case hex digits, or null if it is not one. */
export function normalizeFingerprint(input: string): string | null {
  const hex = input.replace(/[\s:\-]/g, '').toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex : null;
}

/** 64 hex digits → "1A2B 3C4D …". */
export function groupFingerprint(hex: string): string {
  return (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');
}
