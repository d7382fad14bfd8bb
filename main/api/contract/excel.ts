/**
 * API contract for the Excel round trip with the bureau's template: import (dry run, then commit)
 * and export. Paths are chosen by the user in the host's file dialog. Pure: zod schemas and types only.
 */
import { z } from 'zod';
import type { ExportResult, FindingsExportResult, ImportPreview, ImportResult } from '../../domain/sheets/results';

const out = <T>() => undefined as unknown as T;
const pathStr = z.string().min(1).max(4096);

export const excelContract = {
  /** Read a file (.xlsx, .xls, .csv in UTF-8 or GBK) as the template and say what importing it would do. Writes nothing. */
  'excel.dryRun': { input: z.strictObject({ path: pathStr }), output: out<ImportPreview>(), activity: true },
  /**
   * Import the file in one transaction (one undoable batch, audit entries), or nothing. With the
   * token of a dry run, refused (IMPORT_STALE) when the file or the workspace changed since.
   * Refused (IMPORT_BLOCKED) when rows have blocking problems, unless skipBlockingRows.
   */
  'excel.commit': {
    input: z.strictObject({
      path: pathStr,
      token: z.string().max(64).optional(),
      /** Soft-delete the entries and catalog rows the file no longer has. */
      removeMissing: z.boolean().default(false),
      skipBlockingRows: z.boolean().default(false),
    }),
    output: out<ImportResult>(),
    activity: true,
  },
  /** The officer cancelled after a dry run: nothing is written, and the kept preview is dropped. */
  'excel.cancel': { input: z.strictObject({}), output: out<{ cancelled: boolean }>(), activity: true },
  /** Write the workspace as the template (.xlsx), or sheet 2 (or the catalog alone) as CSV with a BOM. */
  'excel.export': {
    input: z.strictObject({ path: pathStr, catalogOnly: z.boolean().default(false), format: z.enum(['xlsx', 'csv']).optional() }),
    output: out<ExportResult>(),
    activity: true,
  },
  /** Write the quality findings and scores as a workbook (质量检查问题清单, .xlsx). */
  'excel.exportFindings': { input: z.strictObject({ path: pathStr }), output: out<FindingsExportResult>(), activity: true },
} as const;

export type { ExportResult, FindingsExportResult, ImportPreview, ImportResult };
