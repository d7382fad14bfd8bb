/**
 * The list of recently opened workspaces, kept in the app's config folder (not in any workspace).
 * Holds paths and names only; never a passphrase.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RecentWorkspace } from '../domain/workspace';

const MAX_RECENT = 12;

export function createRecentList(configDir: string) {
  const file = path.join(configDir, 'recent-workspaces.json');
  const read = (): RecentWorkspace[] => {
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
      if (!Array.isArray(data)) return [];
      return data.filter(
        (r): r is RecentWorkspace =>
          typeof r === 'object' && r !== null && typeof r.path === 'string' && typeof r.name === 'string' &&
          (r.role === 'unit' || r.role === 'bureau') && typeof r.lastOpenedAt === 'string',
      );
    } catch {
      return [];
    }
  };
  const write = (list: RecentWorkspace[]) => {
    fs.mkdirSync(configDir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(list, null, 2), { mode: 0o600 });
    fs.renameSync(tmp, file);
  };
  return {
    list(): (RecentWorkspace & { exists: boolean })[] {
      return read().map((r) => ({ ...r, exists: fs.existsSync(r.path) }));
    },
    remember(entry: RecentWorkspace): void {
      write([entry, ...read().filter((r) => r.path !== entry.path)].slice(0, MAX_RECENT));
    },
    forget(p: string): void {
      write(read().filter((r) => r.path !== p));
    },
  };
}

export type RecentList = ReturnType<typeof createRecentList>;
