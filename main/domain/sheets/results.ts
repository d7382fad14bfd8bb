/** What the Excel import and export answer (shared by the service, the API contract and the UI). Types only. */
import type { FieldChange } from './diff';
import type { SheetKey } from './layout';
import type { ImportProblem } from './problems';

export interface ImportCounts {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  skipped: number;
}

export interface PreviewRow {
  sheetKey: SheetKey;
  sheet: string;
  /** 0 for a row that is in the workspace and not in the file (removed), or for sheet 1. */
  row: number;
  dataId: string;
  name: string;
  kind: 'resource' | 'item' | 'catalog' | 'profile';
  status: 'added' | 'changed' | 'removed' | 'skipped';
  changes: FieldChange[];
}

export interface ImportPreview {
  /** Pass to excel.commit to import exactly what was previewed. */
  token: string;
  file: { name: string; path: string; bytes: number; format: string; encoding?: string | undefined; digest: string };
  sheets: { key: SheetKey; name: string; headerRow: number; rows: number; ignoredColumns: { column: string; header: string }[] }[];
  /** Sheet 2. `removed` counts what would be removed if the officer opts in. */
  counts: ImportCounts;
  catalogCounts: ImportCounts;
  profileChanges: FieldChange[];
  /** Rows that change (at most MAX_PREVIEW_ROWS; rowsTotal says how many there are). */
  rows: PreviewRow[];
  rowsTotal: number;
  /** Problems in sheet, row, column order (at most MAX_PROBLEMS; problemsTotal says how many there are). */
  problems: ImportProblem[];
  problemsTotal: number;
  blocking: number;
  warnings: number;
  /** Rows that would be skipped for their blocking problems. */
  blockingRows: number;
  /** No blocking problem: the file imports as it is. */
  importable: boolean;
  ms: number;
}

export interface ImportResult {
  batchId: number | null;
  entries: ImportCounts;
  catalog: ImportCounts;
  profileChanged: string[];
  resourcesRaised: number;
  /** SM3 digest of the batch's changes (as in the audit entry). */
  digest: string;
  file: { name: string; digest: string };
  ms: number;
}

export interface ExportResult {
  path: string;
  format: 'xlsx' | 'csv';
  bytes: number;
  rows: { inventory: number; catalog: number };
  ms: number;
}

/** The quality findings report (质量检查问题清单) that was written. */
export interface FindingsExportResult {
  path: string;
  bytes: number;
  findings: number;
  errors: number;
  warnings: number;
  scores: { completeness: number; consistency: number; conformity: number; timeliness: number; overall: number };
  ms: number;
}

export const MAX_PREVIEW_ROWS = 5_000;
export const MAX_PROBLEMS = 10_000;
