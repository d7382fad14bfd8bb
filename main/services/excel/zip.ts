/**
 * The ZIP container of .xlsx files, read and written without a third-party library.
 *
 * Reading checks the central directory before anything is inflated: entry count, declared sizes
 * and compression ratios are bounded (a zip bomb is refused from its directory alone), and an
 * entry is never inflated past its declared size (a lying directory cannot get round that).
 * Writing streams each entry to a sink (a file descriptor, or memory) in independent deflate
 * chunks, so a 100,000-row sheet never has to sit in memory as one string.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { excelError } from './errors';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  crc: number;
}

export interface ZipLimits {
  maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  maxTotal: number;
  /** Largest declared size of one entry. */
  maxEntry: number;
  /** An entry larger than ratioFloor that expands more than maxRatio times is a bomb. */
  maxRatio: number;
  ratioFloor: number;
}

/** A 1,048,576-row sheet written by LibreOffice is about 1.3 GB of XML, compressed about 12 times. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 5_000,
  maxTotal: 2 * 1024 ** 3,
  maxEntry: 1.8 * 1024 ** 3,
  maxRatio: 250,
  ratioFloor: 16 * 1024 ** 2,
};

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;
const ZIP64_EOCD_LOC_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;

export function isZip(buf: Buffer): boolean {
  return buf.length >= 4 && buf.readUInt32LE(0) === LOC_SIG;
}

function findEocd(buf: Buffer): number {
  const min = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= min; i--) if (buf.readUInt32LE(i) === EOCD_SIG) return i;
  return -1;
}

/** The central directory, checked against the limits. Throws FILE_TRUNCATED, FILE_CORRUPT, ZIP_BOMB, FILE_ENCRYPTED. */
export function readZipDirectory(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Map<string, ZipEntry> {
  const eocd = findEocd(buf);
  if (eocd < 0) throw excelError('FILE_TRUNCATED');
  let count = buf.readUInt16LE(eocd + 10);
  let cdSize = buf.readUInt32LE(eocd + 12);
  let cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== ZIP64_EOCD_LOC_SIG) throw excelError('FILE_CORRUPT');
    const z64 = Number(buf.readBigUInt64LE(loc + 8));
    if (z64 < 0 || z64 + 56 > buf.length || buf.readUInt32LE(z64) !== ZIP64_EOCD_SIG) throw excelError('FILE_TRUNCATED');
    count = Number(buf.readBigUInt64LE(z64 + 32));
    cdSize = Number(buf.readBigUInt64LE(z64 + 40));
    cdOffset = Number(buf.readBigUInt64LE(z64 + 48));
  }
  if (count > limits.maxEntries) throw excelError('ZIP_BOMB', { entries: count });
  if (cdOffset + cdSize > buf.length) throw excelError('FILE_TRUNCATED');
  const entries = new Map<string, ZipEntry>();
  let p = cdOffset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN_SIG) throw excelError('FILE_CORRUPT');
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    let compressedSize = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let localOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen + extraLen > buf.length) throw excelError('FILE_TRUNCATED');
    const name = buf.toString(flags & 0x800 ? 'utf8' : 'latin1', p + 46, p + 46 + nameLen);
    // ZIP64 extra field: the 0xFFFFFFFF values follow in order.
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      let e = p + 46 + nameLen;
      const end = e + extraLen;
      while (e + 4 <= end) {
        const id = buf.readUInt16LE(e);
        const len = buf.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (size === 0xffffffff) {
            size = Number(buf.readBigUInt64LE(q));
            q += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = Number(buf.readBigUInt64LE(q));
            q += 8;
          }
          if (localOffset === 0xffffffff) localOffset = Number(buf.readBigUInt64LE(q));
          break;
        }
        e += 4 + len;
      }
    }
    if (flags & 0x1) throw excelError('FILE_ENCRYPTED');
    if (size > limits.maxEntry) throw excelError('ZIP_BOMB', { entry: name, size });
    if (size > limits.ratioFloor && size > limits.maxRatio * Math.max(1, compressedSize)) throw excelError('ZIP_BOMB', { entry: name, size, compressedSize });
    total += size;
    if (total > limits.maxTotal) throw excelError('ZIP_BOMB', { total });
    if (localOffset + 30 > buf.length || localOffset + compressedSize > buf.length) throw excelError('FILE_TRUNCATED');
    entries.set(name, { name, method, flags, compressedSize, size, localOffset, crc });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The stored bytes of an entry (still compressed). */
function rawData(buf: Buffer, e: ZipEntry): Buffer {
  const p = e.localOffset;
  if (buf.readUInt32LE(p) !== LOC_SIG) throw excelError('FILE_CORRUPT');
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  if (start + e.compressedSize > buf.length) throw excelError('FILE_TRUNCATED');
  return buf.subarray(start, start + e.compressedSize);
}

/** A small entry, whole (workbook.xml, rels, styles). Never more than its declared size. */
export function inflateEntry(buf: Buffer, e: ZipEntry): Buffer {
  const data = rawData(buf, e);
  if (e.method === 0) return data;
  if (e.method !== 8) throw excelError('FILE_CORRUPT', { entry: e.name, method: e.method });
  try {
    const out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.size) });
    if (out.length !== e.size) throw excelError('FILE_CORRUPT', { entry: e.name });
    return out;
  } catch (err) {
    if (err instanceof Error && 'code' in err && (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw excelError('ZIP_BOMB', { entry: e.name });
    if (err instanceof Error && err.name === 'DomainError') throw err;
    throw excelError('FILE_CORRUPT', { entry: e.name });
  }
}

/**
 * A large entry as a stream of chunks, inflated as it is read: memory stays at a chunk, and the
 * total is checked against the declared size as it goes (a lying directory is caught too).
 */
export async function* inflateEntryChunks(buf: Buffer, e: ZipEntry): AsyncGenerator<Buffer> {
  const data = rawData(buf, e);
  if (e.method === 0) {
    for (let i = 0; i < data.length; i += 4 * 1024 * 1024) yield data.subarray(i, i + 4 * 1024 * 1024);
    return;
  }
  if (e.method !== 8) throw excelError('FILE_CORRUPT', { entry: e.name, method: e.method });
  const inflater = zlib.createInflateRaw({ chunkSize: 1024 * 1024 });
  const source = Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += 1024 * 1024) yield data.subarray(i, i + 1024 * 1024);
    })(),
  );
  source.on('error', (err) => inflater.destroy(err));
  source.pipe(inflater);
  let produced = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      produced += chunk.length;
      if (produced > e.size) throw excelError('ZIP_BOMB', { entry: e.name });
      yield chunk;
    }
  } catch (err) {
    if (err instanceof Error && err.name === 'DomainError') throw err;
    throw excelError(produced === 0 ? 'FILE_CORRUPT' : 'FILE_TRUNCATED', { entry: e.name });
  } finally {
    source.unpipe(inflater);
    source.destroy();
    inflater.destroy();
  }
  if (produced !== e.size) throw excelError('FILE_TRUNCATED', { entry: e.name });
}

// ------------------------------------------------------------------------------------------------
// Writing

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

export function crc32(buf: Buffer, prev = 0): number {
  const native = (zlib as unknown as { crc32?: (b: Buffer, v?: number) => number }).crc32;
  if (native) return native(buf, prev);
  let c = ~prev;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

const DOS_TIME = (d: Date) => ((d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2)) & 0xffff;
const DOS_DATE = (d: Date) => (((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate()) & 0xffff;

/**
 * Where a ZipWriter's bytes go: `write(bytes, position)` appends at the end, or overwrites bytes
 * written before (a local header, once its sizes and CRC are known). The same calls in the same
 * order, whatever the sink, so a workbook in memory is byte for byte the workbook on disk.
 */
export interface ZipSink {
  write(bytes: Buffer, position: number): void;
}

/** A sink writing to an open file descriptor (positional writes). */
export function fileSink(fd: number): ZipSink {
  return {
    write(b, position) {
      let done = 0;
      while (done < b.length) done += fs.writeSync(fd, b, done, b.length - done, position + done);
    },
  };
}

/** A sink keeping the bytes in memory (nothing touches the disk); `bytes()` joins them at the end. */
export class MemorySink implements ZipSink {
  private readonly chunks: Buffer[] = [];
  private readonly at = new Map<number, Buffer>();
  private length = 0;

  write(b: Buffer, position: number): void {
    if (position === this.length) {
      // Kept by reference: ZipWriter never reuses a buffer it has handed over, except to rewrite it here.
      this.chunks.push(b);
      this.at.set(position, b);
      this.length += b.length;
      return;
    }
    const target = this.at.get(position);
    if (!target || target.length !== b.length) throw new Error('MemorySink: a rewrite must cover exactly one earlier write');
    if (target !== b) b.copy(target);
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }
}

/** Writes a ZIP file entry by entry to a sink (a file descriptor, or memory). */
export class ZipWriter {
  private offset = 0;
  private readonly central: Buffer[] = [];
  private count = 0;
  private readonly time: number;
  private readonly date: number;
  private readonly sink: ZipSink;

  constructor(
    out: number | ZipSink,
    private readonly level = 6,
    when = new Date(),
  ) {
    this.sink = typeof out === 'number' ? fileSink(out) : out;
    this.time = DOS_TIME(when);
    this.date = DOS_DATE(when);
  }

  private write(b: Buffer) {
    this.sink.write(b, this.offset);
    this.offset += b.length;
  }

  /** An entry from chunks of text or bytes; each chunk is deflated on its own (sync-flushed). */
  add(name: string, chunks: Iterable<string | Buffer>): void {
    const nameBuf = Buffer.from(name, 'utf8');
    const headerAt = this.offset;
    const local = Buffer.alloc(30 + nameBuf.length);
    this.write(local); // written again below, with sizes and CRC
    let crc = 0;
    let size = 0;
    let csize = 0;
    let pending: Buffer | undefined;
    const flush = (b: Buffer, final: boolean) => {
      const out = zlib.deflateRawSync(b, { level: this.level, finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH });
      csize += out.length;
      this.write(out);
    };
    for (const c of chunks) {
      const b = typeof c === 'string' ? Buffer.from(c, 'utf8') : c;
      if (b.length === 0) continue;
      crc = crc32(b, crc);
      size += b.length;
      if (pending) flush(pending, false);
      pending = b;
    }
    flush(pending ?? Buffer.alloc(0), true);
    if (size > 0xfffffffe || csize > 0xfffffffe || headerAt > 0xfffffffe) throw new Error('zip entry too large');
    local.writeUInt32LE(LOC_SIG, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(this.time, 10);
    local.writeUInt16LE(this.date, 12);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(csize, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    nameBuf.copy(local, 30);
    this.sink.write(local, headerAt);
    const cen = Buffer.alloc(46 + nameBuf.length);
    cen.writeUInt32LE(CEN_SIG, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(0x800, 8);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt16LE(this.time, 12);
    cen.writeUInt16LE(this.date, 14);
    cen.writeUInt32LE(crc >>> 0, 16);
    cen.writeUInt32LE(csize, 20);
    cen.writeUInt32LE(size, 24);
    cen.writeUInt16LE(nameBuf.length, 28);
    cen.writeUInt32LE(headerAt, 42);
    nameBuf.copy(cen, 46);
    this.central.push(cen);
    this.count++;
  }

  finish(): void {
    const start = this.offset;
    for (const c of this.central) this.write(c);
    const size = this.offset - start;
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(EOCD_SIG, 0);
    eocd.writeUInt16LE(this.count, 8);
    eocd.writeUInt16LE(this.count, 10);
    eocd.writeUInt32LE(size, 12);
    eocd.writeUInt32LE(start, 16);
    this.write(eocd);
  }
}
