/**
 * `datasteward import --path P FILE --mapping NAME`: import any sheet through a saved column
 * mapping (made in the wizard). The file's sheet whose header row has the headers the mapping was
 * saved for is used; the dry run and the commit are the mapping channels' (the template import's
 * own analysis and write). Used by excel-commands.ts.
 */
import type { Channel, ChannelInput, ChannelOutput } from '../api/contract';
import type { ImportPreview, ImportResult } from '../domain/sheets/results';
import { UsageError } from './args';

type Invoke = <C extends Channel>(channel: C, input: ChannelInput<C>) => Promise<ChannelOutput<C>>;

export interface MappedImport {
  dryRun(): Promise<ImportPreview>;
  commit(token: string, skipBlockingRows: boolean): Promise<ImportResult>;
}

/** Find the saved mapping and the file's sheet with its headers; refuse (usage error) when either is missing. */
export async function mappedImport(invoke: Invoke, file: string, name: string): Promise<MappedImport> {
  const summary = (await invoke('mapping.list', {})).find((m) => m.name === name.trim());
  if (!summary) throw new UsageError(`no saved mapping named "${name}" / 没有名为“${name}”的映射方案`);
  const saved = await invoke('mapping.get', { id: summary.id });
  let view = await invoke('mapping.open', { path: file });
  if (view.signature !== saved.signature) {
    for (const s of view.sheets) {
      if (s.name === view.sheet) continue;
      const v = await invoke('mapping.open', { path: file, sheet: s.name });
      if (v.signature === saved.signature) {
        view = v;
        break;
      }
    }
  }
  if (view.signature !== saved.signature)
    throw new UsageError(`no sheet of the file has the headers of mapping "${name}" (${saved.headers.join(', ')}) / 文件中没有与映射“${name}”表头相同的工作表`);
  const input = { path: file, sheet: view.sheet, headerRow: view.headerRow, rules: saved.rules, mappingName: saved.name };
  return {
    dryRun: () => invoke('mapping.dryRun', input),
    commit: (token, skipBlockingRows) => invoke('mapping.commit', { ...input, token, skipBlockingRows }),
  };
}
