/**
 * API contract of the column-mapping wizard (issue #4 point 3): open any sheet and get proposals,
 * check unmapped columns with the recognisers (with consent), dry-run and commit through the
 * template import, and named mappings. Pure: zod schemas and types only.
 */
import { z } from 'zod';
import { MAX_MAPPING_COLUMNS, mappingRulesSchema, type MappingSheetView, type MappingSummary, type RecognizeColumnView, type SavedMapping } from '../../domain/sheets/mapping';
import type { ImportPreview, ImportResult } from '../../domain/sheets/results';

const out = <T>() => undefined as unknown as T;
const pathStr = z.string().min(1).max(4096);
const sheetName = z.string().min(1).max(255);
/** The header row is looked for among a sheet's first rows. */
const headerRow = z.number().int().min(1).max(1_048_576);
const column = z.number().int().min(0).max(MAX_MAPPING_COLUMNS - 1);
const id = z.number().int().min(1);

const importInput = {
  path: pathStr,
  sheet: sheetName,
  headerRow,
  rules: mappingRulesSchema,
  /** Columns whose values mark rows as personal information (the recognisers run on them: consent given in the wizard). */
  piColumns: z.array(column).max(20).default([]),
  mappingName: z.string().min(1).max(100).optional(),
};

export const mappingContract = {
  /** Read a sheet of any file (.xlsx, .xls, .csv): sheets, header row, columns with samples, proposals, saved mappings for the same headers. Writes nothing. */
  'mapping.open': { input: z.strictObject({ path: pathStr, sheet: sheetName.optional(), headerRow: headerRow.optional() }), output: out<MappingSheetView>(), activity: true },
  /** The recognisers over up to `limit` values of the given (unmapped) columns; only counts are returned and kept. Needs consent: true. */
  'mapping.recognize': {
    input: z.strictObject({ path: pathStr, sheet: sheetName, headerRow, columns: z.array(column).min(1).max(MAX_MAPPING_COLUMNS), limit: z.number().int().min(1).max(1000).default(100), consent: z.boolean() }),
    output: out<RecognizeColumnView[]>(),
    activity: true,
  },
  /** What importing the sheet through the mapping would do (the template import's preview). Writes nothing. */
  'mapping.dryRun': { input: z.strictObject(importInput), output: out<ImportPreview>(), activity: true },
  /** Import through the mapping in one transaction, or nothing (IMPORT_STALE, IMPORT_BLOCKED as for the template). */
  'mapping.commit': {
    input: z.strictObject({ ...importInput, token: z.string().max(64).optional(), skipBlockingRows: z.boolean().default(false) }),
    output: out<ImportResult>(),
    activity: true,
  },
  'mapping.cancel': { input: z.strictObject({}), output: out<{ cancelled: boolean }>(), activity: true },
  'mapping.list': { input: z.strictObject({}), output: out<MappingSummary[]>(), activity: false },
  'mapping.get': { input: z.strictObject({ id }), output: out<SavedMapping>(), activity: false },
  /** Save the rules under a name for sheets with this sheet's headers; `replace` overwrites a mapping of the same name. Audited. */
  'mapping.save': {
    input: z.strictObject({ name: z.string().trim().min(1).max(100), path: pathStr, sheet: sheetName, headerRow, rules: mappingRulesSchema, replace: z.boolean().default(false) }),
    output: out<MappingSummary>(),
    activity: true,
  },
  'mapping.delete': { input: z.strictObject({ id }), output: out<{ deleted: boolean }>(), activity: true },
} as const;

export type { MappingSheetView, RecognizeColumnView, MappingSummary, SavedMapping };
