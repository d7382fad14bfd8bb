/**
 * Writing export files safely: never over an existing file unless asked, never a half-written
 * file under the final name (a temp file beside it, flushed, then renamed), and the two steps
 * separable so that a database commit can sit between them.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../domain/errors';

export const outputExists = (file: string) =>
  new DomainError('OUTPUT_EXISTS', `文件“${path.basename(file)}”已存在，未覆盖`, `The file "${path.basename(file)}" already exists and was not overwritten`, { path: file });

const cannotWrite = (file: string, e: unknown) =>
  new DomainError(
    'OUTPUT_NOT_WRITABLE',
    `无法写入文件“${path.basename(file)}”：${(e as NodeJS.ErrnoException).code ?? '未知错误'}`,
    `Cannot write "${path.basename(file)}": ${(e as NodeJS.ErrnoException).code ?? 'unknown error'}`,
    { path: file, code: (e as NodeJS.ErrnoException).code },
  );

export const inputNotReadable = (file: string, e: unknown) =>
  new DomainError(
    'INPUT_NOT_READABLE',
    `无法读取文件“${path.basename(file)}”：${(e as NodeJS.ErrnoException).code ?? '未知错误'}`,
    `Cannot read "${path.basename(file)}": ${(e as NodeJS.ErrnoException).code ?? 'unknown error'}`,
    { path: file, code: (e as NodeJS.ErrnoException).code },
  );

export interface StagedFile {
  /** Rename the staged file to its final name. */
  commit(): void;
  /** Remove the staged file (after a failure). */
  discard(): void;
}

/** Write `data` to a temp file beside `file` and flush it; commit() renames it into place. */
export function stageFile(file: string, data: Uint8Array, opts: { overwrite?: boolean; mode?: number } = {}): StagedFile {
  if (!opts.overwrite && fs.existsSync(file)) throw outputExists(file);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'wx', opts.mode ?? 0o644);
    try {
      let off = 0;
      while (off < data.length) off += fs.writeSync(fd, data, off, data.length - off);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw cannotWrite(file, e);
  }
  return {
    commit() {
      try {
        if (!opts.overwrite && fs.existsSync(file)) throw outputExists(file);
        fs.renameSync(tmp, file);
      } catch (e) {
        fs.rmSync(tmp, { force: true });
        if (e instanceof DomainError) throw e;
        throw cannotWrite(file, e);
      }
    },
    discard() {
      fs.rmSync(tmp, { force: true });
    },
  };
}

export function writeFileSafely(file: string, data: Uint8Array, opts: { overwrite?: boolean; mode?: number } = {}): void {
  stageFile(file, data, opts).commit();
}

/** Read a whole file, refusing anything above `maxBytes` before reading it. */
export function readFileBounded(file: string, maxBytes: number, tooLarge: (size: number) => Error): Buffer {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw inputNotReadable(file, e);
  }
  if (!st.isFile()) throw inputNotReadable(file, { code: 'EISDIR' });
  if (st.size > maxBytes) throw tooLarge(st.size);
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw inputNotReadable(file, e);
  }
}
