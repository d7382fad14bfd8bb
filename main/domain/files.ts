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

/** The largest picture files.saveImage writes (bytes of the PNG file). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** The 8 bytes every PNG file starts with. */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** What files.saveImage returns: where the picture was written and its size. */
export interface SavedImage {
  path: string;
  bytes: number;
}
