/**
 * Folder listing for the in-app file chooser (lists names, kinds, sizes and times only; never
 * opens a file), and saving a picture the page made (a chart as PNG) where the user chose. Errors
 * name the folder or file and say why in both languages.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_IMAGE_BYTES, PNG_SIGNATURE, type FolderListing, type FileEntry, type SavedImage } from '../domain/files';
import { DomainError } from '../domain/errors';
import { writeFileSafely } from './package/files';

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

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);

/** The PNG bytes of a save request, or a DomainError saying what is wrong with it. */
function pngBytes(target: string, pngBase64: string): Buffer {
  if (!path.isAbsolute(target))
    throw new DomainError('PATH_NOT_ABSOLUTE', `请填写图片文件的完整路径（“${target}”不是完整路径）`, `Give the full (absolute) path of the picture file ("${target}" is not one)`, { path: target });
  if (path.extname(target).toLowerCase() !== '.png')
    throw new DomainError('IMAGE_NAME_NOT_PNG', `图片文件名须以 .png 结尾：“${path.basename(target)}”`, `The picture's file name must end in .png: "${path.basename(target)}"`, { path: target });
  // Size first (from the length, before decoding anything large).
  const approx = Math.floor((pngBase64.length * 3) / 4);
  if (approx - 2 > MAX_IMAGE_BYTES)
    throw new DomainError('IMAGE_TOO_LARGE', `图片过大（约 ${mb(approx)} MB），最大 ${mb(MAX_IMAGE_BYTES)} MB`, `The picture is too large (about ${mb(approx)} MB); at most ${mb(MAX_IMAGE_BYTES)} MB`, { bytes: approx, max: MAX_IMAGE_BYTES });
  const notPng = (why: string) =>
    new DomainError('IMAGE_NOT_PNG', '要保存的内容不是 PNG 图片，未写入文件', 'What was to be saved is not a PNG picture; nothing was written', { path: target, why });
  if (pngBase64.length % 4 !== 0 || !BASE64.test(pngBase64)) throw notPng('not base64');
  const bytes = Buffer.from(pngBase64, 'base64');
  if (bytes.length > MAX_IMAGE_BYTES)
    throw new DomainError('IMAGE_TOO_LARGE', `图片过大（${mb(bytes.length)} MB），最大 ${mb(MAX_IMAGE_BYTES)} MB`, `The picture is too large (${mb(bytes.length)} MB); at most ${mb(MAX_IMAGE_BYTES)} MB`, { bytes: bytes.length, max: MAX_IMAGE_BYTES });
  if (bytes.length < PNG_SIGNATURE.length || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw notPng('no PNG signature');
  return bytes;
}

export function createFilesService() {
  return {
    /** Write a PNG the page made: checked, then a temp file beside the target renamed into place. */
    saveImage(input: { path: string; pngBase64: string; overwrite?: boolean | undefined }): SavedImage {
      const target = input.path.trim();
      const bytes = pngBytes(target, input.pngBase64);
      const file = path.resolve(target);
      writeFileSafely(file, bytes, { overwrite: input.overwrite === true });
      return { path: file, bytes: bytes.length };
    },
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
