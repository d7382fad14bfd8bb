/**
 * API contract for keys and filing packages (备案包). Pure: zod schemas and types only.
 * File paths are the backend's (the same machine); PEM texts travel as strings.
 */
import { z } from 'zod';
import {
  FILING_KIND_CODES,
  type AcceptedPackage,
  type AcceptResult,
  type BuildResult,
  type CounterpartKeyInfo,
  type FilingHistoryRow,
  type KeysStatus,
  type OwnKeyInfo,
  type VerifyReport,
} from '../../domain/package/index';

const out = <T>() => undefined as unknown as T;
const pathStr = z.string().min(1).max(4096);
const pem = z.string().min(1).max(20_000);
const passphrase = z.string().max(1024);
const empty = z.strictObject({});

export const packageContract = {
  /** The workspace's own key (public parts) and the counterparts' keys. */
  'keys.status': { input: empty, output: out<KeysStatus>(), activity: true },
  /** Generate this workspace's SM2 key (audited). Refused with SIGNING_KEY_EXISTS when there is one. */
  'keys.generate': { input: empty, output: out<OwnKeyInfo>(), activity: true },
  /** The public key as PEM and its fingerprint; written to outPath when given. */
  'keys.exportPublic': {
    input: z.strictObject({ outPath: pathStr.optional(), overwrite: z.boolean().optional() }),
    output: out<OwnKeyInfo & { path: string | null }>(),
    activity: true,
  },
  /** An encrypted backup of the private key (passphrase ≥ 8 characters), audited. */
  'keys.backup': {
    input: z.strictObject({ outPath: pathStr, passphrase, label: z.string().max(200).optional(), overwrite: z.boolean().optional() }),
    output: out<{ path: string; fingerprint: string }>(),
    activity: true,
  },
  /** Install the key of a backup file into a workspace that has none (audited). */
  'keys.restore': { input: z.strictObject({ path: pathStr, passphrase }), output: out<OwnKeyInfo>(), activity: true },
  /**
   * Import the other side's public key. `fingerprint` is what the user read back; a mismatch
   * refuses with KEY_FINGERPRINT_MISMATCH. A bureau gives the unit's `uscc`.
   */
  'keys.importCounterpart': {
    input: z.strictObject({ pem, fingerprint: z.string().max(200), label: z.string().max(200).optional(), uscc: z.string().max(80).optional() }),
    output: out<CounterpartKeyInfo>(),
    activity: true,
  },
  /** Read a public key file (PEM) to show its fingerprint before it is imported; trusts nothing, writes nothing. */
  'keys.readPublicKey': { input: z.strictObject({ path: pathStr }), output: out<{ pem: string; fingerprint: string }>(), activity: true },
  'keys.revokeCounterpart': { input: z.strictObject({ fingerprint: z.string().max(200) }), output: out<CounterpartKeyInfo>(), activity: true },

  /** Unit: build, sign (and seal) a package, record it in the filing history. */
  'package.build': {
    input: z.strictObject({
      kind: z.enum(FILING_KIND_CODES),
      outPath: pathStr,
      /** PEM of the key to seal for (overrides the imported bureau key). */
      sealTo: pem.optional(),
      /** false: do not seal even when a bureau key is known. */
      seal: z.boolean().optional(),
      overwrite: z.boolean().optional(),
      /** Announce a new signing key in this package (signed by the current key), then sign with the new one. */
      rotateKey: z.boolean().optional(),
    }),
    output: out<BuildResult>(),
    activity: true,
  },
  /** Unit: the filing history, newest first (filed packages and those marked 未报送). */
  'package.history': { input: empty, output: out<FilingHistoryRow[]>(), activity: true },
  /**
   * Unit: mark the latest package 未报送 (exported, never delivered); the next package takes its
   * sequence number again. Refused with PACKAGE_WITHDRAW_NOT_LAST for any other package.
   */
  'package.withdraw': {
    input: z.strictObject({ sequence: z.number().int().min(1), reason: z.string().max(500).optional() }),
    output: out<FilingHistoryRow>(),
    activity: true,
  },
  /** Verify a package file; writes nothing. */
  'package.verify': { input: z.strictObject({ path: pathStr, pubkeyPem: pem.optional() }), output: out<VerifyReport>(), activity: true },
  /** Bureau: verify against the registry and record the package as accepted (PACKAGE_REFUSED otherwise). */
  'package.accept': { input: z.strictObject({ path: pathStr }), output: out<AcceptResult>(), activity: true },
  /** Bureau: accepted packages, newest first. */
  'package.accepted': {
    input: z.strictObject({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100) }),
    output: out<{ total: number; rows: AcceptedPackage[] }>(),
    activity: true,
  },
} as const;
