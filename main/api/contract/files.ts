/**
 * API contract for choosing files: the in-app file chooser lists folders of this computer through
 * the backend (the browser host has no native dialog; the Electron host uses the same chooser so
 * both behave alike). Listing never reads file contents. Pure: zod schemas and types only.
 */
import { z } from 'zod';

const out = <T>() => undefined as unknown as T;

import { MAX_IMAGE_BYTES, type FileEntry, type FolderListing, type SavedImage } from '../../domain/files';

export type { FileEntry, FolderListing, SavedImage };

export const filesContract = {
  'files.list': {
    input: z.strictObject({
      /** Absent: the user's home folder (or documents folder when it exists). */
      dir: z.string().min(1).max(4096).optional(),
      /** Lower-case extensions without dot ('xlsx'); absent: every file. */
      extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/)).max(20).optional(),
    }),
    output: out<FolderListing>(),
    activity: true,
  },
  /**
   * Save a picture the page made (a chart as PNG) where the user chose: the desktop window does
   * not let the page download files. The service checks the .png name, the PNG signature and the
   * size (MAX_IMAGE_BYTES), and writes a temp file beside the target, then renames it.
   */
  'files.saveImage': {
    input: z.strictObject({
      path: z.string().min(1).max(4096),
      /** The PNG file, base64 (no data: prefix). Bounded here a little above the size limit so that the service can say "too large" clearly. */
      pngBase64: z.string().min(1).max(Math.ceil((MAX_IMAGE_BYTES * 4) / 3) + 1024 * 1024),
      /** Replace an existing file (the chooser has warned about it). */
      overwrite: z.boolean().optional(),
    }),
    output: out<SavedImage>(),
    activity: true,
  },
} as const;
