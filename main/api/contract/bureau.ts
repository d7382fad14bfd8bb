/**
 * API contract of the bureau (区数据局) workspace — trust registry, intake, review, receipts,
 * district view — and of the unit side of receipts (`receipt.*`). Pure: zod schemas and types.
 * Types live in main/domain/bureau.ts. File paths are the backend's (same machine).
 * Stable: channels and fields are only ever added.
 */
import { z } from 'zod';
import {
  ENTRY_DECISIONS,
  FILING_DECISIONS,
  FILING_STATUSES,
  REVIEW_FLAG_CODES,
  type BureauFiling,
  type BureauFinding,
  type BureauUnit,
  type DiffRow,
  type DiffSummary,
  type DistrictCatalogRow,
  type DistrictSummary,
  type EntryReceiptStatus,
  type IntakeJob,
  type IntakeSummary,
  type KeyRotationNotice,
  type OverdueUnit,
  type ReceiptBuildResult,
  type ReviewEntry,
  type ReviewOverview,
  type UnitFilingOutcome,
  type UnitReceipt,
} from '../../domain/bureau';
import { CATALOG_LEVELS, LEVELS_43697 } from '../../domain/code-lists';

const out = <T>() => undefined as unknown as T;
const pathStr = z.string().min(1).max(4096);
const pem = z.string().min(1).max(20_000);
const fingerprint = z.string().min(1).max(200);
const uscc = z.string().min(1).max(80);
const filingId = z.number().int().min(1);
const comment = z.string().max(2000);
const offset = z.number().int().min(0).default(0);
const limit = z.number().int().min(1).max(1000).default(100);
const empty = z.strictObject({});
const dataId = z.string().min(1).max(100);

/** Filters of the district's consolidated important-data catalog (shared by query and export). */
const catalogFilter = {
  uscc: uscc.optional(),
  level: z.enum(CATALOG_LEVELS).optional(),
  /** Substring of name, category, description or unit name. */
  search: z.string().max(200).optional(),
};

export const bureauContract = {
  // ---- trust registry (bureau workspace)

  /** Every registered unit with its keys (current and retired) and its latest filing. */
  'bureau.units': { input: empty, output: out<BureauUnit[]>(), activity: true },
  /** Register a unit or update its name and contact (by USCC; audited). */
  'bureau.unitSave': {
    input: z.strictObject({
      uscc,
      name: z.string().min(1).max(400),
      contactName: z.string().max(100).default(''),
      contactPhone: z.string().max(80).default(''),
      contactEmail: z.string().max(300).default(''),
    }),
    output: out<BureauUnit>(),
    activity: true,
  },
  /**
   * Add a public key to a unit. `fingerprint` is what the reviewer typed after reading it back
   * with the unit; a mismatch refuses with KEY_FINGERPRINT_MISMATCH and nothing is stored. With
   * `name`, a unit not registered yet is registered in the same transaction.
   */
  'bureau.keyAdd': {
    input: z.strictObject({ uscc, pem, fingerprint, label: z.string().max(200).optional(), name: z.string().min(1).max(400).optional() }),
    output: out<BureauUnit>(),
    activity: true,
  },
  /** Retire a unit's key: packages it signs are refused from then on (audited). */
  'bureau.keyRetire': { input: z.strictObject({ fingerprint }), output: out<BureauUnit>(), activity: true },
  /** Key rotations announced in accepted packages (signed with the unit's current key); pendingOnly by default. */
  'bureau.rotations': {
    input: z.strictObject({ pendingOnly: z.boolean().default(true) }),
    output: out<KeyRotationNotice[]>(),
    activity: true,
  },
  /**
   * Apply an announced rotation after the reviewer confirmed the new key's fingerprint with the
   * unit: the new key is added and the old one retired, in one transaction (audited).
   */
  'bureau.rotationApply': {
    input: z.strictObject({ filingId, fingerprint }),
    output: out<BureauUnit>(),
    activity: true,
  },

  // ---- intake

  /**
   * Take in packages now (one call; for a handful of files). Each file, or every .dsp in a folder
   * path, is unsealed, verified and stored as the unit's next filing in its own transaction; a
   * refused one changes nothing and carries its reasons. A signer not registered here gives
   * PKG_UNKNOWN_SIGNER with `unknownSigner` filled in (see bureau.registerFromPackage).
   */
  'bureau.intake': {
    input: z.strictObject({ paths: z.array(pathStr).min(1).max(10_000) }),
    output: out<IntakeSummary>(),
    activity: true,
  },
  /**
   * Start an intake job for many packages (files and folders). Returns at once; the backend works
   * through the packages one by one between other calls. Poll bureau.intakeProgress.
   */
  'bureau.intakeStart': {
    input: z.strictObject({ paths: z.array(pathStr).min(1).max(10_000) }),
    output: out<IntakeJob>(),
    activity: true,
  },
  /** The state of an intake job (counts, current file, results so far). Not activity: it is polled. */
  'bureau.intakeProgress': { input: z.strictObject({ jobId: z.string().min(1).max(100) }), output: out<IntakeJob>(), activity: false },
  /** Cancel an intake job: the package in hand finishes or not as a whole; no further package is started. */
  'bureau.intakeCancel': { input: z.strictObject({ jobId: z.string().min(1).max(100) }), output: out<IntakeJob>(), activity: true },
  /**
   * Register the unit a package comes from, with the signer's key, after the reviewer typed the
   * key's fingerprint (confirmed out of band); mismatch → KEY_FINGERPRINT_MISMATCH. Contact details
   * default to the package's. Then bureau.intake of the same file works.
   */
  'bureau.registerFromPackage': {
    input: z.strictObject({
      path: pathStr,
      fingerprint,
      name: z.string().max(400).optional(),
      contactName: z.string().max(100).optional(),
      contactPhone: z.string().max(80).optional(),
      contactEmail: z.string().max(300).optional(),
    }),
    output: out<BureauUnit>(),
    activity: true,
  },

  // ---- filings and review

  /** Received filings, newest first; filter by unit and status. */
  'bureau.filings': {
    input: z.strictObject({ uscc: uscc.optional(), status: z.enum(FILING_STATUSES).optional(), offset, limit }),
    output: out<{ total: number; rows: BureauFiling[] }>(),
    activity: true,
  },
  /** Open the review of one filing: the filing, its base (the unit's previous filing), diff counts, flag counts, quality digest, decision counts. */
  'bureau.review': { input: z.strictObject({ filingId }), output: out<ReviewOverview>(), activity: true },
  /**
   * The diff of a filing against `against` (default: its base), paged: added / removed / changed
   * rows of sheet 2 (resources, items) and sheet 3 (catalog), field by field, with level raises
   * and lowerings and both 定级理由. Also compares any two versions of a unit.
   */
  'bureau.diff': {
    input: z.strictObject({
      filingId,
      against: filingId.optional(),
      section: z.enum(['entry', 'catalog']).optional(),
      change: z.enum(['added', 'removed', 'changed']).optional(),
      kind: z.enum(['resource', 'item']).optional(),
      levelChange: z.enum(['raised', 'lowered']).optional(),
      offset,
      limit,
    }),
    output: out<{ total: number; summary: DiffSummary; rows: DiffRow[] }>(),
    activity: true,
  },
  /**
   * The filed entries (sheet-2 rows) of a filing with their flags and decisions, paged, in 数据编号
   * order. flaggedOnly: only flagged ones (the reviewer's worklist); code: one flag.
   */
  'bureau.entries': {
    input: z.strictObject({
      filingId,
      flaggedOnly: z.boolean().default(false),
      code: z.enum(REVIEW_FLAG_CODES).optional(),
      decision: z.enum([...ENTRY_DECISIONS, 'none']).optional(),
      search: z.string().max(200).optional(),
      offset,
      limit,
    }),
    output: out<{ total: number; rows: ReviewEntry[] }>(),
    activity: true,
  },
  /** Quality findings of the filed content (the unit's quality rules), paged. */
  'bureau.findings': {
    input: z.strictObject({ filingId, severity: z.enum(['error', 'warning']).optional(), code: z.string().max(100).optional(), offset, limit }),
    output: out<{ total: number; rows: BureauFinding[] }>(),
    activity: true,
  },
  /** Accept or return entries of a pending filing with a comment (returning needs one); one audit entry per call. */
  'bureau.decideEntries': {
    input: z.strictObject({ filingId, dataIds: z.array(dataId).min(1).max(100_000), decision: z.enum(ENTRY_DECISIONS), comment }),
    output: out<{ decided: number; accepted: number; returned: number }>(),
    activity: true,
  },
  /** Withdraw decisions on entries of a pending filing. */
  'bureau.clearDecisions': {
    input: z.strictObject({ filingId, dataIds: z.array(dataId).min(1).max(100_000) }),
    output: out<{ cleared: number }>(),
    activity: true,
  },
  /**
   * Decide the filing: 已备案 (accepted), 退回修改 (returned; needs a comment or a returned entry),
   * 附意见备案 (accepted_with_remarks; needs a comment). Audited. A decided filing can be decided again
   * until its receipt is issued.
   */
  'bureau.decideFiling': {
    input: z.strictObject({ filingId, decision: z.enum(FILING_DECISIONS), comment: comment.default('') }),
    output: out<BureauFiling>(),
    activity: true,
  },
  /** Write the signed receipt (回执) of a decided filing to outPath (audited). */
  'bureau.receipt': {
    input: z.strictObject({ filingId, outPath: pathStr, overwrite: z.boolean().optional() }),
    output: out<ReceiptBuildResult>(),
    activity: true,
  },

  // ---- district view

  /** Counts by unit, category, level and status over each unit's latest filing, and the trend against one year before. */
  'bureau.district': {
    input: z.strictObject({ asOf: z.string().max(40).optional() }),
    output: out<DistrictSummary>(),
    activity: true,
  },
  /** Consolidated important-data catalog (sheet 3) of each unit's latest accepted filing, filtered, paged. */
  'bureau.catalog': {
    input: z.strictObject({ ...catalogFilter, offset, limit }),
    output: out<{ total: number; rows: DistrictCatalogRow[] }>(),
    activity: true,
  },
  /** The same catalog as an xlsx in the sheet-3 layout with a unit column. */
  'bureau.catalogExport': {
    input: z.strictObject({ ...catalogFilter, outPath: pathStr, overwrite: z.boolean().optional() }),
    output: out<{ path: string; rows: number }>(),
    activity: true,
  },
  /** Units whose annual filing is overdue at asOf (no filing received in the 12 months before). */
  'bureau.overdue': {
    input: z.strictObject({ asOf: z.string().max(40).optional() }),
    output: out<OverdueUnit[]>(),
    activity: true,
  },

  // ---- unit side: receipts

  /** Unit: import a receipt file; verified against the confirmed bureau key; stored with its per-entry outcomes (audited). */
  'receipt.import': { input: z.strictObject({ path: pathStr }), output: out<UnitReceipt>(), activity: true },
  /** Unit: the filing history with each filing's outcome (latest receipt), newest first. */
  'receipt.list': { input: empty, output: out<UnitFilingOutcome[]>(), activity: true },
  /** Unit: the bureau's status and comment per entry (latest receipt mentioning it); dataIds filters (for the visible grid rows). */
  'receipt.entryStatuses': {
    input: z.strictObject({ dataIds: z.array(dataId).max(5000).optional(), decision: z.enum(ENTRY_DECISIONS).optional(), offset, limit }),
    output: out<{ total: number; rows: EntryReceiptStatus[] }>(),
    activity: true,
  },
} as const;

/** For UIs: the sheet-2 levels, in order (re-exported for filters). */
export const BUREAU_LEVELS = LEVELS_43697;
