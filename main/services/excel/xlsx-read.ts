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
    let prevRow = 0;
    for await (const m of elements(inflateEntryChunks(buf, e), new RegExp(ROW_RE.source, 'g'))) {
      const ra = m[1]!;
      const rAttr = attr(ra, 'r');
      const row = rAttr !== undefined ? Number(rAttr) : prevRow + 1;
      if (!Number.isInteger(row) || row < 1) throw excelError('FILE_CORRUPT', { sheet: sheetName });
      if (row > EXCEL_MAX_ROWS) throw excelError('TOO_MANY_ROWS', { sheet: sheetName });
      prevRow = row;
      const body = m[2];
      if (!body) continue;
      const cells: RawCell[] = [];
      let col = -1;
      CELL_RE.lastIndex = 0;
      let c: RegExpExecArray | null;
      while ((c = CELL_RE.exec(body)) !== null) {
        const ca = c[1]!;
        const ref = attr(ca, 'r');
        col = ref !== undefined ? colOfRef(ref) : col + 1;
        if (col < 0 || col >= EXCEL_MAX_COLUMNS) throw excelError('TOO_MANY_COLUMNS', { sheet: sheetName, max: EXCEL_MAX_COLUMNS.toLocaleString('en') });
        const inner = c[2];
        if (!inner) continue;
        const t = attr(ca, 't');
        let value: RawCell = null;
        if (t === 'inlineStr') {
          const is = IS_RE.exec(inner);
          value = is ? stringItem(is[1]!) : '';
        } else {
          const v = V_RE.exec(inner);
          if (!v) continue;
          const raw = v[1]!;
          switch (t) {
            case 's': {
              const s = strings[Number(raw)];
              value = s === undefined ? null : s;
              break;
            }
            case 'str':
            case 'd': {
              const s = decodeXml(raw);
              value = s.indexOf('_x') >= 0 ? s.replace(OOXML_ESCAPE, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
              break;
            }
            case 'b':
              value = raw.trim() === '1' || raw.trim() === 'true';
              break;
            case 'e':
              value = { error: decodeXml(raw) };
              break;
            default: {
              if (raw.trim() === '') continue;
              const n = Number(raw);
              value = Number.isFinite(n) ? n : decodeXml(raw);
            }
          }
        }
        cells[col] = value;
      }
      if (cells.length > 0) yield { row, cells };
    }
  }

  return { format: 'xlsx', date1904, sheets: sheets.map(({ name, hidden }) => ({ name, hidden })), rows };
}
