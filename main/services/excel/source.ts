/** What every reader (xlsx, xls, csv) gives the importer: sheet names and, per sheet, its rows in order. */
import type { RawCell } from '../../domain/sheets/cells';

export interface SheetInfo {
  name: string;
  hidden: boolean;
}

export interface RowData {
  /** 1-based row number, as Excel shows it. */
  row: number;
  /** 0-based column → cell; holes are empty cells. */
  cells: RawCell[];
}

export interface WorkbookSource {
  format: 'xlsx' | 'xls' | 'csv';
  /** The workbook counts dates from 1904 (old Mac Excel). */
  date1904: boolean;
  sheets: SheetInfo[];
  /** The non-empty rows of a sheet, in order. Breaking out of the loop stops reading. */
  rows(sheet: string): AsyncIterable<RowData>;
  /** For CSV: the encoding it was read in. */
  encoding?: string;
}
