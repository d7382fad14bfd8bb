/**
 * A minimal zip writer and a strict, bounded zip reader (PKWARE APPNOTE 6.3), over Node's zlib.
 * Only what a filing package needs: stored and deflated entries, UTF-8 names, no zip64, no
 * encryption, no multi-disk. Why not a library: the reader's job is to refuse — symlinks,
 * duplicate and unsafe names, lying sizes, overlapping entries (the "overlapping files" zip bomb),
 * prepended or trailing data — before anything is inflated, and to inflate with a hard cap; that
 * is easier to see whole in 300 lines than to wrap around a general-purpose library.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { checkEntryName, collisionKey, LIMITS, problems, type PackageProblem } from '../../domain/package/index';

const inflateRawAsync = promisify<zlib.InputType, zlib.ZlibOptions, Buffer>(zlib.inflateRaw);

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;
const METHOD_STORE = 0;
const METHOD_DEFLATE = 8;
const MADE_BY_UNIX = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
const FILE_ATTRIBUTE_REPARSE_POINT = 0x400;

// ---- CRC-32 (zlib.crc32 where the runtime has it, Node ≥ 20.15 / 22.2; a table otherwise)

let table: Uint32Array | undefined;
function crc32Table(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = table[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function crc32(bytes: Uint8Array): number {
  const native = (zlib as unknown as { crc32?: (d: Uint8Array) => number }).crc32;
  return native ? native(bytes) >>> 0 : crc32Table(bytes);
}

// ---- writing

export interface ZipInput {
  name: string;
  data: Uint8Array;
  /** Deflate (default true); stored anyway when deflating does not make it smaller. */
  compress?: boolean;
  /** Unix mode in the external attributes; default 0o100644 (a regular file). */
  unixMode?: number;
  /** CRC and compressed bytes made beforehand (prepareZipEntry, perhaps in another thread). */
  prepared?: PreparedZipEntry;
}

/** What writeZip needs of an entry's data besides the data: its CRC-32 and, if smaller, its deflated bytes. */
export interface PreparedZipEntry {
  crc: number;
  /** Raw deflate of the data, or null: stored as it is (deflating did not make it smaller, or not asked). */
  deflated: Uint8Array | null;
}

/** The zlib level for an entry of `size` bytes: `level` if given, else 6, or 3 above 16 MiB. */
export function deflateLevel(size: number, level?: number): number {
  return level ?? (size > 16 * 2 ** 20 ? 3 : 6);
}

/** CRC-32 and raw deflate (kept only when smaller) of one entry's data, as writeZip makes them. */
export function prepareZipEntry(data: Uint8Array, compress: boolean, level?: number): PreparedZipEntry {
  let deflated: Uint8Array | null = null;
  if (compress && data.length > 0) {
    const d = zlib.deflateRawSync(data, { level: deflateLevel(data.length, level) });
    if (d.length < data.length) deflated = d;
  }
  return { crc: crc32(data), deflated };
}

export interface ZipWriteOptions {
  /** The entries' modification time (DOS format has no time zone: UTC fields are written). */
  mtime: Date;
  /** zlib level, 1–9. Default: 6, or 3 for an entry above 16 MiB (a third of the time, ~1.8× the size). */
  level?: number;
}

function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** One zip file: UTF-8 names, Unix regular-file mode 0644, local headers with sizes (no descriptors). */
export function writeZip(inputs: readonly ZipInput[], opts: ZipWriteOptions): Buffer {
  if (inputs.length > 0xffff) throw new RangeError('too many zip entries');
  const { time, date } = dosDateTime(opts.mtime);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const name = Buffer.from(input.name, 'utf8');
    const data = input.data;
    if (data.length >= 0xffffffff) throw new RangeError(`zip entry too large: ${input.name}`);
    const { crc, deflated } = input.prepared ?? prepareZipEntry(data, input.compress !== false, opts.level);
    const method = deflated ? METHOD_DEFLATE : METHOD_STORE;
    const stored: Uint8Array = deflated ?? data;
    const { local, cen } = entryHeaders({ method, crc, storedSize: stored.length, size: data.length, nameLength: name.length, time, date, offset, unixMode: input.unixMode ?? 0o100644 });
    parts.push(local, name, Buffer.from(stored.buffer, stored.byteOffset, stored.length));
    central.push(cen, name);
    offset += 30 + name.length + stored.length;
    if (offset >= 0xffffffff) throw new RangeError('zip file too large');
  }
  return Buffer.concat([...parts, ...central, endRecord(inputs.length, central, offset)]);
}

function entryHeaders(e: { method: number; crc: number; storedSize: number; size: number; nameLength: number; time: number; date: number; offset: number; unixMode: number }): { local: Buffer; cen: Buffer } {
  const local = Buffer.alloc(30);
  local.writeUInt32LE(SIG_LOCAL, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(FLAG_UTF8, 6);
  local.writeUInt16LE(e.method, 8);
  local.writeUInt16LE(e.time, 10);
  local.writeUInt16LE(e.date, 12);
  local.writeUInt32LE(e.crc, 14);
  local.writeUInt32LE(e.storedSize, 18);
  local.writeUInt32LE(e.size, 22);
  local.writeUInt16LE(e.nameLength, 26);
  local.writeUInt16LE(0, 28);

  const cen = Buffer.alloc(46);
  cen.writeUInt32LE(SIG_CENTRAL, 0);
  cen.writeUInt16LE((MADE_BY_UNIX << 8) | 20, 4);
  cen.writeUInt16LE(20, 6);
  cen.writeUInt16LE(FLAG_UTF8, 8);
  cen.writeUInt16LE(e.method, 10);
  cen.writeUInt16LE(e.time, 12);
  cen.writeUInt16LE(e.date, 14);
  cen.writeUInt32LE(e.crc, 16);
  cen.writeUInt32LE(e.storedSize, 20);
  cen.writeUInt32LE(e.size, 24);
  cen.writeUInt16LE(e.nameLength, 28);
  // extra, comment, disk number start, internal attributes: 0
  cen.writeUInt32LE((e.unixMode << 16) >>> 0, 38);
  cen.writeUInt32LE(e.offset, 42);
  return { local, cen };
}

function endRecord(count: number, central: readonly Buffer[], cdOffset: number): Buffer {
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(SIG_EOCD, 0);
  eocd.writeUInt16LE(count, 8);
  eocd.writeUInt16LE(count, 10);
  eocd.writeUInt32LE(central.reduce((n, b) => n + b.length, 0), 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return eocd;
}

/**
 * A zip of some entries of `zip` (a zip this module wrote), their compressed bytes copied as they
 * are (nothing inflated or deflated again): names, times, CRCs and sizes unchanged.
 */
export function zipSubset(zip: Buffer, keep: (name: string) => boolean): Buffer {
  const dir = readZipDirectory(zip);
  if (dir.problems.length > 0) throw new Error(`zipSubset: not a well-formed zip: ${dir.problems.map((p) => p.code).join(', ')}`);
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const e of dir.entries) {
    if (!keep(e.name)) continue;
    const name = Buffer.from(e.name, 'utf8');
    const time = zip.readUInt16LE(e.localOffset + 10);
    const date = zip.readUInt16LE(e.localOffset + 12);
    const { local, cen } = entryHeaders({ method: e.method, crc: e.crc32, storedSize: e.compressedSize, size: e.size, nameLength: name.length, time, date, offset, unixMode: 0o100644 });
    parts.push(local, name, zip.subarray(e.dataStart, e.dataStart + e.compressedSize));
    central.push(cen, name);
    offset += 30 + name.length + e.compressedSize;
    count++;
  }
  return Buffer.concat([...parts, ...central, endRecord(count, central, offset)]);
}


// ---- reading

export interface ZipEntry {
  name: string;
  isDirectory: boolean;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  /** Where the entry's local header starts in the file. */
  localOffset: number;
  /** Where the entry's (compressed) data starts in the file. */
  dataStart: number;
}

export interface ZipReadLimits {
  maxEntries: number;
  /** Unpacked size allowed for an entry, by name (the verifier gives tag files less room). */
  maxEntryBytes: (name: string) => number;
  maxTotalBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipReadLimits = {
  maxEntries: LIMITS.maxEntries,
  maxEntryBytes: () => LIMITS.maxPayloadFileBytes,
  maxTotalBytes: LIMITS.maxTotalUnpackedBytes,
};

export interface ZipDirectory {
  entries: ZipEntry[];
  /** Fatal when non-empty: nothing should be inflated. */
  problems: PackageProblem[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function findEocd(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === SIG_EOCD && i + 22 + buf.readUInt16LE(i + 20) === buf.length) return i;
  }
  return -1;
}

/**
 * Read and check the central directory: structure, limits (from the declared sizes, before any
 * inflating), names, symlinks, duplicates, and that every entry's local header agrees with it
 * and that no two entries' data overlap. Problems are collected for every entry.
 */
export function readZipDirectory(buf: Buffer, limits: ZipReadLimits = DEFAULT_ZIP_LIMITS): ZipDirectory {
  const fatal = (p: PackageProblem): ZipDirectory => ({ entries: [], problems: [p] });
  if (buf.length < 22) return fatal(problems.notAPackage('文件太短', 'the file is too short'));
  if (buf.readUInt32LE(0) !== SIG_LOCAL && buf.readUInt32LE(0) !== SIG_EOCD) return fatal(problems.notAPackage('不是 zip 文件', 'not a zip file'));
  const eocd = findEocd(buf);
  if (eocd < 0) return fatal(problems.zipCorrupt('no end of central directory record'));
  if (eocd >= 20 && buf.readUInt32LE(eocd - 20) === SIG_ZIP64_LOCATOR) return fatal(problems.zipUnsupported('zip64'));
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const onDisk = buf.readUInt16LE(eocd + 8);
  const total = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (disk !== 0 || cdDisk !== 0 || onDisk !== total) return fatal(problems.zipUnsupported('multi-disk archive'));
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return fatal(problems.zipUnsupported('zip64'));
  if (total > limits.maxEntries) return fatal(problems.tooLarge('包内文件数', 'The number of entries', total, limits.maxEntries));
  if (cdOffset + cdSize !== eocd) return fatal(problems.zipCorrupt('the central directory is not where the end record says (data before or after the zip?)'));

  const entries: ZipEntry[] = [];
  const found: PackageProblem[] = [];
  const seen = new Map<string, string>();
  let totalSize = 0;
  let p = cdOffset;
  for (let i = 0; i < total; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== SIG_CENTRAL) return fatal(problems.zipCorrupt(`central directory entry ${i + 1} is malformed`));
    const madeBy = buf.readUInt16LE(p + 4);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const diskStart = buf.readUInt16LE(p + 34);
    const external = buf.readUInt32LE(p + 38);
    const localOffset = buf.readUInt32LE(p + 42);
    const next = p + 46 + nameLen + extraLen + commentLen;
    if (next > eocd) return fatal(problems.zipCorrupt(`central directory entry ${i + 1} runs past its end`));
    const rawName = buf.subarray(p + 46, p + 46 + nameLen);
    p = next;

    let name: string;
    try {
      name = utf8.decode(rawName);
    } catch {
      found.push(problems.pathInvalid(rawName.toString('latin1'), 'not UTF-8'));
      continue;
    }
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff || diskStart === 0xffff) {
      found.push(problems.zipUnsupported('zip64', name));
      continue;
    }
    const unixMode = (madeBy >>> 8) === MADE_BY_UNIX ? external >>> 16 : 0;
    if ((unixMode & S_IFMT) === S_IFLNK || (external & FILE_ATTRIBUTE_REPARSE_POINT) !== 0) {
      found.push(problems.symlink(name));
      continue;
    }
    const isDirectory = name.endsWith('/') || (unixMode & S_IFMT) === S_IFDIR;
    const nameProblem = checkEntryName(name, isDirectory);
    if (nameProblem) {
      found.push(nameProblem);
      continue;
    }
    const key = collisionKey(isDirectory ? name.replace(/\/$/, '') : name);
    if (seen.has(key)) {
      found.push(problems.duplicateName(name));
      continue;
    }
    seen.set(key, name);
    if (flags & FLAG_ENCRYPTED) {
      found.push(problems.zipUnsupported('encrypted entry', name));
      continue;
    }
    if (method !== METHOD_STORE && method !== METHOD_DEFLATE) {
      found.push(problems.zipUnsupported(`compression method ${method}`, name));
      continue;
    }
    if (isDirectory && size !== 0) {
      found.push(problems.zipCorrupt('a directory entry with content', name));
      continue;
    }
    const cap = limits.maxEntryBytes(name);
    if (size > cap) {
      found.push(problems.tooLarge(`包内文件“${name}”解压后`, `The entry "${name}" unpacked`, size, cap, name));
      continue;
    }
    if (compressedSize > 0 && size / compressedSize > LIMITS.maxCompressionRatio) {
      found.push(problems.tooLarge(`包内文件“${name}”的压缩比异常，解压后`, `The entry "${name}" has an impossible compression ratio; unpacked it`, size, compressedSize * LIMITS.maxCompressionRatio, name));
      continue;
    }
    if (method === METHOD_STORE && compressedSize !== size) {
      found.push(problems.zipCorrupt('a stored entry whose sizes differ', name));
      continue;
    }
    totalSize += size;

    // The local header must agree with the central directory.
    if (localOffset + 30 > cdOffset || buf.readUInt32LE(localOffset) !== SIG_LOCAL) {
      found.push(problems.zipCorrupt('local header missing', name));
      continue;
    }
    const lFlags = buf.readUInt16LE(localOffset + 6);
    const lMethod = buf.readUInt16LE(localOffset + 8);
    const lNameLen = buf.readUInt16LE(localOffset + 26);
    const lExtraLen = buf.readUInt16LE(localOffset + 28);
    const dataStart = localOffset + 30 + lNameLen + lExtraLen;
    if (
      lMethod !== method ||
      (lFlags & FLAG_ENCRYPTED) !== 0 ||
      lNameLen !== nameLen ||
      !buf.subarray(localOffset + 30, localOffset + 30 + lNameLen).equals(rawName) ||
      dataStart + compressedSize > cdOffset
    ) {
      found.push(problems.zipCorrupt('the local header does not match the central directory', name));
      continue;
    }
    entries.push({ name, isDirectory, method, crc32: crc, compressedSize, size, localOffset, dataStart });
  }
  if (totalSize > limits.maxTotalBytes) found.push(problems.tooLarge('备案包解压后总大小', 'The package unpacked', totalSize, limits.maxTotalBytes));

  // No two entries may share bytes (one deflate stream referenced many times is a known zip bomb).
  const spans = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1]!;
    if (spans[i]!.localOffset < prev.dataStart + prev.compressedSize) {
      found.push(problems.zipCorrupt('entries overlap', spans[i]!.name));
    }
  }
  return { entries, problems: found };
}

/**
 * Inflate one entry with a hard cap at its declared size (a lying size is refused as soon as the
 * output passes it) and check its length and CRC-32.
 */
export function readZipEntry(buf: Buffer, e: ZipEntry): { data: Buffer } | { problem: PackageProblem } {
  const raw = buf.subarray(e.dataStart, e.dataStart + e.compressedSize);
  if (e.method === METHOD_STORE) return checkedEntry(e, raw);
  try {
    return checkedEntry(e, zlib.inflateRawSync(raw, inflateOptions(e)));
  } catch (err) {
    return { problem: inflateProblem(e, err) };
  }
}

/** readZipEntry, inflating on libuv's thread pool (while this thread does something else). */
export async function readZipEntryAsync(buf: Buffer, e: ZipEntry): Promise<{ data: Buffer } | { problem: PackageProblem }> {
  const raw = buf.subarray(e.dataStart, e.dataStart + e.compressedSize);
  if (e.method === METHOD_STORE) return checkedEntry(e, raw);
  try {
    return checkedEntry(e, await inflateRawAsync(raw, inflateOptions(e)));
  } catch (err) {
    return { problem: inflateProblem(e, err) };
  }
}

// maxOutputLength must be ≥ 1; an empty entry that claims to be deflated still inflates to nothing.
// One output chunk of the declared size: no concatenation of pieces, and the cap is exact.
const inflateOptions = (e: ZipEntry): zlib.ZlibOptions => ({ maxOutputLength: Math.max(1, e.size), chunkSize: Math.min(Math.max(64, e.size), 2 ** 30) });

function inflateProblem(e: ZipEntry, err: unknown): PackageProblem {
  if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
    return problems.tooLarge(`包内文件“${e.name}”实际解压后`, `The entry "${e.name}" actually unpacks to more than it declares and`, e.size + 1, e.size, e.name);
  return problems.zipCorrupt('the compressed data is damaged', e.name);
}

function checkedEntry(e: ZipEntry, data: Buffer): { data: Buffer } | { problem: PackageProblem } {
  if (data.length !== e.size) return { problem: problems.zipCorrupt('the unpacked size differs from the declared size', e.name) };
  if (crc32(data) !== e.crc32) return { problem: problems.zipCorrupt('CRC-32 mismatch', e.name) };
  return { data };
}
