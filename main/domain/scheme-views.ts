/** What the classification-rules screen, the CLI and the backend exchange about schemes and recogniser packs. Types only. */
import type { RecognizerPack } from './recognizers';
import type { SchemeDefinition } from './scheme';
import type { SchemeFileProblem } from './scheme-sheet';

export interface SchemeVersionUsage {
  version: number;
  createdAt: string;
  origin: 'builtin' | 'import' | 'edit';
  digest: string;
  /** Live entries graded under this version. */
  entries: number;
}

export interface SchemeOverview {
  id: string;
  name: string;
  industry: string;
  activeVersion: number;
  /** The scheme that grades entries of its industry. */
  inUse: boolean;
  versions: SchemeVersionUsage[];
  /** Live entries whose 行业领域 is this scheme's. */
  industryEntries: number;
}

export interface SchemeFilePreview {
  file: { name: string; format: 'json' | 'xlsx' };
  ok: boolean;
  problems: SchemeFileProblem[];
  /** The checked definition (when ok). */
  definition?: SchemeDefinition | undefined;
  summary?: {
    categories: number;
    matrixCells: number;
    floorRules: number;
    aggregationRules: number;
  } | undefined;
  /** What importing it would do. */
  effect?: {
    /** A new scheme, or a new version of an installed one. */
    kind: 'new-scheme' | 'new-version' | 'unchanged';
    version: number;
    /** For 'unchanged': the installed version with the same content. */
    sameAs?: number | undefined;
    /** The scheme now in use for its industry, if another. */
    industryInUse?: string | undefined;
  } | undefined;
}

export interface ActivationPreview {
  id: string;
  version: number;
  industry: string;
  alreadyActive: boolean;
  /** The scheme in use for the industry now. */
  replaces?: string | undefined;
  /** Live entries of the industry: regraded under the activated version. */
  entriesToRegrade: number;
  /** Live entries graded under another version of this scheme. */
  entriesUnderOtherVersions: number;
}

export interface ActivationResult {
  scheme: SchemeOverview;
  regrade: { entries: number; resourcesRaised: number; ms: number };
}

export interface SchemeExportResult {
  path: string;
  format: 'json' | 'xlsx';
  bytes: number;
  version: number;
}

export interface RecognizerPackView {
  /** 'builtin': the built-in pack; 'workspace': a pack imported into this workspace (replacing or extending the built-in one). */
  source: 'builtin' | 'workspace';
  importedAt?: string | undefined;
  /** The pack in use (for an extending pack: its recognisers first, then the built-in ones). */
  pack: RecognizerPack;
  builtinId: string;
}

/** A spreadsheet's sheets and columns, for choosing the column of sample values. Values are masked, never sent in full. */
export interface FileColumns {
  file: string;
  format: 'xlsx' | 'xls' | 'csv';
  sheets: { name: string; headerRow: number; columns: { index: number; letter: string; header: string; preview: string[] }[] }[];
}

export interface SampleFileScan {
  sheet: string;
  column: string;
  /** Values read (non-blank, at most the limit). */
  read: number;
  results: { recognizerId: string; matched: number; total: number; ratio: number; threshold: number; hit: boolean }[];
}
