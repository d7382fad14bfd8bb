/**
 * A streaming reader of .xlsx workbooks (SpreadsheetML, as Excel, WPS and LibreOffice write it,
 * transitional or strict): the sheet XML is inflated and scanned row by row, so a 100,000-row
 * sheet never sits in memory whole. Cells come out as they are stored: shared and inline strings,
 * numbers (dates are serials), booleans, error values, and the cached value of a formula (the
 * formula itself is never read). Phonetic guides (rPh) are left out of strings.
 */
import { EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from '../../domain/sheets/layout';
import type { RawCell } from '../../domain/sheets/cells';
import { excelError } from './errors';
import { inflateEntry, inflateEntryChunks, readZipDirectory, type ZipEntry, type ZipLimits } from './zip';
import type { RowData, SheetInfo, WorkbookSource } from './source';

const ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(ATTR)) {
    const name = m[1]!;
    const local = name.includes(':') && !name.startsWith('xmlns') && !name.startsWith('r:') ? name.slice(name.indexOf(':') + 1) : name;
    out[local] = decodeXml(m[2] ?? m[3] ?? '');
  }
  return out;
}

const ENTITY = /&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g;
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

export function decodeXml(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_, e: string) => {
    switch (e) {
      case 'amp':
        return '&';
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      default: {
        const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
      }
    }
  });
}

/** Text of a string item (<si> or <is>): its <t> runs, without phonetic runs; _xHHHH_ escapes decoded. */
function stringItem(xml: string): string {
  let s = xml;
  if (s.indexOf('rPh') >= 0) s = s.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '');
  let out = '';
  for (const m of s.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?t>/g)) out += m[1];
  out = decodeXml(out);
  return out.indexOf('_x') >= 0 ? out.replace(OOXML_ESCAPE, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : out;
}

/** Resolve a relationship target against the folder of the part that holds it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function relsOf(buf: Buffer, dir: Map<string, ZipEntry>, part: string): { id: string; type: string; target: string }[] {
  const slash = part.lastIndexOf('/');
  const relsPath = `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
  const e = dir.get(relsPath);
  if (!e) return [];
  const xml = inflateEntry(buf, e).toString('utf8');
  const out: { id: string; type: string; target: string }[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)\/?>/g)) {
    const a = attrs(m[1]!);
    if (a.Id && a.Target && a.TargetMode !== 'External') out.push({ id: a.Id, type: a.Type ?? '', target: resolveTarget(part, a.Target) });
  }
  return out;
}

/** Incremental decoding of UTF-8 chunks into complete elements matched by `re` (global). */
async function* elements(chunks: AsyncIterable<Buffer>, re: RegExp, maxTail = 64 * 1024 * 1024): AsyncGenerator<RegExpExecArray> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for await (const chunk of chunks) {
    text += decoder.decode(chunk, { stream: true });
    re.lastIndex = 0;
    let end = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      end = re.lastIndex;
      yield m;
    }
    // What is left starts an element not yet complete. Keep from the last '<' that could open it.
    const rest = text.slice(end);
    text = rest;
    if (text.length > maxTail) throw excelError('FILE_CORRUPT', { reason: 'element too large' });
  }
  text += decoder.decode();
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) yield m;
}

const ROW_RE = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;
const CELL_RE = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const V_RE = /<(?:\w+:)?v(?:\s[^>]*)?>([^<]*)<\/(?:\w+:)?v>/;
const IS_RE = /<(?:\w+:)?is(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?is>/;

function attr(a: string, name: string): string | undefined {
  // Fast path for the few attributes a cell or row has: r, t, s.
  const i = a.indexOf(` ${name}="`);
  if (i < 0) {
    const j = a.indexOf(` ${name}='`);
    if (j < 0) return undefined;
    return a.slice(j + name.length + 3, a.indexOf("'", j + name.length + 3));
  }
  return a.slice(i + name.length + 3, a.indexOf('"', i + name.length + 3));
}

function colOfRef(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n - 1;
}

export async function openXlsx(buf: Buffer, limits?: ZipLimits): Promise<WorkbookSource> {
  const dir = readZipDirectory(buf, limits);
  const rootRels = relsOf(buf, dir, '');
  const wbPath = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? (dir.has('xl/workbook.xml') ? 'xl/workbook.xml' : undefined);
  const wbEntry = wbPath ? dir.get(wbPath) : undefined;
  if (!wbEntry) {
    const mimetype = dir.get('mimetype');
    if (mimetype && inflateEntry(buf, mimetype).toString('latin1').includes('opendocument.spreadsheet')) throw excelError('UNSUPPORTED_FORMAT', { format: 'ods' });
    throw excelError('NOT_A_SPREADSHEET');
  }
  const wbXml = inflateEntry(buf, wbEntry).toString('utf8');
  const rels = relsOf(buf, dir, wbPath!);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const pr = /<(?:\w+:)?workbookPr\b([^>]*)\/?>/.exec(wbXml);
  const date1904 = pr ? ['1', 'true'].includes(attrs(pr[1]!).date1904 ?? '') : false;
  const sheets: (SheetInfo & { path: string })[] = [];
  for (const m of wbXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
    const a = attrs(m[1]!);
    const rid = a.id ?? Object.entries(a).find(([k]) => k.endsWith(':id') || k === 'r:id')?.[1];
    const rel = rid ? byId.get(rid) : undefined;
    if (!a.name || !rel || !rel.type.endsWith('/worksheet')) continue; // chart sheets, dialog sheets
    sheets.push({ name: a.name, hidden: a.state === 'hidden' || a.state === 'veryHidden', path: rel.target });
  }
  if (sheets.length === 0) throw excelError('NOT_A_SPREADSHEET');

  let sst: string[] | undefined;
  const sstPath = rels.find((r) => r.type.endsWith('/sharedStrings'))?.target;
  async function sharedStrings(): Promise<string[]> {
    if (sst) return sst;
    sst = [];
    const e = sstPath ? dir.get(sstPath) : undefined;
    if (e) {
      const re = /<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g;
      for await (const m of elements(inflateEntryChunks(buf, e), re)) sst.push(m[1] ? stringItem(m[1]) : '');
    }
    return sst;
  }

  async function* rows(sheetName: string): AsyncGenerator<RowData> {
    const info = sheets.find((s) => s.name === sheetName);
    const e = info ? dir.get(info.path) : undefined;
    if (!info || !e) throw excelError('FILE_CORRUPT', { sheet: sheetName });
    const strings = await sharedStrings();
    yield* sheetRows(inflateEntryChunks(buf, e), strings, sheetName);
  }

  return { format: 'xlsx', date1904, sheets: sheets.map(({ name, hidden }) => ({ name, hidden })), rows };
}

// ------------------------------------------------------------------------------------------------
// Sheet rows

const tooManyColumns = (sheet: string) => excelError('TOO_MANY_COLUMNS', { sheet, max: EXCEL_MAX_COLUMNS.toLocaleString('en') });

/** A cell's value from its type (t) and its <v> text, or its inline string. */
function cellValue(t: string | undefined, raw: string | undefined, inline: string | undefined, strings: readonly string[]): RawCell | undefined {
  if (t === 'inlineStr') return inline === undefined ? '' : stringItem(inline);
  if (raw === undefined) return undefined;
  switch (t) {
    case 's': {
      const s = strings[Number(raw)];
      return s === undefined ? null : s;
    }
    case 'str':
    case 'd': {
      const s = decodeXml(raw);
      return s.indexOf('_x') >= 0 ? s.replace(OOXML_ESCAPE, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
    }
    case 'b':
      return raw.trim() === '1' || raw.trim() === 'true';
    case 'e':
      return { error: decodeXml(raw) };
    default: {
      if (raw.trim() === '') return undefined;
      const n = Number(raw);
      return Number.isFinite(n) ? n : decodeXml(raw);
    }
  }
}

/** Column index of the letters at text[i…] (a cell reference such as AB12), -1 when none. */
function colAt(text: string, i: number): number {
  let n = 0;
  for (;;) {
    const c = text.charCodeAt(i++);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else return n - 1;
    if (n > EXCEL_MAX_COLUMNS + 1) return EXCEL_MAX_COLUMNS;
  }
}

/**
 * The rows of a sheet's XML, decoded chunk by chunk. Sheets whose elements carry no namespace
 * prefix (Excel, WPS, LibreOffice) are scanned with indexOf; prefixed ones (<x:row>, written by
 * some generators) with regular expressions. Either way only complete rows are read from a chunk;
 * the rest waits for the next one.
 */
async function* sheetRows(chunks: AsyncIterable<Buffer>, strings: readonly string[], sheet: string): AsyncGenerator<RowData> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  let prevRow = 0;
  let prefixed: boolean | undefined;
  const rowNumber = (r: number | undefined) => {
    const row = r ?? prevRow + 1;
    if (!Number.isInteger(row) || row < 1) throw excelError('FILE_CORRUPT', { sheet });
    if (row > EXCEL_MAX_ROWS) throw excelError('TOO_MANY_ROWS', { sheet });
    prevRow = row;
    return row;
  };

  /** Scan complete rows of `text`; returns where the incomplete rest starts. */
  function* fast(): Generator<RowData, number> {
    let pos = 0;
    let done = 0;
    for (;;) {
      const i = text.indexOf('<row', pos);
      if (i < 0) return text.length - done > 16 ? Math.max(done, text.lastIndexOf('<')) : done;
      const after = text.charCodeAt(i + 4);
      if (after !== 32 && after !== 62 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
        pos = i + 4;
        done = pos;
        continue;
      }
      const gt = text.indexOf('>', i);
      if (gt < 0) return i;
      const ri = text.indexOf(' r="', i);
      const r = ri >= 0 && ri < gt ? Number(text.slice(ri + 4, text.indexOf('"', ri + 4))) : undefined;
      if (text.charCodeAt(gt - 1) === 47) {
        rowNumber(r);
        pos = done = gt + 1;
        continue;
      }
      const end = text.indexOf('</row>', gt);
      if (end < 0) return i;
      const row = rowNumber(r);
      const cells: RawCell[] = [];
      let col = -1;
      let p = gt + 1;
      for (;;) {
        const c = text.indexOf('<c', p);
        if (c < 0 || c >= end) break;
        const ch = text.charCodeAt(c + 2);
        if (ch !== 32 && ch !== 62 && ch !== 47 && ch !== 9 && ch !== 10 && ch !== 13) {
          p = c + 2;
          continue;
        }
        const cgt = text.indexOf('>', c);
        const refAt = text.indexOf(' r="', c);
        col = refAt >= 0 && refAt < cgt ? colAt(text, refAt + 4) : col + 1;
        if (col < 0 || col >= EXCEL_MAX_COLUMNS) throw tooManyColumns(sheet);
        if (text.charCodeAt(cgt - 1) === 47) {
          p = cgt + 1;
          continue;
        }
        const close = text.indexOf('</c>', cgt);
        if (close < 0 || close > end) throw excelError('FILE_CORRUPT', { sheet });
        const ta = text.indexOf(' t="', c);
        const t = ta >= 0 && ta < cgt ? text.slice(ta + 4, text.indexOf('"', ta + 4)) : undefined;
        let raw: string | undefined;
        let inline: string | undefined;
        if (t === 'inlineStr') {
          const is = text.indexOf('<is>', cgt);
          if (is >= 0 && is < close) inline = text.slice(is + 4, text.indexOf('</is>', is));
        } else {
          let v = text.indexOf('<v', cgt);
          if (v >= 0 && v < close) {
            v = text.indexOf('>', v) + 1;
            raw = text.slice(v, text.indexOf('</v>', v));
          }
        }
        const value = cellValue(t, raw, inline, strings);
        if (value !== undefined) cells[col] = value;
        p = close + 4;
      }
      if (cells.length > 0) yield { row, cells };
      pos = done = end + 6;
    }
  }

  function* slow(final: boolean): Generator<RowData, number> {
    const re = new RegExp(ROW_RE.source, 'g');
    let done = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      done = re.lastIndex;
      const ra = m[1]!;
      const rAttr = attr(ra, 'r');
      const row = rowNumber(rAttr !== undefined ? Number(rAttr) : undefined);
      const body = m[2];
      if (!body) continue;
      const cells: RawCell[] = [];
      let col = -1;
      const cre = new RegExp(CELL_RE.source, 'g');
      let c: RegExpExecArray | null;
      while ((c = cre.exec(body)) !== null) {
        const ca = c[1]!;
        const ref = attr(ca, 'r');
        col = ref !== undefined ? colOfRef(ref) : col + 1;
        if (col < 0 || col >= EXCEL_MAX_COLUMNS) throw tooManyColumns(sheet);
        const inner = c[2];
        if (!inner) continue;
        const t = attr(ca, 't');
        const v = V_RE.exec(inner);
        const is = IS_RE.exec(inner);
        const value = cellValue(t, v ? v[1] : undefined, is ? is[1] : undefined, strings);
        if (value !== undefined) cells[col] = value;
      }
      if (cells.length > 0) yield { row, cells };
    }
    return final ? text.length : done;
  }

  const MAX_TAIL = 64 * 1024 * 1024;
  for await (const chunk of chunks) {
    text += decoder.decode(chunk, { stream: true });
    prefixed ??= /<[A-Za-z_][\w.-]*:(?:row|c)\b/.test(text.slice(0, 1 << 20));
    const rest = yield* prefixed ? slow(false) : fast();
    text = text.slice(rest);
    if (text.length > MAX_TAIL) throw excelError('FILE_CORRUPT', { reason: 'element too large' });
  }
  text += decoder.decode();
  if (prefixed) yield* slow(true);
  else yield* fast();
}
