/**
 * API contract for quality checks, recognisers, important-data identification and the
 * important-data catalog (sheet 3). Pure: zod schemas and types only.
 */
import { z } from 'zod';
import type { Finding, QualityDimension } from '../../domain/quality';
import type { DimensionScores } from '../../domain/quality';
import type { CatalogEntry } from '../../domain/inventory';
import type { FactorSet, IdentificationResult } from '../../domain/identification';
import { selectionSchema } from './inventory';

const out = <T>() => undefined as unknown as T;
const id = z.number().int().min(1);
const text = (max: number) => z.string().max(max);

export interface QualitySummary {
  scores: DimensionScores;
  totals: { sheet2Rows: number; sheet3Rows: number };
  /** Findings per rule code, most frequent first. */
  byCode: { code: string; dimension: QualityDimension; severity: 'error' | 'warning'; count: number; message_zh: string; message_en: string }[];
  errors: number;
  warnings: number;
  checkedAt: string;
  ms: number;
}

export interface ResourceScore {
  resourceId: number;
  dataId: string;
  name: string;
  systemName: string;
  scores: DimensionScores;
  findings: number;
}

export interface RecognizerSummary {
  id: string;
  name: string;
  nameEn: string;
  personalInfo: boolean;
  sensitive: boolean;
  category?: string | undefined;
  level?: string | undefined;
  detector?: string | undefined;
}

export interface SampleScanResult {
  recognizerId: string;
  matched: number;
  total: number;
  ratio: number;
  threshold: number;
  hit: boolean;
}

/** What the recognisers suggest for one entry: flags and level, with reasons; nothing is changed. */
export interface RecognizerSuggestion {
  entryId: number;
  isPersonalInfo: boolean;
  isSensitivePersonalInfo: boolean;
  level?: string | undefined;
  reasons: { recognizerId: string; basis: 'name' | 'sample'; message_zh: string; message_en: string }[];
}

const answer = z.enum(['yes', 'no', 'unsure']);

const catalogFieldsSchema = z.strictObject({
  name: text(200).optional(),
  category: text(400).optional(),
  level: z.enum(['', '重要数据', '核心数据']).optional(),
  description: text(2000).optional(),
  carrierKind: text(20).optional(),
  carrierSystem: text(200).optional(),
  dataSource: text(20).optional(),
  recordCount: z.number().int().min(0).max(1e13).nullable().optional(),
  volumeGb: z.number().min(0).max(1e9).nullable().optional(),
  personCount: z.number().int().min(0).max(1e13).nullable().optional(),
  coverage: text(500).optional(),
  timeSpan: text(100).optional(),
  purpose: text(1000).optional(),
  processingMethods: text(200).optional(),
  usageScope: text(1000).optional(),
  provision: text(2000).optional(),
  crossBorder: z.enum(['', '是', '否']).optional(),
  crossBorderAssessment: text(2000).optional(),
  retention: text(200).optional(),
  securityMeasures: text(300).optional(),
  mlpsLevel: text(20).optional(),
  basis: text(1000).optional(),
  identifiedAt: text(20).optional(),
  department: text(100).optional(),
  person: text(50).optional(),
  phone: text(40).optional(),
});
export type CatalogChanges = z.infer<typeof catalogFieldsSchema>;

export const qualityContract = {
  /** Runs every quality rule over the workspace (and stores per-entry finding counts for filtering). */
  'quality.summary': { input: z.strictObject({}), output: out<QualitySummary>(), activity: true },
  'quality.findings': {
    input: z.strictObject({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
      dimension: z.enum(['completeness', 'consistency', 'conformity', 'timeliness']).optional(),
      severity: z.enum(['error', 'warning']).optional(),
      code: text(60).optional(),
      resourceId: id.optional(),
      entryId: id.optional(),
    }),
    output: out<{ total: number; findings: Finding[] }>(),
    activity: true,
  },
  'quality.byResource': {
    input: z.strictObject({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(50) }),
    output: out<{ total: number; rows: ResourceScore[] }>(),
    activity: true,
  },
  'recognizer.list': { input: z.strictObject({}), output: out<{ packId: string; packName: string; recognizers: RecognizerSummary[] }>(), activity: true },
  /** Match field names of the selection; stores hits (counts only) and refreshes suggested levels. */
  'recognizer.scanNames': { input: z.strictObject({ selection: selectionSchema }), output: out<{ scanned: number; withHits: number }>(), activity: true },
  /** Score pasted sample values of one entry. Values are never stored or logged: only counts. */
  'recognizer.scanSamples': {
    input: z.strictObject({ entryId: id, samples: z.array(z.string().max(500)).min(1).max(10_000) }),
    output: out<SampleScanResult[]>(),
    activity: true,
  },
  'recognizer.suggestion': { input: z.strictObject({ entryId: id }), output: out<RecognizerSuggestion>(), activity: true },
  /** Apply what the recognisers suggest (flags) to one entry: an ordinary, audited, undoable edit. */
  'recognizer.accept': { input: z.strictObject({ entryId: id }), output: out<RecognizerSuggestion>(), activity: true },
  'recognizer.importPack': { input: z.strictObject({ json: z.string().min(2).max(5_000_000) }), output: out<{ packId: string; count: number }>(), activity: true },
  'identification.get': {
    input: z.strictObject({ resourceId: id }),
    output: out<{ factors: FactorSet; answers: Record<string, 'yes' | 'no' | 'unsure'>; result: IdentificationResult; catalog: CatalogEntry | null }>(),
    activity: true,
  },
  /** Save answers; a 重要数据/核心数据 proposal drafts (or refreshes) the resource's catalog row. */
  'identification.save': {
    input: z.strictObject({ resourceId: id, answers: z.record(z.string().max(60), answer) }),
    output: out<{ result: IdentificationResult; catalog: CatalogEntry | null }>(),
    activity: true,
  },
  'catalog.list': {
    input: z.strictObject({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100), search: text(100).optional() }),
    output: out<{ total: number; rows: CatalogEntry[] }>(),
    activity: true,
  },
  'catalog.get': { input: z.strictObject({ resourceId: id }), output: out<{ entry: CatalogEntry; findings: Finding[] }>(), activity: true },
  'catalog.save': { input: z.strictObject({ resourceId: id, changes: catalogFieldsSchema }), output: out<{ entry: CatalogEntry; findings: Finding[] }>(), activity: true },
  'catalog.remove': { input: z.strictObject({ resourceId: id }), output: out<{ removed: boolean }>(), activity: true },
} as const;
