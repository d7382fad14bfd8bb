/** Filing history (unit side) and the accepted-packages registry (bureau side), as the API shows them. */
import type { PackageCounts } from './bagit';
import type { FilingKindCode } from './constants';
import type { VerifyReport } from './report';

/** One package this unit exported. */
export interface FilingRecord {
  sequence: number;
  kind: FilingKindCode;
  /** Package digest: SM3 of tagmanifest-sm3.txt (the next package names it as previous). */
  digest: string;
  previousDigest: string | null;
  createdAt: string;
  actor: string;
  signerFingerprint: string;
  /** The recipient key's fingerprint when the package was sealed. */
  sealedTo: string | null;
  fileName: string;
  /** SM3 of the .dsp file as written (lower-case hex). */
  fileSm3: string;
  fileBytes: number;
  counts: PackageCounts;
}

/** What package.build returns. */
export interface BuildResult extends FilingRecord {
  path: string;
}

/** One package a bureau accepted. */
export interface AcceptedPackage {
  id: number;
  uscc: string;
  unitName: string;
  sequence: number;
  kind: FilingKindCode;
  digest: string;
  previousDigest: string | null;
  createdAt: string;
  signerFingerprint: string;
  acceptedAt: string;
  acceptedBy: string;
  fileSm3: string;
  counts: PackageCounts;
}

/** What package.accept returns: the verification, and the registry row when it was accepted. */
export interface AcceptResult {
  report: VerifyReport;
  accepted: AcceptedPackage | null;
}
