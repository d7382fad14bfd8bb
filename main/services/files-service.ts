/**
 * Folder listing for the in-app file chooser. Lists names, kinds, sizes and times only; never
 * opens a file. Errors name the folder and say why in both languages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FolderListing, FileEntry } from '../domain/files';
import { DomainError } from '../domain/errors';

const MAX_ENTRIES = 5000;

function places(): FolderListing['places'] {
  const home = os.homedir();
  const out: FolderListing['places'] = [{ label: 'home', path: home }];
  for (const name of ['Documents', 'Desktop', 'Downloads', '文档', '桌面', '下载']) {
    const p = path.join(home, name);
    if (safeIsDir(p)) out.push({ label: name, path: p });
  }
  if (process.platform === 'win32') {
    for (const letter of 'CDEFGHIJ') {
      const p = `${letter}:\\`;
      if (safeIsDir(p)) out.push({ label: p, path: p });
    }
  } else {
    out.push({ label: '/', path: '/' });
    if (safeIsDir('/tmp')) out.push({ label: '/tmp', path: '/tmp' });
  }
  return out;
}

function safeIsDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function createFilesService() {
  return {
    list(input: { dir?: string | undefined; extensions?: string[] | undefined }): FolderListing {
      const start = input.dir ?? (safeIsDir(path.join(os.homedir(), 'Documents')) ? path.join(os.homedir(), 'Documents') : os.homedir());
      const dir = path.resolve(start);
      let dirents: fs.Dirent[];
      try {
        dirents = fs.readdirSync(dir, { withFileTypes: true });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? 'EIO';
        throw new DomainError(
          'FOLDER_UNREADABLE',
          `无法打开文件夹“${dir}”（${code === 'ENOENT' ? '不存在' : code === 'EACCES' || code === 'EPERM' ? '没有权限' : code === 'ENOTDIR' ? '不是文件夹' : code}）。`,
          `Cannot open the folder "${dir}" (${code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOTDIR' ? 'not a folder' : code}).`,
          { dir, reason: code },
        );
      }
      const exts = input.extensions && input.extensions.length > 0 ? new Set(input.extensions) : null;
      const entries: FileEntry[] = [];
      let truncated = false;
      for (const d of dirents) {
        if (d.name.startsWith('.')) continue;
        const full = path.join(dir, d.name);
        let st: fs.Stats;
        try {
          st = fs.statSync(full);
        } catch {
          continue;
        }
        const kind = st.isDirectory() ? 'dir' : st.isFile() ? 'file' : null;
        if (!kind) continue;
        if (kind === 'file' && exts && !exts.has(path.extname(d.name).slice(1).toLowerCase())) continue;
        if (entries.length >= MAX_ENTRIES) {
          truncated = true;
          break;
        }
        entries.push({ name: d.name, path: full, kind, size: kind === 'file' ? st.size : 0, modified: st.mtime.toISOString() });
      }
      const collator = new Intl.Collator('zh-CN', { numeric: true });
      entries.sort((a, b) => (a.kind === b.kind ? collator.compare(a.name, b.name) : a.kind === 'dir' ? -1 : 1));
      const parent = path.dirname(dir);
      return { dir, parent: parent === dir ? null : parent, entries, truncated, places: places(), sep: path.sep };
    },
  };
}
