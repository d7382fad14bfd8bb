/**
 * The bureau's side of filing (区数据局): trust registry of units and their keys, intake of
 * filing packages, review of one filing (diff against the unit's previous filing, quality
 * findings, automatic review flags, per-entry and filing decisions), receipts (回执), the district
 * view; and, on the unit side, the outcomes a unit imports from a receipt. Pure: types, codes,
 * labels and the flag rules.
 */
import type { Level } from './code-lists';
import type { QualityCode, QualityDimension, Severity } from './quality';
import type { PackageCounts } from './package/bagit';
import type { FilingKindCode } from './package/constants';
import type { VerifyError } from './package/report';
import { EMPTY_CATALOG_FIELDS, ENTRY_RULES, type PackageCatalogEntry, type PackageEntry } from './package/schema';

// ---- codes and labels

/** The review state of a received filing: 待审核 / 已备案 / 退回修改 / 附意见备案. */
export const FILING_STATUSES = ['pending', 'accepted', 'returned', 'accepted_with_remarks'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];
/** What a reviewer may decide for a whole filing. */
export const FILING_DECISIONS = ['accepted', 'returned', 'accepted_with_remarks'] as const;
export type FilingDecision = (typeof FILING_DECISIONS)[number];
export const FILING_STATUS_LABELS: Record<FilingStatus, { zh: string; en: string }> = {
  pending: { zh: '待审核', en: 'awaiting review' },
  accepted: { zh: '已备案', en: 'accepted' },
  returned: { zh: '退回修改', en: 'returned for changes' },
  accepted_with_remarks: { zh: '附意见备案', en: 'accepted with remarks' },
};

/** A reviewer's decision on one entry (resource or item) of a filing. */
export const ENTRY_DECISIONS = ['accept', 'return'] as const;
export type EntryDecision = (typeof ENTRY_DECISIONS)[number];
export const ENTRY_DECISION_LABELS: Record<EntryDecision, { zh: string; en: string }> = {
  accept: { zh: '通过', en: 'accepted' },
  return: { zh: '退回', en: 'returned' },
};

/** Automatic review flags (the cross-sheet rules of the bureau template, plus lowerings). Stable codes. */
export const REVIEW_FLAG_CODES = [
  'FLAG_LOWERED',
  'FLAG_SENSITIVE_BELOW_4',
  'FLAG_IMPORTANT_NO_CATALOG',
  'FLAG_IMPORTANT_NO_MEASURES',
  'FLAG_IMPORTANT_LOW_MLPS',
  'FLAG_RESOURCE_BELOW_ITEMS',
] as const;
export type ReviewFlagCode = (typeof REVIEW_FLAG_CODES)[number];
export const REVIEW_FLAG_LABELS: Record<ReviewFlagCode, { zh: string; en: string }> = {
  FLAG_LOWERED: { zh: '级别低于上一次备案（降级）', en: 'Level lower than in the previous filing (lowering)' },
  FLAG_SENSITIVE_BELOW_4: { zh: '敏感个人信息低于一般数据4级', en: 'Sensitive personal information below 一般数据4级' },
  FLAG_IMPORTANT_NO_CATALOG: { zh: '重要/核心数据未列入重要数据目录', en: 'Important or core data without a row in the important-data catalog' },
  FLAG_IMPORTANT_NO_MEASURES: { zh: '重要数据未填写安全保护措施', en: 'Important data without security measures' },
  FLAG_IMPORTANT_LOW_MLPS: { zh: '重要数据所在系统等保级别低于第三级', en: 'Important data on a system below MLPS level 3' },
  FLAG_RESOURCE_BELOW_ITEMS: { zh: '资源级别低于其数据项（就高从严）', en: 'Resource level below its highest item' },
};

/** Refusal codes of receipts (unit side), besides the package codes. */
export const RECEIPT_PROBLEM_CODES = ['RECEIPT_INVALID', 'RECEIPT_UNKNOWN_SIGNER', 'RECEIPT_NOT_OURS', 'RECEIPT_UNKNOWN_FILING', 'RECEIPT_ALREADY_IMPORTED'] as const;

// ---- trust registry

export interface BureauUnitKey {
  fingerprint: string;
  label: string;
  confirmedAt: string;
  confirmedBy: string;
  /** Set when the key was retired (or replaced by a rotation): packages it signs are refused. */
  retiredAt: string | null;
}

export interface BureauUnit {
  uscc: string;
  name: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  registeredAt: string;
  keys: BureauUnitKey[];
  filings: number;
  lastFiling: { id: number; sequence: number; kind: FilingKindCode; receivedAt: string; status: FilingStatus } | null;
}

/** A key rotation a unit announced in a package signed with its current key; applied only after the reviewer confirms. */
export interface KeyRotationNotice {
  filingId: number;
  uscc: string;
  unitName: string;
  oldFingerprint: string;
  newFingerprint: string;
  newPublicKeyPem: string;
  announcedAt: string;
  appliedAt: string | null;
}

// ---- intake

/** What a package says about an unknown signer, so the reviewer can register the unit from it. */
export interface UnknownSignerInfo {
  fingerprint: string;
  publicKeyPem: string;
  uscc: string;
  unitName: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  /** true when a unit with this USCC is already registered (then a new key must be added to it by hand or by rotation). */
  unitKnown: boolean;
}

export interface IntakeFileResult {
  path: string;
  fileName: string;
  outcome: 'accepted' | 'refused';
  /** The stored filing (accepted only). */
  filingId: number | null;
  uscc: string | null;
  unitName: string | null;
  sequence: number | null;
  kind: FilingKindCode | null;
  digest: string | null;
  counts: PackageCounts | null;
  /** Refusal reasons (package codes PKG_*, or INTAKE_* / DomainError codes). Empty when accepted. */
  errors: VerifyError[];
  /** Only the codes, for scripting. */
  codes: string[];
  /** Set when refused because the signer is not registered here and the package says who it is. */
  unknownSigner: UnknownSignerInfo | null;
  /** Set when an accepted package announces a key rotation awaiting confirmation. */
  rotation: KeyRotationNotice | null;
}

export interface IntakeSummary {
  total: number;
  accepted: number;
  refused: number;
  results: IntakeFileResult[];
}

export const INTAKE_JOB_STATES = ['running', 'done', 'cancelled', 'failed'] as const;
export type IntakeJobState = (typeof INTAKE_JOB_STATES)[number];

export interface IntakeJob extends IntakeSummary {
  id: string;
  state: IntakeJobState;
  /** Packages handled so far (accepted + refused). */
  processed: number;
  /** The file being processed now, if any. */
  current: string | null;
  startedAt: string;
  finishedAt: string | null;
}

// ---- filings and review

export interface BureauFiling {
  id: number;
  uscc: string;
  unitName: string;
  sequence: number;
  kind: FilingKindCode;
  digest: string;
  previousDigest: string | null;
  createdAt: string;
  receivedAt: string;
  receivedBy: string;
  signerFingerprint: string;
  fileName: string;
  fileSm3: string;
  counts: PackageCounts;
  /** The unit's previous filing here (the package this one names as previous), the default base of the diff. */
  baseFilingId: number | null;
  status: FilingStatus;
  decidedAt: string | null;
  decidedBy: string | null;
  decisionComment: string;
  flags: number;
  qualityErrors: number;
  qualityWarnings: number;
  receiptIssuedAt: string | null;
}

export type DiffChange = 'added' | 'removed' | 'changed';
export type DiffSection = 'entry' | 'catalog';

export interface DiffCounts {
  resources: number;
  items: number;
  catalog: number;
}

export interface DiffSummary {
  baseFilingId: number | null;
  added: DiffCounts;
  removed: DiffCounts;
  changed: DiffCounts;
  /** Entries (resources and items) whose level went up / down. */
  raised: number;
  lowered: number;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface DiffRow {
  section: DiffSection;
  /** 'resource' for catalog rows. */
  kind: 'resource' | 'item';
  dataId: string;
  resourceDataId: string;
  resourceName: string;
  itemName: string;
  change: DiffChange;
  levelChange: 'raised' | 'lowered' | null;
  levelBefore: Level | '' | null;
  levelAfter: Level | '' | null;
  rationaleBefore: string | null;
  rationaleAfter: string | null;
  /** Field-by-field, for 'changed' rows (for added/removed: empty). */
  fields: FieldChange[];
}

export interface ReviewDecisionInfo {
  decision: EntryDecision;
  comment: string;
  decidedAt: string;
  decidedBy: string;
}

export interface ReviewFlag {
  code: ReviewFlagCode;
  message_zh: string;
  message_en: string;
}

/** One filed entry (sheet-2 row) as the reviewer sees it. */
export interface ReviewEntry {
  dataId: string;
  kind: 'resource' | 'item';
  resourceDataId: string;
  systemName: string;
  resourceName: string;
  itemName: string;
  category1: string;
  level: Level | '';
  suggestedLevel: Level | '';
  rationale: string;
  isSensitivePersonalInfo: '' | '是' | '否';
  flags: ReviewFlag[];
  decision: ReviewDecisionInfo | null;
}

export interface BureauFinding {
  code: QualityCode;
  dimension: QualityDimension;
  severity: Severity;
  sheet: 2 | 3;
  dataId: string;
  field: string;
  message_zh: string;
  message_en: string;
}

export interface QualityDigest {
  errors: number;
  warnings: number;
  byCode: { code: string; dimension: QualityDimension; severity: Severity; count: number }[];
}

export interface ReviewOverview {
  filing: BureauFiling;
  base: BureauFiling | null;
  diff: DiffSummary;
  flags: { code: ReviewFlagCode; count: number }[];
  quality: QualityDigest;
  decisions: { accepted: number; returned: number; flaggedUndecided: number };
}

// ---- receipts

export interface ReceiptEntry {
  dataId: string;
  kind: 'resource' | 'item';
  decision: EntryDecision;
  comment: string;
}

/** data/receipt.json of a receipt package (canonical JSON). */
export interface ReceiptPayload {
  format: 'datasteward-receipt/1';
  uscc: string;
  unitName: string;
  filingSequence: number;
  filingDigest: string;
  filingKind: FilingKindCode;
  decision: FilingDecision;
  comment: string;
  decidedAt: string;
  decidedBy: string;
  issuedAt: string;
  entries: ReceiptEntry[];
}

export interface ReceiptBuildResult {
  path: string;
  filingId: number;
  digest: string;
  fileSm3: string;
  decision: FilingDecision;
  entries: number;
}

/** Unit side: an imported receipt. */
export interface UnitReceipt {
  id: number;
  filingSequence: number;
  filingDigest: string;
  decision: FilingDecision;
  comment: string;
  decidedAt: string;
  issuedAt: string;
  importedAt: string;
  bureauFingerprint: string;
  receiptDigest: string;
  accepted: number;
  returned: number;
}

/** Unit side: one filing of the history with its outcome (the latest receipt for it). */
export interface UnitFilingOutcome {
  sequence: number;
  kind: FilingKindCode;
  digest: string;
  createdAt: string;
  /** 'awaiting' until a receipt is imported. */
  status: FilingDecision | 'awaiting';
  receipt: UnitReceipt | null;
}

/** Unit side: the bureau's word on one entry, from the latest receipt that mentions it. */
export interface EntryReceiptStatus {
  dataId: string;
  kind: 'resource' | 'item';
  decision: EntryDecision;
  comment: string;
  filingSequence: number;
  receiptId: number;
}

// ---- district view

export interface DistrictUnitRow {
  uscc: string;
  unitName: string;
  filingId: number;
  sequence: number;
  status: FilingStatus;
  receivedAt: string;
  resources: number;
  items: number;
  important: number;
  core: number;
}

export interface DistrictCount {
  key: string;
  resources: number;
  items: number;
}

export interface DistrictSummary {
  asOf: string;
  units: number;
  resources: number;
  items: number;
  byUnit: DistrictUnitRow[];
  byCategory: DistrictCount[];
  byLevel: DistrictCount[];
  byStatus: (DistrictCount & { units: number })[];
  /** The same counts by level as they stood one year before asOf (each unit's latest filing then). */
  trend: { level: string; resources: number; items: number; resourcesLastYear: number; itemsLastYear: number }[];
  ms: number;
}

export interface DistrictCatalogRow extends PackageCatalogEntry {
  uscc: string;
  unitName: string;
  filingId: number;
  sequence: number;
}

export interface OverdueUnit {
  uscc: string;
  unitName: string;
  lastFilingAt: string | null;
  lastFilingKind: FilingKindCode | null;
  /** When the next filing was due (12 months after the last; registration date if none). */
  dueAt: string;
}

// ---- pure rules

type FlagEntry = Pick<PackageEntry, 'kind' | 'dataId' | 'resourceDataId' | 'level' | 'rationale' | 'isSensitivePersonalInfo' | 'systemName'>;
type FlagCatalog = Pick<PackageCatalogEntry, 'dataId' | 'level' | 'securityMeasures' | 'mlpsLevel'>;

const RANK: Record<string, number> = { 核心数据: 6, 重要数据: 5, 一般数据4级: 4, 一般数据3级: 3, 一般数据2级: 2, 一般数据1级: 1 };
export const rankOf = (l: string | null | undefined): number => (l ? (RANK[l] ?? 0) : 0);
const MLPS_RANK: Record<string, number> = { 第一级: 1, 第二级: 2, 第三级: 3, 第四级: 4, 未定级: 0 };

export interface FlagInput {
  entries: readonly FlagEntry[];
  catalog: readonly FlagCatalog[];
  systems: readonly { name: string; mlpsLevel: string }[];
  /** The level of each entry in the base filing (by 数据编号), for lowerings. */
  baseLevels?: ReadonlyMap<string, string> | undefined;
}

/**
 * The automatic review flags of one filing, by 数据编号. A sensitive row below 一般数据4级 is
 * flagged even with a rationale (the reviewer reads the rationale beside it).
 */
export function computeReviewFlags(input: FlagInput): Map<string, ReviewFlagCode[]> {
  const out = new Map<string, ReviewFlagCode[]>();
  const add = (dataId: string, code: ReviewFlagCode) => {
    const l = out.get(dataId);
    if (!l) out.set(dataId, [code]);
    else if (!l.includes(code)) l.push(code);
  };
  const catalogByResource = new Map(input.catalog.map((c) => [c.dataId, c] as const));
  const systemMlps = new Map(input.systems.map((s) => [s.name, s.mlpsLevel] as const));
  const maxItem = new Map<string, number>();
  const resourceLevel = new Map<string, number>();
  for (const e of input.entries) {
    const r = rankOf(e.level);
    if (e.kind === 'item') maxItem.set(e.resourceDataId, Math.max(maxItem.get(e.resourceDataId) ?? 0, r));
    else resourceLevel.set(e.dataId, r);
    if (input.baseLevels) {
      const before = input.baseLevels.get(e.dataId);
      if (before !== undefined && rankOf(before) > r) add(e.dataId, 'FLAG_LOWERED');
    }
    if (e.isSensitivePersonalInfo === '是' && r < RANK['一般数据4级']!) add(e.dataId, 'FLAG_SENSITIVE_BELOW_4');
    if (r >= RANK['重要数据']!) {
      const cat = catalogByResource.get(e.resourceDataId);
      if (!cat) add(e.dataId, 'FLAG_IMPORTANT_NO_CATALOG');
      else if (e.kind === 'resource') {
        if (cat.securityMeasures.trim() === '') add(e.dataId, 'FLAG_IMPORTANT_NO_MEASURES');
        const mlps = cat.mlpsLevel || systemMlps.get(e.systemName) || '';
        if ((MLPS_RANK[mlps] ?? 0) < 3) add(e.dataId, 'FLAG_IMPORTANT_LOW_MLPS');
      }
    }
  }
  for (const [rid, r] of resourceLevel) if ((maxItem.get(rid) ?? 0) > r) add(rid, 'FLAG_RESOURCE_BELOW_ITEMS');
  return out;
}

export function flagOf(code: ReviewFlagCode): ReviewFlag {
  return { code, message_zh: REVIEW_FLAG_LABELS[code].zh, message_en: REVIEW_FLAG_LABELS[code].en };
}

/** Fields compared field by field in a diff (everything the package carries). */
export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  const out: FieldChange[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const k of [...keys].sort()) {
    const a = before[k] ?? null;
    const b = after[k] ?? null;
    if (a !== b) out.push({ field: k, before: a, after: b });
  }
  return out;
}

// ---- stored rows: the values of a filed row in a fixed key order (keys are not repeated per row)

export const ENTRY_FIELD_KEYS: readonly string[] = Object.keys(ENTRY_RULES).sort();
export const CATALOG_FIELD_KEYS: readonly string[] = [...Object.keys(EMPTY_CATALOG_FIELDS), 'dataId', 'inventoryLevel'].sort();

/** A row as a JSON array of its values in `keys` order. */
export function packRow(keys: readonly string[], row: object): string {
  const r = row as Record<string, unknown>;
  return JSON.stringify(keys.map((k) => r[k] ?? null));
}

export function unpackRow<T>(keys: readonly string[], text: string): T {
  const values = JSON.parse(text) as unknown[];
  const out: Record<string, unknown> = {};
  keys.forEach((k, i) => (out[k] = values[i] ?? null));
  return out as T;
}
