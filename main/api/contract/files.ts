/**
 * API contract for choosing files: the in-app file chooser lists folders of this computer through
 * the backend (the browser host has no native dialog; the Electron host uses the same chooser so
 * both behave alike). Listing never reads file contents. Pure: zod schemas and types only.
 */
import { z } from 'zod';

const out = <T>() => undefined as unknown as T;

import type { FileEntry, FolderListing } from '../../domain/files';

export type { FileEntry, FolderListing };

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
} as const;
