/**
 * API contract of the classification-rules screen: schemes from and to files (JSON or the xlsx
 * layout), activation with its regrade, the recogniser pack in use, and sample values read from
 * a column of a spreadsheet. Pure: zod schemas and types only.
 */
import { z } from 'zod';
import type {
  ActivationPreview, ActivationResult, FileColumns, RecognizerPackView, SampleFileScan, SchemeExportResult, SchemeFilePreview, SchemeOverview,
} from '../../domain/scheme-views';

const out = <T>() => undefined as unknown as T;
const pathStr = z.string().min(1).max(4096);
const schemeId = z.string().min(1).max(60);
const version = z.number().int().min(1);

export const schemesContract = {
  /** Installed schemes with their versions, which is in use, and how many entries each version graded. */
  'scheme.overview': { input: z.strictObject({}), output: out<SchemeOverview[]>(), activity: true },
  /** Read and check a scheme file (.json or .xlsx layout): its content and problems (sheet/row/column or JSON path). Writes nothing. */
  'scheme.previewFile': { input: z.strictObject({ path: pathStr }), output: out<SchemeFilePreview>(), activity: true },
  /** Import a scheme file as a new scheme or version; refused with SCHEME_INVALID and the problems. */
  'scheme.importFile': { input: z.strictObject({ path: pathStr }), output: out<SchemeOverview>(), activity: true },
  /** Write a scheme version as JSON or as the xlsx layout (by the extension unless format is given). */
  'scheme.export': {
    input: z.strictObject({ id: schemeId, version: version.optional(), path: pathStr, format: z.enum(['json', 'xlsx']).optional() }),
    output: out<SchemeExportResult>(),
    activity: true,
  },
  /** How many entries activating this version would regrade. */
  'scheme.activationPreview': { input: z.strictObject({ id: schemeId, version }), output: out<ActivationPreview>(), activity: true },
  /** Activate the version (in use for its industry) and regrade all entries, in one transaction. */
  'scheme.activateAndRegrade': { input: z.strictObject({ id: schemeId, version }), output: out<ActivationResult>(), activity: true },
  /** The recogniser pack in use, in full (recognisers, words, codes, context words, thresholds). */
  'recognizer.pack': { input: z.strictObject({}), output: out<RecognizerPackView>(), activity: true },
  /** Import a recogniser pack from a JSON file; refused with RECOGNIZER_PACK_INVALID and the problems. */
  'recognizer.importPackFile': { input: z.strictObject({ path: pathStr }), output: out<RecognizerPackView>(), activity: true },
  /** Drop the workspace's own pack and use the built-in one. */
  'recognizer.resetPack': { input: z.strictObject({}), output: out<RecognizerPackView>(), activity: true },
  /** Sheets and column headers of a spreadsheet or CSV, with up to three masked values per column. */
  'recognizer.fileColumns': { input: z.strictObject({ path: pathStr }), output: out<FileColumns>(), activity: true },
  /** Scan up to `limit` values of a column as the entry's samples; only counts are kept. */
  'recognizer.scanSampleFile': {
    input: z.strictObject({
      entryId: z.number().int().min(1),
      path: pathStr,
      sheet: z.string().min(1).max(100).optional(),
      column: z.number().int().min(0).max(16_383),
      limit: z.number().int().min(1).max(10_000).default(1000),
    }),
    output: out<SampleFileScan>(),
    activity: true,
  },
} as const;

export type { ActivationPreview, ActivationResult, FileColumns, RecognizerPackView, SampleFileScan, SchemeExportResult, SchemeFilePreview, SchemeOverview };
