/** What the in-app file chooser shows of a folder (names, kinds, sizes, times; never contents). */
export interface FileEntry {
  name: string;
  path: string;
  kind: 'dir' | 'file';
  size: number;
  /** ISO time of last modification. */
  modified: string;
}

export interface FolderListing {
  /** The absolute, resolved folder listed. */
  dir: string;
  parent: string | null;
  /** Folders first, then files whose extension is one of those asked for; hidden entries left out. */
  entries: FileEntry[];
  /** More entries than the limit: the list is cut. */
  truncated: boolean;
  /** Places to start from: home, documents, desktop, drives or / . */
  places: { label: string; path: string }[];
  /** Path separator of this computer ('/' or '\\'). */
  sep: string;
}
